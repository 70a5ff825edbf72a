"""The agency's own reference for each record (log number, UID, booking id) is kept and shown."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from chronology.entries import list_entries
from chronology.importers.pipeline import run_import
from chronology.models import Case
from chronology.schema import MIGRATIONS, SCHEMA_VERSION
from chronology.workspace import APP_ID, Workspace, _split_sql

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "reading"


def _refs(ws: Workspace, case: Case) -> dict[str, str]:
    return {e.summary: e.source_ref for e in list_entries(ws, case.id or 0)}


def test_a_log_number_column_becomes_each_entry_reference(ws: Workspace, case: Case) -> None:
    (report,) = run_import(ws, case.id or 0, [DATA / "police_log_refs.csv"])
    assert report.error is None and report.imported == 3
    refs = sorted(e.source_ref for e in list_entries(ws, case.id or 0))
    assert refs == ["QX-24-00117", "QX-24-00342", "QX-24-00519"]
    # The reference is the entry's own field, not repeated in its details.
    assert all("QX-24" not in e.details for e in list_entries(ws, case.id or 0))


def test_a_calendar_uid_and_a_fhir_identifier_fill_the_reference(ws: Workspace, case: Case) -> None:
    reports = run_import(
        ws, case.id or 0, [DATA / "clinic_uid.ics", DATA / "appointment_identifier.json"]
    )
    assert [r.error for r in reports] == [None, None]
    refs = _refs(ws, case)
    assert refs["Developmental review"] == "booking-5521@orchard-lane.example"
    # The business identifier the agency uses, not the server's resource id.
    assert refs["Speech and language therapy assessment"] == "BK-20931"


def test_entries_json_shows_the_reference(tmp_path: Path) -> None:
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

    assert (
        run("case", "add", "--workspace", ws, "--ref", "R1", "--child", "Ada Fenn").returncode == 0
    )
    r = run("import", "--workspace", ws, "--case", "R1", str(DATA / "police_log_refs.csv"))
    assert r.returncode == 0, r.stderr
    entries = json.loads(run("entries", "--workspace", ws, "--case", "R1", "--json").stdout)
    assert {e["reference"] for e in entries} == {"QX-24-00117", "QX-24-00342", "QX-24-00519"}


def test_a_workspace_from_before_references_migrates_and_keeps_its_entries(
    tmp_path: Path,
) -> None:
    before = next(i for i, sql in enumerate(MIGRATIONS) if "source_ref" in sql)
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for sql in MIGRATIONS[:before]:
        for statement in _split_sql(sql):
            conn.execute(statement)
    conn.execute("INSERT INTO cases(ref, created_at, updated_at) VALUES ('OLD', 'x', 'x')")
    conn.execute(
        "INSERT INTO entries(case_id, date, precision, sort_key, summary) "
        "VALUES (1, '2023-02-01', 'day', '2023-02-01T', 'Visit before the upgrade')"
    )
    conn.execute(f"PRAGMA user_version={before}")
    conn.execute(f"PRAGMA application_id={APP_ID}")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (entry,) = list_entries(ws, 1)
        assert entry.summary == "Visit before the upgrade" and entry.source_ref == ""
