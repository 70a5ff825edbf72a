"""The witness statement (FPR PD22A), with the court chronology exhibited at its end."""

from __future__ import annotations

import re

from chronology.entries import EntryFilter, list_entries
from chronology.models import Entry, EntryStatus, Significance
from exports.chronology_doc import court_chronology_blocks, default_period, endorsement
from exports.common import (
    STATEMENT_DETAILS,
    ExportContext,
    court_heading,
    entry_when,
    event_text,
    group_duplicates,
    involvement_paragraph,
    require_details,
    source_ref,
    uk_date,
)
from exports.document import (
    Block,
    Document,
    Heading,
    KeepTogether,
    Mark,
    PageBreak,
    Paragraph,
    TopRightBlock,
)
from exports.exhibits import Exhibit, exhibit_for
from exports.text import initials_and_surname, ordinal

STATEMENT_LIMIT = 25
END_MARK = "end of statement"
KEY_EVENTS_LIMIT = 60
CHRONOLOGY_EXHIBIT = "Court chronology"
# The family order (President's memorandum on witness statements, 2021; FPR PD17A), verbatim.
TRUTH_CONTEMPT = (
    "I understand that proceedings for contempt of court may be brought against anyone who "
    "makes, or causes to be made, a false statement in a document verified by a statement of "
    "truth without an honest belief in its truth."
)
TRUTH_BELIEF = "I believe that the facts stated in this witness statement are true."


def statement_exhibit(ctx: ExportContext) -> Exhibit:
    """The mark the court chronology carries in this statement."""
    return exhibit_for(
        ctx.ws, ctx.case_id, ctx.witness_initials, ctx.case.statement_number, CHRONOLOGY_EXHIBIT
    )


def _narrative(ctx: ExportContext, section: str) -> list[str]:
    from summary.narrative import get_narrative

    text = get_narrative(ctx.ws, ctx.case.ref, section).strip()
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _section(ctx: ExportContext, title: str, section: str) -> list[Block]:
    paragraphs = _narrative(ctx, section)
    if not paragraphs:
        ctx.warnings.append(f"the {title.lower()} section is not written yet")
        paragraphs = [f"[To be completed: {title.lower()}]"]
    return [
        Heading(title),
        *(Paragraph.of(ctx.safe(p, f"narrative: {section}"), numbered=True) for p in paragraphs),
    ]


def _introduction(ctx: ExportContext) -> list[Block]:
    case = ctx.case
    article = "an" if case.role[:1].lower() in "aeiou" else "a"
    blocks: list[Block] = [
        Heading("Introduction"),
        Paragraph.of(
            f"I am {case.worker}. I am employed by {case.employer} as {article} {case.role}. "
            f"I am the allocated worker for {case.child_names}.",
            numbered=True,
        ),
        Paragraph.of(
            f"This is my {ordinal(case.statement_number)} statement in these proceedings. It is "
            f"filed on behalf of {case.party}.",
            numbered=True,
        ),
        Paragraph.of(
            "The facts in this statement are within my own knowledge unless I say otherwise. "
            "Where I give information from records or from other people, I say where it comes "
            "from, and it is true to the best of my knowledge and belief.",
            numbered=True,
        ),
    ]
    blocks.extend(
        Paragraph.of(ctx.safe(p, "narrative: introduction"), numbered=True)
        for p in _narrative(ctx, "introduction")
    )
    return blocks


def _risks(ctx: ExportContext) -> list[Block]:
    from summary.case_summary import risk_items
    from summary.risks import list_risks

    primary, _ = risk_items(ctx.ws, list_risks(ctx.ws, ctx.case_id), ctx.made)
    if not primary:
        return [
            Heading("Primary risks"),
            Paragraph.of("I have not recorded a primary risk for this case.", numbered=True),
        ]
    blocks: list[Block] = [
        Heading("Primary risks"),
        Paragraph.of(
            f"I have identified {len(primary)} primary risk{'s' if len(primary) != 1 else ''} "
            f"to {ctx.case.child_names}:",
            numbered=True,
        ),
    ]
    for r in primary:
        parts = [f"{r.title} ({r.urgency_label.lower()})."]
        if r.statement != r.title:
            parts.append(f"{r.statement}.")
        if r.last_review:
            parts.append(
                f"It was last reviewed on {uk_date(r.last_review.date)} by {r.last_review.by}."
            )
        else:
            parts.append("It has not yet been reviewed.")
        if r.needs_review:
            why = []
            if r.review_overdue:
                why.append(f"the review was due on {uk_date(r.review_due)}")
            if r.tripped_by:
                why.append("circumstances have changed since the last review")
            parts.append(
                "I am to review it again" + (f": {' and '.join(why)}" if why else "") + "."
            )
        text = " ".join(parts).replace("..", ".")
        blocks.append(Paragraph.of(ctx.safe(text, f"risk {r.id}"), numbered=True))
    return blocks


def _key_entries(ctx: ExportContext, everything: list[Entry]) -> list[tuple[Entry, list[Entry]]]:
    live = [e for e in everything if e.status != EntryStatus.WITHDRAWN]
    grouped = group_duplicates(live)
    key = [g for g in grouped if any(e.significance == Significance.KEY for e in [g[0], *g[1]])]
    if key:
        return key
    return [
        g for g in grouped if any(e.significance == Significance.SIGNIFICANT for e in [g[0], *g[1]])
    ]


def _key_events(ctx: ExportContext, everything: list[Entry], mark: str) -> list[Block]:
    chosen = _key_entries(ctx, everything)
    blocks: list[Block] = [Heading("Key events")]
    if not chosen:
        blocks.append(
            Paragraph.of(
                "No event in the chronology is marked key or significant yet.", numbered=True
            )
        )
        return blocks
    omitted = max(0, len(chosen) - KEY_EVENTS_LIMIT)
    intro = "The key events recorded in the chronology are these"
    if omitted:
        intro += f" (the latest {KEY_EVENTS_LIMIT}; the {omitted} earlier ones are in {mark})"
    blocks.append(Paragraph.of(intro + ":", numbered=True))
    ctx.redactor.watch_confidential([e for g in chosen for e in [g[0], *g[1]]])
    for entry, others in chosen[omitted:]:
        where = f"entry {entry.id} ({entry_when(entry)})"
        safe = ctx.redactor.entry(entry, where)
        source = ctx.safe(source_ref(entry, others), f"{where}, source")
        who = entry.agency or "the records"
        blocks.append(
            Paragraph.of(
                f"{_on(entry)}, {who} recorded: {event_text(safe)} (source: {source}).",
                numbered=True,
            )
        )
    return blocks


def _on(entry: Entry) -> str:
    """'On 03/04/2024', 'In June 2023', 'In Spring 2023', 'In the week commencing 03/07/2023'."""
    when = entry_when(entry)
    if entry.precision.value in ("datetime", "day"):
        return f"On {when}"
    if entry.precision.value == "week" and when.startswith("w/c "):
        return f"In the week commencing {when[4:]}"
    return f"In {when}"


def witness_statement(
    ctx: ExportContext, date_from: str | None = None, date_to: str | None = None
) -> tuple[Document, Exhibit]:
    """The statement, and the exhibit it produces (recorded once the file is written)."""
    case = ctx.case
    require_details(case, STATEMENT_DETAILS, "witness statement")
    exhibit = statement_exhibit(ctx)
    everything = list_entries(ctx.ws, ctx.case_id, EntryFilter())
    ctx.redactor.watch_confidential(everything)
    period = default_period(everything, date_from, date_to)
    made = uk_date(ctx.made)
    number = ordinal(case.statement_number)
    top = TopRightBlock(
        [
            f"Filed on behalf of: {case.party}",
            f"Witness: {initials_and_surname(case.worker)}",
            f"Statement No: {number}",
            f"Exhibits: {exhibit.mark}",
            f"Date: {made}",
        ]
    )
    involvement = involvement_paragraph(everything, case)
    recommendations = _section(ctx, "Recommendations", "recommendations")
    blocks: list[Block] = [
        top,
        *court_heading(ctx),
        Heading(f"WITNESS STATEMENT OF {case.worker.upper()}", level=0, align="centre"),
        Paragraph.of(f"{case.role}, {case.employer}", align="centre"),
        *_introduction(ctx),
        *_risks(ctx),
        *_section(ctx, "Background", "background"),
        Heading("Summary of involvement"),
        Paragraph.of(
            ctx.safe(f"From the records I have read: {involvement}", "summary of involvement"),
            numbered=True,
        ),
        Paragraph.of(
            f"A chronology of the significant events {period.words()} is exhibited to this "
            f"statement as {exhibit.mark}.",
            numbered=True,
        ),
        *_key_events(ctx, everything, exhibit.mark),
        *_section(ctx, "Analysis", "analysis"),
        *recommendations[:-1],
        # The statement of truth never stands on a page alone: the last paragraph goes with it.
        KeepTogether(
            [
                recommendations[-1],
                Heading("Statement of truth"),
                Paragraph.of(TRUTH_CONTEMPT),
                Paragraph.of(TRUTH_BELIEF),
                Paragraph.of("Signed: ........................................"),
                Paragraph.of(f"Name: {case.worker}"),
                Paragraph.of(f"Position: {case.role}, {case.employer}"),
                Paragraph.of(f"Date: {made}"),
            ]
        ),
        Mark(END_MARK),
        PageBreak(),
        Heading(f"Exhibit {exhibit.mark}", level=0, align="centre"),
        Paragraph.of(
            f"This is the exhibit marked {exhibit.mark} referred to in the {number} witness "
            f"statement of {case.worker} dated {made}.",
            align="centre",
        ),
        *court_chronology_blocks(ctx, everything, period, title="CHRONOLOGY"),
    ]
    document = Document(
        kind="statement",
        title=f"Witness statement of {case.worker} ({number})",
        author=case.worker,
        subject=f"Case {case.court_case_number}: {case.child_names}",
        blocks=blocks,
        endorsement=endorsement(ctx),
        created=ctx.created,
        page_limit=STATEMENT_LIMIT,
        limit_mark=END_MARK,
    )
    return document, exhibit
