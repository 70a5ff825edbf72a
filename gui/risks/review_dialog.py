"""Record a review of a risk: the date, who reviewed it, and what they concluded."""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from chronology.workspace import Workspace
from gui.common.errors import show_error
from gui.common.keys import DateBox, one_default_button
from gui.risks.risk_commands import RecordReviewCommand, perform
from summary.model import RiskItem
from summary.risks import Review

log = logging.getLogger(__name__)


class ReviewDialog(QDialog):
    """Shows what the risk needs (overdue, what tripped it) above the review's fields."""

    def __init__(self, item: RiskItem, reviewer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self._reviewer = reviewer
        self._build_ui()
        self._connect()

    def _build_ui(self) -> None:
        self.setWindowTitle(f"Record a review — {self.item.title}")
        self.resize(620, 460)
        self.about = QLabel(self._about_html())
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.RichText)
        self.date = DateBox(QDate.currentDate())
        self.date.setAccessibleName("Date of the review")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setMaximumDate(QDate.currentDate())
        self.by = QLineEdit(self._reviewer)
        self.by.setAccessibleName("Reviewed by")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("What the review concluded")
        self.note.setPlaceholderText(
            "What was considered and decided, e.g. 'Discussed at supervision: contact is "
            "supervised; safety plan in place; review again on any change to contact.'"
        )
        self.note.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("&Date", self.date)
        form.addRow("Reviewed &by", self.by)
        form.addRow("&Note", self.note)
        self.hint = QLabel(
            "A review is part of the risk's record. Edit › Undo takes back one just recorded; "
            "the history keeps both."
        )
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Record review")
        one_default_button(self, self.buttons.button(QDialogButtonBox.StandardButton.Save))
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(form, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

    def _about_html(self) -> str:
        item = self.item
        parts = [f"<b>{escape(item.title)}</b>"]
        if item.statement and item.statement != item.title:
            parts.append(escape(item.statement))
        if item.review_reasons:
            reasons = "".join(f"<li>{escape(r)}</li>" for r in item.review_reasons)
            parts.append(
                f"<span style='color:#B3261E'><b>Why it needs review:</b></span>"
                f"<ul style='margin-top:0'>{reasons}</ul>"
            )
        return "<br>".join(parts)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

    def values(self) -> tuple[str, str, str]:
        """(ISO date, by, note)."""
        return (
            self.date.date().toString(Qt.DateFormat.ISODate),
            self.by.text().strip(),
            self.note.toPlainText().strip(),
        )

    def _accept(self) -> None:
        if not self.by.text().strip():
            show_error(
                self,
                "Who reviewed it?",
                "A review needs the name of the person who reviewed the risk.",
            )
            self.by.setFocus()
            return
        self.accept()


def record_review_interactive(
    parent: QWidget | None,
    ws: Workspace,
    item: RiskItem,
    reviewer: str,
    notify: Callable[[int], None],
    stack: QUndoStack | None = None,
) -> Review | None:
    """Ask for a review of a risk and record it as an undoable action (undo withdraws it)."""
    dialog = ReviewDialog(item, reviewer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    date, by, note = dialog.values()
    command = RecordReviewCommand(ws, item.id, date, by, note, notify)
    try:
        perform(stack, command)
    except ValueError as exc:
        log.info("review of risk %s refused: %s", item.id, exc)
        show_error(parent, "The review was not recorded", str(exc))
        return None
    return command.review
