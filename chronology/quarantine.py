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
