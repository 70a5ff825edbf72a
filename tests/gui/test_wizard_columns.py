"""The import wizard on a laptop: every column of a wide file is listed without scrolling, and a
column of the source's own grading (chosen in 'Read as') suggests significance with its reason,
shown beside the entry for the worker to confirm."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QWizard
from user_input import choose, click_row, press, when_modal
from window_helpers import open_window

from chronology.entries import list_entries
from gui.importing.import_models import FIELD_LABELS
from gui.importing.import_wizard import ImportWizard

NEXT = QWizard.WizardButton.NextButton


def _fully_listed(view) -> bool:
    shown = view.viewport().rect()
    model = view.model()
    return model.rowCount() > 0 and all(
        shown.contains(view.visualRect(model.index(r, 0))) for r in range(model.rowCount())
    )


def _read_as(qtbot, view, column: str, field: str) -> None:
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == column)
    click_row(qtbot, view, row, 1)
    qtbot.waitUntil(lambda: bool(view.viewport().findChildren(QComboBox)))
    (editor,) = view.viewport().findChildren(QComboBox)
    choose(qtbot, editor, FIELD_LABELS[field])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.index(row, 1).data() == FIELD_LABELS[field])


def test_every_column_is_listed_and_a_grading_column_suggests_significance(
    qtbot, ws, case, settings, data, messages, monkeypatch
):
    window = open_window(qtbot, ws, settings, 1366, 768)
    wide = Path(data) / "many_columns.csv"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(wide)], ""))
    seen: dict[str, object] = {}

    def work(wizard: ImportWizard) -> None:
        wizard.resize(980, 700)  # what a 1366x768 laptop has room for
        press(qtbot, wizard.files_page.add)
        press(qtbot, wizard.button(NEXT))
        view = wizard.preview_page.mapping_view
        qtbot.waitUntil(lambda: view.model().rowCount() == 12)
        qtbot.waitUntil(lambda: _fully_listed(view), timeout=2_000)
        seen["listed"] = True
        _read_as(qtbot, view, "Concern level", "grading")
        with qtbot.waitSignal(wizard.import_finished, timeout=60_000):
            press(qtbot, wizard.button(NEXT))
        qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.REPORT)
        press(qtbot, wizard.button(QWizard.WizardButton.FinishButton))

    importing = when_modal(qtbot, ImportWizard, work)
    qtbot.keyClick(
        window.chronology.filter_bar.search, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier
    )
    importing.check()
    assert seen == {"listed": True}
    levels = {e.source_ref: e for e in list_entries(ws, case.id)}
    high = levels["FS-1003"]
    assert (high.significance.value, high.significance_status) == ("key", "suggested")
    assert "graded it 'High'" in high.significance_reason
    assert levels["FS-1002"].significance.value == "significant"

    qtbot.waitUntil(lambda: window.chronology.model.rowCount() == 3)
    click_row(qtbot, window.chronology.table, 2)
    text = window.chronology.detail.browser.toPlainText()
    assert "suggested: the source graded it 'High'" in text
