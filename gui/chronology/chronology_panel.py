"""The middle of the window: filter bar, the chronology table and the selected entry."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chronology.entries import EntryFilter
from chronology.models import Significance
from chronology.workspace import Workspace
from gui.chronology.chronology_model import (
    AGENCY,
    DATE,
    HEADERS,
    ID_ROLE,
    SIGNIFICANCE,
    SOURCE,
    SUMMARY,
    TYPE,
    ChronologyTableModel,
)
from gui.chronology.entry_detail import EntryDetailPane
from gui.chronology.filter_bar import FilterBar
from gui.chronology.highlight import HighlightDelegate
from gui.chronology.row_index import is_plain

_WIDTHS = {DATE: 125, AGENCY: 185, TYPE: 145, SUMMARY: 380, SIGNIFICANCE: 92, SOURCE: 200}
# On a narrow screen these columns take at most this share of the table, so Summary stays wide.
_SHARES = {AGENCY: 0.15, TYPE: 0.14, SIGNIFICANCE: 0.1, SOURCE: 0.1}
_NARROWEST = 70
_CELL_MARGINS = 14  # a cell's text margins, both sides, and a little air


class ChronologyPanel(QWidget):
    """One case's chronology; double-click or Enter on a row asks to edit the entry."""

    edit_requested = Signal(int)  # entry id
    counts_changed = Signal(int, int)  # shown, total
    import_requested = Signal()  # the empty case's "Import files" button

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self.model = ChronologyTableModel(ws, self)
        self._show_inactive = True
        self._sort_timer = QTimer(self)  # prepares fast sorting while the window is idle
        self._sort_timer.setInterval(40)
        self._columns_set_by_user = False
        self._fitting = False
        self._build_ui()
        self._connect()

    def _build_ui(self) -> None:
        self.filter_bar = FilterBar()
        self.table = QTableView()
        self.table.setObjectName("chronologyTable")
        self.table.setAccessibleName("Chronology")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.highlighter = HighlightDelegate(self.table)
        self.table.setItemDelegateForColumn(SUMMARY, self.highlighter)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        # Fixed row heights: Qt never measures 100,000 rows (resizeRowsToContents would).
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrow heading ends in "…"
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(DATE, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self.detail = EntryDetailPane()
        self.search_note = QLabel()
        self.search_note.setObjectName("searchNote")
        self.search_note.setWordWrap(True)
        self.search_note.setAccessibleName("About the search")
        self.search_note.hide()
        self.empty = self._empty_prompt()
        self.pages = QStackedWidget()  # the table, or the prompt of a case with no entries
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("chronologySplitter")
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 180])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.search_note)
        layout.addWidget(self.splitter, 1)

    def _empty_prompt(self) -> QWidget:
        """What an empty case shows instead of a blank table: where to begin."""
        page = QWidget()
        page.setObjectName("emptyCase")
        text = QLabel(
            "<h3>No entries in this case yet</h3>"
            "<p>Import the agencies' records (CSV, Excel, calendar, Word tables, FHIR) to build "
            "one chronology. Files can also be dropped on the window.</p>"
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.import_button = QPushButton("&Import files…")
        self.import_button.setAccessibleName("Import files into this case")
        self.import_button.setToolTip("Ctrl+I")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(text)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        return page

    def _connect(self) -> None:
        self.filter_bar.filter_changed.connect(self._apply_filter)
        self.model.counts_changed.connect(self._counts)
        self.model.modelReset.connect(self._show_current)
        self.model.dataChanged.connect(self._data_changed)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._selection)
        self.detail.edit_requested.connect(self.edit_requested)
        self.import_button.clicked.connect(self.import_requested)
        self._sort_timer.timeout.connect(self._prepare_sorting)
        self.table.horizontalHeader().sectionResized.connect(self._column_resized)
        self.table.viewport().installEventFilter(self)

    # ----------------------------------------------------------------- columns
    def restore_columns(self, state: object) -> bool:
        """Put back the column widths the user chose (kept in the settings)."""
        restored = self.table.horizontalHeader().restoreState(state)
        self._columns_set_by_user = bool(restored)
        return bool(restored)

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting and column != SUMMARY:
            self._columns_set_by_user = True

    def fit_columns(self) -> None:
        """Default widths, narrowed on a small screen so that the summary keeps its room."""
        if self._columns_set_by_user:
            return
        width = self.table.viewport().width()
        header = self.table.horizontalHeader()
        self._fitting = True
        try:
            for column, share in _SHARES.items():
                narrowest = self._significance_width() if column == SIGNIFICANCE else _NARROWEST
                header.resizeSection(
                    column, max(narrowest, min(_WIDTHS[column], int(width * share)))
                )
        finally:
            self._fitting = False

    def _significance_width(self) -> int:
        """Wide enough for every level in bold ("Significant" whole; the heading may elide)."""
        bold = QFont(self.table.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        widest = max(metrics.horizontalAdvance(level.value.capitalize()) for level in Significance)
        return widest + _CELL_MARGINS

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()  # the table's own width, once the layout has settled
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ public
    def set_workspace(self, ws: Workspace) -> None:
        self._ws = ws
        self.model.set_workspace(ws)
        self.detail.clear()

    def set_case(self, case_id: int | None) -> None:
        """Show a case from its beginning, every filter cleared."""
        self.filter_bar.blockSignals(True)
        self.filter_bar.reset()
        self.filter_bar.blockSignals(False)
        self.model.set_case(case_id)
        if not self._show_inactive:
            self._apply_filter(self.filter_bar.current_filter())
        self.filter_bar.set_agencies(self.model.agencies(), self.model.colours)
        self.detail.clear()
        if self.model.rowCount():
            self.table.selectRow(0)
        self._sort_timer.start()

    @property
    def sorting_prepared(self) -> bool:
        return not self._sort_timer.isActive()

    def refresh(self) -> None:
        """Reload after the store changed underneath (import, quarantine fix, undo of import)."""
        current = self.current_entry_id()
        self.model.refresh()
        self.filter_bar.set_agencies(self.model.agencies(), self.model.colours)
        self._apply_filter(self.filter_bar.current_filter())
        self._sort_timer.start()
        if current is not None:
            self.select_entry(current)

    def current_entry_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_entry(self, entry_id: int) -> bool:
        row = self.model.row_of(entry_id)
        if row < 0:
            return False
        index = self.model.index(row, DATE)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def focus_search(self) -> None:
        self.filter_bar.focus_search()

    def set_show_inactive(self, show: bool) -> None:
        """Show or hide cancelled and withdrawn entries (greyed when shown)."""
        self._show_inactive = show
        self._apply_filter(self.filter_bar.current_filter())

    def count_text(self) -> str:
        """The case's count in the summary's words; with a filter on, how many are shown."""
        label = self.model.counts.label()
        if self.model.case_id is None:
            return ""
        flt = self.model.entry_filter
        if is_plain(flt) and flt.include_inactive:
            return label
        return f"{self.model.rowCount():,} shown · {label}"

    def column_titles(self) -> tuple[str, ...]:
        return HEADERS

    # ----------------------------------------------------------------- private
    def _prepare_sorting(self) -> None:
        try:
            more = self.model.index_next_sort()
        except sqlite3.Error:  # the workspace was closed meanwhile: sorting still works
            more = False
        if not more:
            self._sort_timer.stop()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self._sort_timer.stop()
        super().hideEvent(event)

    def _apply_filter(self, flt: EntryFilter) -> None:
        flt.include_inactive = self._show_inactive
        self.model.set_filter(flt)

    def _counts(self, shown: int, total: int) -> None:
        self.filter_bar.set_count(shown, total)
        self.highlighter.set_terms(self.model.search_terms())
        self._show_search_note()
        empty = self.model.case_id is not None and total == 0
        self.pages.setCurrentWidget(self.empty if empty else self.table)
        self.counts_changed.emit(shown, total)

    def _show_search_note(self) -> None:
        """Say when the rows shown are for a corrected spelling, or when nothing matched."""
        respelling = self.model.respelling
        typed = self.model.entry_filter.search.strip()
        if respelling is not None:
            search, replaced = respelling
            missing = ", ".join(f"“{w}”" for w in replaced)
            self.search_note.setText(
                f"No entry contains {missing}. Showing entries with “{search}” instead."
            )
        elif typed and self.model.rowCount() == 0:
            self.search_note.setText(f"No entry matches “{typed}”.")
        else:
            self.search_note.setText("")
        self.search_note.setVisible(bool(self.search_note.text()))

    def _activated(self, index: QModelIndex) -> None:
        entry_id = index.data(ID_ROLE)
        if entry_id is not None:
            self.edit_requested.emit(entry_id)

    def _selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_current()

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        current = self.table.currentIndex()
        if current.isValid() and top_left.row() <= current.row() <= bottom_right.row():
            self._show_current()

    def _show_current(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail.clear()
            return
        self.detail.show_entry(
            self._ws, self.model.entry_at(rows[0].row()), self.model.search_terms()
        )
