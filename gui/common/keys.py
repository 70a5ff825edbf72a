"""Keys that do what they say: Enter acts once and where it is pressed, Tab leaves a box.

Qt's own widgets pass a Return on to the dialog after acting on it (so a line edit's Enter also
presses the dialog's default button), keep Tab inside a date box showing its special text, move
between cells on Tab in a table, and, on Linux, take Ctrl+E and other Emacs keys away from the
window's shortcuts while a line edit has focus. These small pieces put that right.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
V = TypeVar("V", bound=QAbstractItemView)
# The Ctrl+letter keys a line edit keeps for itself; on Linux it would also take the Emacs keys
# (Ctrl+E end of line, Ctrl+K, Ctrl+U…), which are the window's shortcuts here.
_EDITING = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.SelectAll,
)


def redo_keys() -> list[QKeySequence]:
    """Ctrl+Shift+Z, and the platform's own Redo when it differs (Ctrl+Y on Windows).

    The same keys twice would make the shortcut ambiguous, and then it does nothing (Linux).
    """
    keys = [QKeySequence("Ctrl+Shift+Z")]
    return keys + [
        k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k not in keys
    ]


def is_editing_key(event: QKeyEvent) -> bool:
    """True for the Ctrl+letter keys a text box needs (copy, cut, paste, undo, select all)."""
    return any(event.matches(key) for key in _EDITING)


class FieldLineEdit(QLineEdit):
    """A line edit whose Enter is its own and which leaves the window's shortcuts alone.

    ``returnPressed`` fires once and the key stops here: it never also presses the dialog's
    default button. A Ctrl or Alt key the box does not need for editing (Ctrl+E on Linux, which a
    QLineEdit would take as 'end of line') reaches the window's shortcut instead, and so does
    Ctrl+Z when there is no typing in the box to undo.
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        super().keyPressEvent(event)
        if event.key() in _ENTER:
            event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            commanded = modifiers & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            )
            letter = Qt.Key.Key_A.value <= event.key() <= Qt.Key.Key_Z.value
            if commanded and letter and not is_editing_key(event):
                event.ignore()  # not ours: let the shortcut have it
                return False
            if (event.matches(QKeySequence.StandardKey.Undo) and not self.isUndoAvailable()) or (
                event.matches(QKeySequence.StandardKey.Redo) and not self.isRedoAvailable()
            ):
                event.ignore()  # no typing to undo here: Ctrl+Z undoes the last change
                return False
        return super().event(event)


class DateBox(QDateEdit):
    """A date box that Tab always leaves (its day, month and year are reached by arrow keys).

    Qt keeps Tab inside a QDateEdit that shows its special text (such as "Any"), and moves from
    day to month to year on Tab otherwise: a keyboard user could not get past it.
    """

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt override
        return QWidget.focusNextPrevChild(self, forward)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            backward = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            QWidget.focusNextPrevChild(self, not backward)
            event.accept()
            return
        super().keyPressEvent(event)


def tab_leaves(view: V) -> V:
    """Tab moves to the next control, not the next cell (arrows move between cells)."""
    view.setTabKeyNavigation(False)
    return view


def one_default_button(dialog: QDialog, default: QPushButton) -> None:
    """Make ``default`` the one button that Enter in a field of ``dialog`` presses.

    A focused button still answers Enter itself (Qt's auto-default), as keyboard users expect.
    """
    for button in dialog.findChildren(QPushButton):
        button.setDefault(button is default)


class _EnterActivates(QObject):
    """Enter on an item view activates its current row and goes no further."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER
            and isinstance(watched, QAbstractItemView)
            and watched.state() != QAbstractItemView.State.EditingState
        ):
            index = watched.currentIndex()
            if index.isValid():
                watched.activated.emit(index)
            return True  # never the dialog's default button as well
        return False


def enter_activates(view: V) -> V:
    """Enter on ``view`` activates its current row only (Qt also passes it to the dialog)."""
    keeper = _EnterActivates(view)
    view.installEventFilter(keeper)
    return view
