"""The CSV reader on the exports social workers are given: odd encodings, delimiters, bad rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronology.importers import csv_reader
from chronology.importers.records import FileRefused, Progress, ReaderInfo, SourceRecord

CSV = Path(__file__).resolve().parent.parent / "data" / "csv"


def _read(path: Path) -> tuple[ReaderInfo, list[SourceRecord]]:
    items = list(csv_reader.read(path))
    assert isinstance(items[0], ReaderInfo)
    return items[0], [i for i in items if isinstance(i, SourceRecord)]


def test_windows_1252_text_and_crlf_inside_quotes_are_read_exactly() -> None:
    info, records = _read(CSV / "cp1252_crlf.csv")
    assert info.format == "csv"
    assert info.encoding == "cp1252"
    assert info.columns == ["Case Note Date", "Time", "Note Type", "Worker", "Note"]
    assert [r.row for r in records] == [1, 2, 3]  # the multi-line record counts once
    note = "\u201cAll fine\u201d said Mum \u2013 \u00a320 for the meter."
    assert records[0].values["Note"] == note
    assert records[1].values["Note"] == "Present: mother, nursery.\nActions: GP letter."
    assert records[2].values["Time"] == ""


def test_utf8_byte_order_mark_is_stripped_from_the_first_header() -> None:
    info, records = _read(CSV / "utf8_bom.csv")
    assert info.encoding == "utf-8-sig"
    assert info.columns[0] == "Date"
    assert records[0].values["Date"] == "14 Mar 2024 10:15"
    assert records[0].values["Notes"] == "Weighed: 12.1 kg \u2013 on the 2nd centile."


@pytest.mark.parametrize(
    ("name", "delimiter", "note"),
    [
        ("semicolon.csv", ";", "Weight 3,5 kg, length 52 cm"),
        ("tab.csv", "\t", "Seen, well, playing"),
    ],
)
def test_delimiter_is_sniffed_outside_quotes(name: str, delimiter: str, note: str) -> None:
    info, records = _read(CSV / name)
    assert info.delimiter == delimiter
    assert info.columns[0] == "Date"
    assert note in records[0].values.values()
    assert all(r.problem is None for r in records)


def test_semicolon_inside_quotes_does_not_split_the_field() -> None:
    _info, records = _read(CSV / "semicolon.csv")
    assert records[2].values["Notes"] == "Quoted; with a semicolon"


def test_pipe_delimited_file(tmp_path: Path) -> None:
    path = tmp_path / "pipe.csv"
    path.write_text("Date|Type|Note\n01/05/2024|Home Visit|Seen, well\n", encoding="utf-8")
    info, records = _read(path)
    assert info.delimiter == "|"
    assert records[0].values == {"Date": "01/05/2024", "Type": "Home Visit", "Note": "Seen, well"}


def test_excel_sep_line_sets_the_delimiter_and_is_not_the_header(tmp_path: Path) -> None:
    path = tmp_path / "sep.csv"
    # Every line splits into four on commas too: only Excel's hint says the pipe is meant.
    path.write_text(
        "sep=|\nDate|Note, with, three, commas\n01/05/2024|a, b, c, d\n02/05/2024|e, f, g, h\n",
        encoding="utf-8",
    )
    info, records = _read(path)
    assert (info.delimiter, info.header_row) == ("|", 2)
    assert info.columns == ["Date", "Note, with, three, commas"]
    assert records[0].values["Note, with, three, commas"] == "a, b, c, d"


def test_header_below_a_title_and_blank_lines_is_found() -> None:
    info, records = _read(CSV / "header_line3.csv")
    assert info.header_row == 3
    assert info.columns == ["Date", "Type", "Worker", "Note"]
    assert any("line 3" in n for n in info.notes)
    # Blank lines are not records; rows count records below the header.
    assert [(r.row, r.values["Note"]) for r in records] == [(1, "Visit one"), (2, "Call two")]


def test_row_missing_a_middle_column_names_that_column() -> None:
    _info, records = _read(CSV / "ragged.csv")
    problems = {r.row: r.problem for r in records}
    assert problems[3] == "missing column (Incident Type)"
    assert problems[1] is None and problems[2] is None and problems[5] is None
    # Nothing is lost: every cell is kept in raw, in file order.
    assert records[2].raw[-1] == "PC 13 Shah"


def test_row_with_more_fields_than_the_header_is_flagged() -> None:
    _info, records = _read(CSV / "ragged.csv")
    assert records[3].problem is not None
    assert records[3].problem.startswith("extra field(s) beyond the header")
    assert "EXTRA VALUE" in records[3].problem
    assert records[3].raw[-1] == "EXTRA VALUE"


def test_trailing_empty_cells_dropped_by_the_exporter_are_not_a_problem() -> None:
    _info, records = _read(CSV / "trailing_dropped.csv")
    assert all(r.problem is None for r in records)
    assert records[0].values["Follow up"] == ""
    assert records[2].values["Follow up"] == "Ring back Friday"


def test_a_lone_short_row_is_flagged_with_its_first_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text(
        "Date,Type,Worker,Note\n"
        "01/05/2024,Home Visit,Ana Price,Visit one\n"
        "02/05/2024,Telephone Call\n"
        "03/05/2024,Home Visit,Ana Price,Visit three\n",
        encoding="utf-8",
    )
    _info, records = _read(path)
    assert records[1].problem == "missing column (Worker)"
    assert records[0].problem is None and records[2].problem is None


def test_trailing_empty_cells_written_out_are_not_extra_fields(tmp_path: Path) -> None:
    path = tmp_path / "commas.csv"
    path.write_text("Date,Type,Note\n01/05/2024,Home Visit,Seen,,\n", encoding="utf-8")
    _info, records = _read(path)
    assert records[0].problem is None


def test_nul_byte_is_removed_with_a_note() -> None:
    info, records = _read(CSV / "nul_byte.csv")
    assert any("NUL" in n for n in info.notes)
    assert records[0].values["Note"] == "Seen and well"
    assert len(records) == 2


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "the file is empty"),
        ("header_only.csv", "the file has a header but no rows"),
    ],
)
def test_empty_files_are_refused_plainly(name: str, message: str) -> None:
    with pytest.raises(FileRefused, match=message):
        list(csv_reader.read(CSV / name))


def test_file_that_is_neither_utf8_nor_windows_1252_is_refused() -> None:
    with pytest.raises(FileRefused, match="neither UTF-8 nor Windows-1252"):
        list(csv_reader.read(CSV / "not_text.csv"))


def test_badly_quoted_row_goes_to_quarantine_and_the_rest_is_read() -> None:
    _info, records = _read(CSV / "bad_quote.csv")
    assert [r.row for r in records] == [1, 2, 3]
    assert records[1].problem is not None and "line 3" in records[1].problem
    assert records[1].raw == ['02/05/2024,Telephone Call,"Quoted" then more']
    assert records[2].values["Note"] == "Seen again"


def test_quote_that_never_closes_refuses_the_file_naming_the_line() -> None:
    with pytest.raises(FileRefused, match="line 3"):
        list(csv_reader.read(CSV / "unclosed_quote.csv"))


def test_huge_field_imports(tmp_path: Path) -> None:
    note = "x" * 2_000_000  # far over the csv module's default 128 KB field limit
    path = tmp_path / "huge.csv"
    path.write_text(f'Date,Note\n01/05/2024,"{note}"\n', encoding="utf-8")
    _info, records = _read(path)
    assert len(records[0].values["Note"]) == 2_000_000


def test_excel_workbook_renamed_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(FileRefused, match="Excel"):
        list(csv_reader.read(path))


def test_details_lines_above_the_header_are_not_taken_for_it(tmp_path: Path) -> None:
    path = tmp_path / "details.csv"
    path.write_text(
        "Child:,Riley Example\nWorker:,Ana Price\nDate,Type,Note\n"
        "01/05/2024,Home Visit,\n02/05/2024,,\n",
        encoding="utf-8",
    )
    info, records = _read(path)
    assert (info.header_row, info.columns) == (3, ["Date", "Type", "Note"])
    assert [r.values["Date"] for r in records] == ["01/05/2024", "02/05/2024"]


def test_no_header_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "no_header.csv"
    path.write_text("01/05/2024,12\n02/05/2024,13\n", encoding="utf-8")
    with pytest.raises(FileRefused, match="no header row"):
        list(csv_reader.read(path))


def test_duplicate_and_blank_headers_get_distinct_names(tmp_path: Path) -> None:
    path = tmp_path / "dupes.csv"
    path.write_text("Date,Note,Note,\n01/05/2024,a,b,c\n", encoding="utf-8")
    info, records = _read(path)
    assert info.columns == ["Date", "Note", "Note (2)"]
    assert records[0].values == {"Date": "01/05/2024", "Note": "a", "Note (2)": "b"}
    assert records[0].problem is not None  # 'c' has no column: nothing silently dropped


def test_raw_is_json_and_progress_reports_every_5000_rows(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    rows = "".join(f"01/05/2024,Home Visit,Visit {i}\n" for i in range(12_000))
    path.write_text("Date,Type,Note\n" + rows, encoding="utf-8")
    items = list(csv_reader.read(path))
    records = [i for i in items if isinstance(i, SourceRecord)]
    progress = [i for i in items if isinstance(i, Progress)]
    assert len(records) == 12_000
    assert records[-1].row == 12_000
    assert [p.done for p in progress] == [5000, 10000, 12000]
    assert all(p.total == 12_000 for p in progress)
    assert json.loads(json.dumps(records[0].raw)) == ["01/05/2024", "Home Visit", "Visit 0"]


def test_old_mac_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "cr.csv"
    path.write_bytes(b'Date,Note\r01/05/2024,"two\rlines"\r02/05/2024,one\r')
    _info, records = _read(path)
    assert [r.values["Note"] for r in records] == ["two\nlines", "one"]


# Any text a note may hold, a few control characters included (not NUL or CR: the reader
# removes NUL and reads every line break as "\n").
_CELL = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from("\n\t\x0b\x1f")
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=8),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
)
def test_whatever_csv_writer_writes_reads_back_cell_for_cell(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str]], delimiter: str
) -> None:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["Date", "Type", "Note"])
    writer.writerows([("01/05/2024", a, b) for a, b in rows])
    path = tmp_path_factory.mktemp("prop") / "export.csv"
    path.write_bytes(out.getvalue().encode("utf-8"))
    info, records = _read(path)
    assert info.delimiter == delimiter
    assert [(r.values["Type"], r.values["Note"]) for r in records] == rows
    assert all(r.problem is None for r in records)
