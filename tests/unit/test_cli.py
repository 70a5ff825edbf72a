"""The command line as scripts use it: names, JSON shapes, and bad input without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "core"


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, THROUGHLINE_HOME=str(home))
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_import_json_counts_add_up_and_reimport_adds_nothing(tmp_path: Path) -> None:
    ws = str(tmp_path / "w.db")
    assert (
        run(
            "case",
            "add",
            "--workspace",
            ws,
            "--ref",
            "C1",
            "--child",
            "Mia Hollis",
            "--dob",
            "2021-05-04",
            home=tmp_path,
        ).returncode
        == 0
    )
    files = [str(DATA / "social_care.csv"), str(DATA / "health.csv")]
    r = run("import", "--workspace", ws, "--case", "C1", "--json", *files, home=tmp_path)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert [f["file"] for f in report["files"]] == ["social_care.csv", "health.csv"]
    t = report["totals"]
    assert t == {
        "rows": 8,
        "imported": 5,
        "duplicates": 0,
        "already_imported": 0,
        "quarantined": 3,
        "possible_duplicates": 1,
    }
    assert [f["possible_duplicates"] for f in report["files"]] == [0, 1]
    again = json.loads(
        run("import", "--workspace", ws, "--case", "C1", "--json", *files, home=tmp_path).stdout
    )["totals"]
    assert again["already_imported"] == 8 and again["imported"] == again["duplicates"] == 0


def test_entries_and_quarantine_json_have_the_documented_fields(tmp_path: Path) -> None:
    ws = str(tmp_path / "w.db")
    run("case", "add", "--workspace", ws, "--ref", "C1", "--child", "Mia Hollis", home=tmp_path)
    run(
        "import",
        "--workspace",
        ws,
        "--case",
        "C1",
        str(DATA / "social_care.csv"),
        str(DATA / "health.csv"),
        home=tmp_path,
    )
    entries = json.loads(
        run("entries", "--workspace", ws, "--case", "C1", "--json", home=tmp_path).stdout
    )
    needed = {
        "id",
        "date",
        "time",
        "precision",
        "agency",
        "type",
        "summary",
        "text",
        "source",
        "row",
        "duplicate_of",
        "status",
    }
    assert all(needed <= set(e) for e in entries)
    visit = next(e for e in entries if "Joint home visit" in e["text"])
    assert visit["date"] == "2024-03-12T10:15" and visit["time"] == "10:15"
    assert visit["duplicate_of"] is None  # queued for the worker, not linked
    quarantine = json.loads(
        run("quarantine", "--workspace", ws, "--case", "C1", "--json", home=tmp_path).stdout
    )
    assert {(q["source"], q["row"]) for q in quarantine} == {
        ("social_care.csv", 3),
        ("social_care.csv", 4),
        ("health.csv", 3),
    }
    assert all(q["reason"] and q["raw"] for q in quarantine)
    found = json.loads(
        run(
            "entries",
            "--workspace",
            ws,
            "--case",
            "C1",
            "--json",
            "--search",
            "drop-in clinic",
            home=tmp_path,
        ).stdout
    )
    assert [e["row"] for e in found] == [2]


def test_bad_input_gets_a_message_not_a_traceback(tmp_path: Path) -> None:
    ws = str(tmp_path / "w.db")
    run("case", "add", "--workspace", ws, "--ref", "C1", "--child", "Mia Hollis", home=tmp_path)
    missing = run(
        "import", "--workspace", ws, "--case", "C1", str(tmp_path / "nope.csv"), home=tmp_path
    )
    assert missing.returncode != 0 and "nope.csv" in missing.stderr
    no_case = run("entries", "--workspace", ws, "--case", "ZZZ", home=tmp_path)
    assert no_case.returncode != 0 and "ZZZ" in no_case.stderr
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"\x00garbage" * 500)
    damaged = run("cases", "--workspace", str(broken), home=tmp_path)
    assert damaged.returncode != 0 and "not a Throughline workspace" in damaged.stderr
    for r in (missing, no_case, damaged):
        assert "Traceback" not in r.stderr


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    ws = str(tmp_path / "w.db")
    run("case", "add", "--workspace", ws, "--ref", "C1", "--child", "Mia Hollis", home=tmp_path)
    bad = tmp_path / "calendar.ics"
    bad.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n")
    r = run(
        "import",
        "--workspace",
        ws,
        "--case",
        "C1",
        "--json",
        str(bad),
        str(DATA / "social_care.csv"),
        home=tmp_path,
    )
    assert r.returncode != 0
    report = json.loads(r.stdout)
    assert report["errors"][0]["file"] == "calendar.ics"
    assert report["totals"]["imported"] == 3


def test_person_and_case_details_round_trip(tmp_path: Path) -> None:
    ws = str(tmp_path / "w.db")
    run("case", "add", "--workspace", ws, "--ref", "C1", "--child", "Mia Hollis", home=tmp_path)
    r = run(
        "case",
        "edit",
        "--workspace",
        ws,
        "--case",
        "C1",
        "--worker",
        "Amira Shah",
        "--court",
        "Family Court at Fenwick",
        "--proceedings",
        "private",
        "--statement-number",
        "2",
        home=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    r = run(
        "person",
        "add",
        "--workspace",
        ws,
        "--case",
        "C1",
        "--name",
        "Lena Hollis",
        "--role",
        "mother",
        "--address",
        "Flat 2, 9 Quarry Lane",
        "--confidential",
        home=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    cases = json.loads(run("cases", "--workspace", ws, "--json", home=tmp_path).stdout)
    assert cases[0]["worker"] == "Amira Shah" and cases[0]["proceedings"] == "private"
    bad = run(
        "case", "edit", "--workspace", ws, "--case", "C1", "--proceedings", "maybe", home=tmp_path
    )
    assert bad.returncode != 0 and "Traceback" not in bad.stderr


def test_a_fhir_file_with_two_patients_asks_which_and_takes_the_answer(tmp_path: Path) -> None:
    ws = str(tmp_path / "w.db")
    run("case", "add", "--workspace", ws, "--ref", "C1", "--child", "Sam Fenwick", home=tmp_path)
    both = ROOT / "tests" / "data" / "fhir" / "two_patients.json"
    asked = run("import", "--workspace", ws, "--case", "C1", str(both), home=tmp_path)
    assert asked.returncode != 0
    assert "2 patients" in asked.stderr and "Sam Fenwick" in asked.stderr
    answered = run(
        "import",
        "--workspace",
        ws,
        "--case",
        "C1",
        "--patient",
        "Sam Fenwick",
        "--json",
        str(both),
        home=tmp_path,
    )
    assert answered.returncode == 0, answered.stderr
    totals = json.loads(answered.stdout)["totals"]
    assert totals["rows"] >= 1 and totals["rows"] == totals["imported"] + totals["quarantined"]
