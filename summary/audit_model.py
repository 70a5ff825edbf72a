"""The supervision checklist as plain dataclasses: items, their findings, the period they cover."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from summary.dates import uk

LEVELS = ("green", "amber", "red")
# Each item in a word or two, for tables that list many cases.
SHORT_TITLES = {
    "primary_risk": "primary risk",
    "primary_reviews": "risk reviews",
    "trip_wires": "trip-wires",
    "cin_meeting": "CIN meetings",
    "home_visit": "home visits",
    "supervision": "supervision",
    "summary_current": "summary",
    "quarantine_empty": "quarantine",
    "possible_duplicates": "duplicates",
    "outcomes": "outcomes",
    "silent_agencies": "silent agency",
    "confidential_addresses": "protected address",
    "supervision_actions": "actions",
}


_RANK = {level: n for n, level in enumerate(LEVELS)}


def worst(levels: list[str] | tuple[str, ...], default: str = "green") -> str:
    """The worst of some colours (red over amber over green)."""
    return max(levels, key=_RANK.__getitem__, default=default)


@dataclass(frozen=True)
class AuditPeriod:
    """The stretch of time an audit looks at: by default since the last signed supervision."""

    start: dt.date | None  # None: from the beginning of the case
    end: dt.date
    basis: str
    since_record: int | None = None  # the signed supervision record that opened the period

    def covers(self, first: dt.date, last: dt.date) -> bool:
        """True when [first, last] overlaps the period."""
        return first <= self.end and (self.start is None or last >= self.start)

    def contains(self, day: dt.date) -> bool:
        return day <= self.end and (self.start is None or day >= self.start)

    def describe(self) -> str:
        """'01/03/2024–01/06/2024 (since the supervision signed on …)'."""
        first = uk(self.start) if self.start else "the start of the case"
        return f"{first}–{uk(self.end)} ({self.basis})"

    def as_json(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat(),
            "basis": self.basis,
            "since_record": self.since_record,
        }


@dataclass
class Finding:
    """One piece of evidence for an item, with its own colour and what it points at."""

    text: str
    level: str = "green"
    kind: str = "note"  # note | entry | gap | risk | version | import | person | action | agency
    date: str | None = None  # ISO date (a gap's first day)
    end: str | None = None  # a gap's last day
    days: int | None = None  # a gap's length in days
    entry_ids: list[int] = field(default_factory=list)
    risk_id: int | None = None
    ref: int | None = None  # a summary version, action, person or record id
    during_proceedings: bool | None = None  # gaps: were proceedings open for any of it
    proceedings_days: int | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "level": self.level, "kind": self.kind}
        for key in ("date", "end", "days", "risk_id", "ref", "proceedings_days"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.entry_ids:
            out["entry_ids"] = list(self.entry_ids)
        if self.during_proceedings is not None:
            out["during_proceedings"] = self.during_proceedings
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass
class AuditItem:
    """One checklist item: its colour is the worst of its findings."""

    key: str
    title: str
    findings: list[Finding] = field(default_factory=list)
    level: str = "green"

    def add(self, text: str, level: str = "green", **kw: Any) -> Finding:
        finding = Finding(text, level, **kw)
        self.findings.append(finding)
        self.level = worst((self.level, level))
        return finding

    @property
    def evidence(self) -> list[str]:
        return [f.text for f in self.findings]

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "level": self.level,
            "evidence": self.evidence,
            "findings": [f.as_json() for f in self.findings],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AuditItem:
        return cls(
            data["key"],
            data["title"],
            [Finding.from_json(f) for f in data.get("findings", [])],
            data["level"],
        )


@dataclass
class CaseAudit:
    """One case's checklist over a period."""

    case_ref: str
    child: str
    worker: str
    team_manager: str
    as_of: str
    period: AuditPeriod
    items: list[AuditItem]
    thresholds: dict[str, Any] = field(default_factory=dict)
    proceedings: str = ""  # the case's proceedings periods, as the audit read them
    workspace: str = ""

    @property
    def level(self) -> str:
        """The worst colour of the checklist."""
        return worst([i.level for i in self.items])

    def counts(self) -> dict[str, int]:
        return {lvl: sum(1 for i in self.items if i.level == lvl) for lvl in reversed(LEVELS)}

    def item(self, key: str) -> AuditItem:
        return next(i for i in self.items if i.key == key)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "case": self.case_ref,
            "child": self.child,
            "worker": self.worker,
            "team_manager": self.team_manager,
            "as_of": self.as_of,
            "period": self.period.as_json(),
            "proceedings": self.proceedings,
            "level": self.level,
            "counts": self.counts(),
            "items": [i.as_json() for i in self.items],
            "thresholds": self.thresholds,
        }
        if self.workspace:
            out["workspace"] = self.workspace
        return out
