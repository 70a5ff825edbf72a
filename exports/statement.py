"""The witness statement (FPR PD22A; President's memorandum on witness statements, 2021).

The statement gives the witness's own evidence and exhibits the chronology rather than narrating
the records: introduction and role; her own involvement and observations; the proceedings;
the primary risks as her assessment (first person, no IF/THEN shorthand, no monitoring data);
the child's voice; analysis; recommendations. Events are referred to by their number in the
exhibited chronology ("[12]"), which comes from the same selection as the chronology itself.

Until every section is written (and the parties and the work address are recorded) the document
is a DRAFT on every page and its statement of truth is neither dated nor signed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chronology.models import EntryType
from exports.chronology_doc import court_chronology_blocks, endorsement, period_words
from exports.common import STATEMENT_DETAILS, ExportContext, court_heading, require_details, uk_date
from exports.document import (
    Block,
    Document,
    Heading,
    KeepTogether,
    Mark,
    PageBreak,
    Paragraph,
    Run,
    TopRightBlock,
)
from exports.exhibits import Exhibit, exhibit_for
from exports.risk_words import risk_sentence
from exports.text import initials_and_surname, ordinal
from summary.court_selection import CourtSelection

STATEMENT_LIMIT = 25
END_MARK = "end of statement"
CHRONOLOGY_EXHIBIT = "Court chronology"
DRAFT = "DRAFT"
# The family order (President's memorandum on witness statements, 2021; FPR PD17A), verbatim.
TRUTH_CONTEMPT = (
    "I understand that proceedings for contempt of court may be brought against anyone who "
    "makes, or causes to be made, a false statement in a document verified by a statement of "
    "truth without an honest belief in its truth."
)
TRUTH_BELIEF = "I believe that the facts stated in this witness statement are true."
# The sections the witness writes herself (summary.narrative keys), in the statement's order.
OWN_SECTIONS = {
    "involvement": "My involvement and observations",
    "child_voice": "The child's wishes and feelings",
    "analysis": "Analysis",
    "recommendations": "Recommendations",
}


@dataclass
class _Draft:
    """What is still to be written before the statement can be signed."""

    missing: list[str] = field(default_factory=list)

    @property
    def is_draft(self) -> bool:
        return bool(self.missing)


def statement_exhibit(ctx: ExportContext) -> Exhibit:
    """The mark the court chronology carries in this statement."""
    return exhibit_for(
        ctx.ws, ctx.case_id, ctx.witness_initials, ctx.case.statement_number, CHRONOLOGY_EXHIBIT
    )


def _narrative(ctx: ExportContext, section: str) -> list[str]:
    from summary.narrative import get_narrative

    text = get_narrative(ctx.ws, ctx.case.ref, section).strip()
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def refs(numbers: list[int]) -> str:
    """'[3]', '[3] and [7]', '[3], [7] and [12]'."""
    marks = [f"[{n}]" for n in numbers]
    if len(marks) <= 1:
        return "".join(marks)
    return ", ".join(marks[:-1]) + f" and {marks[-1]}"


def _own(ctx: ExportContext, section: str, draft: _Draft, extra: list[str] | None = None) -> list:
    """A section in the witness's own words (with generated references after them)."""
    title = OWN_SECTIONS[section]
    paragraphs = _narrative(ctx, section)
    if not paragraphs:
        draft.missing.append(title.lower())
        paragraphs = [f"[To be completed: {title.lower()}]"]
    return [
        Heading(title),
        *(Paragraph.of(ctx.safe(p, f"narrative: {section}"), numbered=True) for p in paragraphs),
        *(Paragraph.of(p, numbered=True) for p in extra or []),
    ]


def _parties(ctx: ExportContext, draft: _Draft) -> list[Block]:
    """BETWEEN the applicant(s) and the respondent(s), as the title of the proceedings."""
    parties = ctx.case.parties
    if not parties:
        draft.missing.append("the parties")
        ctx.warnings.append(
            "the parties are not recorded: add them with 'throughline case edit --applicant NAME "
            "--respondent NAME'"
        )
        return [Paragraph.of("[To be completed: the parties]", align="centre")]
    blocks: list[Block] = [Paragraph([Run("BETWEEN", bold=True)], align="centre")]
    roles: dict[str, list[str]] = {}
    for p in parties:
        roles.setdefault(p.role.strip().lower() or "party", []).append(p.name)
    for i, (role, names) in enumerate(roles.items()):
        if i:
            blocks.append(Paragraph.of("and", align="centre"))
        label = role.capitalize() + ("s" if len(names) > 1 and not role.endswith("s") else "")
        for name in names:
            blocks.append(Paragraph.of(ctx.safe(name, "parties"), align="centre"))
        blocks.append(Paragraph([Run(label, bold=True)], align="right"))
    return blocks


def _introduction(ctx: ExportContext, exhibit: Exhibit, sel: CourtSelection, draft: _Draft):
    case = ctx.case
    article = "an" if case.role[:1].lower() in "aeiou" else "a"
    address = case.work_address.strip()
    if not address:
        draft.missing.append("the witness's work address")
        ctx.warnings.append(
            "the witness's work address is not recorded: add it with 'throughline case edit "
            "--work-address TEXT'"
        )
    where = f" My work address is {address}." if address else ""
    blocks: list[Block] = [
        Heading("Introduction"),
        Paragraph.of(
            ctx.safe(
                f"I am {case.worker}. I am employed by {case.employer} as {article} {case.role}."
                f"{where} I am the allocated worker for {case.child_names}.",
                "introduction",
            ),
            numbered=True,
        ),
    ]
    blocks += [
        Paragraph.of(ctx.safe(p, "narrative: introduction"), numbered=True)
        for p in _narrative(ctx, "introduction")
    ]
    blocks += [
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
        Paragraph.of(
            f"I exhibit as {exhibit.mark} a chronology of the {len(sel.events)} significant "
            f"events {period_words(sel.period)}. I do not repeat the records here: when I refer "
            "to an event I give its number in that chronology in square brackets, for example "
            "[1].",
            numbered=True,
        ),
    ]
    return blocks


def _by_kind(sel: CourtSelection, kinds: set[EntryType], words: tuple[str, ...] = ()) -> list:
    return [
        ev.number
        for ev in sel.events
        if ev.entry.type in kinds or any(w in " ".join(ev.why) for w in words)
    ]


def _proceedings(ctx: ExportContext, sel: CourtSelection) -> list[Block]:
    """Where the proceedings' steps are in the chronology (each by its number)."""
    lines = []
    hearings = _by_kind(sel, {EntryType.COURT})
    if hearings:
        lines.append(
            f"The applications, hearings and orders in these proceedings are at "
            f"{refs(hearings)} of {ctx.case.child_names}'s chronology; each gives the order made."
        )
    steps = _by_kind(
        sel,
        {EntryType.REFERRAL, EntryType.STRATEGY_DISCUSSION, EntryType.CP_CONFERENCE},
        ("a Section 47 enquiry",),
    )
    if steps:
        lines.append(
            "The referrals, strategy discussions, Section 47 enquiries and child protection "
            f"conferences are at {refs(steps)}."
        )
    background = _narrative(ctx, "background")
    if not lines and not background:
        return []
    return [
        Heading("Background and the proceedings"),
        *(Paragraph.of(ctx.safe(p, "narrative: background"), numbered=True) for p in background),
        *(Paragraph.of(p, numbered=True) for p in lines),
    ]


def _risks(ctx: ExportContext, sel: CourtSelection) -> list[Block]:
    """The primary risks as the witness's assessment, with the events that found them."""
    from summary.risks import list_risks

    primary = [r for r in list_risks(ctx.ws, ctx.case_id) if r.primary and r.is_open]
    heading = Heading("My assessment of the risks to " + ctx.case.child_names)
    if not primary:
        return [
            heading,
            Paragraph.of("I have not identified a primary risk in this case.", numbered=True),
        ]
    blocks: list[Block] = [heading]
    for r in primary:
        view = risk_sentence(r)
        urgency = (
            "I consider this urgent."
            if r.urgency.value == "urgent"
            else "I consider this important, although not urgent: it must be kept in mind as "
            "circumstances change."
        )
        numbers = sel.numbers(r.evidence)
        basis = f" I base this on the events at {refs(numbers)}." if numbers else ""
        text = f"{r.title}. My assessment is that {view}. {urgency}{basis}"
        blocks.append(Paragraph.of(ctx.safe(text, f"risk {r.id}"), numbered=True))
    blocks += [
        Paragraph.of(ctx.safe(p, "narrative: risks"), numbered=True)
        for p in _narrative(ctx, "risks")
    ]
    return blocks


def _involvement_refs(ctx: ExportContext, sel: CourtSelection) -> list[str]:
    surname = ctx.case.worker.split()[-1].casefold() if ctx.case.worker.split() else ""
    mine = [
        ev.number
        for ev in sel.events
        if surname and any(surname in (e.author or "").casefold() for e in (ev.entry, *ev.others))
    ]
    if not mine:
        return []
    return [f"The events in the chronology that I recorded myself are {refs(mine)}."]


def _voice_refs(ctx: ExportContext, sel: CourtSelection) -> list[str]:
    voiced = [ev.number for ev in sel.events if any(e.child_voice for e in (ev.entry, *ev.others))]
    if not voiced:
        return []
    return [
        f"What {ctx.case.child_names} said, or what was observed of how they were, is recorded "
        f"at {refs(voiced)}."
    ]


def witness_statement(
    ctx: ExportContext, date_from: str | None = None, date_to: str | None = None
) -> tuple[Document, Exhibit]:
    """The statement, and the exhibit it produces (recorded once the file is written)."""
    case = ctx.case
    require_details(case, STATEMENT_DETAILS, "witness statement")
    exhibit = statement_exhibit(ctx)
    sel = ctx.selection(date_from, date_to)
    draft = _Draft()
    number = ordinal(case.statement_number)
    parties = _parties(ctx, draft)
    intro = _introduction(ctx, exhibit, sel, draft)
    body: list[Block] = [
        *intro,
        *_own(ctx, "involvement", draft, _involvement_refs(ctx, sel)),
        *_proceedings(ctx, sel),
        *_risks(ctx, sel),
        *_own(ctx, "child_voice", draft, _voice_refs(ctx, sel)),
        *_own(ctx, "analysis", draft),
    ]
    recommendations = _own(ctx, "recommendations", draft)
    made = "" if draft.is_draft else uk_date(ctx.made)
    if draft.is_draft:
        ctx.warnings.append(
            "the statement is a DRAFT until these are written: " + "; ".join(draft.missing)
        )
    title = f"WITNESS STATEMENT OF {case.worker.upper()}"
    blocks: list[Block] = [
        TopRightBlock(
            [
                f"Filed on behalf of: {case.party}",
                f"Witness: {initials_and_surname(case.worker)}",
                f"Statement No: {number}",
                f"Exhibits: {exhibit.mark}",
                f"Date: {made}",
            ]
        ),
        *court_heading(ctx),
        *parties,
        Heading(f"{DRAFT} {title}" if draft.is_draft else title, level=0, align="centre"),
        Paragraph.of(f"{case.role}, {case.employer}", align="centre"),
        *body,
        *recommendations[:-1],
        # The statement of truth never stands on a page alone: the last paragraph goes with it.
        KeepTogether(
            [
                recommendations[-1],
                Heading("Statement of truth"),
                Paragraph.of(TRUTH_CONTEMPT),
                Paragraph.of(TRUTH_BELIEF),
                Paragraph.of(
                    "Signed: (not to be signed while this statement is a draft)"
                    if draft.is_draft
                    else "Signed: ........................................"
                ),
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
            f"statement of {case.worker}" + (f" dated {made}." if made else "."),
            align="centre",
        ),
        *court_chronology_blocks(ctx, sel, title="CHRONOLOGY"),
    ]
    stamp = endorsement(ctx)
    document = Document(
        kind="statement",
        title=f"{DRAFT + ' ' if draft.is_draft else ''}Witness statement of {case.worker} "
        f"({number})",
        author=case.worker,
        subject=f"Case {case.court_case_number}: {case.child_names}",
        blocks=blocks,
        endorsement=f"{DRAFT} | {stamp}" if draft.is_draft else stamp,
        created=ctx.created,
        page_limit=STATEMENT_LIMIT,
        limit_mark=END_MARK,
    )
    return document, exhibit
