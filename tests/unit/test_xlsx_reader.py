"""The Excel reader on workbooks made here with openpyxl: date cells, 1904 dates, odd layouts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from chronology.importers import xlsx_reader
from chronology.importers.records import FileRefused, ReaderInfo, SourceRecord


def _read(path: Path) -> tuple[ReaderInfo, list[SourceRecord]]:
    items = list(xlsx_reader.read(path))
    assert isinstance(items[0], ReaderInfo)
    return items[0], [i for i in items if isinstance(i, SourceRecord)]


def _save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def test_date_cells_stay_date_objects_and_numbers_stay_numbers(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Observations"
    ws.append(["Date", "Time", "Key Person", "Observation", "Weight"])
    ws.append([dt.datetime(2024, 3, 5, 10, 30), dt.time(9, 15), "Jo Lane", "Painted", 12.0])
    ws.append([dt.date(2024, 3, 6), None, "Jo Lane", "Sang", 12.5])
    info, records = _read(_save(wb, tmp_path / "obs.xlsx"))
    assert info.format == "xlsx"
    assert info.sheet == "Observations"
    assert info.header_row == 1
    first, second = records
    assert first.values["Date"] == dt.datetime(2024, 3, 5, 10, 30)
    assert first.values["Time"] == dt.time(9, 15)  # time-only cells stay times
    assert first.values["Weight"] == 12 and isinstance(first.values["Weight"], int)
    assert second.values["Weight"] == 12.5
    assert second.values["Date"] in (dt.date(2024, 3, 6), dt.datetime(2024, 3, 6))
    # raw is JSON-able, dates as ISO text
    raw = json.loads(json.dumps(first.raw))
    assert raw[0] == "2024-03-05T10:30:00" and raw[1] == "09:15:00"


def test_1904_date_system_gives_the_real_dates(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["Date", "Note"])
    ws.append([dt.datetime(2024, 1, 18, 10, 40), "Home visit"])
    ws.append([dt.date(2023, 2, 28), "Review"])
    _info, records = _read(_save(wb, tmp_path / "mac.xlsx"))
    assert records[0].values["Date"] == dt.datetime(2024, 1, 18, 10, 40)
    got = records[1].values["Date"]
    assert (got.year, got.month, got.day) == (2023, 2, 28)  # not four years and a day out


def test_header_on_row_3_with_text_dates_and_blank_rows(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Referrals received – Fenwick Family Hub"
    ws.append([])
    ws.append(["Date", "Type", "Note"])  # row 3
    ws.append(["w/c 3 June 2024", "Referral", "From school"])  # row 4
    ws.append([])  # row 5, blank
    ws.append(["TBC", "Referral", "From GP"])  # row 6
    info, records = _read(_save(wb, tmp_path / "title.xlsx"))
    assert info.header_row == 3
    assert info.columns == ["Date", "Type", "Note"]
    assert any("row 3" in n for n in info.notes)
    assert [r.values["Date"] for r in records] == ["w/c 3 June 2024", "TBC"]
    # row counts sheet rows below the header, so header_row + row is the Excel row number
    assert [info.header_row + r.row for r in records] == [4, 6]


def test_sheet_with_a_date_column_is_chosen(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Read me"
    cover.append(["Field", "Meaning"])
    cover.append(["Type", "Kind of contact"])
    data = wb.create_sheet("Contacts")
    data.append(["Contact date", "Type", "Note"])
    data.append([dt.date(2024, 5, 1), "Clinic", "Weighed"])
    info, records = _read(_save(wb, tmp_path / "two_sheets.xlsx"))
    assert info.sheet == "Contacts"
    assert records[0].values["Note"] == "Weighed"


def test_first_non_empty_sheet_when_no_sheet_names_a_date(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Blank"
    data = wb.create_sheet("Log")
    data.append(["Logged", "Summary"])
    data.append(["2024-02-01T10:00:00Z", "Call"])
    later = wb.create_sheet("Later")
    later.append(["Logged", "Summary"])
    later.append(["2024-02-02T10:00:00Z", "Visit"])
    info, records = _read(_save(wb, tmp_path / "no_date_header.xlsx"))
    assert info.sheet == "Log"
    assert [r.values["Summary"] for r in records] == ["Call"]


def test_date_merged_over_two_rows_belongs_to_both(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Date", "Event"])
    ws.append([dt.date(2023, 3, 13), "Hearing held"])
    ws.append([None, "Interim order made"])
    ws.merge_cells("A2:A3")
    _info, records = _read(_save(wb, tmp_path / "merged.xlsx"))
    assert [r.values["Date"] for r in records] == [dt.date(2023, 3, 13)] * 2


def test_data_in_a_column_without_header_is_kept(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Date", "Note"])
    ws.append([dt.date(2024, 1, 2), "Seen", "added later"])
    info, records = _read(_save(wb, tmp_path / "unnamed.xlsx"))
    assert info.columns == ["Date", "Note", "Column C"]
    assert records[0].values["Column C"] == "added later"


def test_header_but_no_rows_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["Date", "Note"])
    with pytest.raises(FileRefused, match="header but no rows"):
        list(xlsx_reader.read(_save(wb, tmp_path / "header_only.xlsx")))


def test_workbook_with_no_cells_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    with pytest.raises(FileRefused, match="empty"):
        list(xlsx_reader.read(_save(wb, tmp_path / "blank.xlsx")))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Date,Note\n01/05/2024,Seen\n", "not an Excel workbook"),
        (b"PK\x03\x04 this zip is cut short", "damaged"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "password"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, r"\.xls"),
        (b"", "empty"),
    ],
)
def test_unreadable_workbooks_are_refused_plainly(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(FileRefused, match=message):
        list(xlsx_reader.read(path))


def test_empty_leading_column_is_dropped_and_line_breaks_are_kept(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B2"] = "Date"
    ws["C2"] = "Note"
    ws["B3"] = dt.date(2024, 4, 2)
    ws["C3"] = "First line\r\nsecond line  "
    info, (record,) = _read(_save(wb, tmp_path / "offset.xlsx"))
    assert info.header_row == 2
    assert info.columns == ["Date", "Note"]
    assert record.values["Note"] == "First line\nsecond line"
