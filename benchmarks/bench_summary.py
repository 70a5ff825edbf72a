"""Summary generation for a 100,000-entry case: median of 5 runs against the 1 s budget.

    python benchmarks/bench_summary.py [--entries N] [--runs 5] [--keep PATH]

Builds a workspace file with one case of N entries over ten years from five agencies (realistic
note text, some trip-wire words, linked duplicates, key events, quarantine rows), four risks
(two primary; one on its category's default trip-wires, which include the common word
"contact"), and narrative; then times generate_summary + render_text + summary_json.
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

from chronology.cases import add_case  # noqa: E402
from chronology.importers.writer import insert_entries  # noqa: E402
from chronology.models import (  # noqa: E402
    Entry,
    EntryStatus,
    EntryType,
    Precision,
    Significance,
)
from chronology.workspace import Workspace  # noqa: E402
from summary.case_summary import generate_summary, render_text, save_version, summary_json  # noqa: E402
from summary.narrative import set_narrative  # noqa: E402
from summary.risks import Risk, Urgency, add_risk  # noqa: E402

BUDGET_S = 1.0
AGENCIES = (
    (
        "Children in Need Team 2",
        (
            EntryType.HOME_VISIT,
            EntryType.TELEPHONE_CALL,
            EntryType.CIN_MEETING,
            EntryType.SUPERVISION,
            EntryType.OTHER,
            EntryType.COURT,
        ),
    ),
    (
        "Kestrel Vale Community Health NHS Trust",
        (
            EntryType.HOME_VISIT,
            EntryType.APPOINTMENT_ATTENDED,
            EntryType.WAS_NOT_BROUGHT,
            EntryType.TELEPHONE_CALL,
        ),
    ),
    (
        "Health",
        (EntryType.APPOINTMENT_ATTENDED, EntryType.APPOINTMENT_ATTENDED, EntryType.CANCELLED),
    ),
    ("Nursery", (EntryType.OTHER,)),
    ("Police", (EntryType.INCIDENT,)),
)
OPENINGS = (
    "Announced home visit to Danielle and Riley.",
    "Unannounced visit; Danielle answered the door promptly and invited me in.",
    "Telephone call with Danielle about the week ahead.",
    "Riley was seen in the living room playing with the stacking cups.",
    "Weighed in the drop-in clinic; weight on the 9th centile.",
    "Speech and language therapy session: attention and listening, early signing.",
    "Observed Riley during free-flow play in the garden area.",
    "Officers attended following a call from a neighbour about raised voices.",
    "Case supervision with the team manager; hypothesis discussed.",
    "CIN review held at the Family Hub in the small meeting room.",
)
MIDDLES = (
    "The home was warm and clean and there was food in the fridge and cupboards.",
    "Danielle said she has been struggling to keep on top of appointments this month.",
    "Riley made fleeting eye contact and looked to Danielle when the toy made a noise.",
    "Stair gate in place and medicines stored in a high cupboard.",
    "Supervised contact at the contact centre went ahead on Saturday.",
    "Danielle contacted the health visitor about Riley's sleep and feeding.",
    "Grandmother Carol was present and helped with the visual timetable.",
    "Paid for the taxi with a contactless card; parking is limited at the hospital.",
    "Jason's solicitor has written again about the hearing in the spring.",
    "Danielle reported poor sleep and flashbacks; she is on the waiting list for therapy.",
)
ENDINGS = (
    "Next visit booked in four weeks.",
    "Plan reviewed; no new concerns.",
    "Agreed actions recorded in the CIN plan.",
    "Shared with the health visitor by secure email.",
    "Riley was settled when I left.",
)


def build(path: Path, n: int, seed: int = 20250131) -> str:
    """Write a workspace with one case of ``n`` entries; returns the case reference."""
    rng = random.Random(seed)
    ws = Workspace.open(path)
    case = add_case(ws, "BENCH-1", "Riley Marsh", "2020-09-14")
    start = dt.date(2015, 1, 1)
    span = (dt.date(2025, 1, 31) - start).days
    entries: list[Entry] = []
    for i in range(n):
        agency, types = rng.choice(AGENCIES)
        kind = rng.choice(types)
        day = start + dt.timedelta(days=int(span * i / n))
        text = " ".join(
            (rng.choice(OPENINGS), rng.choice(MIDDLES), rng.choice(MIDDLES), rng.choice(ENDINGS))
        )
        if rng.random() < 0.002:
            text += " Order made: unsupported contact on alternate Saturdays."
        fuzzy = rng.random() < 0.01
        entries.append(
            Entry(
                case_id=case.id or 0,
                date=day.replace(day=1).isoformat() if fuzzy else day.isoformat(),
                precision=Precision.MONTH if fuzzy else Precision.DATETIME,
                time=None
                if fuzzy
                else f"{rng.randint(8, 18):02d}:{rng.choice((0, 15, 30, 45)):02d}",
                summary=text[:120],
                text=text,
                agency=agency,
                type=kind,
                significance=Significance.KEY if rng.random() < 0.001 else Significance.ROUTINE,
                status=EntryStatus.CANCELLED if kind == EntryType.CANCELLED else EntryStatus.ACTIVE,
                source_file=f"{agency.split()[0].lower()}_export.csv",
                source_row=i + 1,
            )
        )
    with ws.transaction() as c:
        ids = insert_entries(ws, entries)
        # Every 200th entry is a second agency's record of the entry before it.
        c.executemany(
            "UPDATE entries SET duplicate_of=? WHERE id=?",
            [(ids[i - 1], ids[i]) for i in range(200, len(ids), 200)],
        )
        c.executemany(
            "INSERT INTO quarantine(case_id, source_file, row, reason, raw) VALUES (?,?,?,?,?)",
            [(case.id, "notes.csv", r, "empty date", "{}") for r in range(5)],
        )
    add_risk(
        ws,
        Risk(
            case.id or 0,
            "Conditional threat to harm herself and Riley",
            if_text="unsupported contact is granted",
            then_text="Danielle may kill herself and Riley",
            category="conditional threat",
            primary=True,
        ),
        reviewed="2024-02-01",
        reviewed_by="Hannah Okafor",
    )
    add_risk(
        ws,
        Risk(
            case.id or 0,
            "Contact order",
            primary=True,
            urgency=Urgency.URGENT,
            phrases=["unsupported contact"],
            entry_types=["court hearing or order"],
        ),
        reviewed="2023-06-01",
        reviewed_by="Hannah Okafor",
    )
    add_risk(
        ws,
        Risk(case.id or 0, "Domestic abuse by father", category="domestic abuse"),
        reviewed="2020-01-01",
        reviewed_by="Mark Ellison",
    )
    add_risk(
        ws,
        Risk(case.id or 0, "Missed health appointments", category="neglect"),
        reviewed="2024-10-01",
        reviewed_by="Hannah Okafor",
    )
    set_narrative(ws, case.ref, "current_circumstances", "Riley lives with his mother. " * 20)
    set_narrative(ws, case.ref, "analysis", "The threat is conditional on contact. " * 20)
    ws.close()
    return case.ref


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the workspace here and keep it")
    args = parser.parse_args()
    folder = None if args.keep else Path(tempfile.mkdtemp(prefix="bench-summary-"))
    path = args.keep or (folder or Path()) / "bench.db"
    t0 = time.perf_counter()
    ref = build(path, args.entries)
    print(f"built {args.entries:,} entries in {time.perf_counter() - t0:.1f} s ({path})")
    today = dt.date(2025, 2, 1)
    times = []
    with Workspace.open(path) as ws:
        for _ in range(args.runs):
            t0 = time.perf_counter()
            summary = generate_summary(ws, ref, today)
            render_text(summary)
            summary_json(summary)
            times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        save_version(ws, summary)
        saved = time.perf_counter() - t0
    median = statistics.median(times)
    print(f"runs: {', '.join(f'{t * 1000:.0f} ms' for t in times)}")
    print(
        f"summary generation, median of {args.runs}: {median * 1000:.0f} ms "
        f"(budget {BUDGET_S * 1000:.0f} ms) — {'OK' if median < BUDGET_S else 'OVER BUDGET'}"
    )
    print(f"saving a version: {saved * 1000:.0f} ms")
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    primary = summary.primary_risks
    print(
        f"primary risks: {[(r.title, len(r.tripped_by)) for r in primary]}; "
        f"alerts: {len(summary.alerts)}; key events: {len(summary.key_events)}"
    )


if __name__ == "__main__":
    main()
