"""The case summary for the court (PD27A): background, issues, orders sought, key dates.

A court document, at most 6 pages: the parties and the child, a short background, the issues
(the primary risks, as the local authority's concerns), the orders sought, and the key dates,
which are events of the court chronology with their numbers there (one selection for every
document). Nothing of the internal summary reaches it: no alerts, cadence, quarantine, file
names or review dates (those are in the internal case summary, ``internal_summary``).
"""

from __future__ import annotations

import re

from chronology.models import EntryType
from exports.chronology_doc import endorsement, period_words
from exports.common import ExportContext, court_heading, involvement_paragraph, uk_date
from exports.court_rows import Sources
from exports.document import Block, Document, Heading, Paragraph, Table
from exports.risk_words import risk_sentence
from summary.court_selection import CourtEvent

SUMMARY_LIMIT = 6
KEY_DATE_STEPS = (40, 25, 15, 8, 0)  # tried in turn until the summary fits the court's limit


def _narrative(ctx: ExportContext, *sections: str) -> list[str]:
    from summary.narrative import get_narrative

    for section in sections:
        text = get_narrative(ctx.ws, ctx.case.ref, section).strip()
        if text:
            return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return []


def _written(ctx: ExportContext, title: str, sections: tuple[str, ...]) -> list[Block]:
    paragraphs = _narrative(ctx, *sections)
    if not paragraphs:
        ctx.warnings.append(f"the case summary's {title.lower()} is not written yet")
        return [Paragraph.of(f"[To be completed: {title.lower()}]")]
    return [Paragraph.of(ctx.safe(p, f"narrative: {sections[0]}")) for p in paragraphs]


def _priority(ev: CourtEvent) -> int:
    """Which events a short summary keeps first: hearings, then risks' evidence, then the rest."""
    why = " ".join(ev.why)
    if ev.entry.type == EntryType.COURT:
        return 0
    if "primary risk" in why:
        return 1
    if "always shown" in why:
        return 2
    return 3 if ev.entry.significance.value == "key" else 4


def key_dates(events: list[CourtEvent], limit: int) -> list[CourtEvent]:
    """At most ``limit`` events, the most important first, shown in the chronology's order."""
    if limit >= len(events):
        return list(events)
    ranked = sorted(events, key=lambda ev: (_priority(ev), -ev.number))[:limit]
    return sorted(ranked, key=lambda ev: ev.number)


def _parties_rows(ctx: ExportContext) -> list[list[str]]:
    case = ctx.case
    rows = [
        [
            "Child",
            f"{c.name}" + (f", born {uk_date(c.dob)}" if c.dob else ""),
        ]
        for c in case.children
    ]
    roles: dict[str, list[str]] = {}
    for p in case.parties:
        roles.setdefault(p.role.strip().capitalize() or "Party", []).append(p.name)
    rows += [[role, "; ".join(names)] for role, names in roles.items()]
    if case.proceedings in ("private", "public"):
        rows.append(["Proceedings", f"{case.proceedings} law, {case.court}"])
    rows.append(["Legal status", case.legal_status])
    rows.append(["Allocated social worker", f"{case.worker}, {case.employer}"])
    return [[k, ctx.safe(v, f"summary: {k}")] for k, v in rows]


def _issues(ctx: ExportContext, numbers: dict[int, int]) -> list[Block]:
    from summary.risks import list_risks

    primary = [r for r in list_risks(ctx.ws, ctx.case_id) if r.primary and r.is_open]
    blocks: list[Block] = [
        Paragraph.of(ctx.safe(p, "narrative: issues"), numbered=True)
        for p in _narrative(ctx, "issues")
    ]
    for r in primary:
        refs = sorted({numbers[e] for e in r.evidence if e in numbers})
        where = f" (chronology {', '.join(f'[{n}]' for n in refs)})" if refs else ""
        text = f"{r.title}: the local authority's concern is that {risk_sentence(r)}{where}."
        blocks.append(Paragraph.of(ctx.safe(text, f"risk {r.id}"), numbered=True))
    if not blocks:
        ctx.warnings.append("the case summary names no issue: record a primary risk or write them")
        blocks.append(Paragraph.of("[To be completed: the issues]"))
    return blocks


def court_case_summary(ctx: ExportContext, limit: int = KEY_DATE_STEPS[0]) -> Document:
    """The PD27A case summary with at most ``limit`` key dates."""
    case = ctx.case
    sel = ctx.selection()
    sources = Sources.of(ctx)
    numbers = {i: ev.number for ev in sel.events for i in ev.ids}
    from chronology.entries import EntryFilter, list_entries

    everything = list_entries(ctx.ws, ctx.case_id, EntryFilter(include_inactive=False))
    shown = key_dates(sel.events, limit)
    rows = []
    for ev in shown:
        where = f"entry {ev.entry.id}"
        safe = ctx.redactor.entry(ev.entry, where)
        rows.append(
            [str(ev.number), sources.when(ev.entry), ctx.safe(sources.what(safe, 240), where)]
        )
    note = f"The {len(sel.events)} events of the court chronology {period_words(sel.period)}" + (
        f"; the {len(shown)} below are the hearings and the events the issues rest on, "
        "with their numbers in the chronology."
        if len(shown) < len(sel.events)
        else ", with their numbers in the chronology."
    )
    blocks: list[Block] = [
        *court_heading(ctx),
        Heading("CASE SUMMARY", level=0, align="centre"),
        Paragraph.of(
            f"Prepared by {case.worker or 'the allocated worker'} on behalf of "
            f"{case.party or case.employer} on {uk_date(ctx.made)}.",
            align="centre",
        ),
        Heading("The parties and the child"),
        Table(["", "Name and details"], _parties_rows(ctx), [1.2, 3]),
        Heading("Background"),
        Paragraph.of(ctx.safe(involvement_paragraph(everything, case, sources.kind), "background")),
        *_written(ctx, "Background", ("background",)),
        Heading("The issues"),
        *_issues(ctx, numbers),
        Heading("Orders sought"),
        *_written(ctx, "Orders sought", ("orders_sought", "recommendations")),
        Heading("Key dates"),
        Paragraph.of(note),
        Table(["No.", "Date", "Event"], rows, [1.2, 2.8, 10.0])
        if rows
        else Paragraph.of("No event is in the court chronology yet."),
    ]
    return Document(
        kind="summary",
        title=f"Case summary: {case.child_names}",
        author=case.worker,
        subject=f"Case {case.court_case_number or case.ref}",
        blocks=blocks,
        endorsement=endorsement(ctx),
        created=ctx.created,
        page_limit=SUMMARY_LIMIT,
    )
