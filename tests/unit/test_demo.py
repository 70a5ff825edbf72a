"""The demo case: built through the real pipeline, it tells its story and loses nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from chronology.cases import get_case, list_people
from chronology.duplicate_pairs import list_pairs
from chronology.entries import get_entry, list_entries
from chronology.models import Case, Entry, EntryStatus, EntryType, Precision, Significance
from chronology.quarantine import list_quarantine
from chronology.workspace import Workspace
from resources.demo.build import DEMO_REF, SOURCES, build_demo, find_entries, is_demo_workspace

CASE_NOTES = "social_care_case_notes.csv"
HEALTH = "health_visiting.csv"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert build_demo(path) == DEMO_REF
    return path


@pytest.fixture
def demo(demo_path: Path) -> Iterator[tuple[Workspace, Case]]:
    ws = Workspace.open(demo_path, create=False)
    try:
        yield ws, get_case(ws, DEMO_REF)
    finally:
        ws.close()


def _one(ws: Workspace, case: Case, phrase: str, source: str | None = None) -> Entry:
    found = [get_entry(ws, i) for i in find_entries(ws, case.id or 0, phrase)]
    found = [e for e in found if source is None or e.source_file == source]
    assert len(found) == 1, (phrase, [e.summary for e in found])
    return found[0]


def test_case_and_people(demo: tuple[Workspace, Case]) -> None:
    ws, case = demo
    assert case.child_names == "Elsie Marlow"
    assert case.children[0].dob == "2021-05-14"
    assert (case.worker, case.role, case.team_manager) == (
        "Leanne Okafor",
        "Social Worker",
        "Martin Ellery",
    )
    assert case.employer == "Wrexley Borough Council"
    assert (case.proceedings, case.legal_status) == ("private", "Child in Need")
    assert case.court_case_number == "WX23P00417"
    assert (case.party, case.statement_number) == ("the Local Authority", 1)
    people = {p.name: p for p in list_people(ws, case.id or 0)}
    assert set(people) == {"Hannah Marlow", "Craig Dunmore", "Patricia Marlow"}
    mother = people["Hannah Marlow"]
    assert mother.confidential and mother.address and mother.phone
    assert not people["Craig Dunmore"].confidential
    # The confidential address occurs in the records, so that redaction has work to do.
    assert find_entries(ws, case.id or 0, mother.address)


def test_every_row_accounted_for(demo: tuple[Workspace, Case]) -> None:
    ws, case = demo
    batches = ws.conn.execute(
        "SELECT file, rows, imported, duplicates, already_imported, quarantined "
        "FROM import_batches WHERE case_id=? ORDER BY id",
        (case.id,),
    ).fetchall()
    assert [b[0] for b in batches] == [name for name, _ in SOURCES]
    for _file, rows, imported, dups, already, quarantined in batches:
        assert rows == imported + dups + already + quarantined
    counts = {b[0]: b[1:] for b in batches}
    assert counts[CASE_NOTES] == (80, 78, 0, 0, 2)
    assert counts[HEALTH] == (30, 30, 0, 0, 0)  # the joint visit waits for review: imported
    assert counts["appointments.ics"][0] == 19  # 15 events, one weekly series of 5
    assert counts["nursery_observations.xlsx"][0] == 20
    assert counts["police_log.csv"][0] == 6
    stored = ws.conn.execute(
        "SELECT count(*) FROM entries WHERE case_id=? AND status!='undone'", (case.id,)
    ).fetchone()[0]
    assert stored == sum(b[2] + b[3] for b in batches)


def test_quarantine_holds_the_two_bad_rows(demo: tuple[Workspace, Case]) -> None:
    ws, case = demo
    rows = list_quarantine(ws, case.id or 0)
    assert [(q.source_file, q.row) for q in rows] == [(CASE_NOTES, 79), (CASE_NOTES, 80)]
    assert all(q.reason.strip() for q in rows)
    assert "31/09/2024" in rows[1].reason
    assert "Contact centre feedback" in json.dumps(json.loads(rows[0].raw))


def test_threat_referral_and_strategy_discussion(demo: tuple[Workspace, Case]) -> None:
    ws, case = demo
    disclosure = _one(ws, case, "end it for both of us", HEALTH)
    assert (disclosure.date, disclosure.time) == ("2024-06-12", "10:15")
    assert disclosure.significance == Significance.KEY and disclosure.in_court
    assert disclosure.analysis
    referral = _one(ws, case, "end it for both of us", CASE_NOTES)
    assert (referral.date, referral.time, referral.type) == (
        "2024-06-12",
        "14:40",
        EntryType.REFERRAL,
    )
    strategy = _one(ws, case, "section 47 threshold not met")
    assert (strategy.date, strategy.type) == ("2024-06-13", EntryType.STRATEGY_DISCUSSION)


def test_unsupported_contact_hearing(demo: tuple[Workspace, Case]) -> None:
    ws, case = demo
    hearing = _one(ws, case, "unsupported contact on alternate Saturdays")
    assert hearing.type == EntryType.COURT
    assert (hearing.date, hearing.precision) == ("2024-12-04", Precision.DAY)
    assert hearing.significance == Significance.KEY and hearing.in_court


def test_child_in_need_meetings_lapse_during_proceedings(demo: tuple[Workspace, Case]) -> None:
    ws, case = demo
    meetings = [e.date for e in list_entries(ws, case.id or 0) if e.type == EntryType.CIN_MEETING]
    gaps = [
        (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days
        for a, b in zip(meetings, meetings[1:], strict=False)
    ]
    assert meetings[1:3] == ["2023-10-11", "2024-06-26"]
    assert max(gaps) > 7 * 30  # over seven months without a meeting


def test_joint_visit_waits_in_the_review_queue(demo: tuple[Workspace, Case]) -> None:
    ws, case = demo
    notes = _one(ws, case, "Joint home visit with health visitor", CASE_NOTES)
    health = _one(ws, case, "Joint home visit with social worker", HEALTH)
    assert notes.date == health.date == "2023-08-16"
    # Told in other words ten minutes apart: near, not certain. Both stay in the chronology.
    assert health.duplicate_of is None and notes.duplicate_of is None
    (pair,) = list_pairs(ws, case.id or 0)
    assert ({pair.a, pair.b}, pair.status) == ({notes.id, health.id}, "possible")
    assert "same day" in pair.reasons and "10 min apart" in pair.reasons


def test_calendar_series_cancellation_and_time_zones(demo: tuple[Workspace, Case]) -> None:
    ws, case = demo
    entries = list_entries(ws, case.id or 0)
    group = [e for e in entries if e.summary.startswith("Chatterbox group")]
    assert [(e.date, e.time) for e in group] == [
        ("2024-03-12", "09:30"),
        ("2024-03-19", "09:30"),
        ("2024-03-26", "09:30"),
        ("2024-04-09", "09:30"),  # after the clock change, still 09:30 UK time
        ("2024-04-16", "09:30"),
    ]
    cancelled = [
        e
        for e in entries
        if e.source_file == "appointments.ics" and e.status == EntryStatus.CANCELLED
    ]
    assert [e.date for e in cancelled] == ["2024-05-14"]
    utc = _one(ws, case, "tympanometry")
    assert (utc.date, utc.time) == ("2024-01-16", "09:00")
    # Reported 23:30 UTC on 29 June: half past midnight on 30 June in UK summer time.
    welfare = _one(ws, case, "saying she could not go on", "police_log.csv")
    assert (welfare.date, welfare.time) == ("2024-06-30", "00:30")


def test_nursery_dates_are_days(demo: tuple[Workspace, Case]) -> None:
    ws, case = demo
    nursery = [
        e for e in list_entries(ws, case.id or 0) if e.source_file == "nursery_observations.xlsx"
    ]
    assert len(nursery) == 20
    assert {e.precision for e in nursery} == {Precision.DAY}
    assert nursery[0].date == "2023-09-07" and nursery[-1].date == "2025-01-30"


def test_primary_risk_is_tripped_by_the_hearing(demo: tuple[Workspace, Case]) -> None:
    from summary.narrative import narrative_sections
    from summary.risks import Urgency, list_risks
    from summary.tripwires import risk_states

    ws, case = demo
    risks = list_risks(ws, case.id or 0)
    primary = [r for r in risks if r.primary]
    assert len(primary) == 1 and len(risks) == 2
    threat = primary[0]
    assert threat.category == "conditional threat" and threat.urgency == Urgency.IMPORTANT
    assert "unsupported contact" in threat.phrases
    assert threat.last_review is not None and threat.last_review.date == "2024-06-26"
    hearing = _one(ws, case, "unsupported contact on alternate Saturdays")
    state = risk_states(ws, [threat], dt.date(2025, 2, 10))[threat.id or 0]
    assert state.needs_review
    assert hearing.id in state.tripped_by
    assert set(narrative_sections(ws, case.id or 0)) >= {
        "introduction",
        "background",
        "current_circumstances",
        "analysis",
        "recommendations",
    }


def test_rebuild_replaces_a_demo_but_never_another_file(demo_path: Path, tmp_path: Path) -> None:
    assert is_demo_workspace(demo_path)
    copy = tmp_path / "again.db"
    copy.write_bytes(demo_path.read_bytes())
    assert build_demo(copy) == DEMO_REF  # an old demo is replaced
    other = tmp_path / "notes.db"
    other.write_bytes(b"not a workspace")
    with pytest.raises(ValueError, match="not a demo workspace"):
        build_demo(other)
    assert other.read_bytes() == b"not a workspace"
    real = tmp_path / "real.db"
    with Workspace.open(real) as ws:
        from chronology.cases import add_case

        add_case(ws, "REAL-1", "Someone Else")
    with pytest.raises(ValueError):
        build_demo(real)
    assert not is_demo_workspace(real)
    with Workspace.open(real, create=False) as ws:
        assert get_case(ws, "REAL-1").child_names == "Someone Else"
