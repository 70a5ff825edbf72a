"""Columns are mapped on what they hold as well as on their headers (issue 10, item 1)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from table_maker import table

from chronology.entries import list_entries
from chronology.importers.pipeline import ImportOptions, run_import
from chronology.models import Case
from chronology.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]


def _xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    wb.save(path)
    return path


def _csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_prose_under_an_unknown_header_is_the_text_not_the_short_comment_beside_it(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    rows = table(["date", "worker", "prose", "comment"], 30)
    path = _xlsx(tmp_path / "obs.xlsx", ["Date", "Staff", "Narr_1", "Parent comment"], rows)
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is None and report.imported == 30
    assert report.mapping is not None
    assert report.mapping.column_of("text") == "Narr_1"
    entries = list_entries(ws, case.id or 0)
    notes = {str(r[2]) for r in rows}
    assert {e.text for e in entries} == notes
    # The comment is kept, in the details, never taken for the note.
    assert all(e.details.startswith("Parent comment: ") for e in entries)


def test_a_prose_column_whose_header_mentions_time_is_not_the_time(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    rows = table(["date", "prose", "type"], 25, seed=3)
    path = _csv(tmp_path / "notes.csv", ["Date", "Time with family (notes)", "Type"], rows)
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is None
    assert report.quarantined == 0 and report.imported == 25
    assert report.mapping is not None
    assert report.mapping.column_of("time") is None
    assert report.mapping.column_of("text") == "Time with family (notes)"


def test_a_time_header_over_prose_is_said_to_be_kept_in_details(tmp_path: Path) -> None:
    from chronology.importers.proposal import propose_mapping

    rows = table(["date", "comment", "prose"], 25, seed=5)
    proposal = propose_mapping(["Date", "Time", "Note"], rows)
    assert proposal.column_of("time") is None
    assert any("'Time' is not read as the time" in n for n in proposal.notes)


def test_a_date_column_with_an_unrelated_header_is_found(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    rows = table(["reference", "long_date", "type", "prose"], 20, seed=7)
    path = _csv(tmp_path / "log.csv", ["Serial", "Logged", "Category", "Narrative"], rows)
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is None and report.imported == 20
    assert report.mapping is not None
    choice = report.mapping.choices["date"]
    assert choice.column == "Logged" and choice.level == "sure"
    assert "the only column holding dates" in choice.reasons


def test_two_prose_columns_nothing_tells_apart_stop_the_import_and_name_them(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    rows = table(["date", "prose", "prose"], 20, seed=11)
    path = _csv(tmp_path / "two.csv", ["Date", "Col A", "Col B"], rows)
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is not None
    assert "'Col A'" in report.error and "'Col B'" in report.error
    assert "--map text=COLUMN" in report.error and "\n" not in report.error
    assert list_entries(ws, case.id or 0) == []
    (chosen,) = run_import(ws, case.id or 0, [path], ImportOptions(chosen={"text": "col b"}))
    assert chosen.error is None and chosen.imported == 20
    texts = {e.text for e in list_entries(ws, case.id or 0)}
    assert texts == {str(r[2]) for r in rows}
    assert all(e.details.startswith("Col A: ") for e in list_entries(ws, case.id or 0))


def test_two_date_columns_with_headers_that_say_nothing_are_asked_about(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    rows = table(["date", "date", "prose"], 15, seed=2)
    path = _csv(tmp_path / "d.csv", ["First", "Second", "Narrative"], rows)
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is not None and "--map date=COLUMN" in report.error
    assert "'First'" in report.error and "'Second'" in report.error


def test_an_unknown_column_in_map_is_refused_by_name(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    path = _csv(tmp_path / "x.csv", ["Date", "Note"], table(["date", "prose"], 3))
    (report,) = run_import(ws, case.id or 0, [path], ImportOptions(chosen={"text": "Narrative"}))
    assert report.error is not None and "no column 'Narrative'" in report.error


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, THROUGHLINE_HOME=str(home))
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_dry_run_json_prints_the_mapping_with_confidences_and_imports_nothing(
    tmp_path: Path,
) -> None:
    ws = str(tmp_path / "w.db")
    r = _run("case", "add", "--workspace", ws, "--ref", "C", "--child", "Ada", home=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = table(["reference", "long_date", "worker", "prose", "comment"], 12, seed=4)
    path = _csv(tmp_path / "f.csv", ["Ref", "When", "Officer", "Zz", "Remarks"], rows)
    r = _run(
        "import", "--workspace", ws, "--case", "C", "--dry-run", "--json", str(path), home=tmp_path
    )
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["dry_run"] is True
    (file,) = report["files"]
    assert file["rows"] == 12 and file["imported"] == 12 and file["batch"] is None
    fields = file["mapping"]["fields"]
    assert fields["date"]["column"] == "When" and fields["text"]["column"] == "Zz"
    assert fields["reference"]["column"] == "Ref"
    assert all(0 < f["confidence"] <= 1 and f["reasons"] for f in fields.values())
    assert file["mapping"]["columns"]["Remarks"] == "extra"
    entries = json.loads(
        _run("entries", "--workspace", ws, "--case", "C", "--json", home=tmp_path).stdout
    )
    assert entries == []


def test_the_command_line_stops_with_one_line_naming_how_to_choose(tmp_path: Path) -> None:
    ws = str(tmp_path / "w.db")
    _run("case", "add", "--workspace", ws, "--ref", "C", "--child", "Ada", home=tmp_path)
    path = _csv(tmp_path / "two.csv", ["Date", "A", "B"], table(["date", "prose", "prose"], 9))
    r = _run("import", "--workspace", ws, "--case", "C", str(path), home=tmp_path)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    (line,) = r.stderr.strip().splitlines()
    assert "--map text=COLUMN" in line and "--profile" in line
    r = _run(
        "import",
        "--workspace",
        ws,
        "--case",
        "C",
        "--map",
        "text=B",
        "--map",
        "details=A",
        "--save-profile",
        "two-notes",
        str(path),
        home=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    other = _csv(
        tmp_path / "two_again.csv", ["Date", "A", "B"], table(["date", "prose", "prose"], 5, 8)
    )
    r = _run(
        "import",
        "--workspace",
        ws,
        "--case",
        "C",
        "--profile",
        "two-notes",
        "--json",
        str(other),
        home=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["files"][0]["mapping"]["fields"]["text"]["column"] == "B"


@pytest.mark.parametrize("bad", ["text", "when=Date", "text="])
def test_a_badly_written_map_is_refused_plainly(tmp_path: Path, bad: str) -> None:
    ws = str(tmp_path / "w.db")
    _run("case", "add", "--workspace", ws, "--ref", "C", "--child", "Ada", home=tmp_path)
    path = _csv(tmp_path / "x.csv", ["Date", "Note"], table(["date", "prose"], 2))
    r = _run("import", "--workspace", ws, "--case", "C", "--map", bad, str(path), home=tmp_path)
    assert r.returncode != 0 and "Traceback" not in r.stderr and "--map" in r.stderr


def test_the_sheet_with_a_column_of_dates_is_chosen_whatever_its_header(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "About"
    cover.append(["Section", "Contents"])
    cover.append(["Purpose", "Log of contacts kept by the outreach team"])
    cover.append(["Owner", "Outreach team"])
    log = wb.create_sheet("Contacts")
    log.append(["Occurred", "Kind", "Account"])
    for row in table(["date", "type", "prose"], 12, seed=21):
        log.append(row)
    path = tmp_path / "outreach.xlsx"
    wb.save(path)
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is None and report.imported == 12
    assert report.info is not None and report.info.sheet == "Contacts"
