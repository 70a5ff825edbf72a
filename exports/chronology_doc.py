"""The court chronology (PD12A) and the full chronology, as document models and CSV rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chronology.entries import EntryFilter, list_entries
from chronology.models import Entry, EntryStatus
from exports.common import (
    ExportContext,
    court_heading,
    entry_when,
    event_text,
    group_duplicates,
    involvement_paragraph,
    source_ref,
    uk_date,
)
from exports.document import Block, Document, Heading, PageSetup, Paragraph, Table

COURT_COLUMNS = ["No.", "Date", "Event", "Source / document reference"]
COURT_WIDTHS = [1.1, 2.8, 5.7, 4.4]
COURT_LIMIT = 10
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


@dataclass
class Period:
    """The dates a chronology covers (ISO), and whether they were the default two years."""

    date_from: str | None
    date_to: str | None
    default: bool = False

    def words(self) -> str:
        if self.date_from and self.date_to:
            return f"from {uk_date(self.date_from)} to {uk_date(self.date_to)}"
        if self.date_from:
            return f"from {uk_date(self.date_from)}"
        if self.date_to:
            return f"up to {uk_date(self.date_to)}"
        return "over the whole of the records"


def default_period(entries: list[Entry], date_from: str | None, date_to: str | None) -> Period:
    """By default the two years up to the latest entry; either end can be given instead."""
    if date_from or date_to:
        return Period(date_from, date_to)
    live = [e.date for e in entries if e.status != EntryStatus.WITHDRAWN]
    if not live:
        return Period(None, None, True)
    latest = dt.date.fromisoformat(max(live))
    try:
        start = latest.replace(year=latest.year - 2) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        start = latest.replace(year=latest.year - 2, day=28) + dt.timedelta(days=1)
    return Period(start.isoformat(), latest.isoformat(), True)


def court_rows(ctx: ExportContext, period: Period) -> list[list[str]]:
    """Significant and key entries, and those flagged for court, each event once."""
    flt = EntryFilter(date_from=period.date_from, date_to=period.date_to, in_court_only=True)
    entries = [
        e for e in list_entries(ctx.ws, ctx.case_id, flt) if e.status != EntryStatus.WITHDRAWN
    ]
    ctx.redactor.watch_confidential(entries)
    rows = []
    for n, (entry, others) in enumerate(group_duplicates(entries), start=1):
        where = f"entry {entry.id} ({entry_when(entry)})"
        safe = ctx.redactor.entry(entry, where)
        rows.append(
            [
                str(n),
                entry_when(entry),
                event_text(safe),
                ctx.safe(source_ref(entry, others), f"{where}, source"),
            ]
        )
    return rows


def court_chronology(
    ctx: ExportContext, date_from: str | None = None, date_to: str | None = None
) -> Document:
    """The court chronology: No. | Date | Event | Source, with an opening summary."""
    everything = list_entries(ctx.ws, ctx.case_id, EntryFilter())
    ctx.redactor.watch_confidential(everything)
    period = default_period(everything, date_from, date_to)
    blocks = court_chronology_blocks(ctx, everything, period)
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


def court_chronology_blocks(
    ctx: ExportContext, everything: list[Entry], period: Period, title: str = "CHRONOLOGY"
) -> list[Block]:
    """The chronology's heading, opening summary and table (also used as an exhibit)."""
    rows = court_rows(ctx, period)
    case = ctx.case
    prepared = ", ".join(x for x in (case.worker, case.role, case.employer) if x.strip())
    default = " (the two years up to the latest entry)" if period.default else ""
    opening = (
        f"{involvement_paragraph(everything, case)} This chronology lists the {len(rows)} "
        f"significant events {period.words()}{default}."
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
