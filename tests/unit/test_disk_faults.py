"""A full disk, a file-size limit, a log that cannot be written, a read-only folder and an export
killed half-way: one line naming the file and the cause, nothing half-written, nothing left over.

The faults are real: the kernel's file-size limit (RLIMIT_FSIZE, which Python meets as "File too
large"), SQLite's own page limit (its "database or disk is full"), /dev/full (which answers every
write with "No space left on device"), a folder without write permission (for a user who is not
root), and a process that dies with os._exit while it writes.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chronology.cases import add_case
from chronology.importers.pipeline import run_import
from chronology.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, home: Path, file_limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limits() -> None:
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, THROUGHLINE_HOME=str(home)),
        timeout=180,
        preexec_fn=limits,
    )


def _notes(path: Path, rows: int) -> Path:
    lines = ["Date,Type,Note"]
    lines += [
        f"{1 + n % 28:02d}/{1 + n % 12:02d}/20{10 + n % 14},Home visit,Visit {n} {'seen ' * 20}"
        for n in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    db = tmp_path / "w.db"
    with Workspace.open(db) as ws:
        add_case(ws, "D-1", "Ivy Marsh")
        ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def _counts(db: Path) -> tuple[str, int, int]:
    with Workspace.open(db) as ws:
        ok = ws.conn.execute("PRAGMA integrity_check").fetchone()[0]
        entries = ws.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        batches = ws.conn.execute("SELECT count(*) FROM import_batches").fetchone()[0]
    return ok, entries, batches


def test_import_over_the_file_size_limit_names_the_file_and_imports_nothing(
    workspace: Path, tmp_path: Path
) -> None:
    source = _notes(tmp_path / "visits.csv", 20_000)
    limit = workspace.stat().st_size + 500_000  # the day's backup fits; the import does not
    result = run(
        "import", "--workspace", str(workspace), "--case", "D-1", str(source),
        home=tmp_path, file_limit=limit,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "cannot rollback" not in result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith(str(source)) and line.endswith("nothing was imported")
    assert "disk" in line
    assert _counts(workspace) == ("ok", 0, 0)


def test_a_full_database_rolls_back_and_says_the_disk_is_full(
    ws: Workspace, tmp_path: Path
) -> None:
    case = add_case(ws, "D-2", "Ivy Marsh")
    pages = ws.conn.execute("PRAGMA page_count").fetchone()[0]
    ws.conn.execute(f"PRAGMA max_page_count = {pages + 5}")  # SQLite's SQLITE_FULL, for real
    (report,) = run_import(ws, case.id or 0, [_notes(tmp_path / "visits.csv", 2000)])
    assert report.error == "the disk is full: nothing was imported"
    assert ws.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert ws.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 0
    assert not ws.conn.in_transaction


def test_an_export_over_the_size_limit_names_the_output_and_leaves_nothing(
    workspace: Path, tmp_path: Path
) -> None:
    with Workspace.open(workspace) as ws:
        run_import(ws, 1, [_notes(tmp_path / "visits.csv", 400)])
    out = tmp_path / "exports"
    out.mkdir()
    target = out / "chronology.pdf"
    result = run(
        "export", "--workspace", str(workspace), "--case", "D-1", "--document", "chronology",
        "--format", "pdf", "--output", str(target), home=tmp_path, file_limit=60_000,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"throughline: {target}: the file grew larger than this disk or account allows: "
        "the document was not written"
    )
    assert list(out.iterdir()) == []  # no output, no temporary file


def test_a_log_on_a_full_disk_stays_quiet(workspace: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "throughline.log").symlink_to("/dev/full")  # every write: No space left on device
    result = run("cases", "--workspace", str(workspace), home=home)
    assert result.returncode == 0
    assert result.stdout.startswith("D-1")
    assert result.stderr == ""  # no "--- Logging error ---", no traceback
    result = run("entries", "--workspace", str(workspace), "--case", "NOPE", home=home)
    assert result.returncode == 2
    assert result.stderr.strip() == "throughline: no case with reference 'NOPE' in this workspace"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_folder_is_named_as_the_output_not_a_temporary_file(
    workspace: Path, tmp_path: Path
) -> None:
    if os.geteuid() == 0:
        # root ignores a folder's permissions; the kernel's /sys refuses new files to anyone
        folder = Path("/sys")
        before = set(folder.iterdir())
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
        before = set()
    target = folder / "statement.docx"
    result = run(
        "export", "--workspace", str(workspace), "--case", "D-1", "--document", "chronology",
        "--format", "docx", "--output", str(target), home=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        f"throughline: {target}: permission denied (the folder or file cannot be written): "
        "the document was not written"
    )
    assert set(folder.iterdir()) == before


def test_the_temporary_file_of_an_export_that_died_is_removed_at_the_next_run(
    workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    target = out / "summary.pdf"
    dying = (
        "import os, sys\n"
        "from exports.atomic import atomic_target\n"
        f"with atomic_target({str(target)!r}) as tmp:\n"
        "    tmp.write_bytes(b'half a document' * 1000)\n"
        "    os._exit(9)\n"
    )
    env = dict(os.environ, THROUGHLINE_HOME=str(tmp_path))
    subprocess.run([sys.executable, "-c", dying], cwd=ROOT, env=env, timeout=60)
    left = list(out.glob(".summary.pdf.*.tmp"))
    assert len(left) == 1 and not target.exists()
    result = run("cases", "--workspace", str(workspace), home=tmp_path)  # the next run
    assert result.returncode == 0
    assert list(out.iterdir()) == []
    assert list((tmp_path / "pending-writes").iterdir()) == []


def test_an_old_left_over_temporary_file_is_removed_by_the_next_export_beside_it(
    workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    stale = out / ".chronology.csv.k2j4h1.tmp"
    stale.write_bytes(b"old half export")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    fresh = out / ".chronology.csv.a8b7c6.tmp"  # another export writing right now: left alone
    fresh.write_bytes(b"being written")
    result = run(
        "export", "--workspace", str(workspace), "--case", "D-1", "--document", "chronology",
        "--format", "csv", "--output", str(out / "chronology.csv"), home=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and fresh.exists()
    assert (out / "chronology.csv").exists()
