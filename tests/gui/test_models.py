"""QAbstractItemModelTester (through pytest-qt's qtmodeltester) on every model of the window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from chronology.batches import list_batches
from chronology.entries import EntryFilter, entry_history, update_entry
from chronology.importers.pipeline import preview, run_import
from chronology.quarantine import list_quarantine
from gui.chronology.chronology_model import SUMMARY, ChronologyTableModel
from gui.chronology.history_model import EntryHistoryModel
from gui.importing.batches_dialog import BatchesTableModel
from gui.importing.import_models import ImportReportModel, MappingModel, PreviewModel
from gui.importing.quarantine_model import QuarantineTableModel
from gui.shell.case_list import CasesTableModel


def test_chronology_model(qtmodeltester, ws, case, make_entries):
    make_entries(ws, case.id, 450)
    model = ChronologyTableModel(ws)
    model.set_case(case.id)
    assert model.rowCount() == 450
    qtmodeltester.check(model)
    model.set_filter(EntryFilter(search="weight"))
    assert model.rowCount() == 90
    qtmodeltester.check(model)
    model.sort(SUMMARY, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 90
    qtmodeltester.check(model)


def test_cases_model(qtmodeltester, ws, case):
    model = CasesTableModel(ws)
    model.reload()
    model.set_status(case.ref, "red", "review overdue")
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_quarantine_and_batches_models(qtmodeltester, ws, case, data):
    run_import(ws, case.id, [data / "family_support_notes.csv"])
    quarantine = QuarantineTableModel(list_quarantine(ws, case.id))
    assert quarantine.rowCount() == 1
    qtmodeltester.check(quarantine)
    batches = BatchesTableModel(list_batches(ws, case.id))
    assert batches.rowCount() == 1
    qtmodeltester.check(batches)


def test_import_models(qtmodeltester, ws, case, data):
    info, records, mapping = preview(data / "family_support_notes.csv")
    mapping_model = MappingModel()
    mapping_model.set_mapping(mapping, records)
    assert mapping_model.rowCount() == len(info.columns) == 6
    qtmodeltester.check(mapping_model)
    preview_model = PreviewModel()
    preview_model.set_records(info.columns, records)
    assert preview_model.rowCount() == len(records) == 5
    qtmodeltester.check(preview_model)
    reports = run_import(ws, case.id, [data / "clinic_visits.ics", data / "not_a_record.bin"])
    report_model = ImportReportModel()
    report_model.set_reports(reports)
    assert report_model.rowCount() == 2
    qtmodeltester.check(report_model)


def test_history_model(qtmodeltester, ws, case, make_entries):
    (entry_id,) = make_entries(ws, case.id, 1)
    update_entry(ws, entry_id, significance="key", analysis="A turning point.")
    model = EntryHistoryModel(entry_history(ws, entry_id))
    qtmodeltester.check(model)
    assert model.rowCount() == 1
