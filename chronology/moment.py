"""The moment an entry happened: its UK wall-clock time with the offset from UTC.

Entries keep UK local time as written (DESIGN.md), with the offset (60 in BST, 0 in GMT) so
that two events in the hour that happens twice when the clocks go back are told apart and kept
in the order they happened, and documents can say BST or GMT on the two days a year when the
clocks change.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from chronology.dates import UK

_GMT_MONTHS = frozenset({"11", "12", "01", "02"})
_BST_MONTHS = frozenset({"04", "05", "06", "07", "08", "09"})


def utc_offset(date: str, time: str | None, second: bool = False) -> int | None:
    """Minutes east of UTC of a UK wall-clock time (60 in BST, 0 in GMT), None without a time."""
    if not time:
        return None
    month = date[5:7]
    if month in _GMT_MONTHS:  # the clocks change only in March and October
        return 0
    if month in _BST_MONTHS:
        return 60
    try:
        clock = dt.time(int(time[:2]), int(time[3:5]), fold=int(second))
        local = dt.datetime.combine(dt.date.fromisoformat(date), clock, tzinfo=UK)
    except ValueError:
        return None
    offset = local.utcoffset()
    return None if offset is None else int(offset.total_seconds() // 60)


def repeated_hour(date: str, time: str | None) -> bool:
    """Whether a wall-clock time happened twice that day (the hour the clocks go back)."""
    if not time:
        return False
    first, second = utc_offset(date, time), utc_offset(date, time, True)
    return first is not None and first != second


@lru_cache(maxsize=512)
def clocks_change(date: str) -> bool:
    """Whether the UK clocks changed on this day (ISO date)."""
    if date[5:7] not in ("03", "10"):
        return False
    day = dt.date.fromisoformat(date[:10])
    start = dt.datetime.combine(day, dt.time(0), tzinfo=UK)
    end = dt.datetime.combine(day, dt.time(23, 59), tzinfo=UK)
    return start.utcoffset() != end.utcoffset()


def zone_label(date: str, time: str | None, offset: int | None) -> str:
    """'BST' or 'GMT' for a timed entry on a day the clocks change, else ''."""
    if not time or not clocks_change(date):
        return ""
    if offset is None:
        offset = utc_offset(date, time)
    return "BST" if offset == 60 else "GMT" if offset == 0 else ""


__all__ = ["clocks_change", "repeated_hour", "utc_offset", "zone_label"]
