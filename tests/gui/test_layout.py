"""The window on a 1366×768 laptop: nothing essential off-screen, the primary risks in sight and
shown once, pane sizes remembered; the status bar and the summary count entries the same way;
an empty case offers to import files."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QWidget
from window_helpers import click, open_window
from window_helpers import while_modal as when_shown

from chronology.cases import add_case
from chronology.counts import entry_counts
from chronology.entries import link_duplicate, set_status
from chronology.models import EntryStatus
from gui.chronology.chronology_model import SIGNIFICANCE, SUMMARY
from gui.importing.import_wizard import ImportWizard
from gui.shell.case_list import CHILD, REFERENCE
from gui.shell.main_window import MainWindow
from gui.summary.risk_banner import RiskCard
from summary.risks import Risk, add_risk

LAPTOP = (1366, 768)


def _inside(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` that lies within the window (empty when it is off-screen)."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return QRect(top_left, widget.size()).intersected(window.rect())


@pytest.fixture
def laptop(qtbot, ws, case, settings, make_entries, messages) -> MainWindow:
    make_entries(ws, case.id, 120)
    add_risk(
        ws,
        Risk(
            case_id=case.id,
            title="Conditional threat to Kai",
            primary=True,
            if_text="contact with father becomes unsupervised",
            then_text="mother may act on her threat to harm herself and Kai",
        ),
    )
    win = open_window(qtbot, ws, settings, *LAPTOP)
    qtbot.waitUntil(lambda: win.summary_area.summary is not None, timeout=30_000)
    return win


def test_everything_essential_fits_a_1366_by_768_screen(qtbot, laptop):
    win = laptop
    hint = win.minimumSizeHint()
    assert hint.width() <= LAPTOP[0] and hint.height() <= LAPTOP[1]
    assert (win.width(), win.height()) == LAPTOP  # not pushed wider than the screen
    bar = win.chronology.filter_bar
    for part in (bar.search, bar.agency, bar.type, bar.significance, bar.date_to, bar.clear):
        shown = _inside(part, win)
        assert shown.width() == part.width() and part.isVisible(), part.accessibleName()
    assert win.chronology.table.columnWidth(SUMMARY) >= 150  # the summary column is readable
    assert _inside(win.cases.table, win).width() >= 150
    (card,) = win.summary_area.banner.findChildren(RiskCard)
    viewport = win.summary_area.banner.scroll.viewport()
    qtbot.waitUntil(lambda: _inside(card, viewport).height() == card.height(), timeout=2_000)
    assert card.isVisible() and _inside(viewport, win).height() == viewport.height()
    assert _inside(win.summary_area.view.regenerate_button, win).width() > 0
    assert "Conditional threat to Kai" not in win.summary_area.view.top.toPlainText()


def test_pane_sizes_are_remembered(qtbot, ws, case, settings, make_entries, messages):
    make_entries(ws, case.id, 30)
    first = open_window(qtbot, ws, settings, *LAPTOP)
    first.resizeDocks([first.cases_dock, first.summary_dock], [260, 420], Qt.Orientation.Horizontal)
    first.chronology.splitter.setSizes([300, 260])
    qtbot.waitUntil(lambda: abs(first.cases_dock.width() - 260) <= 2)  # laid out
    widths = (first.cases_dock.width(), first.summary_dock.width())
    split = first.chronology.splitter.sizes()
    first.close()

    again = open_window(qtbot, ws, settings, *LAPTOP)
    assert abs(again.cases_dock.width() - widths[0]) <= 2
    assert abs(again.summary_dock.width() - widths[1]) <= 2
    assert again.chronology.splitter.sizes() == split


def test_the_status_bar_and_the_summary_count_alike(qtbot, ws, case, settings, make_entries):
    ids = make_entries(ws, case.id, 50)
    link_duplicate(ws, ids[11], ids[10])  # one event recorded twice
    set_status(ws, ids[20], EntryStatus.WITHDRAWN, "entered on the wrong case")
    win = open_window(qtbot, ws, settings)
    qtbot.waitUntil(lambda: win.summary_area.summary is not None, timeout=30_000)
    counts = entry_counts(ws, case.id)
    assert (counts.entries, counts.records, counts.withdrawn) == (48, 49, 1)
    label = counts.label()
    assert win.count_label.text() == label
    assert label in win.summary_area.view.top.toPlainText()
    assert win.chronology.model.rowCount() == 49  # the withdrawn line shows greyed


def test_an_empty_case_offers_to_import_files(qtbot, ws, settings, messages):
    add_case(ws, "EMPTY-1", "Rowan Example")
    win = open_window(qtbot, ws, settings)
    panel = win.chronology
    assert panel.empty.isVisible() and not panel.table.isVisible()
    shown: list[str] = []

    def look(wizard: ImportWizard) -> None:
        shown.append(wizard.windowTitle())
        wizard.reject()

    failures = when_shown(qtbot, ImportWizard, look)
    click(qtbot, panel.import_button)
    assert not failures, failures[0]
    assert shown == ["Import into EMPTY-1"]


def test_a_level_and_a_long_reference_show_whole_when_there_is_room(
    qtbot, ws, settings, make_entries, messages
):
    case = add_case(ws, "TEAM-B/2026/000417", "Ari Example")
    make_entries(ws, case.id, 20)
    win = open_window(qtbot, ws, settings, *LAPTOP)
    table, cases = win.chronology.table, win.cases.table
    bold = QFont(table.font())
    bold.setBold(True)
    assert table.columnWidth(SIGNIFICANCE) > QFontMetrics(bold).horizontalAdvance("Significant")
    assert table.columnWidth(SUMMARY) >= 150
    win.resize(1920, 1080)
    win.size_panes()
    qtbot.waitUntil(lambda: cases.columnWidth(REFERENCE) >= cases.sizeHintForColumn(REFERENCE))
    assert cases.columnWidth(CHILD) >= cases.sizeHintForColumn(CHILD)  # and the name beside it
