"""The Supervision tab and the team view, pressed as a team manager would: the checklist with its
evidence (Enter shows the entries), a new record, notes, decisions, actions, undo, sign-off,
a correction; the team view worst first, a case opened from it, its report; a workspace changed
outside Throughline opening read-only. Dialogs of our own are filled with keys and their OK
button clicked; the standard message and file boxes are monkeypatched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from casebuilder import CaseBuilder, cin_gap_during_proceedings
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from chronology.models import EntryType
from chronology.workspace import Workspace
from gui.shell.main_window import MainWindow
from gui.shell.settings import Settings
from gui.supervision.models import ENTRIES_ROLE, ChecklistModel
from gui.supervision.record_dialogs import ActionDialog, DecisionDialog, NewSupervisionDialog
from gui.supervision.supervision_panel import SupervisionPanel
from gui.supervision.team_view import TeamView
from summary.supervision import get_record, list_records

SHOTS = Path(__file__).resolve().parent.parent.parent / "build" / "screenshots"


def _build(path: Path) -> None:
    with Workspace.open(path) as ws:
        b = cin_gap_during_proceedings(ws, "WX-1")
        b.risk(
            "Threat if contact changes",
            category="conditional threat",
            identified="2024-01-05",
            reviewed="2024-01-05",
        )
        b.hearing("2024-06-03", "Hearing: order made for unsupported contact")


@pytest.fixture
def window(qtbot, ws_path: Path, tmp_path: Path) -> MainWindow:
    _build(ws_path)
    settings = Settings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    win = MainWindow(Workspace.open(ws_path), settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.case_loaded, timeout=30_000):
        win.show()
    return win


def _fill(monkeypatch, cls, qtbot, fill) -> None:
    """The dialog's exec: fill it with keys as a user would, then click its OK button."""

    def fake_exec(self) -> int:
        self.show()
        fill(self)
        assert self.ok_button.isEnabled()
        qtbot.mouseClick(self.ok_button, Qt.MouseButton.LeftButton)
        return self.result()

    monkeypatch.setattr(cls, "exec", fake_exec)


def _open_tab(qtbot, win: MainWindow) -> SupervisionPanel:
    bar = win.central_tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    panel = win.supervision
    assert isinstance(panel, SupervisionPanel)
    return panel


def _row_of(model: ChecklistModel, key: str) -> int:
    return next(n for n, item in enumerate(model.items()) if item.key == key)


def test_the_whole_supervision_flow(qtbot, window: MainWindow, monkeypatch, messages) -> None:
    win = window
    panel = _open_tab(qtbot, win)
    qtbot.waitUntil(lambda: panel.checklist_model.rowCount() > 0, timeout=30_000)
    assert "Today's checklist, not recorded yet: RED" in panel.status.text()
    assert not panel.sign_button.isEnabled() and panel.new_button.isEnabled()

    # A new supervision, dated today, manager and worker from the case.
    def fill_new(d: NewSupervisionDialog) -> None:
        assert d.manager.text() == "Saul Kemble" and d.worker.text() == "Opal Wren"

    _fill(monkeypatch, NewSupervisionDialog, qtbot, fill_new)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    (record,) = list_records(win.workspace, win.current_case.id)
    assert panel.records.currentData() == record.id and "DRAFT" in panel.status.text()
    model = panel.checklist_model
    cin = _row_of(model, "cin_meeting")
    assert model.index(cin, 1).data() == "RED"

    # The year-long gap during proceedings: Enter on it shows its first entry in the chronology.
    item = model.items()[cin]
    gap_row = next(n for n, f in enumerate(item.findings) if f.kind == "gap" and "2022" in f.text)
    gap = model.index(gap_row, 0, model.index(cin, 0))
    assert "during proceedings" in gap.data()
    panel.checklist.setCurrentIndex(gap)
    qtbot.keyClick(panel.checklist, Qt.Key.Key_Return)
    assert win.central_tabs.currentWidget() is win.chronology
    assert win.chronology.current_entry_id() == gap.data(ENTRIES_ROLE)[0]
    _open_tab(qtbot, win)

    # Notes typed and saved; undone and redone with the keyboard.
    panel.notes.setFocus()
    qtbot.keyClicks(panel.notes, "Meetings lapsed for a year while proceedings ran.")
    assert panel.save_notes_button.isEnabled()
    qtbot.mouseClick(panel.save_notes_button, Qt.MouseButton.LeftButton)
    assert get_record(win.workspace, record.id).notes.startswith("Meetings lapsed")
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_record(win.workspace, record.id).notes == ""
    qtbot.keyClick(
        win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert get_record(win.workspace, record.id).notes.startswith("Meetings lapsed")

    # A decision with its rationale, and an action with its owner and due date.
    def fill_decision(d: DecisionDialog) -> None:
        qtbot.keyClicks(d.text, "Convene a Child in Need meeting now")
        qtbot.keyClicks(d.rationale, "none held for a year during proceedings")

    _fill(monkeypatch, DecisionDialog, qtbot, fill_decision)
    qtbot.mouseClick(panel.add_decision_button, Qt.MouseButton.LeftButton)

    def fill_action(d: ActionDialog) -> None:
        qtbot.keyClicks(d.text, "Book the meeting and invite the nursery")

    _fill(monkeypatch, ActionDialog, qtbot, fill_action)
    qtbot.mouseClick(panel.add_action_button, Qt.MouseButton.LeftButton)
    saved = get_record(win.workspace, record.id)
    assert [d.rationale for d in saved.decisions] == ["none held for a year during proceedings"]
    assert [(a.text, a.owner) for a in saved.actions] == [
        ("Book the meeting and invite the nursery", "Opal Wren")
    ]
    assert panel.decisions_model.rowCount() == 1 and panel.actions_model.rowCount() == 1

    # The manager signs: after that nothing in the record can be changed.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Saul Kemble", True))
    qtbot.mouseClick(panel.sign_button, Qt.MouseButton.LeftButton)
    signed = get_record(win.workspace, record.id)
    assert signed.signed and signed.signed_by == "Saul Kemble"
    assert any(kind == "question" and "can never be changed" in text for kind, _, text in messages)
    assert "cannot be changed" in panel.status.text()
    assert panel.notes.isReadOnly()
    for button in (panel.sign_button, panel.add_decision_button, panel.add_action_button):
        assert not button.isEnabled()
    assert panel.correct_button.isEnabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    panel.grab().save(str(SHOTS / "supervision_tab.png"))

    # The action is followed after signing: marked done.
    panel.actions.selectRow(0)
    assert panel.done_button.isEnabled()
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert get_record(win.workspace, record.id).actions[0].done_on()

    # A correction is a new draft that refers to the signed record.
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: ("the decision's wording was wrong", True)
    )
    qtbot.mouseClick(panel.correct_button, Qt.MouseButton.LeftButton)
    records = list_records(win.workspace, win.current_case.id)
    assert [r.corrects for r in records] == [None, record.id]
    assert panel.records.currentData() == records[1].id and "Corrects record" in panel.status.text()


def test_the_team_view_lists_worst_first_and_opens_a_case(
    qtbot, qtmodeltester, window: MainWindow, monkeypatch, messages, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    with Workspace.open(other) as ws:
        b = CaseBuilder.new(ws, "OT-1", "Kit Farrant", worker="Ned Farrow")
        b.every(EntryType.HOME_VISIT, "2024-06-01", "2024-09-29", 14)
    shown: list[TeamView] = []

    def fake_exec(self) -> int:
        shown.append(self)
        self.show()
        return 0

    monkeypatch.setattr(TeamView, "exec", fake_exec)
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    (view,) = shown
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=30_000)
    qtmodeltester.check(view.model)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    rows = [view.proxy.index(r, 3).data() for r in range(view.proxy.rowCount())]
    assert rows == ["WX-1", "OT-1"]  # six red items before two: the worst first
    SHOTS.mkdir(parents=True, exist_ok=True)
    view.grab().save(str(SHOTS / "team_view.png"))
    # A click on the Case heading sorts by case instead.
    header = view.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(3) + 5, header.height() // 2),
    )
    by_case = [view.proxy.index(r, 3).data() for r in range(view.proxy.rowCount())]
    assert (
        by_case in (["OT-1", "WX-1"], ["WX-1", "OT-1"])
        and view.table.horizontalHeader().sortIndicatorSection() == 3
    )
    report = tmp_path / "team.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(report), ""))
    with qtbot.waitSignal(view.report_written, timeout=60_000):
        qtbot.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    assert report.is_file() and any("report is in" in text for _, _, text in messages)
    # Enter on the other workspace's case opens it in the window, on its Supervision tab.
    row = by_case.index("OT-1")
    view.table.setCurrentIndex(view.proxy.index(row, 0))
    with qtbot.waitSignal(window.case_loaded, timeout=30_000):
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.workspace_path == other and window.current_case.ref == "OT-1"
    assert window.central_tabs.currentWidget() is window.supervision_tab


def test_a_workspace_changed_outside_opens_read_only(
    qtbot, ws_path: Path, tmp_path: Path, messages
) -> None:
    _build(ws_path)
    conn = sqlite3.connect(ws_path)
    conn.execute("DROP TRIGGER history_no_update")
    conn.execute("UPDATE history SET who='someone else' WHERE id=4")
    conn.commit()
    conn.close()
    settings = Settings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    win = MainWindow(Workspace.open(ws_path), settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.case_loaded, timeout=30_000):
        win.show()
    qtbot.waitUntil(lambda: any("outside Throughline" in t for _, t, _ in messages))
    (kind, _title, text) = next(m for m in messages if "outside Throughline" in m[1])
    assert kind == "warning" and "history row 4" in text and "read-only" in text
    assert win.read_only_label.text() == "READ-ONLY: changed outside Throughline"
    panel = _open_tab(qtbot, win)
    assert not panel.new_button.isEnabled()


def test_the_checklist_model_is_a_sound_tree(qtbot, qtmodeltester, window: MainWindow) -> None:
    panel = _open_tab(qtbot, window)
    qtbot.waitUntil(lambda: panel.checklist_model.rowCount() > 0, timeout=30_000)
    qtmodeltester.check(panel.checklist_model)
    model = panel.checklist_model
    top = model.index(_row_of(model, "primary_reviews"), 0)
    assert model.rowCount(top) > 0 and model.parent(model.index(0, 0, top)) == top
