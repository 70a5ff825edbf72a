"""Entries added by hand (or fixed from the quarantine) take their place in the chronology by the
moment they happened: on the night the clocks go back, 01:30 BST comes before 01:15 GMT, and an
entry without a stated offset gets the UK offset of its date and time."""

from __future__ import annotations

from chronology.entries import add_entry, list_entries
from chronology.models import Case, Entry, Precision
from chronology.workspace import Workspace

NIGHT = "2024-10-27"  # the clocks went back at 02:00 BST, to 01:00 GMT


def _add(ws: Workspace, case: Case, date: str, time: str, offset: int | None, what: str) -> Entry:
    return add_entry(
        ws,
        Entry(
            case_id=case.id,
            date=date,
            time=time,
            precision=Precision.DATETIME,
            summary=what,
            text=what,
            agency="Police",
            utc_offset=offset,
        ),
    )


def _order(ws: Workspace, case: Case) -> list[str]:
    return [e.summary for e in list_entries(ws, case.id or 0)]


def test_the_repeated_hour_reads_in_the_order_things_happened(ws: Workspace, case: Case) -> None:
    # Added out of order, as a worker typing up notes might.
    _add(ws, case, NIGHT, "01:50", 0, "third call (01:50 GMT)")
    _add(ws, case, NIGHT, "01:05", 0, "second call (01:05 GMT)")
    _add(ws, case, NIGHT, "01:30", 60, "first call (01:30 BST)")
    _add(ws, case, NIGHT, "02:10", 0, "after the change (02:10 GMT)")
    assert _order(ws, case) == [
        "first call (01:30 BST)",
        "second call (01:05 GMT)",
        "third call (01:50 GMT)",
        "after the change (02:10 GMT)",
    ]


def test_gmt_on_an_ordinary_winter_day_is_not_the_repeated_hour(ws: Workspace, case: Case) -> None:
    _add(ws, case, "2024-12-03", "10:30", 0, "later")
    _add(ws, case, "2024-12-03", "10:00", 0, "earlier")
    assert _order(ws, case) == ["earlier", "later"]


def test_an_entry_without_an_offset_gets_the_uk_one(ws: Workspace, case: Case) -> None:
    _add(ws, case, "2024-07-01", "09:00", None, "summer")
    _add(ws, case, "2024-12-01", "09:00", None, "winter")
    _add(ws, case, "2024-03-31", "03:00", None, "the spring night, after the change")
    _add(ws, case, "2024-07-02", "09:00", 0, "stated as GMT")  # the source's own offset is kept
    offsets = {e.summary: e.utc_offset for e in list_entries(ws, case.id or 0)}
    assert offsets == {
        "summer": 60,
        "winter": 0,
        "the spring night, after the change": 60,
        "stated as GMT": 0,
    }
