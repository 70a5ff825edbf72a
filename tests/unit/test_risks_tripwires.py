"""Trip-wires: whole-word phrase matching, entry types, review dates, duplicates counted once."""

from __future__ import annotations

import datetime as dt

import pytest

from chronology.entries import add_entry, link_duplicate, set_status
from chronology.models import Case, Entry, EntryStatus, EntryType, Precision
from chronology.workspace import Workspace
from summary.risks import Risk, add_risk, get_risk, record_review
from summary.tripwires import (
    DEFAULT_PHRASES,
    Tripwires,
    assess,
    trips_in_entries,
    trips_in_workspace,
    tripwires_for,
)

TODAY = dt.date(2024, 12, 1)


def _entry(ws: Workspace, case: Case, date: str, text: str, **kw: object) -> Entry:
    fields: dict[str, object] = {
        "case_id": case.id,
        "date": date,
        "precision": Precision.DAY,
        "summary": text[:50],
        "text": text,
        "agency": "Children's social care",
    }
    fields.update(kw)
    return add_entry(ws, Entry(**fields))  # type: ignore[arg-type]


def _contact_risk(ws: Workspace, case: Case, reviewed: str = "2024-02-01", **kw: object) -> Risk:
    fields: dict[str, object] = {
        "case_id": case.id,
        "title": "Conditional threat",
        "primary": True,
        "phrases": ["unsupported contact"],
    }
    fields.update(kw)
    return add_risk(ws, Risk(**fields), reviewed=reviewed, reviewed_by="HO")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("Contact went well", True),
        ("supervised contact.", True),
        ("the contact-centre rang", True),
        ("contacts with father", True),  # a plain plural also matches
        ("Mother's CONTACT's booked", True),
        ("Danielle contacted the HV", False),
        ("paid by contactless card", False),
        ("recontact arranged", False),
        ("contact_centre", True),  # an underscore separates words, as in the search index
    ],
)
def test_contact_matches_whole_words_only(text: str, hit: bool) -> None:
    wires = Tripwires.build(["contact"], [])
    assert (wires.find(text) is not None) is hit


def test_phrases_match_words_in_order_across_punctuation() -> None:
    wires = Tripwires.build(["self-harm", "unsupported contact", "court order"], [])
    assert wires.find("history of self harm")[0] == "self-harm"  # type: ignore[index]
    assert wires.find("UNSUPPORTED\ncontact agreed")[0] == "unsupported contact"  # type: ignore[index]
    assert wires.find("interim court orders made") is not None
    assert wires.find("contact was unsupported") is None
    assert wires.find("court ordered a report") is None


def test_the_longest_phrase_is_named_when_several_match() -> None:
    wires = Tripwires.build(["contact", "unsupported contact"], [])
    assert wires.find("granted unsupported contact")[0] == "unsupported contact"  # type: ignore[index]


def test_entry_types_trip_without_any_phrase() -> None:
    wires = Tripwires.build([], ["court hearing or order"])
    court = Entry(1, "2024-11-19", Precision.DAY, "Hearing", type=EntryType.COURT)
    visit = Entry(1, "2024-11-19", Precision.DAY, "Visit", type=EntryType.HOME_VISIT)
    assert wires.matches(court) == "entry type: court hearing or order"
    assert wires.matches(visit) is None


def test_explicit_triggers_replace_the_category_defaults(ws: Workspace, case: Case) -> None:
    own = _contact_risk(ws, case, category="conditional threat")
    wires = tripwires_for(own)
    assert wires.phrases == ("unsupported contact",) and not wires.types
    default = add_risk(ws, Risk(case.id or 0, "Threat", category="conditional threat"))
    wires = tripwires_for(default)
    assert set(wires.phrases) == set(DEFAULT_PHRASES["conditional threat"])
    assert wires.types == {"court hearing or order"}
    general = add_risk(ws, Risk(case.id or 0, "Something else"))
    assert "court hearing or order" in tripwires_for(general).types


def test_only_entries_after_the_last_review_trip_the_risk(ws: Workspace, case: Case) -> None:
    _entry(ws, case, "2024-01-20", "Father asks for unsupported contact")
    same_day = _entry(ws, case, "2024-02-01", "Unsupported contact discussed")
    hearing = _entry(
        ws,
        case,
        "2024-11-19",
        "Final hearing. Order made: Riley to spend unsupported contact on alternate Saturdays.",
        type=EntryType.COURT,
        time="10:00",
        precision=Precision.DATETIME,
    )
    risk = _contact_risk(ws, case)
    state = assess(risk, TODAY, trips_in_workspace(ws, risk))
    assert state.tripped_by == [hearing.id]  # the same-day entry is covered by the review
    assert same_day.id not in state.tripped_by
    assert state.needs_review
    assert state.reasons[-1].startswith(
        "circumstances changed: 19/11/2024 10:00 court hearing or order — '…"
    )
    assert "Riley to spend unsupported contact on alternate Saturdays.'" in state.reasons[-1]

    record_review(ws, risk.id or 0, "2024-11-20", "Priya Sandhu", "safety plan updated")
    risk = get_risk(ws, risk.id or 0)
    cleared = assess(risk, TODAY, trips_in_workspace(ws, risk))
    assert cleared.tripped_by == [] and not cleared.needs_review

    later = _entry(ws, case, "2024-11-30", "First unsupported contact went ahead")
    again = assess(risk, TODAY, trips_in_workspace(ws, risk))
    assert again.tripped_by == [later.id] and again.needs_review


def test_inactive_entries_never_trip(ws: Workspace, case: Case) -> None:
    cancelled = _entry(
        ws, case, "2024-03-01", "unsupported contact session", status=EntryStatus.CANCELLED
    )
    withdrawn = _entry(ws, case, "2024-03-02", "unsupported contact recorded in error")
    set_status(ws, withdrawn.id or 0, EntryStatus.WITHDRAWN, "wrong child")
    risk = _contact_risk(ws, case)
    assert trips_in_workspace(ws, risk) == []
    assert cancelled.id and trips_in_entries(risk, [cancelled]) == []


def test_a_duplicate_cluster_counts_once_under_its_first_record(ws: Workspace, case: Case) -> None:
    root = _entry(ws, case, "2024-11-19", "Court hearing today", type=EntryType.COURT)
    dup = _entry(
        ws, case, "2024-11-19", "HV told of unsupported contact order", agency="Health visiting"
    )
    link_duplicate(ws, dup.id or 0, root.id or 0)
    twin = _entry(ws, case, "2024-11-19", "unsupported contact: CSC note", agency="Police")
    link_duplicate(ws, twin.id or 0, root.id or 0)
    risk = _contact_risk(ws, case)
    trips = trips_in_workspace(ws, risk)
    assert [t.entry_id for t in trips] == [root.id]  # the root is named, once
    assert trips[0].quote  # the wording that matched comes from the duplicate
    from chronology.entries import list_entries

    in_memory = trips_in_entries(risk, list_entries(ws, case.id or 0))
    assert [t.entry_id for t in in_memory] == [root.id]


def test_a_fuzzy_date_trips_when_its_period_runs_past_the_review(ws: Workspace, case: Case) -> None:
    month = _entry(
        ws,
        case,
        "2024-02-01",
        "Unsupported contact began (month only)",
        precision=Precision.MONTH,
        date_end="2024-02-29",
    )
    risk = _contact_risk(ws, case, reviewed="2024-02-15")
    assert [t.entry_id for t in trips_in_workspace(ws, risk)] == [month.id]


def test_workspace_and_in_memory_matching_agree(ws: Workspace, case: Case) -> None:
    texts = [
        "Contact went well",
        "Danielle contacted the HV",
        "contactless payment",
        "Contacts resumed",
        "self harm disclosed",
        "the hearing was adjourned",
        "hearings listed",
        "hearing aid fitted",
        "court order made",
        "Moved-house last week",
    ]
    entries = [_entry(ws, case, f"2024-03-{i + 10:02d}", t) for i, t in enumerate(texts)]
    risk = add_risk(
        ws,
        Risk(case.id or 0, "Threat", phrases=["contact", "self-harm", "hearing", "moved house"]),
        reviewed="2024-01-01",
        reviewed_by="HO",
    )
    sql = [t.entry_id for t in trips_in_workspace(ws, risk)]
    memory = [t.entry_id for t in trips_in_entries(risk, entries)]
    assert sql == memory
    # "hearing aid fitted" is not a hearing: it trips nothing, in either matcher.
    assert [entries.index(next(e for e in entries if e.id == i)) for i in sql] == [
        0,
        3,
        4,
        5,
        6,
        9,
    ]


def test_many_trips_are_summarised_but_all_listed(ws: Workspace, case: Case) -> None:
    for day in range(1, 10):
        _entry(ws, case, f"2024-05-{day:02d}", "unsupported contact again")
    risk = _contact_risk(ws, case)
    state = assess(risk, dt.date(2024, 5, 10), trips_in_workspace(ws, risk))
    assert len(state.tripped_by) == 9
    assert state.reasons[0] == "review overdue since 28/03/2024"
    assert "5 more entries" in state.reasons[3]
    assert len(state.reasons) == 6  # overdue, two earliest, "5 more", two latest
