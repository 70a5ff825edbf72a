"""What counts towards a cadence rule: signed supervision records beside the chronology's
supervision entries, the team's own defaults, and a rule as short as a day."""

from __future__ import annotations

import datetime as dt

from chronology.cases import add_case, get_case
from chronology.entries import add_entry
from chronology.models import Case, Entry, EntryType, Precision
from chronology.workspace import Workspace
from summary.cadence import cadence_for_case, set_cadence
from summary.supervision import SupervisionRecord, create_record, sign_record
from summary.team_settings import set_setting

D = dt.date


def _entry(ws: Workspace, case: Case, date: str, type_: EntryType) -> None:
    add_entry(
        ws,
        Entry(
            case_id=case.id,
            date=date,
            precision=Precision.DAY,
            summary=type_.value,
            text=type_.value,
            type=type_,
            agency="Children's Services",
        ),
    )


def _supervision(ws: Workspace, case: Case, date: str, signed: bool) -> None:
    record = SupervisionRecord(case.id or 0, date, "Tom Hale", "Amira Shah", {})
    record_id = create_record(ws, record)
    if signed:
        sign_record(ws, record_id, "Tom Hale")


def _report(ws: Workspace, case: Case, key: str, today: dt.date):
    (report,) = [
        r for r in cadence_for_case(ws, get_case(ws, case.ref), today) if r.rule.key == key
    ]
    return report


def test_a_signed_supervision_record_counts_as_a_supervision_and_a_draft_does_not(
    ws: Workspace, case: Case
) -> None:
    _entry(ws, case, "2024-01-05", EntryType.SUPERVISION)  # noted in the chronology
    _supervision(ws, case, "2024-02-01", signed=True)
    _supervision(ws, case, "2024-02-20", signed=False)  # a draft nobody signed
    report = _report(ws, case, "supervision", D(2024, 2, 25))
    # Both the chronology's supervision and the signed record count; the draft does not.
    assert (report.count, report.first, report.last) == (2, D(2024, 1, 5), D(2024, 2, 1))
    assert report.gaps == []
    later = _report(ws, case, "supervision", D(2024, 3, 10))
    assert [(g.start, g.days, g.current) for g in later.gaps] == [(D(2024, 2, 1), 38, True)]


def test_signed_records_alone_are_counted_for_their_own_case(ws: Workspace, case: Case) -> None:
    other = add_case(ws, "FEN-002", "Other Child", "2020-01-01")
    _supervision(ws, other, "2024-03-01", signed=True)
    _supervision(ws, case, "2024-01-02", signed=True)
    _supervision(ws, case, "2024-01-30", signed=True)
    report = _report(ws, case, "supervision", D(2024, 2, 5))
    assert (report.count, report.first, report.last) == (2, D(2024, 1, 2), D(2024, 1, 30))


def test_the_teams_default_is_the_rule_until_the_case_sets_its_own(
    ws: Workspace, case: Case
) -> None:
    _entry(ws, case, "2024-01-01", EntryType.HOME_VISIT)
    _entry(ws, case, "2024-01-20", EntryType.HOME_VISIT)  # 19 days: within 28, over 14
    assert _report(ws, case, "home_visit", D(2024, 1, 21)).gaps == []
    set_setting(ws, "home_visit_days", "14")
    report = _report(ws, case, "home_visit", D(2024, 1, 21))
    assert report.rule.days == 14
    assert [(g.start, g.end, g.days) for g in report.gaps] == [(D(2024, 1, 1), D(2024, 1, 20), 18)]
    set_cadence(ws, case.ref, home_visit=28)  # the case's own interval wins over the team's
    assert _report(ws, case, "home_visit", D(2024, 1, 21)).gaps == []


def test_a_rule_of_one_day_is_checked_like_any_other(ws: Workspace, case: Case) -> None:
    set_cadence(ws, case.ref, home_visit=1)
    for day in ("2024-04-01", "2024-04-02", "2024-04-05"):
        _entry(ws, case, day, EntryType.HOME_VISIT)
    report = _report(ws, case, "home_visit", D(2024, 4, 5))
    assert (report.count, report.note) == (3, "")
    assert [(g.start, g.end, g.days) for g in report.gaps] == [(D(2024, 4, 2), D(2024, 4, 5), 2)]
