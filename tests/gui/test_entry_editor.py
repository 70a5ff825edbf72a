"""The entry editor: edits go through the core, then undo and redo call the inverse."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QWidget

from chronology.entries import entry_history, get_entry, link_duplicate
from chronology.models import EntryStatus, Significance
from gui.chronology.chronology_model import SIGNIFICANCE, SUMMARY
from gui.chronology.chronology_panel import ChronologyPanel
from gui.chronology.entry_dialog import EntryDialog, edit_entry


def _answer(monkeypatch, fill):
    def fake_exec(self: EntryDialog) -> int:
        fill(self)
        self._accept()
        return self.result()

    monkeypatch.setattr(EntryDialog, "exec", fake_exec)


def test_edit_then_undo_then_redo(qtbot, ws, case, make_entries, monkeypatch):
    ids = make_entries(ws, case.id, 20)
    panel = ChronologyPanel(ws)
    qtbot.addWidget(panel)
    panel.set_case(case.id)
    stack = QUndoStack()
    target = ids[4]
    row = panel.model.row_of(target)

    def fill(dialog: EntryDialog) -> None:
        dialog.significance.setCurrentIndex(dialog.significance.findData("key"))
        dialog.in_court.setChecked(True)
        dialog.analysis.setPlainText("Part of a pattern of missed health appointments.")

    _answer(monkeypatch, fill)
    with qtbot.waitSignal(panel.model.dataChanged):
        assert edit_entry(panel, ws, stack, target, panel.model.entry_changed, lambda _i: None)
    entry = get_entry(ws, target)
    assert entry.significance == Significance.KEY and entry.in_court
    assert entry.analysis.startswith("Part of a pattern")
    assert panel.model.index(row, SIGNIFICANCE).data() == "Key"
    assert stack.count() == 1 and stack.undoText() == "Edit entry"

    with qtbot.waitSignal(panel.model.dataChanged):
        stack.undo()
    entry = get_entry(ws, target)
    assert entry.significance == Significance.ROUTINE and not entry.in_court
    assert entry.analysis == ""
    assert panel.model.index(row, SIGNIFICANCE).data() == "Routine"

    stack.redo()
    assert get_entry(ws, target).significance == Significance.KEY
    assert panel.model.index(row, SIGNIFICANCE).data() == "Key"
    assert [h[2] for h in entry_history(ws, target)] == ["update", "update", "update"]


def test_withdraw_needs_a_reason_and_undo_reinstates(
    qtbot, ws, case, make_entries, monkeypatch, messages
):
    ids = make_entries(ws, case.id, 3)
    parent = QWidget()
    qtbot.addWidget(parent)
    stack = QUndoStack()
    changed: list[int] = []

    def no_reason(dialog: EntryDialog) -> None:
        dialog.withdrawn.setChecked(True)

    _answer(monkeypatch, no_reason)
    assert not edit_entry(parent, ws, stack, ids[0], changed.append, changed.append)
    assert messages and messages[-1][1] == "A reason is needed"
    assert stack.count() == 0

    def with_reason(dialog: EntryDialog) -> None:
        dialog.withdrawn.setChecked(True)
        dialog.reason.setText("Recorded against the wrong child")

    _answer(monkeypatch, with_reason)
    assert edit_entry(parent, ws, stack, ids[0], changed.append, changed.append)
    assert get_entry(ws, ids[0]).status == EntryStatus.WITHDRAWN
    assert changed == [ids[0]]
    stack.undo()
    assert get_entry(ws, ids[0]).status == EntryStatus.ACTIVE
    stack.redo()
    assert get_entry(ws, ids[0]).status_reason == "Recorded against the wrong child"


def test_dialog_shows_sources_and_history(qtbot, ws, case, make_entries):
    ids = make_entries(ws, case.id, 4)
    link_duplicate(ws, ids[3], ids[2])
    dialog = EntryDialog(ws, get_entry(ws, ids[3]))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.tabs.tabText(1) == "Sources (2)"
    assert "Full text of entry 2." in dialog.sources.toPlainText()
    assert "Full text of entry 3." in dialog.sources.toPlainText()
    assert dialog.history_model.rowCount() == 1  # the link
    assert not dialog.unlink.isHidden()
    assert dialog.changes() == ({}, {})
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_separating_a_duplicate_is_undoable(qtbot, ws, case, make_entries, monkeypatch):
    ids = make_entries(ws, case.id, 4)
    link_duplicate(ws, ids[3], ids[2])
    panel = ChronologyPanel(ws)
    qtbot.addWidget(panel)
    panel.set_case(case.id)
    assert panel.model.rowCount() == 3
    stack = QUndoStack()
    _answer(monkeypatch, lambda dialog: dialog._unlink())
    assert edit_entry(
        panel, ws, stack, ids[3], panel.model.entry_changed, lambda _i: panel.refresh()
    )
    assert panel.model.rowCount() == 4
    stack.undo()
    assert get_entry(ws, ids[3]).duplicate_of == ids[2]
    assert panel.model.rowCount() == 3
    assert panel.model.index(0, SUMMARY).data()
