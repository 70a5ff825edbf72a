"""kill -9 in the middle of an import leaves the workspace intact: all of the file or none."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from chronology.cases import add_case
from chronology.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
ROWS = 60_000


def _big_csv(path: Path) -> None:
    lines = ["Case Note Date,Time,Note Type,Worker,Subject,Note"]
    for i in range(ROWS):
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        lines.append(
            f"{day:02d}/{month:02d}/{2000 + i % 24},{i % 24:02d}:{i % 60:02d},"
            f"Case Note,Worker {i % 7},Note {i},Routine note number {i} about the visit"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_kill_during_import_leaves_workspace_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with Workspace.open(db) as ws:
        add_case(ws, "K-1", "Mia Hollis")
    source = tmp_path / "big.csv"
    _big_csv(source)
    wal = Path(str(db) + "-wal")
    proc = subprocess.Popen(
        [sys.executable, "main.py", "import", "--workspace", str(db), "--case", "K-1", str(source)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    killed = False
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 1_000_000:  # writing is under way
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(0.002)
    proc.wait(timeout=60)
    assert killed, "the import finished before it could be killed: make the file bigger"
    with Workspace.open(db) as ws:
        assert ws.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert ws.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 0
        assert ws.conn.execute("SELECT count(*) FROM import_batches").fetchone()[0] == 0
        assert ws.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
