"""The command line round trip: risk add / review / unpin, risks, summary, narrative, audit."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from clirun import run_main

NOTES_HEADER = "Case Note Date,Time,Note Type,Worker,Team,Subject,Note\n"
NOTES = NOTES_HEADER + (
    "28/02/2023,13:30,Child in Need Meeting,Mark Ellison,Children in Need Team 2,CIN review,"
    "Jason Pryce has applied to the court for a child arrangements order.\n"
    "30/01/2024,13:30,Child in Need Meeting,Hannah Okafor,Children in Need Team 2,CIN review,"
    "CIN meetings resume.\n"
    "19/11/2024,10:00,Court Hearing,Hannah Okafor,Children in Need Team 2,Court – final hearing,"
    '"Final hearing. Order made: Riley to spend unsupported contact on alternate Saturdays."\n'
    "20/11/2024,09:00,Telephone Call,Hannah Okafor,Children in Need Team 2,Call,"
    "Danielle contacted me about the contactless card.\n"
)
LATER = NOTES_HEADER + (
    "07/12/2024,16:00,Telephone Call,Hannah Okafor,Children in Need Team 2,Call,"
    "Carol says the second unsupported contact went ahead.\n"
)


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``python main.py ARGS`` through ``main.main`` in this process (see clirun.run_main)."""
    result = run_main(*args, env={"THROUGHLINE_USER": "Test Worker"})
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The program's log and settings go to the test's folder, not the user's."""
    monkeypatch.setenv("THROUGHLINE_HOME", str(tmp_path / "home"))


def run_json(*args: str) -> object:
    return json.loads(run(*args, "--json").stdout)


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[str, Path]:
    ws = str(tmp_path / "w.db")
    run(
        "case",
        "add",
        "--workspace",
        ws,
        "--ref",
        "C1",
        "--child",
        "Riley Marsh",
        "--dob",
        "2020-09-14",
    )
    notes = tmp_path / "case_notes.csv"
    notes.write_text(NOTES, encoding="utf-8")
    run("import", "--workspace", ws, "--case", "C1", str(notes))
    return ws, tmp_path


def test_risk_trips_clears_and_trips_again(workspace: tuple[str, Path]) -> None:
    ws, folder = workspace
    w = ("--workspace", ws, "--case", "C1")
    risk_id = run(
        "risk",
        "add",
        *w,
        "--title",
        "Conditional threat",
        "--if",
        "unsupported contact is granted",
        "--then",
        "Danielle may harm herself and Riley",
        "--primary",
        "--trigger",
        "unsupported contact",
        "--reviewed",
        "2024-02-01",
    ).stdout.strip()
    assert risk_id.isdigit()
    other = run_json(
        "risk", "add", *w, "--title", "Developmental needs", "--category", "developmental needs"
    )
    assert isinstance(other, dict) and other["id"] == int(risk_id) + 1

    summary = run_json("summary", *w, "--today", "2024-12-01")
    assert isinstance(summary, dict)
    first = summary["primary_risks"][0]
    assert first["id"] == int(risk_id) and first["needs_review"] is True
    entries = run_json("entries", *w)
    assert isinstance(entries, list)
    hearing = next(e["id"] for e in entries if "alternate Saturdays" in e["text"])
    assert first["tripped_by"] == [hearing]  # 'contacted' and 'contactless' do not trip it
    assert any("circumstances changed: 19/11/2024 10:00" in r for r in first["review_reasons"])
    assert summary["alerts"][0]["level"] == "red"
    cin_gap = summary["cadence"][0]["gaps"][0]
    assert (cin_gap["start"], cin_gap["end"], cin_gap["days"]) == ("2023-02-28", "2024-01-30", 335)
    assert cin_gap["proceedings_open"] is True

    run(
        "risk",
        "review",
        *w,
        "--risk",
        risk_id,
        "--date",
        "2024-11-25",
        "--by",
        "Priya Sandhu",
        "--note",
        "safety plan reviewed after the hearing",
    )
    cleared = run_json("risks", *w, "--today", "2024-12-01")
    assert isinstance(cleared, list)
    assert cleared[0]["needs_review"] is False and cleared[0]["tripped_by"] == []

    later = folder / "later_notes.csv"
    later.write_text(LATER, encoding="utf-8")
    run("import", "--workspace", ws, "--case", "C1", str(later))
    again = run_json("summary", *w, "--today", "2024-12-10")
    assert isinstance(again, dict)
    tripped = again["primary_risks"][0]
    assert tripped["needs_review"] is True and len(tripped["tripped_by"]) == 1
    assert tripped["tripped_by"][0] not in (hearing,)


def test_unpinning_needs_a_reason_and_it_is_kept(workspace: tuple[str, Path]) -> None:
    ws, _ = workspace
    w = ("--workspace", ws, "--case", "C1")
    risk_id = run("risk", "add", *w, "--title", "Threat", "--primary").stdout.strip()
    refused = run("risk", "unpin", *w, "--risk", risk_id, "--reason", " ", check=False)
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "throughline: taking a primary risk off the top of the summary needs a reason"
    )
    assert "Traceback" not in refused.stderr
    run(
        "risk",
        "unpin",
        *w,
        "--risk",
        risk_id,
        "--reason",
        "threat withdrawn; agreed at strategy meeting",
    )
    shown = run_json("risk", "show", *w, "--risk", risk_id)
    assert isinstance(shown, dict) and shown["primary"] is False
    unpin = [h for h in shown["history"] if h["action"] == "unpin"]
    assert unpin[0]["new"]["reason"] == "threat withdrawn; agreed at strategy meeting"
    assert unpin[0]["who"] == "Test Worker"
    closed = run("risk", "close", *w, "--risk", risk_id, check=False)
    assert closed.returncode == 2  # --reason is required


def test_narrative_versions_diff_and_audit(workspace: tuple[str, Path]) -> None:
    ws, folder = workspace
    w = ("--workspace", ws, "--case", "C1")
    text = folder / "analysis.txt"
    text.write_text("The threat is conditional on contact.\n", encoding="utf-8")
    run("narrative", *w, "--section", "analysis", "--file", str(text))
    run("narrative", *w, "--section", "current_circumstances", "--text", "Riley lives at home.")
    first = run("summary", *w, "--today", "2024-12-01").stdout
    assert "The threat is conditional on contact." in first
    assert first.rstrip().endswith("(summary version 1)")
    same = run("summary", *w, "--today", "2024-12-01").stdout
    assert same.rstrip().endswith("(summary version 1)")  # nothing changed: no new version
    run("risk", "add", *w, "--title", "Threat", "--primary", "--reviewed", "2024-11-30")
    run("summary", *w, "--today", "2024-12-01")
    versions = run_json("summary", *w, "--versions")
    assert isinstance(versions, list) and [v["id"] for v in versions] == [1, 2]
    diff = run("summary", *w, "--diff", "1", "2").stdout
    assert "+1. Threat [important but not urgent]" in diff
    assert "-No primary risk is recorded for this case." in diff
    narrative = run_json("narrative", *w)
    assert isinstance(narrative, dict)
    assert list(narrative) == ["current_circumstances", "analysis"]

    marked = run_json("summary", *w, "--reviewed-by", "Dawn Pryor", "--json")
    assert isinstance(marked, dict) and marked["version"] == 2
    audit = run_json("audit", "--workspace", ws, "--today", "2024-12-01")
    assert isinstance(audit, list)
    (case_audit,) = audit
    levels = {i["key"]: i["level"] for i in case_audit["items"]}
    assert levels["summary_current"] == "green" and levels["primary_reviews"] == "green"
    assert case_audit["level"] in ("amber", "red")
    text_out = run("audit", "--workspace", ws, "--case", "C1", "--today", "2024-12-01").stdout
    assert text_out.startswith("C1 — Riley Marsh")


def test_bad_input_gets_one_line(workspace: tuple[str, Path]) -> None:
    ws, _ = workspace
    w = ("--workspace", ws, "--case", "C1")
    bad = run(
        "risk", "review", *w, "--risk", "99", "--date", "2024-01-01", "--by", "X", check=False
    )
    assert (bad.returncode, bad.stderr) == (2, "throughline: no risk with id 99\n")
    bad = run("summary", *w, "--today", "01/12/2024", check=False)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr
    bad = run("risk", "add", *w, "--title", "x", "--reviewed", "2024-02-30", check=False)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
