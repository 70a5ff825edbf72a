"""A child's identity facts, typed with the keyboard: the date of birth stays empty until it is
entered (never today's date), a typed date takes, an implausible age is questioned, and Case
details corrects a name or a date of birth with the change in history and undoable."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from window_helpers import ALT, CTRL, SHIFT, answer, focused, key, open_window, type_text
from window_helpers import while_modal as when_shown

from chronology.cases import child_history, get_case, list_cases
from gui.shell.case_dialog import CaseDialog
from summary.case_summary import generate_summary
from summary.render import render_text


@pytest.fixture
def window(qtbot, ws, case, settings, messages):
    return open_window(qtbot, ws, settings)


def _new_case(qtbot, ref: str, child: str, dob: str, then=None) -> list[BaseException]:
    """Ctrl+Shift+N, type the reference, the child's name and date of birth, press Enter."""

    def fill(dialog: CaseDialog) -> None:
        assert focused() is dialog.ref
        type_text(qtbot, ref)
        key(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.child
        type_text(qtbot, child)
        key(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.dob
        assert dialog.dob.text() == ""  # never filled in with today's date
        type_text(qtbot, dob)
        if then is None:
            key(qtbot, Qt.Key.Key_Return)
        else:
            then(dialog)

    failures = when_shown(qtbot, CaseDialog, fill)
    key(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    return failures


def test_an_unknown_date_of_birth_stays_unknown(qtbot, window, ws):
    failures = _new_case(qtbot, "ID-010", "Rowan Example", "")
    assert not failures, failures[0]
    (child,) = get_case(ws, "ID-010").children
    assert child.dob is None
    text = render_text(generate_summary(ws, "ID-010", dt.date(2025, 3, 10)))
    assert "aged" not in text and "0 months" not in text


def test_a_typed_date_of_birth_takes(qtbot, window, ws):
    failures = _new_case(qtbot, "ID-011", "Rowan Example", "14/05/2021")
    assert not failures, failures[0]
    assert get_case(ws, "ID-011").children[0].dob == "2021-05-14"


def test_an_implausible_age_is_questioned_before_it_is_kept(qtbot, window, ws):
    asked: list[str] = []

    def change_then_fix(dialog: CaseDialog) -> None:
        def change(box: QMessageBox) -> None:
            asked.append(box.text())
            answer(box, "Change it")

        inner = when_shown(qtbot, QMessageBox, change)
        key(qtbot, Qt.Key.Key_Return)
        assert not inner, inner[0]
        assert dialog.isVisible() and "check the year" in asked[0]
        qtbot.waitUntil(lambda: focused() is dialog.dob)
        type_text(qtbot, "14/05/2021")  # the year was mistyped; the text is selected
        key(qtbot, Qt.Key.Key_Return)

    failures = _new_case(qtbot, "ID-012", "Rowan Example", "14/05/1991", then=change_then_fix)
    assert not failures, failures[0]
    assert get_case(ws, "ID-012").children[0].dob == "2021-05-14"


def test_a_future_date_of_birth_can_be_kept_for_an_unborn_baby(qtbot, window, ws):
    due = (dt.date.today() + dt.timedelta(days=60)).strftime("%d/%m/%Y")

    def keep(dialog: CaseDialog) -> None:
        inner = when_shown(qtbot, QMessageBox, lambda box: answer(box, "Keep it"))
        key(qtbot, Qt.Key.Key_Return)
        assert not inner, inner[0]

    failures = _new_case(qtbot, "ID-013", "Baby Example", due, then=keep)
    assert not failures, failures[0]
    assert [c.ref for c in list_cases(ws)].count("ID-013") == 1
    assert get_case(ws, "ID-013").children[0].dob > dt.date.today().isoformat()


def test_case_details_corrects_the_child_with_history_and_undo(qtbot, window, ws, case):
    def correct(dialog: CaseDialog) -> None:
        dialog.child.setFocus()
        dialog.child.selectAll()
        type_text(qtbot, "Kai Test-Jones")
        dialog.dob.setFocus()
        dialog.dob.selectAll()
        type_text(qtbot, "02/04/2021")
        key(qtbot, Qt.Key.Key_Return)

    failures = when_shown(qtbot, CaseDialog, correct)
    key(qtbot, Qt.Key.Key_Return, ALT)  # Case › Case details (Alt+Enter: properties)
    assert not failures, failures[0]
    child = get_case(ws, case.ref).children[0]
    assert (child.name, child.dob) == ("Kai Test-Jones", "2021-04-02")
    (change,) = child_history(ws, child.id)
    assert json.loads(change[3]) == {"name": "Kai Test", "dob": "2021-03-02"}
    assert window.cases.model.case_at(0).child_names == "Kai Test-Jones"
    assert window.undo_stack.undoText() == "Correct Kai Test's name and date of birth"

    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.chronology.table.setFocus()
    key(qtbot, Qt.Key.Key_Z, CTRL)
    child = get_case(ws, case.ref).children[0]
    assert (child.name, child.dob) == ("Kai Test", "2021-03-02")
    assert len(child_history(ws, child.id)) == 2  # the undo is in the history too
