"""The team view: every case of one or several workspaces, audited together, worst first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from chronology.cases import list_cases
from chronology.workspace import Workspace
from summary.audit import audit_cases
from summary.audit_model import LEVELS, SHORT_TITLES, CaseAudit

SORTS = ("worst", "case", "worker")


def team_audit(
    workspaces: Sequence[Workspace],
    today: dt.date,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    sort: str = "worst",
) -> list[CaseAudit]:
    """Each workspace's cases audited (with that workspace's thresholds), then sorted."""
    rows: list[CaseAudit] = []
    for ws in workspaces:
        cases = list_cases(ws)
        if not cases:
            continue
        for result in audit_cases(ws, cases, today, date_from=date_from, date_to=date_to):
            result.workspace = str(ws.path) if ws.path else ""
            rows.append(result)
    return sort_audits(rows, sort)


def severity(a: CaseAudit) -> tuple[int, int, int]:
    """How bad a case is: its worst colour, then how many red items, then how many amber."""
    counts = a.counts()
    return (LEVELS.index(a.level), counts["red"], counts["amber"])


def sort_audits(rows: list[CaseAudit], by: str = "worst") -> list[CaseAudit]:
    """Worst first (ties by case reference), or by case, or by worker."""
    if by not in SORTS:
        raise ValueError(f"sort by one of {', '.join(SORTS)}, not {by!r}")
    if by == "case":
        return sorted(rows, key=lambda a: (a.case_ref.casefold(), a.workspace))
    if by == "worker":
        return sorted(rows, key=lambda a: (a.worker.casefold(), a.case_ref.casefold()))
    worst_first = sorted(rows, key=lambda a: (a.case_ref.casefold(), a.workspace))
    return sorted(worst_first, key=severity, reverse=True)


def items_at(a: CaseAudit, level: str, *, short: bool = False) -> list[str]:
    """The titles (or short names) of a case's items of one colour."""
    return [
        SHORT_TITLES.get(i.key, i.title) if short else i.title for i in a.items if i.level == level
    ]
