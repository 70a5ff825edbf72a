"""Export 5,000 / 10,000 / 20,000-entry chronologies to Word and PDF, median of 3 runs each.

Budget (DESIGN.md): a 5,000-entry chronology to Word in ≤ 1 s and to PDF in ≤ 3 s, growing
linearly. Two figures per size: the writer alone (document model to file), and the whole export
as the command runs it (read the entries, redact them with a confidential address and phone on
the case, lay out, write, scan the written file for leaks).
Run: python benchmarks/bench_export.py [SIZES...]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chronology.cases import add_case, add_person  # noqa: E402
from chronology.entries import EntryFilter  # noqa: E402
from chronology.importers.writer import insert_entries  # noqa: E402
from chronology.models import (  # noqa: E402
    Entry,
    EntryType,
    Person,
    Precision,
    Significance,
)
from chronology.workspace import Workspace  # noqa: E402
from exports.chronology_doc import full_chronology  # noqa: E402
from exports.docx_writer import write_docx  # noqa: E402
from exports.pdf_writer import write_pdf  # noqa: E402
from exports.service import ExportRequest, export_document, make_context  # noqa: E402

BUDGET = {"docx": 1.0, "pdf": 3.0}  # seconds for 5,000 entries
_VOCABULARY = (
    "visit mother child nursery health visitor contact court hearing sleep weight clinic telephone "
    "referral police concern school appointment bedroom kitchen play speech father grandmother "
    "safety plan review meeting assessment <urgent> A&E"
)
WORDS = _VOCABULARY.split()
AGENCIES = ("Children's Services", "Health Visiting", "Police", "GP", "Nursery", "Housing")
TYPES = list(EntryType)


def make_entries(case_id: int, n: int, seed: int = 11) -> list[Entry]:
    rnd = random.Random(seed)
    start = dt.date(2015, 1, 1)
    out = []
    for i in range(n):
        day = start + dt.timedelta(days=rnd.randint(0, 3650))
        words = rnd.randint(20, 80) if i % 10 else 0
        text = " ".join(rnd.choice(WORDS) for _ in range(words))
        if i % 500 == 7:
            text += " https://records.example/" + "x" * 300
        if i % 1000 == 3:
            text = "Long note. " * 900
        if i % 97 == 0:
            text += " Seen at 14 Larch Close; mother on 07700 900461."
        out.append(
            Entry(
                case_id=case_id,
                date=day.isoformat(),
                precision=Precision.DATETIME,
                time=f"{rnd.randint(8, 19):02d}:{rnd.choice((0, 15, 30, 45)):02d}",
                summary=" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 14))).capitalize(),
                text=text,
                agency=rnd.choice(AGENCIES),
                type=rnd.choice(TYPES),
                significance=rnd.choice(
                    (Significance.ROUTINE,) * 8 + (Significance.SIGNIFICANT, Significance.KEY)
                ),
                source_file="case_notes.csv",
                source_row=i + 2,
                author=f"Worker {i % 9}",
                confidential=i % 2000 == 5,
            )
        )
    return out


def build(folder: Path, n: int) -> Workspace:
    ws = Workspace.open(folder / f"bench-{n}.db")
    case = add_case(
        ws,
        "B-1",
        "Riley Marsh",
        "2014-05-01",
        worker="Hannah Okafor",
        role="Social Worker",
        employer="Kestrel Vale Borough Council",
    )
    add_person(
        ws,
        Person(
            case.id or 0,
            "Danielle Marsh",
            "mother",
            "14 Larch Close, Kestrel Vale, KV4 2PL",
            "07700 900461",
            True,
        ),
    )
    with ws.transaction():
        insert_entries(ws, make_entries(case.id or 0, n))
    return ws


def median(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(sizes: list[int]) -> int:
    print(
        f"{'entries':>8} {'format':>6} {'writer s':>9} {'export s':>9} {'µs/entry':>9} "
        f"{'budget':>8}"
    )
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in sizes:
            ws = build(folder, n)
            ctx = make_context(ws, "B-1")
            doc = full_chronology(ctx, EntryFilter())
            for fmt, writer in (("docx", write_docx), ("pdf", write_pdf)):
                out = folder / f"chron-{n}.{fmt}"
                alone = median(lambda w=writer, o=out, d=doc: w(d, o))
                whole = median(
                    lambda f=fmt, o=out, w=ws: export_document(
                        w, "B-1", ExportRequest("chronology", f, o)
                    )
                )
                budget = BUDGET[fmt] * n / 5000
                verdict = "ok" if whole <= budget else "OVER"
                ok = ok and (whole <= budget or n != 5000)
                print(
                    f"{n:>8} {fmt:>6} {alone:>9.2f} {whole:>9.2f} {whole / n * 1e6:>9.0f} "
                    f"{budget:>7.1f}s {verdict}"
                )
            ws.close()
    print("budget: 5,000 entries to Word ≤ 1 s, to PDF ≤ 3 s (scaled linearly for the others)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [5000, 10000, 20000]))
