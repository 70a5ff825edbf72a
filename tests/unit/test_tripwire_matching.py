"""Trip-wire matching a worker relies on: the plural of a phrase's last word in its English
spelling ('breaches', 'rashes'), a multi-word phrase in the plural found by the search index as
well as in memory, trips in date order with an untimed entry first on its day, an old entry
never stopping the search, and a risk's state naming the risk and its last review."""

from __future__ import annotations

import datetime as dt

import pytest

from chronology.entries import add_entry, link_duplicate, list_entries
from chronology.models import Case, Entry, Precision
from chronology.workspace import Workspace
from summary.risks import Risk, add_risk, get_risk
from summary.tripwires import assess, risk_states, trips_in_entries, trips_in_workspace


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


def _risk(ws: Workspace, case: Case, phrases: list[str], reviewed: str = "2024-01-01") -> Risk:
    return add_risk(
        ws, Risk(case.id or 0, "Threat", phrases=phrases), reviewed=reviewed, reviewed_by="HO"
    )


# (phrase, an entry that must trip it, an entry that must not)
PLURALS = [
    ("breach", "Two breaches of the order reported", "Breachs is not a word"),
    ("rash", "Rashes on both arms", "Rashs noted"),
    ("tax", "Council taxes unpaid", "Taxs unpaid"),
    ("waltz", "Waltzes at the dance class", "Waltzs at class"),
    ("address", "Two addresses given", "Addresss given"),
    ("hearing", "Hearings adjourned", "Hearinges adjourned"),
]


@pytest.mark.parametrize(("phrase", "plural", "misspelt"), PLURALS)
def test_the_plural_of_the_last_word_in_its_english_spelling(
    ws: Workspace, case: Case, phrase: str, plural: str, misspelt: str
) -> None:
    hit = _entry(ws, case, "2024-02-01", plural)
    miss = _entry(ws, case, "2024-02-02", misspelt)
    risk = _risk(ws, case, [phrase])
    assert [t.entry_id for t in trips_in_workspace(ws, risk)] == [hit.id]
    assert [t.entry_id for t in trips_in_entries(risk, [hit, miss])] == [hit.id]


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("court order", "Court orders made for both children"),
        ("child arrangements order", "Child arrangements orders made"),
        ("non molestation order", "Non-molestation orders served"),
    ],
)
def test_a_phrase_of_several_words_in_the_plural_is_found_by_the_index(
    ws: Workspace, case: Case, phrase: str, text: str
) -> None:
    entry = _entry(ws, case, "2024-02-01", text)
    _entry(ws, case, "2024-02-02", "Orders of the day")  # the last word alone is not the phrase
    risk = _risk(ws, case, [phrase])
    (trip,) = trips_in_workspace(ws, risk)
    assert (trip.entry_id, trip.matched) == (entry.id, phrase)
    (held,) = trips_in_entries(risk, [entry])
    assert (held.entry_id, held.matched) == (entry.id, phrase)


def test_trips_in_date_order_an_untimed_entry_first_on_its_day(ws: Workspace, case: Case) -> None:
    timed = _entry(ws, case, "2024-02-01", "Final hearing at ten", time="10:00",
                   precision=Precision.DATETIME)  # fmt: skip
    untimed = _entry(ws, case, "2024-02-01", "Hearing listed")
    earlier = _entry(ws, case, "2024-01-20", "Hearing notice sent", time="16:00",
                     precision=Precision.DATETIME)  # fmt: skip
    risk = _risk(ws, case, ["hearing"])
    expected = [earlier.id, untimed.id, timed.id]
    assert [t.entry_id for t in trips_in_workspace(ws, risk)] == expected
    assert [t.entry_id for t in trips_in_entries(risk, [timed, untimed, earlier])] == expected


def test_an_entry_before_the_review_does_not_stop_the_search(ws: Workspace, case: Case) -> None:
    old = _entry(ws, case, "2023-12-01", "Hearing in December")  # before the review: seen
    new = _entry(ws, case, "2024-03-01", "Hearing in March")
    risk = _risk(ws, case, ["hearing"])
    assert [t.entry_id for t in trips_in_entries(risk, [old, new])] == [new.id]
    assert [t.entry_id for t in trips_in_workspace(ws, risk)] == [new.id]


def test_an_event_told_twice_trips_once_and_later_events_still_trip(
    ws: Workspace, case: Case
) -> None:
    first = _entry(ws, case, "2024-02-01", "Hearing adjourned")
    again = _entry(ws, case, "2024-02-01", "Hearing adjourned (police note)", agency="Police")
    link_duplicate(ws, again.id or 0, first.id or 0)
    later = _entry(ws, case, "2024-03-01", "Hearing relisted")
    risk = _risk(ws, case, ["hearing"])
    entries = list_entries(ws, case.id or 0)  # as stored: the second names the first
    expected = [first.id, later.id]
    assert [t.entry_id for t in trips_in_entries(risk, entries)] == expected
    assert [t.entry_id for t in trips_in_workspace(ws, risk)] == expected


def test_a_risks_state_names_the_risk_and_its_last_review(ws: Workspace, case: Case) -> None:
    risk = get_risk(ws, _risk(ws, case, ["hearing"], reviewed="2024-01-10").id or 0)
    _entry(ws, case, "2024-02-01", "Hearing listed")
    state = assess(risk, dt.date(2024, 2, 2), trips_in_workspace(ws, risk))
    assert state.risk_id == risk.id and risk.id
    assert state.last_review is not None and state.last_review.date == "2024-01-10"
    assert state.since == dt.date(2024, 1, 10)
    assert risk_states(ws, [risk], dt.date(2024, 2, 2))[risk.id].risk_id == risk.id
