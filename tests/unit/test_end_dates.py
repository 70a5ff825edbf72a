"""End dates and durations are kept: end columns, DTEND/DURATION, FHIR period.end (item 3)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from chronology.dates import format_entry_date, is_ongoing
from chronology.entries import list_entries
from chronology.importers.pipeline import run_import
from chronology.models import Case, Entry
from chronology.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "reading"


def _by_ref(ws: Workspace, case: Case) -> dict[str, Entry]:
    return {e.source_ref or e.summary: e for e in list_entries(ws, case.id or 0)}


def _shown(e: Entry) -> str:
    return format_entry_date(
        e.date,
        e.time,
        e.precision.value,
        e.approximate,
        e.date_end,
        ongoing=is_ongoing(e.date_assumption),
    )


def test_an_end_column_gives_each_entry_its_end(ws: Workspace, case: Case) -> None:
    (report,) = run_import(ws, case.id or 0, [DATA / "care_plans.csv"])
    assert report.error is None and report.imported == 5 and report.quarantined == 0
    assert report.mapping is not None and report.mapping.column_of("end") == "STOP"
    plans = _by_ref(ws, case)
    assert plans["CP-101"].date_end == "2000-05-10"
    assert _shown(plans["CP-101"]) == "18/01/2000 \u2013 10/05/2000"
    # Still running: shown as ongoing, with no end made up.
    assert plans["CP-102"].date_end is None and _shown(plans["CP-102"]).endswith("ongoing")
    # An end time on the same day is kept in the details.
    assert plans["CP-103"].date_end is None and "Ends: 11:30" in plans["CP-103"].details
    # Ends that cannot be used are kept word for word, never guessed.
    assert "End: not known" in plans["CP-104"].details and plans["CP-104"].date_end is None
    assert "before the start" in plans["CP-105"].details and plans["CP-105"].date_end is None


def test_calendar_ends_and_durations_are_kept(ws: Workspace, case: Case) -> None:
    (report,) = run_import(ws, case.id or 0, [DATA / "multi_day.ics"])
    assert report.error is None and report.imported == 3
    events = _by_ref(ws, case)
    stay = events["stay-1@fixture.example"]
    # DTEND of an all-day event is exclusive: 11 to 13 March.
    assert (stay.date, stay.date_end) == ("2024-03-11", "2024-03-13")
    review = events["review-2@fixture.example"]
    assert review.date_end is None and "Ends: 15:30" in review.details  # DURATION PT1H30M
    course = events["course-3@fixture.example"]
    assert course.date_end == "2024-05-08" and "Ends: 08/05/2024 16:30" in course.details


def test_fhir_period_end_is_kept_and_an_open_encounter_is_ongoing(
    ws: Workspace, case: Case
) -> None:
    (report,) = run_import(ws, case.id or 0, [DATA / "encounters_period.json"])
    assert report.error is None and report.imported == 2
    stays = {e.summary: e for e in list_entries(ws, case.id or 0)}
    first = stays["Admission to the children's ward"]
    assert (first.date, first.date_end) == ("2024-02-10", "2024-02-13")
    open_stay = stays["Admission for observation"]
    assert open_stay.date_end is None and _shown(open_stay) == "01/03/2024 09:00 \u2013 ongoing"


def test_entries_json_and_the_csv_export_show_the_end(tmp_path: Path) -> None:
    ws = str(tmp_path / "w.db")
    env = dict(os.environ, THROUGHLINE_HOME=str(tmp_path))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "main.py", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    assert run("case", "add", "--workspace", ws, "--ref", "E1", "--child", "Ada").returncode == 0
    r = run("import", "--workspace", ws, "--case", "E1", str(DATA / "care_plans.csv"))
    assert r.returncode == 0, r.stderr
    entries = json.loads(run("entries", "--workspace", ws, "--case", "E1", "--json").stdout)
    by_text = {e["text"][:20]: e for e in entries}
    first = by_text["Speech and language "]
    assert first["date_end"] == "2000-05-10" and first["ongoing"] is False
    running = by_text["Family support plan:"]
    assert running["date_end"] is None and running["ongoing"] is True
    out = tmp_path / "chronology.csv"
    args = ["--document", "chronology", "--format", "csv", "--output", str(out)]
    r = run("export", "--workspace", ws, "--case", "E1", *args)
    assert r.returncode == 0, r.stderr
    with out.open(encoding="utf-8-sig", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert "18/01/2000 \u2013 10/05/2000" in cells
    assert "02/03/2021 \u2013 ongoing" in cells


def test_a_later_date_column_named_for_something_else_is_not_taken_for_the_end() -> None:
    from chronology.importers.proposal import propose_mapping

    rows = [
        ["02/01/2024", "16/01/2024", "12/01/2024", "Plan agreed with the family at the review."],
        ["05/02/2024", "19/02/2024", "01/03/2024", "Mother asked for help with the school run."],
        ["11/03/2024", "25/03/2024", "20/03/2024", "Visit: the children were at their aunt's."],
    ]
    header = ["Date", "Review date", "Closed", "Note"]
    proposal = propose_mapping(header, rows)
    assert proposal.column_of("end") == "Closed"  # its header says it is the end
    unnamed = propose_mapping(["Date", "Review date", "Col C", "Note"], rows)
    assert unnamed.column_of("end") == "Col C"  # never before the date: read as the end, 'likely'
    assert unnamed.choices["end"].level == "likely"
    assert unnamed.columns["Review date"] == "extra"
