"""The team's audit thresholds and cadence defaults, kept in the workspace and shown in every audit.

A team manager changes them with ``team settings --set KEY=VALUE``; each change is kept in the
history. A case's own cadence (``cadence --cin-meeting DAYS``) still wins over the team's default.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from chronology.workspace import Workspace, now_iso

LEVELS = ("green", "amber", "red")


@dataclass(frozen=True)
class Setting:
    """One threshold: its default, what it means, and the kind of value it takes."""

    key: str
    default: int | bool | str
    meaning: str
    minimum: int = 0


SETTINGS: tuple[Setting, ...] = (
    Setting("cin_meeting_days", 84, "Child in Need meeting at least every N days (team default)"),
    Setting("home_visit_days", 28, "home visit at least every N days (team default)"),
    Setting("supervision_days", 31, "supervision at least every N days (team default)"),
    Setting(
        "gap_red_percent",
        134,
        "a gap longer than N% of its rule is red, shorter overruns amber (134: over 16 weeks "
        "for a 12-week rule)",
        100,
    ),
    Setting(
        "proceedings_gap_red", True, "a gap while court proceedings were open is red, however short"
    ),
    Setting("review_due_soon_days", 7, "a primary risk review due within N days is amber"),
    Setting(
        "trip_review_days",
        14,
        "a trip-wire reviewed more than N days after it fired is amber (never reviewed: red)",
    ),
    Setting("silent_agency_days", 183, "an agency with no record for N days has fallen silent", 1),
    Setting(
        "silent_agency_min_records", 5, "only agencies with at least N records can fall silent", 1
    ),
    Setting(
        "outcome_grace_days", 28, "a significant or key entry older than N days needs an outcome"
    ),
    Setting("no_primary_risk", "amber", "the colour of a case with no primary risk recorded"),
)
BY_KEY = {s.key: s for s in SETTINGS}
_TRUE = {"1", "true", "yes", "on", "y"}
_FALSE = {"0", "false", "no", "off", "n"}


class SettingsError(ValueError):
    """An unknown setting or a value it cannot take."""


@dataclass(frozen=True)
class TeamSettings:
    """The thresholds in force: the team's values laid over the defaults."""

    values: dict[str, int | bool | str]

    def int(self, key: str) -> int:
        """A whole-number setting."""
        return int(self.values[key])

    def flag(self, key: str) -> bool:
        """A yes/no setting."""
        return bool(self.values[key])

    def changed(self) -> dict[str, int | bool | str]:
        """The settings the team changed from the defaults."""
        return {k: v for k, v in self.values.items() if v != BY_KEY[k].default}

    def cadence_defaults(self) -> dict[str, int]:
        """The team's default cadence, rule by rule, in days."""
        return {
            "cin_meeting": self.int("cin_meeting_days"),
            "home_visit": self.int("home_visit_days"),
            "supervision": self.int("supervision_days"),
        }

    def as_json(self) -> dict[str, int | bool | str]:
        return dict(self.values)


def defaults() -> TeamSettings:
    """The shipped thresholds (DESIGN.md's cadence defaults)."""
    return TeamSettings({s.key: s.default for s in SETTINGS})


def normal_key(key: str) -> str:
    """'cin-meeting-days' and 'CIN_MEETING_DAYS' are 'cin_meeting_days'; unknown keys refused."""
    name = key.strip().lower().replace("-", "_")
    if name not in BY_KEY:
        raise SettingsError(f"unknown setting {key!r}; the settings are: {', '.join(BY_KEY)}")
    return name


def parse_value(key: str, text: str) -> int | bool | str:
    """A setting's value from text, checked against what the setting takes."""
    setting = BY_KEY[normal_key(key)]
    raw = str(text).strip().lower()
    if isinstance(setting.default, bool):
        if raw in _TRUE:
            return True
        if raw in _FALSE:
            return False
        raise SettingsError(f"{setting.key} takes yes or no, not {text!r}")
    if isinstance(setting.default, int):
        try:
            value = int(raw)
        except ValueError:
            raise SettingsError(f"{setting.key} takes a whole number, not {text!r}") from None
        if value < setting.minimum:
            raise SettingsError(f"{setting.key} must be at least {setting.minimum}, not {value}")
        return value
    if raw not in ("amber", "red"):
        raise SettingsError(f"{setting.key} takes amber or red, not {text!r}")
    return raw


def load_settings(ws: Workspace) -> TeamSettings:
    """The thresholds in force in this workspace."""
    values = dict(defaults().values)
    for key, value in ws.conn.execute("SELECT key, value FROM team_settings"):
        if key in BY_KEY:
            values[key] = json.loads(value)
    return TeamSettings(values)


def set_setting(ws: Workspace, key: str, value: str | None, who: str | None = None) -> TeamSettings:
    """Change one threshold (None puts the default back); the change is kept in history."""
    name = normal_key(key)
    old = load_settings(ws).values[name]
    new = BY_KEY[name].default if value is None else parse_value(name, value)
    with ws.transaction() as c:
        if value is None:
            c.execute("DELETE FROM team_settings WHERE key=?", (name,))
        else:
            c.execute(
                "INSERT INTO team_settings(key, value, updated_at, updated_by) VALUES (?,?,?,?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value, "
                "updated_at=excluded.updated_at, updated_by=excluded.updated_by",
                (name, json.dumps(new), now_iso(), who or ""),
            )
        ws.record_history("team_settings", 0, "set", {name: old}, {name: new}, who)
    return load_settings(ws)


def describe(settings: TeamSettings) -> list[str]:
    """One line a setting: 'cin_meeting_days = 84  (Child in Need meeting at least …)'."""
    lines = []
    for s in SETTINGS:
        value = settings.values[s.key]
        shown = ("yes" if value else "no") if isinstance(value, bool) else str(value)
        mark = "" if value == s.default else f" [default {s.default}]"
        lines.append(f"{s.key} = {shown}{mark}  ({s.meaning})")
    return lines
