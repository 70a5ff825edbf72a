"""Search as the worker types: the matched words highlighted in the table and in the selected
entry; a misspelling answered with the nearest words the case holds, and said so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from window_helpers import focused, key, open_window, type_text

from gui.chronology.chronology_model import SUMMARY
from gui.chronology.highlight import HIGHLIGHT


@pytest.fixture
def window(qtbot, ws, case, settings, make_entries, messages):
    make_entries(ws, case.id, 60)  # every fifth is a 'weight check'
    win = open_window(qtbot, ws, settings, 1366, 768)
    assert focused() is win.chronology.filter_bar.search
    return win


def _search(qtbot, window, text: str) -> None:
    type_text(qtbot, text)
    key(qtbot, Qt.Key.Key_Return)  # searches now (typing searches after a pause too)
    qtbot.waitUntil(lambda: window.chronology.model.entry_filter.search == text)


def _highlighted_pixels(window, row: int) -> int:
    table = window.chronology.table
    cell = table.visualRect(window.chronology.model.index(row, SUMMARY))
    image = table.viewport().grab(cell).toImage()
    yellow = QColor(HIGHLIGHT).rgb()
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixel(x, y) == yellow
    )


def test_matched_words_are_highlighted_in_the_table_and_the_entry(qtbot, window):
    _search(qtbot, window, "weight")
    panel = window.chronology
    assert panel.model.rowCount() == 12
    assert not panel.search_note.isVisible()
    assert _highlighted_pixels(window, 1) > 20  # a yellow mark behind 'weight'
    panel.table.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    html = panel.detail.browser.toHtml().lower()
    assert HIGHLIGHT.lower() in html
    marked = html.split(HIGHLIGHT.lower(), 1)[1].split("</span>", 1)[0]
    assert marked.endswith("weight")


def test_no_highlight_without_a_search(qtbot, window):
    assert _highlighted_pixels(window, 1) == 0
    assert HIGHLIGHT.lower() not in window.chronology.detail.browser.toHtml().lower()


def test_a_misspelling_finds_the_nearest_word_and_says_so(qtbot, window):
    _search(qtbot, window, "wieght")
    panel = window.chronology
    assert panel.model.rowCount() == 12
    assert panel.search_note.isVisible()
    assert panel.search_note.text() == (
        "No entry contains “wieght”. Showing entries with “weight” instead."
    )
    assert _highlighted_pixels(window, 0) > 20  # the word found is highlighted


def test_nothing_near_is_said_plainly(qtbot, window):
    _search(qtbot, window, "zebracrossing")
    panel = window.chronology
    assert panel.model.rowCount() == 0
    assert panel.search_note.text() == "No entry matches “zebracrossing”."
