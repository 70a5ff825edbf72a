"""Migration 2 (risks, narrative, summary versions) applies to a version-1 workspace, data kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from chronology.cases import get_case
from chronology.schema import MIGRATIONS
from chronology.workspace import APP_ID, Workspace, _split_sql
from summary.risks import Risk, add_risk, list_risks


def _version_1_file(path: Path) -> None:
    conn = sqlite3.connect(path)
    for statement in _split_sql(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO cases(ref, created_at, updated_at) "
        "VALUES ('OLD-1', '2024-01-01', '2024-01-01')"
    )
    conn.execute("INSERT INTO children(case_id, name) VALUES (1, 'Mia Hollis')")
    conn.execute("PRAGMA user_version=1")
    conn.execute(f"PRAGMA application_id={APP_ID}")
    conn.commit()
    conn.close()


def test_a_version_1_workspace_gains_the_summary_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _version_1_file(path)
    with Workspace.open(path) as ws:
        assert ws.conn.execute("PRAGMA user_version").fetchone()[0] >= 2
        tables = {r[0] for r in ws.conn.execute("SELECT name FROM sqlite_master")}
        assert {
            "risks",
            "risk_reviews",
            "risk_triggers",
            "risk_evidence",
            "narrative",
            "summary_versions",
        } <= tables
        case = get_case(ws, "OLD-1")
        assert case.children[0].name == "Mia Hollis"
        risk = add_risk(ws, Risk(case.id or 0, "Neglect", primary=True))
        assert [r.id for r in list_risks(ws, case.id or 0)] == [risk.id]
    backups = list((tmp_path / "old-backups").glob("*.db"))
    assert backups, "the migration is preceded by a backup"


def test_risk_columns_refuse_bad_values(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.db") as ws:
        ws.conn.execute("INSERT INTO cases(ref, created_at, updated_at) VALUES ('A', 'x', 'x')")
        with pytest.raises(sqlite3.IntegrityError):
            ws.conn.execute(
                "INSERT INTO risks(case_id, title, urgency, identified_on, created_at, updated_at)"
                " VALUES (1, 't', 'someday', '2024-01-01', 'x', 'x')"
            )
