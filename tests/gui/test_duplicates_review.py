"""The review queue of possible duplicates, worked as a user would: opened from the toolbar, the
Case menu and the summary's alert; the two records side by side with their differences marked;
decisions with the buttons and the keys; undone with the dialog's Undo, Ctrl+Z and the window's
Undo. Proceedings periods confirmed, edited, added and rejected in their dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLineEdit
from user_input import (
    click_link,
    click_row,
    menu_item,
    press,
    press_box,
    toolbar_button,
    type_into,
    when_modal,
)

from chronology.duplicate_pairs import get_pair, list_pairs
from chronology.entries import add_entry, get_entry
from chronology.importers.pipeline import run_import
from chronology.models import Entry, EntryType, Precision
from chronology.proceedings import periods_for
from gui.chronology.duplicates_dialog import DuplicateReviewDialog
from gui.shell.main_window import MainWindow
from gui.summary.period_editor import PeriodEditor
from gui.summary.proceedings_dialog import ProceedingsDialog

DUPS = Path(__file__).resolve().parent.parent / "data" / "duplicates"
SAVE = QDialogButtonBox.StandardButton.Save
OK = QDialogButtonBox.StandardButton.Ok


def _linked(ws, a: int, b: int) -> bool:
    ea, eb = get_entry(ws, a), get_entry(ws, b)
    return (ea.duplicate_of or ea.id) == (eb.duplicate_of or eb.id)


@pytest.fixture
def window(qtbot, ws, case, settings) -> MainWindow:
    reports = run_import(ws, case.id or 0, [DUPS / "sw_calls.csv", DUPS / "hv_calls.csv"])
    assert sum(r.possible_duplicates for r in reports) == 6
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)  # a council laptop: the whole toolbar shows
    win.show()
    with qtbot.waitSignal(win.case_loaded, timeout=30_000):
        pass
    return win


def test_review_with_buttons_and_keys_and_take_it_back(
    qtbot, window: MainWindow, ws, case, tmp_path: Path
) -> None:
    seen: dict[str, object] = {}

    def review(dialog: DuplicateReviewDialog) -> None:
        first = dialog.current
        assert first is not None and "6 waiting" in dialog.position.text()
        assert first.reasons[0] in dialog.reasons.text()
        # Both records side by side, what one says and the other does not marked.
        left, right = dialog.left.toHtml(), dialog.right.toHtml()
        assert get_entry(ws, first.a).text.split()[0] in dialog.left.toPlainText()
        assert get_entry(ws, first.b).text.split()[0] in dialog.right.toPlainText()
        assert "#ffe58a" in left and "#ffe58a" in right
        shot = tmp_path / "duplicates.png"
        assert dialog.grab().save(str(shot)) and shot.stat().st_size > 10_000
        # "Same event": the two entries are linked, the next waiting pair is shown.
        press(qtbot, dialog.same_button)
        assert get_pair(ws, first.id).status == "confirmed"
        assert _linked(ws, first.a, first.b)
        second = dialog.current
        assert second is not None and second.id != first.id and second.status == "possible"
        # R: different events; never proposed again.
        qtbot.keyClick(dialog, Qt.Key.Key_R)
        assert get_pair(ws, second.id).status == "rejected"
        assert not _linked(ws, second.a, second.b)
        # N and P move without deciding.
        third = dialog.current
        qtbot.keyClick(dialog, Qt.Key.Key_N)
        assert dialog.current is not None and dialog.current.id != third.id
        qtbot.keyClick(dialog, Qt.Key.Key_P)
        assert dialog.current.id == third.id
        # The dialog's Undo takes the last decision back; Ctrl+Z the one before.
        press(qtbot, dialog.undo_button)
        assert get_pair(ws, second.id).status == "possible"
        assert dialog.current.id == second.id
        qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert get_pair(ws, first.id).status == "possible"
        assert not _linked(ws, first.a, first.b)
        # C confirms again; the window's Undo (after closing) will take it back.
        qtbot.keyClick(dialog, Qt.Key.Key_C)
        assert get_pair(ws, first.id).status == "confirmed"
        seen["first"] = first
        press(qtbot, dialog.close_button)

    modal = when_modal(qtbot, DuplicateReviewDialog, review)
    press(qtbot, toolbar_button(window, "Possible &duplicates…"))
    modal.check()
    first = seen["first"]
    press(qtbot, toolbar_button(window, window.actions_.undo))
    assert get_pair(ws, first.id).status == "possible"  # type: ignore[attr-defined]
    history = ws.conn.execute(
        "SELECT action FROM history WHERE tbl='duplicate_pairs' ORDER BY id"
    ).fetchall()
    assert [h[0] for h in history][:2] == ["confirm", "reject"]


def test_the_summary_alert_opens_the_review(qtbot, window: MainWindow) -> None:
    view = window.summary_area.view
    qtbot.waitUntil(lambda: "possible duplicates to review" in view.top.toPlainText())

    def close(dialog: DuplicateReviewDialog) -> None:
        assert len(dialog.pairs) == 6
        press(qtbot, dialog.close_button)

    modal = when_modal(qtbot, DuplicateReviewDialog, close)
    click_link(qtbot, view.top, "duplicates:")
    modal.check()


def test_an_empty_queue_says_so(qtbot, window: MainWindow, ws, case) -> None:
    for pair in list_pairs(ws, case.id or 0, "possible"):
        from chronology.duplicate_pairs import reject_pair

        reject_pair(ws, pair.id)

    def look(dialog: DuplicateReviewDialog) -> None:
        assert "No possible duplicates" in dialog.position.text()
        assert not dialog.same_button.isEnabled() and not dialog.different_button.isEnabled()
        press(qtbot, dialog.close_button)

    modal = when_modal(qtbot, DuplicateReviewDialog, look)
    menu_item(qtbot, window, "&Case", "Possible &duplicates…")
    modal.check()


def _court(ws, case, date: str, text: str) -> None:
    add_entry(
        ws,
        Entry(
            case_id=case.id or 0,
            date=date,
            precision=Precision.DAY,
            summary=text,
            text=text,
            type=EntryType.COURT,
            agency="Family court",
        ),
    )


def test_proceedings_periods_confirmed_edited_added_and_rejected(
    qtbot, window: MainWindow, ws, case
) -> None:
    _court(ws, case, "2022-02-03", "Application for a child arrangements order issued (C100).")
    _court(ws, case, "2022-10-11", "The magistrates made the order on a final basis.")

    def edit(editor: PeriodEditor) -> None:
        type_into(qtbot, editor.court, "Family Court at Wrenfold")
        press_box(qtbot, editor.buttons, SAVE)

    def add(editor: PeriodEditor) -> None:
        type_into(qtbot, editor.case_number, "WF23C00071")
        press_box(qtbot, editor.buttons, SAVE)

    def reason(dialog: QInputDialog) -> None:
        type_into(qtbot, dialog.findChild(QLineEdit), "entered by mistake")
        press_box(qtbot, dialog.findChild(QDialogButtonBox), OK)

    def work(dialog: ProceedingsDialog) -> None:
        assert dialog.model.rowCount() == 1
        period = dialog.model.record_at(0)
        assert period.suggested and period.end == "2022-10-11"
        assert "Suggested because" in dialog.why.text()
        click_row(qtbot, dialog.table, 0)
        press(qtbot, dialog.confirm_button)
        (confirmed,) = periods_for(ws, case.id or 0)
        assert confirmed.status == "confirmed"
        press(qtbot, dialog.undo_button)
        assert periods_for(ws, case.id or 0)[0].status == "suggested"
        click_row(qtbot, dialog.table, 0)
        editing = when_modal(qtbot, PeriodEditor, edit)
        press(qtbot, dialog.edit_button)
        editing.check()
        (edited,) = periods_for(ws, case.id or 0)
        assert (edited.status, edited.court) == ("confirmed", "Family Court at Wrenfold")
        adding = when_modal(qtbot, PeriodEditor, add)
        press(qtbot, dialog.add_button)
        adding.check()
        assert [p.case_number for p in periods_for(ws, case.id or 0)] == ["", "WF23C00071"]
        assert dialog.model.rowCount() == 2
        click_row(qtbot, dialog.table, 1)
        asking = when_modal(qtbot, QInputDialog, reason)
        press(qtbot, dialog.reject_button)
        asking.check()
        assert len(periods_for(ws, case.id or 0)) == 1
        press(qtbot, dialog.close_button)

    modal = when_modal(qtbot, ProceedingsDialog, work)
    menu_item(qtbot, window, "&Case", "&Proceedings…")
    modal.check()


def test_case_details_opens_the_proceedings(qtbot, window: MainWindow) -> None:
    from gui.shell.case_dialog import CaseDialog

    def periods(dialog: ProceedingsDialog) -> None:
        assert "No proceedings" in dialog.why.text()
        press(qtbot, dialog.close_button)

    def details(dialog: CaseDialog) -> None:
        inner = when_modal(qtbot, ProceedingsDialog, periods)
        press(qtbot, dialog.periods_button)
        inner.check()
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Cancel)

    modal = when_modal(qtbot, CaseDialog, details)
    menu_item(qtbot, window, "&Case", "Case &details…")
    modal.check()
