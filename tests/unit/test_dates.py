"""Dates are honest: UK day-first, real precision kept, assumptions recorded, nothing guessed."""

from __future__ import annotations

import datetime
import re
import string
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronology import date_phrases
from chronology.dates import (
    UK,
    DateValue,
    UnreadableDate,
    check_day_month_order,
    format_entry_date,
    format_uk,
    from_datetime,
    parse_date,
    resolve_zone,
)
from chronology.models import Precision

D = datetime.date
T = datetime.time
ROOT = Path(__file__).resolve().parents[2]


def refused(text: str, time_text: str | None = None, **kwargs: bool) -> str:
    with pytest.raises(UnreadableDate) as caught:
        parse_date(text, time_text, **kwargs)
    assert caught.value.reason == str(caught.value)
    return caught.value.reason


# --- numeric dates, day-first --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso", "hhmm", "assumed"),
    [
        ("10/01/2025", "2025-01-10", None, "10/01/2025 read day-first as 10 January 2025 (UK)"),
        ("08/10/2024 15:20", "2024-10-08", "15:20", "read day-first as 8 October 2024 (UK)"),
        ("03/04/2024 09:40", "2024-04-03", "09:40", "03/04/2024 read day-first as 3 April 2024"),
        ("05/10/2022", "2022-10-05", None, "read day-first as 5 October 2022"),
        ("25/12/2024", "2024-12-25", None, ""),  # only one reading: nothing assumed
        ("03/03/2024", "2024-03-03", None, ""),  # both readings agree
        ("3/4/2024", "2024-04-03", None, "read day-first"),
        ("03-04-2024", "2024-04-03", None, "read day-first"),
        ("03.04.2024", "2024-04-03", None, "read day-first"),
        ("14/03/2024 10.15", "2024-03-14", "10:15", ""),
        ("14/03/2024 10:15:30", "2024-03-14", "10:15", ""),
        ("14/03/2024, 10:15", "2024-03-14", "10:15", ""),
        ("14/03/2024 at 10:15", "2024-03-14", "10:15", ""),
        ("14/03/2024 10:15am", "2024-03-14", "10:15", ""),
        ("14/03/2024 10:15 PM", "2024-03-14", "22:15", ""),
        ("14/03/2024 2pm", "2024-03-14", "14:00", ""),
        ("14/03/2024 12am", "2024-03-14", "00:00", ""),
        ("14/03/2024 12pm", "2024-03-14", "12:00", ""),
        ("14/03/2024 1430hrs", "2024-03-14", "14:30", ""),
        ("14/03/2024 noon", "2024-03-14", "12:00", ""),
        ("14/03/2024 10:00-11:00", "2024-03-14", "10:00", "start time 10:00 kept"),
        ("03/04/24", "2024-04-03", None, "two-digit year '24' read as 2024"),
        ("14/03/85", "1985-03-14", None, "two-digit year '85' read as 1985"),
        ("14/03/69", "2069-03-14", None, "two-digit year '69' read as 2069"),
        ("14/03/70", "1970-03-14", None, "two-digit year '70' read as 1970"),
    ],
)
def test_numeric_dates_are_day_first(text: str, iso: str, hhmm: str | None, assumed: str) -> None:
    value = parse_date(text)
    assert value.iso_date == iso
    assert value.hhmm == hhmm
    assert value.precision == (Precision.DATETIME if hhmm else Precision.DAY)
    assert value.end is None
    assert value.original == text
    if assumed:
        assert assumed in value.assumption
    else:
        assert value.assumption == ""


def test_assumption_is_recorded_only_when_ambiguous() -> None:
    assert parse_date("13/04/2024").assumption == ""
    assert parse_date("12/04/2024").assumption != ""


def test_month_first_on_request() -> None:
    value = parse_date("03/04/2024", day_first=False)
    assert value.start == D(2024, 3, 4)
    assert value.assumption == "03/04/2024 read month-first as 4 March 2024"
    assert parse_date("12/25/2024", day_first=False).start == D(2024, 12, 25)


def test_month_first_only_value_is_refused_with_a_hint() -> None:
    reason = refused("12/25/2024")
    assert reason.startswith("impossible date '12/25/2024' (there is no month 25)")
    assert "month-first it would be 25 December 2024" in reason


# --- ISO 8601, iCalendar and time zones ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "uk", "assumed"),
    [
        ("2024-03-14", "14/03/2024", ""),
        ("2024-03-14 21:10", "14/03/2024 21:10", ""),
        ("2024-03-14T21:10:00", "14/03/2024 21:10", ""),
        ("2024-03-14 09:10 PM", "14/03/2024 21:10", ""),
        ("2024-03-14T21:10:00Z", "14/03/2024 21:10", "converted from UTC to UK time (GMT)"),
        ("2024-06-18T15:45:00Z", "18/06/2024 16:45", "converted from UTC to UK time (BST)"),
        ("2024-06-18T15:45:00.250Z", "18/06/2024 16:45", "converted from UTC"),
        ("2022-08-20T23:20:00Z", "21/08/2022 00:20", "converted from UTC to UK time (BST)"),
        ("2024-06-18T15:45:00+01:00", "18/06/2024 15:45", "converted from UTC+01:00"),
        ("2024-06-18T09:45:00-05:00", "18/06/2024 15:45", "converted from UTC-05:00"),
        ("2024-06-18T15:45:00+0200", "18/06/2024 14:45", "converted from UTC+02:00"),
        ("2024-03-31T00:30:00Z", "31/03/2024 00:30", "(GMT)"),  # clocks go forward at 01:00 UTC
        ("2024-03-31T01:30:00Z", "31/03/2024 02:30", "(BST)"),
        ("2024-10-27T00:30:00Z", "27/10/2024 01:30", "(BST)"),  # 01:30 happens twice
        ("2024-10-27T01:30:00Z", "27/10/2024 01:30", "(GMT)"),
        ("2024/03/14", "14/03/2024", ""),
        ("20240516", "16/05/2024", ""),
        ("20240516T140000", "16/05/2024 14:00", ""),
        ("20240516T130000Z", "16/05/2024 14:00", "converted from UTC to UK time (BST)"),
        ("14/06/2024 10:15 UTC", "14/06/2024 11:15", "converted from UTC"),
        ("14/06/2024 10:15 BST", "14/06/2024 10:15", ""),
        ("14/01/2024 10:15 GMT", "14/01/2024 10:15", ""),
    ],
)
def test_iso_and_zones(text: str, uk: str, assumed: str) -> None:
    value = parse_date(text)
    assert format_uk(value) == uk
    if assumed:
        assert assumed in value.assumption
    else:
        assert value.assumption == ""


def test_clock_change_times_are_kept_and_noted() -> None:
    gap = parse_date("31/03/2024 01:30")
    assert gap.hhmm == "01:30"
    assert "does not exist in UK time" in gap.assumption
    twice = parse_date("27/10/2024 01:30")
    assert twice.hhmm == "01:30"
    assert "happened twice" in twice.assumption
    assert parse_date("27/10/2024 03:30").assumption == ""


def test_space_separated_time_range_or_offset_is_refused() -> None:
    assert "ambiguous" in refused("2024-03-14 10:00-11:00")


# --- dates written in words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "uk"),
    [
        ("14 Mar 2024", "14/03/2024"),
        ("14 March 2024", "14/03/2024"),
        ("14 MARCH 2024", "14/03/2024"),
        ("14 Sept 2024", "14/09/2024"),
        ("14-Mar-2024", "14/03/2024"),
        ("14 Mar 24", "14/03/2024"),
        ("14 Mar 2024 10:15", "14/03/2024 10:15"),
        ("14 March 2024 at 2pm", "14/03/2024 14:00"),
        ("Thursday 14 March 2024", "14/03/2024"),
        ("Thursday, 14th March 2024", "14/03/2024"),
        ("Thu 14/03/2024", "14/03/2024"),
        ("14th March 2024", "14/03/2024"),
        ("1st of June 2023", "01/06/2023"),
        ("March 14, 2024", "14/03/2024"),
        ("March 14th 2024 10:15", "14/03/2024 10:15"),
        ("10:15 14/03/2024", "14/03/2024 10:15"),
        ("2024-W23-1", "03/06/2024"),
    ],
)
def test_words(text: str, uk: str) -> None:
    assert format_uk(parse_date(text)) == uk


def test_contradictory_weekday_is_refused() -> None:
    reason = refused("Monday 14 March 2024")
    assert "14/03/2024 was a Thursday, not a Monday" in reason


# --- a separate time cell ------------------------------------------------------------------------


def test_time_cell_combines_with_the_date() -> None:
    value = parse_date("03/04/2024", "09:15")
    assert (value.start, value.time, value.precision) == (D(2024, 4, 3), T(9, 15), "datetime")
    assert value.original == "03/04/2024 09:15"
    assert parse_date("14 March 2024", "2.30pm").hhmm == "14:30"
    assert parse_date("14/03/2024", "0915").hhmm == "09:15"
    assert parse_date("14/06/2024", "09:15Z").hhmm == "10:15"


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_time_cell_gives_a_day(blank: str | None) -> None:
    value = parse_date("03/04/2024", blank)
    assert value.precision == Precision.DAY
    assert value.time is None
    assert value.original == "03/04/2024"


def test_time_cell_may_be_a_time_object() -> None:
    assert parse_date("03/04/2024", T(9, 15)).hhmm == "09:15"  # type: ignore[arg-type]


def test_time_cell_edge_cases() -> None:
    unknown = parse_date("14/03/2024", "unknown")
    assert unknown.precision == Precision.DAY
    assert "time 'unknown' not given" in unknown.assumption
    replaced = parse_date("2024-03-14 00:00:00", "09:15")
    assert replaced.hhmm == "09:15"
    assert "replaced by the time given" in replaced.assumption
    month = parse_date("June 2023", "09:15")
    assert month.precision == Precision.MONTH
    assert "time 09:15 not used" in month.assumption
    assert "09:15" in refused("14/03/2024 10:00", "09:15")
    assert refused("14/03/2024", "25:00").startswith("impossible time '25:00'")
    assert refused("14/03/2024", "soon") == "'soon' is not a time"


def test_midnight_from_a_date_column_can_be_a_day() -> None:
    assert parse_date("2024-03-14 00:00:00").precision == Precision.DATETIME
    value = parse_date("2024-03-14 00:00:00", date_only_if_midnight=True)
    assert value.precision == Precision.DAY
    assert value.time is None


# --- fuzzy dates keep their precision ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "start", "end", "approximate", "shown"),
    [
        ("w/c 3 June 2024", "week", D(2024, 6, 3), D(2024, 6, 9), False, "w/c 03/06/2024"),
        ("w/c 03/06/2024", "week", D(2024, 6, 3), D(2024, 6, 9), False, "w/c 03/06/2024"),
        ("W/C 3 July 2023", "week", D(2023, 7, 3), D(2023, 7, 9), False, "w/c 03/07/2023"),
        ("week commencing 3 June 2024", "week", D(2024, 6, 3), D(2024, 6, 9), False, None),
        ("week beginning 30/12/2024", "week", D(2024, 12, 30), D(2025, 1, 5), False, None),
        ("2024-W23", "week", D(2024, 6, 3), D(2024, 6, 9), False, "w/c 03/06/2024"),
        ("June 2023", "month", D(2023, 6, 1), D(2023, 6, 30), False, "June 2023"),
        ("Jun 2023", "month", D(2023, 6, 1), D(2023, 6, 30), False, "June 2023"),
        ("06/2023", "month", D(2023, 6, 1), D(2023, 6, 30), False, "June 2023"),
        ("2023-06", "month", D(2023, 6, 1), D(2023, 6, 30), False, "June 2023"),
        ("Feb 2024", "month", D(2024, 2, 1), D(2024, 2, 29), False, "February 2024"),
        ("June 2023 (approx)", "month", D(2023, 6, 1), D(2023, 6, 30), True, "June 2023 (approx.)"),
        ("c. June 2023", "month", D(2023, 6, 1), D(2023, 6, 30), True, "June 2023 (approx.)"),
        ("approx. June 2023", "month", D(2023, 6, 1), D(2023, 6, 30), True, None),
        ("approximately June 2023", "month", D(2023, 6, 1), D(2023, 6, 30), True, None),
        ("circa June 2023", "month", D(2023, 6, 1), D(2023, 6, 30), True, None),
        ("Spring 2023", "season", D(2023, 3, 1), D(2023, 5, 31), False, "Spring 2023"),
        ("Summer 2023", "season", D(2023, 6, 1), D(2023, 8, 31), False, "Summer 2023"),
        ("Autumn 2023", "season", D(2023, 9, 1), D(2023, 11, 30), False, "Autumn 2023"),
        ("fall 2023", "season", D(2023, 9, 1), D(2023, 11, 30), False, "Autumn 2023"),
        ("Winter 2023", "season", D(2023, 12, 1), D(2024, 2, 29), False, "Winter 2023/24"),
        ("Winter 2022/23", "season", D(2022, 12, 1), D(2023, 2, 28), False, "Winter 2022/23"),
        ("2023", "year", D(2023, 1, 1), D(2023, 12, 31), False, "2023"),
        ("~2023", "year", D(2023, 1, 1), D(2023, 12, 31), True, "2023 (approx.)"),
        ("2023?", "year", D(2023, 1, 1), D(2023, 12, 31), True, "2023 (approx.)"),
        ("early 2023", "year", D(2023, 1, 1), D(2023, 4, 30), True, "early 2023"),
        ("mid-2023", "year", D(2023, 5, 1), D(2023, 8, 31), True, "mid-2023"),
        ("late 2023", "year", D(2023, 9, 1), D(2023, 12, 31), True, "late 2023"),
        ("early June 2023", "month", D(2023, 6, 1), D(2023, 6, 10), True, "early June 2023"),
        ("end of June 2023", "month", D(2023, 6, 21), D(2023, 6, 30), True, "late June 2023"),
        ("about 14 March 2024", "day", D(2024, 3, 14), None, True, "c. 14/03/2024"),
        ("c. 03/04/2024", "day", D(2024, 4, 3), None, True, "c. 03/04/2024"),
    ],
)
def test_fuzzy_dates(
    text: str,
    precision: str,
    start: datetime.date,
    end: datetime.date | None,
    approximate: bool,
    shown: str | None,
) -> None:
    value = parse_date(text)
    assert (value.precision, value.start, value.end) == (precision, start, end)
    assert value.approximate is approximate
    assert value.time is None
    assert value.original == text
    if shown is not None:
        assert format_uk(value) == shown


def test_winter_of_one_year_records_the_assumption() -> None:
    assert "December 2023 to February 2024" in parse_date("Winter 2023").assumption
    assert parse_date("Winter 2023/24").assumption == ""


def test_week_commencing_needs_a_day() -> None:
    assert "needs a day" in refused("w/c June 2023")


# --- never a guessed date ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "yesterday",
        "today",
        "tomorrow",
        "Today",
        "2 days ago",
        "last week",
        "next Monday",
        "Monday",
        "this morning",
        "last night",
        "3 weeks ago",
        "in 2 days",
    ],
)
def test_relative_phrases_are_refused(text: str) -> None:
    assert refused(text) == f"relative date '{text}' has no anchor: enter the real date"


@pytest.mark.parametrize("text", ["14:30", "2pm", "10:15am", "at 14:30", "09.40"])
def test_bare_time_is_refused(text: str) -> None:
    assert refused(text) == f"time without a date ('{text}')"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/2024", "impossible date '31/02/2024' (February has no 31st)"),
        ("2024-13-01", "impossible date '2024-13-01' (there is no month 13)"),
        ("30 Feb 2024", "impossible date '30 Feb 2024' (February has no 30th)"),
        ("29/02/2023", "impossible date '29/02/2023' (2023 is not a leap year)"),
        ("31/04/2024", "impossible date '31/04/2024' (April has no 31st)"),
        ("00/01/2024", "impossible date '00/01/2024' (there is no day 0)"),
        ("32/01/2024", "impossible date '32/01/2024' (no month has 32 days)"),
        ("13/2023", "impossible date '13/2023' (there is no month 13)"),
        ("14/03/2024 25:00", "impossible time '25:00' (a clock runs 00:00 to 23:59)"),
        ("14/03/2024 13pm", "impossible time '13pm' (a 12-hour clock runs 1 to 12)"),
    ],
)
def test_impossible_dates_are_refused(text: str, reason: str) -> None:
    assert refused(text) == reason


def test_leap_day_is_fine() -> None:
    assert parse_date("29/02/2024").start == D(2024, 2, 29)


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "\x00", '""'])
def test_empty_is_refused(text: str) -> None:
    assert refused(text) == "empty date"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Date not known", "no date ('Date not known')"),
        ("unknown", "no date ('unknown')"),
        ("N/A", "no date ('N/A')"),
        ("?", "no date ('?')"),
        ("TBC", "text 'TBC' is not a date"),
        ("TBA", "text 'TBA' is not a date"),
        ("hello", "text 'hello' is not a date"),
        ("Christmas party 2023", "text 'Christmas party 2023' is not a date"),
        ("14 March", "date '14 March' has no year: enter the full date"),
        ("03/04", "date '03/04' has no year: enter the full date"),
        ("March", "date 'March' has no year: enter the full date"),
        ("june-12", "date 'june-12' has no year: enter the full date"),
    ],
)
def test_placeholders_and_nonsense_are_refused_quoting_the_text(text: str, reason: str) -> None:
    assert refused(text) == reason


@pytest.mark.parametrize("text", ["1430", "0314", "2200", "1.2024", "24121203", "03/1430"])
def test_numbers_alone_need_a_plausible_year(text: str) -> None:
    """A lone number is read as a year, month or yyyymmdd only from 1800 to 2199."""
    refused(text)


def test_other_refusals() -> None:
    assert "Excel date serial" in refused("45371")
    # A range is kept as the range it is, never as one of its days.
    assert parse_date("3-5 June 2024").end == datetime.date(2024, 6, 5)
    assert parse_date("14 March 2024 to 16 March 2024").end == datetime.date(2024, 3, 16)
    assert "ends before it starts" in refused("16 March 2024 to 14 March 2024")
    long_reason = refused("x" * 10_000)
    assert len(long_reason) < 100
    assert refused(None) == "empty date"  # type: ignore[arg-type]


def test_no_current_date_or_time_is_read() -> None:
    clock_reads = re.compile(r"\.now\(|\.today\(|\btime\.time\(|utcnow|localtime\(")
    for name in ("dates.py", "date_phrases.py"):
        source = (ROOT / "chronology" / name).read_text(encoding="utf-8")
        assert clock_reads.search(source) is None, name


# --- tolerated noise -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "  03/04/2024  ",
        '"03/04/2024"',
        "'03/04/2024",
        "\u201c03/04/2024\u201d",
        "\x0003/04/2024\t",
        "\u00a003/04/2024\r\n",
        "\ufeff03/04/2024",
        "03/04/\x002024",
        "03/04/2024\x00\x00\x00",
    ],
)
def test_noise_around_a_date_is_stripped(text: str) -> None:
    value = parse_date(text)
    assert value.start == D(2024, 4, 3)
    assert value.original == text  # the source's own text, exactly as given


def test_smart_punctuation_from_word_is_plain() -> None:
    assert parse_date("14\u201303\u20132024").start == D(2024, 3, 14)
    assert parse_date("14 Mar \u201924").start == D(2024, 3, 14)
    assert parse_date("14/03/2024 10:00\u201311:00").hhmm == "10:00"
    assert refused("\u2014") == "no date ('-')"


def test_noise_between_date_and_time() -> None:
    assert parse_date("03/04/2024\x00 09:40").hhmm == "09:40"
    assert parse_date("03/04/2024\n09:40").hhmm == "09:40"


# --- the dateparser fallback ---------------------------------------------------------------------


def test_fast_path_never_calls_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(text: str, day_first: bool = True) -> str:
        raise AssertionError(f"dateparser called for {text!r}")

    monkeypatch.setattr(date_phrases, "read_with_dateparser", boom)
    for text in [
        "03/04/2024",
        "03/04/2024 09:40",
        "2024-03-14T21:10:00Z",
        "2024-03-14 21:10",
        "14 Mar 2024",
        "14 March 2024",
        "14 Mar 2024 10:15",
        "Thursday 14 March 2024",
        "14th March 2024",
        "14th of March, 2024 at 10.15",
        "March 14, 2024",
        "20240516T140000",
        "20240516",
        "June 2023",
        "2023",
        "Spring 2023",
        "w/c 3 June 2024",
    ]:
        parse_date(text)
    for text in ["yesterday", "14:30", "31/02/2024", "TBC", "hello", "14 March"]:
        with pytest.raises(UnreadableDate):
            parse_date(text)


def test_fallback_reads_odd_text() -> None:
    value = parse_date("2024 March 14")
    assert (value.start, value.hhmm, value.precision) == (D(2024, 3, 14), None, "day")
    central = parse_date("14 March 2024 10:15:30 CET")
    assert (central.start, central.hhmm) == (D(2024, 3, 14), "09:15")
    eastern = parse_date("14 March 2024 10:15 EST")
    assert eastern.hhmm == "15:15"
    assert "converted from EST to UK time (GMT)" in eastern.assumption
    assert parse_date("2023 June").precision == Precision.MONTH


def test_fallback_is_cached_per_string() -> None:
    date_phrases.read_with_dateparser.cache_clear()
    for _ in range(5):
        parse_date("14 March 2024 10:15 EST")
    info = date_phrases.read_with_dateparser.cache_info()
    assert (info.misses, info.hits) == (1, 4)


def test_fallback_refuses_what_two_todays_disagree_on() -> None:
    assert date_phrases.read_with_dateparser("March 14") == date_phrases.NO_YEAR
    assert date_phrases.read_with_dateparser("March 14 at 10:00") == date_phrases.NO_YEAR
    assert date_phrases.read_with_dateparser("Monday 10:00 March") == date_phrases.RELATIVE
    assert date_phrases.read_with_dateparser("Christmas 2023") == date_phrases.NOT_A_DATE
    assert date_phrases.read_with_dateparser("3-5 June 2024") == date_phrases.NOT_A_DATE


def test_importing_and_fast_parsing_do_not_import_dateparser() -> None:
    code = (
        "import sys; from chronology.dates import parse_date; parse_date('03/04/2024 09:40');"
        "parse_date('June 2023'); assert 'dateparser' not in sys.modules;"
        "assert not any(m.startswith('PySide6') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


# --- from_datetime -------------------------------------------------------------------------------


def test_from_datetime() -> None:
    utc = from_datetime(datetime.datetime(2024, 6, 18, 15, 45, tzinfo=datetime.UTC), "x")
    assert (utc.start, utc.hhmm, utc.original) == (D(2024, 6, 18), "16:45", "x")
    assert utc.assumption == "converted from UTC to UK time (BST)"
    london = from_datetime(datetime.datetime(2024, 6, 18, 15, 45, tzinfo=UK))
    assert (london.hhmm, london.assumption) == ("15:45", "")
    naive = from_datetime(datetime.datetime(2024, 6, 18, 15, 45))
    assert (naive.hhmm, naive.precision, naive.assumption) == ("15:45", "datetime", "")
    new_york = from_datetime(datetime.datetime(2024, 1, 18, 22, 0, tzinfo=ZoneInfo("US/Eastern")))
    assert (new_york.start, new_york.hhmm) == (D(2024, 1, 19), "03:00")
    assert "converted from US/Eastern to UK time (GMT)" in new_york.assumption
    day = from_datetime(D(2024, 6, 18))
    assert (day.precision, day.time, day.end) == ("day", None, None)


def test_from_datetime_midnight_from_an_excel_date_cell() -> None:
    midnight = datetime.datetime(2024, 6, 18)
    assert from_datetime(midnight).precision == Precision.DATETIME
    assert from_datetime(midnight, date_only_if_midnight=True).precision == Precision.DAY
    late = datetime.datetime(2024, 6, 18, 0, 1)
    assert from_datetime(late, date_only_if_midnight=True).hhmm == "00:01"


def test_from_datetime_with_a_source_zone() -> None:
    naive = datetime.datetime(2024, 6, 18, 15, 45)
    uk = from_datetime(naive, source_zone="GMT Standard Time")
    assert uk.hhmm == "15:45"
    assert uk.assumption == "time zone 'GMT Standard Time' read as Europe/London"
    berlin = from_datetime(naive, source_zone="W. Europe Standard Time")
    assert berlin.hhmm == "14:45"
    assert "read as Europe/Berlin" in berlin.assumption
    assert "converted from Europe/Berlin to UK time (BST)" in berlin.assumption
    assert "unknown time zone 'Mars/Olympus'" in str(
        pytest.raises(UnreadableDate, from_datetime, naive, source_zone="Mars/Olympus").value
    )


# --- zones ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("GMT Standard Time", "Europe/London"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Romance Standard Time", "Europe/Paris"),
        ("Eastern Standard Time", "America/New_York"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("Central European Standard Time", "Europe/Warsaw"),
        ("gmt standard time", "Europe/London"),
        ("UTC", "UTC"),
        ("Europe/London", "Europe/London"),
        ("europe/london", "Europe/London"),
        ("/mozilla.org/20050126_1/Europe/London", "Europe/London"),
        ("tzone://Microsoft/Utc", "Etc/UTC"),
        ("(UTC+00:00) Dublin, Edinburgh, Lisbon, London", "Europe/London"),
    ],
)
def test_resolve_zone(name: str, key: str) -> None:
    zone = resolve_zone(name)
    assert zone is not None
    assert zone.key == key


@pytest.mark.parametrize("name", ["", "Nowhere Standard Time", "Mars/Olympus", "../etc/passwd"])
def test_resolve_zone_unknown(name: str) -> None:
    assert resolve_zone(name) is None


def test_every_windows_zone_resolves() -> None:
    for name, key in date_phrases.WINDOWS_ZONES.items():
        zone = resolve_zone(name)
        assert zone is not None, name
        assert zone.key == key or name == "utc"


# --- showing dates -------------------------------------------------------------------------------


def test_format_uk() -> None:
    assert format_uk(parse_date("03/04/2024 09:40")) == "03/04/2024 09:40"
    assert format_uk(parse_date("03/04/2024 09:40"), with_time=False) == "03/04/2024"
    assert format_uk(parse_date("03/04/2024")) == "03/04/2024"
    assert format_uk(parse_date("w/c 3 June 2024")) == "w/c 03/06/2024"
    assert format_uk(parse_date("June 2023")) == "June 2023"
    assert format_uk(parse_date("June 2023 (approx)")) == "June 2023 (approx.)"
    assert format_uk(parse_date("Spring 2023")) == "Spring 2023"
    assert format_uk(parse_date("2023")) == "2023"
    assert format_uk(parse_date("about 03/04/2024")) == "c. 03/04/2024"
    assert format_uk(parse_date("about 03/04/2024 09:40")) == "c. 03/04/2024 09:40"


def test_format_entry_date_from_stored_fields() -> None:
    assert format_entry_date("2024-04-03", "09:40", "datetime") == "03/04/2024 09:40"
    assert format_entry_date("2024-04-03", "09:40:00", "datetime") == "03/04/2024 09:40"
    assert format_entry_date("2024-04-03", "09:40", "datetime", with_time=False) == "03/04/2024"
    assert format_entry_date("2024-04-03", None, "day") == "03/04/2024"
    assert format_entry_date("2024-04-03", None, "day", True) == "c. 03/04/2024"
    assert format_entry_date("2024-06-03", None, "day", False, "2024-06-05") == (
        "03/06/2024 \u2013 05/06/2024"
    )
    assert format_entry_date("2024-06-03", None, "week", False, "2024-06-09") == "w/c 03/06/2024"
    assert format_entry_date("2023-06-01", None, "month") == "June 2023"
    assert format_entry_date("2023-06-01", None, Precision.MONTH, True) == "June 2023 (approx.)"
    assert format_entry_date("2023-03-01", None, "season", False, "2023-05-31") == "Spring 2023"
    assert format_entry_date("2023-12-01", None, "season") == "Winter 2023/24"
    assert format_entry_date("2023-01-01", None, "year") == "2023"
    assert format_entry_date("2023-01-01", None, "year", True, "2023-04-30") == "early 2023"
    assert format_entry_date("", None, "day") == ""
    assert format_entry_date("not a date", None, "day") == "not a date"


@pytest.mark.parametrize(
    "text",
    ["03/04/2024 09:40", "w/c 3 June 2024", "c. June 2023", "Winter 2023", "late 2023", "2023"],
)
def test_format_entry_date_matches_format_uk(text: str) -> None:
    value = parse_date(text)
    end = value.end.isoformat() if value.end else None
    stored = format_entry_date(
        value.iso_date, value.hhmm, value.precision.value, value.approximate, end
    )
    assert stored == format_uk(value)


# --- columns -------------------------------------------------------------------------------------


def test_check_day_month_order() -> None:
    assert check_day_month_order(["01/02/2024", "13/02/2024", "25/12/2024 10:00"]) is None
    assert check_day_month_order(["June 2023", "", "2024-12-25", "31/02/2024"]) is None
    us = check_day_month_order(["01/02/2024", "12/25/2024"])
    assert us is not None
    assert "'12/25/2024' is only valid month-first" in us
    mixed = check_day_month_order(["12/25/2024", "25/12/2024", "01/02/2024"])
    assert mixed is not None
    assert mixed.startswith("column mixes date orders")
    assert "'25/12/2024' is only valid day-first" in mixed


# --- properties ----------------------------------------------------------------------------------


@settings(max_examples=300)
@given(
    st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)),
    st.times().map(lambda t: t.replace(second=0, microsecond=0)),
)
def test_property_day_first_round_trip(day: datetime.date, clock: datetime.time) -> None:
    value = parse_date(day.strftime("%d/%m/%Y"), clock.strftime("%H:%M"))
    assert (value.start, value.time, value.precision) == (day, clock, Precision.DATETIME)
    assert value.hhmm == clock.strftime("%H:%M")


@settings(max_examples=300)
@given(
    st.datetimes(
        min_value=datetime.datetime(1000, 1, 2), max_value=datetime.datetime(9999, 12, 30)
    ).map(lambda moment: moment.replace(tzinfo=datetime.UTC)),
    st.sampled_from(["iso", "Z", "basic"]),
)
def test_property_utc_converts_to_uk(moment: datetime.datetime, style: str) -> None:
    if style == "iso":
        text = moment.isoformat()
    elif style == "Z":
        text = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        moment = moment.replace(microsecond=0)
    else:
        text = moment.strftime("%Y%m%dT%H%M%SZ")
        moment = moment.replace(microsecond=0)
    local = moment.astimezone(ZoneInfo("Europe/London"))
    value = parse_date(text)
    assert (value.start, value.time) == (local.date(), local.time())
    assert value.time is not None and value.time.fold == local.fold


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text(max_size=12)))
def test_property_only_unreadable_date_escapes(text: str, time_text: str | None) -> None:
    try:
        value = parse_date(text, time_text)
    except UnreadableDate as refusal:
        assert refusal.reason
    else:
        assert isinstance(value, DateValue)


_NO_DIGITS = st.text(alphabet=st.characters(blacklist_characters=string.digits))


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        _NO_DIGITS,
        st.lists(
            st.sampled_from(
                ["June", "Spring", "w/c", "c.", "about", "Monday", "yesterday", "the", "of", "-"]
            )
            | _NO_DIGITS,
            max_size=5,
        ).map(" ".join),
    )
)
def test_property_no_digits_no_date(text: str) -> None:
    """Every real date names a year in figures, so text without a digit is never a date."""
    with pytest.raises(UnreadableDate):
        parse_date(text)
