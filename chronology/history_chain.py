"""The history as a hash chain: each row's seal covers its content and the seal before it.

A change made outside Throughline (say with the sqlite3 shell, after dropping the triggers that
keep the history append-only) leaves a row whose content no longer matches its seal, or a gap in
the row numbers, or a row with no seal at all; :mod:`chronology.integrity` finds them.

A seal is SHA-256 (hex) over the previous row's seal and the row's fields, each written with its
length so that no two different rows can read the same. The first row follows ``GENESIS``.
"""

from __future__ import annotations

import hashlib
import sqlite3

GENESIS = "0" * 64
COLUMNS = "id, tbl, row_id, action, who, at, old, new"
_NONE = "-"


def _part(value: object) -> str:
    if value is None:
        return _NONE
    text = str(value)
    return f"{len(text)}:{text}"


def row_seal(prev: str, row: tuple) -> str:
    """The seal of one history row (id, tbl, row_id, action, who, at, old, new) after ``prev``."""
    body = prev + "|" + "|".join(_part(v) for v in row)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def head(conn: sqlite3.Connection) -> tuple[int, str]:
    """The last history row's id and seal (0 and GENESIS for an empty history)."""
    row = conn.execute("SELECT id, hash FROM history ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return 0, GENESIS
    return int(row[0]), row[1] or GENESIS


def append(
    conn: sqlite3.Connection,
    tbl: str,
    row_id: int,
    action: str,
    who: str,
    at: str,
    old: str | None,
    new: str | None,
) -> int:
    """Add one sealed row after the current head; the caller holds a write transaction."""
    last_id, prev = head(conn)
    new_id = last_id + 1
    row = (new_id, tbl, row_id, action, who, at, old, new)
    conn.execute(
        f"INSERT INTO history({COLUMNS}, hash) VALUES (?,?,?,?,?,?,?,?,?)",
        (*row, row_seal(prev, row)),
    )
    return new_id


_NO_UPDATE = (
    "CREATE TRIGGER history_no_update BEFORE UPDATE ON history "
    "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END"
)


def chain_existing_history(conn: sqlite3.Connection) -> None:
    """Migration: add the seal column and the checkpoint, and seal the rows already there."""
    conn.execute("ALTER TABLE history ADD COLUMN hash TEXT")
    conn.execute(
        "CREATE TABLE history_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "history_id INTEGER NOT NULL, hash TEXT NOT NULL, at TEXT NOT NULL)"
    )
    conn.execute("DROP TRIGGER IF EXISTS history_no_update")
    prev = GENESIS
    rows = conn.execute(f"SELECT {COLUMNS} FROM history ORDER BY id").fetchall()
    seals = []
    for row in rows:
        prev = row_seal(prev, row)
        seals.append((prev, row[0]))
    conn.executemany("UPDATE history SET hash=? WHERE id=?", seals)
    conn.execute(_NO_UPDATE)
    # The checks read signings and reviews out of the history: find them without a scan.
    conn.execute("CREATE INDEX history_action ON history(tbl, action)")
