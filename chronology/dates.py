"""Honest dates: read what a source wrote, keep its real precision, and record every assumption.

UK day-first. Relative phrases ("yesterday", "Monday") are refused, never resolved against today:
nothing in this module looks at the current date or time. Times are UK local (Europe/London).
A fast path of compiled regular expressions reads the common formats; dateparser is the fallback
for odd text that names a month in words, and its answer is kept only when two different "todays"
give the same result and every number it used is in the text.
"""

from __future__ import annotations

import datetime
import logging

from chronology import date_phrases as ph
from chronology.date_fast import (
    _MIDNIGHT,
    UK,
    _clean,
    _finish,
    _match_day,
    _needs_cleaning,
    _q,
    _resolve,
    _time_cell,
)
from chronology.date_fuzzy import _parse_slow
from chronology.date_phrases import (
    ONGOING_NOTE,
    check_day_month_order,
    format_entry_date,
    format_uk,
    is_ongoing,
    resolve_zone,
)
from chronology.date_value import DateValue, UnreadableDate

log = logging.getLogger(__name__)


# --- the public API -------------------------------------------------------------------------


def parse_date(
    text: str,
    time_text: str | None = None,
    *,
    day_first: bool = True,
    date_only_if_midnight: bool = False,
    fallback: bool = True,
) -> DateValue:
    """Parse one date cell (and optional separate time cell). Raises UnreadableDate.

    ``fallback`` False: never ask dateparser (a quick look at what a column holds).
    """
    if not isinstance(text, str):
        if text is None:
            raise UnreadableDate("empty date")
        raise UnreadableDate(f"value {text!r} is not text")
    s = text.strip()
    if s and _needs_cleaning(s):
        s = _clean(s)
    extra = None
    original = text
    if time_text:
        if not isinstance(time_text, str):
            if not isinstance(time_text, datetime.time):
                raise UnreadableDate(f"time {time_text!r} is not text")
            time_text = time_text.isoformat()
        extra = _time_cell(time_text)
        if extra is not None:
            original = f"{text} {time_text}"
    if not s:
        raise UnreadableDate("empty date")
    found = _match_day(s, day_first)
    if found is not None:
        return _resolve(found, s, original, extra, date_only_if_midnight, False)
    return _parse_slow(s, original, extra, day_first, date_only_if_midnight, fallback)


def reads_as_date(text: str, day_first: bool = True) -> bool:
    """True when the text is a date the fast rules read (never dateparser): for column content."""
    try:
        parse_date(text, day_first=day_first, fallback=False)
    except UnreadableDate:
        return False
    return True


def parse_time(text: str) -> datetime.time:
    """A clock time written on its own ("10:30", "2.15pm", "1430hrs"); raises UnreadableDate."""
    found = _time_cell(text) if isinstance(text, str) else None
    if found is None or found[0] is None:
        raise UnreadableDate(f"{_q(str(text))} is not a time")
    return found[0]


def reads_as_time(text: str) -> bool:
    """True when the text is a clock time on its own ("09:40", "2.15pm", "1430hrs")."""
    try:
        found = _time_cell(text)
    except UnreadableDate:
        return False
    return found is not None and found[0] is not None


def from_datetime(
    value: datetime.datetime | datetime.date,
    original: str = "",
    *,
    source_zone: str | None = None,
    date_only_if_midnight: bool = False,
) -> DateValue:
    """From a datetime object (Excel cell, iCalendar, FHIR), in UK local time.

    Aware datetimes are converted to Europe/London (noted unless the zone was UK time). A naive
    datetime is UK local time, or local to ``source_zone`` (IANA or Windows name) when given.
    A date gives DAY precision, and so does a naive datetime at exactly midnight when
    ``date_only_if_midnight`` is set (an Excel date cell).
    """
    if not isinstance(value, datetime.datetime):
        if isinstance(value, datetime.date):
            return _finish(value, None, None, "", "", original, original, None, False)
        raise UnreadableDate(f"value {value!r} is not a date")
    day, clock = value.date(), value.time()
    aware = value.tzinfo is not None and value.utcoffset() is not None
    if aware:
        zone: datetime.tzinfo | None = value.tzinfo
        label = _zone_label(value)
        note = ""
    elif source_zone and source_zone.strip():
        zone = resolve_zone(source_zone)
        if zone is None:
            raise UnreadableDate(f"unknown time zone {_q(source_zone.strip())}")
        label = zone.key
        if source_zone.strip() != label:
            note = f"time zone {_q(source_zone.strip())} read as {label}"
        else:
            note = ""
    else:
        zone, label, note = None, "", ""
    if zone is not None and label in ph.UK_ZONE_KEYS and not aware:
        zone = None  # already UK wall-clock time
    if zone is None and date_only_if_midnight and clock == _MIDNIGHT:
        return _finish(day, None, None, "", note, original, original, None, False)
    text = original or value.isoformat()
    return _finish(day, clock, zone, label, note, text, original, None, False)


def _zone_label(value: datetime.datetime) -> str:
    """A zone's name as a person reads it: 'Europe/Paris', 'Customized Time Zone (UTC+02:00)'.

    Never the zone object's repr (calendar programs define zones of their own, whose Python
    objects print as '<tzicalvtz ...>').
    """
    zone = value.tzinfo
    key = getattr(zone, "key", None) or getattr(zone, "zone", None)
    if isinstance(key, str) and key:
        return key
    offset = _offset_text(value.utcoffset())
    own = getattr(zone, "_tzid", None) or getattr(zone, "tzid", None)
    if isinstance(own, str) and own.strip():
        return f"{own.strip()} ({offset})"
    name = value.tzname()
    if name and not name.startswith("<") and "object" not in name:
        return name
    return offset


def _offset_text(offset: datetime.timedelta | None) -> str:
    """'UTC+02:00' for a UTC offset."""
    if offset is None:
        return "an unnamed time zone"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


__all__ = [
    "ONGOING_NOTE",
    "UK",
    "DateValue",
    "UnreadableDate",
    "check_day_month_order",
    "format_entry_date",
    "format_uk",
    "from_datetime",
    "is_ongoing",
    "parse_date",
    "parse_time",
    "reads_as_date",
    "reads_as_time",
    "resolve_zone",
]
