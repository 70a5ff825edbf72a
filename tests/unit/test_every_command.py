"""Every documented command, run as a script runs it (``python main.py …`` in its own process),
with the shape of its ``--json`` output and its exit status checked; and a check that every
command and action the program offers is run by at least one test somewhere in tests/."""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from chronology.cases import add_case
from chronology.importers.pipeline import run_import
from chronology.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
REF = "CMD-1"


def run(
    home: Path, *args: str, ok: bool = True
) -> subprocess.CompletedProcess[str]:  # fmt: skip
    done = subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, THROUGHLINE_HOME=str(home)),
        timeout=180,
    )
    if ok:
        assert done.returncode == 0, f"{args[:2]}: {done.stderr}"
        assert "Traceback" not in done.stderr
    return done


def run_json(home: Path, *args: str) -> object:
    return json.loads(run(home, *args, "--json").stdout)


def refused(home: Path, *args: str) -> str:
    """A refusal: non-zero exit, one line naming the problem, no traceback."""
    done = run(home, *args, ok=False)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and done.stderr.count("\n") <= 2, done.stderr
    return done.stderr.strip()


@pytest.fixture
def w(tmp_path: Path) -> tuple[Path, list[str]]:
    """A workspace with one case and two agencies' files imported (in-process, quickly)."""
    path = tmp_path / "w.db"
    with Workspace.open(path) as ws:
        case = add_case(ws, REF, "Mia Hollis", "2021-05-04")
        run_import(
            ws, case.id or 0, [DATA / "core" / "social_care.csv", DATA / "core" / "health.csv"]
        )
    return tmp_path / "home", ["--workspace", str(path), "--case", REF]


def _keys(item: dict, *names: str) -> None:
    missing = [n for n in names if n not in item]
    assert not missing, f"missing {missing} in {sorted(item)}"


def test_demo_builds_a_workspace_with_its_case(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    done = run(tmp_path, "demo", "--workspace", str(path))
    (case,) = run_json(tmp_path, "cases", "--workspace", str(path))
    assert done.stdout.strip() == f"demo workspace written to {path} (case {case['ref']})"
    _keys(case, "ref", "children", "legal_status", "proceedings", "worker", "team_manager")
    assert case["entries"] > 100 and case["children"][0]["name"] and case["children"][0]["dob"]
    real = tmp_path / "real.db"
    run(tmp_path, "case", "add", "--workspace", str(real), "--ref", "R1", "--child", "Real Child")
    message = refused(tmp_path, "demo", "--workspace", str(real))
    assert "is not a demo workspace: it was left untouched" in message
    assert [c["ref"] for c in run_json(tmp_path, "cases", "--workspace", str(real))] == ["R1"]


def test_case_add_edit_and_cases(tmp_path: Path) -> None:
    ws = ["--workspace", str(tmp_path / "c.db")]
    run(tmp_path, "case", "add", *ws, "--ref", "C9", "--child", "Noor Test", "--dob", "2020-02-29")
    run(
        tmp_path, "case", "edit", *ws, "--case", "C9", "--worker", "Alex Brennan",
        "--role", "Social Worker", "--employer", "Kingsvale Council", "--team-manager", "Sam Lee",
        "--court", "Family Court", "--court-case-number", "ZZ24P00001", "--party",
        "the Local Authority", "--statement-number", "2", "--proceedings", "public",
        "--legal-status", "Child Protection",
    )  # fmt: skip
    (case,) = run_json(tmp_path, "cases", *ws)
    assert case == {
        "ref": "C9",
        "children": [{"name": "Noor Test", "dob": "2020-02-29"}],
        "legal_status": "Child Protection",
        "proceedings": "public",
        "worker": "Alex Brennan",
        "team_manager": "Sam Lee",
        "entries": 0,
    }
    assert "C9" in refused(tmp_path, "case", "add", *ws, "--ref", "C9", "--child", "Again")
    message = refused(tmp_path, "case", "edit", *ws, "--case", "NOPE", "--worker", "X")
    assert message == "throughline: no case with reference 'NOPE' in this workspace"


def test_person_add_and_people(w) -> None:
    home, args = w
    done = run(
        home, "person", "add", *args, "--name", "Jo Test", "--role", "Mother",
        "--address", "14 Larch Close", "--phone", "07700 900461", "--confidential",
    )  # fmt: skip
    assert "Jo Test (Mother)" in done.stdout and "confidential" in done.stdout
    run(home, "person", "add", *args, "--name", "Ray Test", "--role", "Father")
    people = run_json(home, "people", *args)
    assert [(p["name"], p["role"], p["confidential"]) for p in people] == [
        ("Jo Test", "Mother", True),
        ("Ray Test", "Father", False),
    ]
    for person in people:
        _keys(person, "id", "name", "role", "address", "phone", "confidential")
    assert people[0]["address"] == "14 Larch Close" and people[1]["phone"] == ""


def test_import_json_and_an_unreadable_file(tmp_path: Path) -> None:
    ws = ["--workspace", str(tmp_path / "i.db"), "--case", "C1"]
    run(tmp_path, "case", "add", *ws[:2], "--ref", "C1", "--child", "Mia Hollis")
    files = [str(DATA / "core" / "social_care.csv"), str(DATA / "gui" / "not_a_record.bin")]
    done = run(tmp_path, "import", *ws, "--json", *files, ok=False)
    assert done.returncode != 0  # a file that cannot be read makes the status non-zero
    report = json.loads(done.stdout)
    assert [f["file"] for f in report["files"]] == ["social_care.csv", "not_a_record.bin"]
    assert report["files"][1]["rows"] == 0 and report["files"][1]["batch"] is None
    assert [e["file"] for e in report["errors"]] == ["not_a_record.bin"]
    assert "cannot be imported" in report["errors"][0]["message"]
    counts = ("rows", "imported", "duplicates", "already_imported", "quarantined")
    for part in (*report["files"], report["totals"]):
        assert all(isinstance(part[k], int) for k in counts)
        assert part["rows"] == sum(part[k] for k in counts[1:])
    assert report["totals"]["rows"] == 5


def test_entries_json_fields(w) -> None:
    home, args = w
    entries = run_json(home, "entries", *args)
    assert len(entries) == 5
    for e in entries:
        _keys(e, "id", "date", "time", "precision", "agency", "type", "summary", "text")
        _keys(e, "source", "row", "duplicate_of", "status")
    # The joint visit told by both agencies in other words, 15 minutes apart, is not linked by
    # itself: both entries stay active and the pair waits in the review queue.
    assert all(e["duplicate_of"] is None for e in entries)
    (pair,) = run_json(home, "duplicates", *args)
    by_id = {e["id"]: e for e in entries}
    assert {by_id[pair["a"]]["source"], by_id[pair["b"]]["source"]} == {
        "social_care.csv",
        "health.csv",
    }
    assert pair["status"] == "possible" and pair["reasons"]
    found = run_json(home, "entries", *args, "--search", "spare key")
    assert found == []  # that row waits in quarantine
    centre = run_json(home, "entries", *args, "--search", "contact centre")
    assert [(e["source"], e["row"], e["date"]) for e in centre] == [
        ("social_care.csv", 2, "2024-04-03T09:40")
    ]


def test_quarantine_list_fix_and_discard(w) -> None:
    home, args = w
    waiting = run_json(home, "quarantine", *args)
    assert len(waiting) == 3
    for row in waiting:
        _keys(row, "id", "source", "row", "reason", "raw")
    by_row = {(q["source"], q["row"]): q["id"] for q in waiting}
    key = str(by_row[("social_care.csv", 4)])  # '31/02/2024' in the file
    bad = refused(home, "quarantine", *args, "--fix", key, "--date", "31/02/2024")
    assert "31" in bad and "February" in bad
    fixed = run(home, "quarantine", *args, "--fix", key, "--date", "29/02/2024", "--time", "18:40")
    assert "entry" in fixed.stdout and "2024-02-29" in fixed.stdout
    other = str(by_row[("health.csv", 3)])
    assert "reason" in refused(home, "quarantine", *args, "--discard", other, "--reason", " ")
    run(home, "quarantine", *args, "--discard", other, "--reason", "recorded twice")
    left = run_json(home, "quarantine", *args)
    assert [(q["source"], q["row"]) for q in left] == [("social_care.csv", 3)]
    assert any("spare key" in e["text"] for e in run_json(home, "entries", *args))


def test_undo_import_takes_a_batch_back_once(w) -> None:
    home, args = w
    before = run_json(home, "entries", *args)
    done = run(home, "undo-import", *args, "--batch", "2")
    assert done.stdout.strip() == "import 2 undone: 2 entries taken back"
    after = run_json(home, "entries", *args)
    assert len(after) == len(before) - 2 and {e["source"] for e in after} == {"social_care.csv"}
    assert "already undone" in refused(home, "undo-import", *args, "--batch", "2")
    assert refused(home, "undo-import", *args, "--batch", "99")


def test_risk_actions_and_risks(w) -> None:
    home, args = w
    first = run(
        home, "risk", "add", *args, "--title", "Conditional threat", "--if",
        "contact becomes unsupervised", "--then", "mother may harm herself", "--primary",
        "--trigger", "unsupported contact", "--reviewed", "2024-03-01", "--by", "A. Manager",
    )  # fmt: skip
    threat = int(first.stdout.strip())
    other = run_json(home, "risk", "add", *args, "--title", "Neglect", "--category", "neglect")
    assert set(other) == {"id"} and other["id"] == threat + 1
    review = run_json(home, "risk", "review", *args, "--risk", str(threat), "--date",
                      "2024-04-01", "--by", "A. Manager", "--note", "plan holds")  # fmt: skip
    assert (
        review["risk"] == threat and review["date"] == "2024-04-01" and review["by"] == "A. Manager"
    )
    assert "reason" in refused(home, "risk", "unpin", *args, "--risk", str(threat), "--reason", " ")
    run(home, "risk", "unpin", *args, "--risk", str(threat), "--reason", "managed by the plan")
    run(home, "risk", "pin", *args, "--risk", str(threat))
    run(home, "risk", "close", *args, "--risk", str(other["id"]), "--reason", "family moved")
    run(home, "risk", "reopen", *args, "--risk", str(other["id"]), "--reason", "family back")
    entry = run_json(home, "entries", *args)[0]["id"]
    run(home, "risk", "evidence", *args, "--risk", str(threat), "--entry", str(entry))
    run(home, "risk", "edit", *args, "--risk", str(threat), "--urgency", "urgent",
        "--review-every", "7")  # fmt: skip
    shown = run_json(home, "risk", "show", *args, "--risk", str(threat), "--today", "2024-04-05")
    _keys(shown, "id", "title", "statement", "urgency", "status", "primary", "review_every_days")
    _keys(shown, "last_review", "review_due", "needs_review", "tripped_by", "evidence", "reviews")
    assert shown["primary"] and shown["urgency"] == "urgent" and shown["review_every_days"] == 7
    assert shown["review_due"] == "2024-04-08" and not shown["needs_review"]
    assert shown["evidence"] == [entry]
    assert shown["statement"] == "IF contact becomes unsupervised THEN mother may harm herself"
    risks = run_json(home, "risks", *args, "--today", "2024-04-05")
    assert [(r["id"], r["primary"], r["status"]) for r in risks] == [
        (threat, True, "active"),
        (other["id"], False, "active"),
    ]
    history = run_json(home, "risk", "show", *args, "--risk", str(other["id"]))
    assert history["status"] == "active"


def test_summary_narrative_cadence_and_audit(w) -> None:
    home, args = w
    run(home, "risk", "add", *args, "--title", "Threat", "--primary", "--reviewed", "2024-03-01")
    run(home, "narrative", *args, "--section", "analysis", "--text", "Contact is the trigger.")
    assert run_json(home, "narrative", *args)["analysis"]["text"] == "Contact is the trigger."
    summary = run_json(home, "summary", *args, "--today", "2024-05-01")
    _keys(summary, "case", "as_of", "header", "primary_risks", "alerts", "cadence", "narrative")
    _keys(summary, "key_events", "involvement", "other_risks", "sources", "version")
    assert summary["case"] == REF and summary["as_of"] == "2024-05-01"
    assert [r["title"] for r in summary["primary_risks"]] == ["Threat"]
    assert summary["narrative"]["analysis"] == "Contact is the trigger."
    assert summary["quarantine_waiting"] == 3
    cadence = run_json(home, "cadence", *args, "--today", "2024-05-01")
    assert [c["rule"] for c in cadence] == ["cin_meeting", "home_visit", "supervision"]
    for rule in cadence:
        _keys(rule, "every_days", "count", "last", "gaps")
    audit = run_json(home, "audit", "--workspace", args[1], "--today", "2024-05-01")
    (row,) = audit
    _keys(row, "case", "child", "worker", "team_manager", "level", "items", "as_of")
    assert row["case"] == REF and row["level"] in ("red", "amber", "green")


DOCUMENTS = [
    ("statement", "docx"),
    ("statement", "pdf"),
    ("court-chronology", "docx"),
    ("court-chronology", "pdf"),
    ("chronology", "docx"),
    ("chronology", "pdf"),
    ("chronology", "csv"),
    ("summary", "docx"),
    ("summary", "pdf"),
    ("supervision", "docx"),
    ("supervision", "pdf"),
]


def _text(path: Path) -> str:
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return " ".join(" ".join([*(p.text for p in document.paragraphs), *cells]).split())
    if path.suffix == ".pdf":
        import pypdf

        return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())
    return path.read_text(encoding="utf-8-sig")


def test_export_writes_each_document(w, tmp_path: Path) -> None:
    home, args = w
    run(
        home, "case", "edit", *args, "--worker", "Alex Brennan", "--role", "Social Worker",
        "--employer", "Kingsvale Council", "--court", "Family Court at Kingsvale",
        "--court-case-number", "ZZ24P00001", "--party", "the Local Authority",
    )  # fmt: skip
    for document, fmt in DOCUMENTS:
        out = tmp_path / f"{document}.{fmt}"
        run(home, "export", *args, "--document", document, "--format", fmt, "--output", str(out))
        text = _text(out)
        assert text, f"{document}.{fmt} is empty"
        if document == "chronology":
            assert "contact centre" in text.lower(), f"{document}.{fmt} misses an entry"
        if document == "statement":
            assert "ZZ24P00001" in text
    message = refused(home, "export", *args, "--document", "statement", "--format", "csv",
                      "--output", str(tmp_path / "s.csv"))  # fmt: skip
    assert message == "throughline: a witness statement can be written as docx or pdf, not csv"


def test_workspace_backup_check_and_restore(w, tmp_path: Path) -> None:
    home, args = w
    ws = args[:2]
    copy = tmp_path / "copy.db"
    assert run(home, "workspace", "backup", *ws, "--to", str(copy)).stdout.strip() == (
        f"backup written to {copy}"
    )
    checked = run(home, "workspace", "check", *ws).stdout
    assert "database ok" in checked and "search index ok" in checked and "5 entries" in checked
    run(home, "risk", "add", *args, "--title", "Added after the backup")
    restored = run(home, "workspace", "restore", *ws, "--from", str(copy)).stdout
    assert "restored" in restored and "before-restore" in restored
    assert run_json(home, "risks", *args) == []  # as it was when the copy was taken
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"not a workspace" * 100)
    assert "not a Throughline workspace" in refused(
        home, "workspace", "check", "--workspace", str(damaged)
    )
    assert "no workspace file there" in refused(
        home, "workspace", "check", "--workspace", str(tmp_path / "missing.db")
    )
    with sqlite3.connect(copy) as db:  # the copy is a complete workspace of its own
        assert db.execute("SELECT ref FROM cases").fetchone()[0] == REF


# --------------------------------------------------------- every command has a test somewhere
def _commands() -> list[tuple[str, ...]]:
    """Every command and action the program's parser offers, as word tuples."""
    sys.path.insert(0, str(ROOT))
    from main import build_parser

    found: list[tuple[str, ...]] = []

    def walk(parser: argparse.ArgumentParser, prefix: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        for action in subs:
            for name, child in action.choices.items():
                walk(child, (*prefix, name))
        # An action given as a word with choices: workspace backup|restore|check|…
        words = [a for a in parser._actions if a.choices and not a.option_strings and a not in subs]
        for action in words:
            found.extend((*prefix, str(c)) for c in action.choices)
        if not subs and not words:
            found.append(prefix)

    walk(build_parser(), ())
    return sorted(set(found))


def _run_by_a_test(words: tuple[str, ...], sources: str) -> bool:
    pattern = r"[\"']" + r"[\"'],\s*(?:\*\w+,\s*)?[\"']".join(map(re.escape, words)) + r"[\"']"
    return re.search(pattern, sources) is not None


# Commands another issue is building, with its own tests; until they land they refuse in one line.
ELSEWHERE = {"workspace encrypt": "issue 14", "workspace rekey": "issue 14"}


def test_every_command_and_action_is_run_by_some_test(tmp_path: Path) -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("*.py"))
    commands = _commands()
    assert ("risk", "pin") in commands and ("workspace", "check") in commands
    untested = [c for c in commands if not _run_by_a_test(c, sources)]
    missing = [" ".join(c) for c in untested if " ".join(c) not in ELSEWHERE]
    assert missing == [], f"commands no test runs: {missing}"
    for words in untested:  # not built yet: a plain refusal, not a half-done command
        message = refused(tmp_path, *words, "--workspace", str(tmp_path / "w.db"))
        assert "not available in this version" in message, message


def test_agency_aliases_added_and_removed(w) -> None:
    home, args = w
    added = run(home, "agency", "add", *args, "--name", "Fenwick Health",
                "--alias", "Fenwick Community Health NHS Trust").stdout  # fmt: skip
    assert "Fenwick Health" in added and "2 entries" in added
    gone = run(home, "agency", "unalias", *args, "--alias", "Fenwick Community Health NHS Trust")
    assert "removed" in gone.stdout
    again = run(home, "agency", "add", *args, "--name", "Fenwick Health").stdout
    assert "0 entries" in again or "Fenwick Community Health NHS Trust" not in again


def test_significance_suggest_runs_the_rules_again_on_unconfirmed_entries(w) -> None:
    home, args = w
    done = run(home, "significance", "suggest", *args)
    assert re.match(r"\d+ entr(y|ies) given a new suggestion", done.stdout.strip()), done.stdout


def test_supervision_actions_added_done_and_reopened(w) -> None:
    home, args = w
    record = run_json(home, "supervision", "record", *args, "--date", "2024-05-01",
                      "--manager", "Tom Hale", "--worker", "Amira Shah")  # fmt: skip
    action = run_json(home, "supervision", "action", "add", *args, "--id", str(record["id"]),
                      "--action", "Visit the nursery", "--owner", "Amira Shah",
                      "--due", "2024-05-15")  # fmt: skip
    key = str(action["id"])
    run(home, "supervision", "action", "done", *args, "--action", key, "--by", "Amira Shah",
        "--date", "2024-05-10")  # fmt: skip
    run(home, "supervision", "action", "reopen", *args, "--action", key, "--by", "Tom Hale",
        "--date", "2024-05-12", "--note", "the visit did not happen")  # fmt: skip
    shown = run_json(home, "supervision", "show", *args, "--id", str(record["id"]))
    (kept,) = shown["actions"]
    assert kept["done"] is False
    assert [u["status"] for u in kept["updates"]] == ["done", "open"]
