"""The inverses the window's Undo relies on: a quarantine fix or discard taken back, an evidence
link removed, a review withdrawn and restored; each kept in history, nothing else disturbed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronology.entries import EntryFilter, count_entries, get_entry, list_entries, search_ids
from chronology.importers.pipeline import run_import
from chronology.models import Case, EntryStatus
from chronology.quarantine import (
    Fix,
    QuarantineError,
    discard_row,
    fix_row,
    get_row,
    list_quarantine,
    refix_row,
    restore_row,
    unfix_row,
)
from chronology.workspace import Workspace
from summary.risks import (
    Risk,
    RiskError,
    add_evidence,
    add_risk,
    get_risk,
    record_review,
    remove_evidence,
    restore_review,
    risk_history,
    withdraw_review,
)


def _waiting(ws: Workspace, case: Case) -> list[int]:
    return [q.row or 0 for q in list_quarantine(ws, case.id or 0)]


@pytest.fixture
def imported(ws: Workspace, case: Case, data_dir: Path) -> Case:
    run_import(ws, case.id or 0, [data_dir / "core" / "social_care.csv"])
    return case


def test_a_fix_undone_puts_the_row_back_and_takes_the_entry_out(
    ws: Workspace, imported: Case
) -> None:
    case = imported
    before = count_entries(ws, case.id or 0)
    row = next(q for q in list_quarantine(ws, case.id or 0) if q.row == 4)
    entry = fix_row(ws, row.id or 0, Fix(date="29/02/2024"))
    assert count_entries(ws, case.id or 0) == before + 1

    assert unfix_row(ws, row.id or 0) == entry.id
    assert count_entries(ws, case.id or 0) == before
    assert sorted(_waiting(ws, case)) == [3, 4]
    assert search_ids(ws, case.id or 0, "spare key") == []  # gone from search too
    assert get_entry(ws, entry.id or 0).status == EntryStatus.UNDONE  # kept, never deleted

    assert refix_row(ws, row.id or 0) == entry.id  # redo: the same entry comes back
    assert get_row(ws, row.id or 0).status == "fixed"
    assert search_ids(ws, case.id or 0, "spare key") == [entry.id]
    assert _waiting(ws, case) == [3]
    actions = [
        r[0]
        for r in ws.conn.execute(
            "SELECT action FROM history WHERE tbl='quarantine' AND row_id=? ORDER BY id",
            (row.id,),
        )
    ]
    assert actions == ["fix", "unfix", "refix"]


def test_undoing_a_fix_twice_or_a_waiting_row_is_refused(ws: Workspace, imported: Case) -> None:
    row = list_quarantine(ws, imported.id or 0)[0]
    with pytest.raises(QuarantineError):
        unfix_row(ws, row.id or 0)
    with pytest.raises(QuarantineError):
        refix_row(ws, row.id or 0)


def test_a_discard_undone_waits_again_with_its_reason_in_history(
    ws: Workspace, imported: Case
) -> None:
    row = list_quarantine(ws, imported.id or 0)[0]
    discard_row(ws, row.id or 0, "a reminder, not an event")
    assert len(_waiting(ws, imported)) == 1
    restore_row(ws, row.id or 0)
    assert len(_waiting(ws, imported)) == 2
    (old,) = ws.conn.execute(
        "SELECT old FROM history WHERE tbl='quarantine' AND row_id=? AND action='restore'",
        (row.id,),
    ).fetchone()
    assert json.loads(old)["reason"] == "a reminder, not an event"
    with pytest.raises(QuarantineError):
        restore_row(ws, row.id or 0)  # not discarded any more


@pytest.fixture
def risk(ws: Workspace, imported: Case) -> Risk:
    return add_risk(ws, Risk(case_id=imported.id or 0, title="Neglect of the home"))


def test_evidence_link_removed(ws: Workspace, imported: Case, risk: Risk) -> None:
    entries = list_entries(ws, imported.id or 0, EntryFilter())
    add_evidence(ws, risk.id or 0, entries[0].id or 0)
    add_evidence(ws, risk.id or 0, entries[1].id or 0)
    remove_evidence(ws, risk.id or 0, entries[0].id or 0)
    assert get_risk(ws, risk.id or 0).evidence == [entries[1].id]
    assert [a for _at, _who, a, _o, _n in risk_history(ws, risk.id or 0)][-1] == "unlink evidence"
    with pytest.raises(RiskError):
        remove_evidence(ws, risk.id or 0, entries[0].id or 0)
    add_evidence(ws, risk.id or 0, entries[0].id or 0)  # linking again works
    assert sorted(get_risk(ws, risk.id or 0).evidence) == sorted(e.id for e in entries[:2])


def test_review_withdrawn_and_restored(ws: Workspace, risk: Risk) -> None:
    first = record_review(ws, risk.id or 0, "2024-05-01", "A. Worker", "first look")
    second = record_review(ws, risk.id or 0, "2024-06-01", "A. Worker", "safety plan agreed")
    withdrawn = withdraw_review(ws, second.id or 0)
    assert [r.note for r in get_risk(ws, risk.id or 0).reviews] == ["first look"]
    assert get_risk(ws, risk.id or 0).last_review.date == first.date
    restored = restore_review(ws, withdrawn)
    assert restored.id == second.id
    assert [r.note for r in get_risk(ws, risk.id or 0).reviews] == [
        "first look",
        "safety plan agreed",
    ]
    actions = [a for _at, _who, a, _o, _n in risk_history(ws, risk.id or 0)]
    assert actions[-3:] == ["review", "review withdrawn", "review restored"]


def test_a_restored_review_whose_id_was_taken_gets_a_new_one(ws: Workspace, risk: Risk) -> None:
    review = record_review(ws, risk.id or 0, "2024-05-01", "A. Worker", "first look")
    withdraw_review(ws, review.id or 0)
    other = record_review(ws, risk.id or 0, "2024-05-02", "B. Worker", "another")
    assert other.id == review.id  # SQLite reuses the highest id
    restored = restore_review(ws, review)
    assert restored.id != review.id
    assert sorted(r.note for r in get_risk(ws, risk.id or 0).reviews) == ["another", "first look"]
