"""Import 100,000 generated CSV rows end to end, beside a bare executemany of the same rows.

Budget (DESIGN.md): ≤ 4 s, and within 6× of the bare executemany; FTS search ≤ 20 ms.
Run: python benchmarks/bench_import.py [ROWS]
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chronology.cases import add_case  # noqa: E402
from chronology.entries import search_ids  # noqa: E402
from chronology.importers.pipeline import run_import  # noqa: E402
from chronology.workspace import Workspace  # noqa: E402

WORDS = [
    "visit",
    "mother",
    "child",
    "nursery",
    "health",
    "visitor",
    "contact",
    "court",
    "hearing",
    "sleep",
    "weight",
    "clinic",
    "telephone",
    "referral",
    "police",
    "concern",
    "school",
    "appointment",
    "bedroom",
    "kitchen",
    "play",
    "speech",
    "father",
    "grandmother",
    "safety",
    "plan",
    "review",
    "meeting",
    "assessment",
]
TYPES = (
    "Home Visit",
    "Telephone Call",
    "Case Note",
    "Child in Need Meeting",
    "Supervision",
    "Multi-agency Liaison",
    "Court Hearing",
)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# Real notes name places, people and things that few other notes mention.
RARE = [
    f"{a}{b}"
    for a in (
        "ash",
        "bram",
        "cold",
        "dun",
        "elm",
        "fen",
        "gar",
        "holt",
        "ivy",
        "kes",
        "lark",
        "moor",
        "nor",
        "oak",
        "pen",
        "quar",
        "rook",
        "sal",
    )
    for b in ("bury", "field", "ford", "gate", "ham", "ley", "mere", "ton", "well", "wick")
]


def make_rows(n: int, seed: int = 7) -> list[list[str]]:
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        y, m, d = rnd.randint(2015, 2025), rnd.randint(1, 12), rnd.randint(1, 28)
        hh, mm = rnd.randint(8, 19), rnd.choice((0, 15, 30, 45))
        style = i % 10
        if style < 7:
            date, tm = f"{d:02d}/{m:02d}/{y}", f"{hh:02d}:{mm:02d}"
        elif style < 9:
            date, tm = f"{d:02d} {MONTHS[m - 1]} {y} {hh:02d}:{mm:02d}", ""
        else:
            date, tm = f"{y}-{m:02d}-{d:02d}", ""
        note = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 40)))
        note += " at " + rnd.choice(RARE).capitalize() + " with " + rnd.choice(RARE)
        rows.append(
            [
                date,
                tm,
                rnd.choice(TYPES),
                f"Worker {i % 9}",
                "Team 2",
                f"Note {i}",
                note.capitalize() + ".",
            ]
        )
    return rows


def write_csv(rows: list[list[str]], path: Path) -> None:
    import csv

    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Case Note Date", "Time", "Note Type", "Worker", "Team", "Subject", "Note"])
        w.writerows(rows)


def bare_executemany(rows: list[list[str]], folder: Path) -> float:
    path = folder / f"bare-{time.perf_counter_ns()}.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE t(date TEXT, time TEXT, type TEXT, worker TEXT, team TEXT, "
        "subject TEXT, note TEXT)"
    )
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO t VALUES (?,?,?,?,?,?,?)", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


CPU: list[float] = []


def cold_caches() -> None:
    """Empty the date parser's caches, so that every run reads its dates as a first import does."""
    from chronology import date_fast, date_fuzzy, dates

    for module in (dates, date_fast, date_fuzzy):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def full_import(csv_path: Path, folder: Path) -> tuple[float, Workspace, int]:
    cold_caches()
    ws = Workspace.open(folder / f"ws-{time.perf_counter_ns()}.db")
    case = add_case(ws, "BENCH", "Test Child")
    start, cpu = time.perf_counter(), time.process_time()
    (report,) = run_import(ws, case.id or 0, [csv_path])
    elapsed = time.perf_counter() - start
    CPU.append(time.process_time() - cpu)
    assert report.error is None, report.error
    assert report.rows == report.imported + report.quarantined + report.duplicates
    return elapsed, ws, case.id or 0


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rows = make_rows(n)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = folder / "notes.csv"
        write_csv(rows, csv_path)
        bare, full = [], []
        ws = None
        case_id = 0
        for _ in range(3):
            bare.append(bare_executemany(rows, folder))
            elapsed, ws, case_id = full_import(csv_path, folder)
            full.append(elapsed)
        b, f = statistics.median(bare), statistics.median(full)
        print(f"rows: {n:,}")
        print(f"bare executemany (median of 3):  {b:.2f} s")
        print(
            f"full import      (median of 3):  {f:.2f} s   budget ≤ 4 s   "
            f"{'OK' if f <= 4 else 'OVER'}"
        )
        print(
            f"full import CPU time (median):   {statistics.median(CPU):.2f} s   "
            "(this process alone: steadier when the machine is busy)"
        )
        print(
            f"ratio full / bare:               {f / b:.1f}×   budget ≤ 6×   "
            f"{'OK' if f / b <= 6 else 'OVER'}"
        )
        assert ws is not None
        searches = []
        for word in ("oakford", "Penwick gate", "Kesmere", "A&E", "saltonx", "hollt"):
            for _ in range(5):
                t = time.perf_counter()
                search_ids(ws, case_id, word)
                searches.append(time.perf_counter() - t)
        s = statistics.median(searches) * 1000
        print(
            f"FTS search, a name (median of {len(searches)}): {s:.1f} ms  budget ≤ 20 ms  "
            f"{'OK' if s <= 20 else 'OVER'}"
        )
        common = []
        for word in ("nursery", "court hearing"):
            for _ in range(3):
                t = time.perf_counter()
                hits = len(search_ids(ws, case_id, word))
                common.append(time.perf_counter() - t)
        print(
            f"FTS search, a common word ({hits:,} hits, all ids in date order): "
            f"{statistics.median(common) * 1000:.0f} ms (the window pages these)"
        )


if __name__ == "__main__":
    main()
