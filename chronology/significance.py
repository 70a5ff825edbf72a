"""Significance that means something: suggested with its reason, confirmed by the worker.

A suggestion is never a silent guess: each carries the reason shown to the worker ("a
conditional threat to harm: 'if … she would …'", "the source graded it 'High' (Concern
level)"), and it stays *suggested* until the worker confirms or changes it, in bulk if they
like (``confirm``, ``set_level``); who and when are kept, and history has the old values. An
import suggests through ``suggest_for_import``; the rules live in ``significance_rules``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, replace

from chronology.models import Entry, EntryType, Significance
from chronology.significance_rules import (
    RULES,
    Suggestion,
    fts_query,
    must_show,
    suggest,
    suggest_coded,
    suggest_content,
)
from chronology.workspace import Workspace, current_user, now_iso

_TYPES = {t.value: t for t in EntryType}
_QUERIES = {name: fts_query(words) for name, (_fn, words) in RULES.items()}
# Missed appointments become significant when they form a pattern: this many "was not brought"
# entries within PATTERN_DAYS of each other. One missed appointment is routine; a run of them is
# what a court and a health colleague ask about (the "was not brought" guidance counts repeats).
PATTERN_COUNT = 3
PATTERN_DAYS = 91


class SignificanceError(ValueError):
    """A change of significance that cannot be made (no such entry, no such level)."""


def suggest_for_import(conn: sqlite3.Connection, case_id: int, first_id: int) -> int:
    """Read the words of the new entries (ids from ``first_id``) and the case's missed pattern.

    The search index finds which new notes hold a word some rule can trip on; only those are
    read, and only by those rules (most notes hold none), so a 100,000-row import hardly
    notices. What the words add to the coding's suggestion is written back with its reason.
    Entries the worker has confirmed never change. How many entries changed.
    """
    wanted: dict[int, list[str]] = {}
    for name, query in _QUERIES.items():
        for (rowid,) in conn.execute(
            "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? AND rowid >= ?",
            (query, first_id),
        ):
            wanted.setdefault(rowid, []).append(name)
    changed = _apply(conn, wanted)
    return changed + mark_missed_patterns(conn, case_id, first_id)


def _apply(conn: sqlite3.Connection, wanted: dict[int, list[str]]) -> int:
    updates = []
    ids = sorted(wanted)
    for chunk in range(0, len(ids), 20_000):
        part = ids[chunk : chunk + 20_000]
        rows = conn.execute(
            "SELECT id, type, source_type, summary, text, significance, significance_reason "
            "FROM entries WHERE id IN (SELECT value FROM json_each(?)) "
            "AND significance_status = 'suggested'",
            (_json(part),),
        ).fetchall()
        for entry_id, type_, source_type, summary, text, level, reason in rows:
            entry_type = _TYPES.get(type_, EntryType.OTHER)
            base = Suggestion(
                Significance(level), entry_type, reason, must_show(entry_type, reason)
            )
            found = suggest_content(base, summary, text, source_type, wanted[entry_id])
            if found is not base:
                updates.append((found.significance.value, found.type.value, found.reason, entry_id))
    conn.executemany(
        "UPDATE entries SET significance=?, type=?, significance_reason=? WHERE id=?", updates
    )
    return len(updates)


def _json(ids: list[int]) -> str:
    return "[" + ",".join(map(str, ids)) + "]"


def missed_pattern_updates(rows: list[tuple[int, str, str, str]]) -> dict[int, str]:
    """Entry id -> reason, for missed appointments that form a pattern.

    ``rows``: (id, ISO date, significance, significance_status) of a case's active "was not
    brought" entries in date order. Only routine, still-suggested entries are changed.
    """
    days = [dt.date.fromisoformat(r[1]) for r in rows]
    out: dict[int, str] = {}
    start = 0
    for end in range(len(rows)):
        while (days[end] - days[start]).days > PATTERN_DAYS:
            start += 1
        if end - start + 1 >= PATTERN_COUNT:
            reason = (
                f"missed appointments in a pattern: {end - start + 1} not brought between "
                f"{days[start]:%d/%m/%Y} and {days[end]:%d/%m/%Y}"
            )
            for i in range(start, end + 1):
                entry_id, _day, level, status = rows[i]
                if level == Significance.ROUTINE.value and status == "suggested":
                    out[entry_id] = reason
    return out


def mark_missed_patterns(conn: sqlite3.Connection, case_id: int, first_id: int = 0) -> int:
    """Suggest 'significant' for missed appointments that form a pattern; how many changed."""
    if (
        first_id
        and not conn.execute(
            "SELECT 1 FROM entries WHERE case_id=? AND type=? AND id >= ? LIMIT 1",
            (case_id, EntryType.WAS_NOT_BROUGHT.value, first_id),
        ).fetchone()
    ):
        return 0  # nothing missed was imported: the pattern cannot have changed
    rows = conn.execute(
        "SELECT id, date, significance, significance_status FROM entries WHERE case_id=? "
        "AND type=? AND status='active' AND precision IN ('datetime', 'day') "
        "ORDER BY sort_key, id",
        (case_id, EntryType.WAS_NOT_BROUGHT.value),
    ).fetchall()
    updates = missed_pattern_updates(rows)
    conn.executemany(
        "UPDATE entries SET significance='significant', significance_reason=? WHERE id=?",
        [(reason, entry_id) for entry_id, reason in updates.items()],
    )
    return len(updates)


def with_suggestion(entry: Entry, who: str = "") -> Entry:
    """An entry about to be written by hand: its suggestion, or the writer's own choice.

    A level the writer chose (not routine) is their decision (confirmed); a routine one is
    a default, so the rules may suggest more, with their reason.
    """
    if entry.significance_reason or entry.significance_status != "suggested":
        return entry
    if entry.significance != Significance.ROUTINE:
        return replace(
            entry, significance_status="confirmed", significance_by=who, significance_at=now_iso()
        )
    found = suggest(entry.type, entry.summary, entry.text, entry.details, entry.source_type)
    return replace(
        entry, significance=found.significance, type=found.type, significance_reason=found.reason
    )


# ---------------------------------------------------------------- the worker's review
@dataclass
class Review:
    """One entry as the significance review shows it."""

    entry_id: int
    date: str
    time: str | None
    agency: str
    type: str
    summary: str
    significance: str
    status: str  # suggested | confirmed
    reason: str
    by: str
    at: str


def review_list(
    ws: Workspace, case_id: int, status: str | None = "suggested", everything: bool = False
) -> list[Review]:
    """Entries whose significance waits for the worker (or every one with ``everything``).

    By default: suggested entries with a reason (something was found) — the queue to confirm.
    """
    clauses = ["case_id=?", "status != 'undone'"]
    params: list[object] = [case_id]
    if status:
        clauses.append("significance_status=?")
        params.append(status)
    if not everything:
        clauses.append("(significance_reason != '' OR significance != 'routine')")
    rows = ws.conn.execute(
        "SELECT id, date, time, agency, type, summary, significance, significance_status, "
        f"significance_reason, significance_by, significance_at FROM entries "
        f"WHERE {' AND '.join(clauses)} ORDER BY sort_key, id",
        params,
    ).fetchall()
    return [Review(*r) for r in rows]


def _case_ids(ws: Workspace, case_id: int, ids: list[int]) -> list[int]:
    if not ids:
        return []
    found = {
        r[0]
        for r in ws.conn.execute(
            "SELECT id FROM entries WHERE case_id=? AND status != 'undone' AND id IN "
            "(SELECT value FROM json_each(?))",
            (case_id, _json(ids)),
        )
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise SignificanceError(f"no entry {missing[0]} in this case")
    return ids


def confirm(ws: Workspace, case_id: int, ids: list[int] | None, who: str | None = None) -> int:
    """Confirm the suggested significance of these entries (None: every one still suggested)."""
    who = who or current_user()
    if ids is None:
        ids = [r.entry_id for r in review_list(ws, case_id, "suggested", everything=True)]
    ids = _case_ids(ws, case_id, ids)
    stamp = now_iso()
    with ws.transaction() as c:
        rows = c.execute(
            "SELECT id, significance FROM entries WHERE significance_status='suggested' AND id IN "
            "(SELECT value FROM json_each(?))",
            (_json(ids),),
        ).fetchall()
        c.executemany(
            "UPDATE entries SET significance_status='confirmed', significance_by=?, "
            "significance_at=? WHERE id=?",
            [(who, stamp, r[0]) for r in rows],
        )
        for entry_id, level in rows:
            ws.record_history(
                "entries",
                entry_id,
                "significance",
                {"significance": level, "status": "suggested"},
                {"significance": level, "status": "confirmed"},
                who,
            )
    return len(rows)


def set_level(
    ws: Workspace,
    case_id: int,
    ids: list[int],
    level: str,
    who: str | None = None,
    reason: str = "",
) -> int:
    """The worker sets these entries' significance (confirmed), with their reason if given."""
    try:
        chosen = Significance(level)
    except ValueError:
        raise SignificanceError(
            f"significance must be routine, significant or key, not {level!r}"
        ) from None
    who = who or current_user()
    ids = _case_ids(ws, case_id, ids)
    stamp = now_iso()
    with ws.transaction() as c:
        rows = c.execute(
            "SELECT id, significance, significance_status, significance_reason FROM entries "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (_json(ids),),
        ).fetchall()
        for entry_id, old, status, old_reason in rows:
            # The rules' reason stays (it also says what is always shown in court), with the
            # worker's after it.
            said = f"set by {who}: {reason.strip()}" if reason.strip() else ""
            kept = [r for r in old_reason.split("; ") if r and not r.startswith("set by ")]
            new_reason = "; ".join([*kept, said] if said else kept)
            c.execute(
                "UPDATE entries SET significance=?, significance_status='confirmed', "
                "significance_by=?, significance_at=?, significance_reason=? WHERE id=?",
                (chosen.value, who, stamp, new_reason, entry_id),
            )
            ws.record_history(
                "entries",
                entry_id,
                "significance",
                {"significance": old, "status": status},
                {"significance": chosen.value, "status": "confirmed", "reason": reason.strip()},
                who,
            )
    return len(rows)


def suggest_again(ws: Workspace, case_id: int) -> int:
    """Run the rules again over a case's entries that nobody has confirmed (older imports)."""
    with ws.transaction() as c:
        rows = c.execute(
            "SELECT id, type, source_type, summary, text, details, significance, "
            "significance_reason FROM entries WHERE case_id=? AND status != 'undone' "
            "AND significance_status='suggested'",
            (case_id,),
        ).fetchall()
        updates = []
        for entry_id, type_, source_type, summary, text, details, level, reason in rows:
            kind = _TYPES.get(type_, EntryType.OTHER)
            coded = suggest_coded(kind, source_type, details)
            found = suggest_content(coded, summary, text, source_type)
            if (found.significance.value, found.type.value, found.reason) != (
                level,
                type_,
                reason,
            ):
                updates.append((found.significance.value, found.type.value, found.reason, entry_id))
        c.executemany(
            "UPDATE entries SET significance=?, type=?, significance_reason=? WHERE id=?",
            updates,
        )
        changed = len(updates) + mark_missed_patterns(c, case_id)
    return changed


__all__ = [
    "Review",
    "SignificanceError",
    "confirm",
    "mark_missed_patterns",
    "missed_pattern_updates",
    "must_show",
    "review_list",
    "set_level",
    "suggest",
    "suggest_again",
    "suggest_coded",
    "suggest_for_import",
    "with_suggestion",
]
