"""Adding or editing one proceedings period: type, dates, why it ended, court and case number."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from chronology.proceedings import ProceedingsPeriod

END_REASONS = ("final order", "withdrawn", "dismissed", "no order", "concluded")


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setAccessibleName(name)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setDate(QDate.currentDate())
    return edit


def _iso(edit: QDateEdit) -> str:
    return edit.date().toString("yyyy-MM-dd")


class PeriodEditor(QDialog):
    """Add a period (``period`` None) or change one; ``values()`` gives what was chosen."""

    def __init__(self, period: ProceedingsPeriod | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.period = period
        self._build_ui()
        self._connect()
        self._load()

    def _build_ui(self) -> None:
        self.setWindowTitle("Add proceedings period" if self.period is None else "Edit period")
        self.type = QComboBox()
        self.type.setAccessibleName("Type of proceedings")
        for label, value in (("Private law", "private"), ("Public law", "public")):
            self.type.addItem(label, value)
        self.start_known = QCheckBox("Known")
        self.start = _date_edit("Start")
        self.ended = QCheckBox("Ended")
        self.end = _date_edit("End")
        self.reason = QComboBox()
        self.reason.setAccessibleName("Why they ended")
        self.reason.setEditable(True)
        self.reason.addItems(END_REASONS)
        self.court = QLineEdit()
        self.court.setAccessibleName("Court")
        self.case_number = QLineEdit()
        self.case_number.setAccessibleName("Court case number")
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_known)
        start_row.addWidget(self.start, 1)
        end_row = QHBoxLayout()
        end_row.addWidget(self.ended)
        end_row.addWidget(self.end, 1)
        form = QFormLayout()
        form.addRow("Type", self.type)
        form.addRow("Start", start_row)
        form.addRow("End", end_row)
        form.addRow("Why they ended", self.reason)
        form.addRow("Court", self.court)
        form.addRow("Case number", self.case_number)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(420, 0)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.start_known.toggled.connect(self.start.setEnabled)
        self.ended.toggled.connect(self.end.setEnabled)
        self.ended.toggled.connect(self.reason.setEnabled)

    def _load(self) -> None:
        p = self.period
        self.start_known.setChecked(True)
        if p is None:
            self.ended.setChecked(False)
            self.end.setEnabled(False)
            self.reason.setEnabled(False)
            return
        self.type.setCurrentIndex(max(self.type.findData(p.type), 0))
        self.start_known.setChecked(p.start is not None)
        self.start.setEnabled(p.start is not None)
        if p.start:
            self.start.setDate(QDate.fromString(p.start, "yyyy-MM-dd"))
        self.ended.setChecked(p.end is not None)
        self.end.setEnabled(p.end is not None)
        self.reason.setEnabled(p.end is not None)
        if p.end:
            self.end.setDate(QDate.fromString(p.end, "yyyy-MM-dd"))
        self.reason.setCurrentText(p.end_reason)
        self.court.setText(p.court)
        self.case_number.setText(p.case_number)

    def values(self) -> dict[str, object]:
        ended = self.ended.isChecked()
        return {
            "type": self.type.currentData(),
            "start": _iso(self.start) if self.start_known.isChecked() else None,
            "end": _iso(self.end) if ended else None,
            "end_reason": self.reason.currentText().strip() if ended else "",
            "court": self.court.text().strip(),
            "case_number": self.case_number.text().strip(),
        }
