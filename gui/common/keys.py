"""Keys that do what they say: Enter acts once and where it is pressed, Tab leaves a box.

Qt's own widgets pass a Return on to the dialog after acting on it (so a line edit's Enter also
presses the dialog's default button), keep Tab inside a date box showing its special text, move
between cells on Tab in a table, and, on Linux, take Ctrl+E and other Emacs keys away from the
window's shortcuts while a line edit has focus. These small pieces put that right.
"""

from __future__ import annotations

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
# What a line edit may keep for itself when a shortcut of the window uses the same keys.
_EDITING = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.Backspace,
    QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.MoveToNextChar,
    QKeySequence.StandardKey.MoveToPreviousChar,
    QKeySequence.StandardKey.MoveToNextWord,
    QKeySequence.StandardKey.MoveToPreviousWord,
    QKeySequence.StandardKey.MoveToStartOfLine,
    QKeySequence.StandardKey.MoveToEndOfLine,
    QKeySequence.StandardKey.SelectNextChar,
    QKeySequence.StandardKey.SelectPreviousChar,
    QKeySequence.StandardKey.SelectNextWord,
    QKeySequence.StandardKey.SelectPreviousWord,
    QKeySequence.StandardKey.SelectStartOfLine,
    QKeySequence.StandardKey.SelectEndOfLine,
)


def is_editing_key(event: QKeyEvent) -> bool:
    """True for the keys a text box needs (copy, paste, undo typing, move by word…)."""
    return any(event.matches(key) for key in _EDITING)


class FieldLineEdit(QLineEdit):
    """A line edit whose Enter is its own and which leaves the window's shortcuts alone.

    ``returnPressed`` fires once and the key stops here: it never also presses the dialog's
    default button. A Ctrl or Alt key the box does not need for editing (Ctrl+E on Linux, which a
    QLineEdit would take as 'end of line') reaches the window's shortcut instead.
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
            if commanded and not is_editing_key(event):
                event.ignore()  # not ours: let the shortcut have it
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


def tab_leaves(view: QAbstractItemView) -> QAbstractItemView:
    """Tab moves to the next control, not the next cell (arrows move between cells)."""
    view.setTabKeyNavigation(False)
    return view


def one_default_button(dialog: QDialog, default: QPushButton | None) -> None:
    """Make ``default`` the only button Enter presses in ``dialog`` (no button gets it by focus).

    Call after the dialog's buttons exist. With ``default`` None, Enter presses no button.
    """
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
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


def enter_activates(view: QAbstractItemView) -> QAbstractItemView:
    """Enter on ``view`` activates its current row only (Qt also passes it to the dialog)."""
    keeper = _EnterActivates(view)
    view.installEventFilter(keeper)
    return view
