"""Rows an import could not read: listed with their reasons, fixed in place or discarded."""

from __future__ import annotations

import json
from dataclasses import dataclass

from chronology.dates import UnreadableDate, parse_date
from chronology.importers.entry_types import normalise_type
from chronology.importers.pipeline import _summary_of
from chronology.importers.writer import insert_entries
from chronology.models import Entry, EntryStatus, QuarantineRow
from chronology.significance import with_suggestion
from chronology.workspace import Workspace


class QuarantineError(ValueError):
    """A quarantine row that does not exist, is already dealt with, or a fix that fails."""


@dataclass
class Fix:
    """What the user supplies to turn a quarantined row into an entry."""

    date: str  # as typed, read UK day-first ("03/04/2024", "w/c 3 June 2024", "June 2023")
    time: str | None = None
    summary: str | None = None
    text: str | None = None
    type: str | None = None
    agency: str | None = None


def list_quarantine(
    ws: Workspace, case_id: int, *, waiting_only: bool = True
) -> list[QuarantineRow]:
    sql = (
        "SELECT case_id, source_file, row, reason, raw, batch_id, status, resolution, "
        "entry_id, id FROM quarantine WHERE case_id=? AND status != 'undone'"
    )
    if waiting_only:
        sql += " AND status='waiting'"
    rows = ws.conn.execute(sql + " ORDER BY id", (case_id,)).fetchall()
    return [QuarantineRow(*r) for r in rows]


def get_row(ws: Workspace, qid: int) -> QuarantineRow:
    r = ws.conn.execute(
        "SELECT case_id, source_file, row, reason, raw, batch_id, status, resolution, entry_id, "
        "id FROM quarantine WHERE id=?",
        (qid,),
    ).fetchone()
    if r is None:
        raise QuarantineError(f"no quarantine row {qid}")
    return QuarantineRow(*r)


def raw_fields(row: QuarantineRow) -> dict[str, str]:
    """The row's mapped fields (date, time, text...) as the importer saw them."""
    try:
        data = json.loads(row.raw)
    except json.JSONDecodeError:
        return {}
    return dict(data.get("fields") or {}) if isinstance(data, dict) else {}


def fix_row(ws: Workspace, qid: int, fix: Fix, who: str | None = None) -> Entry:
    """Give a quarantined row a readable date (and any other field): it becomes an entry."""
    row = get_row(ws, qid)
    if row.status != "waiting":
        raise QuarantineError(f"quarantine row {qid} is already {row.status}")
    try:
        when = parse_date(fix.date, fix.time)
    except UnreadableDate as exc:
        raise QuarantineError(str(exc)) from None
    data = json.loads(row.raw) if row.raw.startswith("{") else {}
    fields = raw_fields(row)
    text = fix.text if fix.text is not None else fields.get("text", "")
    source_type = fix.type if fix.type is not None else fields.get("type", "")
    entry = Entry(
        case_id=row.case_id,
        date=when.iso_date,
        time=when.hhmm,
        date_end=when.end.isoformat() if when.end else None,
        precision=when.precision,
        approximate=when.approximate,
        date_text=when.original,
        date_assumption="; ".join(
            x for x in (when.assumption, f"date supplied by hand (was: {row.reason})") if x
        ),
        agency=fix.agency or data.get("agency") or fields.get("agency", ""),
        type=normalise_type(source_type, fields.get("outcome", ""), text),
        source_type=source_type,
        summary=fix.summary or fields.get("summary") or _summary_of(text),
        text=text,
        author=fields.get("author", ""),
        outcome=fields.get("outcome", ""),
        status=EntryStatus.ACTIVE,
        batch_id=row.batch_id,
        source_file=row.source_file,
        source_row=row.row,
        raw=row.raw,
        source_ref=fields.get("reference", ""),
    )
    entry = with_suggestion(entry)
    with ws.transaction() as c:
        (entry_id,) = insert_entries(ws, [entry])
        c.execute(
            "UPDATE quarantine SET status='fixed', resolution=?, entry_id=? WHERE id=?",
            (f"fixed: date {fix.date}", entry_id, qid),
        )
        ws.record_history(
            "quarantine",
            qid,
            "fix",
            {"status": "waiting"},
            {"status": "fixed", "entry_id": entry_id, "date": fix.date},
            who,
        )
    entry.id = entry_id
    return entry


def discard_row(ws: Workspace, qid: int, reason: str, who: str | None = None) -> None:
    """Set a quarantined row aside with a reason (it stays in the workspace)."""
    if not reason.strip():
        raise QuarantineError("discarding a row needs a reason")
    row = get_row(ws, qid)
    if row.status != "waiting":
        raise QuarantineError(f"quarantine row {qid} is already {row.status}")
    with ws.transaction() as c:
        c.execute(
            "UPDATE quarantine SET status='discarded', resolution=? WHERE id=?", (reason, qid)
        )
        ws.record_history(
            "quarantine",
            qid,
            "discard",
            {"status": "waiting"},
            {"status": "discarded", "reason": reason},
            who,
        )


def unfix_row(ws: Workspace, qid: int, who: str | None = None) -> int:
    """Undo a fix: the row waits again and its entry leaves the chronology (kept as 'undone').

    Returns the entry's id, so that ``refix_row`` can bring the same entry back.
    """
    row = get_row(ws, qid)
    if row.status != "fixed" or row.entry_id is None:
        raise QuarantineError(f"quarantine row {qid} is not fixed (it is {row.status})")
    with ws.transaction() as c:
        c.execute(
            "UPDATE entries SET status='undone', status_reason=? WHERE id=?",
            (f"the fix of quarantine row {qid} was undone", row.entry_id),
        )
        c.execute(
            "UPDATE quarantine SET status='waiting', resolution='' WHERE id=?",
            (qid,),
        )
        ws.record_history(
            "quarantine",
            qid,
            "unfix",
            {"status": "fixed", "entry_id": row.entry_id},
            {"status": "waiting"},
            who,
        )
    return row.entry_id


def refix_row(ws: Workspace, qid: int, who: str | None = None) -> int:
    """Redo an undone fix: the same entry comes back and the row is fixed again."""
    row = get_row(ws, qid)
    if row.status != "waiting" or row.entry_id is None:
        raise QuarantineError(f"quarantine row {qid} has no undone fix to restore")
    found = ws.conn.execute("SELECT status FROM entries WHERE id=?", (row.entry_id,)).fetchone()
    if found is None or found[0] != EntryStatus.UNDONE.value:
        raise QuarantineError(f"the entry of quarantine row {qid} cannot be brought back")
    date = json.loads(
        ws.conn.execute(
            "SELECT new FROM history WHERE tbl='quarantine' AND row_id=? AND action='fix' "
            "ORDER BY id DESC LIMIT 1",
            (qid,),
        ).fetchone()[0]
    ).get("date", "")
    with ws.transaction() as c:
        c.execute(
            "UPDATE entries SET status='active', status_reason='' WHERE id=?", (row.entry_id,)
        )
        c.execute(
            "UPDATE quarantine SET status='fixed', resolution=? WHERE id=?",
            (f"fixed: date {date}", qid),
        )
        ws.record_history(
            "quarantine",
            qid,
            "refix",
            {"status": "waiting"},
            {"status": "fixed", "entry_id": row.entry_id},
            who,
        )
    return row.entry_id


def restore_row(ws: Workspace, qid: int, who: str | None = None) -> None:
    """Undo a discard: the row waits in quarantine again (its reason stays in history)."""
    row = get_row(ws, qid)
    if row.status != "discarded":
        raise QuarantineError(f"quarantine row {qid} is not discarded (it is {row.status})")
    with ws.transaction() as c:
        c.execute("UPDATE quarantine SET status='waiting', resolution='' WHERE id=?", (qid,))
        ws.record_history(
            "quarantine",
            qid,
            "restore",
            {"status": "discarded", "reason": row.resolution},
            {"status": "waiting"},
            who,
        )


def row_is_misaligned(row: QuarantineRow) -> bool:
    """True when the row's cells may not sit under their columns (a missing or extra field).

    Its mapped fields cannot be trusted: the worker must check them against the raw row.
    """
    reason = row.reason.lower()
    return reason.startswith("missing column") or reason.startswith("extra field")
