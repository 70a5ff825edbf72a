"""School terms and holidays as practitioners write them ("Autumn term 2023", "Easter holidays
2024", "October half term 2023"), read as honest ranges.

Term dates are set by each local authority (and by academies), so no table can give the real
days. Each phrase is read as a range wide enough to hold the term or holiday wherever the child
lived in England or Wales, with precision "term" and a note that says so:

=========================  ====================================================================
phrase                     range read
=========================  ====================================================================
Autumn term YEAR           1 September to 22 December YEAR
October half term YEAR     21 October to 3 November YEAR (also "autumn half term")
Christmas holidays YEAR    18 December YEAR to 6 January YEAR+1 ("Christmas 2023/24" too)
Spring term YEAR           1 January to the day before the Easter holidays can begin
February half term YEAR    10 to 25 February YEAR (also "spring half term")
Easter holidays YEAR       Easter Sunday minus 14 days to Easter Sunday plus 14 days
Summer term YEAR           Easter Sunday plus 1 day to 24 July YEAR
May half term YEAR         22 May to 5 June YEAR (also "summer half term", "Whitsun half term")
Summer holidays YEAR       18 July to 7 September YEAR
=========================  ====================================================================

"half term YEAR" on its own is refused (which of the three?), and so is any of these without a
year: a phrase is never placed in a year it does not name.
"""

from __future__ import annotations

import datetime
import functools
import re

_D = datetime.date
_DAY = datetime.timedelta(days=1)

TERM_NOTE = "school term dates vary by area: read as {start} to {end}"


def easter_sunday(year: int) -> datetime.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return _D(year, month, day + 1)


def _autumn(y: int) -> tuple[datetime.date, datetime.date]:
    return _D(y, 9, 1), _D(y, 12, 22)


def _october_half(y: int) -> tuple[datetime.date, datetime.date]:
    return _D(y, 10, 21), _D(y, 11, 3)


def _christmas(y: int) -> tuple[datetime.date, datetime.date]:
    return _D(y, 12, 18), _D(y + 1, 1, 6)


def _easter_holidays(y: int) -> tuple[datetime.date, datetime.date]:
    sunday = easter_sunday(y)
    return sunday - 14 * _DAY, sunday + 14 * _DAY


def _spring(y: int) -> tuple[datetime.date, datetime.date]:
    return _D(y, 1, 1), _easter_holidays(y)[0] - _DAY


def _february_half(y: int) -> tuple[datetime.date, datetime.date]:
    return _D(y, 2, 10), _D(y, 2, 25)


def _summer(y: int) -> tuple[datetime.date, datetime.date]:
    return easter_sunday(y) + _DAY, _D(y, 7, 24)


def _may_half(y: int) -> tuple[datetime.date, datetime.date]:
    return _D(y, 5, 22), _D(y, 6, 5)


def _summer_holidays(y: int) -> tuple[datetime.date, datetime.date]:
    return _D(y, 7, 18), _D(y, 9, 7)


# Kind -> (label, range of a year). The label is how every output shows the phrase.
TERMS = {
    "autumn term": ("Autumn term", _autumn),
    "october half term": ("October half term", _october_half),
    "christmas holidays": ("Christmas holidays", _christmas),
    "spring term": ("Spring term", _spring),
    "february half term": ("February half term", _february_half),
    "easter holidays": ("Easter holidays", _easter_holidays),
    "summer term": ("Summer term", _summer),
    "may half term": ("May half term", _may_half),
    "summer holidays": ("Summer holidays", _summer_holidays),
}
# What practitioners write -> kind.
_SEASON_WORDS = {
    "autumn": "autumn",
    "fall": "autumn",
    "spring": "spring",
    "summer": "summer",
    "christmas": "christmas",
    "xmas": "christmas",
    "easter": "easter",
    "october": "october",
    "oct": "october",
    "february": "february",
    "feb": "february",
    "may": "may",
    "whitsun": "may",
    "whit": "may",
}
_HALF_TERM = {"autumn": "october", "spring": "february", "summer": "may"}
# A holiday named after a season or month is the half term or break at that time of year.
_HOLIDAY_ALIASES = {
    "autumn": "october half term",
    "october": "october half term",
    "february": "february half term",
    "spring": "easter holidays",
    "may": "may half term",
}
TERM_RE = re.compile(
    r"(?:the\s+)?(autumn|fall|spring|summer|christmas|xmas|easter|october|oct|february|feb|may"
    r"|whitsun|whit)\s+(term|half[\s-]?term|holidays?|hols|break|vacation)"
    r"(?:\s+of)?\s*,?\s*(\d{4})(?:\s*[/-]\s*(\d{4}|\d{2}))?",
    re.IGNORECASE | re.ASCII,
)
# The festival alone with a year: the holiday around it ("Christmas 2023", "Easter 2024").
FESTIVAL_RE = re.compile(
    r"(?:over\s+)?(?:the\s+)?(christmas|xmas|easter)(?:\s+of)?\s+(\d{4})(?:\s*[/-]\s*(\d{4}|\d{2}))?",
    re.IGNORECASE | re.ASCII,
)
TERM_WITHOUT_YEAR_RE = re.compile(
    r"(?:the\s+)?(?:(?:autumn|fall|spring|summer|christmas|xmas|easter|october|oct|february|feb"
    r"|may|whitsun|whit)\s+)?(?:term|half[\s-]?term|holidays?|hols)",
    re.IGNORECASE | re.ASCII,
)
BARE_HALF_TERM_RE = re.compile(r"(?:the\s+)?half[\s-]?term\s+\d{4}", re.IGNORECASE | re.ASCII)


def term_kind(season: str, word: str) -> str | None:
    """The kind for "<season> <word>": ("autumn", "half term") -> "october half term"."""
    what = _SEASON_WORDS.get(season.lower())
    word = word.lower().replace("-", " ")
    if what is None:
        return None
    if "half" in word:
        what = _HALF_TERM.get(what, what)
        kind = f"{what} half term"
    elif word == "term":
        kind = f"{what} term"
    else:  # holiday(s), hols, break, vacation
        kind = _HOLIDAY_ALIASES.get(what, f"{what} holidays")
    return kind if kind in TERMS else None


def term_range(kind: str, year: int) -> tuple[datetime.date, datetime.date]:
    """The range read for a term or holiday of a year (see the table above)."""
    return TERMS[kind][1](year)


@functools.lru_cache(maxsize=512)
def term_label(start: datetime.date, end: datetime.date) -> str | None:
    """ "Autumn term 2023" for a range read from that phrase; None for any other range."""
    for year in (start.year, start.year - 1):
        for label, make in TERMS.values():
            if make(year) == (start, end):
                if label == "Christmas holidays":
                    return f"{label} {year}/{(year + 1) % 100:02d}"
                return f"{label} {year}"
    return None


__all__ = [
    "BARE_HALF_TERM_RE",
    "FESTIVAL_RE",
    "TERMS",
    "TERM_NOTE",
    "TERM_RE",
    "TERM_WITHOUT_YEAR_RE",
    "easter_sunday",
    "term_kind",
    "term_label",
    "term_range",
]
