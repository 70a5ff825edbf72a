"""Reading and editing chronology entries, with history and the search index kept in step."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from chronology.duplicate_pairs import mark_decided
from chronology.models import Entry, EntryStatus, EntryType, Precision, Significance
from chronology.workspace import Workspace, current_user, now_iso

ENTRY_COLUMNS = (
    "id, case_id, date, time, date_end, precision, approximate, date_text, date_assumption, "
    "agency, type, source_type, summary, text, author, outcome, significance, in_court, "
    "analysis, action, confidential, status, status_reason, duplicate_of, batch_id, "
    "source_file, source_row, raw, details, source_ref, utc_offset, significance_status, "
    "significance_reason, significance_by, significance_at, child_voice"
)
EDITABLE = {
    "significance",
    "in_court",
    "analysis",
    "action",
    "outcome",
    "confidential",
    "summary",
    "text",
    "type",
    "agency",
    "author",
    "child_voice",
}
_TYPE_VALUES = {t.value: t for t in EntryType}


class EntryError(ValueError):
    """An entry that does not exist or an edit it cannot take."""


def entry_from_row(row: tuple) -> Entry:
    """Build an Entry from a row selected with ENTRY_COLUMNS."""
    (
        id_,
        case_id,
        date,
        time,
        date_end,
        precision,
        approximate,
        date_text,
        date_assumption,
        agency,
        type_,
        source_type,
        summary,
        text,
        author,
        outcome,
        significance,
        in_court,
        analysis,
        action,
        confidential,
        status,
        status_reason,
        duplicate_of,
        batch_id,
        source_file,
        source_row,
        raw,
        details,
        source_ref,
        utc_offset,
        significance_status,
        significance_reason,
        significance_by,
        significance_at,
        child_voice,
    ) = row
    return Entry(
        case_id=case_id,
        date=date,
        precision=Precision(precision),
        summary=summary,
        text=text,
        details=details,
        time=time,
        date_end=date_end,
        approximate=bool(approximate),
        date_text=date_text,
        date_assumption=date_assumption,
        agency=agency,
        type=_TYPE_VALUES.get(type_, EntryType.OTHER),
        source_type=source_type,
        author=author,
        outcome=outcome,
        significance=Significance(significance),
        in_court=bool(in_court),
        analysis=analysis,
        action=action,
        confidential=bool(confidential),
        status=EntryStatus(status),
        status_reason=status_reason,
        duplicate_of=duplicate_of,
        batch_id=batch_id,
        source_file=source_file,
        source_row=source_row,
        raw=raw,
        source_ref=source_ref,
        utc_offset=utc_offset,
        significance_status=significance_status,
        significance_reason=significance_reason,
        significance_by=significance_by,
        significance_at=significance_at,
        child_voice=bool(child_voice),
        id=id_,
    )


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word quoted, all must match.

    Raw user text breaks FTS5 on ``A&E``, ``O'Brien``, ``3/4/2024``, ``-neglect`` or ``NOT``;
    each word becomes a quoted string and the last one a prefix, so typing finds as you go.
    """
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return ""
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


@dataclass
class EntryFilter:
    """What the chronology view, the exports and the command line ask of the entries."""

    search: str = ""
    agencies: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    significance: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    in_court_only: bool = False
    include_inactive: bool = True  # cancelled and withdrawn entries (never 'undone' ones)

    def where(self, case_id: int) -> tuple[str, list[object]]:
        """SQL WHERE clause (over table alias ``e``) and its parameters."""
        clauses = ["e.case_id = ?", "e.status != 'undone'"]
        params: list[object] = [case_id]
        if not self.include_inactive:
            clauses.append("e.status = 'active'")
        if self.search.strip():
            q = fts_query(self.search)
            if q:
                clauses.append("e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)")
                params.append(q)
        for column, values in (
            ("agency", self.agencies),
            ("type", self.types),
            ("significance", self.significance),
        ):
            if values:
                clauses.append(f"e.{column} IN ({','.join('?' * len(values))})")
                params.extend(values)
        if self.date_from:
            clauses.append("COALESCE(e.date_end, e.date) >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("e.sort_key < ?")  # sort_key is the date, then the time
            params.append(self.date_to + "U")
        if self.in_court_only:
            clauses.append("(e.in_court = 1 OR e.significance IN ('significant', 'key'))")
        return " AND ".join(clauses), params


def list_entries(
    ws: Workspace,
    case_id: int,
    flt: EntryFilter | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    descending: bool = False,
) -> list[Entry]:
    """Entries in date order (undone imports never appear)."""
    where, params = (flt or EntryFilter()).where(case_id)
    order = "DESC" if descending else "ASC"
    sql = (
        f"SELECT {ENTRY_COLUMNS} FROM entries e WHERE {where} "
        f"ORDER BY e.sort_key {order}, e.id {order}"
    )
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return [entry_from_row(r) for r in ws.conn.execute(sql, params)]


def count_entries(ws: Workspace, case_id: int, flt: EntryFilter | None = None) -> int:
    where, params = (flt or EntryFilter()).where(case_id)
    return ws.conn.execute(f"SELECT count(*) FROM entries e WHERE {where}", params).fetchone()[0]


def get_entry(ws: Workspace, entry_id: int) -> Entry:
    row = ws.conn.execute(f"SELECT {ENTRY_COLUMNS} FROM entries WHERE id=?", (entry_id,)).fetchone()
    if row is None:
        raise EntryError(f"no entry with id {entry_id}")
    return entry_from_row(row)


def search_ids(ws: Workspace, case_id: int, text: str) -> list[int]:
    """Ids of entries whose summary or text contain every word typed."""
    where, params = EntryFilter(search=text).where(case_id)
    return [
        r[0]
        for r in ws.conn.execute(
            f"SELECT e.id FROM entries e WHERE {where} ORDER BY e.sort_key, e.id", params
        )
    ]


def _reindex(ws: Workspace, old: Entry, new: Entry) -> None:
    if (old.summary, old.text, old.details) == (new.summary, new.text, new.details):
        return
    ws.conn.execute(
        "INSERT INTO entries_fts(entries_fts, rowid, summary, text, details) "
        "VALUES ('delete', ?, ?, ?, ?)",
        (old.id, old.summary, old.text, old.details),
    )
    ws.conn.execute(
        "INSERT INTO entries_fts(rowid, summary, text, details) VALUES (?, ?, ?, ?)",
        (new.id, new.summary, new.text, new.details),
    )


def update_entry(ws: Workspace, entry_id: int, who: str | None = None, **changes: object) -> Entry:
    """Change editable fields of one entry; the old values go to history."""
    bad = set(changes) - EDITABLE
    if bad:
        raise EntryError(f"these fields cannot be edited: {', '.join(sorted(bad))}")
    old = get_entry(ws, entry_id)
    values: dict[str, object] = {}
    for key, value in changes.items():
        if key == "significance":
            value = Significance(str(value)).value
        elif key == "type":
            value = EntryType(str(value)).value
        elif key in ("in_court", "confidential", "child_voice"):
            value = int(bool(value))
        values[key] = value
    if "significance" in values:  # the worker's decision: no longer a suggestion
        values.update(
            significance_status="confirmed",
            significance_by=who or current_user(),
            significance_at=now_iso(),
        )
    with ws.transaction() as c:
        c.execute(
            f"UPDATE entries SET {', '.join(f'{k}=?' for k in values)} WHERE id=?",
            (*values.values(), entry_id),
        )
        new = get_entry(ws, entry_id)
        _reindex(ws, old, new)
        ws.record_history(
            "entries",
            entry_id,
            "update",
            {k: _plain(getattr(old, k)) for k in changes},
            {k: _plain(getattr(new, k)) for k in changes},
            who,
        )
    return new


def set_status(
    ws: Workspace, entry_id: int, status: EntryStatus, reason: str, who: str | None = None
) -> Entry:
    """Withdraw or reinstate an entry: deleting is a status with a reason, never a DELETE."""
    if status == EntryStatus.WITHDRAWN and not reason.strip():
        raise EntryError("withdrawing an entry needs a reason")
    old = get_entry(ws, entry_id)
    with ws.transaction() as c:
        c.execute(
            "UPDATE entries SET status=?, status_reason=? WHERE id=?",
            (status.value, reason, entry_id),
        )
        ws.record_history(
            "entries",
            entry_id,
            "status",
            {"status": old.status.value, "reason": old.status_reason},
            {"status": status.value, "reason": reason},
            who,
        )
    return get_entry(ws, entry_id)


def add_entry(ws: Workspace, entry: Entry, who: str | None = None) -> Entry:
    """Add one hand-written entry (imports go through the import pipeline)."""
    from chronology.importers.writer import insert_entries
    from chronology.significance import with_suggestion

    entry = with_suggestion(entry, who or current_user())
    if entry.significance_status == "confirmed" and not entry.significance_at:
        entry.significance_at = now_iso()
    with ws.transaction():
        (entry_id,) = insert_entries(ws, [entry])
        ws.record_history("entries", entry_id, "create", None, _entry_dict(entry), who)
    return get_entry(ws, entry_id)


def cluster(ws: Workspace, entry_id: int) -> list[Entry]:
    """Every entry recorded as the same event as this one, the first-recorded first."""
    entry = get_entry(ws, entry_id)
    root = entry.duplicate_of or entry.id
    rows = ws.conn.execute(
        f"SELECT {ENTRY_COLUMNS} FROM entries WHERE (id=? OR duplicate_of=?) "
        "AND status != 'undone' ORDER BY id",
        (root, root),
    ).fetchall()
    return [entry_from_row(r) for r in rows]


def unlink_duplicate(ws: Workspace, entry_id: int, who: str | None = None) -> Entry:
    """Undo a duplicate link: the entry stands on its own again."""
    old = get_entry(ws, entry_id)
    with ws.transaction() as c:
        c.execute("UPDATE entries SET duplicate_of=NULL WHERE id=?", (entry_id,))
        ws.record_history(
            "entries", entry_id, "unlink", {"duplicate_of": old.duplicate_of}, None, who
        )
        if old.duplicate_of is not None:  # separating by hand rejects the pair, if there is one
            mark_decided(ws, entry_id, old.duplicate_of, "rejected", who)
    return get_entry(ws, entry_id)


def link_duplicate(ws: Workspace, entry_id: int, of: int, who: str | None = None) -> Entry:
    """Mark an entry as the same event as another (the link points at the cluster's root)."""
    target = get_entry(ws, of)
    root = target.duplicate_of or target.id
    if root == entry_id:
        raise EntryError("an entry cannot be a duplicate of itself")
    old = get_entry(ws, entry_id)
    with ws.transaction() as c:
        c.execute("UPDATE entries SET duplicate_of=? WHERE id=?", (root, entry_id))
        c.execute("UPDATE entries SET duplicate_of=? WHERE duplicate_of=?", (root, entry_id))
        ws.record_history(
            "entries",
            entry_id,
            "link",
            {"duplicate_of": old.duplicate_of},
            {"duplicate_of": root},
            who,
        )
        mark_decided(ws, entry_id, root, "confirmed", who)  # linking by hand confirms a pair
    return get_entry(ws, entry_id)


HistoryRow = tuple[str, str, str, str | None, str | None]


def entry_history(ws: Workspace, entry_id: int) -> list[HistoryRow]:
    """(when, who, action, old, new) for one entry, oldest first."""
    return ws.conn.execute(
        "SELECT at, who, action, old, new FROM history WHERE tbl='entries' AND row_id=? "
        "ORDER BY id",
        (entry_id,),
    ).fetchall()


def agencies(ws: Workspace, case_id: int) -> list[str]:
    return [
        r[0]
        for r in ws.conn.execute(
            "SELECT DISTINCT agency FROM entries WHERE case_id=? AND status!='undone' ORDER BY 1",
            (case_id,),
        )
    ]


def _plain(value: object) -> object:
    return value.value if hasattr(value, "value") else value


def _entry_dict(entry: Entry) -> dict[str, object]:
    return {k: _plain(v) for k, v in asdict(entry).items() if k != "raw"}
