"""Order by the moment: the hour that happens twice when the clocks go back, in order."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from chronology.entries import EntryFilter, list_entries
from chronology.importers.pipeline import run_import
from chronology.models import Case
from chronology.moment import clocks_change, repeated_hour, utc_offset, zone_label
from chronology.schema import MIGRATIONS
from chronology.workspace import APP_ID, Workspace, _split_sql


def last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


@pytest.mark.parametrize("year", [2019, 2023, 2024, 2026])
def test_two_police_events_in_the_repeated_hour_keep_their_order(
    ws: Workspace, case: Case, tmp_path: Path, year: int
):
    night = last_sunday(year, 10)
    stamp = night.isoformat()
    rows = [  # the log is not in order; its instants are UTC
        [f"{stamp}T01:05:00Z", "Second call: shouting heard again"],  # 01:05 GMT
        [f"{stamp}T02:00:00Z", "Officers left"],  # 02:00 GMT
        [f"{stamp}T00:40:00Z", "First call: shouting heard"],  # 01:40 BST
        [f"{stamp}T00:20:00Z", "Neighbour rang about a disturbance"],  # 01:20 BST
    ]
    path = tmp_path / "police.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Reported", "Summary"])
        w.writerows(rows)
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is None and report.imported == 4
    entries = list_entries(ws, case.id or 0, EntryFilter())
    assert [e.summary for e in entries] == [
        "Neighbour rang about a disturbance",
        "First call: shouting heard",
        "Second call: shouting heard again",
        "Officers left",
    ]
    assert [e.time for e in entries] == ["01:20", "01:40", "01:05", "02:00"]
    assert [e.utc_offset for e in entries] == [60, 60, 0, 0]
    assert [zone_label(e.date, e.time, e.utc_offset) for e in entries] == [
        "BST",
        "BST",
        "GMT",
        "GMT",
    ]


def test_clock_change_days_and_labels():
    back, forward = last_sunday(2024, 10).isoformat(), last_sunday(2024, 3).isoformat()
    assert clocks_change(back) and clocks_change(forward)
    assert not clocks_change("2024-10-20") and not clocks_change("2024-07-01")
    assert repeated_hour(back, "01:30") and not repeated_hour(back, "02:30")
    assert utc_offset(back, "01:30") == 60 and utc_offset(back, "01:30", True) == 0
    assert zone_label(forward, "00:30", None) == "GMT"
    assert zone_label(forward, "03:30", None) == "BST"
    assert zone_label("2024-07-01", "12:00", 60) == ""  # an ordinary day says nothing


def test_an_older_workspace_migrates_and_reorders_the_repeated_hour(tmp_path: Path):
    """Entries imported before the offset was kept: the conversion note tells GMT from BST."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for migration in MIGRATIONS[:6]:
        for statement in _split_sql(migration):
            conn.execute(statement)
    conn.execute("PRAGMA user_version=6")
    conn.execute(f"PRAGMA application_id={APP_ID}")
    conn.execute(
        "INSERT INTO cases(ref, created_at, updated_at) VALUES ('OLD-1', '2024-01-01', '2024')"
    )
    night = last_sunday(2024, 10).isoformat()
    for time, note in (("01:10", "GMT"), ("01:50", "BST")):
        conn.execute(
            "INSERT INTO entries(case_id, date, time, precision, sort_key, summary, "
            "date_assumption) VALUES (1, ?, ?, 'datetime', ?, ?, ?)",
            (
                night,
                time,
                f"{night}T{time}",
                f"at {time} {note}",
                f"converted from UTC to UK time ({note})",
            ),
        )
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        entries = list_entries(ws, 1, EntryFilter())
        assert [e.summary for e in entries] == ["at 01:50 BST", "at 01:10 GMT"]
        assert entries[0].significance_status == "suggested"
        assert ws.conn.execute("SELECT count(*) FROM court_exclusions").fetchone()[0] == 0


def test_a_version_11_workspace_gains_the_court_selection_indexes(tmp_path: Path):
    path = tmp_path / "v11.db"
    with Workspace.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX entries_court_flags")
    conn.execute("DROP INDEX entries_with_reason")
    conn.execute("PRAGMA user_version=11")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        names = {r[0] for r in ws.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"entries_court_flags", "entries_with_reason"} <= names
        assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        plan = ws.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM entries WHERE case_id=1 "
            "AND (in_court = 1 OR child_voice = 1)"
        ).fetchall()
        assert "entries_court_flags" in str(plan)
