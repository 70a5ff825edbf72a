"""Which column feeds which entry field, read from the values first and the header second.

Each column is scored for each field by what it holds (``column_content``) and by how its header
names the field (``mapping.header_score``). The date, the time and the text are never taken on a
header alone: a column is the time only if its values are times, the text is the column of long
varied prose. Every choice carries a confidence and its reasons; when two columns could be the
date or the text and nothing tells them apart, the proposal holds a question for the worker
instead of a guess (the command line stops and names the columns; the wizard asks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from chronology.importers.column_content import ColumnContent, profile_columns
from chronology.importers.mapping import (
    MappingProfile,
    detect_mapping,
    header_score,
    is_date_header,
    is_excluded_date_header,
    normalise_header,
)

SURE = 0.75  # at or above: shown as sure
MAP_AT = 0.5  # below this a field is not filled: the column stays in the details
ASKED = ("date", "text")  # fields whose doubt stops an import until the worker chooses
# A field's weight on content against header; fields a header must name are marked.
_CONTENT, _HEADER = 0.7, 0.3
_NEEDS_HEADER = frozenset({"summary", "agency", "author", "location"})
_ORDER = (
    "date",
    "text",
    "time",
    "end",
    "person",
    "reference",
    "type",
    "outcome",
    "author",
    "summary",
    "agency",
    "location",
)
# Headers of columns that say when a record was written, not when the event ended.
_RECORDING_WORDS = frozenset(
    ("recorded", "entered", "created", "logged", "input", "typed", "written", "updated")
    + ("modified", "amended", "saved", "authorised", "approved", "signed", "completed")
    # dates of what comes next, not of when this ended
    + ("review", "due", "next", "planned", "target", "deadline", "booked", "follow", "expected")
)


@dataclass
class FieldChoice:
    """One field's column, how sure the mapper is (0 to 1) and why."""

    field: str
    column: str
    confidence: float
    reasons: list[str] = field(default_factory=list)

    @property
    def level(self) -> str:
        if self.confidence >= SURE:
            return "sure"
        return "likely" if self.confidence >= MAP_AT else "unsure"


@dataclass
class Question:
    """A choice the worker must make: which of these columns is the field."""

    field: str
    candidates: list[str]
    descriptions: list[str]

    def message(self) -> str:
        shown = " or ".join(
            f"'{c}' ({d})" for c, d in zip(self.candidates, self.descriptions, strict=True)
        )
        what = "the date of each record" if self.field == "date" else f"the {self.field}"
        return f"not sure which column is {what}: {shown}"


@dataclass
class MappingProposal:
    """Header -> field for every column, with a FieldChoice per mapped field and any questions."""

    columns: dict[str, str]
    choices: dict[str, FieldChoice] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    contents: dict[str, ColumnContent] = field(default_factory=dict)

    def column_of(self, fld: str) -> str | None:
        choice = self.choices.get(fld)
        return choice.column if choice else None

    def refusal(self) -> str | None:
        """The one-line message that stops an import, or None when it may go ahead."""
        if self.questions:
            first = self.questions[0]
            fields = " ".join(f"--map {q.field}=COLUMN" for q in self.questions)
            return f"{first.message()}; choose with {fields} (or a saved profile: --profile NAME)"
        if "date" not in self.choices:
            return self._no_date_message()
        return None

    def _no_date_message(self) -> str:
        excluded = [
            f"'{c}' ({content.describe()}) names another date"
            for c, content in self.contents.items()
            if content.dates >= 0.5 and is_excluded_date_header(c)
        ]
        names = [f"'{c}'" for c in self.columns]
        shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
        why = f"; {'; '.join(excluded[:2])}" if excluded else ""
        return (
            f"no column reads as the date of each record (columns: {shown or 'none'}){why}; "
            "choose the date column with --map date=COLUMN"
        )

    def to_json(self) -> dict[str, Any]:
        """The mapping as import --dry-run --json shows it."""
        return {
            "columns": dict(self.columns),
            "fields": {
                f: {
                    "column": c.column,
                    "confidence": round(c.confidence, 2),
                    "level": c.level,
                    "reasons": c.reasons,
                }
                for f, c in self.choices.items()
            },
            "questions": [
                {"field": q.field, "columns": q.candidates, "message": q.message()}
                for q in self.questions
            ],
            "notes": self.notes,
        }


def _fit(fld: str, c: ColumnContent, h: float, name: str) -> float:
    """How well a column's values suit a field (0: never), given its header's score ``h``."""
    if not c.filled:
        return 0.0
    if fld in _NEEDS_HEADER and h < 0.5:
        return 0.0
    prose_like = c.prose >= 0.5 or c.mean_words > 8
    if fld == "date":
        if c.dates < 0.5 or is_excluded_date_header(name) or header_score(name, "end") >= 0.5:
            return 0.0
        return c.dates * (0.6 if c.bare_years >= 0.8 else 1.0)
    if fld == "time":
        return c.times if c.times >= 0.6 else 0.0
    if fld == "end":
        share = max(c.dates, c.times)
        return share if share >= 0.5 and h >= 0.5 else 0.0
    if fld == "text":
        if c.structured >= 0.5:
            return 0.0
        return max(c.prose, 0.05 if h >= 0.5 else 0.0)
    if fld == "summary":
        return 0.6 if c.structured < 0.5 and c.mean_words <= 20 else 0.0
    if fld in ("type", "outcome"):
        known = c.types if fld == "type" else c.outcomes
        if c.structured >= 0.5 or prose_like:
            return 0.0
        if h >= 0.5:
            return 0.6 + 0.4 * known
        return known if known >= 0.6 and c.categorical else 0.0
    if fld == "agency":
        return 0.7 if c.structured < 0.5 and not prose_like else 0.0
    if fld == "author":
        return 0.5 + 0.5 * c.names if c.structured < 0.5 and not prose_like else 0.0
    if fld == "location":
        return 0.7 if c.dates < 0.5 and c.prose < 0.6 else 0.0
    if fld == "reference":
        if c.nhs_numbers >= 0.5 or c.dates >= 0.5:
            return 0.0
        if c.identifiers >= 0.6 and c.variety >= 0.5:
            return c.identifiers * min(1.0, c.variety / 0.9)
        return 0.6 if h >= 0.9 and c.identifiers >= 0.3 and c.variety >= 0.5 else 0.0
    if fld == "person":
        if c.nhs_numbers >= 0.8:
            return 1.0
        few = c.variety <= 0.3 or c.distinct <= 5
        # A header such as "Subject" or "Name" says little on its own: the values must read as
        # people (names, or identifiers such as a patient number), not as "Home visit".
        people_like = c.names >= 0.5 or c.identifiers >= 0.5
        if h >= 0.5 and few and people_like and c.prose < 0.3 and c.dates < 0.5:
            return 0.8
        return 0.0
    return 0.0


def _reasons(fld: str, c: ColumnContent, h: float) -> list[str]:
    out = [f"holds {c.describe()}"]
    if h >= 0.9:
        out.append(f"its header names the {fld}")
    elif h >= 0.5:
        out.append(f"its header mentions the {fld}")
    return out


def propose_mapping(
    columns: Sequence[str],
    sample: Sequence[Sequence[Any]] = (),
    profile: MappingProfile | None = None,
    chosen: dict[str, str] | None = None,
) -> MappingProposal:
    """The mapping of ``columns`` from their ``sample`` rows, a profile and the worker's choices.

    ``chosen`` is field -> column (``--map``); those and the profile's columns are kept as they
    are. Without sample rows the headers alone decide (the old behaviour, for previews of
    files that have not been read yet).
    """
    columns = list(columns)
    fixed: dict[str, FieldChoice] = {}
    mapping: dict[str, str] = {c: "extra" for c in columns}
    taken: set[str] = set()
    for fld, column in (chosen or {}).items():
        if fld.startswith("extra"):  # --map details=COLUMN: kept in the details
            mapping[column] = "extra"
        else:
            fixed[fld] = FieldChoice(fld, column, 1.0, ["chosen by the worker"])
            mapping[column] = fld
        taken.add(column)
    if profile is not None:
        wanted = {normalise_header(h): f for h, f in profile.columns.items()}
        for column in columns:
            fld = wanted.get(normalise_header(column))
            if fld is None or column in taken:
                continue
            if fld != "extra" and fld in fixed:
                continue
            mapping[column] = fld
            taken.add(column)
            if fld != "extra":
                fixed[fld] = FieldChoice(fld, column, 1.0, [f"mapping profile '{profile.name}'"])
    if not sample:
        return _from_headers(columns, mapping, fixed, taken, profile)
    contents = {c.name: c for c in profile_columns(columns, sample)}
    proposal = MappingProposal(mapping, dict(fixed), contents=contents)
    scores: dict[str, dict[str, tuple[float, float, float]]] = {f: {} for f in _ORDER}
    for column in columns:
        content = contents[column]
        for fld in _ORDER:
            h = header_score(column, fld)
            fit = _fit(fld, content, h, column)
            if fit > 0:
                scores[fld][column] = (_CONTENT * fit + _HEADER * h, fit, h)
    candidates = sorted(
        (
            (score, -_ORDER.index(fld), -contents[column].position, fld, column)
            for fld, by_column in scores.items()
            for column, (score, _fit_value, _h) in by_column.items()
        ),
        reverse=True,
    )
    for _score, _rank, _pos, fld, column in candidates:
        if fld in proposal.choices or column in taken:
            continue
        choice = _choose(fld, column, scores[fld], contents, proposal)
        if choice is None:
            continue
        proposal.choices[fld] = choice
        mapping[column] = fld
        taken.add(column)
    _end_by_content(proposal, sample, columns, taken)
    _note_left_in_details(proposal, scores)
    return proposal


def _choose(
    fld: str,
    column: str,
    by_column: dict[str, tuple[float, float, float]],
    contents: dict[str, ColumnContent],
    proposal: MappingProposal,
) -> FieldChoice | None:
    """A FieldChoice for ``column`` with its confidence, a question, or None (left in details)."""
    score, fit, h = by_column[column]
    content = contents[column]
    rivals = {
        c: v
        for c, v in by_column.items()
        if c != column and c not in {x.column for x in proposal.choices.values()}
    }
    reasons = _reasons(fld, content, h)
    if fld == "date":
        confidence = (0.95 if h >= 0.5 else 0.85) if not rivals else 0.0
        if rivals:
            best_rival_h = max(v[2] for v in rivals.values())
            if h >= 0.5 and h - best_rival_h >= 0.2:
                confidence = 0.8
                reasons.append("its header names the date and the other date columns' do not")
            else:
                _ask(proposal, fld, [column, *sorted(rivals, key=lambda c: -rivals[c][0])])
                return None
        elif h < 0.5:
            reasons.append("the only column holding dates")
        return FieldChoice(fld, column, confidence, reasons)
    if fld == "text":
        if not rivals:
            confidence = 0.9 if fit >= 0.3 or h >= 0.5 else 0.6
            return FieldChoice(fld, column, confidence, reasons)
        rival = max(rivals, key=lambda c: rivals[c][1])
        rival_fit, rival_h = rivals[rival][1], rivals[rival][2]
        rival_content = contents[rival]
        if fit >= 0.3 and fit >= 1.8 * rival_fit:
            reasons.append(f"its text is much longer than '{rival}' ({rival_content.describe()})")
            return FieldChoice(fld, column, 0.9, reasons)
        if h - rival_h >= 0.3:
            reasons.append(f"its header names the text and '{rival}''s does not")
            return FieldChoice(fld, column, 0.75, reasons)
        if fit < 0.3 and rival_fit < 0.3:
            return FieldChoice(fld, column, 0.55, [*reasons, "no column holds long text"])
        _ask(proposal, fld, [column, *sorted(rivals, key=lambda c: -rivals[c][1])][:3])
        return None
    confidence = min(1.0, score)
    close = [c for c, v in rivals.items() if v[0] >= 0.9 * score]
    if close:
        confidence *= 0.6
        reasons.append(f"'{close[0]}' could be the {fld} too")
    if confidence < MAP_AT:
        proposal.notes.append(
            f"not sure that '{column}' is the {fld} ({content.describe()}): kept in the details"
        )
        return None
    return FieldChoice(fld, column, confidence, reasons)


def _ask(proposal: MappingProposal, fld: str, candidates: list[str]) -> None:
    descriptions = [proposal.contents[c].describe() for c in candidates]
    proposal.questions.append(Question(fld, candidates, descriptions))


def _end_by_content(
    proposal: MappingProposal, sample: Sequence[Sequence[Any]], columns: list[str], taken: set[str]
) -> None:
    """A second date column whose header says nothing and whose dates never come before the
    record's date (STOP, 'To') is the end; one named for when it was recorded is not."""
    date_column = proposal.column_of("date")
    if date_column is None or "end" in proposal.choices:
        return
    from chronology.dates import UnreadableDate, parse_date

    start_index = columns.index(date_column)
    for column in columns:
        content = proposal.contents[column]
        words = set(normalise_header(column).split())
        if (
            column in taken
            or content.dates < 0.8
            or words & _RECORDING_WORDS
            or is_date_header(column)  # 'Review date', 'Date recorded': another date, not an end
            or is_excluded_date_header(column)
            and header_score(column, "end") < 0.5
        ):
            continue
        index = columns.index(column)
        later = same_or_later = both = 0
        for row in sample:
            a = row[start_index] if start_index < len(row) else None
            b = row[index] if index < len(row) else None
            if not a or not b:
                continue
            try:
                start = a if not isinstance(a, str) else parse_date(a, fallback=False).start
                end = b if not isinstance(b, str) else parse_date(b, fallback=False).start
            except (UnreadableDate, TypeError):
                continue
            start_day = getattr(start, "date", lambda s=start: s)()
            end_day = getattr(end, "date", lambda e=end: e)()
            both += 1
            if end_day >= start_day:
                same_or_later += 1
            if end_day > start_day or end != start:
                later += 1
        if both >= 2 and same_or_later == both and later:
            proposal.choices["end"] = FieldChoice(
                "end",
                column,
                0.6,
                [f"holds {content.describe()}", f"never before '{date_column}' on the same row"],
            )
            proposal.columns[column] = "end"
            taken.add(column)
            return


def _note_left_in_details(
    proposal: MappingProposal, scores: dict[str, dict[str, tuple[float, float, float]]]
) -> None:
    """Say why a column whose header names a field was not used for it."""
    for column, fld in proposal.columns.items():
        if fld != "extra":
            continue
        for wanted in ("time", "text", "date"):
            if header_score(column, wanted) >= 0.9 and column not in scores[wanted]:
                content = proposal.contents[column]
                proposal.notes.append(
                    f"'{column}' is not read as the {wanted}: it holds {content.describe()} "
                    "(kept in the details)"
                )
                break


def _from_headers(
    columns: list[str],
    mapping: dict[str, str],
    fixed: dict[str, FieldChoice],
    taken: set[str],
    profile: MappingProfile | None,
) -> MappingProposal:
    """Headers only, when there are no values to look at."""
    by_header = detect_mapping([c for c in columns if c not in taken])
    proposal = MappingProposal(mapping, dict(fixed))
    for column, fld in by_header.items():
        if fld == "extra" or fld in proposal.choices:
            continue
        mapping[column] = fld
        confidence = 0.8 if header_score(column, fld) >= 0.9 else 0.6
        proposal.choices[fld] = FieldChoice(fld, column, confidence, ["from its header only"])
    return proposal


__all__ = ["FieldChoice", "MappingProposal", "Question", "propose_mapping"]
