"""Search words matched for highlighting, and misspellings answered from the index's vocabulary."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from chronology.entries import add_entry, search_ids
from chronology.models import Case, Entry, EntryType, Precision
from chronology.search_suggest import Terms, Vocabulary, respelled
from chronology.workspace import Workspace

NOTES = (
    "Home visit: the kitchen was clean and the children were settled.",
    "Strategy discussion held after the disclosure at school.",
    "Health visitor weighed the baby; weight on the 25th centile.",
    "Mother did not attend the paediatric appointment.",
)


def _entries(ws: Workspace, case: Case) -> None:
    for n, note in enumerate(NOTES):
        add_entry(
            ws,
            Entry(
                case_id=case.id or 0,
                date=f"2024-05-{n + 1:02d}",
                precision=Precision.DAY,
                summary=note[:40],
                text=note,
                type=EntryType.OTHER,
            ),
        )


def _found(ws: Workspace, case: Case):
    return lambda search: bool(search_ids(ws, case.id or 0, search))


def test_terms_mark_whole_words_and_the_last_as_a_start() -> None:
    terms = Terms.of("home vis")
    text = "Homeless? No: a home visit, then visitors at home."
    assert [text[a:b] for a, b in terms.spans(text)] == ["home", "visit", "visitors", "home"]
    assert Terms.of("").spans(text) == []
    assert Terms.of("A&E o'brien").words == ("a", "e", "o", "brien")


@given(st.text(min_size=1, max_size=40), st.text(min_size=0, max_size=200))
def test_every_span_is_a_word_the_search_asked_for(search: str, text: str) -> None:
    terms = Terms.of(search)
    for start, end in terms.spans(text):
        found = text[start:end].lower()
        assert any(found == w or found.startswith(w) for w in terms.words)
        assert start == 0 or not re.match(r"\w", text[start - 1])


def test_a_misspelt_word_is_respelled_from_the_case(ws: Workspace, case: Case) -> None:
    _entries(ws, case)
    vocabulary = Vocabulary(ws)
    assert respelled("strategy discusion", vocabulary, _found(ws, case)) == (
        "strategy discussion",
        ["discusion"],
    )
    assert respelled("peadiatric", vocabulary, _found(ws, case)) == (
        "paediatric",
        ["peadiatric"],
    )
    assert respelled("kitchen", vocabulary, _found(ws, case)) is None  # found as typed
    assert respelled("zebracrossing", vocabulary, _found(ws, case)) is None  # nothing near
    assert respelled("xq", vocabulary, _found(ws, case)) is None  # too short to guess


def test_a_word_only_another_case_holds_is_not_offered(ws: Workspace, case: Case) -> None:
    from chronology.cases import add_case

    other = add_case(ws, "OTHER-1", "Sam Example")
    _entries(ws, other)
    assert respelled("discusion", Vocabulary(ws), _found(ws, case)) is None
