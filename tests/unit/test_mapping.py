"""Column mapping: agency headers land on the right entry fields, profiles load and save."""

from __future__ import annotations

import pytest

from chronology.importers.mapping import (
    HEADER_SYNONYMS,
    MappingProfile,
    best_profile,
    default_agency,
    detect_mapping,
    find_header_row,
    is_date_header,
    missing_required,
    normalise_header,
    profile_from_json,
    profile_to_json,
    shipped_profiles,
)
from chronology.importers.records import FIELDS


def test_every_field_has_synonyms_and_they_are_normalised() -> None:
    assert set(HEADER_SYNONYMS) == set(FIELDS) - {"extra"}
    for synonyms in HEADER_SYNONYMS.values():
        assert all(s == normalise_header(s) for s in synonyms)


def test_normalise_header() -> None:
    assert normalise_header("  Date/Time ") == "date time"
    assert normalise_header("Case_Note-Date") == "case note date"


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            ["Case Note Date", "Time", "Note Type", "Worker", "Team", "Subject", "Note"],
            ["date", "time", "type", "author", "agency", "summary", "text"],
        ),
        (
            ["NHS Number", "Date", "Staff", "Organisation", "Contact Type", "Outcome", "Notes"],
            ["person", "date", "author", "agency", "type", "outcome", "text"],
        ),
        (
            ["Log Number", "Reported", "Incident Type", "Grading", "Location", "Summary"]
            + ["Officer", "Shoulder number"],
            ["reference", "date", "type", "extra", "location", "text", "author", "extra"],
        ),
        (
            ["Date", "Key Person", "Area of Learning", "Observation", "Next Steps"],
            ["date", "author", "extra", "text", "extra"],
        ),
        (["Date", "Source", "Event", "Significance"], ["date", "agency", "text", "extra"]),
    ],
)
def test_agency_headers_map_without_a_profile(columns: list[str], expected: list[str]) -> None:
    mapping = detect_mapping(columns)
    assert [mapping[c] for c in columns] == expected


def test_at_most_one_column_per_field_and_every_column_mapped() -> None:
    columns = ["Date", "Event date", "Notes", "Note", "Comments", "Whatever"]
    mapping = detect_mapping(columns)
    assert set(mapping) == set(columns)
    fields = [f for f in mapping.values() if f != "extra"]
    assert len(fields) == len(set(fields))
    assert mapping["Date"] == "date"  # the exact synonym wins over 'Event date'
    assert mapping["Whatever"] == "extra"


def test_words_match_whole_words_not_substrings() -> None:
    mapping = detect_mapping(["Date", "Notepad ID", "Teammate"])
    assert mapping["Teammate"] == "extra"  # 'team' inside a word is not the agency
    assert mapping["Notepad ID"] == "reference"  # 'id' is a whole word here


def test_header_containing_a_synonym_maps_when_nothing_names_the_field_exactly() -> None:
    mapping = detect_mapping(["Date of home visit", "Visit notes", "Practitioner name"])
    assert mapping == {
        "Date of home visit": "date",
        "Visit notes": "text",
        "Practitioner name": "author",
    }


@pytest.mark.parametrize("header", ["Date of note", "Date/time of visit", "Note date (UK)"])
def test_a_header_naming_the_date_is_the_date_even_if_it_names_another_field(header: str) -> None:
    mapping = detect_mapping([header, "Details"])
    assert mapping == {header: "date", "Details": "text"}


def test_date_of_birth_is_not_the_event_date() -> None:
    mapping = detect_mapping(["Date of birth", "Name", "Notes"])
    assert "date" not in mapping.values()
    message = missing_required(mapping)
    assert message is not None and "date" in message and "'Date of birth'" in message


def test_missing_required_is_none_with_a_date_column() -> None:
    assert missing_required({"When": "date", "What": "text"}) is None


def test_profile_columns_take_precedence_over_synonyms() -> None:
    profile = MappingProfile(
        name="custom",
        columns={"Logged": "date", "Summary": "summary", "Narrative": "text", "Team": "extra"},
    )
    mapping = detect_mapping(["Logged", "Summary", "Narrative", "Team"], profile)
    assert mapping == {"Logged": "date", "Summary": "summary", "Narrative": "text", "Team": "extra"}


def test_is_date_header() -> None:
    assert all(is_date_header(h) for h in ["Date", "When", "Date of event", "Contact date"])
    assert not any(is_date_header(h) for h in ["Date of birth", "DOB", "Update", "Event"])


def test_find_header_row_skips_title_and_blank_rows() -> None:
    rows = [
        ["Case notes export for Riley Example", "", ""],
        ["", "", ""],
        ["Date", "Type", "Note"],
        ["01/05/2024", "Home Visit", "Seen"],
        ["02/05/2024", "Telephone Call", "Call"],
    ]
    assert find_header_row(rows) == 2


def test_find_header_row_passes_over_details_lines_narrower_than_the_table() -> None:
    rows = [
        ["Child:", "Riley Example", "", ""],
        ["Date", "Type", "Worker", "Note"],
        ["01/05/2024", "Home Visit", "Ana Price", ""],
        ["02/05/2024", "Telephone Call", "Ana Price", "Call"],
    ]
    assert find_header_row(rows) == 1


def test_find_header_row_rejects_data_rows() -> None:
    assert find_header_row([["01/05/2024", "12"], ["02/05/2024", "13"]]) is None


def test_shipped_profiles_load_and_match_their_systems() -> None:
    names = {p.name for p in shipped_profiles()}
    assert {
        "la-case-notes",
        "community-health-contacts",
        "police-incident-log",
        "early-years-observations",
        "word-chronology",
    } <= names
    columns = ["Case Note Date", "Time", "Note Type", "Worker", "Team", "Subject", "Note"]
    profile = best_profile(columns)
    assert profile is not None and profile.name == "la-case-notes"
    assert profile.agency == "Children's social care"
    assert best_profile(["Date", "Source", "Event", "Significance"]).name == "word-chronology"
    assert best_profile(["When", "What"]) is None


def test_shipped_profiles_are_copies() -> None:
    first = shipped_profiles()[0]
    first.columns.clear()
    assert shipped_profiles()[0].columns


def test_profile_json_round_trip() -> None:
    profile = MappingProfile(
        name="Fenwick nursery",
        agency="Nursery",
        columns={"Obs date": "date", "Obs": "text"},
        day_first=False,
        type_vocabulary={"Learning journey": "other"},
        match_headers=["Obs date", "Obs"],
    )
    assert profile_from_json(profile_to_json(profile)) == profile


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        '{"columns": {}}',
        '{"name": "x", "columns": {"Date": "when"}}',
        '{"name": "x", "type_vocabulary": {"Visit": "social call"}}',
    ],
)
def test_invalid_profiles_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        profile_from_json(text)


def test_default_agency_from_profile_then_file_name() -> None:
    police = next(p for p in shipped_profiles() if p.name == "police-incident-log")
    assert default_agency(police, "anything.csv", {}) == "Police"
    assert default_agency(None, "health_visiting_export.csv", {}) == "Health visiting"
    assert default_agency(None, "nursery_observations.xlsx", {}) == "Nursery"
    assert default_agency(None, "previous_chronology.docx", {}) == "Previous chronology"
    assert default_agency(None, "social_care_case_notes.csv", {}) == "Children's social care"
    assert default_agency(None, "fenwick-school_log.csv", {}) == "School"
    assert default_agency(None, "misc_export_2024.csv", {}) == "Misc export 2024"
