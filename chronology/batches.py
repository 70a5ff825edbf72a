"""Import batches: listed, and undone as a whole (kept, never deleted)."""

from __future__ import annotations

from chronology.models import ImportBatch
from chronology.workspace import Workspace, now_iso


class BatchError(ValueError):
    """A batch that does not exist or is already undone."""


_COLUMNS = (
    "case_id, file, sha256, format, profile, agency, rows, imported, duplicates, "
    "already_imported, quarantined, created_at, undone_at, id, source_author, source_title"
)


def list_batches(ws: Workspace, case_id: int) -> list[ImportBatch]:
    rows = ws.conn.execute(
        f"SELECT {_COLUMNS} FROM import_batches WHERE case_id=? ORDER BY id", (case_id,)
    ).fetchall()
    return [ImportBatch(*r) for r in rows]


def get_batch(ws: Workspace, batch_id: int) -> ImportBatch:
    r = ws.conn.execute(f"SELECT {_COLUMNS} FROM import_batches WHERE id=?", (batch_id,)).fetchone()
    if r is None:
        raise BatchError(f"no import batch {batch_id}")
    return ImportBatch(*r)


def undo_batch(ws: Workspace, batch_id: int, who: str | None = None) -> int:
    """Take an import back: its entries and quarantine rows leave every view, and the file can
    be imported again. Returns how many entries were taken back."""
    batch = get_batch(ws, batch_id)
    if batch.undone_at:
        raise BatchError(f"import {batch_id} ({batch.file}) was already undone")
    with ws.transaction() as c:
        ids = [
            r[0]
            for r in c.execute(
                "SELECT id FROM entries WHERE batch_id=? AND status != 'undone'", (batch_id,)
            )
        ]
        # Entries of later imports that were linked to these as duplicates stand alone again.
        c.execute(
            "UPDATE entries SET duplicate_of=NULL WHERE duplicate_of IN "
            "(SELECT id FROM entries WHERE batch_id=?)",
            (batch_id,),
        )
        c.execute(
            "INSERT INTO entries_fts(entries_fts, rowid, summary, text, details) "
            "SELECT 'delete', id, summary, text, details FROM entries "
            "WHERE batch_id=? AND status!='undone'",
            (batch_id,),
        )
        c.execute(
            "UPDATE entries SET status='undone', status_reason=? WHERE batch_id=?",
            (f"import {batch_id} undone", batch_id),
        )
        c.execute("UPDATE quarantine SET status='undone' WHERE batch_id=?", (batch_id,))
        stamp = now_iso()
        c.execute("UPDATE import_batches SET undone_at=? WHERE id=?", (stamp, batch_id))
        ws.record_history(
            "import_batches", batch_id, "undo", None, {"entries": len(ids), "file": batch.file}, who
        )
    return len(ids)
