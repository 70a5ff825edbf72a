"""Pieces every court document shares: the context, the court heading, dates and sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronology.dates import format_entry_date, is_ongoing
from chronology.models import Case, Entry, EntryStatus, Person
from chronology.workspace import Workspace
from exports.document import Heading, Paragraph, Run
from exports.redaction import Redactor
from exports.text import initials

if TYPE_CHECKING:
    from summary.court_selection import CourtSelection

STATEMENT_DETAILS = {
    "worker": "--worker",
    "role": "--role",
    "employer": "--employer",
    "party": "--party",
    "court": "--court",
    "court_case_number": "--court-case-number",
}
COURT_DETAILS = {"court": "--court", "court_case_number": "--court-case-number"}


class MissingDetails(ValueError):
    """The case lacks details a court document must show; the message says how to add them."""


@dataclass
class ExportContext:
    """What a document builder needs: the case, its people, the redactor, the date made."""

    ws: Workspace
    case: Case
    people: list[Person]
    redactor: Redactor
    made: dt.date
    created: dt.datetime
    warnings: list[str] = field(default_factory=list)
    _selections: dict[tuple[str | None, str | None], CourtSelection] = field(
        default_factory=dict, repr=False
    )

    def selection(self, date_from: str | None = None, date_to: str | None = None) -> CourtSelection:
        """The court's events (one selection for every document of this export)."""
        key = (date_from, date_to)
        if key not in self._selections:
            from summary.court_selection import court_selection

            self._selections[key] = court_selection(
                self.ws, self.case_id, date_from, date_to, today=self.made
            )
        return self._selections[key]

    @property
    def case_id(self) -> int:
        return self.case.id or 0

    @property
    def witness_initials(self) -> str:
        return initials(self.case.worker) or "XX"

    def safe(self, text: str, where: str) -> str:
        """Text as it may appear in the document (redacted, and watched for contact details)."""
        return self.redactor.text(text, where)

    def quiet(self, text: str, where: str) -> str:
        """Redacted text that cannot hold a contact detail of its own (a file name, a row)."""
        return self.redactor.redact(text, where)

    def scrub(self, text: str, where: str) -> str:
        """Generated text that may quote entries: redacted, and quotes of confidential entries
        withheld (risk review reasons quote the entries that tripped them)."""
        if self.redactor.enabled and not self.redactor.secrets_known:
            from chronology.entries import EntryFilter, list_entries

            self.redactor.watch_confidential(list_entries(self.ws, self.case_id, EntryFilter()))
        return self.redactor.quotes(self.safe(text, where), where)


def require_details(case: Case, needed: dict[str, str], document: str) -> None:
    """Ask for the case details a document cannot be made without."""
    missing = [flag for name, flag in needed.items() if not str(getattr(case, name)).strip()]
    if missing:
        example = " ".join(f"{flag} ..." for flag in missing)
        raise MissingDetails(
            f"the {document} needs these details of case {case.ref} first: "
            f"{', '.join(m.lstrip('-').replace('-', ' ') for m in missing)}; add them with "
            f"'throughline case edit --workspace W --case {case.ref} {example}'"
        )


def uk_date(day: dt.date | str | None) -> str:
    """dd/mm/yyyy (dates in figures)."""
    if not day:
        return ""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return day.strftime("%d/%m/%Y")


def entry_when(e: Entry) -> str:
    """The entry's date as the chronology knows it: "03/04/2024 09:40", "w/c 03/07/2023"..."""
    return format_entry_date(
        e.date,
        e.time,
        e.precision.value,
        e.approximate,
        e.date_end,
        ongoing=is_ongoing(e.date_assumption),
    )


def source_ref(e: Entry, others: list[Entry] | None = None) -> str:
    """Where an entry comes from: agency, file and row (and the same event's other records)."""
    refs = []
    for item in [e, *(others or [])]:
        where = item.source_file or "entered by hand"
        if item.source_row is not None:
            where += f", row {item.source_row}"
        refs.append(f"{item.agency}: {where}" if item.agency else where)
    return "; ".join(dict.fromkeys(refs))


def event_text(e: Entry, limit: int = 400) -> str:
    """The event in a few words: the summary, or the start of the text, cut at a sentence."""
    summary, full = e.summary.strip(), e.text.strip()
    text = summary or full
    if summary.endswith(("\u2026", "...")) and full.startswith(summary.rstrip(".\u2026")[:40]):
        text = full  # the importer shortened the summary: the full wording reads better
    if len(text) > limit:
        cut = text.rfind(". ", 0, limit)
        if cut > limit // 2:
            text = text[: cut + 1]
        else:
            text = text[: text.rfind(" ", 0, limit - 1) if " " in text[:limit] else limit - 1]
            text = text.rstrip(" ,;:") + "\u2026"
    if e.status == EntryStatus.CANCELLED:
        text = f"(Cancelled) {text}"
    return text


def group_duplicates(entries: list[Entry]) -> list[tuple[Entry, list[Entry]]]:
    """Each event once: an entry with the other records of the same event beside it."""
    by_root: dict[int, list[Entry]] = {}
    order: list[int] = []
    for e in entries:
        root = e.duplicate_of or e.id or 0
        if root not in by_root:
            by_root[root] = []
            order.append(root)
        by_root[root].append(e)
    out = []
    for root in order:
        group = sorted(by_root[root], key=lambda x: (x.id != root, x.id or 0))
        out.append((group[0], group[1:]))
    return out


def court_heading(ctx: ExportContext) -> list[Heading | Paragraph]:
    """The heading of a family court document: court, case number, the Act, the children."""
    case = ctx.case
    court = case.court.strip()
    if court.lower().startswith("the "):
        court = court[4:]
    lines: list[Heading | Paragraph] = []
    if court:
        lines.append(Heading(f"IN THE {court.upper()}", level=0, align="centre"))
    if case.court_case_number.strip():
        lines.append(Paragraph.of(f"Case No: {case.court_case_number.strip()}", align="centre"))
    lines.append(
        Paragraph([Run("IN THE MATTER OF THE CHILDREN ACT 1989", bold=True)], align="centre")
    )
    children = "; ".join(
        f"{c.name} (born {uk_date(c.dob)})" if c.dob else c.name for c in case.children
    )
    lines.append(
        Paragraph([Run("AND IN THE MATTER OF ", bold=True), Run(children)], align="centre")
    )
    return lines


def span_words(first: dt.date, last: dt.date) -> str:
    """ "2 years and 7 months" between two dates."""
    months = (last.year - first.year) * 12 + last.month - first.month
    if last.day < first.day:
        months -= 1
    months = max(months, 0)
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months or not years:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " and ".join(parts)


def _and(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}"


def involvement_paragraph(
    entries: list[Entry],
    case: Case,
    recorded_by: Callable[[Entry], tuple[str, str]] | None = None,
) -> str:
    """A short opening summary of the length of involvement, from the whole chronology.

    ``recorded_by`` says who recorded an entry: ("agency", its name as the worker gave it),
    ("document", "A. Worker's chronology") or ("person", a name); people are not agencies.
    """
    live = [e for e in entries if e.status != EntryStatus.WITHDRAWN and e.duplicate_of is None]
    if not live:
        return "The chronology holds no entries yet."
    first = dt.date.fromisoformat(min(e.date for e in live))
    last = dt.date.fromisoformat(max(e.date for e in live))
    who = recorded_by or (lambda e: ("agency", e.agency))
    found: dict[str, set[str]] = {"agency": set(), "document": set(), "person": set()}
    for e in live:
        kind, name = who(e)
        if name:
            found[kind].add(name)
    names = _and(sorted(found["agency"])) or "the records imported"
    if found["document"]:
        names += f", and {_and(sorted(found['document']))},"
    return (
        f"The records of {names} cover {span_words(first, last)}, from {uk_date(first)} to "
        f"{uk_date(last)}, and hold {len(live)} events about {case.child_names}. "
        f"The case is open as {case.legal_status}."
    )


def endorsement(ctx: ExportContext) -> str:
    """The line on every page: case number and the witness's initials."""
    number = ctx.case.court_case_number.strip() or ctx.case.ref
    return f"Case No: {number} | {ctx.witness_initials}"
