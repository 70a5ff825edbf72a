"""Finding the same event recorded by two agencies: same day, close times, similar words."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from chronology.models import Entry, EntryStatus, Precision

# Times further apart than this are different events, however alike the words.
MAX_MINUTES_APART = 45
# Score needed to link (see score()); tuned on the fictional corpus's pairs and near misses.
LINK_THRESHOLD = 55.0

_STOP = frozenset(
    {
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "had",
        "have",
        "he",
        "she",
        "they",
        "it",
        "his",
        "her",
        "their",
        "this",
        "that",
        "as",
        "not",
        "no",
        "but",
        "or",
        "so",
        "we",
        "i",
        "me",
        "my",
        "our",
        "us",
        "said",
        "about",
        "after",
        "before",
        "during",
        "over",
        "into",
        "up",
        "out",
        "all",
        "any",
    }
)
_WORD = re.compile(r"[a-z0-9']+")
_ROLE = re.compile(r"\(.*?\)")
_TITLES = frozenset(
    {
        "dr",
        "mr",
        "mrs",
        "ms",
        "miss",
        "pc",
        "ps",
        "dc",
        "sgt",
        "officer",
        "nurse",
        "team",
    }
)
# Entry types that name one particular event: the same one on the same day is very likely one.
_EVENT_TYPES = frozenset(
    {
        "home visit",
        "child in need meeting",
        "core group",
        "strategy discussion",
        "child protection conference",
        "court hearing or order",
        "incident",
        "referral",
    }
)
_JOINT = re.compile(
    r"\b(joint(ly)?|together with|with (the )?(social worker|health visitor|"
    r"police|officers?|paediatrician|nursery|school))\b"
)


_COMMON_FIRST = frozenset(
    {
        "sarah",
        "hannah",
        "mark",
        "john",
        "james",
        "david",
        "paul",
        "emma",
        "laura",
        "claire",
    }
)


@dataclass(frozen=True)
class Candidate:
    """What duplicate finding needs of an entry, cheap to build from a row."""

    ref: int  # index in the new batch, or the entry id of an existing entry
    date: str
    minutes: int | None
    agency: str
    source_file: str
    type: str
    words: str
    joint: bool
    names: frozenset[str] = frozenset()  # the author's names, to spot one record naming another

    @classmethod
    def of(cls, ref: int, e: Entry) -> Candidate:
        return cls.from_fields(
            ref,
            e.date,
            e.time,
            e.agency,
            e.source_file,
            e.type.value,
            f"{e.summary} {e.text}",
            e.author,
        )

    @classmethod
    def from_fields(
        cls,
        ref: int,
        date: str,
        time: str | None,
        agency: str,
        source_file: str,
        type_: str,
        text: str,
        author: str = "",
    ) -> Candidate:
        lowered = text.lower()[:2000]
        words = " ".join(w for w in _WORD.findall(lowered) if w not in _STOP)
        minutes = int(time[:2]) * 60 + int(time[3:5]) if time else None
        # "Sarah Quinlan (Specialist Health Visitor)" -> {"sarah", "quinlan"}; roles dropped.
        names = frozenset(
            w
            for w in _WORD.findall(_ROLE.sub("", author).lower())
            if len(w) > 2 and not w.isdigit() and w not in _STOP and w not in _TITLES
        )
        return cls(
            ref,
            date,
            minutes,
            agency,
            source_file,
            type_,
            words,
            bool(_JOINT.search(lowered)),
            names,
        )


def score(a: Candidate, b: Candidate, at_least: float = 0.0) -> float:
    """How likely two same-day records from different sources are one event (0-100+).

    A pair scoring ``at_least`` or more gets its exact score; one that cannot reach it may get a
    lower one (never a higher one), because the costly partial match is then cut short.
    """
    if a.minutes is not None and b.minutes is not None:
        apart = abs(a.minutes - b.minutes)
        if apart > MAX_MINUTES_APART:
            return 0.0
        time_bonus = 15.0 if apart <= 5 else 10.0 if apart <= 20 else 3.0
    else:
        time_bonus = 0.0
    token = fuzz.token_set_ratio(a.words, b.words)
    if a.type == b.type:
        type_bonus = 20.0 if a.type in _EVENT_TYPES else 5.0 if a.type != "other" else 0.0
    else:
        type_bonus = 0.0
    joint_bonus = 15.0 if a.joint and b.joint else 5.0 if a.joint or b.joint else 0.0
    # One agency's record naming the other's worker ("call from Sarah Quinlan (HV)").
    named = _names_in(a.names, b.words) or _names_in(b.names, a.words)
    named_bonus = 20.0 if named else 0.0
    # The partial match (0-100) adds a fifth of itself: what it must reach for the pair to score
    # at_least, less a margin for rounding (rapidfuzz returns 0 below its cutoff).
    need = (at_least - (token * 0.6 + time_bonus + type_bonus + joint_bonus + named_bonus)) / 0.2
    if need > 100.01:
        partial = 0.0  # cannot reach at_least
    elif need > 0.01:
        partial = fuzz.partial_ratio(a.words, b.words, score_cutoff=need - 0.01)
    else:
        partial = fuzz.partial_ratio(a.words, b.words)
    text = token * 0.6 + partial * 0.2
    return text + time_bonus + type_bonus + joint_bonus + named_bonus


def _names_in(names: frozenset[str], words: str) -> bool:
    """True when a worker's surname (their last name) appears among another record's words."""
    if not names:
        return False
    found = set(words.split())
    return len(names & found) >= min(2, len(names)) or any(
        len(n) > 3 and n in found for n in names if n not in _COMMON_FIRST
    )


def eligible(e: Entry) -> bool:
    """Only day-precise, active records can be linked: a fuzzy date is never 'the same day'."""
    return e.status == EntryStatus.ACTIVE and e.precision in (Precision.DATETIME, Precision.DAY)


def find_duplicates(new: Sequence[Candidate], existing: Iterable[Candidate]) -> dict[int, int]:
    """Map each new candidate's ref to the existing entry id it duplicates (best match only).

    Records from the same source file are never linked: within one export, same-day records
    are distinct events.
    """
    by_day: dict[str, list[Candidate]] = defaultdict(list)
    for c in existing:
        by_day[c.date].append(c)
    links: dict[int, int] = {}
    taken: set[int] = set()
    for c in new:
        best, best_score = None, LINK_THRESHOLD
        for other in by_day.get(c.date, ()):
            if other.source_file == c.source_file or other.ref in taken:
                continue
            s = score(c, other, best_score)
            if s >= best_score:
                best, best_score = other, s
        if best is not None:
            links[c.ref] = best.ref
            taken.add(best.ref)
    return links
