"""The main window: layout, menus and shortcuts, the banner, the second-half hooks, errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QPushButton
from user_input import (
    choose,
    click_row,
    menu_item,
    press,
    press_box,
    shortcut,
    toolbar_button,
    type_into,
    when_modal,
)

from chronology.cases import add_case, get_case, list_cases
from chronology.workspace import Workspace, backup_dir_for
from gui.common import errors
from gui.shell.case_dialog import CaseDialog
from gui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, ws, case, settings, make_entries):
    make_entries(ws, case.id, 120)
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.case_loaded, timeout=30_000):
        pass
    return win


def test_window_opens_the_first_case(window, case):
    assert window.current_case.ref == case.ref
    assert window.chronology.model.rowCount() == 120
    assert window.count_label.text() == "120 entries"
    assert window.undo_stack is not None
    assert window.cases.model.rowCount() == 1
    assert window.summary_area.banner.isVisible()


def test_menus_and_standard_shortcuts(window, qtbot):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Case", "&View", "&Help"]
    a = window.actions_
    assert a.import_files.shortcut() == QKeySequence("Ctrl+I")
    assert a.export.shortcut() == QKeySequence("Ctrl+E")
    assert a.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert a.open_workspace.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert a.undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl+Shift+Z") in a.redo.shortcuts()
    table = window.chronology.table
    search = window.chronology.filter_bar.search
    click_row(qtbot, table, 3, 3)
    assert not search.hasFocus()
    shortcut(qtbot, table, Qt.Key.Key_F)  # Ctrl+F: to the search box, ready to type
    assert search.hasFocus()
    qtbot.keyClicks(search, "weight")
    qtbot.waitUntil(lambda: window.chronology.model.rowCount() == 24, timeout=5000)


@pytest.mark.parametrize(
    ("key", "kind"),
    [(Qt.Key.Key_I, "ImportWizard"), (Qt.Key.Key_E, "ExportDialog")],
)
def test_ctrl_i_and_ctrl_e_open_import_and_export(window, qtbot, key, kind):
    from gui.exporting.export_dialog import ExportDialog
    from gui.importing.import_wizard import ImportWizard

    dialog_class = {"ImportWizard": ImportWizard, "ExportDialog": ExportDialog}[kind]
    opened = when_modal(qtbot, dialog_class, lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    shortcut(qtbot, window.chronology.table, key)
    opened.check()
    assert window.active_dialog is None


def test_ctrl_r_opens_the_risk_register_beside_the_window(window, qtbot):
    shortcut(qtbot, window.chronology.table, Qt.Key.Key_R)
    register = window.risk_register
    assert register.isVisible() and not register.isModal()
    assert register.windowTitle() == "Risk register — GUI-001 — Kai Test"
    register.close()


def test_risk_banner_shows_a_primary_risk_red(qtbot, ws, case, settings):
    from summary.risks import Risk, Urgency, add_risk

    add_risk(
        ws,
        Risk(
            case_id=case.id,
            title="Conditional threat",
            if_text="contact changes",
            then_text="mother may harm herself and Kai",
            urgency=Urgency.URGENT,
            primary=True,
        ),
        reviewed="2020-01-01",
        reviewed_by="A. Manager",
    )
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.case_loaded, timeout=30_000):
        pass
    banner = win.summary_area.banner
    assert banner.risk_count == 1
    assert banner.needs_review  # the review is long overdue: red
    qtbot.waitUntil(lambda: win.cases.model.status(case.ref) == "red", timeout=30_000)


def test_layout_and_recent_workspaces_are_remembered(window, ws_path, settings, qtbot):
    menu_item(qtbot, window, "&File", "&Quit")
    assert not window.isVisible()
    assert settings.geometry is not None and settings.window_state is not None
    assert settings.recent_workspaces[0] == str(ws_path.resolve())


def test_opening_a_damaged_workspace_offers_the_latest_backup(
    window, qtbot, tmp_path, messages, monkeypatch
):
    path = tmp_path / "caseload.db"
    with Workspace.open(path) as other:
        add_case(other, "DMG-1", "Ivy Test")
        other.backup(reason="test")
    path.write_bytes(b"this is not a database at all" * 10)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    shortcut(qtbot, window.chronology.table, Qt.Key.Key_O)  # File › Open workspace…
    kind, title, text = messages[-1]
    assert (kind, title) == ("question", "Workspace cannot be opened")
    assert "Restore it?" in text and "nothing is thrown away" in text
    assert window.workspace_path == path.resolve() or window.workspace_path == path
    qtbot.waitUntil(lambda: window.current_case is not None and window.current_case.ref == "DMG-1")
    kept = list(backup_dir_for(path).glob("*before-restore.damaged"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not a database")


def test_a_damaged_workspace_without_a_backup_is_left_alone(
    window, qtbot, tmp_path, messages, monkeypatch, ws_path
):
    path = tmp_path / "other.db"
    path.write_bytes(b"not a database either" * 10)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    shortcut(qtbot, window.chronology.table, Qt.Key.Key_O)
    kind, title, text = messages[-1]
    assert (kind, title) == ("warning", "Workspace cannot be opened")
    assert "There is no automatic backup of it" in text
    assert path.read_bytes() == b"not a database either" * 10  # untouched
    assert window.workspace_path == ws_path  # the open workspace stays open


@pytest.mark.qt_no_exception_capture
def test_uncaught_errors_become_a_plain_message(qtbot, messages, caplog, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    errors.install_excepthook()
    button = QPushButton("Do something")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: (_ for _ in ()).throw(RuntimeError("internal detail")))
    button.show()
    press(qtbot, button)
    kind, title, text = messages[-1]
    assert (kind, title) == ("critical", "Something went wrong")
    assert "Traceback" not in text and "internal detail" not in text
    assert "Everything saved before it is safe" in text
    assert "internal detail" in caplog.text


def test_screenshot_mode_writes_a_png(ws_path, case, make_entries, ws, tmp_path):
    """``--screenshot`` as the README uses it: a separate run of the real program."""
    make_entries(ws, case.id, 30)
    ws.close()
    png = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", THROUGHLINE_HOME=str(tmp_path / "home"))
    result = subprocess.run(
        [sys.executable, "main.py", "--workspace", str(ws_path), "--screenshot", str(png)],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert png.stat().st_size > 10_000
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_opening_a_workspace_takes_the_days_backup(ws, case, settings, qtbot, monkeypatch):
    """A copy a day, off the window's thread, so a damaged file can be restored."""
    from chronology.workspace import latest_backup
    from gui.shell import main_window

    monkeypatch.setattr(main_window, "BACKUP_DELAY_MS", 0)
    assert latest_backup(ws.path) is None
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.case_loaded, timeout=30_000):
        win.show()
    qtbot.waitUntil(lambda: latest_backup(ws.path) is not None, timeout=30_000)
    copies = list(backup_dir_for(ws.path).glob("*-daily.db"))
    assert len(copies) == 1
    with Workspace.open(copies[0], create=False) as copy:
        assert copy.conn.execute("SELECT ref FROM cases").fetchone()[0] == case.ref


def test_an_empty_workspace_says_where_to_begin(tmp_path, settings, qtbot, messages):
    ws = Workspace.open(tmp_path / "empty.db")
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    win.show()
    assert not win.cases.empty_hint.isHidden()
    assert not win.actions_.import_files.isEnabled()  # nothing to import into yet

    def create(dialog: CaseDialog) -> None:
        type_into(qtbot, dialog.ref, "NEW-1")
        type_into(qtbot, dialog.child, "Mia Hollis")
        press(qtbot, dialog.dob_known)
        type_into(qtbot, dialog.dob, "02/03/2021")
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Save)

    creating = when_modal(qtbot, CaseDialog, create)
    press(qtbot, win.cases.add_button)
    creating.check()
    (made,) = list_cases(ws)
    assert (made.ref, made.child_names) == ("NEW-1", "Mia Hollis")
    assert made.children[0].dob == "2021-03-02"
    qtbot.waitUntil(lambda: win.current_case is not None and win.current_case.ref == "NEW-1")
    assert win.cases.empty_hint.isHidden()
    assert win.actions_.import_files.isEnabled()
    win.close()
    ws.close()


def test_a_new_case_needs_a_reference(window, qtbot, ws, messages):
    def without_ref(dialog: CaseDialog) -> None:
        type_into(qtbot, dialog.child, "Noor Test")
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Save)
        assert messages[-1][1] == "The case was not saved"
        assert dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    creating = when_modal(qtbot, CaseDialog, without_ref)
    press(qtbot, toolbar_button(window, "&New case…"))
    creating.check()
    assert [c.ref for c in list_cases(ws)] == ["GUI-001"]


def test_case_details_are_saved_from_the_case_menu(window, qtbot, ws, case):
    def edit(dialog: CaseDialog) -> None:
        assert dialog.ref.isReadOnly() and dialog.ref.text() == case.ref
        type_into(qtbot, dialog.fields["worker"], "Alex Brennan")
        type_into(qtbot, dialog.fields["court_case_number"], "ZZ24P00042")
        choose(qtbot, dialog.proceedings, "Public law")
        type_into(qtbot, dialog.statement_number, "2")
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Save)

    editing = when_modal(qtbot, CaseDialog, edit)
    menu_item(qtbot, window, "&Case", "Case &details…")
    editing.check()
    saved = get_case(ws, case.ref)
    assert (saved.worker, saved.court_case_number) == ("Alex Brennan", "ZZ24P00042")
    assert saved.proceedings == "public" and saved.statement_number == 2

    def cancel(dialog: CaseDialog) -> None:
        type_into(qtbot, dialog.fields["worker"], "Someone else")
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Cancel)

    cancelling = when_modal(qtbot, CaseDialog, cancel)
    menu_item(qtbot, window, "&Case", "Case &details…")
    cancelling.check()
    assert get_case(ws, case.ref).worker == "Alex Brennan"
