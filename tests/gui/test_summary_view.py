"""The summary page: primary risks first and red, narrative edited in place and kept through
regeneration (and undoable), versions compared with additions and removals coloured. Typed,
clicked and pressed as a user does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from user_input import (
    CTRL,
    click_link,
    click_row,
    press,
    shortcut,
    toolbar_button,
    type_into,
    when_modal,
)

from gui.shell.main_window import MainWindow
from gui.summary import narrative_editor
from gui.summary.summary_view import SummaryView
from gui.summary.versions_dialog import VersionsDialog, VersionsModel, diff_html
from summary.narrative import get_narrative, set_narrative
from summary.risks import Risk, Urgency, add_risk, record_review
from summary.versions import list_versions


@pytest.fixture
def window(qtbot, ws, case, settings, make_entries) -> MainWindow:
    return _window(qtbot, ws, case, settings, make_entries)


def _window(qtbot, ws, case, settings, make_entries) -> MainWindow:
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
    """Press Regenerate and wait for the new summary."""
    with qtbot.waitSignal(view.regenerated, timeout=30_000) as blocker:
        press(qtbot, view.regenerate_button)
    qtbot.waitUntil(lambda: view.regenerate_button.isEnabled())
    return blocker.args[0]


def _type(qtbot, editor, text: str) -> None:
    """Replace the section's text by typing (marks it modified)."""
    type_into(qtbot, editor.edit, text)


def _type_more(qtbot, editor, text: str) -> None:
    """Type at the end of what the section holds."""
    qtbot.keyClick(editor.edit, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(editor.edit, text)


def test_primary_risk_is_first_and_red(window):
    view = _view(window)
    text = view.top.toPlainText()
    assert (
        text.index("Primary risks") < text.index("Conditional threat to Kai") < text.index("Alerts")
    )
    assert "NEEDS REVIEW" in text and "never reviewed" in text
    assert "#b3261e" in view.top.toHtml().lower()  # the red box
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
    html = view.top.toHtml().lower()
    assert "#ffe3a3" in html and "needs review" not in view.top.toPlainText().lower()
    assert not window.summary_area.banner.needs_review  # the banner follows regenerate


def test_narrative_is_saved_and_survives_regenerate(qtbot, window, ws, case):
    view = _view(window)
    editor = view.editors["analysis"]
    assert not editor.save.isEnabled()
    _type(qtbot, editor, "The threat is conditional on contact.")
    assert editor.modified and editor.save.isEnabled()
    assert get_narrative(ws, case.ref, "analysis") == ""
    qtbot.keyClick(editor.edit, Qt.Key.Key_Tab)  # the worker leaves the box
    assert not editor.edit.hasFocus()
    assert get_narrative(ws, case.ref, "analysis") == "The threat is conditional on contact."
    assert editor.state.text().startswith("Saved") and not editor.save.isEnabled()

    # Unsaved typing is not overwritten when the summary refreshes in the background (an
    # import or another window's change finishing while the worker types).
    _type_more(qtbot, editor, " Still typing")
    with qtbot.waitSignal(window.summary_area.loaded, timeout=30_000):
        window.refresh_summary()
    assert editor.text().endswith("Still typing")

    summary = _regenerate(qtbot, view)  # saves first, then rebuilds in the background
    assert summary.narrative["analysis"].endswith("Still typing")
    assert get_narrative(ws, case.ref, "analysis").endswith("Still typing")
    assert editor.text().endswith("Still typing") and not editor.modified
    assert view.editors["current_circumstances"].text() == "Kai lives with his mother."
    assert "kept as version" in view.stamp.text()

    stack = window.undo_stack
    assert stack.undoText() == "Edit analysis"
    press(qtbot, toolbar_button(window, window.actions_.undo))
    assert get_narrative(ws, case.ref, "analysis") == "The threat is conditional on contact."
    assert editor.text() == "The threat is conditional on contact."
    shortcut(qtbot, window.chronology.table, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert editor.text().endswith("Still typing")


def test_ctrl_s_and_the_save_button_save_a_section(qtbot, window, ws, case):
    editor = _view(window).editors["background"]
    _type(qtbot, editor, "Known to services since 2021.")
    shortcut(qtbot, editor.edit, Qt.Key.Key_S)
    assert get_narrative(ws, case.ref, "background") == "Known to services since 2021."
    _type_more(qtbot, editor, " Two moves of house.")
    press(qtbot, editor.save)
    assert get_narrative(ws, case.ref, "background").endswith("Two moves of house.")
    assert not editor.save.isEnabled()


def test_versions_compare(qtbot, window, ws, case, qtmodeltester):
    view = _view(window)
    _regenerate(qtbot, view)
    editor = view.editors["current_circumstances"]
    _type(qtbot, editor, "Kai has moved to his grandmother.")
    _regenerate(qtbot, view)  # saves the section first
    versions = list_versions(ws, case.id)
    assert len(versions) == 2

    model = VersionsModel(versions)
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    seen: dict[str, str] = {}

    def compare(dialog: VersionsDialog) -> None:
        assert dialog.model.rowCount() == 2
        html = dialog.view.toHtml().lower()  # the newest is chosen: compared with the one before
        assert "#e6f4ea" in html and "#fce8e6" in html
        seen["diff"] = dialog.view.toPlainText()
        click_row(qtbot, dialog.table, 1)  # the first version alone: its text
        seen["first"] = dialog.caption.text()
        qtbot.keyClick(dialog.table, Qt.Key.Key_A, CTRL)  # both: what changed between them
        seen["both"] = dialog.caption.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    comparing = when_modal(qtbot, VersionsDialog, compare)
    press(qtbot, view.versions_button)
    comparing.check()
    assert "-Kai lives with his mother." in seen["diff"]
    assert "+Kai has moved to his grandmother." in seen["diff"]
    assert "the first version kept" in seen["first"]
    assert seen["both"] == (
        f"What changed from version {versions[0].id} to version {versions[1].id}"
    )
    assert "say the same" in diff_html([])


def test_key_event_link_selects_the_entry(qtbot, window):
    view = _view(window)
    summary = window.summary_area.summary
    assert summary.key_events
    target = summary.key_events[-1].entry_id
    assert window.chronology.current_entry_id() != target
    click_link(qtbot, view.bottom, f"entry:{target}")
    assert window.chronology.current_entry_id() == target


def test_versions_button_opens_the_dialog(qtbot, window):
    view = _view(window)
    shown: list[str] = []

    def look(dialog: VersionsDialog) -> None:
        shown.append(dialog.view.toPlainText())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    looking = when_modal(qtbot, VersionsDialog, look)
    press(qtbot, view.versions_button)
    looking.check()
    assert "No version has been kept yet" in shown[0]


def test_a_pause_in_typing_saves(qtbot, ws, case, settings, make_entries, monkeypatch):
    monkeypatch.setattr(narrative_editor, "IDLE_SAVE_MS", 50)
    window = _window(qtbot, ws, case, settings, make_entries)
    editor = _view(window).editors["recommendations"]
    _type(qtbot, editor, "Convene a strategy discussion this week.")
    assert editor.edit.hasFocus()  # still in the box: the pause saves, not leaving it
    qtbot.waitUntil(
        lambda: (
            get_narrative(ws, case.ref, "recommendations")
            == "Convene a strategy discussion this week."
        )
    )
    assert not editor.modified and editor.state.text().startswith("Saved")


def test_another_workspace_clears_the_page(qtbot, window, tmp_path, monkeypatch):
    view = _view(window)
    assert view.editors["current_circumstances"].text()
    new = tmp_path / "empty.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(new), ""))
    shortcut(qtbot, window.chronology.table, Qt.Key.Key_N)  # File › New workspace…
    qtbot.waitUntil(lambda: window.workspace_path == new)
    assert window.current_case is None
    assert "Choose a case" in view.top.toPlainText()
    assert all(not e.text() and not e.isEnabled() for e in view.editors.values())
    assert not view.regenerate_button.isEnabled() and not view.versions_button.isEnabled()
