"""The agencies' own words for a contact become the chronology's entry types."""

from __future__ import annotations

import pytest

from chronology.importers.entry_types import normalise_type, outcome_status, type_from_word
from chronology.models import EntryType as T


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Home Visit", T.HOME_VISIT),
        ("Unannounced home visit", T.HOME_VISIT),
        ("Statutory Visit", T.HOME_VISIT),
        ("Child in Need Meeting", T.CIN_MEETING),
        ("CIN review", T.CIN_MEETING),
        ("CIN home visit", T.HOME_VISIT),
        ("Core Group", T.CORE_GROUP),
        ("Strategy Discussion", T.STRATEGY_DISCUSSION),
        ("Strategy", T.STRATEGY_DISCUSSION),
        ("Initial Child Protection Conference", T.CP_CONFERENCE),
        ("RCPC", T.CP_CONFERENCE),
        ("Court", T.COURT),
        ("Court Hearing", T.COURT),
        ("Legal - directions hearing", T.COURT),
        ("Legal", T.OTHER),
        ("Telephone Call", T.TELEPHONE_CALL),
        ("Telephone", T.TELEPHONE_CALL),
        ("Referral", T.REFERRAL),
        ("Contact/Referral", T.REFERRAL),
        ("PPN", T.REFERRAL),
        ("Assessment", T.ASSESSMENT),
        ("Domestic Incident", T.INCIDENT),
        ("Concern for Welfare", T.INCIDENT),
        ("Suspicious Circumstances", T.INCIDENT),
        ("Harassment", T.INCIDENT),
        ("Public Order", T.INCIDENT),
        ("Supervision", T.SUPERVISION),
        ("Disclosure", T.DISCLOSURE),
        ("Clinic", T.APPOINTMENT_ATTENDED),
        ("Appointment", T.APPOINTMENT_ATTENDED),
        ("DNA", T.WAS_NOT_BROUGHT),
        ("Cancelled", T.CANCELLED),
        ("Multi-agency Liaison", T.OTHER),
        ("Visit to Setting", T.OTHER),
        ("Management Oversight", T.OTHER),
        ("Case Note", T.OTHER),
        ("", T.OTHER),
    ],
)
def test_source_words(word: str, expected: T) -> None:
    assert normalise_type(word) == expected


@pytest.mark.parametrize(
    "word",
    ["Phonics session", "Courtyard play", "Recall letter", "Incidental note", "Dnase result"],
)
def test_words_match_at_word_boundaries_not_inside_words(word: str) -> None:
    assert normalise_type(word) == T.OTHER


def test_entry_type_values_map_to_themselves() -> None:
    # A profile's type vocabulary gives entry-type values; they must come back unchanged.
    for kind in T:
        assert normalise_type(kind.value) == kind


@pytest.mark.parametrize(
    ("word", "outcome", "expected"),
    [
        ("Clinic", "Attended", T.APPOINTMENT_ATTENDED),
        ("Home Visit", "Attended", T.APPOINTMENT_ATTENDED),
        ("Telephone", "Attended", T.APPOINTMENT_ATTENDED),
        ("Clinic", "Was Not Brought", T.WAS_NOT_BROUGHT),
        ("Home Visit", "DNA", T.WAS_NOT_BROUGHT),
        ("Clinic", "did not attend", T.WAS_NOT_BROUGHT),
        ("Home Visit", "Cancelled by parent", T.CANCELLED),
        ("Child in Need Meeting", "Cancelled", T.CANCELLED),  # a cancelled meeting was not held
        ("Child in Need Meeting", "Did not attend", T.CIN_MEETING),  # held without the parent
        ("Court Hearing", "Attended", T.COURT),
        ("Home Visit", "", T.HOME_VISIT),
        ("Home Visit", "Child seen alone", T.HOME_VISIT),
    ],
)
def test_outcome_decides_for_appointments(word: str, outcome: str, expected: T) -> None:
    assert normalise_type(word, outcome) == expected


def test_text_is_used_only_when_the_type_column_says_nothing() -> None:
    assert normalise_type("", "", "Second CIN review meeting. Plan progressing.") == T.CIN_MEETING
    assert normalise_type("", "", "FHDRA held. Section 7 report directed.") == T.COURT
    assert normalise_type("", "", "Danielle disclosed that he took her cards.") == T.DISCLOSURE
    assert normalise_type("", "", "Hearing test: glue ear.") == T.APPOINTMENT_ATTENDED
    # A known type word is never second-guessed from the note.
    assert normalise_type("Case Note", "", "Strategy discussion held today.") == T.OTHER
    assert normalise_type("Home Visit", "", "As agreed at the last CIN review.") == T.HOME_VISIT


def test_text_reads_only_the_first_sentence_and_the_earliest_phrase() -> None:
    text = "Home visit as agreed at the last CIN review. Court date set."
    assert normalise_type("", "", text) == T.HOME_VISIT
    assert normalise_type("", "", "Riley painted. Police attended later.") == T.OTHER


def test_type_from_word_tells_a_known_word_from_one_that_says_nothing() -> None:
    # The pipeline caches a known word's type and reads the text only for the others.
    assert type_from_word("Case Note") == T.OTHER
    assert type_from_word("Home Visit") == T.HOME_VISIT
    assert type_from_word("Widget") is None
    assert type_from_word("") is None


def test_outcome_status() -> None:
    assert outcome_status("Cancelled by parent") == "cancelled"
    assert outcome_status("CANCELLED") == "cancelled"
    assert outcome_status("Was Not Brought") == "active"
    assert outcome_status("Attended") == "active"
    assert outcome_status("") == "active"
