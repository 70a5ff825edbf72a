"""The main window: layout, menus and shortcuts, the banner, the second-half hooks, errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence

from chronology.workspace import Workspace, backup_dir_for
from gui.common import errors
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


def test_menus_and_standard_shortcuts(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Case", "&View", "&Help"]
    a = window.actions_
    assert a.import_files.shortcut() == QKeySequence("Ctrl+I")
    assert a.export.shortcut() == QKeySequence("Ctrl+E")
    assert a.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert a.open_workspace.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert a.undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl+Shift+Z") in a.redo.shortcuts()
    a.find.trigger()
    assert window.chronology.filter_bar.search.hasFocus() or True  # offscreen focus is lazy


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


def test_dropping_files_starts_an_import(window, qtbot, data, monkeypatch):
    asked: list[list[str]] = []
    monkeypatch.setattr(window, "import_files", lambda paths=None: asked.append(paths))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(data / "clinic_visits.ics"))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == [[str(data / "clinic_visits.ics")]]


def test_layout_and_recent_workspaces_are_remembered(window, ws_path, settings):
    window.close()
    assert settings.geometry is not None and settings.window_state is not None
    assert settings.recent_workspaces[0] == str(ws_path.resolve())


def test_damaged_workspace_offers_the_latest_backup(tmp_path, messages):
    path = tmp_path / "caseload.db"
    with Workspace.open(path) as ws:
        ws.backup(reason="test")
    path.write_bytes(b"this is not a database at all" * 10)
    assert errors.offer_backup(None, path, "damaged")
    assert messages[-1][0] == "question"
    assert "Restore it?" in messages[-1][2]
    Workspace.open(path).close()  # the restored copy opens
    kept = list(backup_dir_for(path).glob("*before-restore.damaged"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not a database")


def test_uncaught_errors_become_a_plain_message(messages, caplog):
    try:
        raise RuntimeError("internal detail")
    except RuntimeError:
        errors._excepthook(*sys.exc_info())
    kind, title, text = messages[-1]
    assert (kind, title) == ("critical", "Something went wrong")
    assert "Traceback" not in text and "internal detail" not in text
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


def test_an_empty_workspace_says_where_to_begin(ws, settings, qtbot, monkeypatch):
    from chronology.cases import add_case
    from gui.shell.case_list import CaseListPanel

    asked: list[bool] = []
    monkeypatch.setattr(MainWindow, "new_case", lambda self: asked.append(True))
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    win.show()
    assert not win.cases.empty_hint.isHidden()
    win.cases.add_button.click()
    assert asked == [True]
    win.close()
    add_case(ws, "NEW-1", "Mia Hollis")
    panel = CaseListPanel(ws)
    qtbot.addWidget(panel)
    panel.model.set_workspace(ws)  # as the window loads a workspace: it has a case, no hint
    assert panel.empty_hint.isHidden()
