"""The risk register: add, edit, review, unpin with a reason, close; undo and redo through the
core's inverses; the banner's tripping entries one click away. Dialogs are answered by
monkeypatching their ``exec``; message boxes and input dialogs are monkeypatched too."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QInputDialog

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
from gui.risks.risk_panel import RiskRegister, open_risk_register
from gui.shell.main_window import MainWindow
from summary.risks import Risk, RiskStatus, Urgency, add_risk, get_risk, list_risks, risk_history
from summary.tripwires import DEFAULT_PHRASES


def _answer(monkeypatch, cls, fill) -> None:
    """Make ``cls.exec`` fill the dialog as a user would, then press its OK button."""

    def fake_exec(self) -> int:
        fill(self)
        self._accept()
        return self.result()

    monkeypatch.setattr(cls, "exec", fake_exec)


def _reasons(monkeypatch, *answers: str) -> list[str]:
    """QInputDialog.getText answers these in turn; returns the prompts asked."""
    asked: list[str] = []
    queue = list(answers)

    def get_text(_parent, _title, prompt, *args, **kw):
        asked.append(prompt)
        return queue.pop(0), True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return asked


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
def register(window, qtbot) -> RiskRegister:
    open_risk_register(window)
    reg = window.risk_register
    assert reg.isVisible() and not reg.isModal()
    yield reg
    reg.close()


def _wait_summary(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.summary_area.loaded, timeout=30_000):
        pass


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
    qtmodeltester.check(entries)

    choices = CheckListModel([("a", "A"), ("b", "B"), ("c", "C")])
    qtmodeltester.check(choices)
    assert choices.setData(choices.index(1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert choices.checked() == ["b"]
    assert not choices.setData(QModelIndex(), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


def test_add_a_primary_risk_then_undo_and_redo(window, register, ws, case, qtbot, monkeypatch):
    evidence = window.chronology.current_entry_id()
    assert evidence is not None

    def fill(dialog: RiskDialog) -> None:
        assert dialog.category.currentText() == "Conditional threat"
        assert dialog.current_tripwires()[0] == list(DEFAULT_PHRASES["conditional threat"])
        dialog.title.setText("Conditional threat to Kai")
        dialog.if_text.setPlainText("contact becomes unsupervised")
        dialog.then_text.setPlainText("mother may harm herself and Kai")
        dialog.primary.setChecked(True)
        dialog.review_days.setValue(28)
        dialog.tabs.setCurrentIndex(2)
        dialog.add_selected.click()  # the entry selected in the chronology
        dialog.search.setText("weight check")
        dialog.run_search()
        assert dialog.results_model.rowCount() > 2
        dialog.results.selectRow(2)
        dialog.link.click()

    _answer(monkeypatch, RiskDialog, fill)
    with qtbot.waitSignal(window.summary_area.loaded, timeout=30_000):
        risk_id = register.add_risk()
    risk = get_risk(ws, risk_id)
    assert risk.primary and risk.statement.startswith("IF contact becomes unsupervised THEN")
    assert risk.review_days == 28 and not risk.has_own_triggers  # the defaults, untouched
    assert risk.evidence[0] == evidence and len(risk.evidence) == 2
    assert register.current_row().id == risk_id
    assert window.summary_area.banner.risk_count == 1
    stack = window.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Add risk 'Conditional threat to Kai'"

    with qtbot.waitSignal(window.summary_area.loaded, timeout=30_000):
        stack.undo()
    risk = get_risk(ws, risk_id)
    assert risk.status == RiskStatus.CLOSED and not risk.primary
    assert "undone" in risk.status_reason
    assert window.summary_area.banner.risk_count == 0
    assert register.model.index(0, STATUS).data().startswith("Closed")

    with qtbot.waitSignal(window.summary_area.loaded, timeout=30_000):
        stack.redo()
    risk = get_risk(ws, risk_id)
    assert risk.status == RiskStatus.ACTIVE and risk.primary
    assert window.summary_area.banner.risk_count == 1
    actions = [h[2] for h in risk_history(ws, risk_id)]
    assert actions[:1] == ["create"] and actions[-3:] == ["close", "reopen", "pin"]


def test_edit_tripwires_and_urgency_with_undo(window, register, ws, case, qtbot, monkeypatch):
    risk = add_risk(ws, Risk(case_id=case.id, title="Neglect", category="neglect"))
    register.reload(risk.id)

    def fill(dialog: RiskDialog) -> None:
        assert dialog.current_tripwires() == default_tripwires("neglect")
        dialog.urgency.setCurrentIndex(dialog.urgency.findData("urgent"))
        dialog.phrases.setPlainText("no food\nhome conditions\nmoved to a hostel")

    _answer(monkeypatch, RiskDialog, fill)
    assert register.edit_current()
    edited = get_risk(ws, risk.id)
    assert edited.urgency == Urgency.URGENT
    assert edited.phrases == ["no food", "home conditions", "moved to a hostel"]
    assert edited.entry_types == ["was not brought"]
    stack = window.undo_stack
    stack.undo()
    restored = get_risk(ws, risk.id)
    assert restored.urgency == Urgency.IMPORTANT and not restored.has_own_triggers
    stack.redo()
    assert get_risk(ws, risk.id).phrases[-1] == "moved to a hostel"
    qtbot.waitUntil(lambda: register.model.index(0, URGENCY).data() == "Urgent")


def test_category_change_swaps_only_default_tripwires(ws, case, qtbot):
    dialog = RiskDialog(ws, case.id)
    qtbot.addWidget(dialog)
    dialog.category.setCurrentText("Neglect")
    assert dialog.current_tripwires() == default_tripwires("neglect")
    assert "default trip-wires for 'neglect'" in dialog.tripwire_note.text()
    dialog.phrases.setPlainText("my own phrase")
    dialog.category.setCurrentText("Domestic abuse")
    assert dialog.current_tripwires()[0] == ["my own phrase"]  # the worker's own are kept
    assert "own trip-wires" in dialog.tripwire_note.text()
    dialog.reset_tripwires.click()
    assert dialog.current_tripwires() == default_tripwires("domestic abuse")
    dialog.title.clear()
    dialog.reject()


def test_title_is_required(ws, case, qtbot, messages):
    dialog = RiskDialog(ws, case.id)
    qtbot.addWidget(dialog)
    dialog._accept()
    assert messages[-1][1] == "A title is needed"
    assert dialog.result() == 0
    dialog.reject()


def test_record_a_review(window, register, ws, case, qtbot, monkeypatch):
    risk = add_risk(
        ws, Risk(case_id=case.id, title="Threat", primary=True, identified_on="2020-01-01")
    )
    with qtbot.waitSignal(window.summary_area.loaded, timeout=30_000):
        window.summary_area.refresh()
    register.reload(risk.id)
    assert window.summary_area.banner.needs_review
    assert register.current_row().item.needs_review

    def fill(dialog: ReviewDialog) -> None:
        assert "review overdue" in dialog.about.text()
        dialog.by.setText("A. Manager")
        dialog.note.setPlainText("Discussed at supervision; safety plan holds.")

    _answer(monkeypatch, ReviewDialog, fill)
    with qtbot.waitSignal(window.summary_area.loaded, timeout=30_000):
        assert register.review_current()
    reviews = get_risk(ws, risk.id).reviews
    assert [(r.by, r.date) for r in reviews] == [("A. Manager", dt.date.today().isoformat())]
    assert not window.summary_area.banner.needs_review
    assert register.model.index(0, NEEDS_REVIEW).data() == ""
    assert "Review of 'Threat' recorded" in register.message.text()


def test_review_needs_a_name(ws, case, qtbot, messages):
    add_risk(ws, Risk(case_id=case.id, title="Threat"))
    item = load_risk_rows(ws, case.id, dt.date.today())[0].item
    dialog = ReviewDialog(item, "")
    qtbot.addWidget(dialog)
    dialog._accept()
    assert messages[-1][1] == "Who reviewed it?" and dialog.result() == 0
    dialog.reject()


def test_unpinning_needs_a_reason_and_undo_pins_again(
    window, register, ws, case, qtbot, monkeypatch, messages
):
    risk = add_risk(ws, Risk(case_id=case.id, title="Threat", primary=True))
    register.reload(risk.id)
    asked = _reasons(monkeypatch, "   ", "Managed through the CP plan now")
    assert not register.toggle_primary()  # an empty reason is refused
    assert messages[-1][1] == "A reason is needed"
    assert get_risk(ws, risk.id).primary
    assert window.undo_stack.count() == 0

    assert register.toggle_primary()
    assert not get_risk(ws, risk.id).primary
    assert "no longer a primary risk" in asked[-1]
    unpin = [json.loads(h[4]) for h in risk_history(ws, risk.id) if h[2] == "unpin"]
    assert unpin == [{"primary": False, "reason": "Managed through the CP plan now"}]
    assert register.pin.text() == "&Pin to the top"
    window.undo_stack.undo()
    assert get_risk(ws, risk.id).primary
    window.undo_stack.redo()
    assert not get_risk(ws, risk.id).primary


def test_unticking_primary_in_the_editor_asks_for_the_reason(
    window, register, ws, case, monkeypatch, messages
):
    risk = add_risk(ws, Risk(case_id=case.id, title="Threat", primary=True))
    register.reload(risk.id)
    _reasons(monkeypatch, "")
    _answer(monkeypatch, RiskDialog, lambda d: d.primary.setChecked(False))
    assert not register.edit_current()  # the empty reason keeps the dialog open: cancelled here
    assert messages[-1][1] == "A reason is needed" and get_risk(ws, risk.id).primary

    _reasons(monkeypatch, "Threat withdrawn and assessed")
    assert register.edit_current()
    assert not get_risk(ws, risk.id).primary
    window.undo_stack.undo()
    assert get_risk(ws, risk.id).primary


def test_close_with_a_reason_then_undo_reopens_it_pinned(window, register, ws, case, monkeypatch):
    risk = add_risk(
        ws, Risk(case_id=case.id, title="Threat", primary=True, status=RiskStatus.MONITORING)
    )
    register.reload(risk.id)
    _reasons(monkeypatch, "Family moved abroad")
    assert register.close_or_reopen()
    closed = get_risk(ws, risk.id)
    assert closed.status == RiskStatus.CLOSED and closed.status_reason == "Family moved abroad"
    assert register.close_risk.text() == "Re&open…" and not register.pin.isEnabled()
    window.undo_stack.undo()
    back = get_risk(ws, risk.id)
    assert back.primary and back.status == RiskStatus.MONITORING
    window.undo_stack.redo()
    _reasons(monkeypatch, "Family came back")
    register.reload(risk.id)
    assert register.close_or_reopen()  # reopen
    assert get_risk(ws, risk.id).status == RiskStatus.ACTIVE
    window.undo_stack.undo()
    assert get_risk(ws, risk.id).status_reason == "Family moved abroad"


def test_link_the_chronology_selection_as_evidence(window, register, ws, case, messages):
    risk = add_risk(ws, Risk(case_id=case.id, title="Threat"))
    register.reload(risk.id)
    entry_id = window.chronology.current_entry_id()
    assert register.link_selected_entry()
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
    card = banner._cards[0]
    assert "tripped it" in card.text()
    card.linkActivated.emit("trips")  # the user clicks "Show the 1 entry that tripped it"
    assert win.chronology.current_entry_id() == tripping.id

    open_risk_register(win)
    register = win.risk_register
    register.select_risk(risk.id)
    assert register.show_trips.isEnabled()
    win.chronology.select_entry(ids := win.chronology.model.entry_at(0).id or 0)
    assert win.chronology.current_entry_id() == ids
    register.show_trips.click()
    assert win.chronology.current_entry_id() == tripping.id
    register.close()
    assert [r.title for r in list_risks(ws, case.id)] == ["Conditional threat"]
