"""The supervision audit over a period: each item red, amber or green, with its evidence."""

from __future__ import annotations

import datetime as dt

import pytest
from casebuilder import (
    HEALTH,
    NURSERY,
    SOCIAL_CARE,
    CaseBuilder,
    cin_gap_during_proceedings,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronology.models import Case, EntryType, Significance
from chronology.proceedings import ProceedingsPeriod
from chronology.workspace import Workspace
from summary.audit import ITEM_KEYS, AuditError, CaseAudit, audit
from summary.cadence import CadenceRule, find_gaps
from summary.case_summary import generate_summary, save_version
from summary.proceedings import Proceedings
from summary.team_settings import SettingsError, set_setting
from summary.versions import mark_reviewed

D = dt.date
AUDIT_DAY = D(2024, 9, 30)


def _one(ws: Workspace, ref: str, today: dt.date = AUDIT_DAY, **kw: object) -> CaseAudit:
    (result,) = audit(ws, ref, today, **kw)  # type: ignore[arg-type]
    return result


def _levels(result: CaseAudit) -> dict[str, str]:
    return {i.key: i.level for i in result.items}


def _well_kept(ws: Workspace, ref: str = "LK-1") -> CaseBuilder:
    b = CaseBuilder.new(ws, ref, worker="Opal Wren", team_manager="Saul Kemble")
    b.every(EntryType.CIN_MEETING, "2024-01-08", "2024-09-30", 70)
    b.every(EntryType.HOME_VISIT, "2024-01-03", "2024-09-30", 21)
    b.every(EntryType.SUPERVISION, "2024-01-10", "2024-09-30", 28)
    b.every(EntryType.APPOINTMENT_ATTENDED, "2024-01-05", "2024-09-20", 30, agency=HEALTH)
    risk = b.risk(
        "Neglect of medical needs",
        category="neglect",
        identified="2024-01-03",
        reviewed="2024-01-03",
        phrases=["mould"],
    )
    for when in ("2024-02-20", "2024-04-10", "2024-05-30", "2024-07-15", "2024-09-02"):
        b.review(risk, when)
    version = save_version(ws, generate_summary(ws, ref, AUDIT_DAY))
    mark_reviewed(ws, version, "Opal Wren")
    return b


def test_a_well_kept_case_is_green_with_every_item(ws: Workspace) -> None:
    _well_kept(ws)
    result = _one(ws, "LK-1")
    assert [i.key for i in result.items] == list(ITEM_KEYS)
    assert set(_levels(result).values()) == {"green"}, _levels(result)
    assert result.level == "green"
    reviews = result.item("primary_reviews")
    assert any("next review due 28/10/2024" in e for e in reviews.evidence)
    assert result.period.start is None and result.period.end == AUDIT_DAY


def test_a_gap_that_has_ended_is_red_for_the_period_with_its_dates(ws: Workspace) -> None:
    b = cin_gap_during_proceedings(ws)
    result = _one(ws, b.case.ref)
    cin = result.item("cin_meeting")
    assert cin.level == "red"
    (gap,) = [f for f in cin.findings if f.kind == "gap"]
    assert (gap.date, gap.end, gap.level) == ("2022-10-17", "2023-11-06", "red")
    assert gap.during_proceedings is True and gap.proceedings_days and gap.proceedings_days > 300
    assert "17/10/2022–06/11/2023" in gap.text and "during proceedings" in gap.text
    assert gap.entry_ids == b.entries[EntryType.CIN_MEETING.value][3:5]
    # Today's cadence is met: the latest meeting is recent and no gap runs to today.
    assert not any(f.kind == "gap" and f.end == AUDIT_DAY.isoformat() for f in cin.findings)
    assert "private law proceedings 20/11/2022–12/02/2024" in result.proceedings


def test_the_period_decides_which_gaps_count(ws: Workspace) -> None:
    b = cin_gap_during_proceedings(ws)
    after = _one(ws, b.case.ref, date_from=D(2024, 1, 1))
    assert after.item("cin_meeting").level == "green"
    during = _one(ws, b.case.ref, date_from=D(2023, 3, 1), date_to=D(2023, 4, 30))
    cin = during.item("cin_meeting")
    assert cin.level == "red"
    (gap,) = [f for f in cin.findings if f.kind == "gap"]
    assert gap.date == "2022-10-17" and gap.end == "2023-04-30"  # as it stood on 30/04/2023
    assert during.period.describe().startswith("01/03/2023–30/04/2023")


def test_a_short_gap_during_proceedings_is_red_unless_the_team_says_otherwise(
    ws: Workspace,
) -> None:
    b = CaseBuilder.new(ws, "PR-2")
    b.hearing("2024-01-15", "Hearing on the application for a child arrangements order")
    b.entry("2024-01-01", EntryType.CIN_MEETING)
    b.entry("2024-04-08", EntryType.CIN_MEETING)  # 98 days: over 12 weeks, under 16
    b.entry("2024-06-24", EntryType.CIN_MEETING)
    gap = [f for f in _one(ws, "PR-2", D(2024, 7, 1)).item("cin_meeting").findings if f.days]
    assert [(g.level, g.during_proceedings) for g in gap] == [("red", True)]
    set_setting(ws, "proceedings-gap-red", "no")
    result = _one(ws, "PR-2", D(2024, 7, 1))
    assert result.item("cin_meeting").level == "amber"
    assert result.thresholds["proceedings_gap_red"] is False


def test_a_risk_reviewed_before_the_hearing_that_tripped_it_is_red(ws: Workspace) -> None:
    b = CaseBuilder.new(ws, "CT-3", worker="Opal Wren")
    risk = b.risk(
        "Mother's conditional threat",
        category="conditional threat",
        identified="2024-02-01",
        reviewed="2024-03-01",
        if_text="contact with the father becomes unsupervised",
        then_text="mother has said she would harm herself and the child",
    )
    b.review(risk, "2024-04-20")  # before the hearing: does not count for it
    hearing = b.hearing("2024-06-03", "Hearing: order made for unsupported contact at weekends")
    result = _one(ws, "CT-3", D(2024, 6, 20))
    reviews = result.item("primary_reviews")
    assert reviews.level == "red"
    shown = [f for f in reviews.findings if hearing in f.entry_ids and f.kind == "entry"]
    assert shown and shown[0].date == "2024-06-03" and shown[0].level == "red"
    assert "unsupported contact" in shown[0].text
    assert result.item("trip_wires").level == "red"
    # A review a week after the hearing deals with it: within 14 days, so on time.
    b.review(risk, "2024-06-10")
    result = _one(ws, "CT-3", D(2024, 6, 20))
    assert result.item("primary_reviews").level == "green"
    assert result.item("trip_wires").level == "green"


def test_a_late_review_after_a_trip_is_amber_for_the_period(ws: Workspace) -> None:
    b = CaseBuilder.new(ws, "CT-4")
    risk = b.risk(
        "Threat if contact changes",
        phrases=["unsupervised contact"],
        identified="2024-01-10",
        reviewed="2024-01-10",
        review_days=120,
    )
    trip = b.entry("2024-02-05", EntryType.OTHER, "Father's unsupervised contact agreed")
    b.review(risk, "2024-04-01")  # 56 days later
    result = _one(ws, "CT-4", D(2024, 4, 20))
    reviews = result.item("primary_reviews")
    assert reviews.level == "amber"
    (late,) = [f for f in reviews.findings if trip in f.entry_ids]
    assert "56 days after" in late.text
    assert (
        _one(ws, "CT-4", D(2024, 4, 20), date_from=D(2024, 3, 1)).item("primary_reviews").level
        == "green"
    )  # the trip fell before this period, and was reviewed


def test_a_past_lapse_between_reviews_shows_in_the_period(ws: Workspace) -> None:
    b = CaseBuilder.new(ws, "RV-5")
    risk = b.risk(
        "Domestic abuse",
        category="domestic abuse",
        identified="2024-01-01",
        reviewed="2024-01-01",
        urgency="urgent",
    )  # type: ignore[arg-type]
    b.review(risk, "2024-03-01")  # 60 days apart; urgent risks every 14
    b.review(risk, "2024-03-10")
    result = _one(ws, "RV-5", D(2024, 3, 15))
    reviews = result.item("primary_reviews")
    assert reviews.level == "red"
    assert any("01/01/2024–01/03/2024" in e for e in reviews.evidence)
    later = _one(ws, "RV-5", D(2024, 3, 15), date_from=D(2024, 3, 5))
    assert later.item("primary_reviews").level == "green"


def test_no_primary_risk_is_amber_or_red_as_the_team_sets(ws: Workspace) -> None:
    CaseBuilder.new(ws, "NP-6")
    assert _one(ws, "NP-6").item("primary_risk").level == "amber"
    set_setting(ws, "no_primary_risk", "red")
    assert _one(ws, "NP-6").item("primary_risk").level == "red"
    with pytest.raises(SettingsError):
        set_setting(ws, "no_primary_risk", "purple")
    with pytest.raises(SettingsError):
        set_setting(ws, "hearing_colour", "red")


def test_team_cadence_defaults_apply_and_a_case_overrides_them(ws: Workspace) -> None:
    from summary.cadence import set_cadence

    b = CaseBuilder.new(ws, "TC-7")
    b.every(EntryType.HOME_VISIT, "2024-01-01", "2024-06-30", 21)
    assert _one(ws, "TC-7", D(2024, 7, 1)).item("home_visit").level == "green"
    set_setting(ws, "home_visit_days", "14")
    result = _one(ws, "TC-7", D(2024, 7, 1))
    assert result.item("home_visit").level == "red"  # 21 days > 14 × 1.33
    assert result.thresholds["home_visit_days"] == 14
    set_cadence(ws, "TC-7", home_visit=28)
    assert _one(ws, "TC-7", D(2024, 7, 1)).item("home_visit").level == "green"


def test_quarantine_outcomes_and_silent_agencies(ws: Workspace) -> None:
    b = CaseBuilder.new(ws, "QS-8")
    ws.conn.execute(
        "INSERT INTO quarantine(case_id, source_file, row, reason, raw) VALUES (?,?,?,?,?)",
        (b.case.id, "visits.csv", 7, "no date", "{}"),
    )
    key = b.entry(
        "2024-03-01", EntryType.DISCLOSURE, "Child said she was hit", significance=Significance.KEY
    )
    b.entry(
        "2024-03-02",
        EntryType.REFERRAL,
        "Referral made",
        significance=Significance.SIGNIFICANT,
        outcome="Strategy discussion held",
    )
    b.every(EntryType.APPOINTMENT_ATTENDED, "2023-01-10", "2023-09-01", 30, agency=NURSERY)
    b.every(EntryType.HOME_VISIT, "2023-01-05", "2024-09-25", 20)
    result = _one(ws, "QS-8")
    assert result.item("quarantine_empty").level == "amber"
    outcomes = result.item("outcomes")
    assert outcomes.level == "red" and outcomes.findings[0].entry_ids == [key]
    silent = result.item("silent_agencies")
    assert silent.level == "amber" and NURSERY in silent.evidence[0]
    assert not any(SOCIAL_CARE in e for e in silent.evidence)


def test_a_protected_address_must_be_marked_confidential(ws: Workspace) -> None:
    b = CaseBuilder.new(ws, "CF-9")
    b.person("Lena Castell", "mother", "Flat 2, Women's Refuge, Mill Road")
    result = _one(ws, "CF-9")
    assert result.item("confidential_addresses").level == "red"
    ws.conn.execute("UPDATE people SET confidential=1 WHERE name='Lena Castell'")
    b.person("Ruth Dunmore", "maternal grandmother", "4 Quarry Lane")
    mention = b.entry("2024-05-02", EntryType.OTHER, "Ruth Dunmore has fled to a refuge")
    result = _one(ws, "CF-9")
    item = result.item("confidential_addresses")
    assert item.level == "amber"  # a suggestion from an entry: the worker checks it
    (finding,) = [f for f in item.findings if f.level == "amber"]
    assert mention in finding.entry_ids and "Ruth Dunmore" in finding.text


def test_every_case_is_audited_when_none_is_named(ws: Workspace, case: Case) -> None:
    CaseBuilder.new(ws, "ZZ-2", "Theo Ashby")
    assert [a.case_ref for a in audit(ws, None, AUDIT_DAY)] == ["FEN-001", "ZZ-2"]


def test_a_period_that_ends_after_the_audit_day_is_refused(ws: Workspace, case: Case) -> None:
    with pytest.raises(AuditError):
        audit(ws, case.ref, D(2024, 5, 1), date_to=D(2024, 6, 1))
    with pytest.raises(AuditError):
        audit(ws, case.ref, D(2024, 5, 1), date_from=D(2024, 5, 2))


RULE = CadenceRule("cin_meeting", "Child in Need meeting", EntryType.CIN_MEETING.value, 84)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(st.integers(min_value=1, max_value=400), min_size=1, max_size=12),
    court=st.tuples(st.integers(0, 1500), st.integers(0, 900)),
    window=st.tuples(st.integers(0, 1500), st.integers(0, 600)),
)
def test_every_gap_in_the_period_is_listed_with_its_dates(
    steps: list[int], court: tuple[int, int], window: tuple[int, int]
) -> None:
    """Property: each gap that overlaps the period is a finding with its own dates and a colour
    that follows the rules; no gap outside the period is listed."""
    origin = D(2020, 1, 1)
    days, d = [], origin
    for s in steps:
        d += dt.timedelta(days=s)
        days.append(d)
    today = days[-1] + dt.timedelta(days=30)
    start = origin + dt.timedelta(days=window[0])
    start = min(start, today)
    proceedings = Proceedings(
        [
            ProceedingsPeriod(
                1,
                "private",
                start=(origin + dt.timedelta(court[0])).isoformat(),
                end=(origin + dt.timedelta(court[0] + court[1])).isoformat(),
            )
        ]
    )
    ws = Workspace.memory()
    try:
        b = CaseBuilder.new(ws, "PG-1")
        b.hearing((origin + dt.timedelta(court[0])).isoformat(), "Hearing of the C100 application")
        b.hearing(
            (origin + dt.timedelta(court[0] + court[1])).isoformat(),
            "Final hearing: final child arrangements order made",
        )
        for day in days:
            b.entry(day, EntryType.CIN_MEETING)
        result = _one(ws, "PG-1", today, date_from=start)
    finally:
        ws.close()
    expected = find_gaps(RULE, days, today, proceedings).gaps
    listed = {(f.date, f.end): f for f in result.item("cin_meeting").findings if f.kind == "gap"}
    for gap in expected:
        key = (gap.start.isoformat(), gap.end.isoformat())
        inside = gap.end >= start and gap.start <= today
        assert (key in listed) == inside
        if inside:
            f = listed[key]
            assert f.during_proceedings == (gap.proceedings_days > 0)
            interval = (gap.end - gap.start).days
            red = interval > 84 * 1.34 or gap.proceedings_days > 0
            assert f.level == ("red" if red else "amber")
    assert len(listed) == sum(1 for g in expected if g.end >= start and g.start <= today)


def test_a_word_meant_in_another_sense_does_not_trip(ws: Workspace) -> None:
    b = CaseBuilder.new(ws, "OS-1")
    b.risk(
        "Threat if contact changes",
        phrases=["hearing", "contact"],
        identified="2024-01-02",
        reviewed="2024-01-02",
    )
    b.entry("2024-02-01", EntryType.APPOINTMENT_ATTENDED, "Hearing aid fitted; good eye contact")
    result = _one(ws, "OS-1", D(2024, 2, 10))
    assert result.item("trip_wires").level == "green"
    court = b.entry("2024-02-05", EntryType.OTHER, "The hearing was moved to March")
    result = _one(ws, "OS-1", D(2024, 2, 10))
    assert result.item("trip_wires").findings[0].entry_ids == [court]
