"""Excel reader (python-calamine): the sheet that holds the records, its header row, its rows.

Date cells arrive as date/datetime/time objects (calamine applies the workbook's 1900 or 1904
date system); text dates stay text for the pipeline to parse.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from chronology.date_phrases import MONTH_NAMES
from chronology.dates import reads_as_date
from chronology.importers.column_content import spread_sample
from chronology.importers.limits import check_package
from chronology.importers.mapping import column_names, find_header_row, is_date_header
from chronology.importers.records import FileRefused, Progress, ReaderInfo, SourceRecord
from chronology.importers.xlsx_formats import shown_precisions

log = logging.getLogger(__name__)

PROGRESS_EVERY = 5000
_HEADER_SCAN = 50
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_PLAIN = (str, int, float, bool)


def _check_container(path: Path) -> None:
    """Refuse early, with a plain reason, what is not an .xlsx workbook."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(_OLE_MAGIC):
                rest = fh.read(1 << 20)
    except OSError as exc:
        raise FileRefused(f"cannot be opened ({exc.strerror or exc})") from None
    if not head:
        raise FileRefused("the file is empty")
    if head.startswith(_OLE_MAGIC):
        if _ENCRYPTED in rest:
            raise FileRefused(
                "the workbook is password-protected: open it in Excel, remove the password "
                "(File > Info > Protect Workbook) and save it again"
            )
        raise FileRefused(
            "this is an old-style Excel file (.xls) or another Office 97-2003 document: "
            "open it in Excel and save it as an Excel Workbook (.xlsx)"
        )
    if not head.startswith(b"PK"):
        raise FileRefused(
            "this is not an Excel workbook (.xlsx files are zip packages); if it is a CSV or "
            "text export, give it a .csv extension"
        )


def _open(path: Path) -> Any:
    from python_calamine import CalamineWorkbook

    _check_container(path)
    check_package(path, "xlsx")  # before calamine: it inflates and builds what a sheet names
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own types for zip, XML and password faults
        log.info("calamine could not open %s: %r", path, exc)
        name = type(exc).__name__
        if name == "PasswordError":
            reason = "the workbook is password-protected"
        elif name == "ZipError":
            reason = "the file is damaged (its zip package cannot be read)"
        else:
            reason = "the file is damaged or is not an Excel workbook"
        raise FileRefused(f"{reason}; open it in Excel and save it again as .xlsx") from None


def _cell(value: Any) -> Any:
    """A cell as the pipeline wants it: text stripped, whole numbers as int, dates as objects."""
    if isinstance(value, str):
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value.strip()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _json_cell(value: Any) -> Any:
    """A cell for the quarantine's raw view: JSON-able, dates as ISO text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return "" if value is None else value
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    return str(value)


def _blank(value: Any) -> bool:
    return value is None or value == ""


def _sheet_rows(workbook: Any, name: str) -> tuple[list[list[Any]], int, int]:
    """The sheet's rows (from its first used cell), and the sheet row/column they start at."""
    try:
        sheet = workbook.get_sheet_by_name(name)
        rows = sheet.to_python()
        start = sheet.start
    except Exception as exc:  # a damaged sheet part
        log.info("sheet %r cannot be read: %r", name, exc)
        raise FileRefused(f"the sheet '{name}' is damaged and cannot be read") from None
    if start is None or not rows:
        return [], 0, 0
    merged = _merged_ranges(sheet)
    if merged:
        _fill_merged_down(rows, merged, start)
    return rows, start[0], start[1]


def _merged_ranges(sheet: Any) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    try:
        return list(sheet.merged_cell_ranges or [])
    except Exception:  # merged ranges are only known for some formats
        return []


def _fill_merged_down(rows: list[list[Any]], merged: Sequence[Any], start: tuple[int, int]) -> None:
    """A date merged over several rows belongs to each of them (Excel keeps it in the top cell)."""
    for (top, left), (bottom, _right) in merged:
        r0, c = top - start[0], left - start[1]
        if bottom <= top or r0 < 0 or c < 0 or r0 >= len(rows) or c >= len(rows[r0]):
            continue
        value = rows[r0][c]
        for r in range(r0 + 1, min(bottom - start[0], len(rows) - 1) + 1):
            if c < len(rows[r]) and _blank(rows[r][c]):
                rows[r][c] = value


def _choose_sheet(
    workbook: Any,
) -> tuple[str, list[list[Any]], int, int, int | None, list[str]]:
    """The sheet with the records: first with a date-like header, else first with data."""
    names = list(workbook.sheet_names or [])
    if not names:
        raise FileRefused("the workbook has no sheets")
    visible: list[str] = []
    hidden: list[str] = []
    try:
        for meta in workbook.sheets_metadata:
            kind = str(getattr(meta, "typ", "")).lower()
            if "chart" in kind:
                continue
            shown = "visible" in str(getattr(meta, "visible", "visible")).lower()
            (visible if shown else hidden).append(meta.name)
    except Exception:  # older calamine: no metadata, take the sheets as listed
        visible = names
    fallback: tuple[str, list[list[Any]], int, int, int | None, list[str]] | None = None
    dated: tuple[str, list[list[Any]], int, int, int | None, list[str]] | None = None
    for name in visible + hidden:
        rows, row0, col0 = _sheet_rows(workbook, name)
        if not rows:
            continue
        found = find_header_row(rows[:_HEADER_SCAN])
        notes = [f"hidden sheet '{name}'"] if name in hidden else []
        if found is not None and any(is_date_header(str(c)) for c in rows[found]):
            return name, rows, row0, col0, found, notes
        if found is not None and dated is None and _dates_below(rows, found):
            dated = (name, rows, row0, col0, found, notes)
        if fallback is None:
            fallback = (name, rows, row0, col0, found, notes)
    if dated is not None:  # a column of dates under a header that does not say 'Date'
        return dated
    if fallback is None:
        raise FileRefused("the workbook is empty: none of its sheets has any cells")
    return fallback


def _dates_below(rows: list[list[Any]], header: int, scan: int = 30) -> bool:
    """True when a column under the header row holds dates in most of its cells."""
    counts: dict[int, list[int]] = {}
    for cells in rows[header + 1 : header + 1 + scan]:
        for i, cell in enumerate(cells):
            if _blank(cell):
                continue
            seen = counts.setdefault(i, [0, 0])
            seen[0] += 1
            is_date = isinstance(cell, dt.date) or (isinstance(cell, str) and reads_as_date(cell))
            seen[1] += is_date
    return any(filled >= 2 and dates >= 0.6 * filled for filled, dates in counts.values())


def read(path: Path) -> Iterator[ReaderInfo | SourceRecord | Progress]:
    """Yield a ReaderInfo, then a SourceRecord per non-blank row below the header."""
    path = Path(path)
    workbook = _open(path)
    try:
        name, rows, row0, col0, found, notes = _choose_sheet(workbook)
    finally:
        try:
            workbook.close()
        except Exception:  # closing is a courtesy; the rows are already in memory
            pass
    if found is None:
        raise FileRefused(
            f"no header row found on sheet '{name}': the first rows hold data, not column names; "
            "add a row of column names (such as Date, Type, Note) above the data"
        )
    _apply_shown_precision(path, name, rows, row0, col0, found, notes)
    header_cells = [_cell(c) for c in rows[found]]
    width = len(header_cells)
    while width and _blank(header_cells[width - 1]):
        width -= 1
    body = rows[found + 1 :]
    # A column without a header is kept when it holds data (named 'Column H' after its letter).
    used = width
    for cells in body:
        for i in range(len(cells) - 1, used - 1, -1):
            if not _blank(cells[i]):
                used = i + 1
                break
    header_cells += [""] * (used - len(header_cells))
    first = 0
    while (
        first < used
        and _blank(header_cells[first])
        and all(first >= len(r) or _blank(r[first]) for r in body)
    ):
        first += 1
    names = column_names(
        [
            str(c) if not _blank(c) else f"Column {_column_letter(col0 + first + i)}"
            for i, c in enumerate(header_cells[first:used])
        ]
    )
    header_row = row0 + found + 1
    if header_row > 1:
        notes.append(f"header found on row {header_row}; the rows above it were skipped")
    # calamine gives "" for an empty cell, so a blank row is all "" (counted at C speed).
    blank = [cells.count("") == len(cells) for cells in body]
    total = len(body) - sum(blank)
    if not total:
        raise FileRefused(f"the sheet '{name}' has a header but no rows")
    sample = [
        [_cell(c) for c in cells[first:used]]
        for cells in spread_sample(
            [b for b, is_blank in zip(body, blank, strict=True) if not is_blank]
        )
    ]
    yield ReaderInfo(
        format="xlsx",
        header_row=header_row,
        sheet=name,
        columns=names,
        notes=notes,
        sample=sample,
    )
    padding = [""] * len(names)
    done = 0
    for start in range(0, len(body), PROGRESS_EVERY):
        batch: list[SourceRecord] = []
        with _no_gc():
            for offset in range(start, min(start + PROGRESS_EVERY, len(body))):
                if blank[offset]:
                    continue
                cells = body[offset][first:used]
                values_list = [
                    c.strip() if c.__class__ is str and "\r" not in c else _cell(c) for c in cells
                ]
                if len(values_list) < len(names):
                    values_list += padding[len(values_list) :]
                raw = [c if c.__class__ in _PLAIN else _json_cell(c) for c in values_list]
                # row counts sheet rows below the header: header_row + row is the Excel row.
                batch.append(
                    SourceRecord(offset + 1, dict(zip(names, values_list, strict=True)), raw)
                )
        yield from batch
        done += len(batch)
        if batch:
            yield Progress(done, total, f"read {done:,} of {total:,} rows")


def _apply_shown_precision(
    path: Path,
    sheet: str,
    rows: list[list[Any]],
    row0: int,
    col0: int,
    header: int,
    notes: list[str],
) -> None:
    """Date cells the workbook shows as a month or a year ('mmmm yyyy') become that text."""
    shown = shown_precisions(path, sheet)
    changed = 0
    for (r, c), precision in shown.items():
        i, j = r - row0, c - col0
        if i <= header or i >= len(rows) or j < 0 or j >= len(rows[i]):
            continue
        value = rows[i][j]
        if not isinstance(value, dt.date):
            continue
        rows[i][j] = (
            f"{MONTH_NAMES[value.month]} {value.year}" if precision == "month" else str(value.year)
        )
        changed += 1
    if changed:
        notes.append(
            f"{changed} date cell(s) are shown by the workbook as a month or a year only "
            "(a number format such as 'mmmm yyyy'): read at that precision, not as the 1st"
        )


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index (0 -> A, 27 -> AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


__all__ = ["read"]
