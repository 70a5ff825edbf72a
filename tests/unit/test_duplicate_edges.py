"""Duplicate finding at the edges of each threshold: minutes apart for a link made without asking
(5) and for a question to the worker (45 with few words shared, 240 with many), the share of
words (0.9 of both for a link, 0.2 of the shorter for a question), the fewest words that prove
anything (5), and the days an approximate date may be out (2). The limits are written here as
numbers, not read from the module: moving one is a decision that changes these tests (the figures
behind each are in chronology/duplicates.py). Each case checks its own premise (the words
counted) before the outcome, so a change in the word rules cannot make it pass for the wrong
reason."""

from __future__ import annotations

import pytest

from chronology.duplicate_search import find_duplicates
from chronology.duplicate_words import content_words
from chronology.duplicates import Record

AUTO_MINUTES, CLOSE_MINUTES, MAX_APART = 5, 45, 240
AUTO_WORDS, QUEUE_WORDS, AUTO_MIN_WORDS = 0.9, 0.2, 5
APPROX_DAYS = 2

VISIT = "Joint home visit at Fernside Road: Rowan weighed, flat warm and clean."


def _at(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def cand(
    ref: int,
    text: str,
    time: str | None = "09:30",
    date: str = "2024-07-08",
    type_: str = "home visit",
    agency: str = "Health visiting",
    approximate: bool = False,
) -> Record:
    return Record(ref, date, time, approximate, agency, type_, text, f"record:{ref}")


def outcome(new: Record, old: Record) -> str:
    """'linked', 'asked' (a possible duplicate for the worker) or 'apart'."""
    found = find_duplicates([new], [old])
    if not found:
        return "apart"
    (pair,) = found
    return "linked" if pair.auto else "asked"


def old(text: str = VISIT, **kw: object) -> Record:
    kw.setdefault("agency", "Children's social care")
    return cand(100, text, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(0, "linked"), (AUTO_MINUTES, "linked"), (AUTO_MINUTES + 1, "asked")],
)
def test_the_same_words_are_linked_only_within_auto_minutes(minutes: int, expected: str) -> None:
    new = cand(1, VISIT, time=_at(9 * 60 + 30 + minutes))
    assert outcome(new, old()) == expected


# Two different kinds of home visit, words barely shared: only time brings them together.
OTHER_VISIT = "Unannounced visit; nobody answered the door, card left."


@pytest.mark.parametrize(
    ("minutes", "expected"), [(CLOSE_MINUTES, "asked"), (CLOSE_MINUTES + 1, "apart")]
)
def test_close_in_time_with_few_words_shared_is_asked_up_to_close_minutes(
    minutes: int, expected: str
) -> None:
    a, b = set(content_words(OTHER_VISIT)), set(content_words(VISIT))
    assert len(a & b) / min(len(a), len(b)) < QUEUE_WORDS  # premise: words alone do not match
    new = cand(2, OTHER_VISIT, time=_at(9 * 60 + 30 + minutes))
    assert outcome(new, old()) == expected


REWORDED = "Rowan weighed at Fernside Road; flat warm, clean. Mother calm."


@pytest.mark.parametrize(("minutes", "expected"), [(MAX_APART, "asked"), (MAX_APART + 1, "apart")])
def test_shared_words_are_asked_about_up_to_max_apart(minutes: int, expected: str) -> None:
    new = cand(3, REWORDED, time=_at(9 * 60 + 30 + minutes), type_="telephone call")
    a, b = set(content_words(REWORDED)), set(content_words(VISIT))
    assert len(a & b) / min(len(a), len(b)) >= QUEUE_WORDS  # premise: the words match
    assert outcome(new, old()) == expected


WORDS = ["quince", "marigold", "lantern", "harbour", "velvet", "orchid", "saffron", "juniper"]


def _text(words: list[str]) -> str:
    return "At Fernside: " + " ".join(words)  # a place in common: a stock phrase names nobody


@pytest.mark.parametrize(
    ("extra", "expected"),
    [(0, "linked"), (1, "linked"), (4, "asked")],  # dice 1.0, 18/19 = 0.95, 18/22 = 0.82
)
def test_near_identical_means_auto_words_of_both_texts(extra: int, expected: str) -> None:
    base = _text(WORDS)
    longer = base + " " + " ".join(["walnut", "pepper", "thistle", "cobalt"][:extra])
    a, b = set(content_words(base)), set(content_words(longer))
    dice = 2 * len(a & b) / (len(a) + len(b))
    assert (dice >= AUTO_WORDS) is (expected == "linked")  # premise
    assert outcome(cand(4, longer), old(base)) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [(AUTO_MIN_WORDS - 2, "asked"), (AUTO_MIN_WORDS - 1, "linked")],  # + 'Fernside'
)
def test_too_few_words_prove_nothing(count: int, expected: str) -> None:
    text = _text(WORDS[:count])
    assert len(set(content_words(text))) == count + 1  # premise
    assert outcome(cand(5, text), old(text)) == expected


@pytest.mark.parametrize(("days", "expected"), [(APPROX_DAYS, "asked"), (APPROX_DAYS + 1, "apart")])
def test_an_approximate_date_may_be_out_by_approx_days(days: int, expected: str) -> None:
    date = f"2024-07-{8 + days:02d}"
    new = cand(6, VISIT, time=None, date=date)
    assert outcome(new, old(time=None, approximate=True)) == expected


def test_an_exact_date_a_day_out_is_a_different_event() -> None:
    assert outcome(cand(7, VISIT, date="2024-07-09"), old()) == "apart"


def test_a_threat_in_one_record_only_is_never_linked_without_the_worker() -> None:
    threat = VISIT + " Mother said she would kill herself if Rowan is moved."
    assert outcome(cand(8, threat), old()) == "asked"
    assert outcome(cand(8, threat), old(threat)) == "linked"  # both say it: the same record


def test_the_same_agency_reference_on_the_same_day_is_the_same_record() -> None:
    a = Record(
        9, "2024-07-08", "09:30", False, "Police", "incident", "Officers attended.",
        "record:9", source_ref="LOG-0042",
    )  # fmt: skip
    b = Record(
        100, "2024-07-08", "11:00", False, "Police", "incident",
        "Update: officers attended, no arrest.", "record:100", source_ref="LOG-0042",
    )  # fmt: skip
    assert outcome(a, b) == "linked"


@pytest.mark.parametrize(("old_words", "expected"), [(4, "asked"), (5, "apart")])
def test_a_fifth_of_the_shorter_records_words_is_enough_to_ask(
    old_words: int, expected: str
) -> None:
    before = _text(WORDS[:old_words])  # 'Fernside' and the words: 5, or 6
    after = "At Fernside: court listed the application, papers filed, directions given by judge"
    a, b = set(content_words(before)), set(content_words(after))
    share = len(a & b) / min(len(a), len(b))
    assert (share >= QUEUE_WORDS) is (expected == "asked")  # premise: 1/5, or 1/6
    new = cand(10, after, time="12:30", type_="court hearing or order")  # 3 hours later
    assert outcome(new, old(before)) == expected
