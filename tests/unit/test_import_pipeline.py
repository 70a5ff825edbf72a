"""The import pipeline end to end on small agency exports: nothing lost, nothing twice."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from chronology.batches import BatchError, list_batches, undo_batch
from chronology.duplicate_pairs import confirm_pair, list_pairs
from chronology.entries import EntryFilter, count_entries, get_entry, list_entries, search_ids
from chronology.importers.pipeline import FileReport, run_import
from chronology.models import Case
from chronology.quarantine import Fix, QuarantineError, discard_row, fix_row, list_quarantine
from chronology.workspace import Workspace


def _import(ws: Workspace, case: Case, *paths: Path) -> list[FileReport]:
    return run_import(ws, case.id or 0, list(paths))


def _by_text(ws: Workspace, case: Case, words: str):
    (entry,) = list_entries(ws, case.id or 0, EntryFilter(search=words))
    return entry


def test_every_row_is_accounted_for(ws: Workspace, case: Case, data_dir: Path) -> None:
    (report,) = _import(ws, case, data_dir / "core" / "social_care.csv")
    assert report.error is None
    assert report.rows == 5
    assert (report.imported, report.quarantined) == (3, 2)
    assert report.rows == (
        report.imported + report.duplicates + report.already_imported + report.quarantined
    )
    reasons = {q.row: q.reason for q in list_quarantine(ws, case.id or 0)}
    assert "empty" in reasons[3].lower()
    assert "31/02/2024" in reasons[4] and "impossible" in reasons[4].lower()


def test_provenance_and_dates_are_kept(ws: Workspace, case: Case, data_dir: Path) -> None:
    _import(ws, case, data_dir / "core" / "social_care.csv")
    entry = _by_text(ws, case, "contact centre rang")
    assert (entry.date, entry.time) == ("2024-04-03", "09:40")  # day-first
    assert entry.date_text.startswith("03/04/2024")
    assert "day-first" in entry.date_assumption or "UK" in entry.date_assumption
    assert (entry.source_file, entry.source_row) == ("social_care.csv", 2)
    assert entry.author == "Amira Shah"


def test_same_event_told_in_other_words_waits_for_the_worker(
    ws: Workspace, case: Case, data_dir: Path
) -> None:
    _import(ws, case, data_dir / "core" / "social_care.csv")
    (report,) = _import(ws, case, data_dir / "core" / "health.csv")
    assert (report.duplicates, report.possible_duplicates) == (0, 1)
    assert report.imported == 2  # the queued entry is imported: both stay active
    social = _by_text(ws, case, "Joint visit with the health visitor")
    health = _by_text(ws, case, "Joint home visit with social worker")
    assert health.duplicate_of is None and social.duplicate_of is None
    (pair,) = list_pairs(ws, case.id or 0)
    assert (pair.a, pair.b, pair.status) == (social.id, health.id, "possible")
    assert pair.reasons[:2] == ["same day", "15 min apart"]
    confirm_pair(ws, pair.id)
    assert get_entry(ws, health.id or 0).duplicate_of == social.id
    assert "Joint home visit" in get_entry(ws, health.id or 0).text  # each wording kept
    # Same day, 15 minutes apart, but a phone call and a clinic weight check: not one event.
    call = _by_text(ws, case, "Saturday contact slot")
    clinic = _by_text(ws, case, "Weighed in the drop-in clinic")
    assert call.duplicate_of is None and clinic.duplicate_of is None
    assert all({p.a, p.b} != {call.id, clinic.id} for p in list_pairs(ws, case.id or 0))


def test_reimport_adds_nothing(ws: Workspace, case: Case, data_dir: Path) -> None:
    files = [data_dir / "core" / "social_care.csv", data_dir / "core" / "health.csv"]
    _import(ws, case, *files)
    before = count_entries(ws, case.id or 0)
    reports = _import(ws, case, *files)
    assert [r.already_imported for r in reports] == [5, 3]
    assert sum(r.imported + r.duplicates + r.quarantined for r in reports) == 0
    assert count_entries(ws, case.id or 0) == before
    assert len(list_quarantine(ws, case.id or 0)) == 3


def test_undo_takes_the_whole_import_back_and_allows_reimport(
    ws: Workspace, case: Case, data_dir: Path
) -> None:
    (report,) = _import(ws, case, data_dir / "core" / "social_care.csv")
    assert undo_batch(ws, report.batch_id or 0) == 3
    assert count_entries(ws, case.id or 0) == 0
    assert list_quarantine(ws, case.id or 0) == []
    assert search_ids(ws, case.id or 0, "contact centre") == []
    # Kept, not deleted: the rows are still in the file, marked undone.
    assert ws.conn.execute("SELECT count(*) FROM entries WHERE status='undone'").fetchone()[0] == 3
    with pytest.raises(BatchError):
        undo_batch(ws, report.batch_id or 0)
    (again,) = _import(ws, case, data_dir / "core" / "social_care.csv")
    assert (again.imported, again.already_imported) == (3, 0)
    assert [b.undone_at is not None for b in list_batches(ws, case.id or 0)] == [True, False]


def test_quarantine_row_fixed_becomes_an_entry(ws: Workspace, case: Case, data_dir: Path) -> None:
    _import(ws, case, data_dir / "core" / "social_care.csv")
    row = next(q for q in list_quarantine(ws, case.id or 0) if q.row == 4)
    entry = fix_row(ws, row.id or 0, Fix(date="29/02/2024", time="18:40"))
    assert (entry.date, entry.time) == ("2024-02-29", "18:40")
    assert "spare key" in entry.text
    assert [q.row for q in list_quarantine(ws, case.id or 0)] == [3]
    assert search_ids(ws, case.id or 0, "spare key") == [entry.id]
    with pytest.raises(QuarantineError):
        fix_row(ws, row.id or 0, Fix(date="01/03/2024"))


def test_quarantine_fix_refuses_a_bad_date(ws: Workspace, case: Case, data_dir: Path) -> None:
    _import(ws, case, data_dir / "core" / "social_care.csv")
    row = list_quarantine(ws, case.id or 0)[0]
    with pytest.raises(QuarantineError, match="relative"):
        fix_row(ws, row.id or 0, Fix(date="yesterday"))
    assert len(list_quarantine(ws, case.id or 0)) == 2


def test_discarding_needs_a_reason(ws: Workspace, case: Case, data_dir: Path) -> None:
    _import(ws, case, data_dir / "core" / "social_care.csv")
    row = list_quarantine(ws, case.id or 0)[0]
    with pytest.raises(QuarantineError, match="reason"):
        discard_row(ws, row.id or 0, "  ")
    discard_row(ws, row.id or 0, "reminder, not an event")
    assert len(list_quarantine(ws, case.id or 0)) == 1
    assert len(list_quarantine(ws, case.id or 0, waiting_only=False)) == 2


def test_unreadable_file_is_refused_and_others_still_import(
    ws: Workspace, case: Case, data_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.pdf"
    bad.write_bytes(b"%PDF-1.4 not for import")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    reports = _import(ws, case, bad, empty, data_dir / "core" / "social_care.csv")
    assert reports[0].error and "cannot be imported" in reports[0].error
    assert reports[1].error and "empty" in reports[1].error
    assert reports[2].error is None and reports[2].imported == 3
    assert len(list_batches(ws, case.id or 0)) == 1


def test_an_import_that_fails_while_writing_leaves_nothing(
    ws: Workspace, case: Case, data_dir: Path
) -> None:
    """All or nothing: a failure on the last row written rolls the whole file back."""
    ws.conn.execute(
        "CREATE TEMP TRIGGER fail_late BEFORE INSERT ON quarantine "
        "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
    )
    with pytest.raises(sqlite3.DatabaseError, match="disk trouble"):
        _import(ws, case, data_dir / "core" / "social_care.csv")
    assert ws.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 0
    assert ws.conn.execute("SELECT count(*) FROM import_batches").fetchone()[0] == 0


def test_search_accepts_what_people_type(ws: Workspace, case: Case, data_dir: Path) -> None:
    _import(ws, case, data_dir / "core" / "social_care.csv")
    for text in ("A&E", "O'Brien", "mid-March", "3/4/2024", "-neglect", "NOT", '"', "(", "*"):
        search_ids(ws, case.id or 0, text)  # must not raise
    assert len(search_ids(ws, case.id or 0, "contact cen")) == 1  # prefix as you type


def test_quarantine_keeps_the_raw_row(ws: Workspace, case: Case, data_dir: Path) -> None:
    _import(ws, case, data_dir / "core" / "health.csv")
    (row,) = list_quarantine(ws, case.id or 0)
    raw = json.loads(row.raw)
    assert "yesterday" in raw["row"]
    assert "blind helped" in json.dumps(raw)
    assert "relative" in row.reason.lower()


def test_a_column_mixing_date_orders_is_reported(ws: Workspace, case: Case, data_dir: Path) -> None:
    (report,) = _import(ws, case, data_dir / "core" / "us_dates.csv")
    assert (report.imported, report.quarantined) == (2, 1)
    assert any("mixes date orders" in n and "12/25/2024" in n for n in report.notes)
    (row,) = list_quarantine(ws, case.id or 0)
    assert "12/25/2024" in row.reason


def test_other_columns_are_kept_apart_from_the_event_text(
    ws: Workspace, case: Case, data_dir: Path
) -> None:
    """A police log's Grading and Location are kept, but not mixed into what happened."""
    (report,) = _import(ws, case, data_dir / "core" / "police.csv")
    assert report.imported == 1
    entry = _by_text(ws, case, "Neighbour reported shouting")
    assert entry.text == "Neighbour reported shouting; officers attended and the child was safe."
    assert "Grading: Standard" in entry.details
    assert "9 Quarry Lane, Fenwick" in entry.details
    assert (entry.date, entry.time) == ("2024-03-01", "21:10")


def test_search_finds_words_in_details_too(ws: Workspace, case: Case, data_dir: Path) -> None:
    _import(ws, case, data_dir / "core" / "police.csv")
    assert len(search_ids(ws, case.id or 0, "Quarry Lane")) == 1
