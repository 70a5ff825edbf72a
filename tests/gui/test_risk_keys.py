"""Keys in the risk register and its dialogs: Enter in the evidence search searches (never saves),
Enter on a result links it, Escape cancels, one default button per dialog; evidence links and
reviews are undone with Ctrl+Z and redone with Ctrl+Shift+Z."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton
from window_helpers import ALT, CTRL, SHIFT, click, focused, key, open_window, type_text
from window_helpers import while_modal as when_shown

from gui.risks.review_dialog import ReviewDialog
from gui.risks.risk_dialog import RiskDialog
from gui.shell.case_dialog import CaseDialog
from summary.risks import Risk, add_risk, get_risk, list_risks, risk_history


@pytest.fixture
def window(qtbot, ws, case, settings, make_entries, messages):
    make_entries(ws, case.id, 60)
    return open_window(qtbot, ws, settings)


@pytest.fixture
def register(qtbot, window):
    key(qtbot, Qt.Key.Key_R, CTRL)
    reg = window.risk_register
    assert reg.isVisible() and not reg.isModal()
    reg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is reg)
    yield reg
    reg.close()


def _defaults(dialog) -> list[QPushButton]:
    return [b for b in dialog.findChildren(QPushButton) if b.isDefault()]


def test_enter_in_the_evidence_search_searches_and_never_saves(qtbot, window, register, ws, case):
    seen: dict[str, object] = {}

    def work(dialog: RiskDialog) -> None:
        assert _defaults(dialog) == [dialog.buttons.button(QDialogButtonBox.StandardButton.Save)]
        type_text(qtbot, "Threat to the child")  # the title box has the focus
        dialog.tabs.setCurrentIndex(2)  # the Evidence tab
        dialog.search.setFocus()
        type_text(qtbot, "we")  # too short to search as you type
        key(qtbot, Qt.Key.Key_Return)
        seen["visible after Enter"] = dialog.isVisible()
        seen["results"] = dialog.results_model.rowCount()
        dialog.results.setFocus()
        key(qtbot, Qt.Key.Key_Return)  # Enter on a result links it
        seen["visible after linking"] = dialog.isVisible()
        seen["linked"] = dialog.evidence_tab.evidence_model.rowCount()
        key(qtbot, Qt.Key.Key_Escape)  # cancel the whole dialog

    failures = when_shown(qtbot, RiskDialog, work)
    key(qtbot, Qt.Key.Key_A, ALT)  # "&Add risk…" (a button's Alt key clicks it after a moment)
    qtbot.waitUntil(lambda: "linked" in seen or bool(failures), timeout=10_000)
    assert not failures, failures[0]
    assert seen["visible after Enter"] and seen["results"] == 12  # 'weight check' entries
    assert seen["visible after linking"] and seen["linked"] == 1
    assert list_risks(ws, case.id) == []  # Escape: nothing saved


def test_enter_in_the_title_saves_the_risk_once(qtbot, window, register, ws, case):
    def work(dialog: RiskDialog) -> None:
        type_text(qtbot, "Neglect of health needs")
        key(qtbot, Qt.Key.Key_Return)

    failures = when_shown(qtbot, RiskDialog, work)
    key(qtbot, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: bool(list_risks(ws, case.id) or failures), timeout=10_000)
    assert not failures, failures[0]
    assert [r.title for r in list_risks(ws, case.id)] == ["Neglect of health needs"]


def test_enter_on_the_register_table_edits_and_keeps_the_register_open(
    qtbot, window, register, ws, case
):
    add_risk(ws, Risk(case_id=case.id, title="Domestic abuse"))
    register.reload()
    register.table.setFocus()
    opened: list[str] = []

    def escape(dialog: RiskDialog) -> None:
        opened.append(dialog.title.text())
        key(qtbot, Qt.Key.Key_Escape)

    failures = when_shown(qtbot, RiskDialog, escape)
    key(qtbot, Qt.Key.Key_Return)
    assert not failures, failures[0]
    assert opened == ["Domestic abuse"] and register.isVisible()


def test_evidence_links_are_undone_and_redone(qtbot, window, register, ws, case):
    risk = add_risk(ws, Risk(case_id=case.id, title="Neglect of health needs"))
    register.reload()
    entry_id = window.chronology.model.entry_at(3).id
    assert window.chronology.select_entry(entry_id)  # the worker picks an entry
    click(qtbot, register.link_entry)
    assert get_risk(ws, risk.id).evidence == [entry_id]
    assert "Undo" in register.message.text()

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.chronology.table.setFocus()
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert get_risk(ws, risk.id).evidence == []
    key(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert get_risk(ws, risk.id).evidence == [entry_id]
    actions = [a for _at, _who, a, _o, _n in risk_history(ws, risk.id)]
    assert actions[-3:] == ["evidence", "unlink evidence", "evidence"]


def test_evidence_linked_and_unlinked_in_the_editor_is_one_undo_step(
    qtbot, window, register, ws, case
):
    first = window.chronology.model.entry_at(0).id
    risk = add_risk(ws, Risk(case_id=case.id, title="Neglect of health needs"))
    from summary.risks import add_evidence

    add_evidence(ws, risk.id, first)
    register.reload()

    def work(dialog: RiskDialog) -> None:
        dialog.tabs.setCurrentIndex(2)
        dialog.evidence_tab.evidence.setFocus()
        dialog.evidence_tab.evidence.selectRow(0)
        click(qtbot, dialog.evidence_tab.unlink)
        dialog.search.setFocus()
        type_text(qtbot, "weight")
        key(qtbot, Qt.Key.Key_Return)
        dialog.results.setFocus()
        key(qtbot, Qt.Key.Key_Down)  # the second result: the first is the entry unlinked
        key(qtbot, Qt.Key.Key_Return)
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    failures = when_shown(qtbot, RiskDialog, work)
    click(qtbot, register.edit)
    assert not failures, failures[0]
    after = get_risk(ws, risk.id).evidence
    assert first not in after and len(after) == 1
    qtbot.waitUntil(lambda: QApplication.activeWindow() is register)
    key(qtbot, Qt.Key.Key_Z, CTRL)  # in the register: the case's last change
    assert get_risk(ws, risk.id).evidence == [first]


def test_a_review_is_recorded_with_enter_and_undone(qtbot, window, register, ws, case):
    risk = add_risk(ws, Risk(case_id=case.id, title="Domestic abuse", identified_on="2024-01-01"))
    register.reload()

    def work(dialog: ReviewDialog) -> None:
        assert _defaults(dialog) == [dialog.buttons.button(QDialogButtonBox.StandardButton.Save)]
        dialog.note.setFocus()
        type_text(qtbot, "Safety plan agreed at the core group.")
        key(qtbot, Qt.Key.Key_Tab)  # the note box passes Tab on
        assert focused() is dialog.buttons.button(QDialogButtonBox.StandardButton.Save) or (
            dialog.buttons.isAncestorOf(focused())
        )
        dialog.by.setFocus()
        key(qtbot, Qt.Key.Key_Return)  # Enter in a field: the default button, once

    failures = when_shown(qtbot, ReviewDialog, work)
    click(qtbot, register.review)
    assert not failures, failures[0]
    assert [r.note for r in get_risk(ws, risk.id).reviews] == [
        "Safety plan agreed at the core group."
    ]
    assert window.undo_stack.undoText() == "Record review"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is register)
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert get_risk(ws, risk.id).reviews == []
    key(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(get_risk(ws, risk.id).reviews) == 1


def test_every_dialog_has_one_default_button(qtbot, ws, ws_path, case):
    from gui.exporting.export_dialog import ExportDialog

    for dialog, name in (
        (RiskDialog(ws, case.id), "Save"),
        (CaseDialog(ws, case), "Save"),
        (CaseDialog(ws, None), "Save"),
        (ExportDialog(ws, ws_path, case), "Export"),  # not "Choose…"
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        defaults = _defaults(dialog)
        assert [b.text().replace("&", "") for b in defaults] == [name], type(dialog).__name__
        dialog.reject()
