"""Import 100,000 generated CSV rows, then a second, different 100,000-row file into the same
case (duplicate matching against 100,000 entries), beside the database floor measured in the
same run.

Budgets (DESIGN.md):
* first import ≤ 4 s, and within 2.5× of the floor: the csv module reading the file + one
  executemany into one table + an FTS5 index rebuilt over the text;
* second import ≤ 8 s, and within 2× of the first;
* FTS search ≤ 20 ms.

The machine is shared: each figure is the median of several runs, with the CPU time of this
process beside the wall-clock time (steadier when other work competes for the cores).

The notes are drawn from a 3,000-word vocabulary with a few very common words (Zipf's law), as
real prose is: with the earlier 29-word vocabulary every note shared most words with every other,
which no real export does, and the second import queued a possible duplicate for nearly every
record. The second file is another agency's: other rows on the same days, in other words.
Run: python benchmarks/bench_import.py [ROWS] [RUNS]
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


def _vocabulary(size: int = 3000) -> tuple[list[str], list[float]]:
    """Words for notes and their cumulative weights: a few very common words (WORDS first),
    then a long tail, as in real prose (Zipf's law), so that two unrelated notes share a few
    common words, not all of them."""
    syllables = ["ba", "ce", "di", "fo", "gu", "ha", "ke", "li", "mo", "nu", "pa", "re", "si",
                 "to", "vu", "wa", "ye", "zo"]  # fmt: skip
    made = [a + b for a in syllables for b in syllables]
    made += [a + b + c for a in syllables for b in syllables for c in syllables]
    random.Random(1).shuffle(made)
    words = WORDS + made[: size - len(WORDS)]
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    total, cumulative = 0.0, []
    for w in weights:
        total += w
        cumulative.append(total)
    return words, cumulative


def make_rows(n: int, seed: int = 7) -> list[list[str]]:
    rnd = random.Random(seed)
    words, cumulative = _vocabulary()
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
        note = " ".join(rnd.choices(words, cum_weights=cumulative, k=rnd.randint(12, 40)))
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


def floor(csv_path: Path, folder: Path) -> tuple[float, float]:
    """The database floor: read the file with the csv module, one executemany into one table,
    an FTS5 index rebuilt over the text (wall and CPU seconds)."""
    import csv

    path = folder / f"floor-{time.perf_counter_ns()}.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE t(id INTEGER PRIMARY KEY, date TEXT, time TEXT, type TEXT, worker TEXT, "
        "team TEXT, subject TEXT, note TEXT)"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE t_fts USING fts5(subject, note, content='t', content_rowid='id')"
    )
    start, cpu = time.perf_counter(), time.process_time()
    with csv_path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        rows = list(reader)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO t(date, time, type, worker, team, subject, note) VALUES (?,?,?,?,?,?,?)",
        rows,
    )
    conn.execute("INSERT INTO t_fts(t_fts) VALUES ('rebuild')")
    conn.execute("COMMIT")
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    conn.close()
    return elapsed, used


def cold_caches() -> None:
    """Empty the date parser's caches, so that every run reads its dates as a first import does."""
    from chronology import date_fast, date_fuzzy, dates

    for module in (dates, date_fast, date_fuzzy):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def timed_import(ws: Workspace, case_id: int, csv_path: Path) -> tuple[float, float, int]:
    """Import one file: wall seconds, CPU seconds, possible duplicates queued."""
    cold_caches()
    start, cpu = time.perf_counter(), time.process_time()
    (report,) = run_import(ws, case_id, [csv_path])
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    assert report.error is None, report.error
    assert report.rows == (
        report.imported + report.duplicates + report.already_imported + report.quarantined
    )
    return elapsed, used, report.possible_duplicates


def _verdict(ok: bool) -> str:
    return "OK" if ok else "OVER"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        first_csv, second_csv = folder / "notes.csv", folder / "other_agency.csv"
        write_csv(make_rows(n, seed=7), first_csv)
        write_csv(make_rows(n, seed=8), second_csv)  # another file: other rows, other words
        floors, firsts, seconds = [], [], []
        ws, case_id, queued = None, 0, 0
        for run in range(runs):
            floors.append(floor(first_csv, folder))
            if ws is not None:
                ws.close()
            ws = Workspace.open(folder / f"ws-{run}.db")
            case_id = add_case(ws, "BENCH", "Test Child").id or 0
            *first, _ = timed_import(ws, case_id, first_csv)
            firsts.append(first)
            *second, queued = timed_import(ws, case_id, second_csv)
            seconds.append(second)
        med = statistics.median
        fl, fl_cpu = med(f[0] for f in floors), med(f[1] for f in floors)
        f1, f1_cpu = med(f[0] for f in firsts), med(f[1] for f in firsts)
        f2, f2_cpu = med(f[0] for f in seconds), med(f[1] for f in seconds)
        print(f"rows: {n:,} per file; medians of {runs} runs (wall, and CPU of this process)")
        print(
            f"database floor (csv + executemany + FTS rebuild): {fl:.2f} s   (CPU {fl_cpu:.2f} s)"
        )
        print(
            f"first import:   {f1:.2f} s   budget ≤ 4 s {_verdict(f1 <= 4)};   "
            f"{f1 / fl:.2f}× the floor, budget ≤ 2.5× {_verdict(f1 / fl <= 2.5)}   "
            f"(CPU {f1_cpu:.2f} s, {f1_cpu / fl_cpu:.2f}× the floor's)"
        )
        print(
            f"second import:  {f2:.2f} s   budget ≤ 8 s {_verdict(f2 <= 8)};   "
            f"{f2 / f1:.2f}× the first, budget ≤ 2× {_verdict(f2 / f1 <= 2)}   "
            f"(CPU {f2_cpu:.2f} s, {f2_cpu / f1_cpu:.2f}× the first's)   "
            f"[{queued:,} possible duplicates queued]"
        )
        assert ws is not None
        searches = []
        for word in ("oakford", "Penwick gate", "Kesmere", "A&E", "saltonx", "hollt"):
            for _ in range(5):
                t = time.perf_counter()
                search_ids(ws, case_id, word)
                searches.append(time.perf_counter() - t)
        s = med(searches) * 1000
        print(
            f"FTS search, a name (median of {len(searches)}): {s:.1f} ms  budget ≤ 20 ms  "
            f"{_verdict(s <= 20)}"
        )
        common = []
        hits = 0
        for word in ("nursery", "court hearing"):
            for _ in range(3):
                t = time.perf_counter()
                hits = len(search_ids(ws, case_id, word))
                common.append(time.perf_counter() - t)
        print(
            f"FTS search, a common word ({hits:,} hits, all ids in date order): "
            f"{med(common) * 1000:.0f} ms (the window pages these)"
        )
        ws.close()


if __name__ == "__main__":
    main()
