"""Searching a batch's records against a case's for possible twins, fast at large sizes.

Pairs are only ever made within a date block (one day; a few days around an approximate date).
Each record's words are numbers (:class:`chronology.duplicate_words.WordIds`) in one flat array,
turned for all records at once into strings of sorted characters; the words a block's pairs
share are one ``rapidfuzz.process.cdist`` call over those strings; every other measure, and the
choice of the pairs kept, is done on flat numpy arrays over many blocks at once.
Records are held as columns, never as one object each. The rules themselves are in
:mod:`chronology.duplicates`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from chronology import duplicates as rules
from chronology.duplicate_words import TRIPWIRE_BIT, guard_names, guards_of, plain, time_in_words
from chronology.duplicates import Matcher, Proposal, Record, group_of, reference_of

# Pairs measured together (memory: about 40 bytes a pair).
CHUNK = 400_000
_NAN = float("nan")


class Side:
    """One side's records (new or existing) as columns and arrays: each record's words are a
    run of word numbers in one flat array (no object, no sorting per record)."""

    def __init__(
        self,
        matcher: Matcher,
        refs: Sequence[int],
        dates: Sequence[str],
        times: Sequence[str | None],
        approximate: Sequence[bool],
        agencies: Sequence[str],
        types: Sequence[str],
        texts: Sequence[str],
        keys: Sequence[str],
        roots: Sequence[int],
        source_refs: Sequence[str],
    ) -> None:
        n = len(refs)
        self.matcher = matcher
        self.refs, self.types, self.agencies, self.keys = refs, types, agencies, keys
        self.texts = texts
        tokens = [plain(t[:4000]).split() for t in texts]
        self.counts = np.fromiter(map(len, tokens), np.int64, n)
        self.offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(self.counts, out=self.offsets[1:])
        total = int(self.offsets[-1])
        lookup = matcher.words.__getitem__
        self.ids = np.fromiter(map(lookup, chain.from_iterable(tokens)), np.int64, total)
        owner = np.repeat(np.arange(n), self.counts)
        self.codes, self.length = _codes(owner, self.ids, n)
        self.day = np.fromiter(map(matcher.day, dates), np.int64, n)
        self.exact = np.fromiter((bool(t) for t in times), bool, n)
        self.at = np.fromiter(
            (int(t[:2]) * 60 + int(t[3:5]) if t else _NAN for t in times), np.float64, n
        )
        self.give = np.zeros(n)
        untimed = np.flatnonzero(~self.exact)
        if len(untimed):  # a time in the words of a date-only record
            phrases = _has(owner, self.ids, matcher.time_hints, n)
            for i in untimed.tolist():
                hint = time_in_words(texts[i], bool(phrases[i]))
                if hint is not None:
                    self.at[i], self.give[i] = hint
        self.approx = np.fromiter(approximate, bool, n)
        self.type_id = np.fromiter(map(hash, types), np.int64, n)
        self.group = np.fromiter(map(group_of, types), np.intp, n)
        self.root = np.fromiter((r or ref for r, ref in zip(roots, refs, strict=True)), np.int64, n)
        self.reference = [
            reference_of(a, s) if s else "" for a, s in zip(agencies, source_refs, strict=True)
        ]
        self.has_reference = np.fromiter(map(bool, self.reference), bool, n)
        # Safeguarding content: the slow expressions run only where a hint word is present.
        self.guard_bits = np.zeros(n, dtype=np.int64)
        self.tripwires: dict[int, frozenset[str]] = {}
        for i in np.flatnonzero(_has(owner, self.ids, matcher.guard_hints, n)).tolist():
            bits, found = guards_of(texts[i], matcher.tripwires)
            self.guard_bits[i] = bits
            if found:
                self.tripwires[i] = found
        self._specific: dict[int, frozenset[int]] = {}

    @classmethod
    def of(cls, matcher: Matcher, records: Sequence[Record]) -> Side:
        cols = list(zip(*records, strict=True)) if records else [()] * len(Record._fields)
        return cls(matcher, *cols)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.refs)

    def trip(self, i: int) -> frozenset[str]:
        return self.tripwires.get(i, frozenset())

    def specific(self, i: int) -> frozenset[int]:
        found = self._specific.get(i)
        if found is None:
            found = self._specific[i] = self.matcher.specific(self.texts[i])
        return found


def _has(owner: np.ndarray, ids: np.ndarray, wanted: np.ndarray, n: int) -> np.ndarray:
    """Which records hold at least one of some word numbers."""
    if not len(wanted) or not len(ids):
        return np.zeros(n, dtype=bool)
    return np.bincount(owner[np.isin(ids, wanted)], minlength=n) > 0


def _codes(owner: np.ndarray, ids: np.ndarray, n: int) -> tuple[list[str], np.ndarray]:
    """Each record's distinct content words as a string of sorted characters (one character a
    word), so that the longest common subsequence of two records' strings is exactly the words
    they share; and how many there are. Sorted for all records at once, cut into strings from
    one decoded buffer."""
    key = np.sort(owner * (int(ids.max(initial=0)) + 1) + ids)
    width = int(ids.max(initial=0)) + 1
    rec, word = key // width, key % width
    keep = (word != 0) & np.r_[True, key[1:] != key[:-1]]
    rec, word = rec[keep], word[keep]
    points = word + 0x100
    points = np.where(points >= 0xD800, points + 0x800, points).astype("<u4")
    text = points.tobytes().decode("utf-32-le")
    counts = np.bincount(rec, minlength=n)
    ends = np.cumsum(counts).tolist()
    starts = [0, *ends][:-1]
    return [text[s:e] for s, e in zip(starts, ends, strict=True)], counts.astype(np.float32)


def _blocks(a: Side, b: Side) -> Iterator[tuple[list[int], list[int]]]:
    """(new indices, existing indices) of each date block; every new record in one block."""
    by_day: dict[int, list[int]] = defaultdict(list)
    approx_near: dict[int, list[int]] = defaultdict(list)
    for j, (day, approx) in enumerate(zip(b.day.tolist(), b.approx.tolist(), strict=True)):
        by_day[day].append(j)
        if approx:
            for k in range(-rules.APPROX_DAYS, rules.APPROX_DAYS + 1):
                if k:
                    approx_near[day + k].append(j)
    exact: dict[int, list[int]] = defaultdict(list)
    near: dict[int, list[int]] = defaultdict(list)
    for i, (day, approx) in enumerate(zip(a.day.tolist(), a.approx.tolist(), strict=True)):
        (near if approx else exact)[day].append(i)
    for day, rows in exact.items():
        cols = by_day.get(day, []) + approx_near.get(day, [])
        if cols:
            yield rows, cols
    b_approx = b.approx.tolist()
    for day, rows in near.items():
        cols = by_day.get(day, []) + approx_near.get(day, [])
        for k in range(-rules.APPROX_DAYS, rules.APPROX_DAYS + 1):
            if k:
                cols.extend(j for j in by_day.get(day + k, ()) if not b_approx[j])
        if cols:
            yield rows, cols


@dataclass
class Found:
    """The pairs kept, as columns: new index, existing index and what was measured."""

    a: Side
    b: Side
    ii: list[int]
    jj: list[int]
    score: list[float]
    share: list[float]
    shared: list[int]
    minutes: list[int | None]
    basis: list[str]
    types: list[str]
    approximate: list[bool]
    guard_diff: list[str]
    link: list[str]
    days: list[int]

    def __len__(self) -> int:
        return len(self.ii)

    def proposal(self, k: int) -> Proposal:
        a, b, i, j = self.a, self.b, self.ii[k], self.jj[k]
        link = self.link[k]
        return Proposal(
            a.refs[i], b.refs[j], int(b.root[j]), self.score[k], self.days[k], self.minutes[k],
            self.basis[k], self.shared[k], self.share[k], self.types[k], b.types[j], a.types[i],
            self.approximate[k], self.guard_diff[k], link, a.agencies[i],
            a.reference[i].split("\x1f")[1] if link == "reference" else "",
        )  # fmt: skip

    def proposals(self) -> list[Proposal]:
        return [self.proposal(k) for k in range(len(self))]


_BASES = np.array(["recorded", "words", "unknown for one", "unknown for both"], dtype=object)
_RELATIONS = np.array(["different", "compatible", "same"], dtype=object)
_LINKS = np.array(["", "reference", "identical"], dtype=object)


def search(a: Side, b: Side) -> Found:
    """The pairs of a new record (``a``) and an existing one (``b``) worth linking or asking
    about. A new record with a near-certain twin gets that one pair (linked); otherwise up to
    ``MAX_PER_ENTRY`` possible twins, best first, one per duplicate cluster, each also among its
    twin's best few."""
    parts: list[dict[str, np.ndarray]] = []
    ii: list[np.ndarray] = []
    jj: list[np.ndarray] = []
    dd: list[np.ndarray] = []
    size = 0
    if len(a) and len(b):
        for rows, cols in _blocks(a, b):
            dice = process.cdist(
                [a.codes[i] for i in rows], [b.codes[j] for j in cols],
                scorer=Indel.normalized_similarity, dtype=np.float32,
            )  # fmt: skip
            ii.append(np.repeat(np.array(rows, dtype=np.intp), len(cols)))
            jj.append(np.tile(np.array(cols, dtype=np.intp), len(rows)))
            dd.append(dice.ravel())
            size += dice.size
            if size >= CHUNK:
                parts.append(_flush(a, b, ii, jj, dd))
                ii, jj, dd, size = [], [], [], 0
        if size:
            parts.append(_flush(a, b, ii, jj, dd))
    cols = {k: np.concatenate([p[k] for p in parts]) if parts else np.array([]) for k in _KEYS}
    guard = cols["guard"].astype(np.int64).tolist()
    names = {g: ", ".join(guard_names(g)) for g in set(guard)}
    return Found(
        a, b, cols["ii"].astype(np.intp).tolist(), cols["jj"].astype(np.intp).tolist(),
        np.round(cols["score"], 3).tolist(), np.round(cols["share"], 3).tolist(),
        cols["shared"].astype(int).tolist(),
        [None if m != m else int(m) for m in cols["apart"].tolist()],
        _BASES[cols["basis"].astype(np.intp)].tolist(),
        _RELATIONS[cols["types"].astype(np.intp)].tolist(),
        cols["approx"].astype(bool).tolist(), [names[g] for g in guard],
        _LINKS[cols["link"].astype(np.intp)].tolist(), cols["days"].astype(int).tolist(),
    )  # fmt: skip


_KEYS = ("ii", "jj", "score", "share", "shared", "apart", "basis", "types", "approx", "guard",
         "link", "days")  # fmt: skip


def _flush(a: Side, b: Side, ii: list, jj: list, dice: list) -> dict[str, np.ndarray]:
    return _measure(a, b, np.concatenate(ii), np.concatenate(jj), np.concatenate(dice))


def find_duplicates(
    new: Sequence[Record], existing: Sequence[Record], matcher: Matcher | None = None
) -> list[Proposal]:
    """:func:`search` for records given one by one (the command line's tests, small batches)."""
    matcher = matcher or Matcher()
    return search(Side.of(matcher, new), Side.of(matcher, existing)).proposals()


def _rank(group: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Each element's place (0 = best) among those of its group, by score (in [-1, 1]), highest
    first: one sort of a single key, group × 4 + (1 − score)."""
    order = np.argsort(group.astype(np.float64) * 4.0 + (1.0 - score), kind="stable")
    sorted_group = group[order]
    starts = np.r_[0, np.flatnonzero(sorted_group[1:] != sorted_group[:-1]) + 1]
    counts = np.diff(np.r_[starts, len(order)])
    rank = np.empty(len(order), dtype=np.intp)
    rank[order] = np.arange(len(order)) - np.repeat(starts, counts)
    return rank


def _measure(
    a: Side, b: Side, ii: np.ndarray, jj: np.ndarray, dice: np.ndarray
) -> dict[str, np.ndarray]:
    """Measure and choose among many blocks' pairs at once (flat arrays, one row per pair)."""
    la, lb = a.length[ii], b.length[jj]
    shared = np.rint(dice * (la + lb) / 2)  # the longest common subsequence: words in common
    share = shared / np.maximum(np.minimum(la, lb), 1)  # … as a share of the shorter record's
    apart = np.maximum(np.abs(a.at[ii] - b.at[jj]) - a.give[ii] - b.give[jj], 0)
    unknown = np.isnan(apart)
    with np.errstate(invalid="ignore"):
        close = apart <= rules.CLOSE_MINUTES
        time_ok = unknown | (apart <= rules.MAX_APART)
    compatible = rules.COMPATIBLE[a.group[ii], b.group[jj]]
    if rules.NEAREST_ONLY:  # measured and left off: see benchmarks/bench_duplicates.py
        near = close & compatible
        if near.any():
            d = np.where(near, -apart, -np.inf)
            close = near & (_rank(ii, d) == 0) & (_rank(jj, d) == 0)
    wanted = time_ok & (
        (share >= rules.QUEUE_WORDS)
        | (compatible & (close | (unknown & (share >= rules.QUEUE_WORDS_NO_TIME))))
    )
    same_day = a.day[ii] == b.day[jj]
    wanted &= same_day | a.approx[ii] | b.approx[jj]
    same_record = np.zeros(len(ii), dtype=bool)
    for k in np.flatnonzero(same_day & a.has_reference[ii] & b.has_reference[jj]).tolist():
        # the same record of the same agency: always looked at
        same_record[k] = a.reference[ii[k]] == b.reference[jj[k]]
    wanted |= same_record
    keep = np.flatnonzero(wanted)
    ii, jj, dice, share, shared, apart = (x[keep] for x in (ii, jj, dice, share, shared, apart))
    la, lb = la[keep], lb[keep]
    compatible, same_day, same_record = compatible[keep], same_day[keep], same_record[keep]
    score = (dice + share) / 2
    # One pair per duplicate cluster: a new record's best-matching member of it.
    roots = b.root[jj]
    first = _rank(ii.astype(np.int64) * (int(roots.max(initial=0)) + 1) + roots, score) == 0
    # Safeguarding content one has and the other lacks (a trip-wire phrase counts by phrase).
    guard = a.guard_bits[ii] ^ b.guard_bits[jj]
    for k in np.flatnonzero(
        (a.guard_bits[ii] & b.guard_bits[jj] & TRIPWIRE_BIT).astype(bool)
    ).tolist():
        if a.trip(ii[k]) != b.trip(jj[k]):
            guard[k] |= TRIPWIRE_BIT
    # Near-certain pairs: the slow check (a name, place or number in common) on the few left.
    with np.errstate(invalid="ignore"):
        maybe = first & same_day & (apart <= rules.AUTO_MINUTES) & a.exact[ii] & b.exact[jj]
    maybe &= compatible & (dice >= rules.AUTO_WORDS)
    maybe &= np.minimum(la, lb) >= rules.AUTO_MIN_WORDS
    maybe = (maybe & ~same_record) | (same_record & first)
    maybe &= guard == 0
    link = np.where(same_record & maybe, 1, 0).astype(np.int8)
    for k in np.flatnonzero(maybe & ~same_record).tolist():
        if a.specific(ii[k]) & b.specific(jj[k]):
            link[k] = 2
    # A record with a near-certain twin gets that one pair (its best such).
    auto_rows = np.zeros(len(a), dtype=bool)
    auto_rows[ii[link > 0]] = True
    auto_rank = _rank(ii, np.where(link > 0, score, -1.0))
    chosen = np.where(auto_rows[ii], (link > 0) & (auto_rank == 0), first)
    # Otherwise each record's best few, and only where it is among the other's best few too: on
    # a crowded day every record resembles many, but one event's two records choose each other.
    rest = np.where(chosen & ~auto_rows[ii], score, -1.0)
    mutual = (_rank(ii, rest) < rules.MAX_PER_ENTRY) & (_rank(jj, rest) < rules.MAX_PER_ENTRY)
    chosen &= auto_rows[ii] | mutual
    pick = np.flatnonzero(chosen)
    ii, jj, apart = ii[pick], jj[pick], apart[pick]
    basis = np.where(
        a.exact[ii] & b.exact[jj], 0,
        np.where(~np.isnan(apart), 1, np.where(~np.isnan(a.at[ii]) | ~np.isnan(b.at[jj]), 2, 3)),
    )  # fmt: skip
    same_type = a.type_id[ii] == b.type_id[jj]
    return {
        "ii": ii,
        "jj": jj,
        "score": score[pick],
        "share": share[pick],
        "shared": shared[pick],
        "apart": apart,
        "basis": basis,
        "types": np.where(same_type, 2, np.where(compatible[pick], 1, 0)),
        "approx": a.approx[ii] | b.approx[jj],
        "guard": guard[pick],
        "link": link[pick],
        "days": np.abs(a.day[ii] - b.day[jj]),
    }
