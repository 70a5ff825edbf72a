"""Hostile files (zip and XML bombs, deep JSON, 50 MB fields): time and peak memory of an import.

Each file is imported by ``python main.py import`` in its own process; the figures are the
process's wall time and its peak resident memory (from wait4), against the budget in DESIGN.md:
refused or quarantined in at most 10 s and 500 MB. A baseline (a small valid CSV) is measured in
the same run. Run: python benchmarks/bench_hostile.py [--repeat N] [KIND...]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import hostile  # noqa: E402

BUDGET_SECONDS = 10.0
BUDGET_MB = 500.0
TIMEOUT = 120.0
CEILING = 4 << 30  # the child may not take more than 4 GB: a runaway fails instead of the machine


def run_import(workspace: Path, source: Path, home: Path) -> tuple[int, float, float, str]:
    """Import one file in a fresh process: (exit status, seconds, peak MB, last stderr line)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CEILING, CEILING))

    env = dict(os.environ, THROUGHLINE_HOME=str(home))
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "main.py", "import", "--workspace", str(workspace), "--case",
             "H-1", "--json", str(source)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err, env=env, preexec_fn=limit,
        )  # fmt: skip
        timer = threading.Timer(TIMEOUT, proc.kill)  # a hang is reported, not waited out
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    return proc.returncode, seconds, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("kinds", nargs="*")
    args = parser.parse_args()
    kinds = {k: v for k, v in hostile.KINDS.items() if not args.kinds or k in args.kinds}
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        workspace = base / "w.db"
        subprocess.run(
            [sys.executable, "main.py", "case", "add", "--workspace", str(workspace), "--ref",
             "H-1", "--child", "Test Child"],
            cwd=ROOT, check=True, capture_output=True,
            env=dict(os.environ, THROUGHLINE_HOME=folder),
        )  # fmt: skip
        baseline = base / "baseline.csv"
        baseline.write_text("Date,Type,Note\n01/02/2024,Home visit,Seen.\n", encoding="utf-8")
        rows = [("baseline: a valid 1-row CSV", baseline)]
        for kind, (name, build) in kinds.items():
            rows.append((kind, build(base / name)))
        print(f"{'file':42} {'exit':>4} {'median s':>9} {'peak MB':>8}  message")
        worst_s = worst_mb = 0.0
        for kind, path in rows:
            results = [run_import(workspace, path, base) for _ in range(args.repeat)]
            seconds = statistics.median(r[1] for r in results)
            peak = max(r[2] for r in results)
            code, message = results[-1][0], results[-1][3]
            over = "" if seconds <= BUDGET_SECONDS and peak <= BUDGET_MB else "  OVER BUDGET"
            print(f"{kind:42} {code:>4} {seconds:>9.2f} {peak:>8.0f}  {message[:90]}{over}")
            if path is not baseline:
                worst_s, worst_mb = max(worst_s, seconds), max(worst_mb, peak)
        print(
            f"worst hostile file: {worst_s:.2f} s (budget {BUDGET_SECONDS:.0f} s), "
            f"{worst_mb:.0f} MB (budget {BUDGET_MB:.0f} MB)"
        )


if __name__ == "__main__":
    main()
