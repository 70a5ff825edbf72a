"""The chronology model against a real workspace: pages, sorting and filtering in SQLite."""

from __future__ import annotations

from PySide6.QtCore import Qt
from user_input import click_header, click_row, press, type_into

from chronology.entries import EntryFilter, link_duplicate
from chronology.models import EntryStatus
from gui.chronology import chronology_model as cm
from gui.chronology.chronology_model import (
    AGENCY,
    DATE,
    ID_ROLE,
    OBJECT_ROLE,
    SIGNIFICANCE,
    SORT_ROLE,
    SOURCE,
    SOURCES_ROLE,
    SUMMARY,
    ChronologyTableModel,
)


def _ids(model: ChronologyTableModel) -> list[int]:
    return [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]


def _page_reads(ws) -> list[str]:
    """The statements that read whole rows of entries, as SQLite runs them."""
    reads: list[str] = []

    def seen(sql: str) -> None:
        if "FROM entries WHERE id IN" in sql:
            reads.append(sql)

    ws.conn.set_trace_callback(seen)
    return reads


def test_rows_come_in_pages_in_date_order(ws, case, make_entries):
    make_entries(ws, case.id, 1000)
    model = ChronologyTableModel(ws)
    model.set_case(case.id)
    assert model.rowCount() == 1000
    reads = _page_reads(ws)
    assert reads == []  # nothing read before a row is asked for
    assert model.index(0, DATE).data() == "01/01/2020"
    assert model.index(cm.PAGE_SIZE - 1, SUMMARY).data()
    assert len(reads) == 1  # one page holds both
    model.index(999, DATE).data()
    assert len(reads) == 2
    keys = [model.index(r, DATE).data(SORT_ROLE) for r in range(model.rowCount())]
    assert keys == sorted(keys)
    assert len(reads) == 1000 // cm.PAGE_SIZE  # each page read once, then kept
    ws.conn.set_trace_callback(None)


def test_sorting_happens_in_sqlite(ws, case, make_entries):
    make_entries(ws, case.id, 300)
    model = ChronologyTableModel(ws)
    model.set_case(case.id)
    model.sort(SUMMARY, Qt.SortOrder.DescendingOrder)
    summaries = [model.index(r, SUMMARY).data(OBJECT_ROLE).summary for r in range(300)]
    assert summaries == sorted(summaries, key=str.lower, reverse=True)
    model.sort(SIGNIFICANCE, Qt.SortOrder.DescendingOrder)
    assert model.index(0, SIGNIFICANCE).data() == "Key"
    model.sort(AGENCY, Qt.SortOrder.AscendingOrder)
    agencies = [model.index(r, AGENCY).data() for r in range(300)]
    assert agencies == sorted(agencies, key=str.lower)
    model.sort(SOURCE, Qt.SortOrder.AscendingOrder)
    rows = [model.index(r, SOURCE).data(OBJECT_ROLE).source_row for r in range(300)]
    assert rows == sorted(rows)


def test_filtering_runs_in_sqlite_and_counts(ws, case, make_entries, qtbot):
    make_entries(ws, case.id, 400)
    model = ChronologyTableModel(ws)
    model.set_case(case.id)
    with qtbot.waitSignal(model.counts_changed) as blocker:
        model.set_filter(EntryFilter(search="weight"))
    assert blocker.args == [80, 400]
    assert all("weight" in model.index(r, SUMMARY).data() for r in range(model.rowCount()))
    model.set_filter(EntryFilter(search="mother", agencies=["Police"]))
    assert model.rowCount() == 100
    assert {model.index(r, AGENCY).data() for r in range(100)} == {"Police"}
    model.set_filter(EntryFilter(significance=["key"]))
    assert model.rowCount() == 8
    model.set_filter(EntryFilter(date_from="2020-02-01", date_to="2020-02-28"))
    assert model.rowCount() == 28
    model.set_filter(EntryFilter(search="A&E O'Brien -neglect NOT 3/4/2024"))  # FTS-hostile
    assert model.rowCount() == 0
    model.set_filter(EntryFilter())
    assert model.rowCount() == 400


def test_duplicates_show_once_with_a_count(ws, case, make_entries):
    ids = make_entries(ws, case.id, 10)
    link_duplicate(ws, ids[3], ids[2])
    model = ChronologyTableModel(ws)
    model.set_case(case.id)
    assert model.rowCount() == 9
    row = model.row_of(ids[2])
    assert model.index(row, SOURCE).data(SOURCES_ROLE) == 2
    assert model.index(row, SOURCE).data().startswith("+1 source")
    # A search matching only the duplicate's wording finds the cluster.
    model.set_filter(EntryFilter(search="Entry number 00003"))
    assert _ids(model) == [ids[2]]


def test_cancelled_entries_are_greyed_and_can_be_hidden(ws, case, make_entries):
    ids = make_entries(ws, case.id, 3)
    model = ChronologyTableModel(ws)
    model.set_case(case.id)
    cancelled = model.index(model.row_of(ids[1]), SUMMARY)
    assert cancelled.data(OBJECT_ROLE).status == EntryStatus.CANCELLED
    assert cancelled.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert cancelled.data().startswith("[Cancelled]")
    assert model.index(model.row_of(ids[0]), SUMMARY).data(Qt.ItemDataRole.ForegroundRole) is None
    model.set_filter(EntryFilter(include_inactive=False))
    assert ids[1] not in _ids(model)


def test_sort_keeps_the_selected_entry(ws, case, make_entries, qtbot):
    from gui.chronology.chronology_panel import ChronologyPanel

    ids = make_entries(ws, case.id, 50)
    panel = ChronologyPanel(ws)
    qtbot.addWidget(panel)
    panel.set_case(case.id)
    panel.show()
    click_row(qtbot, panel.table, panel.model.row_of(ids[10]), SUMMARY)
    assert panel.current_entry_id() == ids[10]
    click_header(qtbot, panel.table, SUMMARY)
    click_header(qtbot, panel.table, SUMMARY)  # again: the other way
    summaries = [panel.model.index(r, SUMMARY).data(OBJECT_ROLE).summary for r in range(50)]
    assert summaries == sorted(summaries, key=str.lower, reverse=True)
    assert panel.current_entry_id() == ids[10]
    qtbot.waitUntil(lambda: panel.sorting_prepared, timeout=5000)


def test_filter_bar_searches_as_you_type(ws, case, make_entries, qtbot):
    from gui.chronology.chronology_panel import ChronologyPanel

    make_entries(ws, case.id, 100)
    panel = ChronologyPanel(ws)
    qtbot.addWidget(panel)
    panel.set_case(case.id)
    panel.show()
    type_into(qtbot, panel.filter_bar.search, "weigh")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 20, timeout=3000)
    assert panel.filter_bar.count.text() == "20 of 100 entries"
    press(qtbot, panel.filter_bar.clear)
    assert panel.model.rowCount() == 100 and panel.filter_bar.search.text() == ""
