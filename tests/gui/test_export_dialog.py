"""The export dialog writes real documents in the background, with redaction on by default:
Word and PDF read back; statement details kept on the case; errors in plain words. Everything is
chosen with the dialog's own lists, boxes and buttons; only message boxes and the desktop's
"open this file" are replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QListView
from user_input import choose, press, tick_row, toolbar_button, type_into, when_modal

from chronology.cases import add_person, get_case, update_case
from chronology.entries import add_entry
from chronology.models import Case, Entry, EntryType, Person, Precision, Significance
from gui.exporting.export_dialog import DOCUMENTS, FORMAT_LABELS, ExportDialog
from gui.exporting.export_worker import describe_export_error, result_html
from gui.shell.main_window import MainWindow

ADDRESS = "14 Larch Close, Kingsvale KV4 2PL"
PHONE = "07700 900461"
DETAILS = {
    "worker": "Alex Brennan",
    "role": "Social Worker",
    "employer": "Kingsvale Council",
    "party": "the Local Authority",
    "court": "Family Court sitting at Kingsvale",
    "court_case_number": "KV24P00123",
}


@pytest.fixture
def court_case(ws, case, make_entries) -> Case:
    make_entries(ws, case.id, 40)
    add_person(
        ws,
        Person(
            case_id=case.id,
            name="Jo Test",
            role="Mother",
            address=ADDRESS,
            phone=PHONE,
            confidential=True,
        ),
    )
    add_entry(
        ws,
        Entry(
            case_id=case.id,
            date="2024-06-12",
            precision=Precision.DAY,
            summary=f"Home visit to mother at 14 Larch Close; she asks to be called on {PHONE}",
            text=f"Visited Jo at 14 Larch Close; call her on {PHONE}.",
            agency="Children's Services",
            type=EntryType.HOME_VISIT,
            significance=Significance.KEY,
            in_court=True,
        ),
    )
    add_entry(
        ws,
        Entry(
            case_id=case.id,
            date="2024-06-13",
            precision=Precision.DAY,
            summary="Refuge place arranged by the IDVA",
            confidential=True,
            agency="Children's Services",
            type=EntryType.REFERRAL,
            significance=Significance.KEY,
        ),
    )
    return update_case(ws, case.ref, **DETAILS)


def _dialog(qtbot, ws, ws_path, case, **kw) -> ExportDialog:
    dialog = ExportDialog(ws, ws_path, case, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _choose(qtbot, dialog: ExportDialog, document: str, fmt: str, output: Path | None = None):
    """Pick the document and the format from their lists, and type the file name."""
    choose(qtbot, dialog.document, dict(DOCUMENTS)[document])
    choose(qtbot, dialog.format, FORMAT_LABELS[fmt])
    if output is not None:
        type_into(qtbot, dialog.output, str(output))


def _export(qtbot, dialog: ExportDialog) -> object:
    """Press Export and wait for the document to be written."""
    with qtbot.waitSignal(dialog.export_finished, timeout=120_000) as blocker:
        press(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled())
    return blocker.args[0]


def _close(qtbot, dialog: ExportDialog) -> None:
    press(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Close))
    assert not dialog.isVisible()


def _tick_list(dialog: ExportDialog, name: str) -> QListView:
    (view,) = [v for v in dialog.findChildren(QListView) if v.accessibleName() == name]
    return view


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_redaction_is_on_and_says_what_will_be_withheld(qtbot, ws, ws_path, court_case):
    dialog = _dialog(qtbot, ws, ws_path, court_case)
    assert dialog.redact.isChecked()
    text = dialog.withheld.text()
    assert "the address of Jo Test (Mother; marked confidential)" in text
    assert "the phone number of Jo Test" in text
    assert "the text of 1 entry marked confidential" in text
    assert "the name of person" not in text
    press(qtbot, dialog.redact_names)
    assert "the name of person" in dialog.withheld.text()
    press(qtbot, dialog.redact)
    assert "Redaction is off" in dialog.withheld.text()
    assert not dialog.redact_names.isEnabled()
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == ["docx", "pdf"]
    assert not dialog.filters_box.isVisibleTo(dialog)
    _choose(qtbot, dialog, "chronology", "csv")
    assert dialog.filters_box.isVisibleTo(dialog) and dialog.output.text().endswith(".csv")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def _read(path: Path) -> str:
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        text = "\n".join(p.text for p in document.paragraphs)
        text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    else:
        import pypdf

        text = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    return _flat(text)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_statement_is_written_redacted_and_read_back(qtbot, ws, ws_path, court_case, tmp_path, fmt):
    dialog = _dialog(qtbot, ws, ws_path, court_case)
    # Redaction off first: the confidential details are in the statement as recorded ...
    plain = tmp_path / f"unredacted.{fmt}"
    _choose(qtbot, dialog, "statement", fmt, plain)
    press(qtbot, dialog.redact)
    result = _export(qtbot, dialog)
    assert not result.redacted
    secrets = ("Larch Close", "900461", "Refuge place arranged")
    unredacted = _read(plain)
    for secret in secrets:
        assert secret in unredacted
    # ... and withheld from the same statement with redaction on (as the dialog opens).
    press(qtbot, dialog.redact)
    out = tmp_path / f"statement.{fmt}"
    type_into(qtbot, dialog.output, str(out))
    result = _export(qtbot, dialog)
    assert result.path == out and out.exists() and result.redacted and result.withheld >= 2
    flat = _read(out)
    assert "I believe that the facts stated in this witness statement are true." in flat
    assert "KV24P00123" in flat
    for secret in secrets:
        assert secret not in flat
    assert "[REDACTED]" in flat
    outcome = dialog.outcome.text()
    assert "court limit 25 pages" in outcome and "withheld" in outcome
    assert dialog.result_box.isVisibleTo(dialog) and dialog.open_file.isEnabled()
    _close(qtbot, dialog)


def test_open_and_show_in_folder(qtbot, ws, ws_path, court_case, tmp_path, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    dialog = _dialog(qtbot, ws, ws_path, court_case)
    _choose(qtbot, dialog, "court-chronology", "docx", tmp_path / "court.docx")
    result = _export(qtbot, dialog)
    assert result.page_limit == 10
    press(qtbot, dialog.open_file)
    press(qtbot, dialog.show_folder)
    assert opened == [str(tmp_path / "court.docx"), str(tmp_path)]
    _close(qtbot, dialog)


def test_full_chronology_csv_with_filters(qtbot, ws, ws_path, court_case, tmp_path):
    dialog = _dialog(qtbot, ws, ws_path, court_case)
    _choose(qtbot, dialog, "chronology", "csv", tmp_path / "everything.csv")
    _export(qtbot, dialog)
    everything = (tmp_path / "everything.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(everything) == 1 + 42  # the header and every entry
    significance = _tick_list(dialog, "Only these significance")
    labels = [significance.model().index(r, 0).data() for r in range(3)]
    tick_row(qtbot, significance, labels.index("Key"))
    assert dialog.significance_model.checked() == ["key"]
    type_into(qtbot, dialog.output, str(tmp_path / "chronology.csv"))
    result = _export(qtbot, dialog)
    rows = (tmp_path / "chronology.csv").read_text(encoding="utf-8-sig").splitlines()
    assert result.pages is None and len(rows) == 1 + 3  # entries 0 and 0 + 50… and the two added
    visit = [row for row in rows if "Home visit to mother" in row]
    assert len(visit) == 1 and "Larch Close" not in visit[0] and "900461" not in visit[0]
    assert not any("Larch Close" in row for row in everything)  # redacted there too
    _close(qtbot, dialog)


def test_changed_details_are_kept_on_the_case_and_undoable(
    qtbot, ws, ws_path, court_case, tmp_path
):
    from PySide6.QtGui import QUndoStack

    stack = QUndoStack()
    dialog = _dialog(qtbot, ws, ws_path, court_case, stack=stack)
    type_into(qtbot, dialog.details["statement_number"], "2")
    type_into(qtbot, dialog.details["party"], "the Applicant Local Authority")
    _choose(qtbot, dialog, "statement", "docx", tmp_path / "second.docx")
    with qtbot.waitSignal(dialog.case_updated):
        _export(qtbot, dialog)
    case = get_case(ws, court_case.ref)
    assert case.statement_number == 2 and case.party == "the Applicant Local Authority"
    assert stack.undoText() == "Edit statement details"
    stack.undo()
    case = get_case(ws, court_case.ref)
    assert case.statement_number == 1 and case.party == "the Local Authority"
    _close(qtbot, dialog)


def test_missing_details_are_asked_for_in_plain_words(qtbot, ws, ws_path, case, tmp_path, messages):
    dialog = _dialog(qtbot, ws, ws_path, case)
    _choose(qtbot, dialog, "statement", "pdf", tmp_path / "st.pdf")
    press(qtbot, dialog.export_button)
    kind, title, text = messages[-1]
    assert title == "Details needed" and "witness name" in text and "court case number" in text
    assert not (tmp_path / "st.pdf").exists() and dialog.export_button.isEnabled()
    type_into(qtbot, dialog.output, str(tmp_path / "missing" / "st.pdf"))
    press(qtbot, dialog.export_button)
    assert messages[-1][1] == "That folder does not exist"
    assert len(messages) == 2
    _close(qtbot, dialog)


def test_a_failed_export_is_explained_without_a_traceback(
    qtbot, ws, ws_path, court_case, tmp_path, messages
):
    folder = tmp_path / "summary.pdf"
    folder.mkdir()  # a folder where the file should go: the core refuses it
    dialog = _dialog(qtbot, ws, ws_path, court_case)
    _choose(qtbot, dialog, "summary", "pdf", folder)
    with qtbot.waitSignal(dialog.export_failed, timeout=60_000) as blocker:
        press(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled())
    message = blocker.args[0]
    assert "is a folder" in message and "Traceback" not in message
    assert messages[-1][1] == "The document was not written"
    assert "close it" in describe_export_error(PermissionError(13, "denied"), Path("x.docx"))
    _close(qtbot, dialog)


def test_the_window_opens_the_dialog(
    qtbot, ws, ws_path, court_case, settings, tmp_path, monkeypatch
):
    window = MainWindow(ws, settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.case_loaded, timeout=30_000):
        pass
    results: list[object] = []

    def export(dialog: ExportDialog) -> None:
        assert window.active_dialog is dialog
        assert dialog.details["worker"].text() == "Alex Brennan"
        type_into(qtbot, dialog.details["statement_number"], "3")
        _choose(qtbot, dialog, "summary", "docx", tmp_path / "summary.docx")
        results.append(_export(qtbot, dialog))
        press(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Close))

    exporting = when_modal(qtbot, ExportDialog, export)
    press(qtbot, toolbar_button(window, "&Export…"))
    exporting.check()
    assert results and results[0].path.exists()
    assert window.active_dialog is None
    assert window.current_case.statement_number == 3
    window.undo_stack.undo()
    assert window.current_case.statement_number == 1


def test_over_the_limit_is_said_once_in_red():
    from types import SimpleNamespace

    result = SimpleNamespace(
        document="summary",
        path=Path("/cases/summary.pdf"),
        pages=10,
        counted_pages=10,
        page_limit=6,
        redacted=True,
        withheld=0,
        redaction_log=Path("/cases/summary.pdf.redaction-log.txt"),
        exhibit=None,
        warnings=[
            "the case summary runs to 10 pages, over the court's limit of 6: shorten it "
            "before filing",
            "the analysis section is not written yet",
        ],
    )
    html = result_html(result)
    assert "color:#B3261E" in html and "court limit 6 pages" in html
    assert html.count("shorten it before filing") == 1
    assert "the analysis section is not written yet" in html
