"""CSV reader: encoding, delimiter and header row found by looking, then one record per row.

Reads the whole file, decodes it strictly (UTF-8, with or without a byte-order mark, else
Windows-1252) and parses the text with the csv module; nothing is replaced or guessed silently.
"""

from __future__ import annotations

import csv
import gc
import io
import logging
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from chronology.importers.column_content import spread_sample
from chronology.importers.limits import bound_csv_text
from chronology.importers.mapping import column_names, find_header_row
from chronology.importers.records import FileRefused, Progress, ReaderInfo, SourceRecord

log = logging.getLogger(__name__)

FIELD_SIZE_LIMIT = 64 * 1024 * 1024
PROGRESS_EVERY = 5000
DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SNIFF_CHARS = 64 * 1024
_HEADER_SCAN = 50
_NOT_SPACE = re.compile(rb"[^\s\x00\xef\xbb\xbf]")
_NOT_SPACE_TEXT = re.compile(r"\S")
_SEP_HINT = re.compile(r"sep=([,;\t|])\s*(?:\r\n|\r|\n)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|^\d{4}-\d{2}-\d{2}T")
_TIME_LIKE = re.compile(r"^\d{1,2}:\d{2}")
_NUMBER_LIKE = re.compile(r"^[-+]?[\d,]*\.?\d+$")


@dataclass
class _Decoded:
    """The file's text, the encoding it was read with, and the bytes the parser streams from."""

    text: str
    encoding: str
    payload: bytes | None  # None: parse the text itself
    codec: str = ""

    def stream(self) -> io.TextIOBase:
        """A fresh text stream over the whole file, line endings untouched."""
        if self.payload is not None:
            # Decoding while parsing is a quarter faster than a StringIO of the decoded text.
            return io.TextIOWrapper(io.BytesIO(self.payload), encoding=self.codec, newline="")
        return io.StringIO(self.text, newline="")


def _decode(data: bytes, notes: list[str]) -> _Decoded:
    """Decode strictly: UTF-8 (a byte-order mark removed), else Windows-1252, else refuse."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _Decoded(data.decode("utf-16").lstrip("\ufeff"), "utf-16", None)
        except UnicodeDecodeError:
            raise FileRefused(
                "the file says it is UTF-16 text but is damaged; save it again as 'CSV UTF-8'"
            ) from None
    if data.startswith(b"PK\x03\x04"):
        raise FileRefused(
            "this is a zipped document (probably an Excel workbook), not a CSV file: "
            "import it as .xlsx or save it from Excel as 'CSV UTF-8'"
        )
    if data.startswith(b"%PDF"):
        raise FileRefused("this is a PDF document, not a CSV file")
    nuls = data.count(b"\x00") if b"\x00" in data else 0
    if nuls:
        if nuls > max(16, len(data) // 20):
            raise FileRefused(
                "this does not look like a text file (it is full of zero bytes: a binary file, "
                "or UTF-16 text without a byte-order mark); save it from Excel as 'CSV UTF-8'"
            )
        data = data.replace(b"\x00", b"")
        notes.append(f"removed {nuls} NUL byte(s) (zero bytes that a text file should not hold)")
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
    try:
        text, codec = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise FileRefused(
                "the text is neither UTF-8 nor Windows-1252 (byte "
                f"0x{data[exc.start]:02X} at position {exc.start} cannot be read); "
                "save it from Excel as 'CSV UTF-8'"
            ) from None
        codec = encoding = "cp1252"
        notes.append("read as Windows-1252 (the file is not UTF-8)")
    sample = text[:_SNIFF_CHARS]
    if sample and len(_CONTROL.findall(sample)) > max(32, len(sample) // 20):
        raise FileRefused("this does not look like a text file (it holds binary data)")
    return _Decoded(text, encoding, data, codec)


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the most consistent number of fields."""
    hint = _SEP_HINT.match(text)
    if hint:  # Excel's own "sep=;" first line
        return hint.group(1)
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS:
        cut = max(sample.rfind("\n"), sample.rfind("\r"))
        sample = sample[: cut + 1] if cut > 0 else sample
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        widths: list[int] = []
        try:
            # Quoted delimiters do not count: the csv module splits outside quotes only.
            for cells in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                if cells and "".join(cells).strip():
                    widths.append(len(cells))
                if len(widths) >= 100:
                    break
        except csv.Error:
            pass  # a quote cut at the end of the sample: the widths so far still count
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        # The right delimiter gives most records the same number of fields; a wrong one also
        # splits quoted notes into extra records, which lowers its share.
        score = (count / len(widths), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small lists (a third faster)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _blank(cells: list[str]) -> bool:
    return not cells or (not cells[0].strip() and not "".join(cells).strip())


def _one_newline(rows: list[list[str]]) -> None:
    """Quoted line breaks read as "\n", whatever the file's own line endings (CRLF, CR)."""
    for cells in rows:
        for i, cell in enumerate(cells):
            if "\r" in cell:
                cells[i] = cell.replace("\r\n", "\n").replace("\r", "\n")


def _parse(
    decoded: _Decoded, delimiter: str
) -> tuple[list[list[str] | None], list[tuple[int, int]]]:
    """The non-blank records (None for a badly quoted one) and their (first, last) lines.

    Line spans are complete when the file has a quoting error (it is then read record by record
    so that only the bad records are lost to quarantine); otherwise only the first ones, which
    are enough to place the header.
    """
    try:
        text = decoded.text
        reader = csv.reader(decoded.stream(), delimiter=delimiter, strict=True)
        with _no_gc():
            rows = list(reader)
        # One list per physical line, unless a quoted field spans lines.
        if reader.line_num > len(rows) and "\r" in text:
            _one_newline(rows)
        records: list[list[str] | None] = [
            r for r in rows if r and (r[0].strip() or "".join(r).strip())
        ]
        return records, _spans(text, delimiter, limit=_HEADER_SCAN)
    except csv.Error:
        pass  # read again record by record, to quarantine the bad ones and carry on
    reader = csv.reader(decoded.stream(), delimiter=delimiter, strict=True)
    records = []
    spans: list[tuple[int, int]] = []
    last = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            first, last = last + 1, reader.line_num
            if "unexpected end of data" in str(exc):
                raise FileRefused(
                    f"line {first}: a quotation mark opens a field that is never closed, "
                    "so the rest of the file cannot be read; check the quotes on that line"
                ) from None
            records.append(None)
            spans.append((first, last))
            continue
        first, last = last + 1, reader.line_num
        if not _blank(cells):
            if last > first:
                _one_newline([cells])
            records.append(cells)
            spans.append((first, last))
    return records, spans


def _spans(text: str, delimiter: str, limit: int) -> list[tuple[int, int]]:
    """The (first, last) lines of the first ``limit`` non-blank records."""
    for size in (_SNIFF_CHARS * 4, len(text)):
        spans: list[tuple[int, int]] = []
        reader = csv.reader(io.StringIO(text[:size], newline=""), delimiter=delimiter)
        last = 0
        try:
            for cells in reader:
                first, last = last + 1, reader.line_num
                if not _blank(cells):
                    spans.append((first, last))
                    if len(spans) >= limit:
                        return spans
        except csv.Error:
            pass  # the prefix cut a quoted field: read the whole text
        if size >= len(text):
            break
    return spans


def _physical_line_text(text: str, first: int, last: int) -> str:
    """Lines ``first``..``last`` of the text (1-based), for quoting a bad record back."""
    lines = _LINE_BREAK.split(text, maxsplit=last)
    return "\n".join(lines[first - 1 : last])


def _kind(value: str) -> str:
    """A coarse shape of a cell, to tell which column a short row has lost."""
    text = value.strip()
    if not text:
        return "empty"
    if _DATE_LIKE.match(text):
        return "date"
    if _TIME_LIKE.match(text):
        return "time"
    if _NUMBER_LIKE.match(text):
        return "number"
    return "short" if len(text) <= 40 else "long"


class _ColumnShapes:
    """What each column's cells look like in the file's full-width rows (the first 500)."""

    def __init__(self, rows: list[list[str] | None], width: int) -> None:
        self.kinds: list[Counter[str]] = [Counter() for _ in range(width)]
        self.values: list[set[str]] = [set() for _ in range(width)]
        self.empty_share: list[float] = [0.0] * width
        n = 0
        for cells in rows:
            if cells is None or len(cells) != width:
                continue
            n += 1
            for i, cell in enumerate(cells):
                self.kinds[i][_kind(cell)] += 1
                if len(self.values[i]) < 200:
                    self.values[i].add(cell.strip())
            if n >= 500:
                break
        self.rows = n
        if n:
            self.empty_share = [k["empty"] / n for k in self.kinds]

    def fit(self, cells: list[str], gap: int) -> float:
        """How well the cells sit in their columns if the column at ``gap`` is the missing one."""
        score = 0.0
        for i, cell in enumerate(cells):
            column = i if i < gap else i + 1
            kinds = self.kinds[column]
            score += kinds[_kind(cell)] / (sum(kinds.values()) or 1)
            if cell.strip() in self.values[column]:
                score += 1.0
        return score


def _short_row_problem(
    cells: list[str], header: list[str], shapes: _ColumnShapes, short_rows_common: bool
) -> str | None:
    """Why a row with fewer fields than the header cannot be trusted, or None when it can."""
    width = len(header)
    if shapes.rows and len(cells) == width - 1:
        # One field short: if the cells fit their columns better with a gap in the middle,
        # that middle column is the one missing and the later values have moved left.
        fits = [shapes.fit(cells, gap) for gap in range(width)]
        best = max(range(width), key=lambda g: (fits[g], g))
        if fits[best] > fits[-1] + 0.5:
            return f"missing column ({header[best]})"
    missing = range(len(cells), width)
    # Exporters that drop trailing empty cells do so on many rows, or only where the column
    # is usually empty anyway: such a row has lost nothing.
    if short_rows_common or (shapes.rows and all(shapes.empty_share[i] >= 0.5 for i in missing)):
        return None
    return f"missing column ({header[len(cells)]})"


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def read(path: Path) -> Iterator[ReaderInfo | SourceRecord | Progress]:
    """Yield a ReaderInfo, then a SourceRecord per data row, with Progress every 5,000 rows."""
    csv.field_size_limit(FIELD_SIZE_LIMIT)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FileRefused(f"cannot be opened ({exc.strerror or exc})") from None
    notes: list[str] = []
    if not _NOT_SPACE.search(data):
        raise FileRefused("the file is empty")
    decoded = _decode(data, notes)
    text, encoding = decoded.text, decoded.encoding
    if not _NOT_SPACE_TEXT.search(text):
        raise FileRefused("the file is empty")
    delimiter = _sniff_delimiter(text)
    clipped = bound_csv_text(text, delimiter)  # a 50 MB field would cost 800 MB to parse
    if clipped is not None:
        decoded = _Decoded(clipped, encoding, None)
        text = clipped
    records, spans = _parse(decoded, delimiter)
    if not records:
        raise FileRefused("the file is empty")
    found = find_header_row([cells or [] for cells in records[:_HEADER_SCAN]])
    if found is None:
        raise FileRefused(
            "no header row found: the first lines hold data, not column names; add a line of "
            "column names (such as Date,Type,Note) above the data"
        )
    header_line = spans[found][0]
    header_cells = list(records[found] or [])
    while header_cells and not header_cells[-1].strip():
        header_cells.pop()
    header = column_names(header_cells)
    width = len(header)
    if found:
        notes.append(f"header found on line {header_line}; the lines above it were skipped")
    body = records[found + 1 :]
    body_spans = spans[found + 1 :]
    if not body:
        raise FileRefused("the file has a header but no rows")
    log.debug(
        "%s: %s, %s-delimited, header on line %d, %d records",
        path,
        encoding,
        _DELIMITER_NAMES[delimiter],
        header_line,
        len(body),
    )
    yield ReaderInfo(
        format="csv",
        encoding=encoding,
        delimiter=delimiter,
        header_row=header_line,
        columns=header,
        notes=notes,
        sample=spread_sample([cells for cells in body if cells is not None]),
    )

    shapes: _ColumnShapes | None = None
    short = sum(1 for cells in body if cells is not None and len(cells) < width)
    short_rows_common = short >= max(3, len(body) // 10)
    total = len(body)
    for start in range(0, total, PROGRESS_EVERY):
        batch: list[SourceRecord] = []
        with _no_gc():
            for row in range(start + 1, min(start + PROGRESS_EVERY, total) + 1):
                cells = body[row - 1]
                if cells is None:
                    first, last = body_spans[row - 1]
                    problem = f"badly quoted field on line {first}: the quotes do not pair up"
                    raw = [_physical_line_text(text, first, last)]
                    batch.append(SourceRecord(row=row, values={}, raw=raw, problem=problem))
                    continue
                n = len(cells)
                if n == width:
                    batch.append(SourceRecord(row, dict(zip(header, cells, strict=True)), cells))
                    continue
                values = dict(zip(header, cells, strict=False))
                problem = None
                if n < width:
                    if shapes is None:
                        shapes = _ColumnShapes(body, width)
                    problem = _short_row_problem(cells, header, shapes, short_rows_common)
                    for name in header[n:]:
                        values[name] = ""
                else:
                    extra = [c for c in cells[width:] if c.strip()]
                    if extra:
                        shown = ", ".join(repr(_clip(c)) for c in extra[:3])
                        problem = f"extra field(s) beyond the header: {shown}"
                batch.append(SourceRecord(row=row, values=values, raw=cells, problem=problem))
        yield from batch
        done = start + len(batch)
        yield Progress(done, total, f"read {done:,} of {total:,} rows")


__all__ = ["read"]
