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
        UNION ALL SELECT max(h.at) FROM history h JOIN entries x ON x.id=h.row_id
            WHERE h.tbl='entries' AND x.case_id=:c
        UNION ALL SELECT max(h.at) FROM history h JOIN quarantine x ON x.id=h.row_id
            WHERE h.tbl='quarantine' AND x.case_id=:c
        UNION ALL SELECT max(h.at) FROM history h JOIN people x ON x.id=h.row_id
            WHERE h.tbl='people' AND x.case_id=:c
        """,
        {"c": case_id},
    ).fetchall()
    values = [s for (s,) in stamps if s]
    return max(values, key=instant) if values else ""


def instant(stamp: str) -> dt.datetime:
    """An ISO time stamp as an aware date-time (UTC when it carries no offset)."""
    value = dt.datetime.fromisoformat(stamp)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def last_change_id(ws: Workspace, case_id: int) -> int:
    """The history id of the latest change to the case (0 if none): ids never go backwards."""
    parts = " UNION ALL ".join(
        f"SELECT max(h.id) FROM history h JOIN {table} x ON x.id=h.row_id "
        f"WHERE h.tbl='{table}' AND x.case_id=:c"
        for table in (
            "entries",
            "import_batches",
            "quarantine",
            "risks",
            "narrative",
            "people",
            "children",
        )
    )
    row = ws.conn.execute(
        f"SELECT max(m) FROM (SELECT max(id) AS m FROM history WHERE tbl='cases' AND row_id=:c "
        f"UNION ALL SELECT * FROM ({parts}))",
        {"c": case_id},
    ).fetchone()
    return int(row[0] or 0)


def version_change_id(ws: Workspace, version_id: int) -> int:
    """The history id recorded when a summary version was saved."""
    row = ws.conn.execute(
        "SELECT max(id) FROM history WHERE tbl='summary_versions' AND row_id=?", (version_id,)
    ).fetchone()
    return int(row[0] or 0)
