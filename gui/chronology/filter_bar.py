"""The chronology's filter bar: search as you type, agency, type, significance, date range.

On a wide screen it is one row; on a laptop the filters wrap under the search box. Tab leaves each
box (the date boxes too, even when they show "Any"), and the window's shortcuts work from the
search box (which has the focus when the window opens).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from chronology.entries import EntryFilter
from chronology.models import EntryType
from gui.common.agency_colours import AgencyColours
from gui.common.flow_layout import FlowLayout
from gui.common.keys import DateBox, FieldLineEdit

SEARCH_DELAY_MS = 120  # typing pauses shorter than this do not query
MIN_SEARCH = 2  # one letter matches nearly everything: search from two (or on Enter)
_ANY_DATE = QDate(1900, 1, 1)
COMBO_CHARACTERS = 16  # a combo box shows this many characters; its list shows whole names
_SIGNIFICANCE = (
    ("Any significance", []),
    ("Significant or key", ["significant", "key"]),
    ("Key only", ["key"]),
)


class FilterBar(QWidget):
    """Emits the filter whenever the user changes it; the count is shown at the right."""

    filter_changed = Signal(object)  # EntryFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._forced = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._build_ui()
        self._connect()

    def _build_ui(self) -> None:
        self.search = FieldLineEdit()
        self.search.setObjectName("chronologySearch")
        self.search.setPlaceholderText("Search the chronology (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the chronology")
        self.search.setMinimumWidth(200)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.agency = self._combo("Agency filter")
        self.agency.addItem("All agencies", None)
        self.type = self._combo("Entry type filter")
        self.type.addItem("All types", None)
        for entry_type in EntryType:
            self.type.addItem(entry_type.value.capitalize(), entry_type.value)
        self._fit_list(self.type)
        self.significance = QComboBox()
        self.significance.setAccessibleName("Significance filter")
        for label, values in _SIGNIFICANCE:
            self.significance.addItem(label, values)
        self.date_from = self._date_edit("From date")
        self.date_to = self._date_edit("To date")
        self.clear = QPushButton("Clear")
        self.clear.setAccessibleName("Clear all filters")
        self.count = QLabel()
        self.count.setAccessibleName("Number of entries shown")
        self.count.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dates = QWidget()  # "From … to …" wraps as one piece
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel("From"), self.date_from, QLabel("to"), self.date_to):
            dates_row.addWidget(widget)

        layout = FlowLayout(self)
        for widget in (
            self.search,
            self.agency,
            self.type,
            self.significance,
            dates,
            self.clear,
            self.count,
        ):
            layout.addWidget(widget)

    @staticmethod
    def _combo(name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(COMBO_CHARACTERS)
        return combo

    @staticmethod
    def _fit_list(combo: QComboBox) -> None:
        """The drop-down list wide enough for the longest name, whatever the box's width."""
        view = combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 40)

    @staticmethod
    def _date_edit(name: str) -> QDateEdit:
        edit = DateBox()
        edit.setAccessibleName(name)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_ANY_DATE)
        edit.setSpecialValueText("Any")
        edit.setDate(_ANY_DATE)
        return edit

    def _connect(self) -> None:
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._emit_now)
        self._timer.timeout.connect(self._emit)
        for combo in (self.agency, self.type, self.significance):
            combo.currentIndexChanged.connect(self._emit)
        self.date_from.dateChanged.connect(self._emit)
        self.date_to.dateChanged.connect(self._emit)
        self.clear.clicked.connect(self.reset)

    # ------------------------------------------------------------------ public
    def set_agencies(self, names: list[str], colours: AgencyColours) -> None:
        current = self.agency.currentData()
        self.agency.blockSignals(True)
        self.agency.clear()
        self.agency.addItem("All agencies", None)
        for name in names:
            self.agency.addItem(colours.icon(name), name or "(no agency)", name)
        found = self.agency.findData(current)
        self.agency.setCurrentIndex(max(found, 0))
        self.agency.blockSignals(False)
        self._fit_list(self.agency)

    def set_count(self, shown: int, total: int) -> None:
        """How many rows a filter leaves (unfiltered, the status bar gives the case's count)."""
        self.count.setText("" if shown == total else f"{shown:,} of {total:,} entries")
        self.count.setVisible(shown != total)

    def current_filter(self) -> EntryFilter:
        agency = self.agency.currentData()
        entry_type = self.type.currentData()
        search = self.search.text()
        if len(search.strip()) < MIN_SEARCH and not self._forced:
            search = ""
        return EntryFilter(
            search=search,
            agencies=[agency] if agency is not None else [],
            types=[entry_type] if entry_type else [],
            significance=list(self.significance.currentData() or []),
            date_from=self._iso(self.date_from),
            date_to=self._iso(self.date_to),
        )

    def reset(self) -> None:
        """Back to every entry, emitting the filter once."""
        widgets = (
            self.search,
            self.agency,
            self.type,
            self.significance,
            self.date_from,
            self.date_to,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.agency, self.type, self.significance):
            combo.setCurrentIndex(0)
        self.date_from.setDate(_ANY_DATE)
        self.date_to.setDate(_ANY_DATE)
        for widget in widgets:
            widget.blockSignals(False)
        self._timer.stop()
        self._emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ----------------------------------------------------------------- private
    @staticmethod
    def _iso(edit: QDateEdit) -> str | None:
        date = edit.date()
        return None if date == _ANY_DATE else date.toString("yyyy-MM-dd")

    def _emit_now(self) -> None:
        self._timer.stop()
        self._forced = True
        try:
            self._emit()
        finally:
            self._forced = False

    def _emit(self) -> None:
        self.filter_changed.emit(self.current_filter())
