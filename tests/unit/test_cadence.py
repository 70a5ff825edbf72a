"""Cadence: gaps between meetings and visits, and whether proceedings were open at the time."""

from __future__ import annotations

import datetime as dt

import pytest

from chronology.cases import get_case, update_case
from chronology.entries import add_entry, link_duplicate
from chronology.models import Case, Entry, EntryStatus, EntryType, Precision
from chronology.proceedings import ProceedingsPeriod
from chronology.workspace import Workspace
from summary.cadence import (
    DEFAULT_CADENCE,
    CadenceError,
    CadenceRule,
    cadence_for_case,
    find_gaps,
    rules_for,
    set_cadence,
)
from summary.proceedings import Proceedings, find_proceedings

D = dt.date
CIN = CadenceRule("cin_meeting", "Child in Need meeting", EntryType.CIN_MEETING.value, 84)


def _entry(
    ws: Workspace, case: Case, date: str, type_: EntryType, text: str = "", **kw: object
) -> Entry:
    fields: dict[str, object] = {
        "case_id": case.id,
        "date": date,
        "precision": Precision.DAY,
        "summary": text or type_.value,
        "text": text or type_.value,
        "type": type_,
        "agency": "Children in Need Team 2",
    }
    fields.update(kw)
    return add_entry(ws, Entry(**fields))  # type: ignore[arg-type]


def test_defaults_and_case_overrides(ws: Workspace, case: Case) -> None:
    assert DEFAULT_CADENCE == {"cin_meeting": 84, "home_visit": 28, "supervision": 31}
    assert [(r.key, r.days) for r in rules_for(case)] == list(DEFAULT_CADENCE.items())
    set_cadence(ws, case.ref, home_visit=10, supervision=0)
    again = get_case(ws, case.ref)
    assert again.cadence == {"home_visit": 10, "supervision": 0}
    assert {r.key: r.days for r in rules_for(again)}["home_visit"] == 10
    set_cadence(ws, case.ref, home_visit=None)
    assert get_case(ws, case.ref).cadence == {"supervision": 0}
    with pytest.raises(CadenceError, match="unknown"):
        set_cadence(ws, case.ref, core_group=10)
    with pytest.raises(CadenceError):
        set_cadence(ws, case.ref, home_visit=-1)


def test_a_gap_longer_than_the_rule_is_reported_with_its_dates() -> None:
    report = find_gaps(CIN, [D(2023, 1, 19), D(2023, 2, 28), D(2024, 1, 30)], D(2024, 2, 1))
    (gap,) = report.gaps
    assert (gap.start, gap.end, gap.days, gap.current) == (
        D(2023, 2, 28),
        D(2024, 1, 30),
        335,
        False,
    )
    assert gap.level == "red"
    assert gap.wording == "no Child in Need meeting for 48 weeks (335 days) (28/02/2023–30/01/2024)"
    assert not gap.proceedings_open


def test_exactly_on_the_rule_is_not_a_gap_and_amber_before_red() -> None:
    on_time = find_gaps(CIN, [D(2024, 1, 1), D(2024, 3, 25)], D(2024, 3, 26))  # 84 days
    assert on_time.gaps == []
    late = find_gaps(CIN, [D(2024, 1, 1), D(2024, 4, 10)], D(2024, 4, 11))  # 100 days
    assert [g.level for g in late.gaps] == ["amber"]  # red only beyond 16 weeks


def test_the_current_gap_runs_to_today() -> None:
    report = find_gaps(CIN, [D(2024, 1, 1)], D(2024, 6, 1))
    gap = report.current
    assert gap is not None and gap.days == 152 and gap.end == D(2024, 6, 1)
    assert gap.wording.startswith(
        "no Child in Need meeting for 22 weeks (152 days) (since 01/01/2024"
    )
    assert find_gaps(CIN, [D(2024, 1, 1)], D(2024, 2, 1)).current is None


def _period(start: str | None, end: str | None, type_: str, status: str) -> ProceedingsPeriod:
    return ProceedingsPeriod(1, type_, start=start, end=end, status=status)


def test_gap_while_proceedings_were_open() -> None:
    open_ = Proceedings([_period("2023-01-16", "2024-11-19", "private", "confirmed")])
    report = find_gaps(CIN, [D(2023, 2, 28), D(2024, 1, 30)], D(2024, 2, 1), open_)
    (gap,) = report.gaps
    assert gap.proceedings_open and gap.proceedings_days == 335
    assert gap.wording.endswith("while private law proceedings were open")
    partly = Proceedings([_period("2023-12-01", None, "private", "confirmed")])
    (gap,) = find_gaps(CIN, [D(2023, 2, 28), D(2024, 1, 30)], D(2024, 2, 1), partly).gaps
    assert gap.wording.endswith(", 9 weeks (60 days) of it while private law proceedings were open")
    before = Proceedings([_period("2025-01-01", None, "public", "confirmed")])
    (gap,) = find_gaps(CIN, [D(2023, 2, 28), D(2024, 1, 30)], D(2024, 2, 1), before).gaps
    assert not gap.proceedings_open and "proceedings" not in gap.wording


def test_a_gap_after_the_end_of_proceedings_is_not_during_them() -> None:
    ended = Proceedings([_period("2022-03-01", "2023-02-28", "private", "confirmed")])
    (gap,) = find_gaps(CIN, [D(2023, 2, 28), D(2024, 1, 30)], D(2024, 2, 1), ended).gaps
    assert not gap.proceedings_open and "proceedings" not in gap.wording


def test_a_suggested_period_is_named_as_such_in_the_gap() -> None:
    suggested = Proceedings([_period("2023-01-16", None, "public", "suggested")])
    (gap,) = find_gaps(CIN, [D(2023, 2, 28), D(2024, 1, 30)], D(2024, 2, 1), suggested).gaps
    assert gap.wording.endswith(
        "while public law proceedings were open (a suggested period, not yet confirmed)"
    )


def test_cadence_counts_each_day_once_and_skips_fuzzy_and_inactive_entries(
    ws: Workspace, case: Case
) -> None:
    a = _entry(ws, case, "2024-01-10", EntryType.CIN_MEETING)
    b = _entry(ws, case, "2024-01-10", EntryType.CIN_MEETING, agency="Health visiting")
    link_duplicate(ws, b.id or 0, a.id or 0)
    _entry(ws, case, "2024-03-01", EntryType.CIN_MEETING, precision=Precision.MONTH)
    _entry(ws, case, "2024-03-05", EntryType.CIN_MEETING, status=EntryStatus.CANCELLED)
    _entry(ws, case, "2024-06-01", EntryType.CIN_MEETING)
    (cin, *_rest) = cadence_for_case(ws, get_case(ws, case.ref), D(2024, 6, 2))
    assert cin.count == 2
    assert [(g.start, g.end) for g in cin.gaps] == [(D(2024, 1, 10), D(2024, 6, 1))]


def test_home_visits_count_only_social_care_ones(ws: Workspace, case: Case) -> None:
    _entry(ws, case, "2024-01-01", EntryType.HOME_VISIT)
    _entry(ws, case, "2024-01-20", EntryType.HOME_VISIT, agency="Health visiting")
    _entry(ws, case, "2024-02-15", EntryType.HOME_VISIT)
    reports = {r.rule.key: r for r in cadence_for_case(ws, get_case(ws, case.ref), D(2024, 2, 20))}
    visits = reports["home_visit"]
    assert visits.count == 2
    assert [g.days for g in visits.gaps] == [44]


def test_gaps_in_a_workspace_with_proceedings(ws: Workspace, case: Case) -> None:
    _entry(
        ws,
        case,
        "2023-01-16",
        EntryType.COURT,
        "C100 application for a child arrangements order",
        agency="Family Court",
    )
    _entry(ws, case, "2023-02-28", EntryType.CIN_MEETING)
    _entry(ws, case, "2024-01-30", EntryType.CIN_MEETING)
    _entry(ws, case, "2024-11-19", EntryType.COURT, "Final hearing. Order made: contact.")
    case = get_case(ws, case.ref)
    proceedings = find_proceedings(ws, case)
    assert proceedings.describe() == (
        "private law proceedings 16/01/2023–19/11/2024 (final order; suggested)"
    )
    cin = cadence_for_case(ws, case, D(2024, 2, 1), proceedings)[0]
    (gap,) = cin.gaps
    assert gap.days == 335 and gap.proceedings_open
    update_case(ws, case.ref, cadence={"cin_meeting": 0})
    off = cadence_for_case(ws, get_case(ws, case.ref), D(2024, 2, 1), proceedings)[0]
    assert off.gaps == [] and off.note == "not checked for this case"
