"""What a tripped risk shows as its reason: the words around the phrase that matched (whole
words, at most forty characters either side, '…' where the text was cut, spaces and line breaks
as single spaces), or the entry's short summary when an entry type tripped it. The workspace's
reasons and the in-memory ones must read the same."""

from __future__ import annotations

import pytest

from chronology.entries import add_entry
from chronology.models import Case, Entry, EntryType, Precision
from chronology.workspace import Workspace
from summary.risks import Risk, add_risk
from summary.tripwires import Trip, trips_in_entries, trips_in_workspace

PHRASES = ["final hearing", "hearing"]

BEFORE = "Both parents and the guardian attended. "  # 40 characters
AFTER = " Listed next for a review in the spring."  # 40 characters
# (text of the entry, the quote its reason shows; None: the whole text)
QUOTES = [
    ("Final hearing listed", "Final hearing listed"),  # short: the whole text, nothing cut
    (
        "The worker spoke with both parents about the plans for the summer; the final hearing "
        "is listed for the week after the school holidays end.",
        # 36 characters before the phrase and 33 after, each cut at a space
        "…about the plans for the summer; the final hearing is listed for the week after the…",
    ),
    ("Listed:   final\n hearing   next   week", "Listed: final hearing next week"),
    ("Mother said the final hearing was moved", "Mother said the final hearing was moved"),
    (
        "x" * 45 + " then the hearing was moved to a later date in the autumn term of the year",
        "…then the hearing was moved to a later date in the…",
    ),
    # No space within forty characters either side: the phrase alone, cut both ways.
    ("a" * 52 + " hearing " + "b" * 52, "…hearing…"),
    # Exactly forty characters before and after: nothing to cut.
    (f"{BEFORE}hearing{AFTER}", None),
    # One more character either side makes a word too long to keep whole: that word goes.
    (f"X{BEFORE}hearing{AFTER}", "…parents and the guardian attended. hearing" + AFTER),
    (f"{BEFORE}hearing{AFTER}Y", BEFORE + "hearing Listed next for a review in the…"),
]


def _entry(ws: Workspace, case: Case, date: str, text: str, **kw: object) -> Entry:
    fields: dict[str, object] = {
        "case_id": case.id,
        "date": date,
        "precision": Precision.DAY,
        "summary": "Note of the day",
        "text": text,
        "agency": "Children's social care",
    }
    fields.update(kw)
    return add_entry(ws, Entry(**fields))  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "quote"), QUOTES)
def test_the_reason_quotes_the_words_around_the_phrase(
    ws: Workspace, case: Case, text: str, quote: str | None
) -> None:
    entry = _entry(ws, case, "2024-03-04", text)
    risk = add_risk(
        ws, Risk(case.id or 0, "Threat", phrases=PHRASES), reviewed="2024-01-01", reviewed_by="HO"
    )
    expected = quote if quote is not None else " ".join(text.split())
    (in_memory,) = trips_in_entries(risk, [entry])
    (stored,) = trips_in_workspace(ws, risk)
    assert in_memory.quote == stored.quote == expected
    assert in_memory.matched == stored.matched in PHRASES
    assert in_memory.reason() == stored.reason()
    assert stored.reason().endswith(f"— '{expected}'")


def test_the_phrase_is_quoted_from_the_summary_before_the_text(ws: Workspace, case: Case) -> None:
    entry = _entry(
        ws, case, "2024-03-04", "Final hearing moved to May", summary="Hearing adjourned"
    )
    risk = add_risk(
        ws, Risk(case.id or 0, "Threat", phrases=PHRASES), reviewed="2024-01-01", reviewed_by="HO"
    )
    (trip,) = trips_in_workspace(ws, risk)
    assert (trip.matched, trip.quote) == ("hearing", "Hearing adjourned")
    assert trips_in_entries(risk, [entry])[0].quote == "Hearing adjourned"


@pytest.mark.parametrize(
    ("summary", "shown"),
    [
        ("Listed before the district judge", "Listed before the district judge"),
        ("  Listed\nbefore   the judge ", "Listed before the judge"),
        # 80 characters is kept whole; longer is cut at the last space before the 80th, with '…'.
        ("word " * 15 + "abcde", "word " * 15 + "abcde"),
        ("word " * 30, ("word " * 15).strip() + "…"),
        ("a" * 100, "a" * 79 + "…"),
    ],
)
def test_an_entry_type_trip_shows_the_summary_shortened(
    ws: Workspace, case: Case, summary: str, shown: str
) -> None:
    entry = _entry(ws, case, "2024-03-04", "", summary=summary, type=EntryType.COURT)
    risk = add_risk(
        ws,
        Risk(case.id or 0, "Threat", entry_types=[EntryType.COURT.value]),
        reviewed="2024-01-01",
        reviewed_by="HO",
    )
    (trip,) = trips_in_workspace(ws, risk)
    assert trip.matched == f"entry type: {EntryType.COURT.value}" and trip.quote == ""
    assert trip.reason() == f"circumstances changed: 04/03/2024 {EntryType.COURT.value} — {shown}"
    (held,) = trips_in_entries(risk, [entry])
    assert held.reason() == trip.reason()


def test_a_record_of_no_particular_type_is_named_by_its_agency() -> None:
    trip = Trip(1, "2024-03-04", None, type=EntryType.OTHER.value, agency="Police",
                summary="Call logged", quote="the final hearing")  # fmt: skip
    assert trip.reason() == "circumstances changed: 04/03/2024 Police record — 'the final hearing'"


def test_the_quotes_edges_are_forty_characters() -> None:
    assert len(BEFORE) == len(AFTER) == 40  # the premise of the edge cases above
