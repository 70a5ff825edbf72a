"""No command can destroy a workspace: exports, backups and restores refuse its own paths."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from chronology import passphrases
from chronology.cases import add_case
from chronology.encryption import encrypt_workspace
from chronology.workspace import Workspace, WorkspaceError, backup_dir_for, restore_backup

ROOT = Path(__file__).resolve().parents[2]


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


def _cases(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT ref FROM cases ORDER BY ref")]
    finally:
        conn.close()


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "caseload.db"
    with Workspace.open(path) as ws:
        add_case(ws, "C-1", "Ava Thorne", "2020-02-02")
        add_case(ws, "C-2", "Ben Thorne", "2018-08-08")
    return path


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_naming_the_workspace_or_its_sidecars_is_refused(
    workspace: Path, tmp_path: Path, suffix: str
) -> None:
    before = workspace.read_bytes()
    target = str(workspace) + suffix
    r = run(
        "export", "--workspace", str(workspace), "--case", "C-1", "--document", "chronology",
        "--format", "csv", "--output", target, home=tmp_path,
    )  # fmt: skip
    assert r.returncode != 0
    assert "workspace" in r.stderr and "Traceback" not in r.stderr
    assert workspace.read_bytes() == before
    assert _cases(workspace) == ["C-1", "C-2"]


def test_export_through_another_name_for_the_workspace_is_refused(
    workspace: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(workspace)
    r = run(
        "export", "--workspace", str(workspace), "--case", "C-1", "--document", "chronology",
        "--format", "csv", "--output", str(link), home=tmp_path,
    )  # fmt: skip
    assert r.returncode != 0
    assert _cases(workspace) == ["C-1", "C-2"]


def test_export_over_a_backup_copy_is_refused(workspace: Path, tmp_path: Path) -> None:
    with Workspace.open(workspace) as ws:
        copy = ws.backup(reason="manual")
    before = copy.read_bytes()
    r = run(
        "export", "--workspace", str(workspace), "--case", "C-1", "--document", "chronology",
        "--format", "csv", "--output", str(copy), home=tmp_path,
    )  # fmt: skip
    assert r.returncode != 0 and "backup" in r.stderr
    assert copy.read_bytes() == before


def test_export_over_another_workspace_elsewhere_is_refused(
    workspace: Path, tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere" / "other.csv"
    other.parent.mkdir()
    with Workspace.open(other) as ws:
        add_case(ws, "X-9", "Cara Lane", None)
    r = run(
        "export", "--workspace", str(workspace), "--case", "C-1", "--document", "chronology",
        "--format", "csv", "--output", str(other), home=tmp_path,
    )  # fmt: skip
    assert r.returncode != 0
    assert _cases(other) == ["X-9"]


def test_export_over_an_encrypted_workspace_copied_elsewhere_is_refused(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(passphrases, "_known", {})
    other = tmp_path / "stick" / "caseload-copy.db"
    other.parent.mkdir()
    encrypt_workspace(_copy(workspace, tmp_path / "encrypted.db"), "a passphrase of some length")
    other.write_bytes((tmp_path / "encrypted.db").read_bytes())
    before = other.read_bytes()
    r = run(
        "export", "--workspace", str(workspace), "--case", "C-1", "--document", "chronology",
        "--format", "csv", "--output", str(other), home=tmp_path,
    )  # fmt: skip
    assert r.returncode != 0 and "workspace" in r.stderr, r.stderr
    assert other.read_bytes() == before


@pytest.mark.parametrize("fmt", ["docx", "pdf", "csv"])
def test_an_earlier_export_of_the_same_name_is_written_over(
    workspace: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"chronology.{fmt}"
    for _ in range(2):
        r = run(
            "export", "--workspace", str(workspace), "--case", "C-1", "--document",
            "chronology", "--format", fmt, "--output", str(out), home=tmp_path,
        )  # fmt: skip
        assert r.returncode == 0, r.stderr


def _copy(source: Path, dest: Path) -> Path:
    dest.write_bytes(source.read_bytes())
    return dest


def test_an_ordinary_export_still_writes(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "chron.csv"
    r = run(
        "export", "--workspace", str(workspace), "--case", "C-1", "--document", "chronology",
        "--format", "csv", "--output", str(out), home=tmp_path,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8-sig").startswith("No.") or out.stat().st_size > 0


def test_restore_from_the_workspace_itself_is_refused_and_changes_nothing(
    workspace: Path, tmp_path: Path
) -> None:
    before = workspace.read_bytes()
    r = run("workspace", "restore", "--workspace", str(workspace), "--from", str(workspace),
            home=tmp_path)  # fmt: skip
    assert r.returncode != 0
    assert "workspace itself" in r.stderr
    assert workspace.exists() and workspace.read_bytes() == before
    assert _cases(workspace) == ["C-1", "C-2"]


def test_restore_checks_the_copy_before_replacing(workspace: Path, tmp_path: Path) -> None:
    junk = tmp_path / "not-a-backup.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(WorkspaceError):
        restore_backup(junk, workspace)
    assert _cases(workspace) == ["C-1", "C-2"]
    assert not list(tmp_path.glob(".*restoring"))


def test_restore_keeps_the_replaced_workspace_as_a_backup(workspace: Path, tmp_path: Path) -> None:
    with Workspace.open(workspace) as ws:
        copy = ws.backup(reason="manual")
        add_case(ws, "C-3", "Dan Thorne", None)
    kept = restore_backup(copy, workspace)
    assert _cases(workspace) == ["C-1", "C-2"]
    assert kept is not None and kept.parent == backup_dir_for(workspace)
    assert _cases(kept) == ["C-1", "C-2", "C-3"]


def test_backup_never_writes_over_the_workspace_or_an_existing_file(
    workspace: Path, tmp_path: Path
) -> None:
    before = workspace.read_bytes()
    r = run("workspace", "backup", "--workspace", str(workspace), "--to", str(workspace),
            home=tmp_path)  # fmt: skip
    assert r.returncode != 0
    assert workspace.read_bytes() == before
    existing = tmp_path / "notes.txt"
    existing.write_text("keep me", encoding="utf-8")
    r = run("workspace", "backup", "--workspace", str(workspace), "--to", str(existing),
            home=tmp_path)  # fmt: skip
    assert r.returncode != 0
    assert existing.read_text(encoding="utf-8") == "keep me"
