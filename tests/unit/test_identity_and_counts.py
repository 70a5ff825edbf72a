"""A child's identity facts are never guessed, can be corrected with the change in history; the
case's count of entries is the same in the summary, its documents and the window."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chronology.cases import (
    CaseError,
    add_case,
    add_child,
    child_history,
    dob_warning,
    get_case,
    update_child,
)
from chronology.counts import count_label, entry_counts
from chronology.entries import EntryFilter, list_entries, set_status
from chronology.importers.pipeline import run_import
from chronology.models import Case, EntryStatus
from chronology.workspace import Workspace
from summary.case_summary import generate_summary
from summary.render import render_text, summary_json

TODAY = dt.date(2025, 3, 10)


def test_a_case_without_a_date_of_birth_has_no_age(ws: Workspace) -> None:
    case = add_case(ws, "ID-1", "Rowan Example")
    assert case.children[0].dob is None
    summary = generate_summary(ws, "ID-1", TODAY)
    assert summary.header.children[0].age == ""
    assert "aged" not in render_text(summary)


def test_a_date_of_birth_that_is_not_a_date_is_refused(ws: Workspace) -> None:
    with pytest.raises(CaseError, match="not a date"):
        add_case(ws, "ID-2", "Rowan Example", "31/02/2020")
    with pytest.raises(CaseError):
        add_child(ws, add_case(ws, "ID-3", "Rowan Example").id or 0, "Sibling", "next week")


def test_names_and_dates_of_birth_corrected_with_history(ws: Workspace, case: Case) -> None:
    child = case.children[0]
    update_child(ws, child.id or 0, "Mia Hollis-Grant", "2021-05-14")
    again = get_case(ws, case.ref).children[0]
    assert (again.name, again.dob) == ("Mia Hollis-Grant", "2021-05-14")
    update_child(ws, child.id or 0, "Mia Hollis-Grant", None)  # not known after all
    assert get_case(ws, case.ref).children[0].dob is None
    changes = [(json.loads(o), json.loads(n)) for _at, _w, _a, o, n in child_history(ws, child.id)]
    first, known = {"name": "Mia Hollis", "dob": "2021-05-04"}, {"name": "Mia Hollis-Grant"}
    assert changes == [
        (first, {**known, "dob": "2021-05-14"}),
        ({**known, "dob": "2021-05-14"}, {**known, "dob": None}),
    ]
    with pytest.raises(CaseError, match="name"):
        update_child(ws, child.id or 0, "  ", None)


def test_implausible_ages_are_named() -> None:
    assert "future" in dob_warning("2025-06-01", TODAY)
    assert "today" in dob_warning(TODAY.isoformat(), TODAY)
    assert "18 years" in dob_warning("2007-03-10", TODAY)
    assert "check the year" in dob_warning("1925-03-10", TODAY)
    assert dob_warning("2007-03-11", TODAY) == ""  # 17, a day short of 18
    assert dob_warning("2024-12-25", TODAY) == ""
    assert dob_warning(None, TODAY) == ""


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_every_date_of_birth_is_either_plausible_or_warned(born: dt.date) -> None:
    age = TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))
    plausible = born < TODAY and age < 18
    assert (dob_warning(born.isoformat(), TODAY) == "") == plausible


def test_counts_agree_between_summary_and_chronology(
    ws: Workspace, case: Case, data_dir: Path
) -> None:
    run_import(ws, case.id or 0, [data_dir / "core" / "social_care.csv"])
    run_import(ws, case.id or 0, [data_dir / "core" / "health.csv"])  # one linked duplicate
    entries = list_entries(ws, case.id or 0, EntryFilter())
    lines = [e for e in entries if e.duplicate_of is None]
    set_status(ws, lines[-1].id or 0, EntryStatus.WITHDRAWN, "entered on the wrong case")
    counts = entry_counts(ws, case.id or 0)
    assert counts.records == len(entries) - 1
    assert counts.entries == len(lines) - 1
    assert counts.withdrawn == 1
    summary = generate_summary(ws, case.ref, TODAY)
    assert (summary.header.entries, summary.header.records) == (counts.entries, counts.records)
    assert f"Chronology: {counts.label()}" in render_text(summary)
    assert summary_json(summary)["header"]["entries"] == counts.entries


def test_count_label_words() -> None:
    assert count_label(1, 1) == "1 entry"
    assert count_label(152, 153) == "152 entries (153 agency records)"
    assert count_label(1500, 1500, 2) == "1,500 entries (2 withdrawn not counted)"
