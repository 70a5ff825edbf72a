"""Team audit of 200 cases × 2,000 entries: median of 5 runs against the 2 s budget.

    python benchmarks/bench_audit.py [--cases 200] [--entries 2000] [--runs 5] [--keep PATH]

A generator builds one workspace of N cases, each different: Child in Need meetings, home visits
and supervision at varied rhythms with occasional long gaps, court proceedings in about half the
cases (applications, hearings, some final orders), one to three risks with reviews and
trip-wire words in some notes, significant and key entries with and without outcomes, agencies
that fall silent, people at a refuge, quarantine rows and saved summaries. Then it times
``team_audit`` over every case, against a baseline measured in the same run: one pass reading
the columns the audit needs from every entry (a GROUP BY over all 400,000), the floor any team
audit pays.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chronology.cases import add_case, add_person  # noqa: E402
from chronology.importers.writer import insert_entries  # noqa: E402
from chronology.models import Entry, EntryType, Person, Precision, Significance  # noqa: E402
from chronology.workspace import Workspace  # noqa: E402
from summary.case_summary import generate_summary, save_version  # noqa: E402
from summary.risks import Risk, Urgency, add_risk, record_review  # noqa: E402
from summary.team import team_audit  # noqa: E402

BUDGET_S = 2.0
AUDIT_DAY = dt.date(2025, 3, 31)
SOCIAL = "Harbour Lane Social Work Team"
# (agency, its entry types, its share of a case's records): social care writes most, the
# police only when something happens; about one GP appointment in ten is missed.
AGENCIES = (
    (SOCIAL, (EntryType.TELEPHONE_CALL, EntryType.OTHER, EntryType.ASSESSMENT), 35),
    (
        "Larkfield Health Visiting Service",
        (EntryType.APPOINTMENT_ATTENDED, EntryType.HOME_VISIT),
        25,
    ),
    ("Millbrook Surgery", (EntryType.APPOINTMENT_ATTENDED,) * 9 + (EntryType.WAS_NOT_BROUGHT,), 15),
    ("Brook Street Nursery", (EntryType.OTHER,), 20),
    ("Otterbridge Police", (EntryType.INCIDENT,), 5),
)
WORDS = (
    "Seen with the family at home; the child was playing with blocks.",
    "Spoke with the parent about routines and the week ahead.",
    "Attendance at nursery has been good this half term.",
    "The parent said money is tight and the boiler has failed again.",
    "Weight checked at clinic and plotted on the chart.",
    "A neighbour reported shouting late in the evening.",
    "Agreed to share the plan with the school nurse.",
    "The grandparent helps with collections twice a week.",
    "Letter sent with the date of the next review.",
    "Discussed sleep, feeding and the bedtime routine.",
)
TRIPS = (
    "Father asked for overnight contact to start soon.",
    "The hearing was adjourned to the spring.",
    "Mother has moved house to the other side of town.",
    "New partner is staying most nights.",
)
FIRST = ("Ava", "Idris", "Maya", "Theo", "Nell", "Kit", "Rosa", "Arlo", "Esme", "Jude", "Ivy")
LAST = ("Penrose", "Castell", "Dunmore", "Ashby", "Wilder", "Farrant", "Quayle", "Harrow", "Lusk")


def _rhythm(rng: random.Random, start: dt.date, end: dt.date, every: int) -> list[dt.date]:
    """Days of a recurring event, mostly on time, sometimes late, now and then a long lapse."""
    days, d = [], start + dt.timedelta(days=rng.randint(0, every))
    while d <= end:
        days.append(d)
        roll = rng.random()
        step = every - rng.randint(0, every // 4)
        if roll < 0.08:
            step = every + rng.randint(1, every // 2)
        elif roll < 0.1:
            step = every * rng.randint(2, 5)
        d += dt.timedelta(days=step)
    return days


def _case_entries(rng: random.Random, case_id: int, n: int, with_court: bool) -> list[Entry]:
    start = AUDIT_DAY - dt.timedelta(days=rng.randint(700, 1400))
    span = (AUDIT_DAY - start).days
    fixed: list[tuple[dt.date, EntryType, str, str]] = []
    for type_, every in (
        (EntryType.CIN_MEETING, rng.choice((42, 56, 70, 84))),
        (EntryType.HOME_VISIT, rng.choice((14, 21, 28))),
        (EntryType.SUPERVISION, rng.choice((28, 31))),
    ):
        for d in _rhythm(rng, start, AUDIT_DAY, every):
            fixed.append((d, type_, SOCIAL, f"{type_.value.capitalize()} held as planned."))
    if with_court:
        first = start + dt.timedelta(days=rng.randint(60, span // 2))
        fixed.append(
            (
                first,
                EntryType.COURT,
                "Family Court",
                "Application for a child arrangements order issued; first hearing listed.",
            )
        )
        d = first
        for _ in range(rng.randint(1, 4)):
            d += dt.timedelta(days=rng.randint(40, 160))
            if d < AUDIT_DAY:
                fixed.append((d, EntryType.COURT, "Family Court", "Directions hearing held."))
        if rng.random() < 0.5 and d < AUDIT_DAY:
            fixed.append(
                (
                    d + dt.timedelta(days=30),
                    EntryType.COURT,
                    "Family Court",
                    "Final hearing: final child arrangements order made.",
                )
            )
    silent = rng.random() < 0.3
    rest = max(0, n - len(fixed))
    entries: list[Entry] = []
    for i in range(rest):
        pool = AGENCIES[: 4 if silent and i > rest * 0.6 else 5]
        agency, types, _ = rng.choices(pool, weights=[a[2] for a in pool])[0]
        day = start + dt.timedelta(days=int(span * i / max(rest, 1)))
        text = " ".join(rng.sample(WORDS, 3))
        if rng.random() < 0.01:
            text += " " + rng.choice(TRIPS)
        roll = rng.random()
        significance = (
            Significance.KEY
            if roll < 0.003
            else Significance.SIGNIFICANT
            if roll < 0.02
            else Significance.ROUTINE
        )
        entries.append(
            Entry(
                case_id,
                day.isoformat(),
                Precision.DAY,
                text[:100],
                text,
                agency=agency,
                type=rng.choice(types),
                significance=significance,
                outcome="Plan updated" if rng.random() < 0.7 else "",
                source_file="export.csv",
                source_row=i + 1,
            )
        )
    for d, type_, agency, text in fixed:
        entries.append(
            Entry(
                case_id,
                d.isoformat(),
                Precision.DAY,
                text,
                text,
                agency=agency,
                type=type_,
                source_file="notes.csv",
            )
        )
    return entries


def build(path: Path, cases: int, per_case: int, seed: int = 1301) -> None:
    """Write the team's workspace: ``cases`` cases of about ``per_case`` entries."""
    rng = random.Random(seed)
    with Workspace.open(path) as ws:
        for k in range(cases):
            child = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            case = add_case(
                ws,
                f"TM-{k + 1:03d}",
                child,
                "2019-06-01",
                worker=rng.choice(("Opal Wren", "Ned Farrow", "Lia Marsh")),
                team_manager="Saul Kemble",
            )
            cid = case.id or 0
            with ws.transaction() as c:
                insert_entries(ws, _case_entries(rng, cid, per_case, rng.random() < 0.5))
                if rng.random() < 0.2:
                    c.execute(
                        "INSERT INTO quarantine(case_id, source_file, row, reason, raw) "
                        "VALUES (?, 'visits.csv', 4, 'no date', '{}')",
                        (cid,),
                    )
            if rng.random() < 0.3:
                add_person(
                    ws,
                    Person(
                        cid,
                        f"Jo {rng.choice(LAST)}",
                        "mother",
                        "Flat 3, the Refuge, Station Road",
                        "",
                        rng.random() < 0.5,
                    ),
                )
            for r in range(rng.randint(1, 3)):
                identified = AUDIT_DAY - dt.timedelta(days=rng.randint(120, 600))
                risk = add_risk(
                    ws,
                    Risk(
                        cid,
                        f"Risk {r + 1}",
                        category=rng.choice(
                            ("conditional threat", "domestic abuse", "neglect", "")
                        ),
                        primary=r == 0,
                        urgency=rng.choice(list(Urgency)),
                        identified_on=identified.isoformat(),
                    ),
                    reviewed=identified.isoformat(),
                    reviewed_by="Opal Wren",
                )
                d = identified
                while True:
                    d += dt.timedelta(days=rng.randint(20, 90))
                    if d > AUDIT_DAY:
                        break
                    record_review(ws, risk.id or 0, d.isoformat(), "Opal Wren")
            if rng.random() < 0.6:
                save_version(ws, generate_summary(ws, case.ref, AUDIT_DAY))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the workspace here and keep it")
    args = parser.parse_args()
    folder = None if args.keep else Path(tempfile.mkdtemp(prefix="bench-audit-"))
    path = args.keep or (folder or Path()) / "team.db"
    try:
        if not path.exists():
            t0 = time.perf_counter()
            build(path, args.cases, args.entries)
            print(
                f"built {args.cases} cases × {args.entries} entries in "
                f"{time.perf_counter() - t0:.1f} s"
            )
        with Workspace.open(path) as ws:
            entries = ws.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
            team_audit([ws], AUDIT_DAY)  # warm the page cache, as a second look at the team
            base_wall, base_cpu, wall, cpu = [], [], [], []
            for _ in range(args.runs):
                t, c = time.perf_counter(), time.process_time()
                ws.conn.execute(
                    "SELECT case_id, type, agency, max(date), count(*), sum(outcome = '') "
                    "FROM entries GROUP BY case_id, type, agency"
                ).fetchall()
                base_wall.append(time.perf_counter() - t)
                base_cpu.append(time.process_time() - c)
                t, c = time.perf_counter(), time.process_time()
                result = team_audit([ws], AUDIT_DAY)
                wall.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
        med = statistics.median
        cases = {lvl: sum(1 for a in result if a.level == lvl) for lvl in ("red", "amber", "green")}
        items: dict[str, dict[str, int]] = {}
        for a in result:
            for i in a.items:
                items.setdefault(i.key, {"red": 0, "amber": 0, "green": 0})[i.level] += 1
        print(f"team audit: {len(result)} cases, {entries:,} entries; cases {cases}")
        print(
            f"  baseline: one GROUP BY over every entry  median {med(base_wall):.3f} s "
            f"(CPU {med(base_cpu):.3f} s)"
        )
        print(
            f"  team audit (every item, every case)      median {med(wall):.3f} s "
            f"(CPU {med(cpu):.3f} s), {med(wall) / med(base_wall):.1f}x the baseline"
        )
        print(
            f"  budget {BUDGET_S:.1f} s: {'within' if med(wall) <= BUDGET_S else 'OVER'} "
            f"(CPU time {'within' if med(cpu) <= BUDGET_S else 'OVER'}: steadier when the "
            "machine is busy)"
        )
        print(f"  runs (wall): {', '.join(f'{r:.3f}' for r in wall)}")
        print(
            "  items red/amber/green: "
            + "; ".join(f"{k} {v['red']}/{v['amber']}/{v['green']}" for k, v in items.items())
        )
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
