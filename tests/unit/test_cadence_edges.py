"""Cadence at its edges: a gap of exactly the rule is on time, one day more is a gap; amber turns
red only beyond four thirds of the rule; an event on today's date counts; a rule switched off or
of one day; the notes a report carries; the messages for bad settings."""

from __future__ import annotations

import datetime as dt

import pytest

from chronology.cases import get_case
from chronology.entries import add_entry
from chronology.models import Case, Entry, EntryType, Precision
from chronology.workspace import Workspace
from summary.cadence import (
    DEFAULT_CADENCE,
    RED_FACTOR,
    CadenceError,
    CadenceRule,
    cadence_for_case,
    event_days,
    find_gaps,
    rules_for,
    set_cadence,
)

D = dt.date
START = D(2024, 1, 1)


def _rule(key: str, days: int) -> CadenceRule:
    labels = {"cin_meeting": "Child in Need meeting", "home_visit": "home visit"}
    return CadenceRule(key, labels.get(key, "supervision"), "x", days)


# Each default rule, either side of its limit: (rule, days between two events, gap?, level).
EDGES = [
    (key, days + extra, extra > 0, level)
    for key, days in DEFAULT_CADENCE.items()
    for extra, level in ((0, None), (1, "amber"))
]
# Either side of red: up to 4/3 of the rule is amber (112 days for 84 exactly), beyond it red.
RED_EDGES = [(key, int(days * RED_FACTOR), "amber") for key, days in DEFAULT_CADENCE.items()] + [
    (key, int(days * RED_FACTOR) + 1, "red") for key, days in DEFAULT_CADENCE.items()
]


@pytest.mark.parametrize(("key", "interval", "gap", "level"), EDGES)
def test_either_side_of_each_rule(key: str, interval: int, gap: bool, level: str | None) -> None:
    rule = _rule(key, DEFAULT_CADENCE[key])
    second = START + dt.timedelta(days=interval)
    report = find_gaps(rule, [START, second], second)  # today: the day of the second event
    assert report.count == 2 and (report.first, report.last) == (START, second)
    assert [g.level for g in report.gaps] == ([level] if gap else [])
    if gap:
        (found,) = report.gaps
        assert (found.start, found.end, found.days, found.current) == (
            START,
            second,
            interval - 1,  # the days with no event, strictly between the two
            False,
        )
        assert found.rule == key and found.label == rule.label


@pytest.mark.parametrize(("key", "interval", "level"), RED_EDGES)
def test_amber_turns_red_beyond_four_thirds_of_the_rule(key: str, interval: int, level: str):
    rule = _rule(key, DEFAULT_CADENCE[key])
    second = START + dt.timedelta(days=interval)
    (gap,) = find_gaps(rule, [START, second], second).gaps
    assert gap.level == level


def test_a_twelve_week_rule_is_red_only_after_sixteen_weeks() -> None:
    rule = _rule("cin_meeting", 84)
    at_sixteen = find_gaps(rule, [START], START + dt.timedelta(days=112)).gaps
    after = find_gaps(rule, [START], START + dt.timedelta(days=113)).gaps
    assert [g.level for g in at_sixteen] == ["amber"] and [g.level for g in after] == ["red"]


@pytest.mark.parametrize(
    ("today", "current"),
    [(START + dt.timedelta(days=28), None), (START + dt.timedelta(days=29), 29)],
)
def test_the_current_gap_starts_the_day_after_the_rule(today: dt.date, current) -> None:
    report = find_gaps(_rule("home_visit", 28), [START], today)
    assert (report.current.days if report.current else None) == current
    if current:
        assert report.current.current and report.current.end == today


def test_an_event_today_counts_and_later_ones_do_not() -> None:
    rule = _rule("home_visit", 28)
    today = START + dt.timedelta(days=60)
    report = find_gaps(rule, [START, today, today + dt.timedelta(days=5)], today)
    assert report.count == 2 and report.last == today
    assert report.current is None
    assert [(g.start, g.end) for g in report.gaps] == [(START, today)]


def test_a_rule_of_one_day_is_checked_and_zero_is_off() -> None:
    daily = find_gaps(_rule("supervision", 1), [START, START + dt.timedelta(days=2)], START)
    assert daily.count == 1 and daily.note == ""
    (gap,) = find_gaps(_rule("supervision", 1), [START], START + dt.timedelta(days=2)).gaps
    assert gap.days == 2 and gap.level == "red"
    off = find_gaps(_rule("supervision", 0), [START], START + dt.timedelta(days=400))
    assert off.gaps == [] and off.count == 0 and off.note == "not checked for this case"


def test_no_event_is_said_in_words() -> None:
    report = find_gaps(_rule("home_visit", 28), [], START)
    assert report.note == "no home visit recorded" and report.gaps == [] and report.first is None


def test_without_proceedings_a_gap_names_none() -> None:
    (gap,) = find_gaps(_rule("home_visit", 28), [START], START + dt.timedelta(days=40)).gaps
    assert gap.proceedings_days == 0 and gap.proceedings_label == ""
    assert not gap.proceedings_open and "proceedings" not in gap.wording


def _visit(ws: Workspace, case: Case, date: str, agency: str) -> None:
    add_entry(
        ws,
        Entry(
            case.id or 0,
            date,
            Precision.DAY,
            "Home visit",
            agency=agency,
            type=EntryType.HOME_VISIT,
        ),
    )


def test_home_visits_fall_back_to_every_agency_and_say_so(ws: Workspace, case: Case) -> None:
    home = next(r for r in rules_for(case) if r.key == "home_visit")
    assert event_days(ws, case.id or 0, home) == ([], "")  # none at all: nothing to say
    _visit(ws, case, "2024-02-01", "Health Visiting Service")
    days, note = event_days(ws, case.id or 0, home)
    assert days == [D(2024, 2, 1)]
    assert note == "no social care agency recorded a home visit: every agency's counted"
    _visit(ws, case, "2024-03-01", "Children's Social Care")
    assert event_days(ws, case.id or 0, home) == ([D(2024, 3, 1)], "")


def test_the_case_report_carries_the_rule_notes(ws: Workspace, case: Case) -> None:
    _visit(ws, case, "2024-02-01", "Children's Social Care")
    set_cadence(ws, case.ref, supervision=0, cin_meeting=1)
    reports = {r.rule.key: r for r in cadence_for_case(ws, get_case(ws, case.ref), D(2024, 2, 10))}
    assert reports["home_visit"].note == "" and reports["home_visit"].count == 1
    assert reports["supervision"].note == "not checked for this case"
    assert reports["cin_meeting"].rule.days == 1
    assert reports["cin_meeting"].note == "no Child in Need meeting recorded"


def test_bad_settings_are_refused_in_words(ws: Workspace, case: Case) -> None:
    with pytest.raises(CadenceError) as unknown:
        set_cadence(ws, case.ref, visits=3, core_group=2)
    assert str(unknown.value) == (
        "unknown cadence rule(s): core_group, visits (known: cin_meeting, home_visit, supervision)"
    )
    with pytest.raises(CadenceError) as negative:
        set_cadence(ws, case.ref, home_visit=-1)
    assert str(negative.value) == "home_visit: the interval must be 0 (off) or a number of days"
    set_cadence(ws, case.ref, home_visit=None)  # back to the default when it was never set
    assert get_case(ws, case.ref).cadence == {}
