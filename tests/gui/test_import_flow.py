"""Importing as a user does it in the window: the toolbar's Import, Add files, a column corrected
in the preview, a profile saved, the wizard's Import; its report's way to the quarantine, a row
fixed there; Import history's Undo this import. Only the native file dialog is replaced; message
boxes are recorded (a question answers Yes)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFileDialog, QInputDialog, QWizard
from user_input import (
    answer_text,
    choose,
    click_row,
    press,
    press_box,
    toolbar_button,
    type_into,
    when_modal,
)

from chronology.batches import list_batches
from chronology.entries import count_entries, list_entries
from chronology.importers.pipeline import ImportOptions
from chronology.profiles import saved_profiles
from chronology.quarantine import list_quarantine
from gui.importing.batches_dialog import BatchesDialog
from gui.importing.import_models import FIELD_LABELS
from gui.importing.import_wizard import ImportWizard
from gui.importing.import_worker import ImportWorker
from gui.importing.quarantine_dialog import QuarantineDialog
from gui.shell.main_window import MainWindow

NEXT = QWizard.WizardButton.NextButton
CLOSE = QDialogButtonBox.StandardButton.Close


@pytest.fixture
def window(qtbot, ws, case, settings) -> MainWindow:
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.case_loaded, timeout=30_000):
        pass
    return win


def _wizard_button(qtbot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    press(qtbot, wizard.button(which))


def _read_as(qtbot, wizard: ImportWizard, column: str, field: str) -> None:
    """Click the column's 'Read as' cell, pick the field from its list, and press Enter."""
    page = wizard.preview_page
    view = page.mapping_view
    model = page.mapping_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == column)
    click_row(qtbot, view, row, 1)
    qtbot.waitUntil(lambda: bool(view.viewport().findChildren(QComboBox)))
    (editor,) = view.viewport().findChildren(QComboBox)
    choose(qtbot, editor, FIELD_LABELS[field])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.index(row, 1).data() == FIELD_LABELS[field])


def test_import_fix_quarantine_then_undo(qtbot, window, ws, case, data, messages, monkeypatch):
    files = [
        data / "family_support_notes.csv",
        data / "clinic_visits.ics",
        data / "not_a_record.bin",
    ]
    offered = [[str(files[0])], [str(f) for f in files[1:]]]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (offered.pop(0), ""))
    seen: dict[str, object] = {}

    def work_through(wizard: ImportWizard) -> None:
        page = wizard.files_page
        press(qtbot, page.add)  # the file dialog gives one file, then the other two
        press(qtbot, page.add)
        assert page.paths() == files
        _wizard_button(qtbot, wizard, NEXT)
        assert wizard.currentId() == ImportWizard.PREVIEW
        preview = wizard.preview_page
        assert [p.path for p in preview.plans] == files
        assert "CSV text" in preview.detected.text()
        assert "'03/04/2024' read as 3 April 2024" in preview.dates.text()
        assert "day-first" in preview.dates.text().lower() or "uk" in preview.dates.text().lower()
        assert preview.plans[2].error  # the unreadable file is named, not imported
        type_into(qtbot, preview.agency, "Harbour Family Support")
        # 'Subject' was read as the summary; the user keeps it in the text instead.
        _read_as(qtbot, wizard, "Subject", "extra")
        assert preview.plans[0].mapping["Subject"] == "extra"
        naming = answer_text(qtbot, "Harbour family support export")
        press(qtbot, preview.save_profile)
        naming.check()
        seen["profile message"] = messages[-1][1]
        assert wizard.button(NEXT).text() == "Import"
        with qtbot.waitSignal(wizard.import_finished, timeout=60_000) as blocker:
            _wizard_button(qtbot, wizard, NEXT)
        seen["outcome"] = blocker.args[0]
        qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.REPORT)
        report = wizard.report_page
        seen["report rows"] = report.model.rowCount()
        seen["problem"] = report.model.index(2, 6).data()
        press(qtbot, report.to_quarantine)  # closes the wizard, opens the quarantine

    def fix(dialog: QuarantineDialog) -> None:
        assert dialog.model.rowCount() == 1
        assert dialog.date.text() == "yesterday"
        type_into(qtbot, dialog.date, "31/02/2024")
        press(qtbot, dialog.fix)  # an impossible date is refused in plain words
        assert messages[-1][1] == "That date cannot be read"
        assert dialog.model.rowCount() == 1
        type_into(qtbot, dialog.date, "24/04/2024")
        qtbot.keyClick(dialog.date, Qt.Key.Key_Return)  # Enter makes it an entry too
        assert dialog.model.rowCount() == 0
        assert dialog.isVisible(), "Enter in the date box closed the quarantine"
        press_box(qtbot, dialog.buttons, CLOSE)

    importing = when_modal(qtbot, ImportWizard, work_through)
    fixing = when_modal(qtbot, QuarantineDialog, fix)
    press(qtbot, toolbar_button(window, "&Import…"))
    importing.check()
    fixing.check()

    assert seen["profile message"] == "Profile saved"
    assert [p.name for p in saved_profiles(ws)] == ["Harbour family support export"]
    outcome = seen["outcome"]
    assert not outcome.cancelled
    assert outcome.totals() == {
        "rows": 7,
        "imported": 6,
        "duplicates": 0,
        "already_imported": 0,
        "quarantined": 1,
    }
    assert seen["report rows"] == 3 and "cannot be imported" in str(seen["problem"])
    assert list_quarantine(ws, case.id) == []
    fixed = [e for e in list_entries(ws, case.id) if e.date == "2024-04-24"]
    assert len(fixed) == 1 and fixed[0].agency == "Harbour Family Support"
    csv_entries = [e for e in list_entries(ws, case.id) if e.source_file.endswith(".csv")]
    assert {e.agency for e in csv_entries} == {"Harbour Family Support"}
    call = next(e for e in csv_entries if e.date == "2024-04-17")
    # 'Subject' is kept beside the note (not the summary), as the user chose.
    assert "Subject: Call to mother" in call.details and call.summary != "Call to mother"
    qtbot.waitUntil(lambda: window.chronology.model.rowCount() == 7)

    def undo_the_csv(history: BatchesDialog) -> None:
        assert history.model.rowCount() == 2
        assert not history.undo.isEnabled()  # nothing chosen yet
        click_row(qtbot, history.table, 1)  # newest first: row 1 is the CSV file
        assert history.current_batch().file == "family_support_notes.csv"
        press(qtbot, history.undo)
        assert messages[-1][0] == "question" and "Undo the import of" in messages[-1][2]
        assert not history.undo.isEnabled()  # undone: it cannot be undone twice
        press_box(qtbot, history.buttons, CLOSE)

    undoing = when_modal(qtbot, BatchesDialog, undo_the_csv)
    press(qtbot, toolbar_button(window, "Import &history…"))
    undoing.check()
    assert count_entries(ws, case.id) == 2  # the calendar's two events remain
    qtbot.waitUntil(lambda: window.chronology.model.rowCount() == 2)


def test_discarding_a_quarantined_row_needs_a_reason(
    qtbot, window, ws, case, data, messages, monkeypatch
):
    from chronology.importers.pipeline import run_import

    run_import(ws, case.id, [data / "family_support_notes.csv"])
    (waiting,) = list_quarantine(ws, case.id)

    def discard(dialog: QuarantineDialog) -> None:
        blank = answer_text(qtbot, "")
        press(qtbot, dialog.discard)
        blank.check()
        assert messages[-1][1] == "Row not discarded" and dialog.model.rowCount() == 1
        given = answer_text(qtbot, "A duplicate of the 17/04 note")
        press(qtbot, dialog.discard)
        given.check()
        assert dialog.model.rowCount() == 0
        press_box(qtbot, dialog.buttons, CLOSE)

    discarding = when_modal(qtbot, QuarantineDialog, discard)
    press(qtbot, toolbar_button(window, "&Quarantine…"))
    discarding.check()
    assert list_quarantine(ws, case.id) == []
    reason = ws.conn.execute(
        "SELECT status, resolution FROM quarantine WHERE id=?", (waiting.id,)
    ).fetchone()
    assert tuple(reason) == ("discarded", "A duplicate of the 17/04 note")


def test_cancel_leaves_the_workspace_unchanged(qtbot, ws, ws_path, case, data):
    worker = ImportWorker(
        ws_path,
        case.id,
        [
            (data / "family_support_notes.csv", ImportOptions()),
            (data / "clinic_visits.ics", ImportOptions()),
        ],
    )
    worker.setAutoDelete(False)
    worker.cancel()
    with qtbot.waitSignal(worker.signals.result) as blocker:
        worker.run()
    assert blocker.args[0].cancelled
    assert count_entries(ws, case.id) == 0
    assert list_batches(ws, case.id) == []


def test_cancel_during_the_second_file_takes_back_the_first(qtbot, ws, ws_path, case, data):
    """All the files of one import are one transaction: Cancel during the second file leaves
    the workspace as it was, though the first file was already written."""
    worker = ImportWorker(
        ws_path,
        case.id,
        [
            (data / "family_support_notes.csv", ImportOptions()),
            (data / "clinic_visits.ics", ImportOptions()),
        ],
    )
    worker.setAutoDelete(False)
    labels: list[str] = []

    def progress(_done: int, _total: int, label: str) -> None:
        labels.append(label)
        if label.startswith("File 2 of 2"):
            worker.cancel()

    worker.signals.progress.connect(progress, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(worker.signals.result) as blocker:
        worker.run()
    assert any(label.startswith("File 2 of 2") for label in labels)
    assert blocker.args[0].cancelled
    assert count_entries(ws, case.id) == 0
    assert list_batches(ws, case.id) == []
    assert list_quarantine(ws, case.id) == []


def test_an_import_that_succeeds_writes_every_file(qtbot, ws, ws_path, case, data):
    worker = ImportWorker(
        ws_path,
        case.id,
        [
            (data / "family_support_notes.csv", ImportOptions()),
            (data / "clinic_visits.ics", ImportOptions()),
        ],
    )
    worker.setAutoDelete(False)
    with qtbot.waitSignal(worker.signals.result) as blocker:
        worker.run()
    outcome = blocker.args[0]
    assert not outcome.cancelled and len(outcome.reports) == 2
    assert count_entries(ws, case.id) == 6
    assert [b.file for b in list_batches(ws, case.id)] == [
        "family_support_notes.csv",
        "clinic_visits.ics",
    ]


def test_dropped_files_open_the_wizard_at_the_preview(qtbot, ws, ws_path, case, data, tmp_path):
    copy = tmp_path / "visits.ics"
    shutil.copy(data / "clinic_visits.ics", copy)
    wizard = ImportWizard(ws, ws_path, case, [copy], None)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.PREVIEW)
    assert "Calendar" in wizard.preview_page.detected.text()
    assert "read as 10 April 2024, 10:30" in wizard.preview_page.dates.text()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible() and count_entries(ws, case.id) == 0


def test_a_file_with_two_patients_asks_whose_records_to_import(
    qtbot, window, ws, case, monkeypatch
):
    both = Path(__file__).resolve().parents[1] / "data" / "fhir" / "two_patients.json"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(both)], ""))
    asked: list[list[str]] = []

    def pick(dialog: QInputDialog) -> None:
        combo = dialog.findChild(QComboBox)
        items = [combo.itemText(i) for i in range(combo.count())]
        asked.append(items)
        choose(qtbot, combo, next(i for i in items if i.startswith("Sam Fenwick")))
        press_box(qtbot, dialog.findChild(QDialogButtonBox), QDialogButtonBox.StandardButton.Ok)

    def work_through(wizard: ImportWizard) -> None:
        press(qtbot, wizard.files_page.add)
        _wizard_button(qtbot, wizard, NEXT)  # reading the file asks whose records
        (plan,) = wizard.preview_page.plans
        assert plan.error == "" and plan.records
        assert plan.options().patient is not None
        with qtbot.waitSignal(wizard.import_finished, timeout=60_000):
            _wizard_button(qtbot, wizard, NEXT)
        qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.REPORT)
        _wizard_button(qtbot, wizard, QWizard.WizardButton.FinishButton)

    choosing = when_modal(qtbot, QInputDialog, pick)
    importing = when_modal(qtbot, ImportWizard, work_through)
    press(qtbot, toolbar_button(window, "&Import…"))
    importing.check()
    choosing.check()
    assert len(asked) == 1 and len(asked[0]) == 2
    words = " ".join(f"{e.summary} {e.text}" for e in list_entries(ws, case.id))
    assert "eye test" in words and "dental check" not in words  # Sam's records, not Alex's
