"""Words and patterns that dates are written with: months, seasons, placeholders, relative phrases,
approximation markers and the Windows time-zone names used by Outlook and Exchange.

Kept apart from ``chronology.dates`` so the parser reads as logic and this file as vocabulary.
"""

from __future__ import annotations

import datetime
import functools
import logging
import re
import zoneinfo
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chronology.date_value import DateValue
from chronology.school_terms import term_label

log = logging.getLogger(__name__)

MONTH_NAMES: tuple[str, ...] = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Keyed by the first three letters, lower case; "sept" is matched by the pattern below.
MONTHS: dict[str, int] = {name[:3].lower(): n for n, name in enumerate(MONTH_NAMES) if name}

MONTH_PATTERN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)

WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
WEEKDAYS: dict[str, int] = {name[:3].lower(): number for number, name in enumerate(WEEKDAY_NAMES)}
WEEKDAY_PATTERN = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)"
)

# Season -> (first month, number of months). Winter YEAR runs from December YEAR into the next year.
SEASONS: dict[str, tuple[str, int]] = {
    "spring": ("Spring", 3),
    "summer": ("Summer", 6),
    "autumn": ("Autumn", 9),
    "fall": ("Autumn", 9),
    "winter": ("Winter", 12),
}
SEASON_BY_START_MONTH: dict[int, str] = {3: "Spring", 6: "Summer", 9: "Autumn", 12: "Winter"}

# Part of a period, for "early/mid/late 2023" and "early June 2023". A year is cut into thirds of
# four months, a month into days 1-10, 11-20 and 21 to the end; halves are six months or days
# 1-15 and 16 to the end. The result is marked approximate. A decade ("the early 2010s") is cut
# into its first four, middle three and last three years.
PART_WORDS: dict[str, str] = {
    "early": "early",
    "beginning of": "early",
    "beg of": "early",
    "start of": "early",
    "early part of": "early",
    "mid": "mid",
    "middle of": "mid",
    "late": "late",
    "end of": "late",
    "towards the end of": "late",
    "toward the end of": "late",
    "latter part of": "late",
    "later part of": "late",
    "first half of": "first half",
    "second half of": "second half",
}
PART_LABELS: dict[str, str] = {
    "early": "early ",
    "mid": "mid-",
    "late": "late ",
    "first half": "first half of ",
    "second half": "second half of ",
}
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4),
    "mid": (5, 8),
    "late": (9, 12),
    "first half": (1, 6),
    "second half": (7, 12),
}
MONTH_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, 31),
    "first half": (1, 15),
    "second half": (16, 31),
}
DECADE_RE = re.compile(r"(?:the\s+)?((?:18|19|20|21)\d0)'?s", re.IGNORECASE | re.ASCII)


def decade_part(first_year: int, span: int, part: str) -> tuple[int, int]:
    """The years of the early/mid/late part of a decade (or of any span of years)."""
    if part in ("early", "first half"):
        return first_year, first_year + (3 if part == "early" else 4)
    if part == "mid":
        return first_year + 4, first_year + 6
    return first_year + (7 if part == "late" else 5), first_year + span - 1


# Cell values that say there is no date. Compared lower case, trailing full stops removed.
NOT_KNOWN: frozenset[str] = frozenset(
    {
        "date not known",
        "date unknown",
        "not known",
        "unknown",
        "n/k",
        "nk",
        "n/a",
        "na",
        "n.a",
        "not applicable",
        "not recorded",
        "no date",
        "none",
        "nil",
        "null",
        "-",
        "--",
        "---",
        "\u2013",
        "\u2014",
        "?",
        "??",
        "???",
        "dd/mm/yyyy",
        "dd/mm/yy",
        "xx/xx/xxxx",
        "00/00/0000",
        "00/00/00",
        "0000-00-00",
    }
)
TO_BE_CONFIRMED: frozenset[str] = frozenset(
    {"tbc", "tba", "tbd", "to be confirmed", "to be arranged", "to be decided", "pending"}
)

# Words that make a phrase relative to an unknown "now" (checked only after every absolute form
# has failed, so "Thursday 14 March 2024" never reaches this).
RELATIVE_RE = re.compile(
    r"\b(?:yesterday|today|tomorrow|tonight|tonite|now|ago|hence|fortnight|last|next|this"
    r"|previous|coming|past|recent|recently|earlier|later|morning|afternoon|evening|night"
    r"|weekend|days?|weeks?|months?|years?|hours?|minutes?|" + WEEKDAY_PATTERN[3:-1] + r")\b",
    re.IGNORECASE | re.ASCII,
)

APPROX_PREFIX_RE = re.compile(
    r"^(?:circa|approximately|approx\.?|about|around|roughly|abt\.?|ca\.|ca\s|c\.|c\s?(?=\d)"
    r"|~|est\.|estimated)\s*",
    re.IGNORECASE | re.ASCII,
)
APPROX_SUFFIX_RE = re.compile(
    r"\s*(?:\(\s*(?:approx\.?|approximately|approximate|estimated|est\.?|circa|c\.?|\?)\s*\)"
    r"|,?\s+approx\.?|,?\s+approximately|\s*\?+)$",
    re.IGNORECASE | re.ASCII,
)
WEEK_PREFIX_RE = re.compile(
    r"^(?:(?:week|wk)\s+(?:commencing|comm?\.?|beginning|beg\.?|starting|start)"
    r"|(?:the\s+)?week\s+of|w/c|w\.c\.|wc|w/b|w\.b\.|wb|wk/c|wk\.?\s*c\.?(?=[\s:\d])|wk/b"
    r"|w/beg\.?|w/comm?\.?)"
    r"\s*:?\s*(?:(?:mon(?:day)?|monday)\.?,?\s+)?",
    re.IGNORECASE | re.ASCII,
)
# "w/e 14/06/2024": the week that ends on that day.
WEEK_ENDING_RE = re.compile(
    r"^(?:w/e|w\.e\.|w/end|wk/e|(?:week|wk)\s+(?:ending|end))\s*:?\s*",
    re.IGNORECASE | re.ASCII,
)
PART_PREFIX_RE = re.compile(
    r"^(?:the\s+)?(early(?:\s+part\s+of)?|beginning\s+of|beg\.?\s+of|start\s+of|middle\s+of|mid|late"
    r"|end\s+of|towards?\s+the\s+end\s+of|latter\s+part\s+of|later\s+part\s+of"
    r"|first\s+half\s+of|second\s+half\s+of)\b\s*-?\s*(?:the\s+)?",
    re.IGNORECASE | re.ASCII,
)
SEASON_RE = re.compile(
    r"(spring|summer|autumn|fall|winter)(?:\s+of)?\s+(\d{4})(?:\s*[/-]\s*(\d{4}|\d{2}))?",
    re.IGNORECASE | re.ASCII,
)
# Two dates with a span between them; a part may leave out what the other gives ("3 and 5 June
# 2024", "June to August 2023"). Tried only after the text has failed as a single date.
RANGE_RE = re.compile(
    r"(?:between\s+(.+?)\s+(?:and|&)\s+(.+)"
    r"|(?:from\s+)?(.+?)\s+(?:to|until|till|through|-|\u2013)\s+(.+)"
    r"|(\d{1,2}(?:st|nd|rd|th)?)\s*[-\u2013]\s*(\d{1,2}(?:st|nd|rd|th)?\s+[a-z].+)"
    r"|([a-z]{3,9}\.?)\s*[/-]\s*([a-z]{3,9}\.?\s+\d{4}))",
    re.IGNORECASE | re.ASCII,
)
BARE_DAY_RE = re.compile(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?", re.IGNORECASE | re.ASCII)
BARE_MONTH_RE = re.compile(
    r"(?:early\s+|late\s+)?(" + MONTH_PATTERN + r")\.?", re.IGNORECASE | re.ASCII
)
FESTIVAL_WITHOUT_YEAR_RE = re.compile(
    r"(?:over\s+)?(?:the\s+)?(?:christmas|xmas|easter|new\s+year)", re.IGNORECASE | re.ASCII
)

# Windows time-zone names (Outlook, Exchange, some .ics files) -> IANA, from CLDR windowsZones.xml
# ("001" territory). Keys are lower case.
WINDOWS_ZONES: dict[str, str] = {
    "gmt standard time": "Europe/London",
    "greenwich standard time": "Atlantic/Reykjavik",
    "utc": "Etc/UTC",
    "coordinated universal time": "Etc/UTC",
    "utc-11": "Etc/GMT+11",
    "utc-09": "Etc/GMT+9",
    "utc-08": "Etc/GMT+8",
    "utc-02": "Etc/GMT+2",
    "utc+12": "Etc/GMT-12",
    "utc+13": "Etc/GMT-13",
    "w. europe standard time": "Europe/Berlin",
    "romance standard time": "Europe/Paris",
    "central european standard time": "Europe/Warsaw",
    "central europe standard time": "Europe/Budapest",
    "e. europe standard time": "Europe/Chisinau",
    "fle standard time": "Europe/Kiev",
    "gtb standard time": "Europe/Bucharest",
    "russian standard time": "Europe/Moscow",
    "belarus standard time": "Europe/Minsk",
    "kaliningrad standard time": "Europe/Kaliningrad",
    "turkey standard time": "Europe/Istanbul",
    "israel standard time": "Asia/Jerusalem",
    "jordan standard time": "Asia/Amman",
    "middle east standard time": "Asia/Beirut",
    "syria standard time": "Asia/Damascus",
    "egypt standard time": "Africa/Cairo",
    "south africa standard time": "Africa/Johannesburg",
    "w. central africa standard time": "Africa/Lagos",
    "e. africa standard time": "Africa/Nairobi",
    "morocco standard time": "Africa/Casablanca",
    "arabian standard time": "Asia/Dubai",
    "arab standard time": "Asia/Riyadh",
    "arabic standard time": "Asia/Baghdad",
    "iran standard time": "Asia/Tehran",
    "afghanistan standard time": "Asia/Kabul",
    "pakistan standard time": "Asia/Karachi",
    "india standard time": "Asia/Calcutta",
    "sri lanka standard time": "Asia/Colombo",
    "nepal standard time": "Asia/Katmandu",
    "bangladesh standard time": "Asia/Dhaka",
    "myanmar standard time": "Asia/Rangoon",
    "se asia standard time": "Asia/Bangkok",
    "china standard time": "Asia/Shanghai",
    "singapore standard time": "Asia/Singapore",
    "taipei standard time": "Asia/Taipei",
    "w. australia standard time": "Australia/Perth",
    "tokyo standard time": "Asia/Tokyo",
    "korea standard time": "Asia/Seoul",
    "cen. australia standard time": "Australia/Adelaide",
    "aus central standard time": "Australia/Darwin",
    "e. australia standard time": "Australia/Brisbane",
    "aus eastern standard time": "Australia/Sydney",
    "new zealand standard time": "Pacific/Auckland",
    "azores standard time": "Atlantic/Azores",
    "cape verde standard time": "Atlantic/Cape_Verde",
    "e. south america standard time": "America/Sao_Paulo",
    "argentina standard time": "America/Buenos_Aires",
    "newfoundland standard time": "America/St_Johns",
    "atlantic standard time": "America/Halifax",
    "sa pacific standard time": "America/Bogota",
    "eastern standard time": "America/New_York",
    "us eastern standard time": "America/Indianapolis",
    "central standard time": "America/Chicago",
    "central standard time (mexico)": "America/Mexico_City",
    "canada central standard time": "America/Regina",
    "mountain standard time": "America/Denver",
    "us mountain standard time": "America/Phoenix",
    "pacific standard time": "America/Los_Angeles",
    "alaskan standard time": "America/Anchorage",
    "hawaiian standard time": "Pacific/Honolulu",
    # Display names that some exports write instead of the zone id.
    "(utc) dublin, edinburgh, lisbon, london": "Europe/London",
    "(utc+00:00) dublin, edinburgh, lisbon, london": "Europe/London",
    "(gmt) greenwich mean time : dublin, edinburgh, lisbon, london": "Europe/London",
    "(utc+01:00) amsterdam, berlin, bern, rome, stockholm, vienna": "Europe/Berlin",
    "(utc+01:00) brussels, copenhagen, madrid, paris": "Europe/Paris",
    # Names that are not IANA keys but mean the United Kingdom.
    "bst": "Europe/London",
    "british summer time": "Europe/London",
    "gmt daylight time": "Europe/London",
    "uk": "Europe/London",
    "z": "Etc/UTC",
}

# IANA keys that are the United Kingdom's own clock: no conversion note is needed for these.
UK_ZONE_KEYS: frozenset[str] = frozenset(
    {"Europe/London", "GB", "GB-Eire", "Europe/Belfast", "Europe/Jersey", "Europe/Guernsey"}
)


def ordinal(number: int) -> str:
    """1 -> '1st', 22 -> '22nd', 13 -> '13th'."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


# --- time zones -----------------------------------------------------------------------------


def _iana(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


@functools.cache
def _iana_by_lower_name() -> dict[str, str]:
    return {key.lower(): key for key in zoneinfo.available_timezones()}


@functools.lru_cache(maxsize=256)
def resolve_zone(name: str) -> ZoneInfo | None:
    """A zone from an IANA name or a Windows name ("GMT Standard Time"); None if unknown."""
    key = " ".join(str(name).strip().strip("\"'").split())
    if key.lower().startswith("tzone://microsoft/"):
        key = key[len("tzone://microsoft/") :]
    if not key or "\x00" in key:
        return None
    if " " not in key and ".." not in key:  # an IANA name ("UTC" is also a Windows name)
        zone = _iana(key)
        if zone is not None:
            return zone
    mapped = WINDOWS_ZONES.get(key.lower())
    if mapped is not None:
        return ZoneInfo(mapped)
    candidates = [key]
    parts = [part for part in key.split("/") if part]
    if len(parts) > 2:  # calendar programs prefix TZIDs: "/mozilla.org/20050126_1/Europe/London"
        candidates += ["/".join(parts[-3:]), "/".join(parts[-2:])]
    for candidate in candidates:
        zone = _iana(candidate) if ".." not in candidate else None
        if zone is not None:
            return zone
        known = _iana_by_lower_name().get(candidate.lower())
        if known is not None:
            return ZoneInfo(known)
    return None


# --- showing dates --------------------------------------------------------------------------


def format_uk(value: DateValue, *, with_time: bool = True) -> str:
    """How every output shows a date: "03/04/2024 09:40", "w/c 03/06/2024", "June 2023"..."""
    end = value.end
    return format_entry_date(
        value.start.isoformat(),
        value.hhmm,
        value.precision,
        value.approximate,
        None if end is None else end.isoformat(),
        with_time=with_time,
    )


# Written in an entry's date_assumption when its source says the period has not ended yet; the
# entry's date is then shown with "– ongoing" (date_end stays empty: no end is known).
ONGOING_NOTE = "ongoing: the source gives no end yet"
RANGE_DASH = " \u2013 "


def is_ongoing(date_assumption: str) -> bool:
    """True for an entry whose source says it has not ended (see ONGOING_NOTE)."""
    return ONGOING_NOTE in date_assumption


def format_entry_date(
    iso_date: str,
    time: str | None,
    precision: str,
    approximate: bool = False,
    date_end: str | None = None,
    *,
    with_time: bool = True,
    ongoing: bool = False,
) -> str:
    """format_uk from the stored fields (ISO date, "HH:MM", precision value); cheap.

    A day with a later end reads "18/01/2000 \u2013 10/05/2000"; an ongoing one
    "18/01/2000 \u2013 ongoing".
    """
    text = _format_start(iso_date, time, precision, approximate, date_end, with_time)
    return f"{text}{RANGE_DASH}ongoing" if ongoing and not date_end else text


def _format_start(
    iso_date: str,
    time: str | None,
    precision: str,
    approximate: bool,
    date_end: str | None,
    with_time: bool,
) -> str:
    if len(iso_date) != 10 or iso_date[4] != "-":
        return iso_date  # not an ISO date: show what is stored rather than fail
    if precision == "datetime" or precision == "day":
        text = f"{iso_date[8:10]}/{iso_date[5:7]}/{iso_date[:4]}"
        if time and with_time and precision == "datetime":
            text = f"{text} {time[:5]}"
        if date_end and date_end != iso_date and len(date_end) == 10:
            text = f"{text}{RANGE_DASH}{date_end[8:10]}/{date_end[5:7]}/{date_end[:4]}"
        return f"c. {text}" if approximate else text
    year = iso_date[:4]
    try:
        month = int(iso_date[5:7])
        name = MONTH_NAMES[month]
    except (ValueError, IndexError):
        return iso_date
    if precision == "week":
        text = f"w/c {iso_date[8:10]}/{iso_date[5:7]}/{year}"
    elif precision == "month":
        if date_end and len(date_end) == 10 and date_end[:7] != iso_date[:7]:
            text = _month_range(name, year, date_end)  # "June \u2013 August 2023"
        else:
            text = f"{name} {year}"
            part = _month_part(iso_date, date_end)
            if part:
                return part + text
    elif precision == "season":
        season = SEASON_BY_START_MONTH.get(month)
        if season == "Winter":
            text = f"Winter {year}/{(int(year) + 1) % 100:02d}"
        elif season:
            text = f"{season} {year}"
        else:
            text = f"{name} {year}"
    elif precision == "year":
        if date_end and len(date_end) == 10 and date_end[:4] != year:
            text = _year_range(year, date_end[:4], approximate)  # "2019 \u2013 2021", "1990s"
        else:
            part = _year_part(iso_date, date_end)
            if part:
                return part + year
            text = year
    elif precision == "term":
        text = _term_text(iso_date, date_end)
    else:
        text = f"{iso_date[8:10]}/{iso_date[5:7]}/{year}"
    return f"{text} (approx.)" if approximate else text


def _month_range(name: str, year: str, date_end: str) -> str:
    try:
        end_name = MONTH_NAMES[int(date_end[5:7])]
    except (ValueError, IndexError):
        return f"{name} {year}"
    if date_end[:4] == year:
        return f"{name}{RANGE_DASH}{end_name} {year}"
    return f"{name} {year}{RANGE_DASH}{end_name} {date_end[:4]}"


def _year_range(year: str, end_year: str, approximate: bool) -> str:
    if not approximate and year.endswith("0") and end_year == year[:3] + "9":
        return f"{year}s"
    return f"{year}{RANGE_DASH}{end_year}"


def _term_text(iso_date: str, date_end: str | None) -> str:
    """ "Autumn term 2023" for a term read from that phrase, else the range of days."""
    start = f"{iso_date[8:10]}/{iso_date[5:7]}/{iso_date[:4]}"
    if not date_end or len(date_end) != 10:
        return start
    try:
        label = term_label(
            datetime.date.fromisoformat(iso_date), datetime.date.fromisoformat(date_end)
        )
    except ValueError:
        label = None
    return label or f"{start}{RANGE_DASH}{date_end[8:10]}/{date_end[5:7]}/{date_end[:4]}"


def _year_part(iso_date: str, date_end: str | None) -> str:
    first, last = iso_date[5:], (date_end or "")[5:]
    if first == "05-01":
        return PART_LABELS["mid"]
    if first == "09-01":
        return PART_LABELS["late"]
    if first == "07-01" and last == "12-31":
        return PART_LABELS["second half"]
    if first == "01-01" and last == "04-30":
        return PART_LABELS["early"]
    if first == "01-01" and last == "06-30":
        return PART_LABELS["first half"]
    return ""


def _month_part(iso_date: str, date_end: str | None) -> str:
    first = iso_date[8:10]
    last = date_end[8:10] if date_end else ""
    if first == "11":
        return PART_LABELS["mid"]
    if first == "21":
        return PART_LABELS["late"]
    if first == "16":
        return PART_LABELS["second half"]
    if first == "01" and last == "10":
        return PART_LABELS["early"]
    if first == "01" and last == "15":
        return PART_LABELS["first half"]
    return ""


# --- columns --------------------------------------------------------------------------------

_COLUMN_DATE_RE = re.compile(r"\s*['\"]?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b", re.ASCII)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def check_day_month_order(values: Iterable[str]) -> str | None:
    """None when a column's numeric dates all read day-first; else a message naming the problem."""
    month_only: list[str] = []
    day_only: list[str] = []
    numeric = 0
    for value in values:
        m = _COLUMN_DATE_RE.match(value) if isinstance(value, str) else None
        if m is None:
            continue
        numeric += 1
        a, b, year_text = int(m.group(1)), int(m.group(2)), m.group(3)
        year = int(year_text) if len(year_text) == 4 else 2000
        as_day_first, as_month_first = _valid(year, b, a), _valid(year, a, b)
        if as_month_first and not as_day_first:
            month_only.append(m.group(0).strip(" '\""))
        elif as_day_first and not as_month_first:
            day_only.append(m.group(0).strip(" '\""))
    if not month_only:
        return None
    counts = f"{len(month_only)} of {numeric} numeric dates"
    if day_only:
        return (
            f"column mixes date orders: '{month_only[0]}' is only valid month-first but "
            f"'{day_only[0]}' is only valid day-first ({counts} are only valid month-first)"
        )
    return (
        f"column mixes date orders: '{month_only[0]}' is only valid month-first ({counts}); "
        "if the whole column is month-first (US), import it as month-first"
    )


# --- the dateparser fallback ----------------------------------------------------------------

NOT_A_DATE = "text {text} is not a date"
RELATIVE = "relative date {text} has no anchor: enter the real date"
NOT_ONE_DATE = "text {text} is not a single date"
NO_YEAR = "date {text} has no year: enter the full date"
# Two "todays" that differ in year, month, day, weekday and time of day.
_BASES = (datetime.datetime(2001, 1, 1, 0, 0), datetime.datetime(2011, 7, 15, 13, 37))
_DIGITS_RE = re.compile(r"\d+", re.ASCII)
_WORDS_RE = re.compile(r"[a-z]+", re.IGNORECASE | re.ASCII)
_ODD_CHARACTER_RE = re.compile(r"[^a-z0-9\s,./:'-]", re.IGNORECASE | re.ASCII)
# The only words dateparser's answer may rest on: anything else ("Christmas", "le", "T") means
# the text says more than a date, and dateparser would silently ignore it.
_DATE_WORDS: frozenset[str] = frozenset(
    [name.lower() for name in MONTH_NAMES if name]
    + [name.lower() for name in WEEKDAY_NAMES]
    + list(MONTHS)
    + list(WEEKDAYS)
    + ["sept", "tues", "weds", "thur", "thurs", "st", "nd", "rd", "th", "of", "the", "at", "on"]
    + ["am", "pm", "a", "m", "hrs", "noon", "midday"]
)
PLAUSIBLE_YEARS = range(1800, 2200)  # for text that is only numbers, or that dateparser read


@functools.cache
def _parsers(day_first: bool) -> tuple[Any, Any]:
    from dateparser.date import DateDataParser  # lazily: importing dateparser costs ~0.5 s

    def make(base: datetime.datetime) -> Any:
        settings = {
            "DATE_ORDER": "DMY" if day_first else "MDY",
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "RETURN_TIME_AS_PERIOD": True,
            "TIMEZONE": "Europe/London",
            "RELATIVE_BASE": base,
            "PARSERS": ["absolute-time"],
        }
        return DateDataParser(languages=["en"], settings=settings)

    return make(_BASES[0]), make(_BASES[1])


@functools.lru_cache(maxsize=4096)
def read_with_dateparser(
    text: str, day_first: bool = True
) -> tuple[datetime.datetime, str, datetime.timedelta | None, str] | str:
    """Ask dateparser, checked: (naive time, period, UTC offset, zone name) or a refusal reason.

    The refusal is a template with "{text}" where the quoted text goes. The answer is kept only
    when two different "todays" give the same result (otherwise the text was relative or
    partial) and the year, and the day when there is one, are numbers written in the text,
    with no numbers left over (so "3-5 June 2024" is not read as one day).
    """
    from dateparser.timezone_parser import pop_tz_offset_from_string

    first, second = _parsers(day_first)
    try:
        body, zone = pop_tz_offset_from_string(text)
        if _ODD_CHARACTER_RE.search(body) or any(
            word.lower() not in _DATE_WORDS for word in _WORDS_RE.findall(body)
        ):
            return NOT_A_DATE
        a, b = first.get_date_data(body), second.get_date_data(body)
    except Exception:  # dateparser raises assorted errors on odd text; none of it is a date
        log.debug("dateparser failed on %r", text, exc_info=True)
        return NOT_A_DATE
    if a.date_obj is None or b.date_obj is None:
        return NOT_A_DATE
    parts = set(getattr(a, "parts", None) or ())
    if a.date_obj != b.date_obj or a.period != b.period:
        same_day = (a.date_obj.month, a.date_obj.day) == (b.date_obj.month, b.date_obj.day)
        if a.period == b.period and a.period in ("day", "time") and same_day:
            return NO_YEAR  # "june-12": the same day in each "today's" year
        return RELATIVE
    if parts and ("year" not in parts or ("day" not in parts and a.period in ("day", "time"))):
        return RELATIVE  # a part was filled in from "today", even if both todays agreed
    moment: datetime.datetime = a.date_obj
    period: str = a.period
    if period not in ("day", "time", "month", "year"):
        return RELATIVE
    numbers = [int(n) for n in _DIGITS_RE.findall(body)]
    has_day = period in ("day", "time")
    if moment.year not in numbers or (has_day and moment.day not in numbers):
        return NOT_A_DATE
    if moment.year not in PLAUSIBLE_YEARS:
        return NOT_A_DATE
    if len(numbers) > (2 if has_day else 1) + (3 if period == "time" else 0):
        return NOT_ONE_DATE
    if zone is None or period != "time":
        return moment.replace(tzinfo=None), period, None, ""
    offset = zone.utcoffset(None)
    return moment.replace(tzinfo=None), period, offset, str(zone.tzname(None)).replace("\\", "")
