"""A spreadsheet's own grading column (concern level, RAG) feeds significance as the source's
coding: a suggestion with its reason, for the worker to confirm; never a silent level."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chronology.entries import EntryFilter, list_entries
from chronology.importers.grading import grading_label, header_reads_as_grading
from chronology.importers.pipeline import ImportOptions, run_import
from chronology.models import Case, Significance
from chronology.workspace import Workspace

MAPPING = {"Date": "date", "Worker": "author", "Note": "text", "Colour": "grading"}


def _levels(ws: Workspace, case: Case) -> dict[str, tuple[str, str, str]]:
    return {
        e.text.split(";")[0]: (e.significance.value, e.significance_status, e.significance_reason)
        for e in list_entries(ws, case.id or 0, EntryFilter())
    }


def test_a_column_chosen_as_the_grading_suggests_significance_with_its_reason(
    ws: Workspace, case: Case, data_dir: Path
) -> None:
    (report,) = run_import(
        ws, case.id or 0, [data_dir / "csv" / "graded_contacts.csv"], ImportOptions(mapping=MAPPING)
    )
    assert report.error is None and report.imported == 3
    levels = _levels(ws, case)
    red = levels["Grandmother rang to say the children had missed two days of school."]
    amber = levels["Mother said the bedroom ceiling is leaking again"]
    green = levels["Visited the family at home"]
    assert red[:2] == ("key", "suggested") and "graded it 'Red' (Colour (grading))" in red[2]
    assert amber[:2] == ("significant", "suggested") and "'Amber'" in amber[2]
    assert green[0] == "routine"
    entry = next(e for e in list_entries(ws, case.id or 0) if "ceiling" in e.text)
    assert "Colour (grading): Amber" in entry.details  # kept beside the note, not in it
    assert "Amber" not in entry.text


def test_left_in_the_details_a_colour_column_suggests_nothing(
    ws: Workspace, case: Case, data_dir: Path
) -> None:
    plain = {**MAPPING, "Colour": "extra"}  # the worker did not say it is a grading
    run_import(
        ws, case.id or 0, [data_dir / "csv" / "graded_contacts.csv"], ImportOptions(mapping=plain)
    )
    assert {level for level, _s, _r in _levels(ws, case).values()} == {"routine"}


@pytest.mark.parametrize(
    ("header", "label"),
    [("Concern level", "Concern level"), ("RAG", "RAG"), ("Colour", "Colour (grading)")],
)
def test_a_header_that_says_grading_keeps_its_name(header: str, label: str) -> None:
    assert grading_label(header) == label


@given(st.text(alphabet=st.characters(blacklist_characters=":\n\r"), min_size=1, max_size=30))
def test_every_grading_label_is_read_as_a_grading(header: str) -> None:
    assert header_reads_as_grading(grading_label(header))


def test_the_levels_follow_the_source_words() -> None:
    from chronology.models import EntryType
    from chronology.significance_rules import suggest_coded

    for value, level in (("High", "key"), ("Medium", "significant"), ("Low", "routine")):
        got = suggest_coded(EntryType.OTHER, "", f"{grading_label('Colour')}: {value}")
        assert got.significance == Significance(level), value
