"""What a column holds, read from its values: dates, times, prose, categories, names, identifiers.

The mapper (``proposal``) scores each column for each entry field from this and from its header;
a header alone never makes a column the date, the time or the text (STYLE.md: "Parsers classify
by content as well as names").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from chronology.dates import reads_as_date, reads_as_time
from chronology.importers.entry_types import normalise_type, type_from_word
from chronology.models import EntryType

SAMPLE_ROWS = 400  # rows a reader hands the mapper: the first ones and some from further on
_DATE_CHECKS = 80  # values of one column tried as dates (the fast rules only)
_DATE_LENGTH = 48  # longer text is not a date cell ("Seen on 3 May 2024 with her mother...")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_IDENTIFIER = re.compile(r"(?=[^\s]*\d)[A-Za-z0-9][A-Za-z0-9/_.:#|\\-]{2,63}")
_DECIMAL = re.compile(r"[-+£$€]?\s*\d[\d,]*(?:\.\d+)?\s*%?")
_BARE_YEAR = re.compile(r"\d{4}")
_DOTTED_TIME = re.compile(r"\d{1,2}\.\d{2}")
_NHS_NUMBER = re.compile(r"(\d{3})[ -]?(\d{3})[ -]?(\d{4})")
_NAME_PART = re.compile(r"(?:[A-Z][a-z'’-]+|[A-Z]\.?|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)")
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "mx", "pc", "ds", "dc", "sgt", "prof", "rev"})
_BOOLEAN = frozenset({"true", "false", "yes", "no", "y", "n", "0", "1"})


def nhs_number_valid(text: str) -> bool:
    """True for a 10-digit NHS number whose check digit is right (modulus 11)."""
    m = _NHS_NUMBER.fullmatch(text.strip())
    if m is None:
        return False
    digits = [int(c) for c in "".join(m.groups())]
    total = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == digits[9]


def _looks_like_name(text: str) -> bool:
    """'Dana Ruiz', 'Dr A. Okoro', 'PC 2207 Faulds', 'Sam Reid (Health Visitor)'."""
    base = text.split("(", 1)[0].strip()
    words = base.replace(",", " ").split()
    if not 2 <= len(words) <= 5 or len(base) > 48:
        return False
    named = 0
    for word in words:
        low = word.lower().rstrip(".")
        if low in _TITLES or word.isdigit():
            continue
        if not _NAME_PART.fullmatch(word):
            return False
        named += 1
    return named >= 1


@dataclass
class ColumnContent:
    """Shares are of the filled values in the sample (0 when the column is empty)."""

    name: str
    position: int
    rows: int = 0  # rows in the sample
    filled: int = 0
    dates: float = 0.0  # read as a date (day, week, month, season, year...)
    bare_years: float = 0.0  # only a four-digit year: weak evidence of a date column
    times: float = 0.0  # a clock time alone
    numbers: float = 0.0
    identifiers: float = 0.0  # codes with digits and no spaces: 'QX-24-00117', a UUID
    nhs_numbers: float = 0.0
    names: float = 0.0  # a person's name
    booleans: float = 0.0
    types: float = 0.0  # words the entry-type vocabulary knows ('Home Visit')
    outcomes: float = 0.0  # words that say whether it happened ('Attended', 'DNA')
    mean_words: float = 0.0
    mean_length: float = 0.0
    distinct: int = 0
    variety: float = 0.0  # distinct / filled: 1 when every value differs

    @property
    def fill(self) -> float:
        return self.filled / self.rows if self.rows else 0.0

    @property
    def structured(self) -> float:
        """Share of values that are dates, times, numbers or codes rather than words."""
        return max(self.dates, self.times, self.numbers, self.identifiers, self.booleans)

    @property
    def prose(self) -> float:
        """How much the column reads as long, varied prose (0 to 1)."""
        if not self.filled or self.structured >= 0.5:
            return 0.0
        length = min(1.0, self.mean_words / 14)
        varied = min(1.0, self.variety / 0.6)
        return round(length * varied, 3)

    @property
    def categorical(self) -> bool:
        """Short values that repeat: a type, an outcome, a team."""
        if not self.filled or self.mean_words > 6 or self.structured >= 0.5:
            return False
        return self.distinct <= max(3, 0.5 * self.filled)

    def describe(self) -> str:
        """A few words on what the column holds, for messages and the wizard."""
        if not self.filled:
            return "empty"
        if self.dates >= 0.5:
            kind = "years" if self.bare_years >= 0.5 else "dates"
            return f"{kind} in {self.dates:.0%} of its values"
        if self.times >= 0.5:
            return f"times of day in {self.times:.0%} of its values"
        if self.nhs_numbers >= 0.5:
            return "NHS numbers"
        if self.identifiers >= 0.5:
            unique = "unique " if self.variety >= 0.9 else ""
            return f"{unique}codes such as reference numbers"
        if self.numbers >= 0.5:
            return "numbers"
        if self.prose >= 0.5:
            return f"long varied text, {self.mean_words:.0f} words on average"
        if self.names >= 0.5:
            return f"names ({self.distinct} different)"
        if self.booleans >= 0.5:
            return "yes/no values"
        if self.categorical:
            return f"short values that repeat ({self.distinct} different)"
        return f"short text, {self.mean_words:.0f} words on average"


def _text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def profile_column(name: str, position: int, values: Sequence[Any]) -> ColumnContent:
    """Read what one column holds from its sampled values."""
    content = ColumnContent(name, position, rows=len(values))
    texts: list[str] = []
    dates = times = numbers = ids = nhs = names = booleans = years = 0
    date_tries = dotted = 0
    for value in values:
        if isinstance(value, dt.datetime | dt.date):
            content.filled += 1
            dates += 1
            texts.append(value.isoformat())
            continue
        if isinstance(value, dt.time):
            content.filled += 1
            times += 1
            texts.append(value.isoformat())
            continue
        if isinstance(value, bool):
            content.filled += 1
            booleans += 1
            texts.append(str(value))
            continue
        if isinstance(value, int | float):
            content.filled += 1
            text = _text_of(value)
            texts.append(text)
            if isinstance(value, int) and abs(value) >= 100 and len(text) >= 3:
                ids += 1
            else:
                numbers += 1
            continue
        text = _text_of(value)
        if not text:
            continue
        content.filled += 1
        texts.append(text)
        low = text.lower()
        if low in _BOOLEAN:
            booleans += 1
            continue
        if nhs_number_valid(text):
            nhs += 1
            ids += 1
            continue
        if len(text) <= _DATE_LENGTH and any(c.isdigit() for c in text):
            tried = date_tries < _DATE_CHECKS
            date_tries += 1
            if (tried or dates) and reads_as_date(text):
                dates += 1
                if _BARE_YEAR.fullmatch(text):
                    years += 1
                continue
            if (tried or times or dotted) and reads_as_time(text):
                if _DOTTED_TIME.fullmatch(text):
                    dotted += 1  # 9.40 is a time, or a number: the rest of the column says
                else:
                    times += 1
                continue
        if _DECIMAL.fullmatch(text):
            if text.isdigit() and len(text) >= 3:
                ids += 1
            else:
                numbers += 1
            continue
        if _IDENTIFIER.fullmatch(text):
            ids += 1
            continue
        if _looks_like_name(text) and type_from_word(text) is None:
            names += 1
    filled = content.filled
    if not filled:
        return content
    content.dates = dates / filled
    content.bare_years = years / max(1, dates)
    if dotted and numbers == 0:  # no other numbers: '9.40' and '14.15' are times
        times += dotted
    else:
        numbers += dotted
    content.times = times / filled
    content.numbers = numbers / filled
    content.identifiers = ids / filled
    content.nhs_numbers = nhs / filled
    content.names = names / filled
    content.booleans = booleans / filled
    distinct_texts = set(texts)
    content.distinct = len(distinct_texts)
    content.variety = content.distinct / filled
    content.mean_length = sum(len(t) for t in texts) / filled
    content.mean_words = sum(len(_WORD.findall(t)) for t in texts) / filled
    if content.mean_words <= 6 and content.structured < 0.5:
        words = list(distinct_texts)[:60]
        content.types = sum(1 for w in words if type_from_word(w) is not None) / len(words)
        content.outcomes = sum(
            1 for w in words if normalise_type("", w) is not EntryType.OTHER
        ) / len(words)
    return content


def profile_columns(columns: Sequence[str], sample: Sequence[Sequence[Any]]) -> list[ColumnContent]:
    """A ColumnContent for each column, from rows aligned with ``columns``."""
    out = []
    for i, name in enumerate(columns):
        values = [row[i] if i < len(row) else None for row in sample]
        out.append(profile_column(name, i, values))
    return out


def spread_sample(rows: Sequence[Any], size: int = SAMPLE_ROWS) -> list[Any]:
    """The first rows and rows from further on, ``size`` in all, in file order."""
    if len(rows) <= size:
        return list(rows)
    head = size // 2
    rest = len(rows) - head
    step = rest / (size - head)
    return list(rows[:head]) + [rows[head + int(i * step)] for i in range(size - head)]


__all__ = [
    "SAMPLE_ROWS",
    "ColumnContent",
    "nhs_number_valid",
    "profile_column",
    "profile_columns",
    "spread_sample",
]
