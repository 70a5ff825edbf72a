"""The chronology as a Qt table model over the workspace, fast at 100,000 entries.

The model holds only the ids of the rows in their current order (one SQL query, sorted and
filtered in SQLite); row data is fetched on demand in pages of PAGE_SIZE and kept in a small LRU
cache. Duplicate clusters show once, on their first-recorded entry, with a count of the others.
"""

from __future__ import annotations

import logging
from array import array
from collections import OrderedDict
from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from chronology.counts import EntryCounts
from chronology.entries import ENTRY_COLUMNS, EntryFilter, entry_from_row
from chronology.models import Entry, EntryStatus, Significance
from chronology.search_suggest import Terms
from chronology.workspace import Workspace
from gui.chronology.row_index import CaseRowIndex
from gui.common.agency_colours import AgencyColours
from gui.common.date_text import entry_date_label

log = logging.getLogger(__name__)

PAGE_SIZE = 200
MAX_PAGES = 64

OBJECT_ROLE = Qt.ItemDataRole.UserRole  # the Entry of the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value the column sorts by
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the entry id
SOURCES_ROLE = Qt.ItemDataRole.UserRole + 3  # how many entries the row stands for (1 + duplicates)

DATE, AGENCY, TYPE, SUMMARY, SIGNIFICANCE, SOURCE = range(6)
HEADERS = ("Date", "Agency", "Type", "Summary", "Significance", "Source")
HEADER_TIPS = (
    "When it happened, as precisely as the source knows it",
    "The agency that recorded it",
    "The kind of contact or event",
    "What happened (double-click for the whole entry)",
    "Routine, significant or key",
    "The file and row it came from; '+1 source' when another agency recorded the same event",
)
_SIG_RANK = {"routine": 0, "significant": 1, "key": 2}
_SORT_NAMES = ("date", "agency", "type", "summary", "significance", "source")


@dataclass(slots=True)
class _Row:
    entry: Entry
    date_label: str
    sources: int  # 1 + the duplicates linked to it


class ChronologyTableModel(QAbstractTableModel):
    """One case's chronology, in pages from SQLite; sorting and filtering happen in SQL."""

    counts_changed = Signal(int, int)  # rows shown, rows in the case

    def __init__(self, ws: Workspace, parent: object | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._case_id: int | None = None
        self._filter = EntryFilter()
        self._sort_column = DATE
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, list[_Row]] = OrderedDict()
        self._total = 0
        self.counts = EntryCounts(0, 0)
        self._index = CaseRowIndex(ws)
        self.colours = AgencyColours()
        self._grey = QColor()
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # ------------------------------------------------------------------ loading
    @property
    def case_id(self) -> int | None:
        return self._case_id

    @property
    def entry_filter(self) -> EntryFilter:
        return replace(self._filter)

    @property
    def total(self) -> int:
        return self._total

    def set_workspace(self, ws: Workspace) -> None:
        self._index.drop()
        self._ws = ws
        self._index = CaseRowIndex(ws)
        self.set_case(None)

    def set_case(self, case_id: int | None) -> None:
        """Show another case, unfiltered, in date order."""
        self._case_id = case_id
        self._filter = EntryFilter()
        self._reload(rebuild=True)

    def set_filter(self, flt: EntryFilter) -> None:
        """Filter in SQLite and show the result from the top."""
        self._filter = replace(flt)
        self._reload()

    def refresh(self) -> None:
        """Reload everything (after an import, an undo of an import or a quarantine fix)."""
        self._reload(rebuild=True)

    def agencies(self) -> list[str]:
        return self._index.agencies()

    @property
    def respelling(self) -> tuple[str, list[str]] | None:
        """When the search as typed found nothing: (the search shown instead, words replaced)."""
        return self._index.respelling

    def search_terms(self) -> Terms:
        """The words the rows shown were matched on (to highlight them)."""
        respelled = self._index.respelling
        return Terms.of(respelled[0] if respelled else self._filter.search)

    def _reload(self, rebuild: bool = False) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._grey = QGuiApplication.palette().color(
            QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
        )
        if rebuild:
            self._index.build(self._case_id)
            self.colours = AgencyColours(self._index.agencies())
            self.counts = self._index.counts()  # one pass: lines, records, withdrawn lines
            self._total = self.counts.entries + self.counts.withdrawn  # every line, greyed too
        self._ids = self._query_ids()
        self.endResetModel()
        self.counts_changed.emit(len(self._ids), self._total)

    def _query_ids(self) -> array[int]:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return array("q", self._index.ids(self._filter, _SORT_NAMES[self._sort_column], descending))

    def index_next_sort(self) -> bool:
        """Prepare one more column for fast sorting; False when all are ready."""
        return self._index.index_next_sort()

    # -------------------------------------------------------------------- pages
    def _row(self, row: int) -> _Row:
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._fetch_page(number)
            self._pages[number] = page
            if len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE_SIZE]

    def _fetch_page(self, number: int) -> list[_Row]:
        ids = list(self._ids[number * PAGE_SIZE : (number + 1) * PAGE_SIZE])
        marks = ",".join("?" * len(ids))
        conn = self._ws.conn
        by_id = {
            r[0]: entry_from_row(r)
            for r in conn.execute(f"SELECT {ENTRY_COLUMNS} FROM entries WHERE id IN ({marks})", ids)
        }
        extra = dict(
            conn.execute(
                f"SELECT duplicate_of, count(*) FROM entries WHERE duplicate_of IN ({marks}) "
                "AND status != 'undone' GROUP BY duplicate_of",
                ids,
            )
        )
        rows = []
        for entry_id in ids:
            entry = by_id[entry_id]
            rows.append(_Row(entry, entry_date_label(entry), 1 + extra.get(entry_id, 0)))
        return rows

    def _forget_row(self, row: int) -> None:
        self._pages.pop(row // PAGE_SIZE, None)

    # ----------------------------------------------------------------- lookups
    def entry_at(self, row: int) -> Entry:
        return self._row(row).entry

    def row_of(self, entry_id: int) -> int:
        """The row showing this entry (or its cluster), or -1."""
        try:
            return self._ids.index(entry_id)
        except ValueError:
            return -1

    def entry_changed(self, entry_id: int) -> None:
        """An entry was edited through the core: show its new values."""
        self._index.patch(entry_id)
        self.counts = self._index.counts()
        row = self.row_of(entry_id)
        if row < 0:
            root = self._ws.conn.execute(
                "SELECT duplicate_of FROM entries WHERE id=?", (entry_id,)
            ).fetchone()
            row = self.row_of(root[0]) if root and root[0] else -1
        if row < 0:
            return
        self._forget_row(row)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    # ------------------------------------------------------------ Qt interface
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        row = self._row(index.row())
        e = row.entry
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.colours.icon(e.agency) if column == AGENCY else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._grey if e.status != EntryStatus.ACTIVE else None
        if role == Qt.ItemDataRole.FontRole:
            if e.status != EntryStatus.ACTIVE:
                return self._italic
            if column == SIGNIFICANCE and e.significance == Significance.KEY:
                return self._bold
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == OBJECT_ROLE:
            return e
        if role == ID_ROLE:
            return e.id
        if role == SORT_ROLE:
            return self._raw(row, column)
        if role == SOURCES_ROLE:
            return row.sources
        return None

    def _display(self, row: _Row, column: int) -> str:
        e = row.entry
        if column == DATE:
            return row.date_label
        if column == AGENCY:
            return e.agency
        if column == TYPE:
            return e.type.value.capitalize()
        if column == SUMMARY:
            prefix = {
                EntryStatus.CANCELLED: "[Cancelled] ",
                EntryStatus.WITHDRAWN: "[Withdrawn] ",
            }.get(e.status, "")
            flag = "⚖ " if e.in_court else ""
            return f"{prefix}{flag}{e.summary}"
        if column == SIGNIFICANCE:
            return e.significance.value.capitalize()
        source = e.source_file or "entered by hand"
        if e.source_row is not None:
            source += f", row {e.source_row}"
        if row.sources > 1:
            more = row.sources - 1
            source = f"+{more} source{'s' if more > 1 else ''} · {source}"
        return source

    def _raw(self, row: _Row, column: int) -> object:
        e = row.entry
        if column == DATE:
            return f"{e.date}T{e.time or ''}"
        if column == SIGNIFICANCE:
            return _SIG_RANK[e.significance.value]
        if column == SOURCE:
            return (e.source_file, e.source_row or 0)
        return self._display(row, column)

    def _tooltip(self, row: _Row, column: int) -> str | None:
        e = row.entry
        if column == DATE:
            parts = [f"As written: {e.date_text}" if e.date_text else "", e.date_assumption]
            return "\n".join(p for p in parts if p) or None
        if column == SUMMARY:
            text = e.text if len(e.text) < 600 else e.text[:600] + "…"
            if e.status != EntryStatus.ACTIVE and e.status_reason:
                text = f"{e.status.value.capitalize()}: {e.status_reason}\n\n{text}"
            return text
        if column == SOURCE and row.sources > 1:
            return "Recorded by more than one agency: select it to read each source's wording."
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder in SQLite; selected rows keep their selection."""
        if not 0 <= column < len(_SORT_NAMES):
            return
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column, self._sort_order = column, order
        if not self._ids:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_ids = [self._ids[i.row()] if i.row() < len(self._ids) else -1 for i in persistent]
        self._ids = self._query_ids()
        self._pages.clear()
        positions = {entry_id: n for n, entry_id in enumerate(self._ids)} if persistent else {}
        new = []
        for index, entry_id in zip(persistent, old_ids, strict=True):
            row = positions.get(entry_id, -1)
            new.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(persistent, new)
        self.layoutChanged.emit()
