"""The full chronology for the worker and supervision: every event once, portrait, filtered.

Each event is one row: its date, then its summary as a heading with the record's text under it
(the source's other columns, the outcome, analysis and action after), the other agencies'
records of the same event with their own wording, and the significance with its reason. The
source column keeps the audit trail: agency and reference, file and row, entry ids. Filters:
period, agencies (an agency's other names included), types and significance.
"""

from __future__ import annotations

from chronology.agencies import agency_map
from chronology.entries import EntryFilter, list_entries
from chronology.models import Entry, EntryStatus
from chronology.moment import zone_label
from exports.common import ExportContext, endorsement, entry_when, group_duplicates, uk_date
from exports.document import Block, Document, Heading, PageSetup, Paragraph, Table

FULL_COLUMNS = ["No.", "Date", "Event", "Source"]
FULL_WIDTHS = [1.1, 2.6, 10.1, 3.6]
FULL_SETUP = PageSetup(
    landscape=False, margin_cm=2.2, font_size=10.0, line_spacing=1.15, space_after=6.0
)
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


def with_aliases(ctx: ExportContext, flt: EntryFilter) -> EntryFilter:
    """The filter with each agency's other names added (one agency, whatever its export said)."""
    if not flt.agencies:
        return flt
    names = agency_map(ctx.ws, ctx.case_id)
    wanted = {names.get(" ".join(a.casefold().split()), a) for a in flt.agencies}
    extra = [alias for alias, name in names.items() if name in wanted]
    raw = [
        r[0]
        for r in ctx.ws.conn.execute(
            "SELECT DISTINCT agency FROM entries WHERE case_id=?", (ctx.case_id,)
        )
        if " ".join(r[0].casefold().split()) in extra
    ]
    return EntryFilter(
        search=flt.search,
        agencies=sorted({*flt.agencies, *raw}),
        types=flt.types,
        significance=flt.significance,
        date_from=flt.date_from,
        date_to=flt.date_to,
        in_court_only=flt.in_court_only,
        include_inactive=flt.include_inactive,
    )


def full_entries(ctx: ExportContext, flt: EntryFilter) -> list[Entry]:
    """The entries a full chronology shows, redacted."""
    entries = list_entries(ctx.ws, ctx.case_id, with_aliases(ctx, flt))
    ctx.redactor.watch_confidential(entries)
    return [ctx.redactor.entry(e, f"entry {e.id} ({entry_when(e)})") for e in entries]


HEADING_LIMIT = 110  # characters of a heading cut from the note when the source has no subject


def _heading_and_text(e: Entry) -> tuple[str, str]:
    """The event's heading and the text under it, each said once."""
    summary, text = e.summary.strip(), e.text.strip()
    stem = summary.rstrip(".\u2026 ")
    if text and (not summary or text.startswith(stem)):  # the summary was cut from the note
        cut = next((i for i in (text.find(". "), text.find("\n")) if 0 < i <= HEADING_LIMIT), -1)
        if cut < 0:
            return (text, "") if len(text) <= HEADING_LIMIT else (summary or text[:80], text)
        return text[: cut + 1].strip(), text[cut + 1 :].strip()
    return summary, "" if text == summary else text


def _body(e: Entry, text: str) -> list[str]:
    parts = []
    if text:
        parts.append(text)
    if e.details.strip():  # the source's other columns: in the full chronology only
        parts.append(e.details.strip())
    for label, value in (("Outcome", e.outcome), ("Analysis", e.analysis), ("Action", e.action)):
        if value.strip():
            parts.append(f"{label}: {value.strip()}")
    return parts


def _event(e: Entry, others: list[Entry]) -> str:
    """Summary first (the heading line), the record under it, other records, significance."""
    heading, text = _heading_and_text(e)
    lines = [heading, *_body(e, text)]
    for o in others:
        wording = o.text.strip() or o.summary.strip()
        lines.append(f"Also recorded by {o.agency or 'another source'}: {wording}")
    words = [e.significance.value]
    if e.significance_reason:
        words.append(e.significance_reason)
    if e.significance_status == "confirmed":
        words.append(f"confirmed by {e.significance_by}" if e.significance_by else "confirmed")
    if e.in_court:
        words.append("in court chronology")
    if e.status != EntryStatus.ACTIVE:
        words.append(e.status.value + (f": {e.status_reason}" if e.status_reason else ""))
    if e.confidential:
        words.append("confidential")
    lines.append("Significance: " + "; ".join(words))
    return "\n".join(line for line in lines if line)


def _source(e: Entry, others: list[Entry]) -> str:
    parts = []
    for item in [e, *others]:
        where = item.source_file or "entered by hand"
        if item.source_row is not None:
            where += f", row {item.source_row}"
        ref = f", ref {item.source_ref}" if item.source_ref else ""
        parts.append(f"{item.agency or 'no agency'}{ref}\n{where}\nentry {item.id}")
    if e.author:
        parts.append(f"recorded by {e.author}")
    return "\n".join(parts)


def _when(e: Entry) -> str:
    zone = zone_label(e.date, e.time, e.utc_offset) if e.precision.value == "datetime" else ""
    return f"{entry_when(e)} {zone}" if zone else entry_when(e)


def full_rows(ctx: ExportContext, flt: EntryFilter) -> list[list[str]]:
    """One row per event (records of the same event together), in the order of the moment."""
    rows = []
    for n, (e, others) in enumerate(group_duplicates(full_entries(ctx, flt)), start=1):
        where = f"entry {e.id}"
        rows.append(
            [
                str(n),
                _when(e),
                ctx.redactor.seen(_event(e, others), where),  # its parts are redacted already
                ctx.quiet(_source(e, others), f"{where}, source"),
            ]
        )
    return rows


def full_chronology(ctx: ExportContext, flt: EntryFilter) -> Document:
    """Every event once, for internal use (portrait, 10 pt), with the filters named."""
    rows = full_rows(ctx, flt)
    filters = []
    if flt.date_from or flt.date_to:
        filters.append(
            "dates "
            + (f"from {uk_date(flt.date_from)} " if flt.date_from else "")
            + (f"to {uk_date(flt.date_to)}" if flt.date_to else "")
        )
    for label, values in (
        ("agencies", flt.agencies),
        ("types", flt.types),
        ("significance", flt.significance),
    ):
        if values:
            filters.append(f"{label}: {', '.join(values)}")
    chosen = "; ".join(filters) if filters else "every entry"
    blocks: list[Block] = [
        Heading(f"Chronology: {ctx.case.child_names} (case {ctx.case.ref})", level=0),
        Paragraph.of(
            f"Full chronology for internal use: {len(rows)} events ({chosen}), each once; the "
            f"other records of the same event are under it. Made on {uk_date(ctx.made)}."
        ),
        Table(FULL_COLUMNS, rows, FULL_WIDTHS, bold_first_line=2),
    ]
    return Document(
        kind="chronology",
        title=f"Chronology: {ctx.case.child_names}",
        author=ctx.case.worker,
        subject=f"Case {ctx.case.ref}",
        blocks=blocks,
        setup=FULL_SETUP,
        endorsement=endorsement(ctx),
        created=ctx.created,
    )


def csv_rows(ctx: ExportContext, flt: EntryFilter) -> list[list[object]]:
    """Every column of every entry shown, for the CSV export."""
    out: list[list[object]] = []
    for e in full_entries(ctx, flt):
        where = f"entry {e.id}"
        for text in (e.summary, e.text, e.details):
            ctx.redactor.seen(text, where)
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
