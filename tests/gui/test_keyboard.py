"""The window with the keyboard alone: Tab leaves tables and date boxes, F6 and Shift+F6 move
between panes, Tab reaches the cases, the summary, Regenerate and the narrative's Save buttons,
the window's shortcuts work from the search box (which has the focus at start), and the
toolbar's Undo says only "Undo"."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QToolButton
from window_helpers import ALT, CTRL, SHIFT, focused, key, open_window, type_text
from window_helpers import while_modal as when_shown

from gui.exporting.export_dialog import ExportDialog
from summary.risks import Risk, add_risk


@pytest.fixture
def window(qtbot, ws, case, settings, make_entries, messages):
    make_entries(ws, case.id, 40)
    add_risk(ws, Risk(case_id=case.id, title="Neglect of health needs", primary=True))
    win = open_window(qtbot, ws, settings)
    qtbot.waitUntil(lambda: win.summary_area.summary is not None, timeout=30_000)
    return win


def test_the_search_box_has_the_focus_and_shortcuts_work_from_it(qtbot, window):
    search = window.chronology.filter_bar.search
    assert focused() is search
    seen: list[str] = []

    def look(dialog: ExportDialog) -> None:
        seen.append(dialog.windowTitle())
        key(qtbot, Qt.Key.Key_Escape)

    failures = when_shown(qtbot, ExportDialog, look)
    key(qtbot, Qt.Key.Key_E, CTRL)
    assert not failures, failures[0]
    assert seen and window.current_case.ref in seen[0]
    qtbot.waitUntil(lambda: focused() is search)
    type_text(qtbot, "weight")
    key(qtbot, Qt.Key.Key_End, CTRL)  # moving in the text still works
    key(qtbot, Qt.Key.Key_A, CTRL)  # select all: the box keeps its editing keys
    assert search.selectedText() == "weight"
    qtbot.waitUntil(lambda: window.chronology.model.rowCount() == 8)  # searched as typed


def test_tab_leaves_the_table_and_the_date_boxes(qtbot, window):
    bar = window.chronology.filter_bar
    bar.date_from.setFocus()
    qtbot.waitUntil(bar.date_from.hasFocus)
    assert bar.date_from.text() == "Any"
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is bar.date_to  # not trapped on "Any"
    key(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert focused() is bar.date_from
    table = window.chronology.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is not table  # the next control, not the next cell
    table.setFocus()
    key(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert focused() is not table


def test_f6_and_shift_f6_cycle_the_panes(qtbot, window):
    chronology, detail = window.chronology, window.chronology.detail
    names = []
    for _ in range(4):
        key(qtbot, Qt.Key.Key_F6)
        names.append(window.panes.panes[window.panes.current()].name)
    assert names == ["entry", "summary", "cases", "chronology"]  # from the search box
    assert focused() is chronology.table
    key(qtbot, Qt.Key.Key_F6)
    assert focused() is detail.browser
    key(qtbot, Qt.Key.Key_F6, SHIFT)
    assert focused() is chronology.table
    key(qtbot, Qt.Key.Key_F6, SHIFT)
    assert focused() is window.cases.table


def test_tab_reaches_the_cases_the_summary_and_its_buttons(qtbot, window):
    """(A narrative's Save button is enabled once there is something to save: the next test.)"""
    view = window.summary_area.view
    wanted = {
        "cases list": window.cases.table,
        "chronology": window.chronology.table,
        "summary page": view.top,
        "Regenerate": view.regenerate_button,
        "Versions": view.versions_button,
        "a narrative box": view.editors["analysis"].edit,
    }
    reached: set[str] = set()
    for _ in range(80):
        key(qtbot, Qt.Key.Key_Tab)
        for name, widget in wanted.items():
            if focused() is widget:
                reached.add(name)
    assert reached == set(wanted)


def test_a_narrative_is_saved_with_tab_then_space_on_its_save_button(qtbot, window, ws, case):
    from summary.narrative import get_narrative

    editor = window.summary_area.view.editors["analysis"]
    editor.edit.setFocus()
    qtbot.waitUntil(editor.edit.hasFocus)
    type_text(qtbot, "The risk is conditional on contact.")
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is editor.save and editor.save.isEnabled()
    key(qtbot, Qt.Key.Key_Space)
    assert get_narrative(ws, case.ref, "analysis") == "The risk is conditional on contact."


def test_standard_shortcuts(window):
    a = window.actions_
    shortcut = {
        name: getattr(a, name).shortcut()
        for name in vars(a)
        if hasattr(getattr(a, name), "shortcut")
    }
    standard = QKeySequence.StandardKey
    assert shortcut["undo"] == QKeySequence(standard.Undo)
    assert QKeySequence("Ctrl+Shift+Z") in a.redo.shortcuts()
    assert len(set(a.redo.shortcuts())) == len(a.redo.shortcuts())  # none twice: ambiguous
    assert shortcut["find"] == QKeySequence(standard.Find)
    assert shortcut["quit"] == QKeySequence(standard.Quit)
    assert shortcut["new_workspace"] == QKeySequence(standard.New)
    assert shortcut["open_workspace"] == QKeySequence(standard.Open)
    assert shortcut["about"] == QKeySequence(standard.HelpContents)
    assert shortcut["next_pane"] == QKeySequence("F6")
    assert shortcut["previous_pane"] == QKeySequence("Shift+F6")
    assert shortcut["export"] == QKeySequence("Ctrl+E")
    assert shortcut["import_files"] == QKeySequence("Ctrl+I")


def test_the_toolbar_undo_button_stays_short(qtbot, window, ws, case):
    from gui.common.undo import perform
    from gui.risks.risk_commands import AddRiskCommand

    title = "Conditional threat: a very long risk title that would stretch the toolbar button"
    perform(window.undo_stack, AddRiskCommand(ws, Risk(case_id=case.id, title=title), [], print))
    (button,) = [
        b
        for b in window.toolbar.findChildren(QToolButton)
        if b.defaultAction() is window.actions_.undo
    ]
    assert button.text() == "Undo"
    assert title in button.toolTip() and title in window.actions_.undo.text()
    assert button.sizeHint().width() < 120


def _alt_keys(window) -> dict[str, list[str]]:
    """The Alt+letter of every control shown in the window: menus, tabs, buttons, labels."""
    found: dict[str, list[str]] = {}

    def note(text: str, what: str) -> None:
        letter = re.search(r"&([^&])", text.replace("&&", ""))
        if letter:
            found.setdefault(letter.group(1).lower(), []).append(what)

    for action in window.menuBar().actions():
        note(action.text(), f"menu {action.text()}")
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            for n in range(bar.count()):
                note(bar.tabText(n), f"tab {bar.tabText(n)}")
    for button in window.findChildren(QAbstractButton):
        if button.isVisible():
            note(button.text(), f"button {button.text()}")
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None:
            note(label.text(), f"label {label.text()}")
    return found


def test_each_alt_key_of_the_window_does_one_thing(qtbot, window):
    """Two controls on one Alt key only take the focus in turn: neither is pressed."""
    tabs = window.central_tabs
    key(qtbot, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: tabs.currentWidget() is window.supervision_tab)
    qtbot.waitUntil(lambda: window.supervision is not None and window.supervision.isVisible())
    shared = {k: v for k, v in _alt_keys(window).items() if len(v) > 1}
    assert not shared, shared
    key(qtbot, Qt.Key.Key_L, ALT)
    qtbot.waitUntil(lambda: tabs.currentWidget() is window.chronology)
    shared = {k: v for k, v in _alt_keys(window).items() if len(v) > 1}
    assert not shared, shared


def test_f6_reaches_the_supervision_tab_when_it_is_shown(qtbot, window):
    key(qtbot, Qt.Key.Key_S, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.supervision is not None and window.supervision.isVisible())
    names = []
    for _ in range(4):
        key(qtbot, Qt.Key.Key_F6)
        names.append(window.panes.panes[window.panes.current()].name)
    assert "supervision" in names and "chronology" not in names
    for _ in range(6):  # round again to the tab: its records box has the keys
        if window.panes.panes[window.panes.current()].name == "supervision":
            break
        key(qtbot, Qt.Key.Key_F6)
    assert focused() is window.supervision.records
