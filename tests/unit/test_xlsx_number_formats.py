"""Excel number formats are honoured for precision: a cell shown as 'June 2023' is a month."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from chronology.entries import list_entries
from chronology.importers.pipeline import run_import
from chronology.importers.xlsx_formats import format_precision
from chronology.models import Case
from chronology.workspace import Workspace


@pytest.mark.parametrize(
    ("code", "precision"),
    [
        ("mmmm yyyy", "month"),
        ("mmm-yy", "month"),
        ("[$-809]mmmm\\ yyyy", "month"),
        ('mmm" "yyyy', "month"),
        ("yyyy", "year"),
        ("mmmm", "month"),
        ("dd/mm/yyyy", None),
        ("d mmmm yyyy", None),
        ("dd/mm/yyyy hh:mm", None),
        ("0.00", None),
        ("General", None),
        ("h:mm AM/PM", None),
    ],
)
def test_format_codes(code: str, precision: str | None) -> None:
    assert format_precision(code) == precision


def test_cells_shown_as_a_month_or_a_year_keep_that_precision(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["Date", "Event"])
    rows = [
        (dt.datetime(2021, 6, 1), "mmmm yyyy", "Family moved to the new flat near the park."),
        (dt.datetime(2019, 1, 1), "yyyy", "Older brother started at the secondary school."),
        (dt.datetime(2022, 3, 14), "dd/mm/yyyy", "Referral from the school nurse about sleep."),
        (dt.datetime(2020, 11, 1), "mmm-yy", "Father left the family home after an argument."),
    ]
    for number, (when, code, text) in enumerate(rows, start=2):
        sheet.append([when, text])
        sheet[f"A{number}"].number_format = code
    path = tmp_path / "history.xlsx"
    wb.save(path)
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is None and report.imported == 4
    got = {e.text[:20]: (e.precision.value, e.date, e.date_end) for e in list_entries(ws, 1)}
    assert got["Family moved to the "] == ("month", "2021-06-01", "2021-06-30")
    assert got["Older brother starte"] == ("year", "2019-01-01", "2019-12-31")
    assert got["Referral from the sc"] == ("day", "2022-03-14", None)
    assert got["Father left the fami"] == ("month", "2020-11-01", "2020-11-30")
    assert any("number format" in n for n in report.notes)
