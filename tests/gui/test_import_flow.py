"""The import wizard driven as a user would: files → preview → worker → report → quarantine →
undo the import. Message boxes and file dialogs are monkeypatched, never clicked."""

from __future__ import annotations

import shutil

from PySide6.QtWidgets import QFileDialog

from chronology.batches import list_batches
from chronology.entries import count_entries
from chronology.importers.pipeline import ImportOptions
from chronology.profiles import saved_profiles
from gui.chronology.chronology_panel import ChronologyPanel
from gui.importing.batches_dialog import BatchesDialog
from gui.importing.import_wizard import ImportWizard
from gui.importing.import_worker import ImportWorker
from gui.importing.quarantine_pane import QuarantinePane


def test_import_fix_quarantine_then_undo(qtbot, ws, ws_path, case, data, messages, monkeypatch):
    panel = ChronologyPanel(ws)
    qtbot.addWidget(panel)
    panel.set_case(case.id)
    files = [
        data / "family_support_notes.csv",
        data / "clinic_visits.ics",
        data / "not_a_record.bin",
    ]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(f) for f in files[1:]], "")
    )

    wizard = ImportWizard(ws, ws_path, case, [], None)
    qtbot.addWidget(wizard)
    wizard.imported.connect(panel.refresh)
    wizard.show()
    wizard.files_page.set_paths(files[:1])
    wizard.files_page.add.click()  # the (monkeypatched) file dialog adds the other two
    assert wizard.files_page.paths() == files
    wizard.next()
    assert wizard.currentId() == ImportWizard.PREVIEW

    page = wizard.preview_page
    assert [p.path for p in page.plans] == files
    assert "CSV text" in page.detected.text()
    assert "'03/04/2024' read as 3 April 2024" in page.dates.text()
    assert "day-first" in page.dates.text().lower() or "uk" in page.dates.text().lower()
    assert page.plans[2].error  # the unreadable file is named, not imported
    page.agency.setText("Harbour Family Support")
    page.agency.textEdited.emit("Harbour Family Support")
    # The user corrects a column: 'Worker' read as the author (as detected) → keep; 'Subject'
    # read as part of the text instead of the summary.
    mapping = page.mapping_model
    row = next(r for r in range(mapping.rowCount()) if mapping.index(r, 0).data() == "Subject")
    assert mapping.setData(mapping.index(row, 1), "extra")
    assert page.plans[0].mapping["Subject"] == "extra"
    monkeypatch.setattr(
        "gui.importing.import_preview.QInputDialog.getText",
        lambda *a, **k: ("Harbour family support export", True),
    )
    page.save_profile.click()
    assert [p.name for p in saved_profiles(ws)] == ["Harbour family support export"]

    with qtbot.waitSignal(wizard.import_finished, timeout=60_000) as blocker:
        wizard.next()  # "Import": the worker runs; the wizard moves on when it has finished
    outcome = blocker.args[0]
    assert not outcome.cancelled
    assert wizard.currentId() == ImportWizard.REPORT
    totals = outcome.totals()
    assert totals == {
        "rows": 7,
        "imported": 6,
        "duplicates": 0,
        "already_imported": 0,
        "quarantined": 1,
    }
    report = wizard.report_page
    assert report.model.rowCount() == 3
    assert "cannot be imported" in report.model.index(2, 6).data()
    assert report.to_quarantine.isEnabled()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 6)
    agencies = set(panel.model.agencies())
    assert "Harbour Family Support" in agencies

    with qtbot.waitSignal(wizard.quarantine_requested):
        report.to_quarantine.click()
    assert not wizard.isVisible()

    dialog = QuarantinePane()
    qtbot.addWidget(dialog)
    dialog.set_case(ws, case, None)
    dialog.entries_changed.connect(panel.refresh)
    dialog.show()
    assert dialog.model.rowCount() == 1
    assert dialog.date.text() == "yesterday"
    dialog.date.setText("31/02/2024")
    assert dialog.fix_current() is None  # an impossible date is refused in plain words
    assert messages[-1][1] == "That date cannot be read"
    dialog.date.setText("24/04/2024")
    entry_id = dialog.fix_current()
    assert entry_id is not None
    assert dialog.model.rowCount() == 0
    assert panel.model.rowCount() == 7
    assert panel.select_entry(entry_id)
    dialog.close()

    history = BatchesDialog(ws, case)
    qtbot.addWidget(history)
    history.show()
    assert history.model.rowCount() == 2
    history.table.selectRow(1)  # newest first: row 1 is the CSV file, imported first
    assert history.current_batch().file == "family_support_notes.csv"
    with qtbot.waitSignal(history.batch_undone):
        assert history.undo_selected()
    assert messages[-1][0] == "question"
    panel.refresh()
    assert panel.model.rowCount() == 2  # the calendar's two events remain
    assert not history.undo.isEnabled()
    history.reject()


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


def test_dropped_files_open_the_wizard_at_the_preview(qtbot, ws, ws_path, case, data, tmp_path):
    copy = tmp_path / "visits.ics"
    shutil.copy(data / "clinic_visits.ics", copy)
    wizard = ImportWizard(ws, ws_path, case, [copy], None)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.PREVIEW)
    assert "Calendar" in wizard.preview_page.detected.text()
    assert "read as 10 April 2024, 10:30" in wizard.preview_page.dates.text()
    wizard.reject()


def test_a_file_with_two_patients_asks_whose_records_to_import(
    qtbot, ws, ws_path, case, tmp_path, monkeypatch
):
    from pathlib import Path

    from PySide6.QtWidgets import QInputDialog

    both = Path(__file__).resolve().parents[1] / "data" / "fhir" / "two_patients.json"
    asked: list[list[str]] = []

    def choose(_parent, _title, _label, items, *args, **kw):
        asked.append(list(items))
        return next(i for i in items if i.startswith("Sam Fenwick")), True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    wizard = ImportWizard(ws, ws_path, case, [both], None)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.PREVIEW)
    (plan,) = wizard.preview_page.plans
    assert len(asked) == 1 and len(asked[0]) == 2
    assert plan.error == "" and plan.records
    assert plan.options().patient is not None
    wizard.reject()
