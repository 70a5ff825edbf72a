"""Date phrases as practitioners write them in case notes, chronologies and spreadsheets, each
with the precision it really has (issue 10, item 2). Written from practice for these tests.

Each row: the text, then what it must read as (precision, first day, last day or None,
approximate), or the words the quarantine reason must contain when it cannot be read honestly.
"""

from __future__ import annotations

import datetime

import pytest

from chronology.dates import UnreadableDate, format_uk, parse_date

D = datetime.date
NO_YEAR = "has no year"
RELATIVE = "relative date"

READ: list[tuple[str, str, datetime.date, datetime.date | None, bool]] = [
    # week commencing / beginning, in the ways it is abbreviated
    ("w/c 3 June 2024", "week", D(2024, 6, 3), D(2024, 6, 9), False),
    ("W/C 03/06/2024", "week", D(2024, 6, 3), D(2024, 6, 9), False),
    ("w/c 03.06.24", "week", D(2024, 6, 3), D(2024, 6, 9), False),
    ("w/c 3rd June 2024", "week", D(2024, 6, 3), D(2024, 6, 9), False),
    ("w/c: 03/06/2024", "week", D(2024, 6, 3), D(2024, 6, 9), False),
    ("wc 03/06/2024", "week", D(2024, 6, 3), D(2024, 6, 9), False),
    ("WC 3 June 2024", "week", D(2024, 6, 3), D(2024, 6, 9), False),
    ("w.c. 3 June 2024", "week", D(2024, 6, 3), D(2024, 6, 9), False),
    ("w/b 10/06/2024", "week", D(2024, 6, 10), D(2024, 6, 16), False),
    ("W/B 10 June 2024", "week", D(2024, 6, 10), D(2024, 6, 16), False),
    ("wb 10/06/2024", "week", D(2024, 6, 10), D(2024, 6, 16), False),
    ("wk beg 10/06/2024", "week", D(2024, 6, 10), D(2024, 6, 16), False),
    ("wk beg. 10 June 2024", "week", D(2024, 6, 10), D(2024, 6, 16), False),
    ("Wk Beginning 10/06/2024", "week", D(2024, 6, 10), D(2024, 6, 16), False),
    ("wk commencing 17/06/2024", "week", D(2024, 6, 17), D(2024, 6, 23), False),
    ("wk comm 17/06/2024", "week", D(2024, 6, 17), D(2024, 6, 23), False),
    ("wk/c 17/06/2024", "week", D(2024, 6, 17), D(2024, 6, 23), False),
    ("week commencing 1st July 2024", "week", D(2024, 7, 1), D(2024, 7, 7), False),
    ("Week Commencing Monday 1 July 2024", "week", D(2024, 7, 1), D(2024, 7, 7), False),
    ("week beginning 8 July 2024", "week", D(2024, 7, 8), D(2024, 7, 14), False),
    ("week starting 15/07/2024", "week", D(2024, 7, 15), D(2024, 7, 21), False),
    ("the week of 22 July 2024", "week", D(2024, 7, 22), D(2024, 7, 28), False),
    ("w/c 30/12/2024", "week", D(2024, 12, 30), D(2025, 1, 5), False),
    ("approx w/c 3 June 2024", "week", D(2024, 6, 3), D(2024, 6, 9), True),
    ("w/e 14/06/2024", "week", D(2024, 6, 8), D(2024, 6, 14), False),
    ("week ending 14 June 2024", "week", D(2024, 6, 8), D(2024, 6, 14), False),
    ("wk ending 21/06/2024", "week", D(2024, 6, 15), D(2024, 6, 21), False),
    # month names, abbreviated with and without a full stop
    ("3 Sept 2023", "day", D(2023, 9, 3), None, False),
    ("3 Sept. 2023", "day", D(2023, 9, 3), None, False),
    ("3 Sep 2023", "day", D(2023, 9, 3), None, False),
    ("Sept 2023", "month", D(2023, 9, 1), D(2023, 9, 30), False),
    ("Sept. 2023", "month", D(2023, 9, 1), D(2023, 9, 30), False),
    ("Sep 2023", "month", D(2023, 9, 1), D(2023, 9, 30), False),
    ("September 2023", "month", D(2023, 9, 1), D(2023, 9, 30), False),
    ("Jan. 2024", "month", D(2024, 1, 1), D(2024, 1, 31), False),
    ("Feb. 2024", "month", D(2024, 2, 1), D(2024, 2, 29), False),
    ("14 Feb. 2024", "day", D(2024, 2, 14), None, False),
    ("Aug 2022", "month", D(2022, 8, 1), D(2022, 8, 31), False),
    ("Oct. 2021", "month", D(2021, 10, 1), D(2021, 10, 31), False),
    ("Nov 2021", "month", D(2021, 11, 1), D(2021, 11, 30), False),
    ("Dec. 2021", "month", D(2021, 12, 1), D(2021, 12, 31), False),
    ("Mar-23", "month", D(2023, 3, 1), D(2023, 3, 31), False),
    ("March, 2023", "month", D(2023, 3, 1), D(2023, 3, 31), False),
    ("June of 2023", "month", D(2023, 6, 1), D(2023, 6, 30), False),
    ("07/2023", "month", D(2023, 7, 1), D(2023, 7, 31), False),
    ("Tues 5 Sept 2023", "day", D(2023, 9, 5), None, False),
    ("Thurs. 7 Sept 2023", "day", D(2023, 9, 7), None, False),
    # ordinals
    ("3rd of June 2024", "day", D(2024, 6, 3), None, False),
    ("the 3rd of June 2024", "day", D(2024, 6, 3), None, False),
    ("3rd June 2024", "day", D(2024, 6, 3), None, False),
    ("1st March 2024", "day", D(2024, 3, 1), None, False),
    ("2nd March 2024", "day", D(2024, 3, 2), None, False),
    ("21st March 2024", "day", D(2024, 3, 21), None, False),
    ("22nd March 2024", "day", D(2024, 3, 22), None, False),
    ("23rd March 2024", "day", D(2024, 3, 23), None, False),
    ("11th March 2024", "day", D(2024, 3, 11), None, False),
    ("June 3rd, 2024", "day", D(2024, 6, 3), None, False),
    ("June 3rd 2024", "day", D(2024, 6, 3), None, False),
    ("Monday 3rd June 2024", "day", D(2024, 6, 3), None, False),
    ("Monday, 3rd of June, 2024", "day", D(2024, 6, 3), None, False),
    ("3rd June '24", "day", D(2024, 6, 3), None, False),
    # early, mid, late; beginning and end; halves
    ("early June 2023", "month", D(2023, 6, 1), D(2023, 6, 10), True),
    ("Early Sept 2023", "month", D(2023, 9, 1), D(2023, 9, 10), True),
    ("mid June 2023", "month", D(2023, 6, 11), D(2023, 6, 20), True),
    ("mid-June 2023", "month", D(2023, 6, 11), D(2023, 6, 20), True),
    ("middle of June 2023", "month", D(2023, 6, 11), D(2023, 6, 20), True),
    ("late June 2023", "month", D(2023, 6, 21), D(2023, 6, 30), True),
    ("beginning of March 2024", "month", D(2024, 3, 1), D(2024, 3, 10), True),
    ("start of March 2024", "month", D(2024, 3, 1), D(2024, 3, 10), True),
    ("the beginning of March 2024", "month", D(2024, 3, 1), D(2024, 3, 10), True),
    ("end of March 2024", "month", D(2024, 3, 21), D(2024, 3, 31), True),
    ("the end of March 2024", "month", D(2024, 3, 21), D(2024, 3, 31), True),
    ("towards the end of March 2024", "month", D(2024, 3, 21), D(2024, 3, 31), True),
    ("end of Feb 2024", "month", D(2024, 2, 21), D(2024, 2, 29), True),
    ("first half of June 2023", "month", D(2023, 6, 1), D(2023, 6, 15), True),
    ("second half of June 2023", "month", D(2023, 6, 16), D(2023, 6, 30), True),
    ("early 2022", "year", D(2022, 1, 1), D(2022, 4, 30), True),
    ("mid 2022", "year", D(2022, 5, 1), D(2022, 8, 31), True),
    ("mid-2022", "year", D(2022, 5, 1), D(2022, 8, 31), True),
    ("late 2022", "year", D(2022, 9, 1), D(2022, 12, 31), True),
    ("end of 2022", "year", D(2022, 9, 1), D(2022, 12, 31), True),
    ("beginning of 2022", "year", D(2022, 1, 1), D(2022, 4, 30), True),
    ("first half of 2022", "year", D(2022, 1, 1), D(2022, 6, 30), True),
    ("second half of 2022", "year", D(2022, 7, 1), D(2022, 12, 31), True),
    ("latter part of 2022", "year", D(2022, 9, 1), D(2022, 12, 31), True),
    ("late summer 2023", "month", D(2023, 8, 1), D(2023, 8, 31), True),
    ("early spring 2023", "month", D(2023, 3, 1), D(2023, 3, 31), True),
    ("early 2010s", "year", D(2010, 1, 1), D(2013, 12, 31), True),
    ("late 1990s", "year", D(1997, 1, 1), D(1999, 12, 31), True),
    ("the 2000s", "year", D(2000, 1, 1), D(2009, 12, 31), False),
    # seasons
    ("Spring 2023", "season", D(2023, 3, 1), D(2023, 5, 31), False),
    ("summer 2023", "season", D(2023, 6, 1), D(2023, 8, 31), False),
    ("Summer of 2023", "season", D(2023, 6, 1), D(2023, 8, 31), False),
    ("Winter 2023/24", "season", D(2023, 12, 1), D(2024, 2, 29), False),
    # school terms and holidays, with a year
    ("Autumn term 2023", "term", D(2023, 9, 1), D(2023, 12, 22), False),
    ("autumn term 2023", "term", D(2023, 9, 1), D(2023, 12, 22), False),
    ("the autumn term of 2023", "term", D(2023, 9, 1), D(2023, 12, 22), False),
    ("Spring term 2024", "term", D(2024, 1, 1), D(2024, 3, 16), False),
    ("Summer term 2024", "term", D(2024, 4, 1), D(2024, 7, 24), False),
    ("October half term 2023", "term", D(2023, 10, 21), D(2023, 11, 3), False),
    ("Oct half term 2023", "term", D(2023, 10, 21), D(2023, 11, 3), False),
    ("autumn half-term 2023", "term", D(2023, 10, 21), D(2023, 11, 3), False),
    ("February half term 2024", "term", D(2024, 2, 10), D(2024, 2, 25), False),
    ("Feb half-term 2024", "term", D(2024, 2, 10), D(2024, 2, 25), False),
    ("spring half term 2024", "term", D(2024, 2, 10), D(2024, 2, 25), False),
    ("May half term 2024", "term", D(2024, 5, 22), D(2024, 6, 5), False),
    ("summer half term 2024", "term", D(2024, 5, 22), D(2024, 6, 5), False),
    ("Whitsun half term 2024", "term", D(2024, 5, 22), D(2024, 6, 5), False),
    ("Easter holidays 2024", "term", D(2024, 3, 17), D(2024, 4, 14), False),
    ("Easter hols 2024", "term", D(2024, 3, 17), D(2024, 4, 14), False),
    ("Easter holiday 2023", "term", D(2023, 3, 26), D(2023, 4, 23), False),
    ("Easter break 2023", "term", D(2023, 3, 26), D(2023, 4, 23), False),
    ("Easter 2024", "term", D(2024, 3, 17), D(2024, 4, 14), True),
    ("over Easter 2024", "term", D(2024, 3, 17), D(2024, 4, 14), True),
    ("summer holidays 2023", "term", D(2023, 7, 18), D(2023, 9, 7), False),
    ("Summer hols 2023", "term", D(2023, 7, 18), D(2023, 9, 7), False),
    ("the summer holidays 2023", "term", D(2023, 7, 18), D(2023, 9, 7), False),
    ("Christmas holidays 2023", "term", D(2023, 12, 18), D(2024, 1, 6), False),
    ("Christmas holidays 2023/24", "term", D(2023, 12, 18), D(2024, 1, 6), False),
    ("Xmas hols 2023", "term", D(2023, 12, 18), D(2024, 1, 6), False),
    ("Christmas 2023", "term", D(2023, 12, 18), D(2024, 1, 6), True),
    ("over Christmas 2023", "term", D(2023, 12, 18), D(2024, 1, 6), True),
    ("approx. Autumn term 2023", "term", D(2023, 9, 1), D(2023, 12, 22), True),
    # between X and Y, and other ranges
    ("between 3 and 5 June 2024", "day", D(2024, 6, 3), D(2024, 6, 5), False),
    ("between 3rd and 5th June 2024", "day", D(2024, 6, 3), D(2024, 6, 5), False),
    ("Between 3 June and 5 July 2024", "day", D(2024, 6, 3), D(2024, 7, 5), False),
    ("between 03/06/2024 and 05/06/2024", "day", D(2024, 6, 3), D(2024, 6, 5), False),
    ("between 28 December 2023 and 2 January 2024", "day", D(2023, 12, 28), D(2024, 1, 2), False),
    ("between June and August 2023", "month", D(2023, 6, 1), D(2023, 8, 31), False),
    ("between 2019 and 2021", "year", D(2019, 1, 1), D(2021, 12, 31), False),
    ("between Nov 2023 and Feb 2024", "month", D(2023, 11, 1), D(2024, 2, 29), False),
    ("3-5 June 2024", "day", D(2024, 6, 3), D(2024, 6, 5), False),
    ("3rd-5th June 2024", "day", D(2024, 6, 3), D(2024, 6, 5), False),
    ("3 \u2013 5 June 2024", "day", D(2024, 6, 3), D(2024, 6, 5), False),
    ("14/03/2024 - 16/03/2024", "day", D(2024, 3, 14), D(2024, 3, 16), False),
    ("from 01/02/2023 to 15/03/2023", "day", D(2023, 2, 1), D(2023, 3, 15), False),
    ("1 Feb 2023 until 15 March 2023", "day", D(2023, 2, 1), D(2023, 3, 15), False),
    ("June to August 2023", "month", D(2023, 6, 1), D(2023, 8, 31), False),
    ("June - August 2023", "month", D(2023, 6, 1), D(2023, 8, 31), False),
    ("June/July 2023", "month", D(2023, 6, 1), D(2023, 7, 31), False),
    ("2019 - 2021", "year", D(2019, 1, 1), D(2021, 12, 31), False),
    ("2019 to 2021", "year", D(2019, 1, 1), D(2021, 12, 31), False),
    ("approx. between 2019 and 2021", "year", D(2019, 1, 1), D(2021, 12, 31), True),
    # approximately, circa, c.
    ("approx. 2019", "year", D(2019, 1, 1), D(2019, 12, 31), True),
    ("approx 2019", "year", D(2019, 1, 1), D(2019, 12, 31), True),
    ("approximately March 2022", "month", D(2022, 3, 1), D(2022, 3, 31), True),
    ("circa 2019", "year", D(2019, 1, 1), D(2019, 12, 31), True),
    ("Circa March 2022", "month", D(2022, 3, 1), D(2022, 3, 31), True),
    ("c. 2019", "year", D(2019, 1, 1), D(2019, 12, 31), True),
    ("c.2019", "year", D(2019, 1, 1), D(2019, 12, 31), True),
    ("c 2019", "year", D(2019, 1, 1), D(2019, 12, 31), True),
    ("ca. 2019", "year", D(2019, 1, 1), D(2019, 12, 31), True),
    ("c. 14/03/2022", "day", D(2022, 3, 14), None, True),
    ("around March 2022", "month", D(2022, 3, 1), D(2022, 3, 31), True),
    ("about 2019", "year", D(2019, 1, 1), D(2019, 12, 31), True),
    ("roughly June 2020", "month", D(2020, 6, 1), D(2020, 6, 30), True),
    ("est. 2018", "year", D(2018, 1, 1), D(2018, 12, 31), True),
    ("2019 (approx)", "year", D(2019, 1, 1), D(2019, 12, 31), True),
    ("March 2022 (approx.)", "month", D(2022, 3, 1), D(2022, 3, 31), True),
    ("March 2022 approx", "month", D(2022, 3, 1), D(2022, 3, 31), True),
    ("14/03/2022 (approx.)", "day", D(2022, 3, 14), None, True),
    ("March 2022?", "month", D(2022, 3, 1), D(2022, 3, 31), True),
]

REFUSED: list[tuple[str, str]] = [
    # without a year: never placed in a year the text does not name
    ("w/c 3 June", NO_YEAR),
    ("wc 3rd June", NO_YEAR),
    ("3rd of June", NO_YEAR),
    ("June 3rd", NO_YEAR),
    ("3 Sept", NO_YEAR),
    ("Sept.", NO_YEAR),
    ("mid-March", NO_YEAR),
    ("end of June", NO_YEAR),
    ("early July", NO_YEAR),
    ("Autumn term", NO_YEAR),
    ("Easter holidays", NO_YEAR),
    ("the summer holidays", NO_YEAR),
    ("half term", NO_YEAR),
    ("over Christmas", NO_YEAR),
    ("between 3 and 5 June", NO_YEAR),
    ("Mon 3/6", NO_YEAR),
    # relative: never resolved against today
    ("last week", RELATIVE),
    ("2 weeks ago", RELATIVE),
    ("last Tuesday", RELATIVE),
    ("yesterday afternoon", RELATIVE),
    ("a fortnight ago", RELATIVE),
    ("this term", RELATIVE),
    ("last half term", RELATIVE),
    ("next week", RELATIVE),
    ("earlier this year", RELATIVE),
    ("last summer", RELATIVE),
    ("the other day", RELATIVE),
    # not one honest date
    ("half term 2023", "which half term"),
    ("5 June 2024 to 3 June 2024", "ends before it starts"),
    ("Autumn term 2023/24", "not a date"),
]


@pytest.mark.parametrize(("text", "precision", "start", "end", "approximate"), READ)
def test_phrase_is_read_with_its_precision(
    text: str,
    precision: str,
    start: datetime.date,
    end: datetime.date | None,
    approximate: bool,
) -> None:
    value = parse_date(text)
    assert (value.precision.value, value.start, value.end) == (precision, start, end)
    assert value.approximate is approximate
    assert value.time is None
    assert value.original == text
    assert format_uk(value)  # every precision has a way to be shown


@pytest.mark.parametrize(("text", "reason"), REFUSED)
def test_phrase_is_quarantined_saying_why(text: str, reason: str) -> None:
    with pytest.raises(UnreadableDate) as caught:
        parse_date(text)
    assert reason in caught.value.reason, caught.value.reason


def test_the_table_is_large_enough() -> None:
    assert len(READ) + len(REFUSED) >= 150


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Autumn term 2023", "Autumn term 2023"),
        ("Christmas holidays 2023", "Christmas holidays 2023/24"),
        ("Easter 2024", "Easter holidays 2024 (approx.)"),
        ("between 3 and 5 June 2024", "03/06/2024 \u2013 05/06/2024"),
        ("June to August 2023", "June \u2013 August 2023"),
        ("between Nov 2023 and Feb 2024", "November 2023 \u2013 February 2024"),
        ("2019 - 2021", "2019 \u2013 2021"),
        ("the 2000s", "2000s"),
        ("first half of 2022", "first half of 2022"),
        ("second half of June 2023", "second half of June 2023"),
        ("w/e 14/06/2024", "w/c 08/06/2024"),
    ],
)
def test_ranges_and_terms_are_shown_as_written(text: str, shown: str) -> None:
    assert format_uk(parse_date(text)) == shown


def test_a_term_records_that_term_dates_vary() -> None:
    assert "vary by area" in parse_date("Autumn term 2023").assumption
