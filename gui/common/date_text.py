"""Entry dates as the chronology shows them: precision-aware, through the core's formatter."""

from __future__ import annotations

from chronology.date_phrases import is_ongoing
from chronology.models import Entry

try:  # the core's formatter; a plain fallback keeps the window usable while it is absent
    from chronology.dates import format_entry_date as _core_format
except ImportError:  # pragma: no cover - only while the core is incomplete
    _core_format = None

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _fallback(
    date: str, time: str | None, precision: str, approximate: bool, date_end: str | None
) -> str:
    y, m, d = date[:4], int(date[5:7] or 1), int(date[8:10] or 1)
    if precision == "year":
        text = y
    elif precision in ("month", "season"):
        text = f"{_MONTHS[m - 1]} {y}"
    elif precision == "week":
        text = f"w/c {d:02d}/{m:02d}/{y}"
    else:
        text = f"{d:02d}/{m:02d}/{y}"
        if time:
            text += f" {time}"
    return f"c. {text}" if approximate else text


def entry_date_label(entry: Entry) -> str:
    """The entry's date at the precision it is known, e.g. '03/04/2024 14:30' or 'w/c 3 June'."""
    precision = entry.precision.value
    if _core_format is not None:
        return _core_format(
            entry.date,
            entry.time,
            precision,
            entry.approximate,
            entry.date_end,
            ongoing=is_ongoing(entry.date_assumption),
        )
    return _fallback(entry.date, entry.time, precision, entry.approximate, entry.date_end)


def uk_date_time(iso: str) -> str:
    """'29/11/2025 10:32' from an ISO date-time; shorter text is returned as it is."""
    if len(iso) < 16:
        return iso
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]} {iso[11:16]}"


def uk_date(iso: str) -> str:
    """'29/11/2025' from an ISO date (or date-time); '' for nothing."""
    if len(iso) < 10:
        return iso
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"
