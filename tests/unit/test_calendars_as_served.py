"""Calendars as servers write them: spaced or lower-case repeat rules, zones of their own, HTML
descriptions, dates written out far ahead (issue 10, item 5)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from chronology.entries import list_entries
from chronology.importers.pipeline import run_import
from chronology.models import Case, Entry
from chronology.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
CALENDAR = ROOT / "tests" / "data" / "reading" / "server_calendar.ics"


def _imported(ws: Workspace, case: Case) -> dict[str, list[Entry]]:
    (report,) = run_import(ws, case.id or 0, [CALENDAR])
    assert report.error is None, report.error
    by_title: dict[str, list[Entry]] = {}
    for e in list_entries(ws, case.id or 0):
        by_title.setdefault(e.summary, []).append(e)
    return by_title


def test_repeat_rules_with_spaces_or_in_lower_case_are_expanded(ws: Workspace, case: Case) -> None:
    events = _imported(ws, case)
    group = events["Stay and play group"]
    assert len(group) == 6 and {e.time for e in group} == {"10:00"}
    assert [e.date for e in group][:2] == ["2024-01-08", "2024-01-15"]
    assert len(events["Feeding clinic"]) == 3


def test_a_zone_of_the_calendar_own_is_named_plainly(ws: Workspace, case: Case) -> None:
    (call,) = _imported(ws, case)["Call with the team abroad"]
    assert (call.date, call.time) == ("2024-06-05", "09:00")
    assert "Customized Time Zone (UTC+02:00)" in call.date_assumption
    assert "<" not in call.date_assumption and "object" not in call.date_assumption


def test_html_descriptions_become_text_with_links_written_out(ws: Workspace, case: Case) -> None:
    (call,) = _imported(ws, case)["Call with the team abroad"]
    assert "<" not in call.text and "&amp;" not in call.text
    assert "Call about the holiday plans." in call.text
    assert "shared plan (https://docs.example.org/plan)" in call.text
    assert "the lead (lead@harbour.example) & the school." in call.text
    assert "- Passports\n- Flights" in call.text


def test_dates_written_out_beyond_the_horizon_are_kept(ws: Workspace, case: Case) -> None:
    review = _imported(ws, case)["Long-term review"]
    assert [e.date for e in review] == ["2024-03-10", "2024-04-10", "2031-03-10"]


def test_the_word_export_holds_the_text_not_the_html(tmp_path: Path) -> None:
    import docx

    ws = str(tmp_path / "w.db")
    env = dict(os.environ, THROUGHLINE_HOME=str(tmp_path))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "main.py", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
            timeout=180,
        )

    assert run("case", "add", "--workspace", ws, "--ref", "H", "--child", "Ada").returncode == 0
    assert run("import", "--workspace", ws, "--case", "H", str(CALENDAR)).returncode == 0
    out = tmp_path / "chronology.docx"
    args = ["--document", "chronology", "--format", "docx", "--output", str(out)]
    r = run("export", "--workspace", ws, "--case", "H", *args)
    assert r.returncode == 0, r.stderr
    document = docx.Document(str(out))
    text = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "holiday plans" in text and "https://docs.example.org/plan" in text
    assert "<p>" not in text and "<b>" not in text and "&amp;" not in text
