"""Which entries an export includes: a date range, and the full chronology's tick-list filters."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from chronology.models import EntryType, Significance
from gui.risks.risk_models import CheckListModel


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setAccessibleName(f"{name} date")
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


class DateRangeBox(QGroupBox):
    """'Only entries between' two dates; unticked, the document's own default applies."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Dates", parent)
        self._build_ui()
        self._connect()
        self._toggled(False)

    def _build_ui(self) -> None:
        self.limit = QCheckBox("Only entries &between")
        self.date_from = _date_edit("From")
        self.date_to = _date_edit("To")
        self.note = QLabel()
        self.note.setWordWrap(True)
        dates_row = QHBoxLayout()
        dates_row.addWidget(self.limit)
        dates_row.addWidget(self.date_from)
        dates_row.addWidget(QLabel("and"))
        dates_row.addWidget(self.date_to)
        dates_row.addStretch(1)
        dates_layout = QVBoxLayout()
        dates_layout.addLayout(dates_row)
        dates_layout.addWidget(self.note)
        self.setLayout(dates_layout)

    def _connect(self) -> None:
        self.limit.toggled.connect(self._toggled)

    def _toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)

    def set_span(self, earliest: QDate, latest: QDate) -> None:
        """Offer the two years up to the latest entry (or all of them, when fewer)."""
        self.date_to.setDate(latest)
        self.date_from.setDate(max(earliest, latest.addYears(-2).addDays(1)))

    def chosen(self) -> tuple[str, str] | None:
        """The ISO dates from and to when the range is ticked; None otherwise."""
        if not self.limit.isChecked():
            return None
        return (
            self.date_from.date().toString(Qt.DateFormat.ISODate),
            self.date_to.date().toString(Qt.DateFormat.ISODate),
        )


class ChronologyFiltersBox(QGroupBox):
    """Agencies, entry types and significance to include; nothing ticked includes all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Filters (full chronology)", parent)
        self.agency_model = CheckListModel(parent=self)
        self.type_model = CheckListModel([(t.value, t.value.capitalize()) for t in EntryType], self)
        self.significance_model = CheckListModel(
            [(s.value, s.value.capitalize()) for s in Significance], self
        )
        self._build_ui()

    def _build_ui(self) -> None:
        filters = QHBoxLayout()
        for title, model in (
            ("Agencies", self.agency_model),
            ("Types", self.type_model),
            ("Significance", self.significance_model),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            view = QListView()
            view.setAccessibleName(f"Only these {title.lower()}")
            view.setModel(model)
            view.setMaximumHeight(120)
            column.addWidget(view)
            filters.addLayout(column)
        filters_layout = QVBoxLayout()
        filters_layout.addWidget(QLabel("Tick to include only those; nothing ticked includes all."))
        filters_layout.addLayout(filters)
        self.setLayout(filters_layout)

    def set_agencies(self, names: list[str]) -> None:
        """The case's agencies to choose from (none ticked)."""
        self.agency_model.set_choices([(a, a or "(no agency)") for a in names])
