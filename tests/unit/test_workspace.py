"""The workspace file: created, reopened, migrated, refused when foreign or damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from chronology.cases import CaseError, add_case, get_case, list_cases, update_case
from chronology.schema import SCHEMA_VERSION
from chronology.workspace import Workspace, WorkspaceError, latest_backup


def test_new_workspace_has_current_schema_and_settings(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.db") as ws:
        assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert ws.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ws.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_cases_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with Workspace.open(path) as ws:
        add_case(ws, "A-1", "Mia Hollis", "2021-05-04")
    with Workspace.open(path) as ws:
        case = get_case(ws, "A-1")
        assert case.children[0].name == "Mia Hollis"
        assert case.children[0].dob == "2021-05-04"
        assert [c.ref for c in list_cases(ws)] == ["A-1"]


def test_duplicate_reference_is_refused(ws: Workspace) -> None:
    add_case(ws, "A-1", "Mia Hollis")
    with pytest.raises(CaseError, match="already exists"):
        add_case(ws, "A-1", "Someone Else")


def test_case_edits_are_kept_in_history(ws: Workspace) -> None:
    add_case(ws, "A-1", "Mia Hollis")
    update_case(ws, "A-1", worker="Amira Shah", proceedings="private")
    case = get_case(ws, "A-1")
    assert (case.worker, case.proceedings) == ("Amira Shah", "private")
    actions = [
        r[0] for r in ws.conn.execute("SELECT action FROM history WHERE tbl='cases' ORDER BY id")
    ]
    assert actions == ["create", "update"]


def test_history_cannot_be_rewritten(ws: Workspace) -> None:
    add_case(ws, "A-1", "Mia Hollis")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        ws.conn.execute("DELETE FROM history")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        ws.conn.execute("UPDATE history SET who='x'")


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices(id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(WorkspaceError, match="another program"):
        Workspace.open(path)


def test_damaged_file_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(WorkspaceError, match="not a Throughline workspace"):
        Workspace.open(path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with Workspace.open(path) as ws:
        ws.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    with pytest.raises(WorkspaceError, match="newer Throughline"):
        Workspace.open(path)


def test_migration_from_version_1_backs_up_first(tmp_path: Path) -> None:
    """A workspace made at schema 1 opens under the current schema, after a backup copy."""
    from chronology.schema import MIGRATIONS
    from chronology.workspace import APP_ID, _split_sql

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for statement in _split_sql(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("INSERT INTO cases(ref, created_at, updated_at) VALUES ('OLD-1', 'x', 'x')")
    conn.execute("PRAGMA user_version=1")
    conn.execute(f"PRAGMA application_id={APP_ID}")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert ws.conn.execute("SELECT ref FROM cases").fetchone()[0] == "OLD-1"
    assert SCHEMA_VERSION > 1  # there was an upgrade: a copy was taken before it
    backup = latest_backup(path)
    assert backup is not None
    with sqlite3.connect(backup) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
