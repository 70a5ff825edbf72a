"""The issue's user flow, end to end in the main window, with no dialog left open: import six
agency files through the wizard, fix a quarantined row, add a primary risk, record a review,
export the witness statement to Word and to PDF, and read both back.

Every step is a click or a key press on a visible, enabled control; the native file dialog is
replaced and message boxes are recorded (the ``messages`` fixture)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QWizard
from user_input import (
    choose,
    click_row,
    click_tab,
    press,
    press_box,
    toolbar_button,
    type_into,
    when_modal,
)

from chronology.cases import add_case, get_case
from chronology.entries import count_entries
from chronology.quarantine import list_quarantine
from gui.exporting.export_dialog import ExportDialog
from gui.importing.import_wizard import ImportWizard
from gui.importing.quarantine_dialog import QuarantineDialog
from gui.risks.review_dialog import ReviewDialog
from gui.risks.risk_dialog import RiskDialog
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
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(f) for f in FILES], "")
    )

    # 1. Import the six files through the wizard; go from its report to the quarantine.
    totals: dict[str, int] = {}

    def run_wizard(wizard: ImportWizard) -> None:
        press(qtbot, wizard.files_page.add)
        press(qtbot, wizard.button(QWizard.WizardButton.NextButton))
        assert wizard.currentId() == ImportWizard.PREVIEW
        assert not any(p.error for p in wizard.preview_page.plans)
        with qtbot.waitSignal(wizard.import_finished, timeout=120_000) as blocker:
            press(qtbot, wizard.button(QWizard.WizardButton.NextButton))
        totals.update(blocker.args[0].totals())
        qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.REPORT)
        press(qtbot, wizard.report_page.to_quarantine)  # closes the wizard, opens the quarantine

    def fix_a_row(dialog: QuarantineDialog) -> None:
        waiting = dialog.model.rowCount()
        row = next(
            r
            for r in range(waiting)
            if dialog.model.row_at(r).source_file == "family_support_notes.csv"
        )
        click_row(qtbot, dialog.table, row)
        assert dialog.date.text() == "yesterday"
        type_into(qtbot, dialog.date, "24/04/2024")
        press(qtbot, dialog.fix)
        assert dialog.model.rowCount() == waiting - 1
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Close)

    importing = when_modal(qtbot, ImportWizard, run_wizard)
    fixing = when_modal(qtbot, QuarantineDialog, fix_a_row)
    press(qtbot, toolbar_button(window, "&Import…"))
    importing.check()
    fixing.check()
    assert totals["rows"] == 28 and totals["quarantined"] == 4
    assert totals["rows"] == (
        totals["imported"] + totals["duplicates"] + totals["already_imported"]
        + totals["quarantined"]
    )  # fmt: skip
    assert len(list_quarantine(ws, case.id)) == 3
    imported = count_entries(ws, case.id)
    assert imported == 28 - 4 + 1
    qtbot.waitUntil(lambda: window.chronology.model.rowCount() > 0, timeout=30_000)

    # 2. Add a primary risk in the register, with the chronology's selected entry as evidence.
    click_row(qtbot, window.chronology.table, 2, 3)  # the user clicks an entry
    evidence = window.chronology.current_entry_id()

    def add(dialog: RiskDialog) -> None:
        type_into(qtbot, dialog.title, "Conditional threat to Kai")
        type_into(qtbot, dialog.if_text, "father is granted unsupervised contact")
        type_into(qtbot, dialog.then_text, "mother may harm herself and Kai")
        press(qtbot, dialog.primary)
        click_tab(qtbot, dialog.tabs, "Evidence")
        press(qtbot, dialog.add_selected)
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Save)

    press(qtbot, toolbar_button(window, "&Risks…"))
    register = window.risk_register
    adding = when_modal(qtbot, RiskDialog, add)
    press(qtbot, register.add)
    adding.check()
    (risk,) = list_risks(ws, case.id)
    assert risk.primary and risk.evidence == [evidence]
    qtbot.waitUntil(lambda: window.summary_area.banner.risk_count == 1, timeout=30_000)

    # 3. Record a review.
    def review(dialog: ReviewDialog) -> None:
        type_into(qtbot, dialog.by, "Sam Manager")
        type_into(qtbot, dialog.note, "Discussed at supervision: contact is supervised for now.")
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Save)

    reviewing = when_modal(qtbot, ReviewDialog, review)
    press(qtbot, register.review)
    reviewing.check()
    assert [r.by for r in list_risks(ws, case.id)[0].reviews] == ["Sam Manager"]
    qtbot.waitUntil(lambda: not window.summary_area.banner.needs_review, timeout=30_000)
    press_box(qtbot, register.buttons, QDialogButtonBox.StandardButton.Close)
    assert not register.isVisible()
    press(qtbot, toolbar_button(window, "&Risks…"))  # the same register again, up to date
    assert window.risk_register is register and register.model.rowCount() == 1
    press_box(qtbot, register.buttons, QDialogButtonBox.StandardButton.Close)

    # 4. Export the witness statement to Word and to PDF, filling in the statement details.
    written: list[Path] = []

    def export(dialog: ExportDialog) -> None:
        assert dialog.redact.isChecked()
        for key, value in STATEMENT_DETAILS.items():
            type_into(qtbot, dialog.details[key], value)
        for fmt, label in (("docx", "Word (.docx)"), ("pdf", "PDF (.pdf)")):
            choose(qtbot, dialog.document, "Witness statement")
            choose(qtbot, dialog.format, label)
            type_into(qtbot, dialog.output, str(tmp_path / f"statement.{fmt}"))
            with qtbot.waitSignal(dialog.export_finished, timeout=120_000) as blocker:
                press(qtbot, dialog.export_button)
            qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=30_000)
            result = blocker.args[0]
            assert result is not None and result.page_limit == 25
            assert "court limit 25 pages" in dialog.outcome.text()
            written.append(result.path)
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Close)

    exporting = when_modal(qtbot, ExportDialog, export)
    press(qtbot, toolbar_button(window, "&Export…"))
    exporting.check()
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
