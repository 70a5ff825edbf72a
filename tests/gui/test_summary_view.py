"""The summary page: primary risks first and red, narrative edited in place and kept through
regeneration (and undoable), versions compared with additions and removals coloured."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTableView

from chronology.cases import get_case
from gui.shell.main_window import MainWindow
from gui.summary.risk_banner import RiskCard
from gui.summary.summary_view import SummaryView
from gui.summary.versions_dialog import VersionsDialog, VersionsModel, diff_html
from summary.narrative import get_narrative, set_narrative
from summary.risks import Risk, Urgency, add_risk, record_review
from summary.versions import list_versions


@pytest.fixture
def window(qtbot, ws, case, settings, make_entries) -> MainWindow:
    make_entries(ws, case.id, 80)
    add_risk(ws, Risk(case_id=case.id, title="Neglect of health needs", category="neglect"))
    add_risk(
        ws,
        Risk(
            case_id=case.id,
            title="Conditional threat to Kai",
            primary=True,
            if_text="contact becomes unsupervised",
            then_text="mother may harm Kai",
            urgency=Urgency.IMPORTANT,
            identified_on="2020-01-01",
        ),
    )
    set_narrative(ws, case.ref, "current_circumstances", "Kai lives with his mother.")
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.case_loaded, timeout=30_000):
        pass
    return win


def _view(window: MainWindow) -> SummaryView:
    view = window.summary_area.view
    assert isinstance(view, SummaryView)
    return view


def _regenerate(qtbot, view: SummaryView) -> object:
    with qtbot.waitSignal(view.regenerated, timeout=30_000) as blocker:
        assert view.regenerate()
    qtbot.waitUntil(lambda: view.regenerate_button.isEnabled())
    return blocker.args[0]


def _type(editor, text: str) -> None:
    """Replace the editor's text as typing does (marks it modified)."""
    editor.edit.selectAll()
    editor.edit.insertPlainText(text)


def _cards(window: MainWindow) -> list:
    banner = window.summary_area.banner
    return banner.findChildren(RiskCard)


def test_primary_risk_is_first_red_and_shown_once(window):
    view = _view(window)
    (card,) = _cards(window)  # pinned above the page, which does not repeat it
    assert card.isVisible()
    assert "Conditional threat to Kai" in card.text() and "never reviewed" in card.text()
    assert "Needs review" in card.text() and "#b3261e" in card.styleSheet().lower()  # red
    text = view.top.toPlainText()
    assert "Conditional threat to Kai" not in text.split("Alerts")[0]
    assert text.index("Kai Test") < text.index("Alerts")
    bottom = view.bottom.toPlainText()
    assert "Neglect of health needs" in bottom and "Conditional threat" not in bottom
    assert (
        bottom.index("Key events")
        < bottom.index("Agency involvement")
        < bottom.index("Other risks")
        < bottom.index("Sources and coverage")
    )
    assert view.editors["current_circumstances"].text() == "Kai lives with his mother."


def test_a_reviewed_primary_risk_is_amber_not_red(qtbot, window, ws, case):
    view = _view(window)
    risk_id = window.summary_area.summary.primary_risks[0].id
    record_review(ws, risk_id, "2099-01-01", "A. Manager")  # far ahead: not due
    _regenerate(qtbot, view)
    (card,) = _cards(window)
    assert "#ffe3a3" in card.styleSheet().lower() and "needs review" not in card.text().lower()
    assert not window.summary_area.banner.needs_review  # the banner follows regenerate


def test_narrative_is_saved_and_survives_regenerate(qtbot, window, ws, case):
    view = _view(window)
    editor = view.editors["analysis"]
    _type(editor, "The threat is conditional on contact.")
    assert editor.modified and editor.save.isEnabled()
    editor.edit.focus_lost.emit()  # the worker leaves the box
    assert get_narrative(ws, case.ref, "analysis") == "The threat is conditional on contact."
    assert editor.state.text().startswith("Saved")

    # Unsaved typing is not overwritten when the summary refreshes after an edit elsewhere.
    _type(editor, "The threat is conditional on contact. Still typing")
    with qtbot.waitSignal(window.summary_area.loaded, timeout=30_000):
        window.summary_area.refresh()
    assert editor.text().endswith("Still typing")

    summary = _regenerate(qtbot, view)  # saves first, then rebuilds in the background
    assert summary.narrative["analysis"].endswith("Still typing")
    assert get_narrative(ws, case.ref, "analysis").endswith("Still typing")
    assert editor.text().endswith("Still typing") and not editor.modified
    assert view.editors["current_circumstances"].text() == "Kai lives with his mother."
    assert "kept as version" in view.stamp.text()

    stack = window.undo_stack
    assert stack.undoText() == "Edit analysis"
    stack.undo()
    assert get_narrative(ws, case.ref, "analysis") == "The threat is conditional on contact."
    assert editor.text() == "The threat is conditional on contact."
    stack.redo()
    assert editor.text().endswith("Still typing")


def test_versions_compare(qtbot, window, ws, case, qtmodeltester):
    view = _view(window)
    _regenerate(qtbot, view)
    set_narrative(ws, case.ref, "current_circumstances", "Kai has moved to his grandmother.")
    _regenerate(qtbot, view)
    versions = list_versions(ws, case.id)
    assert len(versions) == 2

    model = VersionsModel(versions)
    qtmodeltester.check(model)

    dialog = VersionsDialog(ws, get_case(ws, case.ref), view)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 2
    html = dialog.view.toHtml().lower()  # the newest is chosen: compared with the one before
    assert "#e6f4ea" in html and "#fce8e6" in html
    text = dialog.view.toPlainText()
    assert "-Kai lives with his mother." in text and "+Kai has moved to his grandmother." in text
    dialog.table.selectRow(1)  # the first version alone: its text
    assert "the first version kept" in dialog.caption.text()
    table: QTableView = dialog.table
    table.selectAll()
    assert (
        dialog.caption.text() == f"What changed from version {versions[0].id} to version "
        f"{versions[1].id}"
    )
    dialog.reject()
    assert "say the same" in diff_html([])


def test_key_event_link_selects_the_entry(window):
    view = _view(window)
    summary = window.summary_area.summary
    assert summary.key_events
    target = summary.key_events[-1].entry_id
    view.bottom.anchorClicked.emit(f"entry:{target}")
    assert window.chronology.current_entry_id() == target


def test_versions_button_opens_the_dialog(qtbot, window, monkeypatch):
    view = _view(window)
    shown: list[VersionsDialog] = []
    monkeypatch.setattr(VersionsDialog, "exec", lambda self: shown.append(self) or 0)
    view.versions_button.click()
    assert shown and "No version has been kept yet" in shown[0].view.toPlainText()


def test_a_pause_in_typing_saves(qtbot, window, ws, case):
    editor = _view(window).editors["recommendations"]
    editor._idle.setInterval(20)
    _type(editor, "Convene a strategy discussion this week.")
    qtbot.waitUntil(
        lambda: (
            get_narrative(ws, case.ref, "recommendations")
            == "Convene a strategy discussion this week."
        )
    )
    assert not editor.modified and editor.state.text().startswith("Saved")


def test_another_workspace_clears_the_page(qtbot, window, tmp_path):
    view = _view(window)
    assert view.editors["current_circumstances"].text()
    assert window.switch_workspace(tmp_path / "empty.db", create=True)
    assert window.current_case is None
    assert "Choose a case" in view.top.toPlainText()
    assert all(not e.text() and not e.isEnabled() for e in view.editors.values())
    assert not view.regenerate() and not view.versions_button.isEnabled()
