"""What a user does with the mouse and keyboard, for the GUI tests.

Every helper sends real input events to a visible widget (``qtbot.mouseClick``, ``keyClick``,
``keyClicks``) and checks first that a user could reach it: shown, enabled. A modal dialog blocks
the test while its ``exec`` runs, so :func:`when_modal` arranges beforehand what the user will do
in it once it is on screen (a ``QTimer`` callback, running inside the dialog's own event loop).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QStyle,
    QStyleOptionButton,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QWidget,
)

W = TypeVar("W", bound=QWidget)
LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


def reachable(widget: QWidget) -> None:
    """A user can see it and use it (and its window comes to the front when clicked)."""
    name = getattr(widget, "text", lambda: "")() or widget.accessibleName() or repr(widget)
    assert widget.isVisible(), f"{name!r} is not shown"
    assert widget.isEnabled(), f"{name!r} is greyed"
    window = widget.window()
    if not window.isActiveWindow() and QApplication.activeModalWidget() in (None, window):
        window.activateWindow()
        deadline = time.monotonic() + 5
        while not window.isActiveWindow() and time.monotonic() < deadline:
            QApplication.processEvents()


def press(qtbot, button: QAbstractButton) -> None:
    """Click a button (or a tick box, on its box) that a user can see and use."""
    reachable(button)
    if isinstance(button, QCheckBox):  # a tick box is wider than its box and label
        option = QStyleOptionButton()
        button.initStyleOption(option)
        rect = button.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, button)
        qtbot.mouseClick(button, LEFT, pos=rect.center())
        return
    qtbot.mouseClick(button, LEFT)


def press_box(qtbot, box: QDialogButtonBox, which: QDialogButtonBox.StandardButton) -> None:
    """Click one of a dialog's standard buttons (Save, Cancel, Close, OK…)."""
    button = box.button(which)
    assert button is not None, f"the dialog has no {which} button"
    press(qtbot, button)


def click_into(qtbot, widget: QWidget) -> None:
    """Click into a text field (a box that scrolls is clicked in its viewport)."""
    reachable(widget)
    target = widget.viewport() if isinstance(widget, QAbstractScrollArea) else widget
    qtbot.mouseClick(target, LEFT, pos=QPoint(target.width() // 3, target.height() // 2))
    try:  # the window system hands focus over with the window's activation: on a busy machine later
        qtbot.waitUntil(widget.hasFocus, timeout=3000)
    except qtbot.TimeoutError:
        raise AssertionError(f"{widget.accessibleName()!r} did not take the focus") from None


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Replace what a text field (line, box or spin box) holds, as typing does: one line of
    text per line of ``text``, Enter between them."""
    if isinstance(widget, QDateTimeEdit):  # typed section by section from the first one
        reachable(widget)
        qtbot.mouseClick(widget, LEFT, pos=QPoint(4, widget.height() // 2))
        assert widget.hasFocus()
        qtbot.keyClicks(widget, "".join(c for c in text if c.isdigit()))
        return
    click_into(qtbot, widget)
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for n, line in enumerate(text.split("\n")):
        if n:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(widget, line)


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick an item of a drop-down list with the arrow keys."""
    reachable(combo)
    found = combo.findText(text)
    assert found >= 0, (
        f"{text!r} is not offered: {[combo.itemText(i) for i in range(combo.count())]}"
    )
    combo.setFocus(Qt.FocusReason.TabFocusReason)  # the user tabs to it
    key = Qt.Key.Key_Down if found > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(combo.count()):
        if combo.currentIndex() == found:
            break
        qtbot.keyClick(combo, key)
    assert combo.currentText() == text


def cell_point(view: QAbstractItemView, index: QModelIndex) -> QPoint:
    view.scrollTo(index)
    rect = view.visualRect(index)
    assert rect.isValid(), f"row {index.row()} is not on screen"
    return rect.center()


def click_row(qtbot, view: QAbstractItemView, row: int, column: int = 0) -> None:
    """Click a row of a table or list (as it is shown, sorted or not)."""
    reachable(view)
    index = view.model().index(row, column)
    qtbot.mouseClick(view.viewport(), LEFT, pos=cell_point(view, index))


def double_click_row(qtbot, view: QAbstractItemView, row: int, column: int = 0) -> None:
    reachable(view)
    point = cell_point(view, view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), LEFT, pos=point)
    qtbot.mouseDClick(view.viewport(), LEFT, pos=point)


def click_header(qtbot, view: QAbstractItemView, column: int) -> None:
    """Click a column's heading (a table sorts by it; again, the other way)."""
    reachable(view)
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))


def tick_row(qtbot, view: QAbstractItemView, row: int) -> None:
    """Tick (or untick) a row of a tick list: click it, then Space."""
    click_row(qtbot, view, row)
    qtbot.keyClick(view, Qt.Key.Key_Space)


def click_tab(qtbot, tabs: QTabWidget, title: str) -> None:
    """Click a tab by its title (the '&' of a shortcut letter left out)."""
    reachable(tabs)
    bar = tabs.tabBar()
    titles = [bar.tabText(i).replace("&", "") for i in range(bar.count())]
    assert title in titles, f"no tab {title!r}: {titles}"
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(titles.index(title)).center())
    assert tabs.currentIndex() == titles.index(title)


def click_link(qtbot, widget: QWidget, href: str) -> None:
    """Click a link shown in a text browser or a label."""
    reachable(widget)
    if isinstance(widget, QTextBrowser):
        qtbot.mouseClick(widget.viewport(), LEFT, pos=_anchor_point(widget, href))
        return
    assert isinstance(widget, QLabel)
    qtbot.mouseClick(widget, LEFT, pos=_label_link_point(qtbot, widget, href))


def _anchor_point(browser: QTextBrowser, href: str) -> QPoint:
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + min(1, fragment.length() - 1))
                return browser.cursorRect(cursor).center()
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href!r} is shown")


def _label_link_point(qtbot, label: QLabel, href: str) -> QPoint:
    """Move the mouse over the label until it hovers the link (a label has no text layout API)."""
    hovered: list[str] = []
    label.linkHovered.connect(hovered.append)
    try:
        for y in range(2, label.height(), 4):
            for x in range(2, label.width(), 6):
                qtbot.mouseMove(label, QPoint(x, y))
                QApplication.processEvents()
                if hovered and hovered[-1] == href:
                    return QPoint(x, y)
    finally:
        label.linkHovered.disconnect(hovered.append)
    raise AssertionError(f"no link to {href!r} is shown in the label")


def toolbar_button(window: QMainWindow, action: str | QAction) -> QToolButton:
    """The toolbar's button for an action (or its text as in the menu, e.g. '&Import…')."""
    for button in window.findChildren(QToolButton):
        shown = button.defaultAction()
        if shown is None or not button.isVisible():
            continue
        if shown is action or shown.text() == action:
            return button
    raise AssertionError(f"no toolbar button {action!r}")


def activate(qtbot, window: QWidget) -> None:
    """The user brings the window to the front (its shortcuts work only then)."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def shortcut(qtbot, target: QWidget, key: Qt.Key, modifiers=CTRL) -> None:
    """Press a keyboard shortcut (e.g. Ctrl+Z) with the focus on ``target``, its window in front
    (a text box would take Ctrl+Z for itself)."""
    activate(qtbot, target.window())
    target.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(target, key, modifiers)


def menu_item(qtbot, window: QMainWindow, menu_title: str, item: str) -> None:
    """Open a menu of the menu bar with the mouse and click one of its items."""
    bar = window.menuBar()
    entry = next((a for a in bar.actions() if a.text() == menu_title), None)
    assert entry is not None, f"no menu {menu_title!r}"
    menu: QMenu = entry.menu()
    qtbot.mouseClick(bar, LEFT, pos=bar.actionGeometry(entry).center())
    qtbot.waitUntil(menu.isVisible)
    action = next((a for a in menu.actions() if a.text() == item), None)
    assert action is not None, f"no item {item!r} in {menu_title!r}"
    assert action.isEnabled(), f"{item!r} is greyed"
    qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(action).center())


class Modal:
    """What the user will do in a modal dialog of one kind once it shows (see when_modal)."""

    def __init__(self, qtbot, kind: type[W], handler: Callable[[W], None], times: int) -> None:
        self.qtbot = qtbot
        self.kind = kind
        self.handler = handler
        self.left = times
        self.shown = 0
        self.failures: list[BaseException] = []
        self._tries = 0
        QTimer.singleShot(0, self._look)

    def _look(self) -> None:
        if self.left <= 0:
            return
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, self.kind) or not dialog.isVisible():
            self._tries += 1
            if self._tries < 3000:  # a minute: then the test's own assertion says what is wrong
                QTimer.singleShot(20, self._look)
            return
        self.left -= 1
        self.shown += 1
        self._tries = 0
        try:
            if not dialog.isActiveWindow():  # the window system gives a new dialog the focus
                dialog.activateWindow()
                self.qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
            self.handler(dialog)
            if dialog.isVisible():  # the user's last step should have closed it
                raise AssertionError(f"the {self.kind.__name__} is still open after the last step")
        except BaseException as exc:  # reported by check(), after exec has returned
            self.failures.append(exc)
            if dialog.isVisible():
                dialog.reject() if isinstance(dialog, QDialog) else dialog.close()
        if self.left > 0:
            QTimer.singleShot(20, self._look)

    def check(self) -> None:
        """The dialog was shown and everything the user did in it went as the test expected."""
        if self.failures:
            raise self.failures[0]
        assert self.shown, f"no {self.kind.__name__} was shown"


def when_modal(qtbot, kind: type[W], handler: Callable[[W], None], times: int = 1) -> Modal:
    """When a modal ``kind`` is shown, run ``handler`` on it (what the user does there)."""
    return Modal(qtbot, kind, handler, times)


def answer_text(qtbot, text: str) -> Modal:
    """The next question asked with a text box (QInputDialog): type ``text`` and press OK."""

    def answer(dialog: QInputDialog) -> None:
        from PySide6.QtWidgets import QLineEdit

        field = dialog.findChild(QLineEdit)
        type_into(qtbot, field, text)
        press_box(qtbot, dialog.findChild(QDialogButtonBox), QDialogButtonBox.StandardButton.Ok)

    return when_modal(qtbot, QInputDialog, answer)


def escape(qtbot, dialog: QWidget) -> None:
    """Press Escape in a dialog (closes it without saving)."""
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
