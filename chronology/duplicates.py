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

* **linked automatically** only when near certain: the same agency's own reference for the
  record (an updated export of the same record) on the same day; or compatible types, both
  timed at most
  :data:`AUTO_MINUTES` apart on the same day, near-identical wording (:data:`AUTO_WORDS` of the
  words of both texts shared, at least :data:`AUTO_MIN_WORDS` each, a name, place or number in
  common: a stock phrase names nobody), and no safeguarding content in one that the other
  lacks. (The same source record imported again is recognised before this,
  by its identity, and counted as already imported.)
* **a possible duplicate** for the worker: at most :data:`MAX_APART` minutes apart (or time
  unknown), and either :data:`QUEUE_WORDS` of the shorter record's words shared, or compatible
  types and at most :data:`CLOSE_MINUTES` apart, or compatible types, no time to compare and
  :data:`QUEUE_WORDS_NO_TIME` of the words shared;
* otherwise **different events**.

The thresholds were chosen from precision and recall measured on generated cases
(``benchmarks/bench_duplicates.py``, where the sweep and its figures are written down), not on
any particular case: at the values below, 16 generated cases (622 true pairs, 746 near misses)
give 0 near misses linked automatically and 96.8 % of true pairs linked or queued; 40 other
cases (1,724 true pairs, 1,978 near misses) 0 and 97.1 %.

Candidate pairs are found by date blocks and their word overlap computed for a whole block at
once (``rapidfuzz.process.cdist`` over words encoded as characters), so a second import of a
large file does not compare everything with everything.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from chronology.duplicate_words import (
    content_words,
    guard_names,
    guards_of,
    specific_words,
    time_in_words,
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
_OTHER = _GROUP_IDS["other"]
# A strategy discussion is often a call; a referral often arrives by phone.
_ALSO = {("call", "meeting"), ("call", "incident")}
_COMPATIBLE = np.zeros((len(_GROUP_IDS), len(_GROUP_IDS)), dtype=bool)
for _g, _n in _GROUP_IDS.items():
    for _h, _m in _GROUP_IDS.items():
        _COMPATIBLE[_n, _m] = (
            _g == _h or "other" in (_g, _h) or (_g, _h) in _ALSO or (_h, _g) in _ALSO
        )
_TYPE_IDS = {t.value: n for n, t in enumerate(EntryType)}


@dataclass(frozen=True)
class Candidate:
    """What matching needs of one record, built once from its fields."""

    ref: int  # index in the new batch, or the id of an existing entry
    date: str  # ISO day
    minutes: int | None  # the recorded time (minutes after midnight)
    hint: tuple[int, int] | None  # a time in the words: (minute, give or take)
    approximate: bool
    agency: str
    source_file: str
    type: str
    words: tuple[str, ...]  # unique content words of the text, sorted
    guards: int
    tripwires: frozenset[str]
    key: str  # the record's stable identity, for remembered decisions
    text_words: frozenset[str] = frozenset()  # the text's own content words
    specific: frozenset[str] = frozenset()  # its names, places and numbers
    root: int = 0  # an existing entry's duplicate cluster (the entry it is linked to, or itself)
    source_ref: str = ""  # the agency and its own reference for the record (log number, note id)

    @classmethod
    def from_fields(
        cls,
        ref: int,
        date: str,
        time: str | None,
        approximate: bool,
        agency: str,
        source_file: str,
        type_: str,
        text: str,
        key: str,
        tripwires: re.Pattern[str] | None = None,
        root: int = 0,
        source_ref: str = "",
    ) -> Candidate:
        text = text[:4000]
        minutes = int(time[:2]) * 60 + int(time[3:5]) if time else None
        bits, found = guards_of(text, tripwires)
        own = frozenset(content_words(text))
        return cls(
            ref,
            date,
            minutes,
            None if minutes is not None else time_in_words(text),
            approximate,
            agency,
            source_file,
            type_,
            tuple(sorted(own)),
            bits,
            found,
            key,
            own,
            specific_words(text),
            root or ref,
            f"{agency.strip().lower()}\x1f{source_ref.strip()}" if source_ref.strip() else "",
        )


@dataclass
class Proposal:
    """A pair matching found: linked automatically, or waiting for the worker."""

    new: int  # the new record's ref
    existing: int  # the existing entry's id
    root: int  # the existing entry's cluster: a link points there
    score: float  # 0-1: the share of words in common, for ordering the queue
    reasons: list[str] = field(default_factory=list)
    auto: bool = False


def pair_key(a: str, b: str) -> str:
    """The identity of a pair of records, the same whichever comes first."""
    return "|".join(sorted((a, b)))


class _Encoder:
    """Words as single characters, so a record's sorted words are a short string whose longest
    common subsequence with another's is exactly the words they share."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}

    def encode(self, words: tuple[str, ...]) -> str:
        codes = self.codes
        out = []
        for w in words:
            c = codes.get(w)
            if c is None:
                n = len(codes) + 0x100
                c = codes[w] = chr(n if n < 0xD800 else n + 0x800)
            out.append(c)
        return "".join(sorted(out))


def _times(cands: Sequence[Candidate]) -> tuple[np.ndarray, np.ndarray]:
    """Each record's time (NaN when unknown) and how far either way it may be."""
    at = np.full(len(cands), np.nan)
    give = np.zeros(len(cands))
    for i, c in enumerate(cands):
        if c.minutes is not None:
            at[i] = c.minutes
        elif c.hint is not None:
            at[i], give[i] = c.hint
    return at, give


def _block(new: Sequence[Candidate], old: Sequence[Candidate], enc: _Encoder) -> list[Proposal]:
    """Every pair of one date block measured at once; the pairs worth keeping."""
    a = [enc.encode(c.words) for c in new]
    b = [enc.encode(c.words) for c in old]
    dice = process.cdist(a, b, scorer=Indel.normalized_similarity, dtype=np.float32)
    la = np.array([len(s) for s in a], dtype=np.float32)[:, None]
    lb = np.array([len(s) for s in b], dtype=np.float32)[None, :]
    shared = np.rint(dice * (la + lb) / 2)
    shorter = np.maximum(np.minimum(la, lb), 1)
    part = shared / shorter
    ta, ga = _times(new)
    tb, gb = _times(old)
    apart = np.maximum(np.abs(ta[:, None] - tb[None, :]) - ga[:, None] - gb[None, :], 0)
    unknown = np.isnan(apart)
    with np.errstate(invalid="ignore"):
        close = apart <= CLOSE_MINUTES
        time_ok = unknown | (apart <= MAX_APART)
    grp_a = np.array([_GROUP_IDS[_GROUPS.get(c.type, "other")] for c in new])
    grp_b = np.array([_GROUP_IDS[_GROUPS.get(c.type, "other")] for c in old])
    compatible = _COMPATIBLE[grp_a[:, None], grp_b[None, :]]
    wanted = time_ok & (
        (part >= QUEUE_WORDS) | (compatible & (close | (unknown & (part >= QUEUE_WORDS_NO_TIME))))
    )
    out = []
    for i, j in zip(*np.nonzero(wanted), strict=True):
        out.append(
            _proposal(
                new[i],
                old[j],
                float(dice[i, j]),
                float(part[i, j]),
                int(shared[i, j]),
                None if math.isnan(apart[i, j]) else float(apart[i, j]),
                bool(compatible[i, j]),
            )
        )
    return out


def _proposal(
    c: Candidate,
    o: Candidate,
    dice: float,
    part: float,
    shared: int,
    apart: float | None,
    compatible: bool,
) -> Proposal:
    """The pair's reasons in words and numbers, and whether it is near certain."""
    reasons = []
    days = _days_apart(c.date, o.date)
    reasons.append("same day" if days == 0 else f"{days} day{'s' if days > 1 else ''} apart")
    exact = c.minutes is not None and o.minutes is not None
    if apart is None:
        both = c.hint is None and o.hint is None and c.minutes is None and o.minutes is None
        reasons.append("time unknown for " + ("both" if both else "one"))
    elif exact:
        reasons.append("same time" if apart == 0 else f"{int(apart)} min apart")
    else:
        reasons.append(
            "times fit (one given in words)" if apart == 0 else f"about {int(apart)} min apart"
        )
    reasons.append(f"{round(part * 100)} % of words shared ({shared})")
    if c.type == o.type:
        reasons.append(f"both {c.type}")
    else:
        reasons.append("types compatible" if compatible else f"types differ ({c.type} / {o.type})")
    if c.approximate or o.approximate:
        reasons.append("an approximate date")
    differs = c.guards ^ o.guards or (c.tripwires ^ o.tripwires)
    if differs:
        only = guard_names(c.guards & ~o.guards) or guard_names(o.guards & ~c.guards)
        reasons.append(
            "only one mentions "
            + (", ".join(only) if only else "a trip-wire phrase")
            + ": never linked without the worker"
        )
    same_record = bool(c.source_ref) and c.source_ref == o.source_ref and days == 0
    if same_record:
        reasons.append(
            f"the same record of {c.agency} (reference {c.source_ref.split(chr(31))[1]})"
        )
    auto = not differs and (
        same_record
        or (
            days == 0
            and exact
            and apart is not None
            and apart <= AUTO_MINUTES
            and compatible
            and _near_identical(c, o)
        )
    )
    if auto:
        reasons.append(
            "the same source record: linked automatically"
            if same_record
            else "near-identical records: linked automatically"
        )
    return Proposal(c.ref, o.ref, o.root, round(dice * 0.5 + part * 0.5, 3), reasons, auto)


def _near_identical(c: Candidate, o: Candidate) -> bool:
    """The texts say the same in the same words, and name the same someone or something: a
    stock phrase ("was not brought, letter sent") names nobody and proves nothing."""
    a, b = c.text_words, o.text_words
    if min(len(a), len(b)) < AUTO_MIN_WORDS:
        return False
    if 2 * len(a & b) / (len(a) + len(b)) < AUTO_WORDS:
        return False
    return bool(c.specific & o.specific)


def _days_apart(a: str, b: str) -> int:
    if a == b:
        return 0
    from datetime import date

    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def _shift(day: str, by: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=by)).isoformat()


def find_duplicates(new: Sequence[Candidate], existing: Iterable[Candidate]) -> list[Proposal]:
    """Pairs of a new record and an existing one worth linking or asking about.

    Near-certain pairs (``auto``) first: each new record links to at most one existing entry.
    Then at most :data:`MAX_PER_ENTRY` possible twins per new record, best first.
    """
    by_day: dict[str, list[Candidate]] = defaultdict(list)
    approx_days: dict[str, list[Candidate]] = defaultdict(list)
    for c in existing:
        by_day[c.date].append(c)
        if c.approximate:
            for k in range(-APPROX_DAYS, APPROX_DAYS + 1):
                if k:
                    approx_days[_shift(c.date, k)].append(c)
    new_by_day: dict[str, list[Candidate]] = defaultdict(list)
    for c in new:
        new_by_day[c.date].append(c)
    enc = _Encoder()
    found: list[Proposal] = []
    for day, group in new_by_day.items():
        exact = [c for c in group if not c.approximate]
        near = [c for c in group if c.approximate]
        olds = by_day.get(day, []) + approx_days.get(day, [])
        if exact and olds:
            found.extend(_block(exact, olds, enc))
        if near:
            wide = list(olds)
            for k in range(-APPROX_DAYS, APPROX_DAYS + 1):
                if k:
                    wide.extend(o for o in by_day.get(_shift(day, k), ()) if not o.approximate)
            if wide:
                found.extend(_block(near, wide, enc))
    return _choose(found)


def _choose(found: list[Proposal]) -> list[Proposal]:
    """One automatic link per new record (the best); a few possible twins for the rest."""
    by_new: dict[int, list[Proposal]] = defaultdict(list)
    for p in found:
        by_new[p.new].append(p)
    chosen = []
    for props in by_new.values():
        props.sort(key=lambda p: (not p.auto, -p.score, p.existing))
        if props[0].auto:
            chosen.append(props[0])
            continue
        clusters: set[int] = set()
        for p in props:  # one pair per duplicate cluster: its best-matching record
            if p.root not in clusters and len(clusters) < MAX_PER_ENTRY:
                clusters.add(p.root)
                chosen.append(p)
    return chosen
