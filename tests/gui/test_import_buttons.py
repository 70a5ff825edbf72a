"""Import as a user does it: the toolbar's Import, Add files, Next, the wizard's own Import button;
and files dropped on the window. Only the native file dialog is replaced."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QToolButton, QWizard

from chronology.entries import count_entries
from gui.importing.import_wizard import ImportWizard
from gui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, ws, case, settings):
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.case_loaded, timeout=30_000):
        pass
    return win


def _while_modal(qtbot, handler: Callable[[ImportWizard], None]) -> list[BaseException]:
    """Run ``handler`` on the import wizard once it is shown modally (exec blocks the test)."""
    failures: list[BaseException] = []

    def find() -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, ImportWizard):
            QTimer.singleShot(20, find)
            return
        try:
            handler(wizard)
        except BaseException as exc:  # reported after exec returns
            failures.append(exc)
            wizard.reject()

    QTimer.singleShot(0, find)
    return failures


def _press(qtbot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible(), f"{button.text()} is not shown"
    assert button.isEnabled(), f"{button.text()!r} is greyed"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _import_and_close(qtbot, wizard: ImportWizard) -> None:
    assert wizard.currentId() == ImportWizard.PREVIEW
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "Import"
    with qtbot.waitSignal(wizard.import_finished, timeout=60_000):
        _press(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.REPORT)
    _press(qtbot, wizard, QWizard.WizardButton.FinishButton)


def _toolbar_button(window: MainWindow, text: str) -> QToolButton:
    for button in window.toolbar.findChildren(QToolButton):
        if button.defaultAction() is not None and button.defaultAction().text() == text:
            return button
    raise AssertionError(f"no toolbar button {text!r}")


def test_add_files_next_import_with_the_real_buttons(
    qtbot, window, ws, case, data, messages, monkeypatch
):
    chosen = [str(data / "family_support_notes.csv")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))

    def work_through(wizard: ImportWizard) -> None:
        files = wizard.files_page
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # nothing chosen
        qtbot.mouseClick(files.add, Qt.MouseButton.LeftButton)
        assert files.paths() == [Path(chosen[0])]
        _press(qtbot, wizard, QWizard.WizardButton.NextButton)
        _import_and_close(qtbot, wizard)

    button = _toolbar_button(window, "&Import…")
    failures = _while_modal(qtbot, work_through)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not failures, failures[0]
    assert count_entries(ws, case.id) == 4  # the fifth row waits in quarantine
    qtbot.waitUntil(lambda: window.chronology.model.rowCount() == 4)


def test_back_then_next_is_not_needed_and_back_returns_to_the_files(
    qtbot, ws, ws_path, case, data, messages, monkeypatch
):
    chosen = [str(data / "family_support_notes.csv"), str(data / "clinic_visits.ics")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    wizard = ImportWizard(ws, ws_path, case, [], None)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.mouseClick(wizard.files_page.add, Qt.MouseButton.LeftButton)
    _press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ImportWizard.PREVIEW
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    _press(qtbot, wizard, QWizard.WizardButton.BackButton)
    assert wizard.currentId() == ImportWizard.FILES
    _press(qtbot, wizard, QWizard.WizardButton.NextButton)
    _import_and_close(qtbot, wizard)
    assert count_entries(ws, case.id) == 6


def _drop(window: MainWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = window.rect().center()
    enter = QDragEnterEvent(
        QPoint(centre), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(centre), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, drop)


def test_dropped_files_can_be_imported_with_the_real_button(
    qtbot, window, ws, case, data, messages, tmp_path
):
    copy = tmp_path / "visits.ics"
    shutil.copy(data / "clinic_visits.ics", copy)
    seen: dict[str, bool] = {}

    def work_through(wizard: ImportWizard) -> None:
        qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.PREVIEW)
        assert [p.path for p in wizard.preview_page.plans] == [copy]
        seen["back"] = wizard.button(QWizard.WizardButton.BackButton).isEnabled()
        _import_and_close(qtbot, wizard)

    failures = _while_modal(qtbot, work_through)
    _drop(window, [copy])
    qtbot.waitUntil(lambda: count_entries(ws, case.id) == 2 or bool(failures), timeout=60_000)
    assert not failures, failures[0]
    assert seen["back"], "Back is greyed after a drop: more files cannot be added"
