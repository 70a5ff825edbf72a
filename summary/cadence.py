"""Cadence rules: how often meetings, visits and supervision must happen, and the gaps between.

Defaults (DESIGN.md): Child in Need meeting every 12 weeks, home visit every 4 weeks, supervision
monthly. A team changes its defaults in the workspace (``team settings``); a case sets its own in
its ``cadence``, e.g. ``set_cadence(ws, "C1", home_visit=14)``; 0 switches a rule off for the case.

Gaps are measured between the days on which an **active** entry of the rule's type with a day
(or exact) date was recorded: an event two agencies both recorded is one day, so duplicates never
count twice, and fuzzy dates ("Spring 2023") never close a gap. Home visits count only when a
social-care agency recorded them (a health visitor's home visit is not the social worker's
statutory visit) unless the case has no social-care home visits at all. A signed supervision
record counts as a supervision on its date.

A rule is broken when the next event comes more than the rule's days after the last one; the gap
is then reported as the days with no event between the two (28/02/2023 to 30/01/2024 is 335
days), in weeks as well. The **current** gap runs from the last event to ``today`` (not to the
latest entry): the summary is about now, and "no home visit for 9 weeks" is what a manager needs
to see at supervision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chronology.cases import get_case, update_case
from chronology.models import Case, EntryType
from chronology.workspace import Workspace
from summary.agencies import sector
from summary.dates import parse_iso, uk, weeks_and_days
from summary.proceedings import Proceedings
from summary.team_settings import load_settings

DEFAULT_CADENCE: dict[str, int] = {"cin_meeting": 84, "home_visit": 28, "supervision": 31}
# A gap this many times longer than the rule is red, not amber (12 weeks -> red at 16).
RED_FACTOR = 4 / 3


@dataclass(frozen=True)
class CadenceRule:
    """One rule: an entry type that must recur at least every ``days`` days."""

    key: str
    label: str  # singular, e.g. 'Child in Need meeting'
    entry_type: str
    days: int
    sector: str | None = None  # only entries from agencies of this sector count

    @property
    def span(self) -> str:
        """'12 weeks' / '31 days'."""
        return f"{self.days // 7} weeks" if self.days % 7 == 0 else f"{self.days} days"

    @property
    def every(self) -> str:
        """'every 12 weeks' / 'every 31 days'."""
        return f"every {self.span}"

    @property
    def plural(self) -> str:
        """'Child in Need meetings', 'home visits', 'supervision sessions'."""
        return "supervision sessions" if self.key == "supervision" else f"{self.label}s"


_RULES: dict[str, tuple[str, str, str | None]] = {
    "cin_meeting": ("Child in Need meeting", EntryType.CIN_MEETING.value, None),
    "home_visit": ("home visit", EntryType.HOME_VISIT.value, "social care"),
    "supervision": ("supervision", EntryType.SUPERVISION.value, None),
}


class CadenceError(ValueError):
    """An unknown cadence rule or an interval that is not a whole number of days."""


def rules_for(case: Case, defaults: dict[str, int] | None = None) -> list[CadenceRule]:
    """The case's rules: the (team's) defaults with the case's own intervals laid over them."""
    base = {**DEFAULT_CADENCE, **(defaults or {})}
    days = {**base, **{k: int(v) for k, v in case.cadence.items() if k in _RULES}}
    return [CadenceRule(key, *_RULES[key][:2], days[key], _RULES[key][2]) for key in _RULES]


def set_cadence(ws: Workspace, case_ref: str, **days: int | None) -> Case:
    """Change a case's intervals (days; None puts the default back; 0 switches a rule off)."""
    unknown = set(days) - set(_RULES)
    if unknown:
        raise CadenceError(
            f"unknown cadence rule(s): {', '.join(sorted(unknown))} (known: {', '.join(_RULES)})"
        )
    case = get_case(ws, case_ref)
    merged = dict(case.cadence)
    for key, value in days.items():
        if value is None:
            merged.pop(key, None)
        elif int(value) < 0:
            raise CadenceError(f"{key}: the interval must be 0 (off) or a number of days")
        else:
            merged[key] = int(value)
    return update_case(ws, case_ref, cadence=merged)


@dataclass
class Gap:
    """A stretch longer than the rule allows between two events (or since the last one)."""

    rule: str
    label: str
    start: dt.date
    end: dt.date
    days: int  # days with no event: strictly between start and end (up to today if current)
    current: bool  # runs to today: nothing has happened since ``start``
    proceedings_days: int = 0
    proceedings_label: str = ""
    level: str = "amber"
    proceedings_suggested: bool = False  # the period is a suggestion the worker has not confirmed

    @property
    def proceedings_open(self) -> bool:
        return self.proceedings_days > 0

    @property
    def wording(self) -> str:
        """'no Child in Need meeting for 48 weeks (335 days) (28/02/2023–30/01/2024) while …'."""
        span = (
            f"since {uk(self.start)}, to {uk(self.end)}"
            if self.current
            else f"{uk(self.start)}–{uk(self.end)}"
        )
        text = f"no {self.label} for {weeks_and_days(self.days)} ({span})"
        suggested = " (a suggested period, not yet confirmed)" if self.proceedings_suggested else ""
        if self.proceedings_days >= self.days:
            text += f" while {self.proceedings_label} were open{suggested}"
        elif self.proceedings_days:
            text += (
                f", {weeks_and_days(self.proceedings_days)} of it while "
                f"{self.proceedings_label} were open{suggested}"
            )
        return text


@dataclass
class CadenceReport:
    """One rule applied to the case: its events and the gaps longer than the rule."""

    rule: CadenceRule
    count: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    gaps: list[Gap] = field(default_factory=list)  # past and current, in date order
    note: str = ""

    @property
    def current(self) -> Gap | None:
        return self.gaps[-1] if self.gaps and self.gaps[-1].current else None

    @property
    def longest(self) -> Gap | None:
        return max(self.gaps, key=lambda g: g.days, default=None)


def find_gaps(
    rule: CadenceRule,
    days: list[dt.date],
    today: dt.date,
    proceedings: Proceedings | None = None,
    red_factor: float = RED_FACTOR,
) -> CadenceReport:
    """Gaps longer than the rule between event days and up to ``today`` (pure)."""
    report = CadenceReport(rule)
    if rule.days <= 0:
        report.note = "not checked for this case"
        return report
    events = sorted({d for d in days if d <= today})
    report.count = len(events)
    if not events:
        report.note = f"no {rule.label} recorded"
        return report
    report.first, report.last = events[0], events[-1]
    spans = [(a, b, False) for a, b in zip(events, events[1:], strict=False)]
    spans.append((events[-1], today, True))
    for a, b, current in spans:
        interval = (b - a).days
        if interval <= rule.days:
            continue
        length = interval if current else interval - 1
        during = proceedings.during(a, b) if proceedings else None
        report.gaps.append(
            Gap(
                rule.key,
                rule.label,
                a,
                b,
                length,
                current,
                min(length, during.days) if during else 0,
                during.label if during else "",
                "red" if interval > rule.days * red_factor else "amber",
                bool(during and during.suggested),
            )
        )
    return report


def event_days(ws: Workspace, case_id: int, rule: CadenceRule) -> tuple[list[dt.date], str]:
    """The days with an active, day-precise entry of the rule's type (and a note on fallback)."""
    rows = ws.conn.execute(
        "SELECT date, agency FROM entries WHERE case_id=? AND type=? AND status='active' "
        "AND precision IN ('datetime', 'day') GROUP BY date, agency",
        (case_id, rule.entry_type),
    ).fetchall()
    note = ""
    if rule.sector:
        kept = [r for r in rows if sector(r[1]) == rule.sector]
        if kept or not rows:
            rows = kept
        else:
            note = f"no {rule.sector} agency recorded a {rule.label}: every agency's counted"
    days = {parse_iso(r[0]) for r in rows}
    if rule.key == "supervision":
        days |= {parse_iso(d) for d in signed_supervision_days(ws, case_id)}
    return sorted(days), note


def signed_supervision_days(ws: Workspace, case_id: int) -> list[str]:
    """The dates of the case's signed supervision records (ISO)."""
    return [
        r[0]
        for r in ws.conn.execute(
            "SELECT DISTINCT date FROM supervision_records WHERE case_id=? "
            "AND signed_at IS NOT NULL",
            (case_id,),
        )
    ]


def cadence_for_case(
    ws: Workspace, case: Case, today: dt.date, proceedings: Proceedings | None = None
) -> list[CadenceReport]:
    """Every rule of the case, applied to its chronology on ``today``."""
    reports = []
    for rule in rules_for(case, load_settings(ws).cadence_defaults()):
        days, note = event_days(ws, case.id or 0, rule) if rule.days > 0 else ([], "")
        report = find_gaps(rule, days, today, proceedings)
        report.note = report.note or note
        reports.append(report)
    return reports
