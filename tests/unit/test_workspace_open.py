"""Opening a workspace: a damaged file named with the way back, a busy one named as busy, a risky
place warned about, and every file it makes readable by the user only."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from chronology.cases import add_case
from chronology.importers.pipeline import run_import
from chronology.workspace import Workspace, WorkspaceDamaged, backup_dir_for
from chronology.workspace_checks import location_warning
from exports.service import ExportRequest, export_document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("THROUGHLINE_HOME", str(home))
    return home


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, THROUGHLINE_HOME=str(home)),
        timeout=120,
    )


def _filled(db: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.csv"
    notes.write_text(
        "Date,Type,Note\n"
        + "".join(
            f"{1 + n % 28:02d}/03/2024,Home visit,Visit {n} {'seen ' * 30}\n" for n in range(600)
        ),
        encoding="utf-8",
    )
    with Workspace.open(db) as ws:
        case = add_case(ws, "O-1", "Ivy Marsh")
        run_import(ws, case.id or 0, [notes])
        ws.backup(reason="manual")
        ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_a_damaged_page_is_found_when_the_workspace_opens_and_the_backup_is_named(
    tmp_path: Path, own_data_folder: Path
) -> None:
    db = tmp_path / "w.db"
    _filled(db, tmp_path)
    data = bytearray(db.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096
    data[middle : middle + 4096] = b"\xa5" * 4096  # one page of the entries overwritten
    db.write_bytes(bytes(data))
    (own_data_folder / "checked-workspaces.json").unlink(missing_ok=True)
    with pytest.raises(WorkspaceDamaged) as refused:
        Workspace.open(db)
    message = str(refused.value)
    assert "the workspace file is damaged" in message
    assert "the latest backup is w-" in message and "workspace restore --workspace" in message
    result = run("cases", "--workspace", str(db), home=own_data_folder)
    assert result.returncode == 2 and "damaged" in result.stderr
    assert "Traceback" not in result.stderr
    # The way back works: the backup is restored and the damaged file kept beside it.
    result = run("workspace", "restore", "--workspace", str(db), home=own_data_folder)
    assert result.returncode == 0, result.stderr
    assert run("cases", "--workspace", str(db), home=own_data_folder).returncode == 0


def test_a_second_command_writing_meanwhile_is_told_the_workspace_is_busy(
    tmp_path: Path, own_data_folder: Path
) -> None:
    db = tmp_path / "w.db"
    with Workspace.open(db) as ws:
        add_case(ws, "O-2", "Ivy Marsh")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another copy of the app, in the middle of an import
    try:
        result = run(
            "case", "add", "--workspace", str(db), "--ref", "O-3", "--child", "Ned Marsh",
            home=own_data_folder,
        )  # fmt: skip
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.returncode == 2
    assert "database is locked" not in result.stderr
    assert "another copy of Throughline, or another command, is using this workspace" in (
        result.stderr
    )
    assert "nothing was changed" in result.stderr


@pytest.mark.parametrize(
    "folder",
    ["OneDrive - Fenwick Council", "Dropbox", "Google Drive", "iCloud Drive", "Box Sync"],
)
def test_a_workspace_in_a_synced_folder_is_warned_about(
    tmp_path: Path, own_data_folder: Path, folder: str
) -> None:
    db = tmp_path / folder / "cases" / "w.db"
    with Workspace.open(db) as ws:
        assert len(ws.warnings) == 1 and "sync programs copy a workspace" in ws.warnings[0]
    result = run("cases", "--workspace", str(db), home=own_data_folder)
    assert result.returncode == 0
    assert result.stderr.startswith("throughline: warning: ")
    assert location_warning(tmp_path / "Documents" / "w.db") is None


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_every_file_the_app_makes_is_readable_by_the_user_only(
    tmp_path: Path, own_data_folder: Path
) -> None:
    old = os.umask(0o022)  # a usual umask: the app must not rely on it
    try:
        db = tmp_path / "w.db"
        with Workspace.open(db) as ws:
            add_case(ws, "O-4", "Ivy Marsh")
            ws.backup(reason="manual")
            out = tmp_path / "statement.docx"
            export_document(ws, "O-4", ExportRequest("chronology", "docx", out))
            made = [db, Path(f"{db}-wal"), Path(f"{db}-shm"), out]
            made += [out.with_name(f"{out.name}.redaction-log.txt")]
            made += list(backup_dir_for(db).iterdir())
            for path in made:
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
            assert stat.S_IMODE(backup_dir_for(db).stat().st_mode) == 0o700
    finally:
        os.umask(old)
    result = run("entries", "--workspace", str(db), "--case", "NOPE", home=own_data_folder)
    assert result.returncode == 2  # a refusal the log notes (without the case's words)
    assert stat.S_IMODE((own_data_folder / "throughline.log").stat().st_mode) == 0o600
