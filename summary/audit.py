"""The team manager's supervision checklist over a period: each item red, amber or green, with
the evidence behind it (entries with their ids and dates, risks, gaps with their dates).

The period runs, by default, from the case's last signed supervision to the day of the audit, so
that a gap which has since ended (no Child in Need meeting for a year during proceedings, then
meetings again) still shows red for the period it fell in. Thresholds come from the team's
settings in the workspace and are part of every audit's output.
"""

from __future__ import annotations

import datetime as dt

from chronology.cases import get_case, list_cases
from chronology.models import Case
from chronology.workspace import Workspace
from summary.audit_cadence import cadence_item
from summary.audit_facts import CaseFacts, load_facts, resolve_periods
from summary.audit_model import LEVELS, AuditItem, AuditPeriod, CaseAudit, Finding, worst
from summary.audit_records import (
    actions_item,
    confidential_item,
    duplicates_item,
    outcomes_item,
    quarantine_item,
    silent_agencies_item,
    summary_item,
)
from summary.audit_risks import primary_reviews_item, primary_risk_item, trip_wires_item
from summary.team_settings import TeamSettings, load_settings

__all__ = [
    "ITEM_KEYS",
    "LEVELS",
    "AuditError",
    "AuditItem",
    "AuditPeriod",
    "CaseAudit",
    "Finding",
    "audit",
    "audit_case",
    "audit_cases",
    "worst",
]

ITEM_KEYS = (
    "primary_risk",
    "primary_reviews",
    "trip_wires",
    "cin_meeting",
    "home_visit",
    "supervision",
    "summary_current",
    "quarantine_empty",
    "possible_duplicates",
    "outcomes",
    "silent_agencies",
    "confidential_addresses",
    "supervision_actions",
)


class AuditError(ValueError):
    """A period that cannot be audited (it ends before it starts, or after the audit's day)."""


def audit(
    ws: Workspace,
    case_ref: str | None,
    today: dt.date,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    settings: TeamSettings | None = None,
) -> list[CaseAudit]:
    """The checklist for one case, or for every case in the workspace, as of ``today``."""
    cases = [get_case(ws, case_ref)] if case_ref else list_cases(ws)
    return audit_cases(ws, cases, today, date_from=date_from, date_to=date_to, settings=settings)


def audit_case(
    ws: Workspace,
    case: Case,
    today: dt.date,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> CaseAudit:
    """One case's checklist (see :func:`audit_cases`)."""
    return audit_cases(ws, [case], today, date_from=date_from, date_to=date_to)[0]


def audit_cases(
    ws: Workspace,
    cases: list[Case],
    today: dt.date,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    settings: TeamSettings | None = None,
    before_record: int | None = None,
) -> list[CaseAudit]:
    """Several cases' checklists, their facts read together.

    The period ends on ``date_to`` (default ``today``) and starts on ``date_from``, or else at
    each case's last signed supervision (the whole case when it has none). ``before_record``:
    the audit is the checklist of that new record, so the period starts at the supervision
    signed before its day and its own actions are not yet open.
    """
    end = date_to or today
    if end > today:
        raise AuditError(
            f"the period cannot end ({end.strftime('%d/%m/%Y')}) after the day of the audit "
            f"({today.strftime('%d/%m/%Y')})"
        )
    if date_from and date_from > end:
        raise AuditError("the period's first day (--from) is after its last (--to)")
    settings = settings or load_settings(ws)
    periods, signed = resolve_periods(
        ws, cases, end, date_from, before_record_date=before_record is not None
    )
    facts = load_facts(ws, cases, periods, signed, settings, today, before_record=before_record)
    return [_checklist(ws, f, today, settings) for f in facts]


def _checklist(
    ws: Workspace, facts: CaseFacts, today: dt.date, settings: TeamSettings
) -> CaseAudit:
    case = facts.case
    rules = {r.key: r for r in facts.rules}
    items = [
        primary_risk_item(facts, settings),
        primary_reviews_item(facts, settings),
        trip_wires_item(facts),
        cadence_item(facts, rules["cin_meeting"], settings),
        cadence_item(facts, rules["home_visit"], settings),
        cadence_item(facts, rules["supervision"], settings),
        summary_item(facts),
        quarantine_item(facts),
        duplicates_item(facts),
        outcomes_item(facts, settings),
        silent_agencies_item(facts, settings),
        confidential_item(facts),
        actions_item(facts),
    ]
    return CaseAudit(
        case.ref,
        case.child_names,
        case.worker,
        case.team_manager,
        today.isoformat(),
        facts.period,
        items,
        settings.as_json(),
        facts.proceedings.describe(),
    )
