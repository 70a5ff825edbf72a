"""Small dialogs of a supervision: a new record, a decision, an action."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def _date_edit(day: dt.date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setAccessibleName(name)
    return edit


def _iso(edit: QDateEdit) -> str:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day()).isoformat()


class _FormDialog(QDialog):
    """A form with OK (enabled once the required fields are filled) and Cancel."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _required(self, *edits: QLineEdit | QPlainTextEdit) -> None:
        def check() -> None:
            filled = all(
                (e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()).strip()
                for e in edits
            )
            self.ok_button.setEnabled(filled)

        for e in edits:
            e.textChanged.connect(check)
        check()


class NewSupervisionDialog(_FormDialog):
    """The day of the supervision, the manager and the worker (from the case by default)."""

    def __init__(
        self, manager: str, worker: str, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__("New supervision", parent)
        self.date = _date_edit(today, "Date of the supervision")
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.manager = QLineEdit(manager)
        self.manager.setAccessibleName("Team manager")
        self.worker = QLineEdit(worker)
        self.worker.setAccessibleName("Worker")
        self.form.addRow("&Date:", self.date)
        self.form.addRow("&Team manager:", self.manager)
        self.form.addRow("&Worker:", self.worker)
        self._required(self.manager, self.worker)

    def day(self) -> str:
        return _iso(self.date)


class DecisionDialog(_FormDialog):
    """A decision and why it was made."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Add decision", parent)
        self.text = QLineEdit()
        self.text.setAccessibleName("Decision")
        self.rationale = QPlainTextEdit()
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setFixedHeight(80)
        self.form.addRow("&Decision:", self.text)
        self.form.addRow("&Rationale:", self.rationale)
        self._required(self.text)


class ActionDialog(_FormDialog):
    """An action, who does it and by when."""

    def __init__(self, owner: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__("Add action", parent)
        self.text = QLineEdit()
        self.text.setAccessibleName("Action")
        self.owner = QLineEdit(owner)
        self.owner.setAccessibleName("Owner")
        self.due = _date_edit(today + dt.timedelta(days=14), "Due date")
        self.form.addRow("&Action:", self.text)
        self.form.addRow("&Owner:", self.owner)
        self.form.addRow("D&ue:", self.due)
        self._required(self.text, self.owner)

    def due_day(self) -> str:
        return _iso(self.due)
