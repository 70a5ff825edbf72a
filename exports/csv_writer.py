"""CSV writer: every column, UTF-8 with a byte-order mark (so Excel reads it as UTF-8).

A cell that begins with = + - @ (or their full-width forms), a tab or a carriage return would
be run as a formula by Excel or LibreOffice: it is neutralised with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from exports.text import clean

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: object) -> str:
    """A cell's text, made inert if a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = clean(str(value))
    if text.startswith(_FORMULA_START) or text.lstrip(" ").startswith(_FORMULA_START):
        text = "'" + text
    return text


def write_csv(header: list[str], rows: list[list[object]], path: str | Path) -> list[str]:
    """Write the rows under the header; returns the cells written, for the leak scan."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    cells = [neutralise(v) for row in rows for v in row]
    width = len(header)
    for i in range(0, len(cells), width):
        writer.writerow(cells[i : i + width])
    Path(path).write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return cells
