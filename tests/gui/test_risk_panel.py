"""The risk register, opened from the toolbar and worked with its own buttons: add, edit, review,
unpin with a reason, close and reopen; undo and redo through the core's inverses from the
toolbar and the keyboard; the banner's tripping entries one click away. Dialogs are the real
ones, filled in by typing and closed with their buttons; only message boxes are recorded."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog
from user_input import (
    choose,
    click_link,
    click_row,
    click_tab,
    press,
    press_box,
    shortcut,
    toolbar_button,
    type_into,
    when_modal,
)

from chronology.entries import add_entry
from chronology.models import Entry, EntryType, Precision
from gui.risks.review_dialog import ReviewDialog
from gui.risks.risk_dialog import RiskDialog, default_tripwires
from gui.risks.risk_models import (
    NEEDS_REVIEW,
    PRIMARY,
    STATUS,
    TITLE,
    URGENCY,
    CheckListModel,
    EntryListModel,
    RiskTableModel,
    load_risk_rows,
)
from gui.risks.risk_panel import RiskRegister
from gui.shell.main_window import MainWindow
from gui.summary.risk_banner import RiskCard
from summary.risks import Risk, RiskStatus, Urgency, add_risk, get_risk, list_risks, risk_history
from summary.tripwires import DEFAULT_PHRASES

SAVE = QDialogButtonBox.StandardButton.Save
OK = QDialogButtonBox.StandardButton.Ok
SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _reasons(qtbot, *answers: str):
    """Each question asked with a text box gets the next answer, typed and OK'd; returns the
    prompts asked (checked with ``.check()`` on the returned Modal)."""
    queue = list(answers)
    asked: list[str] = []

    def answer(dialog: QInputDialog) -> None:
        asked.append(dialog.labelText())
        from PySide6.QtWidgets import QLineEdit

        type_into(qtbot, dialog.findChild(QLineEdit), queue.pop(0))
        press_box(qtbot, dialog.findChild(QDialogButtonBox), OK)

    modal = when_modal(qtbot, QInputDialog, answer, times=len(answers))
    modal.asked = asked
    return modal


@pytest.fixture
def window(qtbot, ws, case, settings, make_entries) -> MainWindow:
    make_entries(ws, case.id, 60)
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.case_loaded, timeout=30_000):
        pass
    return win


@pytest.fixture
def open_register(window, qtbot):
    """The toolbar's Risks button: the register beside the window (not modal)."""
    opened: list[RiskRegister] = []

    def open_it() -> RiskRegister:
        press(qtbot, toolbar_button(window, "&Risks…"))
        reg = window.risk_register
        assert reg.isVisible() and not reg.isModal()
        opened.append(reg)
        return reg

    yield open_it
    for reg in opened:
        reg.close()


def _undo(qtbot, window: MainWindow) -> None:
    press(qtbot, toolbar_button(window, window.actions_.undo))


def _redo(qtbot, window: MainWindow) -> None:
    shortcut(qtbot, window.chronology.table, Qt.Key.Key_Z, SHIFT_CTRL)


def _select(qtbot, register: RiskRegister, title: str) -> None:
    rows = [register.table.model().index(r, TITLE).data() for r in range(register.proxy.rowCount())]
    click_row(qtbot, register.table, rows.index(title), TITLE)
    assert register.current_row().risk.title == title


def test_models_pass_the_model_tester(qtmodeltester, ws, case, make_entries):
    ids = make_entries(ws, case.id, 10)
    add_risk(ws, Risk(case_id=case.id, title="Other", category="neglect"))
    add_risk(
        ws,
        Risk(
            case_id=case.id,
            title="Pinned",
            primary=True,
            urgency=Urgency.URGENT,
            identified_on="2020-01-01",
        ),
    )
    rows = load_risk_rows(ws, case.id, dt.date(2024, 1, 1))
    model = RiskTableModel()
    model.set_rows(rows)
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    assert model.index(0, TITLE).data() == "Pinned"  # primary first
    assert model.index(0, PRIMARY).data() == "⚑ Yes"
    assert model.index(0, NEEDS_REVIEW).data().startswith("Overdue")
    assert model.index(0, NEEDS_REVIEW).data(Qt.ItemDataRole.BackgroundRole).name() == "#b3261e"
    assert "review overdue" in model.index(0, NEEDS_REVIEW).data(Qt.ItemDataRole.ToolTipRole)

    from chronology.entries import get_entry

    entries = EntryListModel()
    entries.set_entries([get_entry(ws, i) for i in ids[:3]])
    assert entries.add(get_entry(ws, ids[5])) and not entries.add(get_entry(ws, ids[5]))
    assert entries.rowCount() == 4
    qtmodeltester.check(entries)

    choices = CheckListModel([("a", "A"), ("b", "B"), ("c", "C")])
    qtmodeltester.check(choices)
    assert choices.setData(choices.index(1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert choices.checked() == ["b"]
    assert not choices.setData(QModelIndex(), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


def test_add_a_primary_risk_then_undo_and_redo(window, open_register, ws, case, qtbot):
    register = open_register()
    evidence = window.chronology.current_entry_id()
    assert evidence is not None

    def fill(dialog: RiskDialog) -> None:
        assert dialog.category.currentText() == "Conditional threat"
        assert dialog.current_tripwires()[0] == list(DEFAULT_PHRASES["conditional threat"])
        type_into(qtbot, dialog.title, "Conditional threat to Kai")
        type_into(qtbot, dialog.if_text, "contact becomes unsupervised")
        type_into(qtbot, dialog.then_text, "mother may harm herself and Kai")
        press(qtbot, dialog.primary)
        type_into(qtbot, dialog.review_days, "28")
        click_tab(qtbot, dialog.tabs, "Evidence")
        press(qtbot, dialog.add_selected)  # the entry selected in the chronology
        type_into(qtbot, dialog.search, "weight check")
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
        assert dialog.results_model.rowCount() > 2
        click_row(qtbot, dialog.results, 2)
        press(qtbot, dialog.link)
        press_box(qtbot, dialog.buttons, SAVE)

    adding = when_modal(qtbot, RiskDialog, fill)
    press(qtbot, register.add)
    adding.check()
    (risk,) = list_risks(ws, case.id)
    assert risk.primary and risk.statement.startswith("IF contact becomes unsupervised THEN")
    assert risk.review_days == 28 and not risk.has_own_triggers  # the defaults, untouched
    assert risk.evidence[0] == evidence and len(risk.evidence) == 2
    assert register.current_row().id == risk.id
    qtbot.waitUntil(lambda: window.summary_area.banner.risk_count == 1, timeout=30_000)
    stack = window.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Add risk 'Conditional threat to Kai'"

    _undo(qtbot, window)
    risk = get_risk(ws, risk.id)
    assert risk.status == RiskStatus.CLOSED and not risk.primary
    assert "undone" in risk.status_reason
    qtbot.waitUntil(lambda: window.summary_area.banner.risk_count == 0, timeout=30_000)
    assert register.model.index(0, STATUS).data().startswith("Closed")

    _redo(qtbot, window)
    risk = get_risk(ws, risk.id)
    assert risk.status == RiskStatus.ACTIVE and risk.primary
    qtbot.waitUntil(lambda: window.summary_area.banner.risk_count == 1, timeout=30_000)
    actions = [h[2] for h in risk_history(ws, risk.id)]
    assert actions[:1] == ["create"] and actions[-3:] == ["close", "reopen", "pin"]


def test_cancel_adds_nothing_and_a_title_is_required(
    window, open_register, ws, case, qtbot, messages
):
    register = open_register()

    def without_title(dialog: RiskDialog) -> None:
        type_into(qtbot, dialog.if_text, "a new partner moves in")
        press_box(qtbot, dialog.buttons, SAVE)
        assert messages[-1][1] == "A title is needed"
        assert dialog.isVisible() and dialog.title.hasFocus()  # still open, on the title
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Cancel)

    adding = when_modal(qtbot, RiskDialog, without_title)
    press(qtbot, register.add)
    adding.check()
    assert list_risks(ws, case.id) == [] and window.undo_stack.count() == 0


def test_edit_tripwires_and_urgency_with_undo(window, open_register, ws, case, qtbot):
    risk = add_risk(ws, Risk(case_id=case.id, title="Neglect", category="neglect"))
    register = open_register()
    _select(qtbot, register, "Neglect")

    def fill(dialog: RiskDialog) -> None:
        assert dialog.current_tripwires() == default_tripwires("neglect")
        choose(qtbot, dialog.urgency, "Urgent")
        click_tab(qtbot, dialog.tabs, "Trip-wires")
        type_into(qtbot, dialog.phrases, "no food\nhome conditions\nmoved to a hostel")
        press_box(qtbot, dialog.buttons, SAVE)

    editing = when_modal(qtbot, RiskDialog, fill)
    press(qtbot, register.edit)
    editing.check()
    edited = get_risk(ws, risk.id)
    assert edited.urgency == Urgency.URGENT
    assert edited.phrases == ["no food", "home conditions", "moved to a hostel"]
    assert edited.entry_types == ["was not brought"]
    _undo(qtbot, window)
    restored = get_risk(ws, risk.id)
    assert restored.urgency == Urgency.IMPORTANT and not restored.has_own_triggers
    _redo(qtbot, window)
    assert get_risk(ws, risk.id).phrases[-1] == "moved to a hostel"
    qtbot.waitUntil(lambda: register.model.index(0, URGENCY).data() == "Urgent")


def test_category_change_swaps_only_default_tripwires(window, open_register, ws, case, qtbot):
    register = open_register()
    seen: list[str] = []

    def change(dialog: RiskDialog) -> None:
        choose(qtbot, dialog.category, "Neglect")
        assert dialog.current_tripwires() == default_tripwires("neglect")
        assert "default trip-wires for 'neglect'" in dialog.tripwire_note.text()
        click_tab(qtbot, dialog.tabs, "Trip-wires")
        type_into(qtbot, dialog.phrases, "my own phrase")
        click_tab(qtbot, dialog.tabs, "Risk")
        choose(qtbot, dialog.category, "Domestic abuse")
        assert dialog.current_tripwires()[0] == ["my own phrase"]  # the worker's own are kept
        seen.append(dialog.tripwire_note.text())
        click_tab(qtbot, dialog.tabs, "Trip-wires")
        press(qtbot, dialog.reset_tripwires)
        assert dialog.current_tripwires() == default_tripwires("domestic abuse")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    changing = when_modal(qtbot, RiskDialog, change)
    press(qtbot, register.add)
    changing.check()
    assert "own trip-wires" in seen[0]
    assert list_risks(ws, case.id) == []


def test_record_a_review(window, open_register, ws, case, qtbot):
    risk = add_risk(
        ws, Risk(case_id=case.id, title="Threat", primary=True, identified_on="2020-01-01")
    )
    register = open_register()
    _select(qtbot, register, "Threat")
    assert register.current_row().item.needs_review

    def fill(dialog: ReviewDialog) -> None:
        assert "review overdue" in dialog.about.text()
        type_into(qtbot, dialog.by, "A. Manager")
        type_into(qtbot, dialog.note, "Discussed at supervision; safety plan holds.")
        press_box(qtbot, dialog.buttons, SAVE)

    reviewing = when_modal(qtbot, ReviewDialog, fill)
    press(qtbot, register.review)
    reviewing.check()
    reviews = get_risk(ws, risk.id).reviews
    assert [(r.by, r.date) for r in reviews] == [("A. Manager", dt.date.today().isoformat())]
    assert reviews[0].note == "Discussed at supervision; safety plan holds."
    qtbot.waitUntil(lambda: not window.summary_area.banner.needs_review, timeout=30_000)
    assert register.model.index(0, NEEDS_REVIEW).data() == ""
    assert "Review of 'Threat' recorded" in register.message.text()


def test_review_needs_a_name(window, open_register, ws, case, qtbot, messages):
    risk = add_risk(ws, Risk(case_id=case.id, title="Threat"))
    register = open_register()
    _select(qtbot, register, "Threat")

    def no_name(dialog: ReviewDialog) -> None:
        type_into(qtbot, dialog.by, "")
        press_box(qtbot, dialog.buttons, SAVE)
        assert messages[-1][1] == "Who reviewed it?"
        assert dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    reviewing = when_modal(qtbot, ReviewDialog, no_name)
    press(qtbot, register.review)
    reviewing.check()
    assert get_risk(ws, risk.id).reviews == []


def test_unpinning_needs_a_reason_and_undo_pins_again(
    window, open_register, ws, case, qtbot, messages
):
    risk = add_risk(ws, Risk(case_id=case.id, title="Threat", primary=True))
    register = open_register()
    _select(qtbot, register, "Threat")
    assert register.pin.text() == "Un&pin…"
    empty = _reasons(qtbot, "   ")
    press(qtbot, register.pin)
    empty.check()
    assert messages[-1][1] == "A reason is needed"  # an empty reason is refused
    assert get_risk(ws, risk.id).primary
    assert window.undo_stack.count() == 0

    given = _reasons(qtbot, "Managed through the CP plan now")
    press(qtbot, register.pin)
    given.check()
    assert not get_risk(ws, risk.id).primary
    assert "no longer a primary risk" in given.asked[-1]
    unpin = [json.loads(h[4]) for h in risk_history(ws, risk.id) if h[2] == "unpin"]
    assert unpin == [{"primary": False, "reason": "Managed through the CP plan now"}]
    assert register.pin.text() == "&Pin to the top"
    _undo(qtbot, window)
    assert get_risk(ws, risk.id).primary
    _redo(qtbot, window)
    assert not get_risk(ws, risk.id).primary


def test_unticking_primary_in_the_editor_asks_for_the_reason(
    window, open_register, ws, case, qtbot, messages
):
    risk = add_risk(ws, Risk(case_id=case.id, title="Threat", primary=True))
    register = open_register()
    _select(qtbot, register, "Threat")
    reasons = _reasons(qtbot, "", "Threat withdrawn and assessed")

    def untick(dialog: RiskDialog) -> None:
        press(qtbot, dialog.primary)
        press_box(qtbot, dialog.buttons, SAVE)  # asks why; an empty reason keeps it open
        assert messages[-1][1] == "A reason is needed" and dialog.isVisible()
        assert get_risk(ws, risk.id).primary
        press_box(qtbot, dialog.buttons, SAVE)

    editing = when_modal(qtbot, RiskDialog, untick)
    press(qtbot, register.edit)
    editing.check()
    reasons.check()
    assert not get_risk(ws, risk.id).primary
    unpin = [json.loads(h[4]) for h in risk_history(ws, risk.id) if h[2] == "unpin"]
    assert unpin == [{"primary": False, "reason": "Threat withdrawn and assessed"}]
    _undo(qtbot, window)
    assert get_risk(ws, risk.id).primary


def test_close_with_a_reason_then_undo_reopens_it_pinned(window, open_register, ws, case, qtbot):
    risk = add_risk(
        ws, Risk(case_id=case.id, title="Threat", primary=True, status=RiskStatus.MONITORING)
    )
    register = open_register()
    _select(qtbot, register, "Threat")
    closing = _reasons(qtbot, "Family moved abroad")
    press(qtbot, register.close_risk)
    closing.check()
    closed = get_risk(ws, risk.id)
    assert closed.status == RiskStatus.CLOSED and closed.status_reason == "Family moved abroad"
    assert register.close_risk.text() == "Re&open…" and not register.pin.isEnabled()
    _undo(qtbot, window)
    back = get_risk(ws, risk.id)
    assert back.primary and back.status == RiskStatus.MONITORING
    _redo(qtbot, window)
    assert get_risk(ws, risk.id).status == RiskStatus.CLOSED
    qtbot.waitUntil(lambda: register.close_risk.text() == "Re&open…")
    reopening = _reasons(qtbot, "Family came back")
    press(qtbot, register.close_risk)
    reopening.check()
    assert get_risk(ws, risk.id).status == RiskStatus.ACTIVE
    _undo(qtbot, window)
    assert get_risk(ws, risk.id).status_reason == "Family moved abroad"


def test_link_the_chronology_selection_as_evidence(window, open_register, ws, case, qtbot):
    risk = add_risk(ws, Risk(case_id=case.id, title="Threat"))
    click_row(qtbot, window.chronology.table, 5, 3)  # the user picks an entry in the window
    entry_id = window.chronology.current_entry_id()
    register = open_register()
    _select(qtbot, register, "Threat")
    press(qtbot, register.link_entry)
    assert get_risk(ws, risk.id).evidence == [entry_id]
    assert "as evidence for 'Threat'" in register.message.text()
    assert f"entry:{entry_id}" in register.detail.toHtml()


def test_tripping_entries_are_one_click_from_the_banner(qtbot, ws, case, settings, make_entries):
    make_entries(ws, case.id, 30)
    risk = add_risk(
        ws,
        Risk(
            case_id=case.id,
            title="Conditional threat",
            primary=True,
            category="conditional threat",
            identified_on="2023-01-01",
        ),
    )
    tripping = add_entry(
        ws,
        Entry(
            case_id=case.id,
            date="2024-12-04",
            precision=Precision.DAY,
            summary="Final hearing: unsupported contact ordered",
            agency="Children's Services",
            type=EntryType.COURT,
        ),
    )
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.case_loaded, timeout=30_000):
        pass
    banner = win.summary_area.banner
    assert banner.risk_count == 1 and banner.needs_review
    assert win.chronology.current_entry_id() != tripping.id
    (card,) = banner.findChildren(RiskCard)
    assert "tripped it" in card.text()
    click_link(qtbot, card, "trips")  # "Show the 1 entry that tripped it"
    assert win.chronology.current_entry_id() == tripping.id

    press(qtbot, toolbar_button(win, "&Risks…"))
    register = win.risk_register
    _select(qtbot, register, "Conditional threat")
    assert register.current_row().id == risk.id
    click_row(qtbot, win.chronology.table, 0, 3)
    assert win.chronology.current_entry_id() != tripping.id
    press(qtbot, register.show_trips)
    assert win.chronology.current_entry_id() == tripping.id
    click_row(qtbot, win.chronology.table, 0, 3)
    click_link(qtbot, register.detail, f"entry:{tripping.id}")  # the same, from the details
    assert win.chronology.current_entry_id() == tripping.id
    register.close()
    assert [r.title for r in list_risks(ws, case.id)] == ["Conditional threat"]
