"""Trip-wires: circumstances that, when a new chronology entry matches them, ask for a review.

How a phrase matches (the same in the workspace and on entries held in memory):

* on **whole words**, ignoring case: "contact" matches "Contact", "contact." and "contact centre"
  but not "contacted", "recontact" or "contactless" (no stemming: a worker who wants "contacted"
  adds it as a phrase); only a plain plural of the last word ("-s"/"-es") also matches, so
  "hearing" finds "hearings" and "court order" "court orders";
* **phrase-aware**: the words must come next to each other and in order; the spaces or
  punctuation between them do not matter ("self-harm" matches "self harm");
* over the entry's summary and text;
* **not in another sense**: a phrase found inside a longer expression that means something else
  (:data:`OTHER_SENSES`) does not count: a "hearing aid" or "hearing test" is not a court
  hearing, "contact details" and "eye contact" are not contact with a parent, "in order to" is
  not an order, a "food court" not a court. A worker's own phrase that is itself such an
  expression ("hearing aid") still matches it.

A denial is not an exception: "denies a new partner" or "no contact this week" still trips the
risk, because a denial or a missed contact is often the change a reviewer needs to see.

An entry-type trip-wire matches entries of that type (e.g. "court hearing or order").

A risk's trip-wires are its own phrases and entry types when the worker chose any; otherwise the
defaults of its category (:data:`DEFAULT_PHRASES`, :data:`DEFAULT_TYPES`), or :data:`GENERAL_*`
when it has no known category. Only **active** entries dated after the last review count
("after": strictly after the review day, an entry on the day itself counts as seen by the
review; a fuzzy date counts when any part of its period falls after it, so "November 2024" trips
a risk reviewed on 15/11/2024). An event recorded by several agencies counts once, named by its
duplicate cluster's first record (the wording of any member may match).

In a workspace the phrases run as one full-text query over the search index that the import
keeps (a scan of 100,000 entries' text in Python would not fit the one-second budget); on
entries in memory one compiled regular expression per risk does the same job.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from chronology.models import Entry, EntryStatus, EntryType
from chronology.workspace import Workspace
from summary.dates import entry_when, parse_iso, uk
from summary.risks import Review, Risk, RiskStatus, review_due

DEFAULT_PHRASES: dict[str, tuple[str, ...]] = {
    "conditional threat": (
        "unsupported contact",
        "unsupervised contact",
        "overnight contact",
        "contact",
        "court order",
        "child arrangements order",
        "hearing",
        "final hearing",
        "moved house",
        "new partner",
        "hospital admission",
        "stopped medication",
        "overdose",
        "eviction",
        "refused",
        "self-harm",
        "suicidal",
        "crisis",
        "bereavement",
        "arrested",
    ),
    "domestic abuse": (
        "domestic abuse",
        "domestic incident",
        "assault",
        "non-molestation",
        "breach",
        "arrested",
        "released",
        "bail",
        "new partner",
        "moved back",
        "reconciled",
        "harassment",
        "unsupported contact",
        "contact",
        "injury",
        "pregnant",
    ),
    "parental mental health": (
        "stopped medication",
        "overdose",
        "self-harm",
        "suicidal",
        "hospital admission",
        "sectioned",
        "crisis team",
        "crisis",
        "relapse",
        "bereavement",
        "discharged",
        "eviction",
        "refused",
    ),
    "neglect": (
        "was not brought",
        "missed appointment",
        "eviction",
        "arrears",
        "no food",
        "home conditions",
        "weight loss",
        "faltering growth",
        "unkempt",
        "unsafe",
        "moved house",
        "refused",
    ),
    "developmental needs": (
        "was not brought",
        "missed appointment",
        "regression",
        "weight loss",
        "faltering growth",
        "hospital admission",
        "seizure",
        "diagnosis",
        "discharged",
        "refused",
        "waiting list",
    ),
}
DEFAULT_TYPES: dict[str, tuple[str, ...]] = {
    "conditional threat": (EntryType.COURT.value,),
    "domestic abuse": (EntryType.INCIDENT.value,),
    "parental mental health": (),
    "neglect": (EntryType.WAS_NOT_BROUGHT.value,),
    "developmental needs": (EntryType.WAS_NOT_BROUGHT.value,),
}
GENERAL_PHRASES: tuple[str, ...] = (
    "court order",
    "final hearing",
    "moved house",
    "new partner",
    "hospital admission",
    "eviction",
    "arrested",
)
GENERAL_TYPES: tuple[str, ...] = (EntryType.COURT.value,)

# Longer expressions in which a trip-wire's words mean something else (see the module's text).
OTHER_SENSES: tuple[str, ...] = (
    "hearing aid",
    "hearing aids",
    "hearing test",
    "hearing tests",
    "hearing loss",
    "hearing impaired",
    "hearing impairment",
    "hearing screen",
    "hearing screening",
    "hearing check",
    "hard of hearing",
    "contact details",
    "contact number",
    "contact numbers",
    "contact information",
    "contact info",
    "contact lens",
    "contact lenses",
    "eye contact",
    "point of contact",
    "skin to skin contact",
    "food court",
    "tennis court",
    "in order to",
    "out of order",
    "data breach",
)

# How many tripping entries the reasons spell out (all of them are in ``tripped_by``).
REASONS_SHOWN = 5
_QUOTE_SIDE = 40
_TOKEN = re.compile(r"[^\W_]+")


def phrase_words(phrase: str) -> list[str]:
    """The words of a phrase, as matching sees them."""
    return _TOKEN.findall(phrase.casefold())


def _plural(word: str) -> str:
    return "es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s"


def _phrase_pattern(phrase: str) -> str:
    words = [re.escape(w) for w in phrase_words(phrase)]
    last = phrase_words(phrase)[-1]
    words[-1] += f"(?:{_plural(last)})?"
    return r"(?<![^\W_])" + r"[\W_]+".join(words) + r"(?![^\W_])"


_OTHER_SENSES = re.compile(
    "|".join(f"(?:{_phrase_pattern(p)})" for p in OTHER_SENSES), re.IGNORECASE
)


def _other_sense(text: str, m: re.Match[str]) -> bool:
    """Is the match part of a longer expression with another meaning ("hearing aid")?"""
    lo = max(0, m.start() - 40)
    for other in _OTHER_SENSES.finditer(text, lo, m.end() + 40):
        if other.start() <= m.start() and m.end() <= other.end() and other.span() != m.span():
            return True
    return False


@dataclass
class Tripwires:
    """The effective trip-wires of one risk: phrases and entry types, compiled once."""

    phrases: tuple[str, ...] = ()
    types: frozenset[str] = frozenset()
    regex: re.Pattern[str] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, phrases: Iterable[str], types: Iterable[str]) -> Tripwires:
        kept = tuple(p for p in phrases if phrase_words(p))
        # Longest first, so the quote shows "unsupported contact" rather than "contact".
        ordered = sorted(kept, key=lambda p: -len(phrase_words(p)))
        regex = (
            re.compile("|".join(f"({_phrase_pattern(p)})" for p in ordered), re.IGNORECASE)
            if ordered
            else None
        )
        return cls(tuple(ordered), frozenset(types), regex)

    @property
    def empty(self) -> bool:
        return not self.phrases and not self.types

    def find(self, text: str) -> tuple[str, re.Match[str]] | None:
        """The first phrase found in a text (not in another sense), with its match, or None."""
        if self.regex is None:
            return None
        for m in self.regex.finditer(text):
            if m.lastindex is not None and not _other_sense(text, m):
                return self.phrases[m.lastindex - 1], m
        return None

    def matches(self, entry: Entry) -> str | None:
        """What an entry trips ('phrase …' or 'entry type …'), or None."""
        if entry.type.value in self.types:
            return f"entry type: {entry.type.value}"
        for text in (entry.summary, entry.text):
            found = self.find(text or "")
            if found:
                return found[0]
        return None

    def fts_query(self) -> str:
        """The phrases as one FTS5 query (each quoted, plural of the last word included)."""
        parts: list[str] = []
        for p in self.phrases:
            words = phrase_words(p)
            parts.append('"' + " ".join(words) + '"')
            parts.append('"' + " ".join([*words[:-1], words[-1] + _plural(words[-1])]) + '"')
        return " OR ".join(parts)


def tripwires_for(risk: Risk) -> Tripwires:
    """The trip-wires a risk uses: its own, else its category's defaults."""
    if risk.has_own_triggers:
        return Tripwires.build(risk.phrases, risk.entry_types)
    category = risk.category.strip().lower()
    if category in DEFAULT_PHRASES:
        return Tripwires.build(DEFAULT_PHRASES[category], DEFAULT_TYPES.get(category, ()))
    return Tripwires.build(GENERAL_PHRASES, GENERAL_TYPES)


@dataclass
class Trip:
    """One entry that tripped a risk (the duplicate cluster's first record)."""

    entry_id: int
    date: str
    time: str | None
    # The details below are filled in for the trips a reason spells out.
    date_end: str | None = None
    precision: str = "day"
    approximate: bool = False
    type: str = ""
    agency: str = ""
    summary: str = ""
    matched: str = ""  # the phrase, or 'entry type: …'
    quote: str = ""  # the words around the phrase

    @property
    def when(self) -> str:
        return entry_when(self.date, self.time, self.precision, self.approximate)

    def reason(self) -> str:
        """'circumstances changed: 19/11/2024 court hearing or order — '…unsupported contact…''."""
        label = self.type if self.type != EntryType.OTHER.value else f"{self.agency} record"
        detail = f"'{self.quote}'" if self.quote else _short(self.summary)
        return f"circumstances changed: {self.when} {label} — {detail}"


@dataclass
class RiskState:
    """What a risk needs now: review overdue, circumstances changed, and why."""

    risk_id: int
    last_review: Review | None
    since: dt.date  # trip-wires count entries dated after this day
    review_due: dt.date
    overdue: bool
    trips: list[Trip] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return self.overdue or bool(self.trips)

    @property
    def tripped_by(self) -> list[int]:
        return [t.entry_id for t in self.trips]


def review_baseline(risk: Risk) -> dt.date:
    """The day trip-wires start counting from: the last review, else when the risk was recorded."""
    return parse_iso(risk.last_review.date if risk.last_review else risk.identified_on)


def assess(risk: Risk, today: dt.date, trips: list[Trip]) -> RiskState:
    """A risk's state on ``today`` given the entries that tripped it (pure)."""
    due = review_due(risk)
    open_ = risk.status != RiskStatus.CLOSED
    overdue = open_ and today > due
    trips = trips if open_ else []
    reasons: list[str] = []
    if overdue:
        if risk.last_review is None:
            reasons.append(
                f"never reviewed since it was recorded on {uk(risk.identified_on)}: "
                f"review overdue since {uk(due)}"
            )
        else:
            reasons.append(f"review overdue since {uk(due)}")
    shown = trips
    if len(trips) > REASONS_SHOWN:
        shown = [*trips[:2], *trips[-2:]]
    for i, trip in enumerate(shown):
        if len(trips) > REASONS_SHOWN and i == 2:
            reasons.append(
                f"circumstances changed: {len(trips) - 4} more entries since the last review "
                "match a trip-wire"
            )
        reasons.append(trip.reason())
    return RiskState(
        risk.id or 0, risk.last_review, review_baseline(risk), due, overdue, trips, reasons
    )


# ---------------------------------------------------------------- in memory
def trips_in_entries(
    risk: Risk, entries: Iterable[Entry], wires: Tripwires | None = None
) -> list[Trip]:
    """Entries (held in memory) that trip a risk, cluster roots only, in date order (pure)."""
    wires = wires or tripwires_for(risk)
    baseline = review_baseline(risk)
    since = baseline.isoformat()
    lower = (baseline - dt.timedelta(days=LONGEST_PERIOD_DAYS)).isoformat()
    pool = list(entries)
    active = {e.id: e for e in pool if e.status == EntryStatus.ACTIVE}
    found: dict[int, Trip] = {}
    for e in sorted(active.values(), key=lambda x: (x.date, x.time or "", x.id or 0)):
        if (e.date_end or e.date) <= since or e.date <= lower:
            continue
        matched = wires.matches(e)
        if matched is None:
            continue
        root = active.get(e.duplicate_of) if e.duplicate_of else None
        head = root or e
        if head.id in found:
            continue
        found[head.id or 0] = _trip(head, matched, _quote(wires, e))
    return sorted(found.values(), key=lambda t: (t.date, t.time or "", t.entry_id))


def _trip(e: Entry, matched: str, quote: str) -> Trip:
    return Trip(
        e.id or 0,
        e.date,
        e.time,
        e.date_end,
        e.precision.value,
        e.approximate,
        e.type.value,
        e.agency,
        e.summary,
        matched,
        quote,
    )


# ---------------------------------------------------------------- in a workspace
_TRIP_COLUMNS = "e.id, e.duplicate_of, e.date, e.time"
_CHECK_COLUMNS = "e.type, e.summary, e.text"
# Entries starting more than this long before the review are never "after" it (a year-precise
# date spans 365 days); the bound lets the date index narrow the search.
LONGEST_PERIOD_DAYS = 366


def trips_in_workspace(ws: Workspace, risk: Risk, wires: Tripwires | None = None) -> list[Trip]:
    """Entries in the workspace that trip a risk, cluster roots only, in date order."""
    wires = wires or tripwires_for(risk)
    if risk.status == RiskStatus.CLOSED or wires.empty:
        return []
    baseline = review_baseline(risk)
    lower = (baseline - dt.timedelta(days=LONGEST_PERIOD_DAYS)).isoformat()
    tests: list[str] = []
    params: list[object] = [risk.case_id, lower, baseline.isoformat()]
    if wires.types:
        tests.append(f"e.type IN ({','.join('?' * len(wires.types))})")
        params.extend(sorted(wires.types))
    if wires.phrases:
        tests.append("e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)")
        # What happened (summary and text), not a source's other columns (a place name).
        params.append("{summary text} : (" + wires.fts_query() + ")")
    found_rows = ws.conn.execute(
        f"SELECT {_TRIP_COLUMNS}, {_CHECK_COLUMNS} FROM entries e WHERE e.case_id=? "
        f"AND e.date > ? AND e.status='active' AND COALESCE(e.date_end, e.date) > ? "
        f"AND ({' OR '.join(tests)})",
        params,
    ).fetchall()
    # The index finds the words; whether they are meant in another sense is read here.
    rows = [
        r[:4]
        for r in found_rows
        if r[4] in wires.types or wires.find(r[5] or "") or wires.find(r[6] or "")
    ]
    roots = _active_rows(ws, {r[1] for r in rows if r[1] is not None})
    found: dict[int, tuple] = {}
    member: dict[int, int] = {}  # cluster root -> the entry that matched
    for row in rows:
        head = roots.get(row[1], row) if row[1] is not None else row
        if head[0] not in found or row[0] == head[0]:
            found[head[0]] = head
            member[head[0]] = row[0]
    trips = [
        Trip(r[0], r[2], r[3])
        for r in sorted(found.values(), key=lambda r: (r[2], r[3] or "", r[0]))
    ]
    _explain(ws, wires, trips, member)
    return trips


def _active_rows(ws: Workspace, ids: set[int]) -> dict[int, tuple]:
    if not ids:
        return {}
    out: dict[int, tuple] = {}
    listed = sorted(ids)
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        for row in ws.conn.execute(
            f"SELECT {_TRIP_COLUMNS} FROM entries e WHERE e.status='active' "
            f"AND e.id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            out[row[0]] = row
    return out


def _explain(ws: Workspace, wires: Tripwires, trips: list[Trip], member: dict[int, int]) -> None:
    """Fill in what matched, and a quote, for the trips the reasons will show."""
    shown = trips if len(trips) <= REASONS_SHOWN else [*trips[:2], *trips[-2:]]
    for trip in shown:
        head = ws.conn.execute(
            "SELECT date_end, precision, approximate, type, agency, summary FROM entries "
            "WHERE id=?",
            (trip.entry_id,),
        ).fetchone()
        source = ws.conn.execute(
            "SELECT summary, text, type FROM entries WHERE id=?",
            (member.get(trip.entry_id, trip.entry_id),),
        ).fetchone()
        if head is None or source is None:
            continue
        (trip.date_end, trip.precision, approximate, trip.type, trip.agency, trip.summary) = head
        trip.approximate = bool(approximate)
        summary, text, type_ = source
        for part in (summary, text):
            found = wires.find(part or "")
            if found:
                trip.matched = found[0]
                trip.quote = _quote_at(part, found[1])
                break
        else:
            if type_ in wires.types:
                trip.matched = f"entry type: {type_}"


def _quote(wires: Tripwires, e: Entry) -> str:
    for part in (e.summary, e.text):
        found = wires.find(part or "")
        if found:
            return _quote_at(part, found[1])
    return ""


def _quote_at(text: str, m: re.Match[str]) -> str:
    """The words around a match on one line: '…spend unsupported contact on alternate…'."""
    start = max(0, m.start() - _QUOTE_SIDE)
    end = min(len(text), m.end() + _QUOTE_SIDE)
    if start > 0:
        space = text.find(" ", start, m.start())
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", m.end(), end)
        end = space if space != -1 else end
    body = " ".join(text[start:end].split())
    return f"{'…' if start > 0 else ''}{body}{'…' if end < len(text) else ''}"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def risk_states(ws: Workspace, risks: list[Risk], today: dt.date) -> dict[int, RiskState]:
    """Every risk's state on ``today`` (closed risks need nothing)."""
    return {r.id or 0: assess(r, today, trips_in_workspace(ws, r)) for r in risks}
