"""The issue's user flow, end to end in the main window, with no dialog left open: import six
agency files through the wizard, fix a quarantined row, add a primary risk, record a review,
export the witness statement to Word and to PDF, and read both back.

Each modal dialog's ``exec`` is replaced by a function that does what the user would do in it;
message boxes are recorded (the ``messages`` fixture), never clicked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from chronology.cases import add_case, get_case
from chronology.entries import count_entries
from chronology.quarantine import list_quarantine
from gui.exporting.export_dialog import ExportDialog
from gui.importing.import_wizard import ImportWizard
from gui.risks.review_dialog import ReviewDialog
from gui.risks.risk_dialog import RiskDialog
from gui.risks.risk_panel import open_risk_register
from gui.shell.main_window import MainWindow
from summary.risks import list_risks

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = [
    DATA / "core" / "health.csv",
    DATA / "core" / "social_care.csv",
    DATA / "gui" / "family_support_notes.csv",
    DATA / "gui" / "clinic_visits.ics",
    DATA / "ics" / "outlook_london.ics",
    DATA / "fhir" / "appointments.ndjson",
]
STATEMENT_DETAILS = {
    "worker": "Alex Brennan",
    "role": "Social Worker",
    "employer": "Kingsvale Council",
    "party": "the Local Authority",
    "court": "Family Court sitting at Kingsvale",
    "court_case_number": "KV24P00123",
}


def _read_docx(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join([*(p.text for p in document.paragraphs), *cells]).split())


def _read_pdf(path: Path) -> str:
    import pypdf

    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages).split())


def test_from_agency_files_to_a_statement_in_word_and_pdf(
    qtbot, ws, settings, tmp_path, monkeypatch, messages
):
    case = add_case(ws, "E2E-001", "Kai Test", "2021-03-02")
    window = MainWindow(ws, settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.case_loaded, timeout=30_000):
        pass
    assert window.current_case.ref == case.ref and window.chronology.model.rowCount() == 0

    # 1. Import the six files through the wizard; go from its report to the quarantine.
    def run_wizard(wizard: ImportWizard) -> int:
        wizard.show()
        wizard.files_page.set_paths(FILES)
        wizard.next()
        assert wizard.currentId() == ImportWizard.PREVIEW
        assert not any(p.error for p in wizard.preview_page.plans)
        with qtbot.waitSignal(wizard.import_finished, timeout=120_000) as blocker:
            wizard.next()
        totals = blocker.args[0].totals()
        assert totals["rows"] == 28 and totals["quarantined"] == 4
        assert totals["rows"] == (
            totals["imported"]
            + totals["duplicates"]
            + totals["already_imported"]
            + totals["quarantined"]
        )
        assert wizard.currentId() == ImportWizard.REPORT
        wizard.report_page.to_quarantine.click()  # closes the wizard, opens the quarantine
        return 1

    monkeypatch.setattr(ImportWizard, "exec", run_wizard)
    window.actions_.import_files.trigger()
    # The quarantine opens as a pane under the chronology: type the date, press Enter.
    pane = window.quarantine
    assert window.quarantine_dock.isVisible()
    waiting = pane.model.rowCount()
    row = next(
        r for r in range(waiting) if pane.model.row_at(r).source_file == "family_support_notes.csv"
    )
    qtbot.mouseClick(
        pane.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=pane.table.visualRect(pane.model.index(row, 0)).center(),
    )
    assert pane.date.text() == "yesterday"
    pane.date.selectAll()
    qtbot.keyClicks(pane.date, "24/04/2024")
    qtbot.keyClick(pane.date, Qt.Key.Key_Return)
    assert pane.model.rowCount() == waiting - 1
    assert len(list_quarantine(ws, case.id)) == 3
    imported = count_entries(ws, case.id)
    assert imported == 28 - 4 + 1
    qtbot.waitUntil(lambda: window.chronology.model.rowCount() > 0, timeout=30_000)

    # 2. Add a primary risk in the register, with the chronology's selected entry as evidence.
    evidence = window.chronology.model.entry_at(2).id
    assert window.chronology.select_entry(evidence)  # the user clicks an entry

    def add(dialog: RiskDialog) -> None:
        dialog.title.setText("Conditional threat to Kai")
        dialog.if_text.setPlainText("father is granted unsupervised contact")
        dialog.then_text.setPlainText("mother may harm herself and Kai")
        dialog.primary.setChecked(True)
        dialog.add_selected.click()

    monkeypatch.setattr(RiskDialog, "exec", lambda d: (add(d), d._accept(), d.result())[-1])
    window.actions_.risks.trigger()
    register = window.risk_register
    with qtbot.waitSignal(window.summary_area.loaded, timeout=30_000):
        risk_id = register.add_risk()
    (risk,) = list_risks(ws, case.id)
    assert risk.id == risk_id and risk.primary and risk.evidence == [evidence]
    assert window.summary_area.banner.risk_count == 1

    # 3. Record a review.
    def review(dialog: ReviewDialog) -> None:
        dialog.by.setText("Sam Manager")
        dialog.note.setPlainText("Discussed at supervision: contact is supervised for now.")

    monkeypatch.setattr(ReviewDialog, "exec", lambda d: (review(d), d._accept(), d.result())[-1])
    with qtbot.waitSignal(window.summary_area.loaded, timeout=30_000):
        assert register.review_current()
    assert [r.by for r in list_risks(ws, case.id)[0].reviews] == ["Sam Manager"]
    assert not window.summary_area.banner.needs_review
    register.close()
    open_risk_register(window)  # opening it again shows the same register, up to date
    assert window.risk_register is register and register.model.rowCount() == 1
    register.close()

    # 4. Export the witness statement to Word and to PDF, filling in the statement details.
    written: list[Path] = []

    def export(dialog: ExportDialog) -> int:
        dialog.show()
        assert dialog.redact.isChecked()
        for key, value in STATEMENT_DETAILS.items():
            dialog.details[key].setText(value)
        for fmt in ("docx", "pdf"):
            dialog.set_choice("statement", fmt, tmp_path / f"statement.{fmt}")
            with qtbot.waitSignal(dialog.export_finished, timeout=120_000) as blocker:
                assert dialog.start_export()
            qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=30_000)
            result = blocker.args[0]
            assert result is not None and result.page_limit == 25
            assert "court limit 25 pages" in dialog.outcome.text()
            written.append(result.path)
        dialog.accept()
        return 1

    monkeypatch.setattr(ExportDialog, "exec", export)
    window.actions_.export.trigger()
    assert written == [tmp_path / "statement.docx", tmp_path / "statement.pdf"]
    for text in (_read_docx(written[0]), _read_pdf(written[1])):
        assert "KV24P00123" in text and "Conditional threat to Kai" in text
        assert "I believe that the facts stated in this witness statement are true." in text
    assert get_case(ws, case.ref).worker == "Alex Brennan"  # the details stay on the case

    # Nothing was left open and nothing went wrong on the way.
    QApplication.processEvents()
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    assert left == []
    assert not [m for m in messages if m[0] in ("warning", "critical")], messages
