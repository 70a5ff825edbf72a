"""The import wizard shows how sure it is of each column, asks when it is not sure, and asks
whose records to import from a file naming several people. Real buttons are pressed; only the
choice dialog (QInputDialog) is replaced."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from chronology.entries import list_entries
from gui.importing.import_wizard import ImportWizard

NOTES_A = [
    "Visited at home; the flat was warm and both children were playing in the front room.",
    "Telephone call with the mother about the school place and the letter from the council.",
    "Met the child at nursery; she was painting and talked about her new baby brother.",
    "Joint visit with the health visitor; weight checked and advice on sleep was given.",
]
NOTES_B = [
    "Grandmother says she can help with the school run twice a week from next month on.",
    "Father has asked for contact at the family centre; the request was passed to the team.",
    "The landlord has promised to repair the damp in the bedroom before the winter comes.",
    "Mother is waiting for a counselling appointment; the GP referral was made last month.",
]
DATA = Path(__file__).resolve().parents[1] / "data" / "reading"


def _two_prose_columns(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Date", "Part 1", "Part 2"])
        for day, (a, b) in enumerate(zip(NOTES_A, NOTES_B, strict=True), start=3):
            writer.writerow([f"{day:02d}/06/2024", a, b])
    return path


def _press(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()!r} cannot be pressed"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _wizard(qtbot, ws, ws_path, case, paths: list[Path]) -> ImportWizard:
    wizard = ImportWizard(ws, ws_path, case, [], None)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.files_page.set_paths(paths)
    _press(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentId() == ImportWizard.PREVIEW
    return wizard


def _import(qtbot, wizard: ImportWizard) -> None:
    with qtbot.waitSignal(wizard.import_finished, timeout=60_000):
        _press(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.REPORT)


def test_unsure_text_is_asked_and_import_waits_for_the_answer(
    qtbot, ws, ws_path, case, messages, tmp_path
):
    wizard = _wizard(qtbot, ws, ws_path, case, [_two_prose_columns(tmp_path / "visits.csv")])
    page = wizard.preview_page
    import_button = wizard.button(QWizard.WizardButton.NextButton)
    assert import_button.text() == "Import" and not import_button.isEnabled()
    assert page.not_ready.isVisible()
    assert "visits.csv: choose which column is the text" in page.not_ready.text()
    assert page.question.isVisible() and "'Part 1'" in page.question.text()
    assert [b.text() for b in page.answer_buttons] == ["'Part 1'", "'Part 2'"]

    _press(qtbot, page.answer_buttons[1])  # the worker says: Part 2 is the note
    assert import_button.isEnabled() and not page.not_ready.isVisible()
    assert not page.question.isVisible()
    mapping = page.mapping_model
    read_as = {mapping.index(r, 0).data(): mapping.index(r, 1).data() for r in range(4)}
    assert read_as["Part 2"] == "Note text" and read_as["Part 1"] == "Keep in the details"
    sure = {mapping.index(r, 0).data(): mapping.index(r, 2).data() for r in range(4)}
    assert sure["Part 2"] == "Your choice"

    _import(qtbot, wizard)
    texts = {e.text for e in list_entries(ws, case.id)}
    assert texts == set(NOTES_B)
    assert all(e.details.startswith("Part 1: ") for e in list_entries(ws, case.id))
    _press(qtbot, wizard.button(QWizard.WizardButton.FinishButton))


def test_each_column_shows_how_sure_the_mapping_is_and_why(
    qtbot, ws, ws_path, case, messages, tmp_path
):
    path = tmp_path / "outreach.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Ref", "Seen", "Narrative"])
        for day, note in enumerate(NOTES_A, start=3):
            writer.writerow([f"OR-{day:03d}-24", f"{day:02d}/06/2024", note])
    wizard = _wizard(qtbot, ws, ws_path, case, [path])
    mapping = wizard.preview_page.mapping_model
    assert mapping.headerData(2, Qt.Orientation.Horizontal) == "How sure"
    rows = {mapping.index(r, 0).data(): r for r in range(mapping.rowCount())}
    date_row = rows["Seen"]
    assert mapping.index(date_row, 1).data().startswith("Date")
    assert mapping.index(date_row, 2).data().startswith("Sure")
    why = mapping.index(date_row, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "dates in 100% of its values" in why and "the only column holding dates" in why
    assert mapping.index(rows["Ref"], 1).data() == "Agency's reference"
    assert mapping.index(rows["Narrative"], 1).data() == "Note text"
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.reject()


def test_a_file_naming_several_children_asks_whose_records(
    qtbot, ws, ws_path, case, messages, monkeypatch
):
    asked: list[list[str]] = []

    def choose(_parent, _title, _text, items, *args, **kwargs):
        asked.append(list(items))
        return next(i for i in items if i.startswith("Bo Harte")), True

    monkeypatch.setattr("gui.importing.import_preview.QInputDialog.getItem", choose)
    wizard = _wizard(qtbot, ws, ws_path, case, [DATA / "two_children.csv"])
    assert asked == [["Ada Fenn (2 records)", "Bo Harte (1 record)"]]
    page = wizard.preview_page
    assert not page.not_ready.isVisible()
    _import(qtbot, wizard)
    (entry,) = [e for e in list_entries(ws, case.id) if e.status.value == "active"]
    assert entry.date == "2023-09-05" and "drop-off" in entry.text
    _press(qtbot, wizard.button(QWizard.WizardButton.FinishButton))


def test_not_choosing_a_person_leaves_the_file_out_saying_why(
    qtbot, ws, ws_path, case, messages, monkeypatch
):
    monkeypatch.setattr(
        "gui.importing.import_preview.QInputDialog.getItem", lambda *a, **k: ("", False)
    )
    wizard = _wizard(qtbot, ws, ws_path, case, [DATA / "two_children.csv"])
    page = wizard.preview_page
    assert "cannot be imported" in page.detected.text()
    assert "names 2 different people" in page.detected.text()
    assert list_entries(ws, case.id) == []
    wizard.reject()


def test_a_calendar_agency_is_suggested_from_the_calendar_and_said_so(
    qtbot, ws, ws_path, case, messages
):
    wizard = _wizard(qtbot, ws, ws_path, case, [DATA / "clinic_uid.ics"])
    page = wizard.preview_page
    assert page.agency.text() == "Orchard Lane child health clinic"
    assert "calendar's name" in page.agency_source.text()
    assert "check it" in page.agency_source.text()
    wizard.reject()


def test_the_window_shows_ends_and_ongoing_periods(qtbot, ws, case, messages):
    from chronology.importers.pipeline import run_import
    from gui.chronology.chronology_panel import ChronologyPanel

    (report,) = run_import(ws, case.id, [DATA / "encounters_period.json"])
    assert report.error is None
    panel = ChronologyPanel(ws)
    qtbot.addWidget(panel)
    panel.set_case(case.id)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    labels = {panel.model.index(r, 0).data() for r in range(2)}
    assert "10/02/2024 16:20 \u2013 13/02/2024" in labels
    assert "01/03/2024 09:00 \u2013 ongoing" in labels
