"""An encrypted workspace in the window: its passphrase asked for on opening, File › Encrypt
workspace… and File › Change passphrase…, and search, import and export working on it, with
no case text reaching the file, its log or its backups."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget, QWizard

from chronology import passphrases
from chronology.cases import add_case
from chronology.database import header_kind
from chronology.entries import count_entries
from chronology.workspace import Workspace, WrongPassphrase, backup_dir_for
from gui.exporting.export_dialog import ExportDialog
from gui.importing.import_wizard import ImportWizard
from gui.shell.app import open_workspace
from gui.shell.main_window import MainWindow
from gui.shell.passphrase_dialog import PassphraseDialog

PASSPHRASE = 'kettle "amber" o\'clock'
SECRET = b"Quillfeather"


@pytest.fixture(autouse=True)
def nothing_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passphrases, "_known", {})
    monkeypatch.delenv(passphrases.ENVIRONMENT, raising=False)


def _while_modal(kind: type, handler: Callable[[QWidget], None]) -> list[BaseException]:
    """Run ``handler`` on the next modal dialog of ``kind`` once it shows (exec blocks)."""
    failures: list[BaseException] = []

    def find() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, find)
            return
        try:
            handler(dialog)
        except BaseException as exc:  # reported after exec returns
            failures.append(exc)
            dialog.reject()

    QTimer.singleShot(0, find)
    return failures


def _type_and_press(qtbot, dialog: PassphraseDialog, **fields: str) -> None:
    for name, text in fields.items():
        qtbot.keyClicks(getattr(dialog, name), text)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def _encrypted(path: Path) -> Path:
    with Workspace.open(path, passphrase=PASSPHRASE) as ws:
        add_case(ws, "ENC-1", "Ada Quillfeather", "2021-03-02")
    passphrases.forget(path)
    return path


def _plaintext_in(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.is_file() and SECRET in p.read_bytes()]


def test_opening_an_encrypted_workspace_asks_for_its_passphrase_until_it_is_right(
    qtbot, tmp_path, messages
):
    path = _encrypted(tmp_path / "caseload" / "work.db")
    tries = iter(["the wrong one", PASSPHRASE])

    def answer(dialog: PassphraseDialog) -> None:
        assert "“work.db” is encrypted" in dialog.intro.text()
        assert not dialog.ok_button.isEnabled()  # nothing typed yet
        _type_and_press(qtbot, dialog, passphrase=next(tries))
        if not failures_second:
            failures_second.extend(_while_modal(PassphraseDialog, answer_again))

    def answer_again(dialog: PassphraseDialog) -> None:
        _type_and_press(qtbot, dialog, passphrase=next(tries))

    failures_second: list[BaseException] = []
    failures = _while_modal(PassphraseDialog, answer)
    ws = open_workspace(path, None)
    assert not failures and not failures_second, (failures, failures_second)
    assert ws is not None and ws.encrypted
    assert [m[1] for m in messages] == ["Wrong passphrase"]
    ws.close()


def test_cancelling_the_passphrase_opens_nothing_and_offers_no_restore(
    qtbot, tmp_path, messages, monkeypatch
):
    path = _encrypted(tmp_path / "work.db")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    failures = _while_modal(
        PassphraseDialog,
        lambda d: qtbot.mouseClick(
            d.buttons.button(d.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton
        ),
    )
    assert open_workspace(path, None) is None
    assert not failures and messages == []


def test_the_file_menu_encrypts_the_workspace_then_changes_its_passphrase(
    qtbot, ws, ws_path, settings, messages
):
    add_case(ws, "ENC-2", "Ada Quillfeather")
    ws.backup(reason="manual")
    window = MainWindow(ws, settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.case_loaded, timeout=30_000):
        pass
    actions = window.actions_
    assert actions.encrypt.isEnabled() and not actions.change_passphrase.isEnabled()

    def choose(dialog: PassphraseDialog) -> None:
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.keyClicks(dialog.again, PASSPHRASE[:-1])
        assert not dialog.ok_button.isEnabled()
        assert dialog.hint.text() == "The two passphrases differ."
        qtbot.keyClicks(dialog.again, PASSPHRASE[-1])
        _type_and_press(qtbot, dialog)

    failures = _while_modal(PassphraseDialog, choose)
    actions.encrypt.trigger()
    assert not failures, failures[0]
    assert header_kind(ws_path) == "encrypted" and window.workspace.encrypted
    assert _plaintext_in(ws_path.parent) == []  # the workspace and its backup
    assert window.cases.model.rowCount() == 1
    assert not actions.encrypt.isEnabled() and actions.change_passphrase.isEnabled()
    backups = len(list(backup_dir_for(ws_path).glob("*.db")))  # one more, taken first
    assert messages[-1][1] == "Workspace encrypted" and f"{backups} backup(s)" in messages[-1][2]

    failures = _while_modal(
        PassphraseDialog,
        lambda d: _type_and_press(
            qtbot, d, current=PASSPHRASE, passphrase="a new long passphrase", again="a new long "
            "passphrase"
        ),
    )  # fmt: skip
    actions.change_passphrase.trigger()
    assert not failures, failures[0]
    assert messages[-1][1] == "Passphrase changed"
    passphrases.forget(ws_path)
    with pytest.raises(WrongPassphrase):
        Workspace.open(ws_path, passphrase=PASSPHRASE)
    Workspace.open(ws_path, passphrase="a new long passphrase").close()


def test_search_import_and_export_in_the_window_on_an_encrypted_workspace(
    qtbot, tmp_path, settings, data, messages, monkeypatch
):
    folder = tmp_path / "caseload"
    path = _encrypted(folder / "work.db")
    ws = Workspace.open(path, passphrase=PASSPHRASE)
    window = MainWindow(ws, settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.case_loaded, timeout=30_000):
        pass

    # Import, with the wizard's own buttons (its worker opens the workspace again, keyed).
    chosen = [str(data / "family_support_notes.csv")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))

    def work_through(wizard: ImportWizard) -> None:
        qtbot.mouseClick(wizard.files_page.add, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.LeftButton)
        with qtbot.waitSignal(wizard.import_finished, timeout=60_000):
            qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.LeftButton)
        qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.REPORT)
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.LeftButton)

    failures = _while_modal(ImportWizard, work_through)
    window.actions_.import_files.trigger()
    assert not failures, failures[0]
    assert count_entries(ws, 1) == 4
    qtbot.waitUntil(lambda: window.chronology.model.rowCount() == 4, timeout=30_000)

    # Search: typed into the chronology's search box.
    search = window.chronology.filter_bar.search
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(search, "nursery")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: 0 < window.chronology.model.rowCount() < 4, timeout=10_000)

    # Export: the dialog's own Export button.
    out = tmp_path / "chronology.docx"

    def export(dialog: ExportDialog) -> None:
        dialog.set_choice("chronology", "docx", out)
        with qtbot.waitSignal(dialog.export_finished, timeout=120_000):
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.export_button.isEnabled())
        dialog.accept()

    failures = _while_modal(ExportDialog, export)
    window.actions_.export.trigger()
    assert not failures, failures[0]
    assert out.exists()
    assert not [m for m in messages if m[0] in ("warning", "critical")], messages
    assert _plaintext_in(folder) == []
