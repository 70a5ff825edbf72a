"""Words and patterns that dates are written with: months, seasons, placeholders, relative phrases,
approximation markers and the Windows time-zone names used by Outlook and Exchange.

Kept apart from ``chronology.dates`` so the parser reads as logic and this file as vocabulary.
"""

from __future__ import annotations

import re

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
MONTHS: dict[str, int] = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES) if name}

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
# four months, a month into days 1-10, 11-20 and 21 to the end; the result is marked approximate.
PART_WORDS: dict[str, str] = {
    "early": "early",
    "beginning of": "early",
    "start of": "early",
    "mid": "mid",
    "middle of": "mid",
    "late": "late",
    "end of": "late",
}
PART_LABELS: dict[str, str] = {"early": "early ", "mid": "mid-", "late": "late "}
YEAR_PARTS: dict[str, tuple[int, int]] = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
MONTH_PARTS: dict[str, tuple[int, int]] = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}

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
    re.IGNORECASE,
)

APPROX_PREFIX_RE = re.compile(
    r"^(?:circa|approximately|approx\.?|about|around|roughly|abt\.?|ca\.|ca\s|c\.|c\s?(?=\d)"
    r"|~|est\.|estimated)\s*",
    re.IGNORECASE,
)
APPROX_SUFFIX_RE = re.compile(
    r"\s*(?:\(\s*(?:approx\.?|approximately|approximate|estimated|est\.?|circa|c\.?|\?)\s*\)"
    r"|,?\s+approx\.?|,?\s+approximately|\s*\?+)$",
    re.IGNORECASE,
)
WEEK_PREFIX_RE = re.compile(
    r"^(?:w/c|w\.c\.|wc|w/b|w\.b\.|wb|week\s+commencing|week\s+beginning|week\s+starting"
    r"|week\s+of)\s*:?\s*",
    re.IGNORECASE,
)
PART_PREFIX_RE = re.compile(
    r"^(early|beginning\s+of|start\s+of|middle\s+of|mid|late|end\s+of)\b\s*-?\s*(?:the\s+)?",
    re.IGNORECASE,
)
SEASON_RE = re.compile(
    r"(spring|summer|autumn|fall|winter)(?:\s+of)?\s+(\d{4})(?:\s*[/-]\s*(\d{4}|\d{2}))?",
    re.IGNORECASE,
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
