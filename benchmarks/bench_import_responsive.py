"""Does the window stay responsive while an import runs in its worker thread?

Imports 100,000 generated CSV rows through the GUI's ImportWorker (the same runnable the import
wizard starts) while a 10 ms timer ticks on the GUI thread, and prints how late the ticks were:
a late tick is a moment the window could not repaint or answer a click. A window feels
responsive while no pause exceeds about 100 ms.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_import_responsive.py [ROWS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.bench_import import make_rows, write_csv  # noqa: E402
from chronology.cases import add_case  # noqa: E402
from chronology.importers.pipeline import ImportOptions  # noqa: E402
from chronology.workspace import Workspace  # noqa: E402
from gui.common.workers import start  # noqa: E402
from gui.importing.import_worker import ImportWorker  # noqa: E402

TICK_MS = 10


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = folder / "notes.csv"
        write_csv(make_rows(n), csv_path)
        db = folder / "w.db"
        with Workspace.open(db) as ws:
            case_id = add_case(ws, "BENCH", "Test Child").id or 0
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000 - TICK_MS)
            last[0] = now

        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        loop = QEventLoop()
        worker = ImportWorker(db, case_id, [(csv_path, ImportOptions())])
        outcome: list[object] = []
        worker.signals.result.connect(outcome.append)
        worker.signals.finished.connect(loop.quit)
        started = time.perf_counter()
        timer.start()
        start(worker)
        loop.exec()
        timer.stop()
        took = time.perf_counter() - started
    gaps.sort()
    p95 = gaps[int(len(gaps) * 0.95)] if gaps else 0.0
    print(f"rows: {n:,}; import in the worker took {took:.2f} s; {len(gaps)} ticks of {TICK_MS} ms")
    print(
        f"GUI thread lateness: median {statistics.median(gaps):.1f} ms, 95th percentile "
        f"{p95:.1f} ms, worst {gaps[-1]:.1f} ms (responsive while the worst stays ≤ 100 ms: "
        f"{'OK' if gaps[-1] <= 100 else 'OVER'})"
    )
    del app


if __name__ == "__main__":
    main()
