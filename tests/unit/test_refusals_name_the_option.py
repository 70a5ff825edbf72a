"""A refused file's message names the option that would let it in (issue 10, item 7)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from table_maker import table

from chronology.importers.pipeline import run_import
from chronology.models import Case
from chronology.workspace import Workspace

DATA = Path(__file__).resolve().parent.parent / "data"


def _csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path


@pytest.mark.parametrize(
    ("header", "kinds", "option"),
    [
        (["Note", "Staff"], ["prose", "worker"], "--map date=COLUMN"),
        (["Date of birth", "Note"], ["date", "prose"], "--map date=COLUMN"),
        (["Date", "One", "Two"], ["date", "prose", "prose"], "--map text=COLUMN"),
        (["Seen", "Logged", "Note"], ["date", "date", "prose"], "--map date=COLUMN"),
    ],
)
def test_a_mapping_refusal_names_map(
    ws: Workspace, case: Case, tmp_path: Path, header: list[str], kinds: list[str], option: str
) -> None:
    path = _csv(tmp_path / "f.csv", header, table(kinds, 10))
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is not None and option in report.error
    assert "\n" not in report.error


def test_several_people_names_person(ws: Workspace, case: Case) -> None:
    (report,) = run_import(ws, case.id or 0, [DATA / "reading" / "two_children.csv"])
    assert report.error is not None and "--person VALUE" in report.error


def test_several_fhir_patients_names_patient(ws: Workspace, case: Case) -> None:
    (report,) = run_import(ws, case.id or 0, [DATA / "fhir" / "two_patients.json"])
    assert report.error is not None and "--patient" in report.error
