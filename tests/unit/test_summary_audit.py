"""The supervision audit: each checklist item red, amber or green, with its evidence."""

from __future__ import annotations

import datetime as dt

from chronology.cases import add_case
from chronology.entries import add_entry
from chronology.models import Case, Entry, EntryType, Precision
from chronology.workspace import Workspace
from summary.audit import audit
from summary.case_summary import generate_summary, save_version
from summary.risks import Risk, add_risk, record_review


def _entry(ws: Workspace, case: Case, date: str, type_: EntryType, text: str = "") -> Entry:
    return add_entry(
        ws,
        Entry(
            case.id or 0,
            date,
            Precision.DAY,
            text or type_.value,
            text or type_.value,
            type=type_,
            agency="Children in Need Team 2",
        ),
    )


def _levels(ws: Workspace, ref: str, today: dt.date) -> dict[str, str]:
    (case_audit,) = audit(ws, ref, today)
    return {i.key: i.level for i in case_audit.items}


def test_a_well_kept_case_is_green(ws: Workspace, case: Case) -> None:
    for day in ("2024-01-02", "2024-01-25", "2024-02-20"):
        _entry(ws, case, day, EntryType.HOME_VISIT)
        _entry(ws, case, day, EntryType.SUPERVISION)
    _entry(ws, case, "2024-01-10", EntryType.CIN_MEETING)
    add_risk(
        ws,
        Risk(case.id or 0, "Neglect", primary=True, phrases=["mould"]),
        reviewed="2024-02-15",
        reviewed_by="PS",
    )
    save_version(ws, generate_summary(ws, case.ref, dt.date(2024, 2, 25)))
    (result,) = audit(ws, case.ref, dt.date(2024, 2, 25))
    assert {i.key: i.level for i in result.items} == {
        "primary_reviews": "green",
        "trip_wires": "green",
        "cin_meeting": "green",
        "home_visit": "green",
        "supervision": "green",
        "summary_current": "green",
        "quarantine_empty": "green",
    }
    assert result.level == "green"
    assert any("next review due 11/04/2024" in e for e in result.items[0].evidence)


def test_overdue_tripped_stale_and_lapsed_are_red(ws: Workspace, case: Case) -> None:
    _entry(ws, case, "2024-01-10", EntryType.CIN_MEETING)
    risk = add_risk(
        ws,
        Risk(case.id or 0, "Conditional threat", primary=True, phrases=["unsupported contact"]),
        reviewed="2024-02-01",
        reviewed_by="HO",
    )
    save_version(ws, generate_summary(ws, case.ref, dt.date(2024, 2, 2)))
    _entry(ws, case, "2024-05-20", EntryType.COURT, "Order made: unsupported contact")
    levels = _levels(ws, case.ref, dt.date(2024, 6, 1))
    assert levels["primary_reviews"] == "red"  # due 28/03/2024
    assert levels["trip_wires"] == "red"
    assert levels["cin_meeting"] == "red"  # 20 weeks since the last
    assert levels["summary_current"] == "red"  # an entry was added after the last version
    assert levels["home_visit"] == "amber"  # none recorded at all
    (result,) = audit(ws, case.ref, dt.date(2024, 6, 1))
    assert result.level == "red"
    trip = next(i for i in result.items if i.key == "trip_wires")
    assert any("20/05/2024 court hearing or order" in e for e in trip.evidence)
    record_review(ws, risk.id or 0, "2024-05-31", "PS", "contact reviewed")
    levels = _levels(ws, case.ref, dt.date(2024, 6, 1))
    assert levels["primary_reviews"] == "green" and levels["trip_wires"] == "green"


def test_cin_gap_between_12_and_16_weeks_is_amber(ws: Workspace, case: Case) -> None:
    _entry(ws, case, "2024-01-01", EntryType.CIN_MEETING)
    assert _levels(ws, case.ref, dt.date(2024, 4, 5))["cin_meeting"] == "amber"  # 95 days
    assert _levels(ws, case.ref, dt.date(2024, 5, 5))["cin_meeting"] == "red"  # 125 days


def test_no_primary_risk_and_quarantine_waiting_are_amber(ws: Workspace, case: Case) -> None:
    ws.conn.execute(
        "INSERT INTO quarantine(case_id, source_file, row, reason, raw) VALUES (?,?,?,?,?)",
        (case.id, "notes.csv", 7, "empty date", "{}"),
    )
    levels = _levels(ws, case.ref, dt.date(2024, 6, 1))
    assert levels["primary_reviews"] == "amber"
    assert levels["quarantine_empty"] == "amber"


def test_every_case_is_audited_when_none_is_named(ws: Workspace, case: Case) -> None:
    add_case(ws, "FEN-002", "Noah Hollis")
    assert [a.case_ref for a in audit(ws, None, dt.date(2024, 6, 1))] == ["FEN-001", "FEN-002"]
