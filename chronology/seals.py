"""Seals: fingerprints of what was signed or recorded, so a later change outside the app shows.

A seal is a SHA-256 over a canonical JSON text of the rows concerned. Signing a supervision record
stores its seal in the record and in the (hash-chained) history; checking recomputes it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

RECORD_COLUMNS = (
    "id, case_id, date, manager, worker, period_from, period_to, checklist, summary_version, "
    "summary_digest, notes, corrects, correction_reason, created_at, created_by, signed_at, "
    "signed_by"
)


def digest(payload: object) -> str:
    """SHA-256 (hex) of a value's canonical JSON text."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def supervision_seal(
    conn: sqlite3.Connection,
    record_id: int,
    signed_at: str | None = None,
    signed_by: str | None = None,
) -> str | None:
    """The seal of a supervision record with its decisions and actions (None if there is none).

    ``signed_at``/``signed_by`` stand in for the stored values while the record is being signed.
    """
    row = conn.execute(
        f"SELECT {RECORD_COLUMNS} FROM supervision_records WHERE id=?", (record_id,)
    ).fetchone()
    if row is None:
        return None
    record = list(row)
    if signed_at is not None:
        record[-2], record[-1] = signed_at, signed_by
    decisions = conn.execute(
        "SELECT id, text, rationale FROM supervision_decisions WHERE record_id=? ORDER BY id",
        (record_id,),
    ).fetchall()
    actions = conn.execute(
        "SELECT id, text, owner, due FROM supervision_actions WHERE record_id=? ORDER BY id",
        (record_id,),
    ).fetchall()
    return digest(
        {
            "record": record,
            "decisions": [list(d) for d in decisions],
            "actions": [list(a) for a in actions],
        }
    )
