"""How one event reads in a court document: its moment, what happened, and where it is recorded.

* **When**: the date as precisely as known; on the two days a year the clocks change, a time
  says BST or GMT.
* **What**: the summary (or the start of the note); a hearing carries the order made, taken from
  the record ("Final hearing: child arrangements order made — …"); an entry taken from another
  worker's chronology is attributed to that document and its author ("Recorded in A. Worker's
  chronology: …"), not to the agency named inside it.
* **Source**: the agency (by the name the worker gave it, aliases folded in) and its own
  reference (occurrence number, case note id); never a file name or a row number, which stay in
  the full chronology for audit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from chronology.agencies import agency_map, is_person
from chronology.models import Entry, EntryType, Significance
from chronology.moment import zone_label
from exports.common import ExportContext, entry_when, event_text

_OUTCOME = re.compile(
    r"\b(?:order(?:s|ed)?|granted|refused|dismissed|adjourned|vacated|listed|relisted"
    r"|directions?|directed|made|approved|discharged|no order|by consent|agreed|withdrawn|judgment"
    r"|remains?|to remain|continues?|to continue|supervised|unsupervised|unsupported"
    r"|found|findings?|declined|allowed|extended|renewed|concluded|to spend|to live|contact)\b",
    re.IGNORECASE,
)
_DECISION = re.compile(
    r"\b(?:outcome|decision|decided|agreed|threshold|met|not met|no further action|nfa"
    r"|plan|section 47|s47|enquir(?:y|ies)|conference|child protection|strategy|referred"
    r"|outcome|convene[d]?|recommend\w*|stood down|stand down|step(?:ped)? down|suspend\w*"
    r"|resum\w*|ceas\w*|closed?|escalat\w*|de-?escalat\w*)\b",
    re.IGNORECASE,
)
_OUTCOME_WORDS = {
    EntryType.COURT: _OUTCOME,
    EntryType.STRATEGY_DISCUSSION: _DECISION,
    EntryType.CP_CONFERENCE: _DECISION,
    EntryType.CIN_MEETING: _DECISION,
    EntryType.CORE_GROUP: _DECISION,
}
# Lines of minutes that say who came, not what happened: never the words of a court row.
_ATTENDANCE = re.compile(
    r"^\s*(?:present|apologies|attendees|attending|in attendance|invited|chair(?:ed by)?"
    r"|minutes?(?: taken by| taker)?|distribution)\s*[:\-–]",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_NOT_AN_OUTCOME = re.compile(r"^(?:attended|arrived|held|seen|yes|no|done|n/?a)\.?$", re.I)
OUTCOME_LIMIT = 320


@dataclass
class Batch:
    """What an import batch says about where its entries came from."""

    format: str
    author: str
    title: str
    file: str


@dataclass
class Sources:
    """Reads, once per document, what attribution needs: batches, agency names, people."""

    ctx: ExportContext
    batches: dict[int, Batch] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    people: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, ctx: ExportContext) -> Sources:
        batches = {
            r[0]: Batch(r[1], r[2], r[3], r[4])
            for r in ctx.ws.conn.execute(
                "SELECT id, format, source_author, source_title, file FROM import_batches "
                "WHERE case_id=?",
                (ctx.case_id,),
            )
        }
        return cls(ctx, batches, agency_map(ctx.ws, ctx.case_id), [p.name for p in ctx.people])

    # ------------------------------------------------------------ who recorded it
    def chronology_of(self, e: Entry) -> Batch | None:
        """The previous worker's chronology an entry was taken from, if it was."""
        batch = self.batches.get(e.batch_id or 0)
        return batch if batch is not None and batch.format == "docx" else None

    def agency(self, e: Entry) -> str:
        """The agency by the name the worker gave it ('' when the source named a person)."""
        name = self.names.get(" ".join(e.agency.casefold().split()), e.agency)
        return "" if is_person(name, self.people) else name

    def kind(self, e: Entry) -> tuple[str, str]:
        """('agency', name), ('document', "A. Worker's chronology") or ('person', name)."""
        chronology = self.chronology_of(e)
        if chronology is not None:
            return "document", _chronology_name(chronology)
        agency = self.agency(e)
        return ("agency", agency) if agency else ("person", e.agency)

    # ------------------------------------------------------------ the row's cells
    def when(self, e: Entry) -> str:
        """The date as known; a time on a clock-change day says BST or GMT."""
        text = entry_when(e)
        zone = zone_label(e.date, e.time, e.utc_offset) if e.precision.value == "datetime" else ""
        return f"{text} {zone}" if zone else text

    def what(self, e: Entry, limit: int = 400) -> str:
        """What happened; a hearing with its outcome; hearsay attributed to its document."""
        words = _OUTCOME_WORDS.get(e.type)
        if words is None and "a Section 47 enquiry" in e.significance_reason:
            words = _DECISION
        text = outcome_text(e, words, limit) if words is not None else _event(e, limit)
        chronology = self.chronology_of(e)
        if chronology is not None:
            return f"Recorded in {_chronology_name(chronology)}: {text}"
        if not self.agency(e) and e.agency:
            return f"Information from {e.agency}: {text}"
        return text

    def source(self, e: Entry, others: list[Entry] | None = None) -> str:
        """The agency and its own reference, for each record of the event."""
        parts = []
        for item in [e, *(others or [])]:
            chronology = self.chronology_of(item)
            if chronology is not None:
                name = _chronology_name(chronology)
                parts.append(name[:1].upper() + name[1:])
                continue
            who = self.agency(item) or (f"{item.agency} (a person)" if item.agency else "")
            if not item.batch_id:
                who = who or "entered by hand"
            ref = item.source_ref.strip()
            if is_nhs_number(ref) or is_machine_id(ref):  # the person, or nothing a court can use
                ref = ""
            parts.append(f"{who}, ref {ref}" if who and ref else who or f"ref {ref}")
        return "; ".join(dict.fromkeys(p for p in parts if p))


SHORT_SUMMARY = 30  # a subject line this short ("Home visit") says little on its own
EXPANDED_LIMIT = 150  # characters of the note shown after such a subject line


def _event(e: Entry, limit: int) -> str:
    """The summary, and when it is only a few words the start of the note after it."""
    summary, full = e.summary.strip(), without_attendance(e.text)
    if summary and len(summary) <= SHORT_SUMMARY and full and full != summary:
        # "Home visit" over a note that begins "Home visit arranged by text…": the note says it
        words = full if full.startswith(summary) else f"{summary.rstrip('.:')}: {full}"
        most = limit if e.significance == Significance.KEY else min(limit, EXPANDED_LIMIT)
        return event_text(replace(e, summary=words), most)  # a key event keeps its words
    return event_text(e, limit)


def without_attendance(text: str) -> str:
    """The note without the lines of minutes that list who came ('Present: …')."""
    lines = text.strip().splitlines()
    kept = [line for line in lines if not _ATTENDANCE.match(line)]
    return "\n".join(kept).strip() if len(kept) < len(lines) else text.strip()


_MACHINE_ID = re.compile(r"^[0-9A-Fa-f]{32,}$|^[^\s@]{8,}@[^\s@]+\.[^\s@]+$")


def is_machine_id(text: str) -> bool:
    """Whether a reference is a system's internal id (a calendar UID): no help to a court."""
    return bool(_MACHINE_ID.match(text.strip()))


def is_nhs_number(text: str) -> bool:
    """Whether text is an NHS number (10 digits with a valid check digit)."""
    digits = re.sub(r"[\s-]", "", text)
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return (0 if check == 11 else check) == int(digits[9]) and check != 10


def _chronology_name(batch: Batch) -> str:
    if batch.author:
        return f"{batch.author}'s chronology"
    return "a previous chronology"


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def hearing_text(e: Entry, limit: int = 400) -> str:
    """'Final hearing: child arrangements order made; …': the hearing and what it decided."""
    return outcome_text(e, _OUTCOME, limit)


def outcome_text(e: Entry, words: re.Pattern[str], limit: int = 400) -> str:
    """The event and what it decided: a hearing's order, a strategy discussion's decision.

    The outcome is the source's outcome field when it says more than 'attended', and the
    sentences of the note that say what was decided (``words``: ordered, granted, refused,
    adjourned, listed; threshold met, agreed, no further action).
    """
    summary, full = e.summary.strip(), without_attendance(e.text)
    sentences = _sentences(full)
    if not summary or (sentences and full.startswith(summary.rstrip(".\u2026"))):
        title = sentences[0].rstrip(".;: ") if sentences else summary
        rest = sentences[1:]
    else:
        title = summary.rstrip(".;: ")
        rest = [s for s in sentences if s.rstrip(".") != title]
    parts: list[str] = []
    if e.outcome.strip() and not _NOT_AN_OUTCOME.match(e.outcome.strip()):
        parts.append(e.outcome.strip().rstrip(".;: "))
    parts += [s.lstrip("-•* ").rstrip(".;: ") for s in rest if words.search(s)]
    if not parts:
        return _event(e, limit)
    outcome = "; ".join(dict.fromkeys(parts))
    if len(outcome) > OUTCOME_LIMIT:
        outcome = outcome[: outcome.rfind(" ", 0, OUTCOME_LIMIT)].rstrip(" ,;:") + "\u2026"
    text = f"{title}: {outcome}" if title else outcome
    if e.status.value == "cancelled":
        text = f"(Cancelled) {text}"
    return text + ("" if text.endswith(("\u2026", ".")) else ".")


__all__ = ["Sources", "hearing_text"]
