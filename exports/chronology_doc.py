"""The court chronology (PD12A) and the full chronology, as document models and CSV rows."""

from __future__ import annotations

from chronology.entries import EntryFilter, list_entries
from chronology.models import Entry, EntryStatus
from exports.common import (
    ExportContext,
    court_heading,
    entry_when,
    involvement_paragraph,
    source_ref,
    uk_date,
)
from exports.court_rows import Sources
from exports.document import Block, Document, Heading, PageSetup, Paragraph, Table
from summary.court_selection import CourtEvent, CourtSelection, Period, bundle_pages

COURT_COLUMNS = ["No.", "Date", "Event", "Source / document reference", "Bundle page"]
COURT_WIDTHS = [1.1, 2.7, 5.8, 2.5, 1.9]  # cm of the 14 cm between 3.5 cm margins
COURT_LIMIT = 10
EVENT_LIMIT = 260  # characters of an event's text in the court chronology
EVIDENCE_LIMIT = 700
FULL_COLUMNS = ["No.", "Date", "Agency", "Type", "Event", "Significance", "Source"]
FULL_WIDTHS = [1.0, 2.3, 2.6, 2.4, 8.2, 3.0, 3.2]
CSV_COLUMNS = [
    "id",
    "date_shown",
    "date",
    "time",
    "date_end",
    "precision",
    "approximate",
    "date_text",
    "date_assumption",
    "agency",
    "type",
    "source_type",
    "summary",
    "text",
    "details",
    "author",
    "outcome",
    "significance",
    "in_court",
    "analysis",
    "action",
    "confidential",
    "status",
    "status_reason",
    "duplicate_of",
    "source",
    "row",
    "batch",
]


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
    """Succinct rows (PD12A), but a primary risk's evidence keeps its words."""
    return EVIDENCE_LIMIT if any("primary risk" in w for w in ev.why) else EVENT_LIMIT


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
        Table(COURT_COLUMNS, rows, COURT_WIDTHS),
    ]


def endorsement(ctx: ExportContext) -> str:
    """The line on every page: case number and the witness's initials."""
    number = ctx.case.court_case_number.strip() or ctx.case.ref
    return f"Case No: {number} | {ctx.witness_initials}"


def _full_event(e: Entry) -> str:
    parts = [e.summary.strip()]
    if e.text.strip() and e.text.strip() != e.summary.strip():
        parts.append(e.text.strip())
    if e.details.strip():  # the source's other columns: in the full chronology only
        parts.append(e.details.strip())
    for label, value in (("Outcome", e.outcome), ("Analysis", e.analysis), ("Action", e.action)):
        if value.strip():
            parts.append(f"{label}: {value.strip()}")
    return "\n".join(p for p in parts if p)


def _full_significance(e: Entry) -> str:
    words = [e.significance.value]
    if e.in_court:
        words.append("in court chronology")
    if e.status != EntryStatus.ACTIVE:
        words.append(e.status.value + (f": {e.status_reason}" if e.status_reason else ""))
    if e.confidential:
        words.append("confidential")
    return "\n".join(words)


def _full_source(e: Entry) -> str:
    parts = [source_ref(e), f"entry {e.id}"]
    if e.author:
        parts.append(f"recorded by {e.author}")
    if e.duplicate_of:
        parts.append(f"same event as entry {e.duplicate_of}")
    return "\n".join(parts)


def full_entries(ctx: ExportContext, flt: EntryFilter) -> list[Entry]:
    """The entries a full chronology shows, redacted."""
    entries = list_entries(ctx.ws, ctx.case_id, flt)
    ctx.redactor.watch_confidential(entries)
    return [ctx.redactor.entry(e, f"entry {e.id} ({entry_when(e)})") for e in entries]


def full_chronology(ctx: ExportContext, flt: EntryFilter) -> Document:
    """Every entry with every column, for internal use (landscape, 10 pt)."""
    entries = full_entries(ctx, flt)
    rows = [
        [
            str(n),
            entry_when(e),
            e.agency,
            e.type.value,
            _full_event(e),
            ctx.safe(_full_significance(e), f"entry {e.id}, status"),
            ctx.safe(_full_source(e), f"entry {e.id}, source"),
        ]
        for n, e in enumerate(entries, start=1)
    ]
    period = Period(flt.date_from, flt.date_to)
    filters = [f"dates {period.words()}"]
    for label, values in (
        ("agencies", flt.agencies),
        ("types", flt.types),
        ("significance", flt.significance),
    ):
        if values:
            filters.append(f"{label}: {', '.join(values)}")
    blocks: list[Block] = [
        Heading(f"Chronology: {ctx.case.child_names} (case {ctx.case.ref})", level=0),
        Paragraph.of(
            f"Full chronology for internal use, {len(rows)} entries; "
            f"{'; '.join(filters)}. Made on {uk_date(ctx.made)}."
        ),
        Table(FULL_COLUMNS, rows, FULL_WIDTHS),
    ]
    return Document(
        kind="chronology",
        title=f"Chronology: {ctx.case.child_names}",
        author=ctx.case.worker,
        subject=f"Case {ctx.case.ref}",
        blocks=blocks,
        setup=PageSetup(landscape=True, font_size=10.0, line_spacing=1.15, space_after=6.0),
        endorsement=endorsement(ctx),
        created=ctx.created,
    )


def csv_rows(ctx: ExportContext, flt: EntryFilter) -> list[list[object]]:
    """Every column of every entry shown, for the CSV export."""
    out: list[list[object]] = []
    for e in full_entries(ctx, flt):
        where = f"entry {e.id}"
        out.append(
            [
                e.id,
                entry_when(e),
                e.date,
                e.time,
                e.date_end,
                e.precision.value,
                e.approximate,
                ctx.safe(e.date_text, f"{where}, date text"),
                e.date_assumption,
                e.agency,
                e.type.value,
                ctx.safe(e.source_type, f"{where}, source type"),
                e.summary,
                e.text,
                e.details,
                e.author,
                e.outcome,
                e.significance.value,
                e.in_court,
                e.analysis,
                e.action,
                e.confidential,
                e.status.value,
                ctx.safe(e.status_reason, f"{where}, reason"),
                e.duplicate_of,
                e.source_file,
                e.source_row,
                e.batch_id,
            ]
        )
    return out
