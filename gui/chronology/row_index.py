"""A compact copy of one case's sortable columns, in a TEMP table of the window's connection.

Entry rows are wide (full text and the raw source record), so filtering or sorting 100,000 of
them reads hundreds of megabytes of pages. The chronology view instead filters and sorts this
narrow table, clustered in date order, inside SQLite; an index per sortable column is added while
the window is idle, so a click on a header reads an index instead of sorting. Search as you type
goes through the workspace's FTS index; its matches are intersected with the cached order of the
other criteria, so a keystroke costs one FTS query, not a sort of the case. The copy lives only
in this connection's memory and never touches the file: it is rebuilt when a case is opened or
reloaded and patched row by row after an edit.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import astuple, replace

from chronology.counts import EntryCounts
from chronology.entries import EntryFilter, fts_query
from chronology.search_suggest import MIN_WORD, Vocabulary, respelled
from chronology.workspace import Workspace

_COLUMNS = (
    "id, case_id, sort_key, date, date_end, status, duplicate_of, agency, type, "
    "significance, in_court, summary, source_file, source_row, "
    "CASE significance WHEN 'key' THEN 2 WHEN 'significant' THEN 1 ELSE 0 END"
)
_ALIAS = re.compile(r"\be\.")
# Sort name -> the terms it orders by (all in one direction, so an index serves both).
SORTS: dict[str, tuple[str, ...]] = {
    "date": ("sort_key", "id"),
    "agency": ("agency COLLATE NOCASE", "sort_key", "id"),
    "type": ("type", "sort_key", "id"),
    "summary": ("summary COLLATE NOCASE", "id"),
    "significance": ("significance_rank", "sort_key", "id"),
    "source": ("source_file COLLATE NOCASE", "source_row", "id"),
}
_names = itertools.count(1)


def order_by(sort: str, descending: bool) -> str:
    """The ORDER BY terms of a sort (bare columns: they name the outer table)."""
    direction = " DESC" if descending else ""
    return ", ".join(term + direction for term in SORTS[sort])


class CaseRowIndex:
    """Filter and order one case's entries in SQLite; clusters show on their first entry."""

    def __init__(self, ws: Workspace) -> None:
        self._ws = ws
        self.name = f"chronology_rows_{next(_names)}"
        self.table = f"temp.{self.name}"
        self.case_id: int | None = None
        self._base_key: tuple[object, ...] | None = None
        self._base: list[int] = []
        self._roots: dict[int, int] = {}  # duplicate id -> the entry its cluster shows on
        self._unindexed: list[str] = []
        self._case_ids: set[int] | None = None
        self.vocabulary = Vocabulary(ws)
        # When the search as typed finds nothing: (the search used instead, the words replaced).
        self.respelling: tuple[str, list[str]] | None = None

    # ------------------------------------------------------------------ building
    def build(self, case_id: int | None) -> None:
        conn = self._ws.conn
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute(f"DROP TABLE IF EXISTS {self.table}")
        self.case_id = case_id
        self._base_key = None
        self._roots = {}
        self._unindexed = []
        self._case_ids = None
        self.vocabulary.forget()
        if case_id is None:
            return
        conn.execute(
            f"CREATE TABLE {self.table} (id INTEGER NOT NULL, case_id INTEGER, "
            "sort_key TEXT NOT NULL, date TEXT, date_end TEXT, status TEXT, duplicate_of INTEGER, "
            "agency TEXT, type TEXT, significance TEXT, in_court INTEGER, summary TEXT, "
            "source_file TEXT, source_row INTEGER, significance_rank INTEGER, "
            "PRIMARY KEY (sort_key, id)) WITHOUT ROWID"
        )
        conn.execute(
            f"INSERT INTO {self.table} SELECT {_COLUMNS} FROM entries "
            "WHERE case_id=? AND status != 'undone' ORDER BY sort_key, id",
            (case_id,),
        )
        conn.execute(
            f"CREATE INDEX temp.{self.name}_dup ON {self.name}(duplicate_of) "
            "WHERE duplicate_of IS NOT NULL"
        )
        self._roots = dict(
            conn.execute(
                f"SELECT id, duplicate_of FROM {self.table} WHERE duplicate_of IS NOT NULL"
            )
        )
        self._unindexed = [s for s in SORTS if s != "date"]

    def index_next_sort(self) -> bool:
        """Add one sort index, or read some of the search words (called while idle).

        False when there is nothing left to prepare.
        """
        if self.case_id is None:
            return False
        if not self._unindexed:
            return not self.vocabulary.read_some()
        sort = self._unindexed.pop(0)
        terms = ", ".join((*SORTS[sort], "duplicate_of"))
        self._ws.conn.execute(
            f"CREATE INDEX IF NOT EXISTS temp.{self.name}_{sort} ON {self.name}({terms})"
        )
        return True  # more sort indexes, or the search words, to prepare next

    def drop(self) -> None:
        try:
            self._ws.conn.execute(f"DROP TABLE IF EXISTS {self.table}")
        except Exception:  # the connection may already be closed
            pass

    def patch(self, entry_id: int) -> None:
        """Copy one entry's current values (after an edit through the core)."""
        if self.case_id is None:
            return
        self._base_key = None
        self._case_ids = None
        self.vocabulary.forget()
        conn = self._ws.conn
        conn.execute(
            f"DELETE FROM {self.table} WHERE id=? AND sort_key=("
            "SELECT sort_key FROM entries WHERE id=?)",
            (entry_id, entry_id),
        )
        conn.execute(
            f"INSERT INTO {self.table} SELECT {_COLUMNS} FROM entries "
            "WHERE id=? AND case_id=? AND status != 'undone'",
            (entry_id, self.case_id),
        )

    # ------------------------------------------------------------------- queries
    def ids(self, flt: EntryFilter, sort: str = "date", descending: bool = False) -> list[int]:
        """Ids of the rows to show, in the given order."""
        if self.case_id is None:
            return []
        others = replace(flt, search="")
        key = (astuple(others), sort, descending)
        if key != self._base_key:
            self._base = self._ordered(others, order_by(sort, descending))
            self._base_key = key
        self.respelling = None
        if not flt.search.strip():
            return self._base
        shown = self._search(flt.search)
        if not shown and len(flt.search.strip()) >= MIN_WORD:
            # Nothing as typed: try the index's nearest words (a misspelt name or word).
            respelled_search = respelled(flt.search, self.vocabulary, self._found_in_case)
            if respelled_search is not None:
                shown = self._search(respelled_search[0])
                self.respelling = respelled_search if shown else None
        return shown

    def _matches(self, search: str) -> set[int]:
        query = fts_query(search)
        if not query:
            return set()
        return {
            r[0]
            for r in self._ws.conn.execute(
                "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?", (query,)
            )
        }

    def _search(self, search: str) -> list[int]:
        matched = self._matches(search)
        # A cluster matches when any of its entries does.
        matched.update(self._roots[i] for i in matched & self._roots.keys())
        return [i for i in self._base if i in matched]

    def _found_in_case(self, search: str) -> bool:
        """Whether a search finds anything in this case (stops at the first match)."""
        query = fts_query(search)
        if not query:
            return False
        if self._case_ids is None:
            self._case_ids = {r[0] for r in self._ws.conn.execute(f"SELECT id FROM {self.table}")}
        rows = self._ws.conn.execute(
            "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?", (query,)
        )
        return any(rowid in self._case_ids for (rowid,) in rows)

    def _ordered(self, flt: EntryFilter, order: str) -> list[int]:
        assert self.case_id is not None
        if is_plain(flt) and flt.include_inactive:
            # The table holds only this case's live rows: no WHERE beyond the clusters.
            sql = f"SELECT e.id FROM {self.table} e WHERE e.duplicate_of IS NULL ORDER BY {order}"
            params: list[object] = []
        else:
            where, params = flt.where(self.case_id)
            # A cluster matches when any of its entries matches.
            sql = (
                f"SELECT e.id FROM {self.table} e WHERE e.duplicate_of IS NULL AND ({where} "
                f"OR e.id IN (SELECT d.duplicate_of FROM {self.table} d "
                f"WHERE d.duplicate_of IS NOT NULL AND {_ALIAS.sub('d.', where)})) "
                f"ORDER BY {order}"
            )
            params = [*params, *params]
        return [r[0] for r in self._ws.conn.execute(sql, params)]

    def counts(self) -> EntryCounts:
        """Lines (clusters once, withdrawn apart) and the records behind them, as the summary."""
        if self.case_id is None:
            return EntryCounts(0, 0)
        row = self._ws.conn.execute(
            "SELECT coalesce(sum(duplicate_of IS NULL AND status != 'withdrawn'), 0), "
            "coalesce(sum(status != 'withdrawn'), 0), "
            "coalesce(sum(duplicate_of IS NULL AND status = 'withdrawn'), 0) "
            f"FROM {self.table}"
        ).fetchone()
        return EntryCounts(*row)

    def agencies(self) -> list[str]:
        if self.case_id is None:
            return []
        return [
            r[0]
            for r in self._ws.conn.execute(
                f"SELECT DISTINCT agency FROM {self.table} ORDER BY agency COLLATE NOCASE"
            )
        ]


def is_plain(flt: EntryFilter) -> bool:
    return not (
        flt.search.strip()
        or flt.agencies
        or flt.types
        or flt.significance
        or flt.date_from
        or flt.date_to
        or flt.in_court_only
    )
