"""Duplicate matching as an import writes a batch: link the near certain, queue the possible, and
apply what the worker decided before (also after an undo and a re-import).

Runs inside the import's transaction, on the batch's import rows (``writer.IMPORT_COLUMNS``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from chronology.duplicate_pairs import (
    AUTOMATIC,
    CONFIRMED,
    POSSIBLE,
    pair_key,
    record_identity,
)
from chronology.duplicate_search import Found, Side, search
from chronology.duplicate_words import phrase_pattern
from chronology.duplicates import APPROX_DAYS, Matcher
from chronology.importers.writer import COLUMN
from chronology.workspace import Workspace, now_iso

_DAY_PRECISE = ("datetime", "day")
# Past this many days to look up, the case's entries are read in one pass (measured: 100,000
# entries over 4,000 days read in 0.4 s in one pass, 0.9 s a day at a time).
_SCAN_DAYS = 1000
_C = COLUMN


@dataclass
class BatchMatch:
    """What matching decided for one batch's new rows."""

    links: dict[int, int] = field(default_factory=dict)  # row index -> entry id it duplicates
    # Pairs to store: (row index, existing entry id, status, automatic, decided by, decided at,
    # id of a remembered pair or None, its row in ``found`` or None)
    pairs: list[tuple[Any, ...]] = field(default_factory=list)
    queued: int = 0
    found: Found | None = None  # the measures of the pairs (rows of pairs point into it)

    def apply(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """The rows with ``duplicate_of`` set for the linked ones."""
        if not self.links:
            return rows
        at = _C["duplicate_of"]
        out = list(rows)
        for index, target in self.links.items():
            r = out[index]
            out[index] = (*r[:at], target, *r[at + 1 :])
        return out


def case_tripwires(ws: Workspace, case_id: int) -> tuple[re.Pattern[str] | None, str]:
    """The case's open risks' own trip-wire phrases, as one expression and as words."""
    phrases = [
        r[0]
        for r in ws.conn.execute(
            "SELECT t.value FROM risk_triggers t JOIN risks r ON r.id=t.risk_id "
            "WHERE r.case_id=? AND t.kind='phrase' AND r.status != 'closed'",
            (case_id,),
        )
    ]
    return phrase_pattern(phrases), " ".join(phrases)


def _days_around(dates: set[str]) -> set[str]:
    out: set[str] = set()
    for d in dates:
        day = dt.date.fromisoformat(d)
        for k in range(-APPROX_DAYS, APPROX_DAYS + 1):
            out.add((day + dt.timedelta(days=k)).isoformat())
    return out


def _existing(
    ws: Workspace, case_id: int, matcher: Matcher, dates: set[str], approx: set[str]
) -> Side:
    """Active, day-precise entries on the new rows' days, and near them where a date is approx."""
    near = _days_around(dates)  # an approximate entry may sit a day or two away
    near_approx = _days_around(approx)  # and an approximate new row may
    columns = (
        "e.id, e.date, e.time, e.approximate, e.agency, e.type, e.summary || ' ' || e.text, "
        "e.record_key, e.duplicate_of, e.source_ref"
    )
    days = json.dumps(sorted(near))
    held = ws.conn.execute("SELECT count(*) FROM json_each(?) AS d", (days,)).fetchone()[0]
    if held > _SCAN_DAYS:  # most of the case: one pass over its entries beats a lookup a day
        rows = ws.conn.execute(
            f"SELECT {columns} FROM entries AS e WHERE e.case_id=? AND e.status='active' "
            "AND e.precision IN ('datetime', 'day')",
            (case_id,),
        ).fetchall()
    else:
        rows = ws.conn.execute(
            # sort_key begins with the date, so its index finds each day's entries: CROSS JOIN
            # keeps the days as the outer loop (else SQLite scans the case once per day).
            f"SELECT {columns} FROM json_each(?2) AS d CROSS JOIN entries AS e ON e.case_id=?1 "
            "AND e.sort_key >= d.value AND e.sort_key < d.value || 'U' "
            "WHERE e.status='active' AND e.precision IN ('datetime', 'day')",
            (case_id, days),
        ).fetchall()
    rows = [r for r in rows if r[1] in dates or (r[3] and r[1] in near) or r[1] in near_approx]
    return Side(
        matcher,
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        [bool(r[3]) for r in rows],
        [r[4] for r in rows],
        [r[5] for r in rows],
        [r[6] for r in rows],
        [record_identity(r[0], r[7]) for r in rows],
        [r[8] or r[0] for r in rows],
        [r[9] or "" for r in rows],
    )


def _remembered(ws: Workspace, case_id: int) -> dict[str, tuple[Any, ...]]:
    """Every pair recorded for the case, by the identity of its two records:
    (id, status, automatic, by, at, key of a, key of b)."""
    out = {}
    for pid, status, auto, by, at, a, record_a, b, record_b in ws.conn.execute(
        "SELECT p.id, p.status, p.automatic, p.decided_by, p.decided_at, p.a, ea.record_key, "
        "p.b, eb.record_key FROM duplicate_pairs p JOIN entries ea ON ea.id=p.a "
        "JOIN entries eb ON eb.id=p.b WHERE p.case_id=?",
        (case_id,),
    ):
        key_a, key_b = record_identity(a, record_a), record_identity(b, record_b)
        out[pair_key(key_a, key_b)] = (pid, status, auto, by, at, key_a, key_b)
    return out


def _entry_for(ws: Workspace, case_id: int, key: str) -> tuple[int, int] | None:
    """The active entry holding a record identity now: (id, its cluster's root)."""
    kind, _, value = key.partition(":")
    column = "record_key" if kind == "record" else "id"
    row = ws.conn.execute(
        f"SELECT id, duplicate_of FROM entries WHERE case_id=? AND {column}=? AND status='active'",
        (case_id, int(value)),
    ).fetchone()
    return (row[0], row[1] or row[0]) if row else None


def match_rows(ws: Workspace, case_id: int, rows: Sequence[tuple[Any, ...]]) -> BatchMatch:
    """Decide, for a batch's new rows, what is linked, what is queued and what stands alone."""
    match = BatchMatch()
    if not rows:
        return match
    date, precision, status = _C["date"], _C["precision"], _C["status"]
    approximate = _C["approximate"]
    eligible = [
        i for i, r in enumerate(rows) if r[precision] in _DAY_PRECISE and r[status] == "active"
    ]
    memory = _remembered(ws, case_id)
    keys = [record_identity(-1, r[_C["record_key"]]) for r in rows]
    if eligible:
        dates = {rows[i][date] for i in eligible}
        approx = {rows[i][date] for i in eligible if rows[i][approximate]}
        tripwires, phrases = case_tripwires(ws, case_id)
        matcher = Matcher(tripwires, phrases)
        existing = _existing(ws, case_id, matcher, dates, approx)
        if len(existing):  # a first import has nothing to compare with: nothing to build
            _decide_all(match, search(_new_side(matcher, rows, eligible, keys), existing), memory)
    _apply_remembered_links(ws, case_id, match, keys, memory)
    match.queued = sum(1 for p in match.pairs if p[2] == POSSIBLE)
    return match


def _new_side(
    matcher: Matcher, rows: Sequence[tuple[Any, ...]], picked: list[int], keys: list[str]
) -> Side:
    c = _C
    return Side(
        matcher,
        picked,
        [rows[i][c["date"]] for i in picked],
        [rows[i][c["time"]] for i in picked],
        [bool(rows[i][c["approximate"]]) for i in picked],
        [rows[i][c["agency"]] for i in picked],
        [rows[i][c["type"]] for i in picked],
        [f"{rows[i][c['summary']]} {rows[i][c['text']]}" for i in picked],
        [keys[i] for i in picked],
        [0] * len(picked),
        [rows[i][c["source_ref"]] or "" for i in picked],
    )


def _decide_all(match: BatchMatch, found: Found, memory: dict[str, tuple[Any, ...]]) -> None:
    """What each pair found becomes: a link, a pair for the worker, or a decision kept."""
    a, b = found.a, found.b
    links, pairs = match.links, match.pairs
    refs_a, refs_b, roots = a.refs, b.refs, b.root.tolist()
    if memory:
        keys_a, keys_b = a.keys, b.keys
    stamp = now_iso()
    for k, (i, j, lk) in enumerate(zip(found.ii, found.jj, found.link, strict=True)):
        index = refs_a[i]
        known = memory.get(pair_key(keys_a[i], keys_b[j])) if memory else None
        if known is not None:
            pair_id, status, automatic, by, at = known[:5]
            # REJECTED: the worker said different events: never proposed again, nor linked; the
            # decision is kept pointing at the entries that hold the two records now.
            if status == CONFIRMED:
                links.setdefault(index, roots[j])
            pairs.append((index, refs_b[j], status, bool(automatic), by, at, pair_id, k))
        elif lk:
            if index not in links:
                links[index] = roots[j]
                pairs.append((index, refs_b[j], CONFIRMED, True, AUTOMATIC, stamp, None, k))
        else:
            pairs.append((index, refs_b[j], POSSIBLE, False, "", "", None, k))
    match.found = found


def _apply_remembered_links(
    ws: Workspace,
    case_id: int,
    match: BatchMatch,
    keys: list[str],
    memory: dict[str, tuple[Any, ...]],
) -> None:
    """A link once confirmed holds even where matching would not propose it now."""
    confirmed = [v for v in memory.values() if v[1] == CONFIRMED]
    if not confirmed:
        return
    held = {k: i for i, k in enumerate(keys)}
    done = {p[6] for p in match.pairs if p[6] is not None}
    for pair_id, _status, auto, by, at, key_a, key_b in confirmed:
        if pair_id in done:
            continue
        for mine, theirs in ((key_a, key_b), (key_b, key_a)):
            if mine in held and theirs not in held:
                other = _entry_for(ws, case_id, theirs)
                if other is not None:
                    index = held[mine]
                    match.links.setdefault(index, other[1])
                    match.pairs.append((index, other[0], CONFIRMED, bool(auto), by, at, pair_id,
                                        None))  # fmt: skip


_MEASURES = (
    "score, days_apart, minutes_apart, time_basis, words_shared, words_share, types, "
    "approximate, guard_diff, link_reason"
)


def save_pairs(ws: Workspace, case_id: int, match: BatchMatch, first_id: int) -> None:
    """Store the batch's pairs (the new rows' entry ids run on from ``first_id``)."""
    if not match.pairs:
        return
    stamp = now_iso()
    f = match.found
    empty = (0.0, 0, None, "", 0, 0.0, "", False, "", "")
    measures = (
        list(zip(f.score, f.days, f.minutes, f.basis, f.shared, f.share, f.types,
                 f.approximate, f.guard_diff, f.link, strict=True))
        if f is not None
        else []
    )  # fmt: skip
    inserts = [
        (case_id, existing, first_id + index, *(measures[k] if k is not None else empty),
         status, auto, by, at, stamp)
        for index, existing, status, auto, by, at, pid, k in match.pairs
        if pid is None
    ]  # fmt: skip
    ws.conn.executemany(
        f"INSERT INTO duplicate_pairs(case_id, a, b, {_MEASURES}, status, automatic, "
        "decided_by, decided_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        inserts,
    )
    sets = ", ".join(f"{c.strip()}=?" for c in _MEASURES.split(","))
    for index, existing, _status, _auto, _by, _at, pid, k in match.pairs:
        if pid is None:
            continue
        # The same two records, imported again: the pair points at their entries now.
        ws.conn.execute(
            "UPDATE duplicate_pairs SET a=?, b=? WHERE id=?", (existing, first_id + index, pid)
        )
        if k is not None:
            ws.conn.execute(f"UPDATE duplicate_pairs SET {sets} WHERE id=?", (*measures[k], pid))
