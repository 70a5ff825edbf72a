"""Dates as the summary shows them: UK day-first, as precise as they are known."""

from __future__ import annotations

import datetime as dt

from chronology.date_phrases import MONTH_NAMES

_SEASONS = {3: "Spring", 6: "Summer", 9: "Autumn", 12: "Winter"}


class DateError(ValueError):
    """A date that is not a real ISO calendar date."""


def parse_iso(text: str, what: str = "date") -> dt.date:
    """An ISO date (YYYY-MM-DD), or DateError naming what it was for."""
    try:
        return dt.date.fromisoformat(str(text).strip()[:10])
    except ValueError:
        raise DateError(f"{what} must be a real date written YYYY-MM-DD, not {text!r}") from None


def uk(day: dt.date | str | None) -> str:
    """dd/mm/yyyy, or an empty string for no date."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = parse_iso(day)
    return day.strftime("%d/%m/%Y")


def uk_long(day: dt.date | str) -> str:
    """'19 November 2024'."""
    if isinstance(day, str):
        day = parse_iso(day)
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


def entry_when(date: str, time: str | None, precision: str, approximate: bool = False) -> str:
    """An entry's date as precisely as it is known: '19/11/2024 10:00', 'w/c 03/06/2024'..."""
    day = parse_iso(date)
    if precision == "datetime" and time:
        text = f"{uk(day)} {time}"
    elif precision == "week":
        text = f"w/c {uk(day)}"
    elif precision == "month":
        text = f"{MONTH_NAMES[day.month]} {day.year}"
    elif precision == "season":
        text = f"{_SEASONS.get(day.month, 'Season of')} {day.year}"
    elif precision == "year":
        text = str(day.year)
    elif precision == "term":  # a school term or holiday: its start, said as such
        text = f"school term or holiday from {uk(day)}"
    else:
        text = uk(day)
    return f"{text} (approx.)" if approximate else text


def weeks_and_days(days: int) -> str:
    """'48 weeks (335 days)'; short spans in days only."""
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{round(days / 7)} weeks ({days} days)"


def age_on(dob: str | None, today: dt.date) -> str:
    """A child's age in years and months on a day ('4 years 2 months'), or '' if unknown."""
    if not dob:
        return ""
    try:
        born = parse_iso(dob)
    except DateError:
        return ""
    if born > today:
        return "not yet born"
    months = (today.year - born.year) * 12 + today.month - born.month
    if today.day < born.day:
        months -= 1
    years, months = divmod(months, 12)
    if years == 0:
        return f"{months} month{'s' if months != 1 else ''}"
    tail = f" {months} month{'s' if months != 1 else ''}" if months else ""
    return f"{years} year{'s' if years != 1 else ''}{tail}"
