"""What a date reading gives: one date as a source wrote it, or the reason it cannot be read.

Shared by the parser (``dates``) and the phrase tables (``date_phrases``), which import it one
way; neither imports the other's module back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from chronology.models import Precision

__all__ = ["DateValue", "UnreadableDate"]


@dataclass(frozen=True, slots=True)
class DateValue:
    """One date as a source gave it: start, optional end, UK local time, precision, assumptions."""

    start: datetime.date
    end: datetime.date | None  # last day for week/month/season/year ranges, else None
    time: datetime.time | None  # UK local wall-clock time, None if date-only
    precision: Precision
    approximate: bool = False
    original: str = ""
    assumption: str = ""

    @property
    def iso_date(self) -> str:
        """The start date as ISO 8601, e.g. "2024-04-03"."""
        return self.start.isoformat()

    @property
    def hhmm(self) -> str | None:
        """The time as "09:40", or None for a date without a time."""
        t = self.time
        return None if t is None else f"{t.hour:02d}:{t.minute:02d}"


class UnreadableDate(ValueError):
    """A date cell that cannot be read honestly; ``reason`` says why in plain English."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
