"""The auto-generated case summary: built from the case, never typed, except the narrative.

Order (DESIGN.md): header → primary risks → alerts → current circumstances and analysis → key
events → agency involvement → other risks → sources and coverage. ``today`` is always passed
in; nothing here reads the clock except to stamp when a summary was generated.
"""

from __future__ import annotations

import datetime as dt

from chronology.cases import get_case
from chronology.counts import entry_counts
from chronology.duplicate_pairs import count_possible
from chronology.models import Case, EntryType
from chronology.workspace import Workspace, now_iso
from summary.cadence import CadenceReport, cadence_for_case
from summary.changes import last_changed
from summary.dates import age_on, entry_when, uk, weeks_and_days
from summary.involvement import (
    Tally,
    build_involvement,
    build_sources,
    event_days_by_year,
    quiet_agencies,
    tallies,
)
from summary.model import (
    Alert,
    CadenceLine,
    CaseSummary,
    ChildLine,
    GapLine,
    Header,
    KeyEvent,
    PeriodLine,
    ReviewLine,
    RiskItem,
)
from summary.narrative import narrative_sections
from summary.proceedings import Proceedings, find_proceedings
from summary.render import render_text, summary_json
from summary.risks import URGENCY_LABELS, Risk, RiskStatus, Urgency, list_risks, review_due
from summary.supervision import open_actions
from summary.tripwires import RiskState, risk_states, tripwires_for
from summary.versions import diff_versions, get_version, list_versions, save_version

# The summary lists at most this many key events (the latest); the chronology has them all.
KEY_EVENTS_LIMIT = 60

__all__ = [
    "CaseSummary",
    "diff_versions",
    "generate_summary",
    "get_version",
    "last_changed",
    "list_versions",
    "render_text",
    "risk_item",
    "risk_items",
    "save_version",
    "summary_json",
]


def generate_summary(ws: Workspace, case_ref: str, today: dt.date) -> CaseSummary:
    """Build the case summary as it stands on ``today``."""
    case = get_case(ws, case_ref)
    case_id = case.id or 0
    risks = list_risks(ws, case_id)
    primary, others = risk_items(ws, risks, today)
    proceedings = find_proceedings(ws, case)
    cadence = cadence_for_case(ws, case, today, proceedings)
    rows = tallies(ws, case_id)
    quarantine = ws.conn.execute(
        "SELECT count(*) FROM quarantine WHERE case_id=? AND status='waiting'", (case_id,)
    ).fetchone()[0]
    key_events, omitted = _key_events(ws, case_id, primary, proceedings, today)
    alerts = _alerts(primary, others, cadence, quarantine, quiet_agencies(rows))
    alerts += _proceedings_alerts(proceedings)
    waiting = count_possible(ws, case_id)
    if waiting:
        alerts.append(
            Alert(
                "amber",
                "duplicates",
                f"{waiting} possible duplicate{'s' if waiting != 1 else ''} to review: records "
                "that may be one event told twice (both stay in the chronology until decided)",
            )
        )
    alerts = sorted([*alerts, *_action_alerts(ws, case_id, today)], key=lambda a: a.level != "red")
    return CaseSummary(
        case_ref=case.ref,
        as_of=today.isoformat(),
        generated_at=now_iso(),
        header=_header(ws, case, rows, proceedings, today),
        primary_risks=primary,
        alerts=alerts,
        cadence=[_cadence_line(c) for c in cadence],
        narrative={k: s.text for k, s in narrative_sections(ws, case_id).items()},
        key_events=key_events,
        key_events_omitted=omitted,
        involvement=build_involvement(
            rows,
            event_days_by_year(ws, case_id, EntryType.CIN_MEETING.value),
            event_days_by_year(ws, case_id, EntryType.COURT.value),
        ),
        other_risks=others,
        sources=build_sources(rows),
        quarantine_waiting=quarantine,
    )


def risk_items(
    ws: Workspace, risks: list[Risk], today: dt.date
) -> tuple[list[RiskItem], list[RiskItem]]:
    """The primary risks and the others, each in display order, with what they need now."""
    states = risk_states(ws, [r for r in risks if r.status != RiskStatus.CLOSED], today)
    items = {r.id or 0: risk_item(r, states.get(r.id or 0)) for r in risks}
    primary = sorted((items[r.id or 0] for r in risks if r.primary and r.is_open), key=_order)
    others = sorted(
        (items[r.id or 0] for r in risks if not (r.primary and r.is_open)),
        key=lambda i: (i.status == RiskStatus.CLOSED.value, *_order(i)),
    )
    return primary, others


def _order(item: RiskItem) -> tuple[bool, int, int]:
    """Risks asking for attention first, then urgent before important, then oldest first."""
    return (not item.needs_review, 0 if item.urgency == Urgency.URGENT.value else 1, item.id)


def risk_item(risk: Risk, state: RiskState | None) -> RiskItem:
    """One risk as the summary shows it (``state`` None for a closed risk)."""
    wires = tripwires_for(risk)
    last = risk.last_review
    due = review_due(risk)
    return RiskItem(
        id=risk.id or 0,
        title=risk.title,
        statement=risk.statement,
        category=risk.category,
        to_whom=risk.to_whom,
        from_whom=risk.from_whom,
        urgency=risk.urgency.value,
        urgency_label=URGENCY_LABELS[risk.urgency],
        status=risk.status.value,
        status_reason=risk.status_reason,
        primary=risk.primary,
        review_every_days=risk.interval,
        last_review=ReviewLine(last.date, last.by, last.note) if last else None,
        review_due=due.isoformat(),
        review_overdue=bool(state and state.overdue),
        needs_review=bool(state and state.needs_review),
        review_reasons=list(state.reasons) if state else [],
        tripped_by=state.tripped_by if state else [],
        trip_wires=[f'"{p}"' for p in wires.phrases]
        + [f"entry type: {t}" for t in sorted(wires.types)],
        default_trip_wires=not risk.has_own_triggers,
        evidence=list(risk.evidence),
    )


def _header(
    ws: Workspace, case: Case, rows: list[Tally], proceedings: Proceedings, today: dt.date
) -> Header:
    live = [t for t in rows if t.status != "withdrawn"]
    counts = entry_counts(ws, case.id or 0)
    return Header(
        case_ref=case.ref,
        children=[ChildLine(c.name, c.dob, age_on(c.dob, today)) for c in case.children],
        legal_status=case.legal_status,
        proceedings=proceedings.describe(),
        proceedings_open=proceedings.open_now,
        court=case.court,
        court_case_number=case.court_case_number,
        worker=case.worker,
        team_manager=case.team_manager,
        last_updated=last_changed(ws, case.id or 0),
        entries=counts.entries,
        first_entry=min((t.first for t in live), default=None),
        latest_entry=max((t.last for t in live), default=None),
        proceedings_periods=[
            PeriodLine(
                p.id,
                p.type,
                p.court,
                p.case_number,
                p.start,
                p.end,
                p.end_reason,
                p.end_uncertain,
                p.status,
                p.basis,
                p.describe(),
            )
            for p in proceedings.periods
        ],
        records=counts.records,
        withdrawn=counts.withdrawn,
    )


def _cadence_line(report: CadenceReport) -> CadenceLine:
    rule = report.rule
    return CadenceLine(
        rule=rule.key,
        label=rule.label,
        every_days=rule.days,
        every=rule.every,
        count=report.count,
        first=report.first.isoformat() if report.first else None,
        last=report.last.isoformat() if report.last else None,
        note=report.note,
        gaps=[
            GapLine(
                g.start.isoformat(),
                g.end.isoformat(),
                g.days,
                round(g.days / 7),
                g.current,
                g.proceedings_open,
                g.proceedings_days,
                g.level,
                g.wording,
            )
            for g in report.gaps
        ],
    )


def _key_events(
    ws: Workspace,
    case_id: int,
    primary: list[RiskItem],
    proceedings: Proceedings,
    today: dt.date,
) -> tuple[list[KeyEvent], int]:
    """The court chronology's events (one selection for every document), the latest shown."""
    from summary.court_selection import court_selection

    pinned: dict[int, str] = {}
    for item in primary:
        for entry_id in item.evidence:
            pinned.setdefault(entry_id, f"evidence of the primary risk '{item.title}'")
        for entry_id in item.tripped_by:
            pinned.setdefault(entry_id, f"tripped the primary risk '{item.title}'")
    selection = court_selection(
        ws, case_id, today=today, pinned=pinned, proceedings=proceedings, light=True
    )
    events = selection.events
    omitted = max(0, len(events) - KEY_EVENTS_LIMIT)
    return [
        KeyEvent(
            ev.entry.id or 0,
            ev.entry.date,
            entry_when(
                ev.entry.date, ev.entry.time, ev.entry.precision.value, ev.entry.approximate
            ),
            ev.entry.type.value,
            ev.entry.agency,
            ev.entry.summary,
            ev.entry.significance.value,
            ev.number,
        )
        for ev in events[omitted:]
    ], omitted


def _alerts(
    primary: list[RiskItem],
    others: list[RiskItem],
    cadence: list[CadenceReport],
    quarantine: int,
    quiet: list[tuple[str, str, str, int]],
) -> list[Alert]:
    alerts: list[Alert] = []
    for item in [*primary, *others]:
        if item.status == RiskStatus.CLOSED.value:
            continue
        level = "red" if item.primary else "amber"
        kind = "primary risk" if item.primary else "risk"
        if item.review_overdue:
            last = (
                f"last reviewed {uk(item.last_review.date)} by {item.last_review.by}"
                if item.last_review
                else "never reviewed"
            )
            alerts.append(
                Alert(
                    level,
                    "review_overdue",
                    f"Review overdue: {kind} '{item.title}' was due for review on "
                    f"{uk(item.review_due)} ({last})",
                    item.id,
                )
            )
        if item.tripped_by:
            n = len(item.tripped_by)
            trips = [
                r
                for r in item.review_reasons
                if r.startswith("circumstances changed: ") and "more entries" not in r
            ]
            latest = trips[-1].removeprefix("circumstances changed: ") if trips else ""
            since = (
                f"the last review on {uk(item.last_review.date)}"
                if item.last_review
                else "it was recorded"
            )
            alerts.append(
                Alert(
                    level,
                    "trip_wire",
                    f"Circumstances changed: {kind} '{item.title}' — "
                    f"{n} {'entry' if n == 1 else 'entries'} since {since} "
                    f"{'matches' if n == 1 else 'match'} its trip-wires "
                    f"(latest: {latest}); review it",
                    item.id,
                )
            )
    for report in cadence:
        alerts.extend(_cadence_alerts(report))
    if quarantine:
        alerts.append(
            Alert(
                "amber",
                "quarantine",
                f"{quarantine} {'row is' if quarantine == 1 else 'rows are'} waiting "
                "in quarantine: not yet in the chronology",
            )
        )
    for agency, last, latest, count in quiet:
        alerts.append(
            Alert(
                "amber",
                "agency_quiet",
                f"No records from {agency} since {uk(last)} ({count} records before "
                f"that; the case's latest entry is dated {uk(latest)})",
            )
        )
    return sorted(alerts, key=lambda a: a.level != "red")


def _action_alerts(ws: Workspace, case_id: int, today: dt.date) -> list[Alert]:
    """Actions agreed at a signed supervision, still open after their due date."""
    return [
        Alert(
            "red",
            "supervision_action",
            f"Supervision action overdue since {uk(a.due)}: {a.text} ({a.owner}; agreed at "
            f"supervision record {a.record_id})",
        )
        for a in open_actions(ws, [case_id], today).get(case_id, [])
        if a.overdue_on(today)
    ]


def _cadence_alerts(report: CadenceReport) -> list[Alert]:
    """The current gap; the two longest serious past gaps; one line for the rest."""
    rule = report.rule
    if rule.days <= 0:
        return []
    if report.count == 0:
        return [
            Alert(
                "amber",
                "cadence",
                f"No {rule.label} recorded in the chronology (expected {rule.every})",
            )
        ]
    out = []
    current = report.current
    if current:
        out.append(Alert(current.level, "cadence", _sentence(current.wording, rule.every)))
    past = [g for g in report.gaps if not g.current]
    serious = sorted((g for g in past if g.level == "red"), key=lambda g: -g.days)[:2]
    for gap in sorted(serious, key=lambda g: g.start):
        out.append(Alert("amber", "cadence", _sentence(gap.wording, rule.every)))
    rest = [g for g in past if g not in serious]
    if rest:
        worst = max(rest, key=lambda g: g.days)
        out.append(
            Alert(
                "amber",
                "cadence",
                f"{len(rest)} {'other ' if serious else ''}gap{'s' if len(rest) != 1 else ''} "
                f"between {rule.plural} longer than {rule.span}; the longest "
                f"{weeks_and_days(worst.days)} ({uk(worst.start)}–{uk(worst.end)})",
            )
        )
    return out


def _sentence(wording: str, every: str) -> str:
    return f"{wording[:1].upper()}{wording[1:]} (expected {every})"


def _proceedings_alerts(proceedings: Proceedings) -> list[Alert]:
    """Suggested periods wait for the worker: say so, and name an end the chronology left unsure."""
    waiting = proceedings.suggested
    if not waiting:
        return []
    unsure = [p for p in waiting if p.end_uncertain]
    n = len(waiting)
    text = (
        f"{n} proceedings period{'s' if n != 1 else ''} suggested from the chronology, not yet "
        f"confirmed: {'; '.join(p.describe() for p in waiting)}"
    )
    if unsure:
        text += (
            ". The end of "
            + ("this period is" if len(unsure) == 1 else f"{len(unsure)} of them is")
            + " uncertain: confirm or edit it in the case's proceedings"
        )
    return [Alert("amber", "proceedings", text)]
