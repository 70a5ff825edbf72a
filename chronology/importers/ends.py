"""When a record's event ended: an end column (STOP, End, To, Until), DTEND/DURATION, FHIR's end.

The end is kept as the entry's ``date_end`` when it falls on a later day than the start; an end
time is written in the entry's details ("Ends: 10:30"); an end that says the period is still
running ("ongoing", "current") is recorded as ongoing; an end that cannot be read, or that comes
before the start, is kept word for word in the details rather than lost or guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from chronology.date_phrases import ONGOING_NOTE
from chronology.dates import UK, UnreadableDate, parse_date, parse_time

ONGOING_WORDS = frozenset(
    ("ongoing", "on going", "current", "currently", "open", "present", "to date", "continuing")
    + ("still open", "active", "not ended", "no end date", "not yet ended", "still running")
)


@dataclass(frozen=True)
class EndOf:
    """What an end value adds to an entry."""

    date_end: str | None = None  # ISO date, only when it is a later day than the start
    detail: str = ""  # a line for the entry's details ("Ends: 10:30")
    ongoing: bool = False


NO_END = EndOf()


def _shown_time(value: dt.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def end_of(value: Any, start_iso: str, start_hhmm: str | None, day_first: bool = True) -> EndOf:
    """The end an entry keeps from an end cell or a reader's end (date, datetime, time or text).

    ``start_iso`` and ``start_hhmm`` are the entry's start (UK local). Aware datetimes are shown
    in UK time.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return NO_END
    start = dt.date.fromisoformat(start_iso)
    raw = value.strip() if isinstance(value, str) else value
    day: dt.date | None = None
    clock: dt.time | None = None
    if isinstance(raw, dt.datetime):
        local = raw.astimezone(UK) if raw.tzinfo is not None else raw
        day, clock = local.date(), local.time()
        if clock == dt.time(0) and raw.tzinfo is None and start_hhmm is None:
            clock = None  # a date cell shown with midnight
    elif isinstance(raw, dt.date):
        day = raw
    elif isinstance(raw, dt.time):
        day, clock = start, raw
    else:
        text = str(raw)
        key = " ".join(text.lower().replace("-", " ").split()).rstrip(".")
        if key in ONGOING_WORDS:
            return EndOf(None, "", True)
        try:
            day, clock = start, parse_time(text)
        except UnreadableDate:
            try:
                read = parse_date(text, day_first=day_first)
            except UnreadableDate as exc:
                return EndOf(None, f"End: {text} (not read as a date: {exc.reason})")
            day = read.end or read.start
            clock = read.time
    if day < start:
        shown = raw if isinstance(raw, str) else day.strftime("%d/%m/%Y")
        return EndOf(None, f"End: {shown} (before the start, so not used as the end)")
    date_end = day.isoformat() if day > start else None
    detail = ""
    if clock is not None:
        when = _shown_time(clock) if day == start else f"{day:%d/%m/%Y} {_shown_time(clock)}"
        detail = f"Ends: {when}"
    return EndOf(date_end, detail)


__all__ = ["NO_END", "ONGOING_NOTE", "ONGOING_WORDS", "EndOf", "end_of"]
