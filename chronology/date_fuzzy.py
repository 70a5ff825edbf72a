"""The slow path of date reading: what the fast formats do not cover. Approximation and
week-commencing words, parts of months and years, seasons, school terms, decades, ranges
("between 3 and 5 June 2024"), phrases without a year, relative phrases (refused), and
dateparser, checked, for odd text that names a month in words.
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from chronology import date_phrases as ph
from chronology import school_terms as terms
from chronology.date_fast import (
    _DATE,
    _DIGIT_RE,
    _ISO_MONTH_RE,
    _ISO_WEEK_RE,
    _MONTH_WORD_RE,
    _MONTH_YEAR_RE,
    _MONTH_YY_RE,
    _NO_YEAR_RE,
    _NUM_MONTH_YEAR_RE,
    _NUMBER_RE,
    _TIME_FIRST_RE,
    _TIME_ONLY_RE,
    _WEEK,
    _WEEKDAY_PREFIX_RE,
    _YEAR_RE,
    _check_weekday,
    _clock,
    _DayResult,
    _Extra,
    _finish,
    _impossible,
    _join,
    _last_day,
    _make_date,
    _match_day,
    _q,
    _uk,
    _year,
    _zone,
)
from chronology.date_value import DateValue, UnreadableDate
from chronology.models import Precision


class _Core(NamedTuple):
    precision: Precision
    start: datetime.date
    end: datetime.date | None = None
    clock: datetime.time | None = None
    zone: datetime.tzinfo | None = None
    label: str = ""
    note: str = ""
    approx: bool = False


def _parse_slow(
    s: str,
    original: str,
    extra: _Extra | None,
    day_first: bool,
    midnight: bool,
    fallback: bool = True,
) -> DateValue:
    text = " ".join(s.split())
    key = text.lower().rstrip(".")
    if key in ph.NOT_KNOWN:
        raise UnreadableDate(f"no date ({_q(text)})")
    if key in ph.TO_BE_CONFIRMED:
        raise UnreadableDate(f"text {_q(text)} is not a date")
    body, approximate = text, False
    m = ph.APPROX_PREFIX_RE.match(body)
    if m is not None and m.end() < len(body):
        body, approximate = body[m.end() :], True
    m = ph.APPROX_SUFFIX_RE.search(body)
    if m is not None and m.start() > 0:
        body, approximate = body[: m.start()], True
    body = body.rstrip(",;: ")
    week = ph.WEEK_PREFIX_RE.match(body)
    ending = None if week is not None else ph.WEEK_ENDING_RE.match(body)
    if week is not None or ending is not None:
        body = body[(week or ending).end() :]  # type: ignore[union-attr]
    try:
        core = _core(body, text, day_first, fallback)
    except UnreadableDate as exc:
        if week is not None or ending is not None:
            raise
        core = _range(body, text, day_first, exc)
    if week is not None or ending is not None:
        if core.precision is not Precision.DAY or core.clock is not None or core.end:
            what = "commencing" if week is not None else "ending"
            raise UnreadableDate(f"week {what} {_q(text)} needs a day, without a time")
        start = core.start if week is not None else core.start - _WEEK
        end = start + _WEEK
        return DateValue(start, end, None, Precision.WEEK, approximate, original, core.note)
    if core.precision is Precision.DAY and core.end is not None:  # a range of days
        approximate = approximate or core.approx
        return DateValue(
            core.start, core.end, None, Precision.DAY, approximate, original, core.note
        )
    if core.precision is Precision.DAY:
        clock, zone, label, note = core.clock, core.zone, core.label, core.note
        return _finish(
            core.start, clock, zone, label, note, text, original, extra, midnight, approximate
        )
    note = core.note
    if extra is not None:
        if extra[0] is not None:
            note = _join(note, f"time {extra[0]:%H:%M} not used: {_q(text)} has no day")
        else:
            note = _join(note, extra[3])
    approximate = approximate or core.approx
    return DateValue(core.start, core.end, None, core.precision, approximate, original, note)


def _core(body: str, text: str, day_first: bool, fallback: bool = True) -> _Core:
    """Read the date itself, once approximation and week-commencing words are removed."""
    found = _match_day_loose(body, day_first)
    if found is not None:
        start, clock_text, zone_text, note = found
        clock = zone = None
        label = ""
        if clock_text:
            clock, clock_note = _clock(clock_text)
            note = _join(note, clock_note)
        if zone_text:
            zone, label = _zone(zone_text)
        return _Core(Precision.DAY, start, None, clock, zone, label, note)
    partial = _partial(body, text)
    if partial is not None:
        return partial
    part = ph.PART_PREFIX_RE.match(body)
    if part is not None:
        rest = body[part.end() :]
        whole = _partial(rest, text)
        word = ph.PART_WORDS[" ".join(part.group(1).lower().replace("-", " ").split())]
        if whole is not None and whole.precision in (Precision.MONTH, Precision.YEAR):
            return _narrow(whole, word)
        if whole is not None and whole.precision is Precision.SEASON and word in ph.YEAR_PARTS:
            return _season_part(whole, word)
        if whole is None and _NO_YEAR_RE.fullmatch(rest):
            raise UnreadableDate(f"date {_q(text)} has no year: enter the full date")
    return _diagnose(body, text, day_first, fallback)


def _match_day_loose(body: str, day_first: bool) -> _DayResult | None:
    """_match_day, also after a leading weekday ("Thu 14/03/2024") or time ("10:15 14/03/2024")."""
    found = _match_day(body, day_first)
    if found is not None:
        return found
    m = _WEEKDAY_PREFIX_RE.match(body)
    if m is not None:
        found = _match_day(body[m.end() :], day_first)
        if found is not None:
            _check_weekday(body, m.group(1), found[0])
            return found
    m = _TIME_FIRST_RE.fullmatch(body)
    if m is not None:
        clock_text, zone_text, rest = m.groups()
        found = _match_day_loose(rest, day_first)
        if found is not None and found[1] is None:
            _clock(clock_text)  # raises for "25:00 14/03/2024"
            return found[0], clock_text, zone_text, found[3]
    return None


def _partial(body: str, text: str) -> _Core | None:
    """Seasons, terms, months, ISO weeks, years and decades; None when the text is none."""
    m = ph.SEASON_RE.fullmatch(body)
    if m is not None:
        return _season(m.group(1).lower(), m.group(2), m.group(3), text)
    m = terms.TERM_RE.fullmatch(body) or terms.FESTIVAL_RE.fullmatch(body)
    if m is not None:
        return _term(m, text)
    if terms.BARE_HALF_TERM_RE.fullmatch(body):
        raise UnreadableDate(
            f"{_q(text)}: which half term? write it as e.g. 'October half term 2023'"
        )
    m = ph.DECADE_RE.fullmatch(body)
    if m is not None:
        first = int(m.group(1))
        return _Core(Precision.YEAR, _DATE(first, 1, 1), _DATE(first + 9, 12, 31))
    m = _MONTH_YEAR_RE.fullmatch(body)
    if m is not None:
        return _month(text, int(m.group(2)), ph.MONTHS[m.group(1)[:3].lower()], "")
    # Text that is only numbers is read as a month or a year only with a plausible year.
    m = _NUM_MONTH_YEAR_RE.fullmatch(body)
    if m is not None and int(m.group(2)) in ph.PLAUSIBLE_YEARS:
        return _month(text, int(m.group(2)), int(m.group(1)), "")
    m = _ISO_MONTH_RE.fullmatch(body)
    if m is not None and 1 <= int(m.group(2)) <= 12 and int(m.group(1)) in ph.PLAUSIBLE_YEARS:
        return _month(text, int(m.group(1)), int(m.group(2)), "")
    m = _MONTH_YY_RE.fullmatch(body)
    if m is not None:
        year, _ = _year(m.group(2))
        month = ph.MONTHS[m.group(1)[:3].lower()]
        return _month(text, year, month, f"{_q(body)} read as {ph.MONTH_NAMES[month]} {year}")
    m = _ISO_WEEK_RE.fullmatch(body)
    if m is not None and int(m.group(1)) in ph.PLAUSIBLE_YEARS:
        year, week, weekday = int(m.group(1)), int(m.group(2)), m.group(3)
        try:
            start = _DATE.fromisocalendar(year, week, int(weekday or 1))
        except ValueError:
            raise UnreadableDate(f"impossible date {_q(text)} (no week {week} in {year})") from None
        if weekday:
            return _Core(Precision.DAY, start)
        return _Core(Precision.WEEK, start, start + _WEEK)
    m = _YEAR_RE.fullmatch(body)
    if m is not None and int(m.group(1)) in ph.PLAUSIBLE_YEARS:
        year = int(m.group(1))
        return _Core(Precision.YEAR, _DATE(year, 1, 1), _DATE(year, 12, 31))
    return None


def _month(text: str, year: int, month: int, note: str) -> _Core:
    if not 1 <= month <= 12 or year < 1:
        raise _impossible(text, year, month, 1)
    return _Core(Precision.MONTH, _DATE(year, month, 1), _last_day(year, month), note=note)


def _season(word: str, year_text: str, second_text: str | None, text: str) -> _Core:
    name, first = ph.SEASONS[word]
    year = int(year_text)
    if year < 1 or year > 9998:
        raise UnreadableDate(f"impossible date {_q(text)} (year {year})")
    note = ""
    if first == 12:
        if second_text is None:
            note = f"{_q(text)} read as December {year} to February {year + 1}"
        elif int(second_text) not in (year + 1, (year + 1) % 100):
            raise UnreadableDate(f"text {_q(text)} is not a date (winter spans two years)")
        return _Core(Precision.SEASON, _DATE(year, 12, 1), _last_day(year + 1, 2), note=note)
    if second_text is not None:
        raise UnreadableDate(f"text {_q(text)} is not a date")
    return _Core(Precision.SEASON, _DATE(year, first, 1), _last_day(year, first + 2), note=note)


def _term(m: re.Match[str], text: str) -> _Core:
    """A school term or holiday with its year, as the range school_terms gives."""
    groups = m.groups()
    if len(groups) == 4:
        season, word, year_text, second = groups
    else:
        season, year_text, second = groups
        word = "holidays"
    kind = terms.term_kind(season, word)
    if kind is None:
        raise UnreadableDate(f"text {_q(text)} is not a date")
    year = int(year_text)
    if year not in ph.PLAUSIBLE_YEARS:
        raise UnreadableDate(f"impossible date {_q(text)} (year {year})")
    if second is not None:
        spans = kind == "christmas holidays"
        if not spans or int(second) not in (year + 1, (year + 1) % 100):
            raise UnreadableDate(f"text {_q(text)} is not a date (the years do not agree)")
    start, end = terms.term_range(kind, year)
    note = terms.TERM_NOTE.format(start=_uk(start), end=_uk(end))
    approx = m.re is terms.FESTIVAL_RE  # "Christmas 2023": around the holiday, not within it
    return _Core(Precision.TERM, start, end, note=note, approx=approx)


def _season_part(whole: _Core, part: str) -> _Core:
    """early/mid/late of a season: its first, middle or last month, approximate."""
    index = {"early": 0, "mid": 1, "late": 2}.get(part)
    if index is None:  # first/second half of a season: not a phrase in use
        raise UnreadableDate("a part of a season other than early, mid or late")
    first = whole.start.month + index
    year = whole.start.year + (first - 1) // 12
    month = (first - 1) % 12 + 1
    start = _DATE(year, month, 1)
    return _Core(Precision.MONTH, start, _last_day(year, month), note=whole.note, approx=True)


def _range(body: str, text: str, day_first: bool, failed: UnreadableDate) -> _Core:
    """ "between 3 and 5 June 2024", "June to August 2023", "2019 - 2021": the span written.

    Tried only once the text has failed as one date; a part without a month or year borrows it
    from the other ("3" from "5 June 2024"). Raises ``failed`` when the text is not a range.
    """
    m = ph.RANGE_RE.fullmatch(body)
    if m is None:
        raise failed
    first_text, last_text = (g for g in m.groups() if g is not None)
    try:
        last = _core(last_text.strip(), text, day_first, False)
        first = _range_start(first_text.strip(), last, text, day_first)
    except UnreadableDate:
        raise failed from None
    if first.clock is not None or last.clock is not None:
        raise failed
    last_day = last.end or last.start
    if last_day < first.start:
        raise UnreadableDate(f"range {_q(text)} ends before it starts")
    note = _join(_join(first.note, last.note), f"{_q(text)} kept as the range it gives")
    approx = first.approx or last.approx
    if first.precision is last.precision and first.precision in (Precision.MONTH, Precision.YEAR):
        return _Core(first.precision, first.start, last_day, note=note, approx=approx)
    return _Core(Precision.DAY, first.start, last_day, note=note, approx=approx)


def _range_start(first_text: str, last: _Core, text: str, day_first: bool) -> _Core:
    """The first part of a range, with the month and year the last part gives it if needed."""
    try:
        return _core(first_text, text, day_first, False)
    except UnreadableDate:
        pass
    end = last.start
    m = ph.BARE_DAY_RE.fullmatch(first_text)
    if m is not None and last.precision is Precision.DAY:
        return _Core(Precision.DAY, _make_date(text, end.year, end.month, int(m.group(1))))
    m = ph.BARE_MONTH_RE.fullmatch(first_text)
    if m is not None and last.precision in (Precision.DAY, Precision.MONTH):
        return _month(text, end.year, ph.MONTHS[m.group(1)[:3].lower()], "")
    return _core(f"{first_text} {end.year}", text, day_first, False)


def _narrow(whole: _Core, part: str) -> _Core:
    """early/mid/late of a month or year: a third of it (see date_phrases.YEAR_PARTS)."""
    year, month = whole.start.year, whole.start.month
    if whole.end is not None and whole.start.year != whole.end.year:  # a decade
        span = whole.end.year - whole.start.year + 1
        first_year, last_year = ph.decade_part(whole.start.year, span, part)
        start, end = _DATE(first_year, 1, 1), _DATE(last_year, 12, 31)
        return _Core(Precision.YEAR, start, end, note=whole.note, approx=True)
    if whole.precision is Precision.YEAR:
        first, last = ph.YEAR_PARTS[part]
        start, end = _DATE(year, first, 1), _last_day(year, last)
        return _Core(Precision.YEAR, start, end, note=whole.note, approx=True)
    first, last = ph.MONTH_PARTS[part]
    end = whole.end if last >= 28 else _DATE(year, month, last)
    return _Core(Precision.MONTH, _DATE(year, month, first), end, note=whole.note, approx=True)


def _diagnose(body: str, text: str, day_first: bool, fallback: bool = True) -> _Core:
    """Explain why text is not a date; only text naming a month in words reaches dateparser."""
    m = _TIME_ONLY_RE.fullmatch(body)
    if m is not None:
        try:
            _clock(m.group(1))
        except UnreadableDate:
            pass
        else:
            raise UnreadableDate(f"time without a date ({_q(text)})")
    if _NO_YEAR_RE.fullmatch(body) or terms.TERM_WITHOUT_YEAR_RE.fullmatch(body):
        raise UnreadableDate(f"date {_q(text)} has no year: enter the full date")
    if ph.FESTIVAL_WITHOUT_YEAR_RE.fullmatch(body):
        raise UnreadableDate(f"date {_q(text)} has no year: enter the full date")
    m = ph.RANGE_RE.fullmatch(body)
    if m is not None and all(
        _NO_YEAR_RE.fullmatch(g.strip()) or ph.BARE_DAY_RE.fullmatch(g.strip())
        for g in m.groups()
        if g is not None
    ):
        raise UnreadableDate(f"date {_q(text)} has no year: enter the full date")
    if ph.RELATIVE_RE.search(body):
        raise UnreadableDate(f"relative date {_q(text)} has no anchor: enter the real date")
    if _NUMBER_RE.fullmatch(body):
        hint = ""
        if body.isdigit() and 20000 <= int(body) <= 80000:
            hint = " (an Excel date serial number? import the spreadsheet itself)"
        elif body.isdigit() and len(body) == 4:
            hint = " (a year on its own is read only from 1800 to 2199)"
        raise UnreadableDate(f"number {_q(text)} is not a date{hint}")
    if fallback and len(body) <= 80 and _MONTH_WORD_RE.search(body) and _DIGIT_RE.search(body):
        found = ph.read_with_dateparser(body, day_first)
        if isinstance(found, str):
            raise UnreadableDate(found.replace("{text}", _q(text)))
        moment, period, offset, label = found
        start = moment.date()
        if period == "year":
            return _Core(Precision.YEAR, _DATE(start.year, 1, 1), _DATE(start.year, 12, 31))
        if period == "month":
            return _month(text, start.year, start.month, "")
        if period == "time":
            zone = None if offset is None else datetime.timezone(offset)
            return _Core(Precision.DAY, start, None, moment.time(), zone, label)
        return _Core(Precision.DAY, start)
    raise UnreadableDate(f"text {_q(text)} is not a date")
