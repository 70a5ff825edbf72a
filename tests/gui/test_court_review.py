"""The window's court review: significance confirmed in bulk, the court chronology's events taken
out with a reason and given bundle pages, contact details decided, agencies gathered (also from
the import wizard), and the page count before export. Real menus, rows, buttons and keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from user_input import (
    answer_text,
    choose,
    click_row,
    menu_item,
    press,
    press_box,
    type_into,
    when_modal,
)

from chronology.cases import update_case
from chronology.contact_details import list_details
from chronology.entries import add_entry, get_entry
from chronology.models import Entry, EntryType, Precision
from gui.chronology.significance_dialog import SignificanceDialog
from gui.exporting.court_events_dialog import CourtEventsDialog
from gui.exporting.details_dialog import ContactDetailsDialog
from gui.exporting.export_dialog import ExportDialog
from gui.importing.agencies_dialog import AgenciesDialog
from gui.shell.main_window import MainWindow
from summary.court_selection import bundle_pages, list_exclusions


@pytest.fixture
def window(qtbot, ws, case, settings):
    notes = [
        (
            "2024-02-05",
            EntryType.HOME_VISIT,
            "Visit",
            "Dad said that if he loses the case he will end up hurting the baby and himself.",
            "Health Visiting Team North",
        ),
        (
            "2024-02-05",
            EntryType.TELEPHONE_CALL,
            "Call",
            "Rang children's social care and made a referral about the comments.",
            "HVT North",
        ),
        (
            "2024-01-20",
            EntryType.COURT,
            "Directions hearing",
            "Directions hearing held. Interim order made: contact supervised.",
            "Family Court",
        ),
        (
            "2024-03-09",
            EntryType.HOME_VISIT,
            "Visit",
            "Moved to 7 Copper Beech Walk; settled.",
            "Health Visiting Team North",
        ),
        ("2024-04-01", EntryType.HOME_VISIT, "Visit", "Routine visit; all well.", "Mother"),
    ]
    for day, kind, summary, text, agency in notes:
        add_entry(
            ws,
            Entry(
                case.id,
                day,
                Precision.DAY,
                summary,
                text=text,
                type=kind,
                agency=agency,
                source_file="notes.csv",
            ),
        )
    update_case(ws, case.ref, court="Family Court at Testbury", court_case_number="TB24P0001")
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.case_loaded, timeout=30_000):
        pass
    return win


def test_significance_is_confirmed_and_changed_in_bulk(qtbot, window, ws, case):
    def review(dialog: SignificanceDialog) -> None:
        assert dialog.model.rowCount() == 3  # the threat, the referral, the hearing
        reasons = [dialog.model.record_at(r).reason for r in range(3)]
        threat = next(i for i, r in enumerate(reasons) if r.startswith("a conditional threat"))
        click_row(qtbot, dialog.table, threat)
        press(qtbot, dialog.confirm_selected)
        assert dialog.model.rowCount() == 2
        click_row(qtbot, dialog.table, 0)
        choose(qtbot, dialog.level, "Key")
        type_into(qtbot, dialog.reason, "the referral started the enquiry")
        press(qtbot, dialog.set_selected)
        assert dialog.model.rowCount() == 1
        press(qtbot, dialog.confirm_all)
        assert dialog.model.rowCount() == 0
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Close)

    modal = when_modal(qtbot, SignificanceDialog, review)
    menu_item(qtbot, window, "&Case", "&Significance…")
    modal.check()
    statuses = ws.conn.execute(
        "SELECT significance_status, significance_reason FROM entries WHERE case_id=? AND "
        "significance != 'routine' ORDER BY id",
        (case.id,),
    ).fetchall()
    assert {s for s, _r in statuses} == {"confirmed"}
    by = get_entry(ws, 2).significance_by
    assert any(r.endswith(f"; set by {by}: the referral started the enquiry") for _s, r in statuses)


def test_an_event_is_taken_out_with_a_reason_and_given_a_bundle_page(qtbot, window, ws, case):
    def events(dialog: CourtEventsDialog) -> None:
        assert dialog.model.rowCount() == 3
        click_row(qtbot, dialog.table, 0)  # the hearing
        type_into(qtbot, dialog.page, "B12")
        press(qtbot, dialog.set_page)
        click_row(qtbot, dialog.table, 2)  # the referral
        asked = answer_text(qtbot, "recorded again by social care")
        press(qtbot, dialog.take_out)
        asked.check()
        assert dialog.model.rowCount() == 2 and dialog.excluded.rowCount() == 1
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Close)

    modal = when_modal(qtbot, CourtEventsDialog, events)
    menu_item(qtbot, window, "&Case", "Court &chronology events…")
    modal.check()
    assert list(bundle_pages(ws, case.id).values()) == ["B12"]
    assert [x.reason for x in list_exclusions(ws, case.id)] == ["recorded again by social care"]


def test_an_address_found_is_marked_confidential(qtbot, window, ws, case):
    def decide(dialog: ContactDetailsDialog) -> None:
        assert dialog.model.rowCount() == 1
        assert dialog.model.record_at(0).value == "7 Copper Beech Walk"
        click_row(qtbot, dialog.table, 0)
        press(qtbot, dialog.confidential)
        assert dialog.model.rowCount() == 0
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Close)

    modal = when_modal(qtbot, ContactDetailsDialog, decide)
    menu_item(qtbot, window, "&Case", "Contact details &found…")
    modal.check()
    assert [d.status for d in list_details(ws, case.id, None)] == ["confidential"]


def test_a_team_name_and_its_short_name_become_one_agency(qtbot, window, ws, case):
    def gather(dialog: AgenciesDialog) -> None:
        names = [dialog.model.record_at(r).name for r in range(dialog.model.rowCount())]
        assert "Mother" in names
        mother = names.index("Mother")
        assert dialog.model.record_at(mother).person
        click_row(qtbot, dialog.table, names.index("HVT North"))
        qtbot.mouseClick(
            dialog.table.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            dialog.table.visualRect(
                dialog.model.index(names.index("Health Visiting Team North"), 0)
            ).center(),
        )
        type_into(qtbot, dialog.name, "Health visiting")
        press(qtbot, dialog.make_one)
        agencies = {dialog.model.record_at(r).agency for r in range(dialog.model.rowCount())}
        assert "Health visiting" in agencies
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Close)

    modal = when_modal(qtbot, AgenciesDialog, gather)
    menu_item(qtbot, window, "&Case", "&Agencies…")
    modal.check()
    from chronology.agencies import list_agencies

    found = list_agencies(ws, case.id).agencies
    assert [(a.name, sorted(a.aliases), a.entries) for a in found] == [
        ("Health visiting", ["HVT North", "Health Visiting Team North"], 3)
    ]


def test_the_page_count_is_shown_before_export(qtbot, ws, ws_path, window, case):
    dialog = ExportDialog(ws, ws_path, case)
    qtbot.addWidget(dialog)
    dialog.show()
    choose(qtbot, dialog.document, "Full chronology")
    choose(qtbot, dialog.format, "PDF (.pdf)")
    press(qtbot, dialog.count_button)
    qtbot.waitUntil(
        lambda: "pages" in dialog.pages.text() and "Counting" not in dialog.pages.text(),
        timeout=30_000,
    )
    from exports.service import count_pages

    expected = count_pages(ws, case.ref, dialog.request())
    assert dialog.pages.text() == f"Chronology: {expected.total} pages"
    choose(qtbot, dialog.document, "Internal case summary")
    assert dialog.pages.text() == ""  # a new choice clears the old count


def test_the_import_wizard_opens_the_agencies(qtbot, ws, ws_path, case, tmp_path, messages):
    from PySide6.QtWidgets import QWizard

    from gui.importing.import_wizard import ImportWizard

    source = tmp_path / "team_export.csv"
    source.write_text(
        "Date,Team,Note\n03/02/2024,Family Help Team East,Visit; all well.\n"
        "04/02/2024,FHT East,Call to school.\n",
        encoding="utf-8",
    )
    wizard = ImportWizard(ws, ws_path, case, [source])
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.PREVIEW, timeout=10_000)
    with qtbot.waitSignal(wizard.import_finished, timeout=60_000):
        press(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.REPORT)

    def gather(dialog: AgenciesDialog) -> None:
        click_row(qtbot, dialog.table, 0)
        qtbot.mouseClick(
            dialog.table.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            dialog.table.visualRect(dialog.model.index(1, 0)).center(),
        )
        type_into(qtbot, dialog.name, "Family Help (East)")
        press(qtbot, dialog.make_one)
        press_box(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Close)

    modal = when_modal(qtbot, AgenciesDialog, gather)
    press(qtbot, wizard.report_page.to_agencies)
    modal.check()
    from chronology.agencies import list_agencies

    (agency,) = list_agencies(ws, case.id).agencies
    assert agency.name == "Family Help (East)" and agency.entries == 2
    press(qtbot, wizard.button(QWizard.WizardButton.FinishButton))


def test_the_entry_editor_shows_why_and_tags_the_child_s_voice(qtbot, window, ws, case):
    from user_input import press_box as press_save

    from gui.chronology.chronology_model import SUMMARY
    from gui.chronology.entry_dialog import EntryDialog

    threat = ws.conn.execute(
        "SELECT id FROM entries WHERE case_id=? AND text LIKE '%hurting%'", (case.id,)
    ).fetchone()[0]
    table = window.chronology.table
    click_row(qtbot, table, window.chronology.model.row_of(threat), SUMMARY)

    def edit(dialog: EntryDialog) -> None:
        assert dialog.why.text().startswith("Suggested: a conditional threat to harm")
        press(qtbot, dialog.child_voice)
        press_save(qtbot, dialog.buttons, QDialogButtonBox.StandardButton.Save)

    modal = when_modal(qtbot, EntryDialog, edit)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    modal.check()
    assert get_entry(ws, threat).child_voice
