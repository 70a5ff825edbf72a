"""Helpers for tests that drive the main window as a user does: keys into the focused widget,
clicks on visible enabled buttons, real dialogs answered while they are shown modally."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox, QWidget

from gui.shell.main_window import MainWindow

D = TypeVar("D", bound=QWidget)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def open_window(qtbot, ws, settings, width: int | None = None, height: int | None = None):
    """The main window on ``ws``, shown, active, its first case loaded."""
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    if width and height:
        win.resize(width, height)
    win.show()
    with qtbot.waitSignal(win.case_loaded, timeout=30_000):
        pass
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def key(qtbot, k: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
    """Press a key in whatever widget has the keyboard focus now, as a user would."""
    if QApplication.activeWindow() is None:
        # A window just closed (a progress dialog, a message): a window manager activates the
        # one underneath; the offscreen platform does not, so do it here.
        under = QApplication.activeModalWidget() or next(
            (w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()), None
        )
        if under is not None:
            under.activateWindow()
    qtbot.waitUntil(lambda: focused() is not None, timeout=2_000)
    qtbot.keyClick(focused(), k, modifiers)
    if modifiers != Qt.KeyboardModifier.NoModifier and focused() is not None:
        # Let go of Ctrl/Shift/Alt: QTest leaves them held in the application's key state.
        qtbot.keyRelease(focused(), Qt.Key.Key_Control, Qt.KeyboardModifier.NoModifier)


def type_text(qtbot, text: str) -> None:
    widget = focused()
    assert widget is not None, "no widget has the keyboard focus"
    qtbot.keyClicks(widget, text)


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisible(), f"{button.text()!r} is not shown"
    assert button.isEnabled(), f"{button.text()!r} is greyed"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def while_modal(
    qtbot, kind: type[D], handler: Callable[[D], None], *, timeout_ms: int = 20_000
) -> list[BaseException]:
    """Run ``handler`` on the next ``kind`` dialog once it is shown modally (exec blocks)."""
    failures: list[BaseException] = []
    waited = {"ms": 0}
    before = QApplication.activeWindow()

    def give_back() -> None:
        # What a window manager does when a dialog closes (the offscreen platform does not).
        active = QApplication.activeWindow()
        if before is not None and (active is None or not active.isVisible()):
            before.activateWindow()

    def find() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and QApplication.activeWindow() is not dialog:
            dialog.activateWindow()  # a window manager activates a new modal dialog
        # Wait until it is the active window too, as the user's keys go to it only then.
        if not isinstance(dialog, kind) or QApplication.activeWindow() is not dialog:
            waited["ms"] += 20
            if waited["ms"] > timeout_ms:
                failures.append(AssertionError(f"no {kind.__name__} was shown"))
                return
            QTimer.singleShot(20, find)
            return
        try:
            handler(dialog)
        except BaseException as exc:  # reported after exec returns
            failures.append(exc)
        if isinstance(dialog, QDialog) and dialog.isVisible() and dialog.isModal():
            if not failures:
                failures.append(AssertionError(f"{kind.__name__} was left open"))
            dialog.reject()  # never leave the test blocked in exec
        QTimer.singleShot(0, give_back)

    QTimer.singleShot(0, find)
    return failures


def answer(box: QMessageBox, text: str) -> None:
    """Press the message box's button whose text (without '&') starts with ``text``."""
    for button in box.buttons():
        if button.text().replace("&", "").startswith(text):
            button.click()
            return
    raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")
