"""Trip-wires at their edges: the words a practitioner would not count (a hearing aid is not a
hearing), the words that must still count, either side of the review day and of the review
interval, and the point where the reasons are summarised. The workspace's matcher (full-text
index) and the in-memory one must agree on every line."""

from __future__ import annotations

import datetime as dt

import pytest

from chronology.entries import add_entry
from chronology.models import Case, Entry, EntryType, Precision
from chronology.workspace import Workspace
from summary.risks import REVIEW_DAYS, Review, Risk, RiskStatus, Urgency, add_risk
from summary.tripwires import (
    LONGEST_PERIOD_DAYS,
    REASONS_SHOWN,
    Trip,
    Tripwires,
    assess,
    review_baseline,
    trips_in_entries,
    trips_in_workspace,
)

PHRASES = ["hearing", "contact", "court", "order", "court order", "new partner", "breach"]

# (text, the phrase it trips, or None): what a practitioner would and would not count.
LINES = [
    # Another sense of the word: no trip.
    ("Hearing aid fitted at audiology", None),
    ("New hearing aids; hearing test booked", None),
    ("Referred for hearing loss", None),
    ("Grandfather is hard of hearing", None),
    ("Updated contact details for mother", None),
    ("Contact number changed", None),
    ("Good eye contact and smiling", None),
    ("Health visitor is the point of contact", None),
    ("Met at the food court in town", None),
    ("Plays at the tennis court on Saturdays", None),
    ("Called in order to arrange a visit", None),
    ("The lift was out of order", None),
    ("School reported a data breach", None),
    ("Contacted the school about attendance", None),  # not the word 'contact'
    ("Paid with a contactless card", None),
    ("Ordered a taxi to the clinic", None),  # 'ordered' is not 'order'
    # The same words meant as a trip-wire means them: a trip.
    ("Final hearing listed for November", "hearing"),
    ("Hearing aid fitted; the final hearing is next week", "hearing"),
    ("Hearings adjourned", "hearing"),
    ("Unsupervised contact agreed by the court", "contact"),
    ("Contact centre booked for Saturday", "contact"),
    ("Interim court order made", "court order"),
    ("Court orders made for both children", "court order"),
    ("Breach of the non-molestation order reported", "breach"),
    ("Mother says she has a new partner", "new partner"),
    # A denial, or a missed contact, is still a change a reviewer should see.
    ("Mother denies having a new partner", "new partner"),
    ("No contact this week: father unwell", "contact"),
    # Words out of order are not the phrase.
    ("An order of the court was read", "order"),
    ("Partner is new to the area", None),
]


@pytest.mark.parametrize(("text", "phrase"), LINES)
def test_what_counts_and_what_does_not(text: str, phrase: str | None) -> None:
    found = Tripwires.build(PHRASES, []).find(text)
    assert (found[0] if found else None) == phrase


def test_a_workers_own_phrase_in_the_other_sense_still_matches() -> None:
    wires = Tripwires.build(["hearing aid", "eye contact"], [])
    assert wires.find("Hearing aid fitted")[0] == "hearing aid"  # type: ignore[index]
    assert wires.find("poor eye contact noted")[0] == "eye contact"  # type: ignore[index]
    assert wires.find("final hearing listed") is None


def _entry(ws: Workspace, case: Case, date: str, summary: str, **kw: object) -> Entry:
    fields: dict[str, object] = {
        "case_id": case.id,
        "date": date,
        "precision": Precision.DAY,
        "summary": summary,
        "text": "",
        "agency": "Children's social care",
    }
    fields.update(kw)
    return add_entry(ws, Entry(**fields))  # type: ignore[arg-type]


def test_the_workspace_and_memory_agree_on_every_line(ws: Workspace, case: Case) -> None:
    entries = [
        _entry(ws, case, (dt.date(2024, 3, 1) + dt.timedelta(days=i)).isoformat(), text)
        for i, (text, _phrase) in enumerate(LINES)
    ]
    risk = add_risk(
        ws, Risk(case.id or 0, "Threat", phrases=PHRASES), reviewed="2024-01-01", reviewed_by="HO"
    )
    expected = [e.id for e, (_t, phrase) in zip(entries, LINES, strict=True) if phrase]
    assert [t.entry_id for t in trips_in_workspace(ws, risk)] == expected
    assert [t.entry_id for t in trips_in_entries(risk, entries)] == expected


def test_the_other_sense_is_read_in_the_text_as_well(ws: Workspace, case: Case) -> None:
    aid = _entry(ws, case, "2024-03-02", "Audiology", text="Hearing aid fitted today.")
    real = _entry(ws, case, "2024-03-03", "Court", text="Hearing aid fitted; hearing on Monday.")
    risk = add_risk(
        ws, Risk(case.id or 0, "T", phrases=["hearing"]), reviewed="2024-01-01", reviewed_by="HO"
    )
    trips = trips_in_workspace(ws, risk)
    assert [t.entry_id for t in trips] == [real.id] and aid.id not in [t.entry_id for t in trips]
    assert trips[0].matched == "hearing" and "hearing on Monday" in trips[0].quote


# ------------------------------------------------------------ either side of the review day
def _risk(**kw: object) -> Risk:
    fields: dict[str, object] = {
        "case_id": 1,
        "title": "Threat",
        "phrases": ["unsupported contact"],
        "identified_on": "2024-01-01",
    }
    fields.update(kw)
    return Risk(**fields)  # type: ignore[arg-type]


def _memory(date: str, **kw: object) -> Entry:
    fields: dict[str, object] = {
        "case_id": 1,
        "date": date,
        "precision": Precision.DAY,
        "summary": "unsupported contact began",
        "id": 7,
    }
    fields.update(kw)
    return Entry(**fields)  # type: ignore[arg-type]


REVIEWED = Review(risk_id=1, date="2024-06-10", by="HO")


@pytest.mark.parametrize(
    ("date", "extra", "trips"),
    [
        ("2024-06-09", {}, False),  # the day before the review
        ("2024-06-10", {}, False),  # the review day itself: seen by the review
        ("2024-06-11", {}, True),  # the day after
        # A fuzzy date counts when any part of its period falls after the review.
        ("2024-06-01", {"precision": Precision.MONTH, "date_end": "2024-06-30"}, True),
        ("2024-06-01", {"precision": Precision.MONTH, "date_end": "2024-06-10"}, False),
        ("2023-06-11", {"precision": Precision.YEAR, "date_end": "2024-06-11"}, True),
        # Longer ago than the longest period (a year) never counts, whatever its end says.
        (
            (dt.date(2024, 6, 10) - dt.timedelta(days=LONGEST_PERIOD_DAYS)).isoformat(),
            {"precision": Precision.YEAR, "date_end": "2024-12-31"},
            False,
        ),
    ],
)
def test_either_side_of_the_review_day(date: str, extra: dict, trips: bool, ws, case) -> None:
    risk = _risk(reviews=[REVIEWED], case_id=case.id)
    assert review_baseline(risk) == dt.date(2024, 6, 10)
    found = trips_in_entries(risk, [_memory(date, case_id=case.id, **extra)])
    assert bool(found) is trips
    stored = _entry(ws, case, date, "unsupported contact began", **extra)
    saved = add_risk(ws, _risk(case_id=case.id), reviewed="2024-06-10", reviewed_by="HO")
    assert bool(trips_in_workspace(ws, saved)) is trips, stored


def test_without_a_review_the_day_it_was_recorded_is_the_baseline() -> None:
    risk = _risk(identified_on="2024-03-05")
    assert review_baseline(risk) == dt.date(2024, 3, 5)
    assert trips_in_entries(risk, [_memory("2024-03-05")]) == []
    assert len(trips_in_entries(risk, [_memory("2024-03-06")])) == 1


# ------------------------------------------------------------- either side of the interval
@pytest.mark.parametrize(
    ("urgency", "review_days", "every"),
    [
        (Urgency.URGENT, None, REVIEW_DAYS[Urgency.URGENT]),
        (Urgency.IMPORTANT, None, REVIEW_DAYS[Urgency.IMPORTANT]),
        (Urgency.IMPORTANT, 28, 28),  # the worker's own interval wins
        (Urgency.URGENT, 1, 1),
    ],
)
def test_overdue_only_after_the_interval(urgency, review_days, every) -> None:
    risk = _risk(urgency=urgency, review_days=review_days, reviews=[REVIEWED])
    due = dt.date(2024, 6, 10) + dt.timedelta(days=every)
    on_the_day = assess(risk, due, [])
    assert on_the_day.review_due == due and not on_the_day.overdue
    assert not on_the_day.needs_review and on_the_day.reasons == []
    late = assess(risk, due + dt.timedelta(days=1), [])
    assert late.overdue and late.needs_review
    assert late.reasons == [f"review overdue since {due:%d/%m/%Y}"]


def test_never_reviewed_says_so() -> None:
    risk = _risk(identified_on="2024-01-01", urgency=Urgency.URGENT)
    state = assess(risk, dt.date(2024, 2, 1), [])
    assert state.reasons == [
        "never reviewed since it was recorded on 01/01/2024: review overdue since 15/01/2024"
    ]
    assert state.last_review is None and state.since == dt.date(2024, 1, 1)


def test_a_closed_risk_needs_nothing() -> None:
    risk = _risk(status=RiskStatus.CLOSED, identified_on="2020-01-01")
    trip = Trip(3, "2024-05-01", None, summary="unsupported contact")
    state = assess(risk, dt.date(2024, 6, 1), [trip])
    assert not state.overdue and state.trips == [] and not state.needs_review


def _trips(n: int) -> list[Trip]:
    return [
        Trip(i, f"2024-07-{i:02d}", None, type="home visit", summary=f"visit {i}")
        for i in range(1, n + 1)
    ]


@pytest.mark.parametrize(
    ("count", "lines"),
    [
        (REASONS_SHOWN, REASONS_SHOWN),  # up to the limit: each one spelled out
        (REASONS_SHOWN + 1, 5),  # one more: the two first, "N more", the two last
        (12, 5),
    ],
)
def test_reasons_are_summarised_beyond_the_limit(count: int, lines: int) -> None:
    risk = _risk(reviews=[Review(risk_id=1, date="2024-06-30", by="HO")])
    state = assess(risk, dt.date(2024, 7, 20), _trips(count))
    assert len(state.reasons) == lines and state.tripped_by == list(range(1, count + 1))
    if count > REASONS_SHOWN:
        assert state.reasons[2] == (
            f"circumstances changed: {count - 4} more entries since the last review match a "
            "trip-wire"
        )
        assert "visit 1" in state.reasons[0] and f"visit {count}" in state.reasons[-1]
    else:
        assert [f"visit {i}" in r for i, r in enumerate(state.reasons, 1)] == [True] * count


def test_an_entry_type_trip_wire_needs_no_words(ws: Workspace, case: Case) -> None:
    hearing = _entry(ws, case, "2024-07-02", "Listed", type=EntryType.COURT)
    _entry(ws, case, "2024-07-03", "Visit", type=EntryType.HOME_VISIT)
    risk = add_risk(
        ws,
        Risk(case.id or 0, "T", entry_types=[EntryType.COURT.value]),
        reviewed="2024-07-01",
        reviewed_by="HO",
    )
    (trip,) = trips_in_workspace(ws, risk)
    assert trip.entry_id == hearing.id and trip.matched == "entry type: court hearing or order"
