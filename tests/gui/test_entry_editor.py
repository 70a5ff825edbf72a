"""The entry editor, opened from the chronology as a user does (Enter, double-click, the detail
pane's button): edits go through the core when Save is pressed, and Ctrl+Z / Ctrl+Shift+Z undo
and redo them through the core's inverses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from user_input import (
    choose,
    click_row,
    click_tab,
    double_click_row,
    press,
    press_box,
    shortcut,
    toolbar_button,
    type_into,
    when_modal,
)

from chronology.entries import entry_history, get_entry, link_duplicate
from chronology.models import EntryStatus, Significance
from gui.chronology.chronology_model import SIGNIFICANCE, SUMMARY
from gui.chronology.entry_dialog import EntryDialog
from gui.shell.main_window import MainWindow

SAVE = QDialogButtonBox.StandardButton.Save
SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, ws, case, settings):
    def open_window() -> MainWindow:
        win = MainWindow(ws, settings)
        qtbot.addWidget(win)
        win.show()
        with qtbot.waitSignal(win.case_loaded, timeout=30_000):
            pass
        return win

    return open_window


def _open_with_enter(qtbot, win: MainWindow, entry_id: int) -> None:
    table = win.chronology.table
    click_row(qtbot, table, win.chronology.model.row_of(entry_id), SUMMARY)
    assert win.chronology.current_entry_id() == entry_id
    qtbot.keyClick(table, Qt.Key.Key_Return)


def _undo(qtbot, win: MainWindow) -> None:
    press(qtbot, toolbar_button(win, win.actions_.undo))


def _redo(qtbot, win: MainWindow) -> None:
    shortcut(qtbot, win.chronology.table, Qt.Key.Key_Z, SHIFT_CTRL)


def test_edit_then_undo_then_redo(qtbot, ws, case, make_entries, window):
    ids = make_entries(ws, case.id, 20)
    win = window()
    target = ids[4]
    row = win.chronology.model.row_of(target)

    def fill(dialog: EntryDialog) -> None:
        choose(qtbot, dialog.significance, "Key")
        press(qtbot, dialog.in_court)
        type_into(qtbot, dialog.analysis, "Part of a pattern of missed health appointments.")
        press_box(qtbot, dialog.buttons, SAVE)

    editor = when_modal(qtbot, EntryDialog, fill)
    _open_with_enter(qtbot, win, target)
    editor.check()
    entry = get_entry(ws, target)
    assert entry.significance == Significance.KEY and entry.in_court
    assert entry.analysis.startswith("Part of a pattern")
    model = win.chronology.model
    qtbot.waitUntil(lambda: model.index(row, SIGNIFICANCE).data() == "Key")
    assert win.undo_stack.count() == 1 and win.undo_stack.undoText() == "Edit entry"

    with qtbot.waitSignal(model.dataChanged):
        _undo(qtbot, win)
    entry = get_entry(ws, target)
    assert entry.significance == Significance.ROUTINE and not entry.in_court
    assert entry.analysis == ""
    assert model.index(row, SIGNIFICANCE).data() == "Routine"

    _redo(qtbot, win)
    assert get_entry(ws, target).significance == Significance.KEY
    assert model.index(row, SIGNIFICANCE).data() == "Key"
    assert [h[2] for h in entry_history(ws, target)] == ["update", "update", "update"]


def test_cancel_and_escape_change_nothing(qtbot, ws, case, make_entries, window):
    ids = make_entries(ws, case.id, 3)
    win = window()

    def cancel(dialog: EntryDialog) -> None:
        type_into(qtbot, dialog.outcome, "Typed, then thought better of it")
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Cancel)

    def escape(dialog: EntryDialog) -> None:
        press(qtbot, dialog.confidential)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    for handler in (cancel, escape):
        editor = when_modal(qtbot, EntryDialog, handler)
        _open_with_enter(qtbot, win, ids[1])
        editor.check()
    entry = get_entry(ws, ids[1])
    assert entry.outcome == "" and not entry.confidential
    assert win.undo_stack.count() == 0


def test_withdraw_needs_a_reason_and_undo_reinstates(
    qtbot, ws, case, make_entries, messages, window
):
    ids = make_entries(ws, case.id, 3)
    win = window()
    asked: list[str] = []

    def withdraw(dialog: EntryDialog) -> None:
        assert not dialog.reason.isEnabled()  # greyed until Withdraw is ticked
        press(qtbot, dialog.withdrawn)
        press_box(qtbot, dialog.buttons, SAVE)  # no reason: refused, the dialog stays open
        asked.append(messages[-1][1])
        assert dialog.isVisible()
        type_into(qtbot, dialog.reason, "Recorded against the wrong child")
        press_box(qtbot, dialog.buttons, SAVE)

    editor = when_modal(qtbot, EntryDialog, withdraw)
    _open_with_enter(qtbot, win, ids[0])
    editor.check()
    assert asked == ["A reason is needed"]
    assert "needs a reason" in messages[-1][2]
    withdrawn = get_entry(ws, ids[0])
    assert withdrawn.status == EntryStatus.WITHDRAWN
    assert withdrawn.status_reason == "Recorded against the wrong child"
    assert win.undo_stack.count() == 1
    _undo(qtbot, win)
    assert get_entry(ws, ids[0]).status == EntryStatus.ACTIVE
    _redo(qtbot, win)
    assert get_entry(ws, ids[0]).status_reason == "Recorded against the wrong child"


def test_double_click_shows_sources_and_history(qtbot, ws, case, make_entries, window):
    ids = make_entries(ws, case.id, 4)
    link_duplicate(ws, ids[3], ids[2])
    win = window()
    seen: dict[str, object] = {}

    def look(dialog: EntryDialog) -> None:
        seen["tab"] = dialog.tabs.tabText(1)
        seen["sources"] = dialog.sources.toPlainText()
        seen["history"] = dialog.history_model.rowCount()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    editor = when_modal(qtbot, EntryDialog, look)
    double_click_row(qtbot, win.chronology.table, win.chronology.model.row_of(ids[2]), SUMMARY)
    editor.check()
    assert seen["tab"] == "Sources (2)"
    assert "Full text of entry 2." in str(seen["sources"])
    assert "Full text of entry 3." in str(seen["sources"])
    assert seen["history"] == 0  # the group's first record was never changed


def test_separating_a_duplicate_is_undoable(qtbot, ws, case, make_entries, window):
    ids = make_entries(ws, case.id, 4)
    link_duplicate(ws, ids[3], ids[2])
    win = window()
    model = win.chronology.model
    assert model.rowCount() == 3
    row = model.row_of(ids[2])

    def separate_first(dialog: EntryDialog) -> None:
        assert dialog.unlink.isHidden()  # the group's first record: nothing to separate from
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    editor = when_modal(qtbot, EntryDialog, separate_first)
    click_row(qtbot, win.chronology.table, row, SUMMARY)
    press(qtbot, win.chronology.detail.edit_button)
    editor.check()

    # The duplicate itself, found by its own wording, is separated from the group.
    def separate(dialog: EntryDialog) -> None:
        assert dialog.entry.id == ids[3]
        click_tab(qtbot, dialog.tabs, "Sources (2)")  # where the button is
        press(qtbot, dialog.unlink)

    editor = when_modal(qtbot, EntryDialog, separate)
    # The window shows a group as its first record and offers no way to open another member's
    # editor (where this button is); the window's own handler is called with the member's id.
    win.edit_entry(ids[3])
    editor.check()
    qtbot.waitUntil(lambda: model.rowCount() == 4)
    assert get_entry(ws, ids[3]).duplicate_of is None
    _undo(qtbot, win)
    assert get_entry(ws, ids[3]).duplicate_of == ids[2]
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    assert model.index(0, SUMMARY).data()
