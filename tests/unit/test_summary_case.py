"""The case summary: DESIGN.md's order, primary risks first, narrative kept, versions compared."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from chronology.entries import add_entry, update_entry
from chronology.models import Case, Entry, EntryStatus, EntryType, Precision, Significance
from chronology.workspace import Workspace
from summary.case_summary import (
    diff_versions,
    generate_summary,
    get_version,
    list_versions,
    render_text,
    save_version,
    summary_json,
)
from summary.narrative import NarrativeError, get_narrative, set_narrative
from summary.risks import Risk, Urgency, add_risk, close_risk, record_review, set_primary

TODAY = dt.date(2025, 2, 1)


def _entry(
    ws: Workspace, case: Case, date: str, type_: EntryType, text: str = "", **kw: object
) -> Entry:
    fields: dict[str, object] = {
        "case_id": case.id,
        "date": date,
        "precision": Precision.DAY,
        "summary": (text or type_.value)[:60],
        "text": text or type_.value,
        "type": type_,
        "agency": "Children in Need Team 2",
    }
    fields.update(kw)
    return add_entry(ws, Entry(**fields))  # type: ignore[arg-type]


@pytest.fixture
def story(ws: Workspace, case: Case) -> Case:
    """A small case: proceedings, a CIN gap, visits, health contacts and a tripping hearing."""
    _entry(
        ws,
        case,
        "2023-01-16",
        EntryType.COURT,
        "C100 application for a child arrangements order",
        agency="Family Court",
    )
    _entry(ws, case, "2023-02-28", EntryType.CIN_MEETING, "CIN review")
    _entry(
        ws,
        case,
        "2024-01-18",
        EntryType.DISCLOSURE,
        "Mother said she would take both of us out of the picture",
        agency="Health visiting",
        significance=Significance.KEY,
    )
    _entry(ws, case, "2024-01-30", EntryType.CIN_MEETING, "CIN review resumed")
    for month in range(1, 13):
        _entry(ws, case, f"2024-{month:02d}-05", EntryType.HOME_VISIT, "Home visit")
        _entry(
            ws,
            case,
            f"2024-{month:02d}-07",
            EntryType.APPOINTMENT_ATTENDED,
            "Clinic",
            agency="Kestrel Vale Community Health NHS Trust",
        )
        _entry(
            ws,
            case,
            f"2024-{month:02d}-09",
            EntryType.APPOINTMENT_ATTENDED,
            "Physio",
            agency="Health",
        )
    _entry(ws, case, "2024-03-12", EntryType.WAS_NOT_BROUGHT, "Was not brought", agency="Health")
    _entry(
        ws,
        case,
        "2024-04-12",
        EntryType.APPOINTMENT_ATTENDED,
        "Audiology",
        agency="Health",
        status=EntryStatus.CANCELLED,
    )
    _entry(
        ws,
        case,
        "2024-11-19",
        EntryType.COURT,
        "Final hearing. Order made: Riley to spend unsupported contact on alternate Saturdays.",
    )
    return case


def _threat(ws: Workspace, case: Case, **kw: object) -> Risk:
    fields: dict[str, object] = {
        "case_id": case.id,
        "title": "Conditional threat",
        "if_text": "unsupported contact is granted",
        "then_text": "mother may harm herself and the child",
        "primary": True,
        "phrases": ["unsupported contact"],
    }
    fields.update(kw)
    return add_risk(ws, Risk(**fields), reviewed="2024-02-01", reviewed_by="HO")  # type: ignore[arg-type]


def test_primary_risks_come_first_and_in_attention_order(ws: Workspace, story: Case) -> None:
    calm = add_risk(
        ws,
        Risk(story.id or 0, "Home conditions", primary=True, phrases=["mould"]),
        reviewed="2025-01-20",
        reviewed_by="HO",
    )
    threat = _threat(ws, story)
    other = add_risk(
        ws,
        Risk(story.id or 0, "Developmental needs", urgency=Urgency.URGENT, phrases=["regression"]),
        reviewed="2025-01-25",
        reviewed_by="HO",
    )
    s = generate_summary(ws, story.ref, TODAY)
    assert [r.id for r in s.primary_risks] == [threat.id, calm.id]
    assert [r.id for r in s.other_risks] == [other.id]
    data = summary_json(s)
    assert list(data)[:6] == ["case", "as_of", "generated_at", "header", "primary_risks", "alerts"]
    first = data["primary_risks"][0]
    assert first["title"] == "Conditional threat" and first["urgency"] == "important"
    assert first["needs_review"] is True
    hearing = [e["entry_id"] for e in data["key_events"] if e["date"] == "2024-11-19"]
    assert first["tripped_by"] == hearing
    assert first["review_reasons"][0] == "review overdue since 28/03/2024"
    assert data["alerts"][0]["level"] == "red"
    assert {a["level"] for a in data["alerts"]} <= {"red", "amber"}
    json.dumps(data)  # plain JSON all the way down


def test_text_follows_the_design_order(ws: Workspace, story: Case) -> None:
    _threat(ws, story)
    text = render_text(generate_summary(ws, story.ref, TODAY))
    headings = [
        "PRIMARY RISKS",
        "ALERTS",
        "MEETINGS AND VISITS",
        "CURRENT CIRCUMSTANCES",
        "ANALYSIS",
        "KEY EVENTS",
        "AGENCY INVOLVEMENT",
        "OTHER RISKS",
        "SOURCES AND COVERAGE",
    ]
    positions = [text.index(f"\n{h}\n") for h in headings]
    assert positions == sorted(positions)
    assert text.index("Conditional threat") < text.index("ALERTS")
    assert "Child: Mia Hollis, born 04/05/2021, aged 3 years 8 months" in text


def test_unpinned_and_closed_risks_leave_the_top(ws: Workspace, story: Case) -> None:
    threat = _threat(ws, story)
    set_primary(ws, threat.id or 0, False, "threat withdrawn at the hearing")
    s = generate_summary(ws, story.ref, TODAY)
    assert s.primary_risks == [] and [r.id for r in s.other_risks] == [threat.id]
    close_risk(ws, threat.id or 0, "case closed")
    s = generate_summary(ws, story.ref, TODAY)
    (closed,) = s.other_risks
    assert closed.status == "closed" and closed.status_reason == "case closed"
    assert not closed.needs_review and not any(a.risk_id == threat.id for a in s.alerts)


def test_cin_gap_and_proceedings_are_reported(ws: Workspace, story: Case) -> None:
    s = generate_summary(ws, story.ref, TODAY)
    cin = next(c for c in s.cadence if c.rule == "cin_meeting")
    gap = next(g for g in cin.gaps if not g.current)
    assert (gap.start, gap.end, gap.days, gap.proceedings_open) == (
        "2023-02-28",
        "2024-01-30",
        335,
        True,
    )
    assert any(
        a.message.startswith(
            "No Child in Need meeting for 48 weeks (335 days) "
            "(28/02/2023–30/01/2024) while private law proceedings were open"
        )
        for a in s.alerts
    )
    assert s.header.proceedings == (
        "private law proceedings 16/01/2023–19/11/2024 (final order; suggested)"
    )
    (period,) = s.header.proceedings_periods
    assert (period.status, period.end_reason) == ("suggested", "final order")
    assert any(a.kind == "proceedings" and "not yet confirmed" in a.message for a in s.alerts)


def test_agency_involvement_counts_by_year(ws: Workspace, story: Case) -> None:
    s = generate_summary(ws, story.ref, TODAY)
    year = next(y for y in s.involvement if y.year == 2024)
    assert year.health_appointments == 12 + 12 + 1 + 1 + 1  # HV, calendar, WNB, cancelled, HV
    assert (year.health_missed, year.health_cancelled) == (1, 1)
    assert year.social_work_home_visits == 12
    assert year.cin_meetings == 1 and year.court_hearings == 1
    assert year.sentence.startswith(
        "In 2024: 27 health appointments and contacts (1 was not brought, 1 cancelled) and "
        "12 social-work home visits"
    )
    by_agency = {a.agency: a for a in year.agencies}
    assert by_agency["Health"].total == 14 and by_agency["Health"].missed == 1


def test_key_events_and_sources(ws: Workspace, story: Case) -> None:
    s = generate_summary(ws, story.ref, TODAY)
    assert [(e.date, e.type) for e in s.key_events] == [
        ("2023-01-16", "court hearing or order"),
        ("2024-01-18", "disclosure"),
        ("2024-11-19", "court hearing or order"),
    ]
    (source,) = s.sources
    assert source.source == "entered by hand" and source.count == s.header.entries
    assert (source.first, source.last) == ("2023-01-16", "2024-12-09")


def test_narrative_survives_regeneration(ws: Workspace, story: Case) -> None:
    set_narrative(ws, story.ref, "current_circumstances", "Riley lives with his mother.")
    set_narrative(ws, story.ref, "analysis", "The threat is conditional on contact.")
    first = generate_summary(ws, story.ref, TODAY)
    save_version(ws, first)
    _entry(ws, story, "2025-01-10", EntryType.HOME_VISIT, "Home visit")
    second = generate_summary(ws, story.ref, TODAY)
    assert second.narrative["analysis"] == "The threat is conditional on contact."
    assert "Riley lives with his mother." in render_text(second)
    assert get_narrative(ws, story.ref, "analysis") == "The threat is conditional on contact."
    set_narrative(ws, story.ref, "Recommendations", "Keep contact supported.")
    assert get_narrative(ws, story.ref, "recommendations") == "Keep contact supported."
    history = ws.conn.execute("SELECT action FROM history WHERE tbl='narrative'").fetchall()
    assert len(history) == 3
    with pytest.raises(NarrativeError):
        set_narrative(ws, story.ref, "9 bad!", "x")


def test_versions_are_kept_and_compared(ws: Workspace, story: Case) -> None:
    threat = _threat(ws, story)
    v1 = save_version(ws, generate_summary(ws, story.ref, TODAY))
    same = save_version(ws, generate_summary(ws, story.ref, TODAY), only_if_changed=True)
    assert same == v1
    record_review(ws, threat.id or 0, "2025-01-31", "Priya Sandhu", "reviewed after the hearing")
    v2 = save_version(ws, generate_summary(ws, story.ref, TODAY), only_if_changed=True)
    assert v2 != v1
    assert [v.id for v in list_versions(ws, story.id or 0)] == [v1, v2]
    lines = diff_versions(ws, v1, v2)
    assert lines[0].startswith(f"--- version {v1}") and lines[1].startswith(f"+++ version {v2}")
    assert any(line.startswith("-") and "NEEDS REVIEW" in line for line in lines)
    assert any(line.startswith("+") and "31/01/2025 by Priya Sandhu" in line for line in lines)
    old = get_version(ws, v1)
    assert old.data["primary_risks"][0]["needs_review"] is True
    assert "NEEDS REVIEW" in old.text
    assert (
        ws.conn.execute("SELECT count(*) FROM history WHERE tbl='summary_versions'").fetchone()[0]
        == 2
    )


def test_entries_marked_significant_later_appear_as_key_events(ws: Workspace, story: Case) -> None:
    visit = _entry(ws, story, "2024-12-20", EntryType.HOME_VISIT, "Home visit: new partner seen")
    update_entry(ws, visit.id or 0, significance="significant")
    s = generate_summary(ws, story.ref, TODAY)
    assert visit.id in [e.entry_id for e in s.key_events]


def test_an_empty_case_still_has_a_summary(ws: Workspace, case: Case) -> None:
    s = generate_summary(ws, case.ref, TODAY)
    text = render_text(s)
    assert "No primary risk is recorded for this case." in text
    assert s.header.entries == 0 and s.involvement == [] and s.sources == []


def test_an_unnamed_source_of_appointments_counts_as_health(ws: Workspace, case: Case) -> None:
    from summary.agencies import sector, sector_by_records

    assert sector("Kestrel Vale Community Health NHS Trust") == "health"
    assert sector("Children in Need Team 2") == "social care"
    assert sector("Northmoor Constabulary") == "police"
    assert sector("Bramblewood Early Years Centre") == "education"
    assert sector_by_records("Outlook export", {"appointment attended": 9, "other": 1}) == "health"
    assert sector_by_records("Outlook export", {"other": 9, "appointment attended": 1}) == "other"
    for day in ("2024-02-01", "2024-03-01", "2024-04-01"):
        _entry(
            ws,
            case,
            day,
            EntryType.APPOINTMENT_ATTENDED,
            "Physiotherapy",
            agency="Practitioner's Outlook calendar",
        )
    (year,) = generate_summary(ws, case.ref, TODAY).involvement
    assert year.health_appointments == 3
    assert year.sentence.startswith("In 2024: 3 health appointments and contacts")
