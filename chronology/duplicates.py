"""Finding the same event recorded twice: linked only when near certain, else asked of a person.

Every pair of records from different imports that fall on the same day (within a few days when
either date is approximate) is measured on:

* **time**: minutes apart, from the times recorded, or from a time written in the words of a
  date-only record ("at about 2.30pm", "in the afternoon": give or take that much);
* **words**: the share of content words in common (after normalisation, see
  :mod:`chronology.duplicate_words`), of the shorter record and of both;
* **types**: the same entry type, compatible ones (one says "other", or both are kinds of
  appointment, meeting or incident), or different kinds of contact;
* **safeguarding content**: a threat, a disclosure, an injury, a weapon or one of the case's
  trip-wire phrases that one record has and the other lacks.

Three outcomes:

* **linked automatically** only when near certain, and never when one record has safeguarding
  content the other lacks: the same agency's own reference for the record (an updated export of
  the same record) on the same day; or compatible types, both timed at most
  :data:`AUTO_MINUTES` apart on the same day, near-identical wording (:data:`AUTO_WORDS` of the
  words of both shared, at least :data:`AUTO_MIN_WORDS` each, a name, place or number in
  common: a stock phrase names nobody). (The same source record imported again is recognised
  before this, by its identity, and counted as already imported.)
* **a possible duplicate** for the worker: at most :data:`MAX_APART` minutes apart (or time
  unknown), and either :data:`QUEUE_WORDS` of the shorter record's words shared, or compatible
  types and at most :data:`CLOSE_MINUTES` apart, or compatible types, no time to compare and
  :data:`QUEUE_WORDS_NO_TIME` of the words shared;
* otherwise **different events**.

The thresholds were chosen from precision and recall measured on generated cases
(``benchmarks/bench_duplicates.py``, where the sweep and its figures are written down), not on
any particular case: at the values below, 16 generated cases (622 true pairs, 746 near misses)
give 0 near misses linked automatically and 96.9 % of true pairs linked or queued; 40 other
cases (1,724 true pairs, 1,978 near misses) 0 and 97.4 %.

Candidate pairs are found by date blocks and measured many blocks at once
(:mod:`chronology.duplicate_search`), so a second import of a large file does not compare
everything with everything.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

import numpy as np

from chronology.duplicate_reasons import describe_pair
from chronology.duplicate_words import (
    GUARD_HINTS,
    TIME_HINTS,
    WordIds,
    specific_words,
)
from chronology.models import EntryType

# Linked without asking only at most this many minutes apart (both records timed).
AUTO_MINUTES = 5
# ... with at least this share of the words of both records in common (Dice coefficient) …
AUTO_WORDS = 0.9
# ... and at least this many content words each (short stock phrases prove nothing).
AUTO_MIN_WORDS = 5
# A pair further apart than this (minutes, after what the words allow) is different events.
MAX_APART = 240
# A pair goes to the worker when at least this share of the shorter record's words is shared …
QUEUE_WORDS = 0.2
# … or, with compatible types, when the two are at most this many minutes apart …
CLOSE_MINUTES = 45
NEAREST_ONLY = False  # … (not: each other's nearest record in time; measured, see bench_duplicates)
# … or, with compatible types and no time to compare, this share of the words is shared.
QUEUE_WORDS_NO_TIME = 0.1
# An approximate date may be this many days out.
APPROX_DAYS = 2
# A new record is offered to the worker with at most this many possible twins, best first.
MAX_PER_ENTRY = 4

_GROUPS: dict[str, str] = {
    EntryType.HOME_VISIT.value: "contact",
    EntryType.APPOINTMENT_ATTENDED.value: "contact",
    EntryType.WAS_NOT_BROUGHT.value: "contact",
    EntryType.CANCELLED.value: "contact",
    EntryType.TELEPHONE_CALL.value: "call",
    EntryType.CIN_MEETING.value: "meeting",
    EntryType.CORE_GROUP.value: "meeting",
    EntryType.STRATEGY_DISCUSSION.value: "meeting",
    EntryType.CP_CONFERENCE.value: "meeting",
    EntryType.COURT.value: "court",
    EntryType.REFERRAL.value: "incident",
    EntryType.INCIDENT.value: "incident",
    EntryType.DISCLOSURE.value: "incident",
    EntryType.ASSESSMENT.value: "assessment",
    EntryType.SUPERVISION.value: "supervision",
    EntryType.OTHER.value: "other",
}
_GROUP_IDS = {g: n for n, g in enumerate(sorted(set(_GROUPS.values())))}
# A strategy discussion is often a call; a referral often arrives by phone.
_ALSO = {("call", "meeting"), ("call", "incident")}
COMPATIBLE = np.zeros((len(_GROUP_IDS), len(_GROUP_IDS)), dtype=bool)
for _g, _n in _GROUP_IDS.items():
    for _h, _m in _GROUP_IDS.items():
        COMPATIBLE[_n, _m] = (
            _g == _h or "other" in (_g, _h) or (_g, _h) in _ALSO or (_h, _g) in _ALSO
        )


class Matcher:
    """What one matching run shares: the word numbers, and the case's trip-wire phrases."""

    def __init__(self, tripwires: re.Pattern[str] | None = None, phrases: str = "") -> None:
        self.words = WordIds()
        self.tripwires = tripwires
        # A text needs its slow safeguarding check only when it has one of these words.
        self.guard_hints = np.array(sorted(self.words.ids(f"{GUARD_HINTS} {phrases}")), np.int64)
        self.time_hints = np.array(sorted(self.words.ids(TIME_HINTS)), np.int64)
        self.days: dict[str, int] = {}  # ISO date -> day number

    def day(self, date: str) -> int:
        """A day's number (cached: a case has a few thousand days, not a few hundred thousand)."""
        found = self.days.get(date)
        if found is None:
            found = self.days[date] = dt.date.fromisoformat(date).toordinal()
        return found

    def specific(self, text: str) -> frozenset[int]:
        """A text's names, places and numbers, as word numbers."""
        return frozenset(self.words.ids(specific_words(text)))


def group_of(type_: str) -> int:
    """The kind of contact an entry type is, as a number (see COMPATIBLE)."""
    return _GROUP_IDS[_GROUPS.get(type_, "other")]


def reference_of(agency: str, source_ref: str) -> str:
    """The agency and its own reference for a record (log number, case note id…), or ''."""
    ref = source_ref.strip() if source_ref else ""
    return f"{agency.strip().lower()}\x1f{ref}" if ref else ""


class Record(NamedTuple):
    """One record as matching takes it in."""

    ref: int  # index in the new batch, or the id of an existing entry
    date: str  # ISO day
    time: str | None  # HH:MM
    approximate: bool
    agency: str
    type: str
    text: str
    key: str  # the record's stable identity, for remembered decisions
    root: int = 0  # an existing entry's duplicate cluster (0: itself)
    source_ref: str = ""  # the agency's own reference for the record


class Proposal(NamedTuple):
    """A pair matching found: linked automatically (``link``), or waiting for the worker."""

    new: int  # the new record's ref
    existing: int  # the existing entry's id
    root: int  # the existing entry's duplicate cluster: a link points there
    score: float  # 0-1, for ordering the queue
    days: int  # days apart
    minutes: int | None  # minutes apart (None: no time to compare)
    basis: str  # 'recorded' | 'words' | 'unknown for one' | 'unknown for both'
    shared: int  # content words in common
    share: float  # … as a share of the shorter record's
    types: str  # 'same' | 'compatible' | 'different'
    type_a: str  # the existing entry's type
    type_b: str  # the new record's type
    approximate: bool  # either date is approximate
    guard_diff: str  # safeguarding content only one has, in words ('' if none)
    link: str  # 'reference' | 'identical' | '' (not linked by itself)
    agency: str
    reference: str  # the agency's reference both records carry ('' if not the same)

    @property
    def auto(self) -> bool:
        return bool(self.link)

    @property
    def reasons(self) -> list[str]:
        return describe_pair(
            self.days, self.minutes, self.basis, self.shared, self.share, self.types,
            self.type_a, self.type_b, self.approximate, self.guard_diff, self.link,
            self.agency, self.reference,
        )  # fmt: skip


__all__ = ["Matcher", "Proposal", "Record", "describe_pair", "group_of", "reference_of"]
