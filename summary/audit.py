"""The team manager's supervision checklist, computed from each case: red, amber or green."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chronology.cases import get_case, list_cases
from chronology.models import Case
from chronology.workspace import Workspace
from summary.cadence import CadenceReport, cadence_for_case
from summary.changes import last_change_id, last_changed, version_change_id
from summary.dates import uk, weeks_and_days
from summary.proceedings import find_proceedings
from summary.risks import Risk, RiskStatus, list_risks
from summary.tripwires import RiskState, risk_states

LEVELS = ("green", "amber", "red")
# A primary risk whose review falls due within this many days is amber.
DUE_SOON_DAYS = 7
# A gap between meetings or visits within this many days before today is still amber.
RECENT_GAP_DAYS = 365


@dataclass
class AuditItem:
    """One checklist item with its colour and the evidence for it."""

    key: str
    title: str
    level: str  # red | amber | green
    evidence: list[str] = field(default_factory=list)


@dataclass
class CaseAudit:
    """One case's checklist."""

    case_ref: str
    child: str
    worker: str
    team_manager: str
    as_of: str
    items: list[AuditItem]

    @property
    def level(self) -> str:
        """The worst colour of the checklist."""
        return max((i.level for i in self.items), key=LEVELS.index, default="green")


def audit(ws: Workspace, case_ref: str | None, today: dt.date) -> list[CaseAudit]:
    """The checklist for one case, or for every case in the workspace."""
    cases = [get_case(ws, case_ref)] if case_ref else list_cases(ws)
    return [audit_case(ws, c, today) for c in cases]


def audit_case(ws: Workspace, case: Case, today: dt.date) -> CaseAudit:
    """Every checklist item for one case on ``today``."""
    risks = [r for r in list_risks(ws, case.id or 0) if r.status != RiskStatus.CLOSED]
    states = risk_states(ws, risks, today)
    reports = {r.rule.key: r for r in cadence_for_case(ws, case, today, find_proceedings(ws, case))}
    items = [
        _primary_reviews(risks, states, today),
        _trip_wires(risks, states),
        _cadence("cin_meeting", "Child in Need meetings held on time", reports, today),
        _cadence("home_visit", "Home visits on time", reports, today),
        _cadence("supervision", "Supervision on time", reports, today),
        _summary_current(ws, case),
        _quarantine(ws, case),
    ]
    return CaseAudit(
        case.ref, case.child_names, case.worker, case.team_manager, today.isoformat(), items
    )


def _primary_reviews(risks: list[Risk], states: dict[int, RiskState], today: dt.date) -> AuditItem:
    item = AuditItem("primary_reviews", "Every primary risk reviewed within its interval", "green")
    primary = [r for r in risks if r.primary]
    if not primary:
        item.level = "amber"
        item.evidence.append("no primary risk is recorded for this case")
        return item
    for r in primary:
        state = states[r.id or 0]
        last = (
            f"last reviewed {uk(r.last_review.date)} by {r.last_review.by}"
            if r.last_review
            else f"never reviewed (recorded {uk(r.identified_on)})"
        )
        if state.overdue:
            item.level = "red"
            item.evidence.append(
                f"'{r.title}': {last}; review overdue since {uk(state.review_due)}"
            )
        elif (state.review_due - today).days <= DUE_SOON_DAYS:
            item.level = "red" if item.level == "red" else "amber"
            item.evidence.append(f"'{r.title}': {last}; review due {uk(state.review_due)}")
        else:
            item.evidence.append(f"'{r.title}': {last}; next review due {uk(state.review_due)}")
    return item


def _trip_wires(risks: list[Risk], states: dict[int, RiskState]) -> AuditItem:
    item = AuditItem("trip_wires", "No trip-wire left unreviewed", "green")
    for r in risks:
        state = states[r.id or 0]
        if state.trips:
            item.level = "red"
            reasons = [x for x in state.reasons if x.startswith("circumstances changed")]
            item.evidence.append(
                f"'{r.title}': {len(state.trips)} entries since "
                f"{uk(state.since)} match its trip-wires"
            )
            item.evidence.extend(f"  {x}" for x in reasons)
    if item.level == "green":
        item.evidence.append(
            f"no entry since the last reviews matches a trip-wire ({len(risks)} open "
            f"risk{'' if len(risks) == 1 else 's'})"
        )
    return item


def _cadence(key: str, title: str, reports: dict[str, CadenceReport], today: dt.date) -> AuditItem:
    report = reports[key]
    rule = report.rule
    item = AuditItem(key, title, "green")
    if rule.days <= 0:
        item.evidence.append("not checked for this case")
        return item
    if report.count == 0:
        item.level = "amber"
        item.evidence.append(f"no {rule.label} recorded (expected {rule.every})")
        return item
    item.evidence.append(f"last {rule.label} {uk(report.last)}; expected {rule.every}")
    current = report.current
    if current:
        item.level = current.level
        item.evidence.append(current.wording)
    cutoff = today - dt.timedelta(days=RECENT_GAP_DAYS)
    for gap in report.gaps:
        if not gap.current and gap.end >= cutoff:
            item.level = "red" if item.level == "red" else "amber"
            item.evidence.append(gap.wording)
    if item.level == "green" and report.last:
        since = (today - report.last).days
        item.evidence.append(f"{weeks_and_days(since)} since the last one")
    return item


def _summary_current(ws: Workspace, case: Case) -> AuditItem:
    """Green when a saved summary version is newer than every change to the case."""
    item = AuditItem("summary_current", "Case summary current", "green")
    latest = ws.conn.execute(
        "SELECT id, generated_at FROM summary_versions WHERE case_id=? ORDER BY id DESC LIMIT 1",
        (case.id,),
    ).fetchone()
    if latest is None:
        item.level = "red"
        item.evidence.append("no summary has been generated for this case")
        return item
    saved = f"summary version {latest[0]} ({_stamp(latest[1])})"
    if last_change_id(ws, case.id or 0) > version_change_id(ws, latest[0]):
        item.level = "red"
        item.evidence.append(
            f"{saved} is older than the latest change to the case "
            f"({_stamp(last_changed(ws, case.id or 0))})"
        )
    else:
        item.evidence.append(f"{saved} is newer than every change to the case")
    return item


def _stamp(iso: str) -> str:
    return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M") if iso else "unknown"


def _quarantine(ws: Workspace, case: Case) -> AuditItem:
    waiting = ws.conn.execute(
        "SELECT count(*) FROM quarantine WHERE case_id=? AND status='waiting'", (case.id,)
    ).fetchone()[0]
    item = AuditItem("quarantine_empty", "Quarantine empty", "green" if not waiting else "amber")
    item.evidence.append(
        f"{waiting} rows waiting in quarantine" if waiting else "no rows waiting in quarantine"
    )
    return item
