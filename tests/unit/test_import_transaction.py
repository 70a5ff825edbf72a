"""The import transaction: what one batch writes, what its report and its history say, what a
refused or cancelled file leaves behind, and the order and search index of the rows written."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from chronology.batches import list_batches
from chronology.entries import EntryFilter, count_entries, list_entries
from chronology.importers.pipeline import (
    ImportCancelled,
    ImportOptions,
    import_file,
    import_files,
    run_import,
)
from chronology.importers.records import Progress
from chronology.importers.writer import insert_entries, sort_key
from chronology.models import Case, Entry, Precision
from chronology.profiles import save_profile
from chronology.quarantine import list_quarantine
from chronology.workspace import Workspace


def _history(ws: Workspace, batch_id: int) -> list[tuple[str, dict]]:
    rows = ws.conn.execute(
        "SELECT action, new FROM history WHERE tbl='import_batches' AND row_id=?", (batch_id,)
    ).fetchall()
    return [(action, json.loads(new)) for action, new in rows]


def test_the_batch_records_the_file_its_counts_and_its_history(
    ws: Workspace, case: Case, data_dir: Path
) -> None:
    (report,) = run_import(ws, case.id or 0, [data_dir / "core" / "social_care.csv"])
    (batch,) = list_batches(ws, case.id or 0)
    assert batch.id == report.batch_id
    assert (batch.file, batch.format, batch.profile, batch.agency) == (
        "social_care.csv",
        "csv",
        "",
        "",
    )
    assert (batch.rows, batch.imported, batch.duplicates) == (5, 3, 0)
    assert (batch.already_imported, batch.quarantined) == (0, 2)
    assert len(batch.sha256) == 64
    assert _history(ws, batch.id or 0) == [
        (
            "import",
            {
                "file": "social_care.csv",
                "rows": 5,
                "imported": 3,
                "duplicates": 0,
                "already_imported": 0,
                "quarantined": 2,
            },
        )
    ]


def test_the_batch_names_the_profile_and_agency_chosen(
    ws: Workspace, case: Case, data_dir: Path
) -> None:
    from chronology.importers.mapping import MappingProfile
    from chronology.importers.pipeline import preview

    info, _records, mapping = preview(data_dir / "core" / "social_care.csv")
    profile = MappingProfile(
        name="Council case notes", agency="", columns=mapping, match_headers=info.columns
    )
    save_profile(ws, profile)
    options = ImportOptions(agency="Children's Services", profile=profile)
    run_import(ws, case.id or 0, [data_dir / "core" / "social_care.csv"], options)
    (batch,) = list_batches(ws, case.id or 0)
    assert (batch.profile, batch.agency) == ("Council case notes", "Children's Services")


def test_a_probable_duplicate_is_imported_and_queued_not_linked(
    ws: Workspace, case: Case, data_dir: Path
) -> None:
    """The joint visit told by two agencies 15 minutes apart in other words: both entries stay
    active and the pair waits for the worker; the rows still add up."""
    run_import(ws, case.id or 0, [data_dir / "core" / "social_care.csv"])
    (report,) = run_import(ws, case.id or 0, [data_dir / "core" / "health.csv"])
    assert (report.rows, report.imported, report.duplicates, report.quarantined) == (3, 2, 0, 1)
    assert report.possible_duplicates == 1
    assert report.rows == (
        report.imported + report.duplicates + report.already_imported + report.quarantined
    )
    batch = list_batches(ws, case.id or 0)[-1]
    assert (batch.imported, batch.duplicates) == (2, 0)


@pytest.mark.parametrize(("make", "error"), [("missing", "no such file"), ("folder", "not a file")])
def test_a_path_that_is_not_a_file_is_refused_by_name(
    ws: Workspace, case: Case, tmp_path: Path, make: str, error: str
) -> None:
    path = tmp_path / "notes.csv"
    if make == "folder":
        path.mkdir()
    (report,) = run_import(ws, case.id or 0, [path])
    assert (report.file, report.path, report.error) == ("notes.csv", str(path), error)
    assert report.counts() == {
        "rows": 0,
        "imported": 0,
        "duplicates": 0,
        "already_imported": 0,
        "quarantined": 0,
    }
    assert list_batches(ws, case.id or 0) == []


def test_a_refused_file_reports_nothing_imported(ws: Workspace, case: Case, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("Date,Notes\n", encoding="utf-8")
    (report,) = run_import(ws, case.id or 0, [empty])
    assert report.error == "the file has a header but no rows"
    assert set(report.counts().values()) == {0}
    assert count_entries(ws, case.id or 0) == 0 and list_batches(ws, case.id or 0) == []


def test_a_file_that_cannot_be_read_is_named_with_the_reason(
    ws: Workspace, case: Case, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chronology.importers import pipeline

    def failing_disk(_path: Path) -> str:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(pipeline, "file_sha256", failing_disk)
    (report,) = run_import(ws, case.id or 0, [data_dir / "core" / "social_care.csv"])
    assert report.error == "cannot be read ([Errno 5] Input/output error)"
    assert count_entries(ws, case.id or 0) == 0


def test_saving_is_the_last_step_reported(ws: Workspace, case: Case, data_dir: Path) -> None:
    items = list(import_file(ws, case.id or 0, data_dir / "core" / "social_care.csv"))
    *progress, report = items
    assert progress and all(isinstance(p, Progress) for p in progress)
    assert (progress[-1].done, progress[-1].total, progress[-1].message) == (5, 5, "saving")
    assert report.rows == 5


def test_the_collector_is_on_again_after_an_import(
    ws: Workspace, case: Case, data_dir: Path
) -> None:
    assert gc.isenabled()
    run_import(ws, case.id or 0, [data_dir / "core" / "social_care.csv"])
    assert gc.isenabled()
    run_import(ws, case.id or 0, [data_dir / "core" / "missing.csv"])
    assert gc.isenabled()


def test_cancel_stops_before_anything_is_written(ws: Workspace, case: Case, data_dir: Path) -> None:
    files = [data_dir / "core" / "social_care.csv", data_dir / "core" / "health.csv"]
    with pytest.raises(ImportCancelled):
        list(import_files(ws, case.id or 0, files, cancel=lambda: True))
    with pytest.raises(ImportCancelled):
        list(import_file(ws, case.id or 0, files[0], cancel=lambda: True))
    assert count_entries(ws, case.id or 0) == 0 and list_batches(ws, case.id or 0) == []
    assert list_quarantine(ws, case.id or 0) == []


def test_each_file_is_its_own_batch_and_a_second_import_is_checked_row_by_row(
    ws: Workspace, case: Case, data_dir: Path
) -> None:
    social, health = data_dir / "core" / "social_care.csv", data_dir / "core" / "health.csv"
    run_import(ws, case.id or 0, [social])
    reports = run_import(ws, case.id or 0, [social, health])
    assert [(r.imported, r.already_imported, r.quarantined) for r in reports] == [
        (0, 5, 0),
        (2, 0, 1),
    ]
    assert [b.file for b in list_batches(ws, case.id or 0)] == [
        "social_care.csv",
        "social_care.csv",
        "health.csv",
    ]


def test_the_search_index_holds_each_entry_once(ws: Workspace, case: Case, data_dir: Path) -> None:
    run_import(ws, case.id or 0, [data_dir / "core" / "social_care.csv"])
    run_import(ws, case.id or 0, [data_dir / "core" / "health.csv"])
    written = ws.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    assert written == 5  # three from the first file, two from the second (one queued as possible)
    assert ws.conn.execute("SELECT count(*) FROM entries_fts").fetchone()[0] == written
    found = list_entries(ws, case.id or 0, EntryFilter(search="Saturday contact slot"))
    assert len(found) == 1


# ------------------------------------------------------------- entries written directly
def _entry(case: Case, date: str, time: str | None, summary: str) -> Entry:
    precision = Precision.DATETIME if time else Precision.DAY
    return Entry(case.id or 0, date, precision, summary, time=time, agency="Police")


def test_entries_take_the_next_ids_in_order(ws: Workspace, case: Case) -> None:
    first = [_entry(case, "2024-01-02", None, "first")]
    with ws.transaction():
        (one,) = insert_entries(ws, first)
    batch = [_entry(case, "2024-01-03", None, f"entry {n}") for n in range(3)]
    with ws.transaction():
        ids = insert_entries(ws, batch)
    assert ids == [one + 1, one + 2, one + 3]
    assert [e.id for e in batch] == ids
    assert [e.summary for e in list_entries(ws, case.id or 0)] == [
        "first",
        "entry 0",
        "entry 1",
        "entry 2",
    ]
    assert ws.conn.execute("SELECT count(*) FROM entries_fts").fetchone()[0] == 4


def test_a_day_sorts_its_undated_time_first_then_by_time(ws: Workspace, case: Case) -> None:
    day = "2024-05-01"
    with ws.transaction():
        insert_entries(
            ws,
            [
                _entry(case, day, "15:30", "afternoon"),
                _entry(case, day, "09:05", "morning"),
                _entry(case, day, None, "some time that day"),
                _entry(case, "2024-04-30", "23:59", "the day before"),
            ],
        )
    assert [e.summary for e in list_entries(ws, case.id or 0)] == [
        "the day before",
        "some time that day",
        "morning",
        "afternoon",
    ]
    assert sort_key(day, None) == "2024-05-01T" and sort_key(day, "09:05") == "2024-05-01T09:05"


def test_record_keys_must_match_the_entries(ws: Workspace, case: Case) -> None:
    with pytest.raises(ValueError), ws.transaction():
        insert_entries(ws, [_entry(case, "2024-01-01", None, "a")], record_keys=[1, 2])
    assert count_entries(ws, case.id or 0) == 0
