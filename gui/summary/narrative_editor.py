"""One section of the worker's narrative, edited in place in the summary page.

The text is saved when the editor loses focus (Tab goes to its Save button first, which then saves
with Space or when the focus moves on), after a pause in typing, on Ctrl+S or with the Save
button; regenerating the summary never overwrites what the worker is typing.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

MIN_LINES, MAX_LINES = 3, 18
IDLE_SAVE_MS = 3000  # a pause in typing this long saves: nothing is lost on a crash


class SectionEdit(QPlainTextEdit):
    """A plain-text editor that grows with its text and reports losing focus."""

    focus_lost = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_args: object) -> None:
        lines = self.document().documentLayout().documentSize().height()  # in lines
        shown = max(MIN_LINES, min(MAX_LINES, int(lines) + 1))
        margins = self.contentsMargins()
        height = (
            shown * self.fontMetrics().lineSpacing()
            + 2 * self.document().documentMargin()
            + 2 * self.frameWidth()
            + margins.top()
            + margins.bottom()
            + 2
        )
        self.setFixedHeight(int(height))

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.focus_lost.emit()


class NarrativeEditor(QWidget):
    """Title, editor and a 'saved' line for one narrative section."""

    save_requested = Signal(str, str)  # section, text

    def __init__(
        self, section: str, title: str, hint: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.section = section
        self._title = title
        self._hint = hint
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_SAVE_MS)
        self._build_ui()
        self._connect()

    def _build_ui(self) -> None:
        self.setObjectName(f"narrative_{self.section}")
        self.heading = QLabel(f"<b>{self._title}</b> <span style='color:gray'>(your words)</span>")
        self.heading.setWordWrap(True)
        self.edit = SectionEdit()
        self.edit.setAccessibleName(f"{self._title}: your narrative")
        self.edit.setPlaceholderText(self._hint or f"Write the {self._title.lower()} here.")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName(f"{self._title}: saved state")
        self.save = QPushButton("Save")
        self.save.setAccessibleName(f"Save {self._title.lower()}")
        self.save.setEnabled(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.heading, 1)
        row.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.edit)
        layout.addWidget(self.state)

    def _connect(self) -> None:
        self.edit.focus_lost.connect(self._left_box)
        self.save.installEventFilter(self)
        self.save.clicked.connect(self.request_save)
        self.edit.modificationChanged.connect(self._modified)
        self.edit.textChanged.connect(self._typed)
        self._idle.timeout.connect(self.request_save)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self.edit)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.request_save)

    @property
    def modified(self) -> bool:
        return self.edit.document().isModified()

    def text(self) -> str:
        return self.edit.toPlainText().replace("\r\n", "\n").strip()

    def set_text(self, text: str, *, force: bool = False) -> bool:
        """Show the stored text, unless the worker has unsaved changes (or ``force``)."""
        if self.modified and not force:
            return False
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)
        self.edit.document().setModified(False)
        if self.state.text().startswith("Not saved"):
            self.state.clear()
        return True

    def _typed(self) -> None:
        if self.modified:
            self._idle.start()

    def _left_box(self) -> None:
        """Leaving the box saves, unless Tab took the focus to its own Save button."""
        if QApplication.focusWidget() is not self.save:
            self.request_save()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.save
            and event.type() == QEvent.Type.FocusOut
            and QApplication.focusWidget() is not self.edit
        ):
            self.request_save()  # the focus moved on past Save without pressing it
        return super().eventFilter(watched, event)

    def request_save(self) -> None:
        self._idle.stop()
        if self.modified:
            self.save_requested.emit(self.section, self.text())

    def mark_saved(self) -> None:
        self.edit.document().setModified(False)
        self.state.setText(f"Saved at {dt.datetime.now().strftime('%H:%M')}")

    def _modified(self, changed: bool) -> None:
        self.save.setEnabled(changed)
        if changed:
            self.state.setText("Not saved yet: saved when you leave the box, or press Ctrl+S")
