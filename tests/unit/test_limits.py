"""The pre-parse bounds agree with the parsers they protect (limits made small to test them)."""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from chronology.importers import fhir_reader, limits
from chronology.importers.records import FileRefused

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import hostile  # noqa: E402

SMALL = 40
cell_text = st.text(alphabet='ab ,;"\n\r\t\u00e9', max_size=3 * SMALL)
tables = st.lists(st.lists(cell_text, min_size=1, max_size=4), min_size=1, max_size=8)


def _csv(rows: list[list[str]], delimiter: str, terminator: str) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator=terminator).writerows(rows)
    return out.getvalue()


def _parse(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=tables, delimiter=st.sampled_from([",", ";", "\t"]), end=st.sampled_from(["\r\n", "\n"])
)
def test_long_csv_fields_are_found_and_cut_as_the_csv_module_reads_them(
    monkeypatch: pytest.MonkeyPatch, rows: list[list[str]], delimiter: str, end: str
) -> None:
    monkeypatch.setattr(limits, "MAX_FIELD", SMALL)
    text = _csv(rows, delimiter, end)
    parsed = _parse(text, delimiter)
    has_long = any(len(cell) > SMALL for row in parsed for cell in row)
    if len(text) > SMALL:
        # The cheap gate never misses a long field.
        assert limits._may_hold_long_csv_field(text) or not has_long
    cut = limits.bound_csv_text(text, delimiter)
    if not has_long or len(text) <= SMALL:
        assert cut is None
        return
    assert cut is not None
    after = _parse(cut, delimiter)
    assert len(after) == len(parsed)  # no record lost, none made up
    for before_row, after_row in zip(parsed, after, strict=True):
        assert len(after_row) == len(before_row)
        for old, new in zip(before_row, after_row, strict=True):
            if len(old) <= SMALL:
                assert new == old
            else:  # still over the limit, so the record goes to quarantine; only its start
                assert old.startswith(new) and SMALL < len(new) <= limits._keep()


def test_a_csv_of_millions_of_lines_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(FileRefused, match="more than 250,000 records"):
        limits.bound_csv_text("Date,Note\n" + "1,a\n" * 1_000_001, ",")


folded_line = st.text(alphabet="abc ;:", min_size=0, max_size=3 * SMALL)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(folded_line, min_size=1, max_size=6), end=st.sampled_from(["\r\n", "\n"]))
def test_long_calendar_properties_are_cut_and_every_line_keeps_its_number(
    monkeypatch: pytest.MonkeyPatch, values: list[str], end: str
) -> None:
    monkeypatch.setattr(limits, "MAX_FIELD", SMALL)
    lines = ["BEGIN:VCALENDAR"]
    for n, value in enumerate(values):
        prop = f"X-P{n}:{value}"
        lines.extend([prop[:10]] + [" " + prop[i : i + 9] for i in range(10, len(prop), 9)])
    lines.append("END:VCALENDAR")
    text = end.join(lines) + end
    cut = limits.clip_long_ics_lines(text)
    unfolded = re.split(r"\r?\n", re.sub(r"\r?\n ", "", text))
    if all(len(u) <= SMALL for u in unfolded):
        assert cut is None
        return
    assert cut is not None
    assert cut.count("\n") == text.count("\n")  # line numbers unchanged
    for old, new in zip(unfolded, re.split(r"\r?\n", re.sub(r"\r?\n ", "", cut)), strict=True):
        assert new == old if len(old) <= SMALL else old.startswith(new) and len(new) > SMALL


def _sheet(rows: list[list[tuple[str | None, int]]]) -> bytes:
    """Sheet XML: each cell (column letters or None for no reference, value)."""
    body = []
    for r, cells in enumerate(rows, 1):
        row_ref = f' r="{r * 3}"' if r % 2 else ""
        inner = "".join(
            f'<c r="{col}{r * 3}"><v>{v}</v></c>' if col else f"<c><v>{v}</v></c>"
            for col, v in cells
        )
        body.append(f"<row{row_ref}>{inner}</row>")
    return (hostile._SHEET_HEAD + "".join(body) + hostile._SHEET_TAIL).encode()


cells = st.lists(
    st.tuples(
        st.one_of(st.none(), st.sampled_from(["A", "C", "Z", "AB", "BC"])), st.integers(0, 9)
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(cells, min_size=1, max_size=6))
def test_the_sheet_scan_spans_at_least_the_grid_excel_reader_builds(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, rows: list[list[tuple[str | None, int]]]
) -> None:
    xml = _sheet(rows)
    path = tmp_path / "sheet.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        for name, text in hostile._XLSX_PARTS.items():
            package.writestr(name, text)
        package.writestr("xl/worksheets/sheet1.xml", xml)
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Notes")
    end = sheet.end
    built = (end[0] + 1) * (end[1] + 1) if end else 0
    walk = limits._WalkScan()
    walk.feed(xml)
    walk.finish("sheet1.xml", "workbook")
    assert walk.max_row * walk.max_col >= built
    # With the limit just under what Excel's reader would build, the workbook is refused.
    if built > 1:
        with monkeypatch.context() as patch, pytest.raises(FileRefused, match="cells"):
            patch.setattr(limits, "MAX_SHEET_CELLS", built - 1)
            limits.check_package(path, "xlsx")


def test_json_nesting_is_refused_without_recursion() -> None:
    assert limits.load_json('{"a": [[{"b": 1}]]}') == {"a": [[{"b": 1}]]}
    with pytest.raises(FileRefused, match="nested more than 100 levels"):
        limits.load_json("[" * 101 + "]" * 101)
    with pytest.raises(FileRefused, match="nested more than 100 levels"):
        limits.load_json("[" * 200_000 + "]" * 200_000)


def test_a_package_whose_sizes_do_not_match_is_refused(tmp_path: Path) -> None:
    path = hostile.xlsx_understated_bomb(tmp_path / "u.xlsx", unpacked=1_000_000)
    with pytest.raises(FileRefused, match="does not hold the size its package states"):
        limits.check_package(path, "xlsx")


def test_a_password_or_an_unknown_packing_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as package:
        for name, text in hostile._XLSX_PARTS.items():
            package.writestr(name, text)
    with pytest.raises(FileRefused, match="packed in a way Office does not use"):
        limits.check_package(path, "xlsx")


def test_a_part_needing_a_newer_zip_reader_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in hostile._XLSX_PARTS.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.extract_version = 84  # beyond what Python's zip reader (and Office) handle
            package.writestr(info, text)
    with pytest.raises(FileRefused, match="damaged"):
        limits.check_package(path, "xlsx")


def test_a_line_of_json_that_is_a_bare_value_is_refused_as_not_fhir(tmp_path: Path) -> None:
    assert limits.load_json("99999999999999999999") == 99999999999999999999
    path = tmp_path / "export.ndjson"
    path.write_text('{"resourceType": "Patient", "id": "p1"}\n12345\n"text"\nnull\n')
    with pytest.raises(FileRefused, match="line 2 is not a FHIR resource"):
        list(fhir_reader.read(path))
