"""The court chronology (PD12A) as a document model (the full chronology: full_chronology)."""

from __future__ import annotations

from chronology.entries import EntryFilter, list_entries
from chronology.models import Significance
from exports.common import (
    ExportContext,
    court_heading,
    endorsement,
    entry_when,
    involvement_paragraph,
    uk_date,
)
from exports.court_rows import Sources
from exports.document import Block, Document, Heading, PageSetup, Paragraph, Table
from exports.full_chronology import CSV_COLUMNS, csv_rows, full_chronology, full_entries
from summary.court_selection import CourtEvent, CourtSelection, Period, bundle_pages

COURT_COLUMNS = ["No.", "Date", "Event", "Source / document reference", "Bundle page"]
# The chronology is not a witness statement (PD22A's 3.5 cm margin is the statement's): on A4
# with 2.5 cm margins the event has room to read, and the source's words ("Constabulary") are
# never broken. The statement's exhibit keeps these margins in a section of its own.
COURT_MARGIN = 2.5
COURT_WIDTHS = [1.1, 2.7, 7.1, 3.2, 1.9]  # cm of the 16 cm between 2.5 cm margins
COURT_KEEP_ROWS = 8  # a row of up to this many lines stays on one page; a longer one splits
COURT_LIMIT = 10
EVENT_LIMIT = 260  # characters of an event's text in the court chronology
EVIDENCE_LIMIT = 700


def court_rows(ctx: ExportContext, selection: CourtSelection) -> list[list[str]]:
    """One row per event: No. | Date | Event | Source / reference | Bundle page."""
    sources = Sources.of(ctx)
    pages = bundle_pages(ctx.ws, ctx.case_id)
    ctx.redactor.watch_confidential([e for ev in selection.events for e in (ev.entry, *ev.others)])
    rows = []
    for ev in selection.events:
        entry = ev.entry
        where = f"entry {entry.id} ({entry_when(entry)})"
        safe = ctx.redactor.entry(entry, where)
        others = [ctx.redactor.entry(o, f"entry {o.id}") for o in ev.others]
        page = next((pages[i] for i in ev.ids if i in pages), "")
        rows.append(
            [
                str(ev.number),
                sources.when(entry),
                ctx.safe(sources.what(safe, _limit(ev)), f"{where}, event"),
                ctx.safe(sources.source(safe, others), f"{where}, source"),
                ctx.safe(page, f"{where}, bundle page"),
            ]
        )
    return rows


def _limit(ev: CourtEvent) -> int:
    """Succinct rows (PD12A), but a primary risk's evidence and a key event keep their words (a
    threat cut off at "On exploration she…" leaves the court without what was said next)."""
    key = Significance.KEY in {e.significance for e in (ev.entry, *ev.others)}
    return EVIDENCE_LIMIT if key or any("primary risk" in w for w in ev.why) else EVENT_LIMIT


def court_chronology(
    ctx: ExportContext, date_from: str | None = None, date_to: str | None = None
) -> Document:
    """The court chronology: No. | Date | Event | Source | Bundle page, with an opening summary."""
    selection = ctx.selection(date_from, date_to)
    blocks = court_chronology_blocks(ctx, selection)
    return Document(
        kind="court-chronology",
        title=f"Court chronology: {ctx.case.child_names}",
        author=ctx.case.worker,
        subject=f"Case {ctx.case.court_case_number or ctx.case.ref}",
        blocks=blocks,
        endorsement=endorsement(ctx),
        created=ctx.created,
        page_limit=COURT_LIMIT,
        setup=PageSetup(margin_cm=COURT_MARGIN),
    )


def period_words(period: Period) -> str:
    """'from 16/01/2023 (the start of the proceedings) to 29/01/2025 (the latest entry)'."""
    if not period.default or not period.date_from or not period.date_to:
        return period.words()
    return (
        f"from {uk_date(period.date_from)} ({period.basis}) to {uk_date(period.date_to)} "
        "(the latest entry)"
    )


def court_chronology_blocks(
    ctx: ExportContext, selection: CourtSelection, title: str = "CHRONOLOGY"
) -> list[Block]:
    """The chronology's heading, opening summary and table (also used as an exhibit)."""
    rows = court_rows(ctx, selection)
    case = ctx.case
    prepared = ", ".join(x for x in (case.worker, case.role, case.employer) if x.strip())
    everything = list_entries(ctx.ws, ctx.case_id, EntryFilter(include_inactive=False))
    opening = (
        f"{involvement_paragraph(everything, case, Sources.of(ctx).kind)} This chronology "
        f"lists the {len(rows)} significant events {period_words(selection.period)}, each once, "
        "in the order they happened. The source of each is the agency and its own reference."
    )
    return [
        *court_heading(ctx),
        Heading(title, level=0, align="centre"),
        Paragraph.of(
            f"Prepared by {prepared} on {uk_date(ctx.made)}."
            if prepared
            else f"Prepared on {uk_date(ctx.made)}."
        ),
        Paragraph.of(ctx.safe(opening, "opening summary")),
        Table(COURT_COLUMNS, rows, COURT_WIDTHS, keep_rows_up_to=COURT_KEEP_ROWS),
    ]


# Where other modules have always found these.
__all__ = [
    "COURT_COLUMNS",
    "COURT_MARGIN",
    "CSV_COLUMNS",
    "court_chronology",
    "court_chronology_blocks",
    "court_rows",
    "csv_rows",
    "endorsement",
    "full_chronology",
    "full_entries",
    "period_words",
]
