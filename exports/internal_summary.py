"""The internal case summary as a document, for the worker and supervision (not for filing).

Primary risks first, then alerts, cadence, quarantine and sources, in the summary package's
order. It never carries a court heading: the case summary for the court is ``court_summary``.
"""

from __future__ import annotations

import datetime as dt

from chronology.entries import EntryFilter, list_entries
from exports.common import ExportContext, uk_date
from exports.document import Block, Document, Heading, Paragraph, Table

SUMMARY_LIMIT = 6


# The court's limit for a case summary is 6 pages: the document lists the longest gaps of each
# cadence rule and the latest key events; the summary in the app and the chronology hold the rest.
DOCUMENT_GAPS = 3
DOCUMENT_KEY_EVENTS = 20
KEY_EVENT_STEPS = (20, 12, 6, 0)  # tried in turn until the summary fits the court's limit


def _gaps_to_show(gaps: list) -> list:
    """The longest gaps (and any gap still running), in date order."""
    keep = sorted(gaps, key=lambda g: (g.current, g.days), reverse=True)[:DOCUMENT_GAPS]
    return [g for g in gaps if g in keep]


def _stamp(iso: str) -> str:
    if not iso:
        return ""
    try:
        return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


def _risk_paragraphs(ctx: ExportContext, risks: list, numbered: bool) -> list[Block]:
    out: list[Block] = []
    for r in risks:
        parts = [f"{r.title} ({r.urgency_label.lower()})"]
        if r.status == "monitoring":
            parts[0] += ", monitoring"
        if r.status == "closed":
            parts[0] += f", closed: {r.status_reason}"
        if r.statement != r.title:
            parts.append(r.statement)
        if r.status != "closed":
            last = (
                f"last reviewed {uk_date(r.last_review.date)} by {r.last_review.by}"
                if r.last_review
                else "never reviewed"
            )
            parts.append(f"{last[:1].upper()}{last[1:]}; review due {uk_date(r.review_due)}")
        if r.needs_review:
            parts.append("NEEDS REVIEW: " + "; ".join(r.review_reasons))
        if r.tripped_by:
            shown = ", ".join(str(i) for i in r.tripped_by[:20])
            parts.append(f"Tripped by entries {shown}")
        text = ". ".join(p.rstrip(".") for p in parts) + "."
        out.append(Paragraph.of(ctx.scrub(text, f"risk {r.id}"), numbered=numbered))
    return out


def internal_summary(ctx: ExportContext, key_events: int = DOCUMENT_KEY_EVENTS) -> Document:
    """The internal summary document, generated afresh for the date it is made."""
    from summary.case_summary import generate_summary
    from summary.narrative import SECTION_TITLES
    from summary.render import SUMMARY_SECTIONS

    s = generate_summary(ctx.ws, ctx.case.ref, ctx.made)
    h = s.header
    secret = {
        row[0]
        for row in ctx.ws.conn.execute(
            "SELECT id FROM entries WHERE case_id=? AND confidential=1", (ctx.case_id,)
        )
    }
    span = f", {uk_date(h.first_entry)} to {uk_date(h.latest_entry)}" if h.first_entry else ""
    facts = [
        *(
            [
                "Child",
                f"{c.name}"
                + (f", born {uk_date(c.dob)}" if c.dob else "")
                + (f", aged {c.age}" if c.age else ""),
            ]
            for c in h.children
        ),
        ["Legal status", h.legal_status],
        [
            "Proceedings",
            h.proceedings + (f" ({h.court}, {h.court_case_number})" if h.court else ""),
        ],
        ["Allocated worker", h.worker],
        ["Team manager", h.team_manager],
        ["Chronology", f"{h.entries_label}{span}; last updated {_stamp(h.last_updated)}"],
    ]
    blocks: list[Block] = [
        Heading("INTERNAL CASE SUMMARY", level=0, align="centre"),
        Paragraph.of(
            f"For the allocated worker and supervision; not for filing with the court. As of "
            f"{uk_date(ctx.made)}. Prepared by {ctx.case.worker or 'the worker'}.",
            align="centre",
        ),
        Table(
            ["Case", ctx.case.ref], [[k, ctx.safe(v, f"summary: {k}")] for k, v in facts], [1.4, 3]
        ),
        Heading("Primary risks"),
        *(
            _risk_paragraphs(ctx, s.primary_risks, True)
            or [Paragraph.of("No primary risk is recorded for this case.")]
        ),
        Heading("Alerts"),
        *(
            [Paragraph.of(ctx.scrub(f"{a.level.upper()}: {a.message}", "alert")) for a in s.alerts]
            or [Paragraph.of("None.")]
        ),
    ]
    for key in SUMMARY_SECTIONS:
        text = s.narrative.get(key, "").strip()
        blocks.append(Heading(SECTION_TITLES.get(key, key)))
        blocks.append(Paragraph.of(ctx.safe(text, f"narrative: {key}") or "(Not written yet.)"))
    blocks.append(Heading("Meetings and visits"))
    for c in s.cadence:
        if c.every_days <= 0:
            continue
        line = f"{c.label[:1].upper()}{c.label[1:]} expected {c.every}: {c.count} recorded"
        if c.first:
            line += f", {uk_date(c.first)} to {uk_date(c.last)}"
        gaps = "".join(f"\n{g.wording}" for g in _gaps_to_show(c.gaps))
        shorter = len(c.gaps) - len(_gaps_to_show(c.gaps))
        if shorter:
            gaps += f"\nand {shorter} shorter gap{'s' if shorter > 1 else ''}"
        blocks.append(Paragraph.of(ctx.safe(line + gaps, "cadence")))
    blocks.append(Heading("Key events (numbers as in the court chronology)"))
    shown = s.key_events[-key_events:] if key_events > 0 else []
    earlier = s.key_events_omitted + len(s.key_events) - len(shown)
    if earlier and shown:
        blocks.append(
            Paragraph.of(
                f"The latest {len(shown)} are listed; {earlier} earlier key events are "
                "in the chronology."
            )
        )
    elif earlier:
        blocks.append(Paragraph.of(f"The {earlier} key events are listed in the court chronology."))
    rows = []
    for e in shown:
        where = f"entry {e.entry_id} ({e.when})"
        if e.entry_id in secret and ctx.redactor.enabled:
            summary = ctx.redactor.withhold(where, "entry marked confidential: summary")
        else:
            summary = ctx.safe(e.summary, where)
        rows.append([str(e.number), e.when, summary, e.agency])
    blocks.append(
        Table(["No.", "Date", "Event", "Agency"], rows, [1.0, 2.6, 7.6, 2.8])
        if rows
        else Paragraph.of("None marked yet.")
    )
    blocks.append(Heading("Agency involvement"))
    blocks.extend(
        Paragraph.of(ctx.safe(y.sentence, "involvement")) for y in reversed(s.involvement)
    )
    blocks.append(Heading("Other risks"))
    blocks.extend(_risk_paragraphs(ctx, s.other_risks, False) or [Paragraph.of("None.")])
    blocks.append(Heading("Sources and coverage"))
    for src in s.sources:
        dates = f"{uk_date(src.first)} to {uk_date(src.last)}" if src.first else "no dates"
        agencies = ", ".join(a or "(no agency)" for a in src.agencies[:4])
        blocks.append(
            Paragraph.of(
                ctx.safe(f"{src.source} ({agencies}): {src.count} entries, {dates}.", "sources")
            )
        )
    if s.quarantine_waiting:
        blocks.append(
            Paragraph.of(
                f"{s.quarantine_waiting} rows waiting in quarantine are not counted above."
            )
        )
    if secret:
        ctx.redactor.watch_confidential(list_entries(ctx.ws, ctx.case_id, EntryFilter()))
    return Document(
        kind="internal-summary",
        title=f"Internal case summary: {ctx.case.child_names}",
        author=ctx.case.worker,
        subject=f"Case {ctx.case.ref} (internal)",
        blocks=blocks,
        endorsement=f"Internal: not for filing | Case {ctx.case.ref}",
        created=ctx.created,
    )
