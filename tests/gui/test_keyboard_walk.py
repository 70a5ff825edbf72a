"""The day's main task with the keyboard alone: import a file (Ctrl+I, Alt+A, Enter, Enter),
go to the quarantine from the report (Alt+Q) and fix its row (type the date, Enter), add a
primary risk (Ctrl+R, Alt+A, type, Enter), export the chronology (Ctrl+E, Alt+D, Alt+F, Alt+S,
Enter). Only the native file dialog is replaced; no mouse, no method calls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from window_helpers import ALT, CTRL, focused, key, open_window, type_text
from window_helpers import while_modal as when_shown

from chronology.entries import count_entries
from chronology.quarantine import list_quarantine
from gui.exporting.export_dialog import ExportDialog
from gui.importing.import_wizard import ImportWizard
from gui.risks.risk_dialog import RiskDialog
from summary.risks import list_risks


def _down_until(qtbot, combo, value: str) -> None:
    """Arrow down a focused list box until it shows ``value`` (as a user reads it)."""
    for _ in range(combo.count()):
        if combo.currentData() == value:
            return
        key(qtbot, Qt.Key.Key_Down)
    assert combo.currentData() == value


def test_import_fix_risk_and_export_with_the_keyboard_alone(
    qtbot, ws, case, settings, data, messages, monkeypatch, tmp_path
):
    window = open_window(qtbot, ws, settings, 1366, 768)
    assert focused() is window.chronology.filter_bar.search
    notes = str(data / "family_support_notes.csv")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([notes], ""))

    # 1. Import: Ctrl+I, Alt+A (Add files), Enter (Next), Enter (Import), Alt+Q (quarantine).
    def import_file(wizard: ImportWizard) -> None:
        key(qtbot, Qt.Key.Key_A, ALT)
        qtbot.waitUntil(lambda: bool(wizard.files_page.paths()))
        key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.PREVIEW)
        with qtbot.waitSignal(wizard.import_finished, timeout=60_000):
            key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.REPORT)
        key(qtbot, Qt.Key.Key_Q, ALT)
        qtbot.waitUntil(lambda: not wizard.isVisible())

    failures = when_shown(qtbot, ImportWizard, import_file)
    key(qtbot, Qt.Key.Key_I, CTRL)
    assert not failures, failures[0]
    assert count_entries(ws, case.id) == 4 and len(list_quarantine(ws, case.id)) == 1

    # 2. The quarantine opens with the date box ready: type over it, Enter.
    qtbot.waitUntil(lambda: focused() is window.quarantine.date, timeout=5_000)
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "24/04/2024")
    key(qtbot, Qt.Key.Key_Return)
    assert list_quarantine(ws, case.id) == [] and count_entries(ws, case.id) == 5

    # 3. A primary risk: Ctrl+R (register), Alt+A (Add risk), the title, Alt+P (primary), Enter.
    key(qtbot, Qt.Key.Key_R, CTRL)
    register = window.risk_register
    qtbot.waitUntil(lambda: QApplication.activeWindow() is register)

    def add_risk(dialog: RiskDialog) -> None:
        type_text(qtbot, "Conditional threat to Kai")
        key(qtbot, Qt.Key.Key_P, ALT)  # "&Primary: pin it to the top…"
        qtbot.waitUntil(dialog.primary.isChecked)
        key(qtbot, Qt.Key.Key_Return)  # Save, the dialog's default button

    failures = when_shown(qtbot, RiskDialog, add_risk)
    key(qtbot, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: bool(list_risks(ws, case.id)) or bool(failures), timeout=10_000)
    assert not failures, failures[0]
    (risk,) = list_risks(ws, case.id)
    assert (risk.title, risk.primary) == ("Conditional threat to Kai", True)
    key(qtbot, Qt.Key.Key_Escape)  # close the register
    qtbot.waitUntil(lambda: not register.isVisible())
    window.activateWindow()  # what the window manager does when the register closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # 4. Export the full chronology as CSV: Ctrl+E, Alt+D, arrows, Alt+F, arrows, Alt+S, Enter.
    target = tmp_path / "chronology.csv"

    def export(dialog: ExportDialog) -> None:
        key(qtbot, Qt.Key.Key_D, ALT)
        _down_until(qtbot, dialog.document, "chronology")
        key(qtbot, Qt.Key.Key_F, ALT)
        _down_until(qtbot, dialog.format, "csv")
        key(qtbot, Qt.Key.Key_S, ALT)
        assert focused() is dialog.output
        key(qtbot, Qt.Key.Key_A, CTRL)
        type_text(qtbot, str(target))
        key(qtbot, Qt.Key.Key_Return)  # the dialog's one default button: Export
        qtbot.waitUntil(target.exists, timeout=60_000)
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        key(qtbot, Qt.Key.Key_Escape)

    failures = when_shown(qtbot, ExportDialog, export)
    key(qtbot, Qt.Key.Key_E, CTRL)
    assert not failures, failures[0]
    text = target.read_text(encoding="utf-8-sig")
    assert "Home visit to Jodie and Kai" in text and "24/04/2024" in text
