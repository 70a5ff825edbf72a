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

from chronology.duplicate_pairs import AUTOMATIC, CONFIRMED, POSSIBLE
from chronology.duplicate_words import phrase_pattern
from chronology.duplicates import APPROX_DAYS, Candidate, Proposal, find_duplicates, pair_key
from chronology.importers.writer import COLUMN
from chronology.workspace import Workspace, now_iso

_DAY_PRECISE = ("datetime", "day")
_C = COLUMN


def record_identity(entry_id: int, record_key: int | None) -> str:
    """An entry's identity that survives undo and re-import: its source record, else its id."""
    return f"record:{record_key}" if record_key is not None else f"entry:{entry_id}"


@dataclass
class BatchMatch:
    """What matching decided for one batch's new rows."""

    links: dict[int, int] = field(default_factory=dict)  # row index -> entry id it duplicates
    # (row index, existing entry id, pair key, key of the new row, key of the existing entry,
    #  reasons, score, status, automatic, decided by, decided at, id of a remembered pair)
    pairs: list[tuple[Any, ...]] = field(default_factory=list)

    @property
    def queued(self) -> int:
        return sum(1 for p in self.pairs if p[7] == POSSIBLE)

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


def case_tripwires(ws: Workspace, case_id: int) -> re.Pattern[str] | None:
    """The case's open risks' own trip-wire phrases, as one expression."""
    phrases = [
        r[0]
        for r in ws.conn.execute(
            "SELECT t.value FROM risk_triggers t JOIN risks r ON r.id=t.risk_id "
            "WHERE r.case_id=? AND t.kind='phrase' AND r.status != 'closed'",
            (case_id,),
        )
    ]
    return phrase_pattern(phrases)


def _days_around(dates: set[str]) -> list[str]:
    out: set[str] = set()
    for d in dates:
        day = dt.date.fromisoformat(d)
        for k in range(-APPROX_DAYS, APPROX_DAYS + 1):
            out.add((day + dt.timedelta(days=k)).isoformat())
    return sorted(out)


def _existing(
    ws: Workspace,
    case_id: int,
    dates: set[str],
    approx: set[str],
    tripwires: re.Pattern[str] | None,
) -> list[Candidate]:
    """Active, day-precise entries on the new rows' days, and near them where a date is approx."""
    near = set(_days_around(dates))  # an approximate entry may sit a day or two away
    near_approx = set(_days_around(approx))  # and an approximate new row may
    rows = ws.conn.execute(
        # sort_key begins with the date, so its index finds each day's entries: CROSS JOIN keeps
        # the days as the outer loop (left to itself, SQLite scans the whole case once per day).
        "SELECT e.id, e.date, e.time, e.approximate, e.agency, e.source_file, e.type, "
        "e.summary, e.text, e.record_key, e.duplicate_of, e.source_ref "
        "FROM json_each(?2) AS d CROSS JOIN entries AS e ON e.case_id=?1 "
        "AND e.sort_key >= d.value AND e.sort_key < d.value || 'U' "
        "WHERE e.status='active' AND e.precision IN ('datetime', 'day') ORDER BY e.id",
        (case_id, json.dumps(sorted(near))),
    ).fetchall()
    out = []
    for r in rows:
        day = r[1]
        if day in dates or (r[3] and day in near) or day in near_approx:
            out.append(
                Candidate.from_fields(
                    r[0],
                    day,
                    r[2],
                    bool(r[3]),
                    r[4],
                    r[5],
                    r[6],
                    f"{r[7]} {r[8]}",
                    record_identity(r[0], r[9]),
                    tripwires,
                    r[10] or r[0],
                    source_ref=r[11] or "",
                )
            )
    return out


def _new_candidates(
    rows: Sequence[tuple[Any, ...]], tripwires: re.Pattern[str] | None
) -> list[Candidate]:
    out = []
    for i, r in enumerate(rows):
        if r[_C["precision"]] not in _DAY_PRECISE or r[_C["status"]] != "active":
            continue
        out.append(
            Candidate.from_fields(
                i,
                r[_C["date"]],
                r[_C["time"]],
                bool(r[_C["approximate"]]),
                r[_C["agency"]],
                r[_C["source_file"]],
                r[_C["type"]],
                f"{r[_C['summary']]} {r[_C['text']]}",
                record_identity(-1, r[_C["record_key"]]),
                tripwires,
                source_ref=r[_C["source_ref"]] or "",
            )
        )
    return out


def _remembered(ws: Workspace, case_id: int) -> dict[str, tuple[Any, ...]]:
    """Every pair ever recorded for the case, by pair key: (id, status, automatic, by, at, keys)."""
    return {
        r[0]: r[1:]
        for r in ws.conn.execute(
            "SELECT pair_key, id, status, automatic, decided_by, decided_at, key_a, key_b "
            "FROM duplicate_pairs WHERE case_id=?",
            (case_id,),
        )
    }


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
    tripwires = case_tripwires(ws, case_id)
    new = _new_candidates(rows, tripwires)
    memory = _remembered(ws, case_id)
    if new:
        dates = {c.date for c in new}
        approx = {c.date for c in new if c.approximate}
        existing = _existing(ws, case_id, dates, approx, tripwires)
        if existing:
            keys = {c.ref: c.key for c in existing}
            new_keys = {c.ref: c.key for c in new}
            for p in find_duplicates(new, existing):
                _decide(match, p, new_keys[p.new], keys[p.existing], memory)
    # A link once confirmed holds even where matching would not propose it now.
    confirmed = {k: v for k, v in memory.items() if v[1] == CONFIRMED}
    if confirmed:
        held = {record_identity(-1, r[_C["record_key"]]): i for i, r in enumerate(rows)}
        done = {p[2] for p in match.pairs}
        for pk, (pair_id, _status, _auto, by, at, key_a, key_b) in confirmed.items():
            if pk in done:
                continue
            for mine, theirs in ((key_a, key_b), (key_b, key_a)):
                if mine in held and theirs not in held:
                    other = _entry_for(ws, case_id, theirs)
                    if other is not None:
                        index = held[mine]
                        match.links.setdefault(index, other[1])
                        match.pairs.append(
                            (index, other[0], pk, mine, theirs, None, 0.0, CONFIRMED, False,
                             by, at, pair_id)
                        )  # fmt: skip
    return match


def _decide(
    match: BatchMatch, p: Proposal, key_new: str, key_old: str, memory: dict[str, tuple[Any, ...]]
) -> None:
    pk = pair_key(key_new, key_old)
    known = memory.get(pk)
    if known is not None:
        pair_id, status, automatic, by, at = known[:5]
        # REJECTED: the worker said different events: never proposed again, nor linked; the
        # decision is kept pointing at the entries that hold the two records now.
        if status == CONFIRMED:
            match.links.setdefault(p.new, p.root)
        match.pairs.append(
            (p.new, p.existing, pk, key_new, key_old, p.reasons, p.score, status, bool(automatic),
             by, at, pair_id)
        )  # fmt: skip
        return
    if p.auto:
        if p.new in match.links:
            return
        match.links[p.new] = p.root
        match.pairs.append(
            (p.new, p.existing, pk, key_new, key_old, p.reasons, p.score, CONFIRMED, True,
             AUTOMATIC, now_iso(), None)
        )  # fmt: skip
        return
    match.pairs.append(
        (p.new, p.existing, pk, key_new, key_old, p.reasons, p.score, POSSIBLE, False, "", "",
         None)
    )  # fmt: skip


def save_pairs(ws: Workspace, case_id: int, match: BatchMatch, first_id: int) -> None:
    """Store the batch's pairs (the new rows' entry ids run on from ``first_id``)."""
    if not match.pairs:
        return
    stamp = now_iso()
    inserts, updates = [], []
    for (
        index,
        existing,
        pk,
        key_new,
        key_old,
        reasons,
        score,
        status,
        auto,
        by,
        at,
        pid,
    ) in match.pairs:
        new_id = first_id + index
        if pid is None:
            inserts.append(
                (case_id, existing, new_id, key_old, key_new, pk, json.dumps(reasons), score,
                 status, int(auto), by, at, stamp)
            )  # fmt: skip
        else:
            updates.append((existing, new_id, key_old, key_new, pid, reasons, score))
    ws.conn.executemany(
        "INSERT INTO duplicate_pairs(case_id, a, b, key_a, key_b, pair_key, reasons, score, "
        "status, automatic, decided_by, decided_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        inserts,
    )
    for existing, new_id, key_old, key_new, pid, reasons, score in updates:
        # The same two records, imported again: the pair points at their entries now.
        ws.conn.execute(
            "UPDATE duplicate_pairs SET a=?, b=?, key_a=?, key_b=? WHERE id=?",
            (existing, new_id, key_old, key_new, pid),
        )
        if reasons is not None:
            ws.conn.execute(
                "UPDATE duplicate_pairs SET reasons=?, score=? WHERE id=?",
                (json.dumps(reasons), score, pid),
            )
