"""The quarantine beside the chronology, driven with the keyboard: Enter fixes the selected row
once; a row missing a column is shown raw and asked about; Ctrl+Z takes a fix or a discard back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from window_helpers import CTRL, SHIFT, answer, click, focused, key, open_window, type_text
from window_helpers import while_modal as when_shown

from chronology.entries import EntryFilter, count_entries, list_entries
from chronology.importers.pipeline import run_import
from chronology.quarantine import list_quarantine


@pytest.fixture
def window(qtbot, ws, case, settings, data):
    run_import(ws, case.id, [data / "ragged_visits.csv"])  # rows 3 (date) and 4 (short) wait
    win = open_window(qtbot, ws, settings)
    assert win.chronology.model.rowCount() == 4
    return win


def _open_quarantine(qtbot, window):
    key(qtbot, Qt.Key.Key_Q, CTRL | SHIFT)
    pane = window.quarantine
    assert window.quarantine_dock.isVisible() and not pane.isWindow()
    assert window.chronology.isVisible()  # the chronology stays in sight: not a modal dialog
    assert focused() is pane.date  # ready to type the date
    return pane


def _waiting(ws, case) -> list[int]:
    return [q.row for q in list_quarantine(ws, case.id)]


def test_one_enter_fixes_the_selected_row_only(qtbot, window, ws, case, messages):
    pane = _open_quarantine(qtbot, window)
    assert pane.current_row().row == 3 and pane.date.text() == "last Tuesday"
    pane.date.selectAll()
    type_text(qtbot, "12/03/2024")
    key(qtbot, Qt.Key.Key_Return)
    assert _waiting(ws, case) == [4]  # the next row, with its readable date, was not touched
    assert count_entries(ws, case.id) == 5
    assert pane.current_row().row == 4 and not messages
    qtbot.waitUntil(lambda: window.chronology.model.rowCount() == 5)
    (fixed,) = list_entries(ws, case.id, EntryFilter(search="card was left"))
    assert (fixed.date, fixed.time, fixed.agency) == ("2024-03-12", "09:00", "Family Centre")


def test_a_row_missing_a_column_is_shown_raw_and_asked_about(qtbot, window, ws, case, messages):
    pane = _open_quarantine(qtbot, window)
    key(qtbot, Qt.Key.Key_Tab, SHIFT)  # back to the table
    assert focused() is pane.table
    key(qtbot, Qt.Key.Key_Down)
    row = pane.current_row()
    assert row.row == 4 and row.reason.startswith("missing column")
    assert pane.checks.isVisible() and "missing column" in pane.check_note.text()
    assert pane.fields["agency"].text() == "Unplanned visit"  # where the shifted cell landed

    seen: list[str] = []

    def check_first(box: QMessageBox) -> None:
        seen.append(box.text())
        answer(box, "Check the fields")

    failures = when_shown(qtbot, QMessageBox, check_first)
    pane.date.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    assert not failures, failures[0]
    assert "18/03/2024,11:15,Unplanned visit" in seen[0].replace(" | ", ",") or (
        "Unplanned visit" in seen[0] and "Arrived unannounced" in seen[0]
    )
    assert _waiting(ws, case) == [3, 4]  # nothing was made of it
    qtbot.waitUntil(lambda: focused() is pane.fields["agency"], timeout=2_000)

    # The worker puts the cells where they belong, then agrees.
    pane.fields["agency"].selectAll()
    type_text(qtbot, "Family Centre")
    pane.fields["type"].setFocus()
    pane.fields["type"].selectAll()
    type_text(qtbot, "Unplanned visit")
    pane.fields["text"].setFocus()
    type_text(qtbot, "Arrived unannounced; father was present and calm throughout the visit.")
    failures = when_shown(qtbot, QMessageBox, lambda box: answer(box, "Make it an entry"))
    key(qtbot, Qt.Key.Key_Return)
    assert not failures, failures[0]
    assert _waiting(ws, case) == [3]
    (entry,) = list_entries(ws, case.id, EntryFilter(search="arrived unannounced"))
    assert (entry.agency, entry.source_type, entry.date) == (
        "Family Centre",
        "Unplanned visit",
        "2024-03-18",
    )


def test_a_fix_and_a_discard_are_undone_and_redone_with_the_keys(qtbot, window, ws, case, messages):
    pane = _open_quarantine(qtbot, window)
    pane.date.selectAll()
    type_text(qtbot, "12/03/2024")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.chronology.model.rowCount() == 5)
    assert window.undo_stack.undoText() == "Fix row 3 of ragged_visits.csv"

    window.chronology.table.setFocus()
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert _waiting(ws, case) == [3, 4] and pane.model.rowCount() == 2
    qtbot.waitUntil(lambda: window.chronology.model.rowCount() == 4)
    key(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _waiting(ws, case) == [4]
    qtbot.waitUntil(lambda: window.chronology.model.rowCount() == 5)

    # Discard the remaining row with a reason, then take the discard back.
    def give_reason(dialog: QInputDialog) -> None:
        dialog.setTextValue("a note about a visit already recorded")
        dialog.accept()

    failures = when_shown(qtbot, QInputDialog, give_reason)
    click(qtbot, pane.discard)
    assert not failures, failures[0]
    assert _waiting(ws, case) == [] and pane.model.rowCount() == 0
    assert window.undo_stack.undoText() == "Discard row 4 of ragged_visits.csv"
    window.chronology.table.setFocus()
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert _waiting(ws, case) == [4] and pane.model.rowCount() == 1


def test_a_discard_without_a_reason_is_refused_and_escape_cancels(
    qtbot, window, ws, case, messages
):
    pane = _open_quarantine(qtbot, window)

    def escape(dialog: QInputDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    failures = when_shown(qtbot, QInputDialog, escape)
    click(qtbot, pane.discard)
    assert not failures, failures[0]
    assert _waiting(ws, case) == [3, 4]

    def empty(dialog: QInputDialog) -> None:
        dialog.setTextValue("   ")
        dialog.accept()

    failures = when_shown(qtbot, QInputDialog, empty)
    click(qtbot, pane.discard)
    assert not failures, failures[0]
    assert _waiting(ws, case) == [3, 4]
    assert messages[-1][1] == "Row not discarded"
    assert window.undo_stack.count() == 0  # a refused action is not on the undo stack
