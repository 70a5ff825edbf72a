"""The risk editor's evidence tab: entries linked as evidence, and a search to find more.

Links are only collected here; the caller records the new ones when the risk is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chronology.entries import EntryError, EntryFilter, get_entry, list_entries
from chronology.models import Entry
from chronology.workspace import Workspace
from gui.common.date_text import entry_date_label
from gui.common.table_view import record_table
from gui.risks.risk_models import AGENCY, DATE, SUMMARY, TYPE, EntryListModel

SEARCH_LIMIT = 200


def _entry_table(model: EntryListModel, name: str) -> QTableView:
    table = record_table(model, name, wrap=False)
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    for column, width in ((DATE, 130), (AGENCY, 170), (TYPE, 150)):
        header.resizeSection(column, width)
    header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
    return table


class EvidenceTab(QWidget):
    """The risk's evidence; the entry selected in the chronology or a search result is added."""

    def __init__(self, ws: Workspace, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._case_id = case_id
        self._existing: set[int] = set()
        self._selected: Entry | None = None
        self._build_ui()
        self._connect()

    def _build_ui(self) -> None:
        self.evidence_model = EntryListModel(self)
        self.evidence = _entry_table(self.evidence_model, "Entries linked as evidence")
        self.add_selected = QPushButton()
        self.add_selected.setAccessibleName("Link the entry selected in the chronology")
        self.search = QLineEdit()
        self.search.setAccessibleName("Search the chronology for evidence")
        self.search.setPlaceholderText("Search the chronology (words in the summary or text)…")
        self.search.setClearButtonEnabled(True)
        self.results_model = EntryListModel(self)
        self.results = _entry_table(self.results_model, "Search results")
        self.link = QPushButton("&Link the chosen entry")
        note = QLabel(
            "Evidence links are part of the record: once the risk is saved they cannot be "
            "undone or removed."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Linked as evidence</b>"))
        layout.addWidget(self.evidence, 2)
        layout.addWidget(self.add_selected, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 3)
        layout.addWidget(self.link, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(note)

    def _connect(self) -> None:
        self.add_selected.clicked.connect(self._link_selected)
        # Enter in the search box searches: left to the dialog, it would press Save.
        self.search.installEventFilter(self)
        self.search.textChanged.connect(self._search_as_typed)
        self.link.clicked.connect(self.link_chosen)
        self.results.doubleClicked.connect(lambda _index: self.link_chosen())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.run_search()
            return True
        return super().eventFilter(watched, event)

    def set_evidence(self, entries: list[Entry]) -> None:
        """The entries the risk already has as evidence."""
        self.evidence_model.set_entries(entries)
        self._existing = set(self.evidence_model.ids())

    def set_selected_entry(self, selected_entry: int | None) -> None:
        """Offer to link the entry selected in the chronology (if any)."""
        entry = None
        if selected_entry is not None:
            try:
                entry = get_entry(self._ws, selected_entry)
            except EntryError:
                entry = None
        self._selected = entry
        if entry is None:
            self.add_selected.setText("Link the entry selected in the chronology (none selected)")
            self.add_selected.setEnabled(False)
            return
        words = entry.summary if len(entry.summary) <= 60 else entry.summary[:59] + "…"
        self.add_selected.setText(
            f"Link the entry selected in the chronology: {entry_date_label(entry)} — {words}"
        )
        self.add_selected.setEnabled(True)

    def _link_selected(self) -> None:
        if self._selected is not None:
            self.evidence_model.add(self._selected)

    def _search_as_typed(self, text: str) -> None:
        if len(text.strip()) >= 3:
            self.run_search()

    def run_search(self) -> None:
        text = self.search.text().strip()
        found = (
            list_entries(self._ws, self._case_id, EntryFilter(search=text), limit=SEARCH_LIMIT)
            if text
            else []
        )
        self.results_model.set_entries(found)
        if found:
            self.results.selectRow(0)

    def link_chosen(self) -> None:
        rows = self.results.selectionModel().selectedRows()
        if rows:
            self.evidence_model.add(self.results_model.entry_at(rows[0].row()))

    def new_evidence(self) -> list[int]:
        """The entries linked since the tab was loaded."""
        return [i for i in self.evidence_model.ids() if i not in self._existing]
