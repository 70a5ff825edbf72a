"""Checking the hash-chained history of 100,000 rows: full check and the check on opening.

    python benchmarks/bench_integrity.py [--rows N] [--runs 5]

Builds a workspace whose history holds N sealed rows shaped like real ones (entry edits with old
and new values as JSON, risk reviews, imports), then times, median of the runs:

* baseline: reading the same rows with one SELECT (the floor any check pays);
* the full check (``workspace check``): every seal recomputed;
* opening the workspace with its checkpoint at the head (what opening pays once a full check has
  run), and with the checkpoint 5,000 rows back.

Opening checks the whole chain only up to ``FULL_ON_OPEN`` rows; beyond that it checks from the
checkpoint, and ``workspace check`` checks it all.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chronology.history_chain import append  # noqa: E402
from chronology.integrity import FULL_ON_OPEN, verify  # noqa: E402
from chronology.workspace import Workspace  # noqa: E402


def build(path: Path, rows: int) -> None:
    """Entry edits (most), risk changes, imports, and a real review every 100 rows."""
    stamp = "2024-05-01T10:00:00+01:00"
    with Workspace.open(path) as ws, ws.transaction() as c:
        c.execute(
            "INSERT INTO cases(ref, created_at, updated_at) VALUES ('B-1', ?, ?)", (stamp, stamp)
        )
        c.execute(
            "INSERT INTO risks(case_id, title, identified_on, created_at, updated_at) "
            "VALUES (1, 'Threat', '2024-01-01', ?, ?)",
            (stamp, stamp),
        )
        for i in range(rows):
            kind = i % 100
            if kind == 0:
                note = "Reviewed after the hearing; plan holds"
                cur = c.execute(
                    "INSERT INTO risk_reviews(risk_id, date, by, note, at) "
                    "VALUES (1, '2024-05-01', 'A. Worker', ?, ?)",
                    (note, stamp),
                )
                review = {
                    "risk_id": 1,
                    "date": "2024-05-01",
                    "by": "A. Worker",
                    "note": note,
                    "at": stamp,
                    "id": cur.lastrowid,
                }
                append(c, "risks", 1, "review", "A. Worker", stamp, None, json.dumps(review))
            elif kind < 80:
                old = json.dumps({"significance": "routine", "outcome": ""})
                new = json.dumps({"significance": "significant", "outcome": f"Referred on {i}"})
                append(c, "entries", i + 1, "update", "A. Worker", stamp, old, new)
            elif kind < 95:
                append(
                    c,
                    "risks",
                    1,
                    "update",
                    "A. Worker",
                    stamp,
                    json.dumps({"urgency": "important"}),
                    json.dumps({"urgency": "urgent"}),
                )
            else:
                counts = {"file": f"export_{i}.csv", "rows": 2000, "imported": 1990}
                append(
                    c, "import_batches", i, "import", "A. Worker", stamp, None, json.dumps(counts)
                )


def median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.db"
        build(path, args.rows)
        ws = Workspace.open(path, check=False)
        baseline = median(
            lambda: ws.conn.execute("SELECT * FROM history ORDER BY id").fetchall(), args.runs
        )
        full = median(lambda: verify(ws.conn, full=True), args.runs)
        ws.check()  # leaves the checkpoint at the head
        ws.close()

        def open_and_close() -> None:
            Workspace.open(path).close()

        def open_unchecked() -> None:
            Workspace.open(path, check=False).close()

        at_head = median(open_and_close, args.runs)
        bare = median(open_unchecked, args.runs)
        with Workspace.open(path, check=False) as ws2, ws2.transaction() as c:
            c.execute(
                "UPDATE history_checkpoint SET history_id=history_id-5000, hash=(SELECT "
                "hash FROM history WHERE id=history_checkpoint.history_id-5000)"
            )
        behind = median(lambda: verify(Workspace.open(path, check=False).conn), args.runs)
    print(f"history rows: {args.rows:,} (opening checks the whole chain up to {FULL_ON_OPEN:,})")
    print(f"  baseline: SELECT every row           {baseline * 1000:8.1f} ms")
    print(
        f"  full check (workspace check)          {full * 1000:8.1f} ms "
        f"({full / baseline:.1f}x the baseline)"
    )
    print(f"  open, unchecked                       {bare * 1000:8.1f} ms")
    print(
        f"  open, checkpoint at the head          {at_head * 1000:8.1f} ms "
        f"(+{(at_head - bare) * 1000:.1f} ms)"
    )
    print(f"  check on opening, 5,000 rows new      {behind * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
