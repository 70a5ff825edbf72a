"""When a case last changed: the clock the summary's "last updated" and the audit compare with."""

from __future__ import annotations

import datetime as dt

from chronology.workspace import Workspace


def last_changed(ws: Workspace, case_id: int) -> str:
    """When anything about the case last changed: entries, imports, risks, narrative, details."""
    stamps = ws.conn.execute(
        """
        SELECT updated_at FROM cases WHERE id=:c
        UNION ALL SELECT max(created_at) FROM import_batches WHERE case_id=:c
        UNION ALL SELECT max(undone_at) FROM import_batches WHERE case_id=:c
        UNION ALL SELECT max(updated_at) FROM risks WHERE case_id=:c
        UNION ALL SELECT max(updated_at) FROM narrative WHERE case_id=:c
        UNION ALL SELECT max(h.at) FROM history h WHERE h.tbl='entries'
            AND h.row_id IN (SELECT id FROM entries WHERE case_id=:c)
        UNION ALL SELECT max(h.at) FROM history h WHERE h.tbl='quarantine'
            AND h.row_id IN (SELECT id FROM quarantine WHERE case_id=:c)
        UNION ALL SELECT max(h.at) FROM history h WHERE h.tbl='people'
            AND h.row_id IN (SELECT id FROM people WHERE case_id=:c)
        """,
        {"c": case_id},
    ).fetchall()
    values = [s for (s,) in stamps if s]
    return max(values, key=instant) if values else ""


def instant(stamp: str) -> dt.datetime:
    """An ISO time stamp as an aware date-time (UTC when it carries no offset)."""
    value = dt.datetime.fromisoformat(stamp)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
