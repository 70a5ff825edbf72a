"""Bounds every importer applies before it parses, so that a hostile file is refused in seconds.

An Office package (.xlsx, .docx) is a zip file whose parts can unpack to a thousand times their
size, and a sheet can name a cell so far away that Excel's reader builds a grid of billions of
cells. Here every part is inflated in a stream, counting what it really holds, before Excel's or
Word's reader sees it. JSON nesting, a file's size and a single field's length are bounded too.
The figures below are ceilings far above any agency export, measured to keep a hostile file under
10 s and 500 MB (see tests/unit/test_hostile_files.py).
"""

from __future__ import annotations

import json
import re
import struct
import zipfile
import zlib
from operator import itemgetter
from pathlib import Path
from typing import Any

from chronology.importers.records import FileRefused, SourceRecord

MB = 1_000_000
MAX_FILE = 150 * MB  # any file the text readers (CSV, calendar, FHIR) hold whole in memory
MAX_UNPACKED = 200 * MB  # an Office package, all its parts unpacked together
MAX_PART = 150 * MB  # one part of a package, unpacked
MAX_RATIO = 100  # unpacked : packed, for a part over RATIO_FROM (agency exports pack 5-20 : 1)
RATIO_FROM = 2 * MB
MAX_PARTS = 10_000  # parts in one package (a workbook with every sheet and image: a few hundred)
MAX_SHEET_CELLS = 4_000_000  # cells in one sheet, and cells in the rectangle they span
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384  # Excel's own grid: nothing real lies beyond it
MAX_RECORDS = 250_000  # records in one file (the largest agency export seen: 100,000)
MAX_XML_ELEMENTS = 1_000_000  # XML elements in a Word document (each costs ~350 bytes to read)
MAX_JSON_DEPTH = 100  # FHIR resources nest about 10 deep
MAX_FIELD = 1_000_000  # characters in one field: a long assessment is about 100,000
MAX_OCCURRENCES = 20_000  # calendar occurrences of repeating events (each takes ~0.2 ms)
MAX_XML_TEXT = 10_000_000  # one stretch of text in a Word part (lxml's own limit)

_CHUNK = 1 << 20
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_STORED, _DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
_WORKSHEET = re.compile(r"(?i)^xl/(worksheets|dialogsheets|macrosheets)/[^/]+\.xml$")
_XML_PART = re.compile(r"(?i)\.(xml|rels|vml)$")
# A cell or row reference: the row digits (read ahead) and the column letters (empty for a row).
# Excel, LibreOffice and every library write the reference first; a tag that does not counts as
# one without (and has its cells placed one by one).
_REF = re.compile(
    rb'<(?:c|row|[A-Za-z_][\w.-]*:(?:c|row)) r="(?=[A-Za-z]{0,3}([0-9]{1,9})")([A-Za-z]{0,3})'
)
_TAG_OPEN = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_REF_IN_TAG = re.compile(rb'\sr="\$?([A-Za-z]{0,3})\$?([0-9]{1,9})"')
_NAMES = {"xlsx": "workbook", "docx": "Word document"}


def check_size(path: Path) -> None:
    """Refuse a file too large to hold in memory whole (the text readers read it at once)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileRefused(f"cannot be opened ({exc.strerror or exc})") from None
    if size > MAX_FILE:
        raise FileRefused(
            f"the file is {size / MB:,.0f} MB, more than the {MAX_FILE // MB} MB an import can "
            "read safely: split it into smaller files (by year, for example)"
        )


def check_package(path: Path, kind: str) -> None:
    """Refuse an Office package that unpacks too far, before any Office reader opens it.

    Every part is inflated in 1 MB pieces and counted, so a part whose header understates its
    size is measured all the same; a sheet's cells are counted and the rectangle they span
    measured (Excel's reader builds that rectangle whole).
    """
    name = _NAMES.get(kind, "package")
    check_size(path)
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (
        zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
        NotImplementedError,  # a part that needs a newer zip reader than any Office writes for
    ):  # fmt: skip
        raise FileRefused(f"the {name} is damaged (its zip package cannot be read)") from None
    if len(parts) > MAX_PARTS:
        raise FileRefused(
            f"the {name} holds {len(parts):,} parts, more than the {MAX_PARTS:,} a real one has"
        )
    declared = sum(p.file_size for p in parts)
    if declared > MAX_UNPACKED:
        raise FileRefused(_too_big(name))
    total = 0
    with path.open("rb") as fh:
        for part in parts:
            if part.is_dir():
                continue
            if part.flag_bits & 0x1:
                raise FileRefused(
                    f"the {name} is password-protected: open it in Office, remove the password "
                    "and save it again"
                )
            if part.compress_type not in (_STORED, _DEFLATED):
                raise FileRefused(
                    f"the {name} is packed in a way Office does not use (method "
                    f"{part.compress_type}); open it in Office and save it again"
                )
            budget = min(MAX_PART, MAX_UNPACKED - total)
            scan = _scanner(kind, part.filename)
            size = _inflate(fh, part, name, budget, scan)
            if scan is not None:
                scan.finish(part.filename, name)
                if isinstance(scan, _SheetScan) and scan.needs_walk:
                    walk = _WalkScan()
                    _inflate(fh, part, name, budget, walk)
                    walk.finish(part.filename, name)
            total += size


def _too_big(name: str) -> str:
    return (
        f"the {name} unpacks to more than {MAX_UNPACKED // MB} MB: too large to read safely "
        "(a file built to exhaust memory looks like this); save only the records in a new file"
    )


def _inflate(fh: Any, part: zipfile.ZipInfo, name: str, budget: int, scan: _Scan | None) -> int:
    """Unpack one part in pieces, counting its real size; refuse as soon as it is too much."""
    fh.seek(part.header_offset)
    header = fh.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size:
        raise FileRefused(f"the {name} is damaged (its zip package is cut short)")
    signature, name_len, extra_len = _LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        raise FileRefused(f"the {name} is damaged (its zip package cannot be read)")
    fh.seek(name_len + extra_len, 1)
    left = part.compress_size
    inflater = zlib.decompressobj(-15) if part.compress_type == _DEFLATED else None
    size = 0

    def take(data: bytes) -> None:
        nonlocal size
        size += len(data)
        if size > budget:
            raise FileRefused(
                _too_big(name)
                if budget < MAX_PART
                else f"one part of the {name} ({part.filename}) unpacks to more than "
                f"{MAX_PART // MB} MB: too large to read safely"
            )
        if size > RATIO_FROM and size > MAX_RATIO * max(part.compress_size, 1):
            raise FileRefused(
                f"the {name} is packed more than {MAX_RATIO} to 1 ({part.filename} grows from "
                f"{part.compress_size:,} bytes to over {size:,}): a file built to exhaust "
                "memory looks like this, so it was not read"
            )
        if scan is not None:
            scan.feed(data)

    try:
        while left > 0:
            packed = fh.read(min(_CHUNK, left))
            if not packed:
                raise FileRefused(f"the {name} is damaged (a part is cut short)")
            left -= len(packed)
            if inflater is None:
                take(packed)
                continue
            data = inflater.decompress(packed, _CHUNK)
            take(data)
            while inflater.unconsumed_tail:
                take(inflater.decompress(inflater.unconsumed_tail, _CHUNK))
        if inflater is not None:
            take(inflater.flush())
    except zlib.error:
        raise FileRefused(f"the {name} is damaged ({part.filename} cannot be unpacked)") from None
    if size != part.file_size:
        raise FileRefused(
            f"the {name} is damaged ({part.filename} does not hold the size its package states)"
        )
    return size


class _Scan:
    """Reads a part's XML as it is unpacked, in pieces cut between tags."""

    def __init__(self) -> None:
        self._tail = b""

    def feed(self, data: bytes) -> None:
        buffer = self._tail + data
        cut = buffer.rfind(b"<")
        if cut <= 0:
            self._tail = buffer
            if len(buffer) > 4 * _CHUNK:  # one tag this long is not Office XML
                self.piece(buffer)
                self._tail = b""
            return
        self._tail = buffer[cut:]
        self.piece(buffer[:cut])

    def finish(self, part: str, name: str) -> None:
        if self._tail:
            self.piece(self._tail)
            self._tail = b""
        self.done(part, name)

    def piece(self, text: bytes) -> None:
        if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
            raise FileRefused(
                "a part of the file declares XML entities (a DOCTYPE), which Excel and Word "
                "never write and which can expand without limit; it was not read"
            )

    def done(self, part: str, name: str) -> None:
        return None


class _DocumentScan(_Scan):
    """A Word part: its elements are counted (the reader holds them all as objects), and its
    longest stretch of text measured (Word's reader stops at 10 million characters)."""

    def __init__(self) -> None:
        super().__init__()
        self.elements = 0
        self.text_run = 0

    def feed(self, data: bytes) -> None:
        # Pieces are at most 1 MB, so a stretch over 10 MB runs across pieces: the end of one,
        # whole pieces without a tag, the start of another.
        first = data.find(b"<")
        if first == -1:
            self.text_run += len(data)
        else:
            self.text_run += first
            if self.text_run <= MAX_XML_TEXT:
                self.text_run = len(data) - data.rfind(b"<") - 1
        if self.text_run > MAX_XML_TEXT:
            raise FileRefused(
                f"one piece of text in the Word document is longer than {MAX_XML_TEXT:,} "
                "characters, more than Word's reader can take: shorten it and save again"
            )
        super().feed(data)

    def piece(self, text: bytes) -> None:
        super().piece(text)
        self.elements += text.count(b"<") - text.count(b"</")
        if self.elements > MAX_XML_ELEMENTS:
            raise FileRefused(
                f"the Word document holds more than {MAX_XML_ELEMENTS:,} XML elements: too "
                "large to read safely; save the chronology table in a new, smaller document"
            )


class _SheetScan(_Scan):
    """A worksheet: its cells are counted and the rectangle they span is measured."""

    def __init__(self) -> None:
        super().__init__()
        self.refs = 0  # cells and rows that carry their own reference
        self.tags = 0  # cell and row start tags, at least (other tags starting <c count too)
        self.max_row = 0
        self.columns: set[bytes] = set()
        self.needs_walk = False
        self.prefixed: bool | None = None  # elements written with a namespace prefix (x:c)

    def piece(self, text: bytes) -> None:
        super().piece(text)
        found = _REF.findall(text)
        if found:
            self.refs += len(found)
            rows = dict(found)
            self.max_row = max(self.max_row, max(map(int, rows)))
            self.columns.update(map(itemgetter(1), found))
        self.tags += text.count(b"<c") + text.count(b"<row")
        if self.prefixed is None:
            self.prefixed = b":worksheet" in text or b":sheetData" in text
        if self.prefixed:
            self.tags += text.count(b":c") + text.count(b":row")
        if self.refs > 2 * MAX_SHEET_CELLS:
            _too_many_cells()

    def done(self, part: str, name: str) -> None:
        width = max((_column_number(c) for c in self.columns), default=0)
        _check_grid(self.max_row, width)
        loose = max(self.tags - self.refs, 0)  # elements that may lack a reference
        if loose == 0 or (self.max_row + loose) * (width + loose) <= MAX_SHEET_CELLS:
            if self.max_row * width > MAX_SHEET_CELLS:
                _too_many_cells(self.max_row, width)
            return
        # Some cells or rows carry no reference: they follow the one before, as Excel reads
        # them. Such sheets are rare; their tags are walked one by one to place every cell.
        self.needs_walk = True


def _check_grid(rows: int, columns: int) -> None:
    if rows > EXCEL_ROWS or columns > EXCEL_COLUMNS:
        raise FileRefused(
            f"a sheet of the workbook names a cell beyond Excel's own grid ({EXCEL_ROWS:,} rows "
            f"by {EXCEL_COLUMNS:,} columns): the file was not made by Excel and was not read"
        )


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _too_many_cells(rows: int = 0, columns: int = 0) -> None:
    span = f" (it spans {rows:,} rows by {columns:,} columns)" if rows else ""
    raise FileRefused(
        f"a sheet of the workbook holds more than {MAX_SHEET_CELLS:,} cells{span}: too large "
        "to read safely; copy the records into a new workbook"
    )


class _WalkScan(_Scan):
    """Places every cell as Excel's reader does (a cell without a reference follows the last)."""

    def __init__(self) -> None:
        super().__init__()
        self.row = 0
        self.col = 0
        self.max_row = 0
        self.max_col = 0
        self.cells = 0

    def piece(self, text: bytes) -> None:
        super().piece(text)
        for match in _TAG_OPEN.finditer(text):
            kind, attrs = match.group(1), match.group(2)
            ref = _REF_IN_TAG.search(attrs)
            if kind == b"row":
                self.row = int(ref.group(2)) if ref else self.row + 1
                self.col = 0
            else:
                self.cells += 1
                if ref and ref.group(1):
                    self.col = _column_number(ref.group(1))
                    self.row = int(ref.group(2))
                else:
                    self.col += 1
            self.max_row = max(self.max_row, self.row)
            self.max_col = max(self.max_col, self.col)
            if self.cells > MAX_SHEET_CELLS:
                _too_many_cells()

    def done(self, part: str, name: str) -> None:
        _check_grid(self.max_row, self.max_col)
        if self.max_row * self.max_col > MAX_SHEET_CELLS:
            _too_many_cells(self.max_row, self.max_col)


def _scanner(kind: str, part: str) -> _Scan | None:
    if not _XML_PART.search(part):
        return None
    if kind == "xlsx" and _WORKSHEET.match(part):
        return _SheetScan()
    if kind == "docx":
        return _DocumentScan()
    return _Scan()


def too_many_records() -> str:
    """Why a file of too many records is refused."""
    return (
        f"the file holds more than {MAX_RECORDS:,} records, more than an import can take at "
        "once: split it into smaller files (by year, for example)"
    )


def check_occurrences(count: int) -> None:
    """Refuse a calendar whose repeating events make more occurrences than can be read safely."""
    if count > MAX_OCCURRENCES:
        raise FileRefused(
            f"the calendar's repeating events make more than {MAX_OCCURRENCES:,} occurrences: "
            "too many to read safely; export a shorter period"
        )


# --- JSON ------------------------------------------------------------------------------------


def load_json(text: str) -> Any:
    """``json.loads`` with nesting bounded: a too-deep document is refused, never a crash."""
    try:
        document = json.loads(text)
    except RecursionError:
        raise FileRefused(_too_deep()) from None
    check_depth(document)
    return document


def check_depth(document: Any, limit: int = MAX_JSON_DEPTH) -> None:
    """Refuse JSON nested deeper than ``limit`` (walked without recursion)."""
    if type(document) not in (dict, list):
        return  # a bare number, string or null nests nothing
    stack: list[tuple[Any, int]] = [(document, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        node, depth = pop()
        values = node.values() if type(node) is dict else node
        for value in values:
            kind = type(value)
            if kind is dict or kind is list:
                if depth >= limit:
                    raise FileRefused(_too_deep(limit))
                push((value, depth + 1))


def _too_deep(limit: int = MAX_JSON_DEPTH) -> str:
    return (
        f"the JSON is nested more than {limit} levels deep, which no FHIR record is: "
        "it was not read"
    )


# --- single fields ---------------------------------------------------------------------------


def clip_oversized(record: SourceRecord) -> None:
    """Quarantine a record with a field over MAX_FIELD characters, keeping only its start.

    The long field is shortened in the record (its start and its length are kept, so that the
    worker can find it in the source file) and the row goes to quarantine with the reason.
    """
    raw = record.raw
    if type(raw) is list:
        try:
            if max(map(len, raw), default=0) <= MAX_FIELD:
                return
        except TypeError:  # numbers and dates among the cells
            if _longest(raw) <= MAX_FIELD:
                return
    elif _longest(raw) <= MAX_FIELD and _longest(record.values) <= MAX_FIELD:
        return
    names = [str(k) for k, v in record.values.items() if type(v) is str and len(v) > MAX_FIELD]
    record.values = {k: _clip(v) for k, v in record.values.items()}
    record.raw = _clip(raw)
    what = f"the field '{names[0]}'" if names else "a field"
    record.problem = (
        f"{what} is longer than the {MAX_FIELD:,} characters a field may hold; only its start "
        "is kept here: shorten it in the source file and import it again"
    )


def clip_cells(rows: list[Any]) -> list[Any]:
    """Sample rows with every text over MAX_FIELD cut (mapping reads them for their content)."""
    if _longest(rows) <= MAX_FIELD:
        return rows
    return _clip(rows)


def _longest(value: Any) -> int:
    """The longest text anywhere in a value (cells, or a record's nested JSON)."""
    kind = type(value)
    if kind is str:
        return len(value)
    if kind is list or kind is tuple:
        return max((_longest(v) for v in value), default=0)
    if kind is dict:
        return max((_longest(v) for v in value.values()), default=0)
    return 0


def _clip(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        if len(value) <= MAX_FIELD:
            return value
        return f"{value[:2000]}… [{len(value) - 2000:,} more characters not kept]"
    if kind is list or kind is tuple:
        return [_clip(v) for v in value]
    if kind is dict:
        return {k: _clip(v) for k, v in value.items()}
    return value


# --- over-long fields in text files, cut before parsing --------------------------------------


def bound_csv_text(text: str, delimiter: str) -> str | None:
    """Refuse a CSV text of too many lines; cut each field over MAX_FIELD characters short.

    Returns the text with long fields cut, or None when no field is over the limit.

    The csv module holds a field four times over while it reads it (and the reader reads the
    file twice), so a 50 MB field would cost over 800 MB. Such a field is cut here, before
    parsing, to a little over the limit: the record then goes to quarantine with the reason.
    """
    lines = text.count("\n") or text.count("\r")
    if lines > 4 * MAX_RECORDS:  # a note may run over a few lines; millions are no export
        raise FileRefused(too_many_records())
    if len(text) <= MAX_FIELD or not _may_hold_long_csv_field(text):
        return None
    spans = _long_csv_fields(text, delimiter)
    if not spans:
        return None
    out: list[str] = []
    last = 0
    for start, end, closed in spans:
        out.append(text[last:start])
        if closed:  # a quoted field: cut inside the quotes, never between two doubled quotes
            inner = text[start + 1 : end - 1][: _keep()]
            if (len(inner) - len(inner.rstrip('"'))) % 2:
                inner = inner[:-1]
            out.append(f'"{inner}"')
        else:
            out.append(text[start : start + _keep()])
        last = end
    out.append(text[last:])
    return "".join(out)


def _keep() -> int:
    """What is kept of a field that is too long: enough that, with doubled quotes read as one,
    it is still over MAX_FIELD (so the record goes to quarantine), far less than the field."""
    return 2 * MAX_FIELD + 2


def _may_hold_long_csv_field(text: str) -> bool:
    """False when no field can be over MAX_FIELD (checked at C speed, without parsing)."""
    # Every stretch of half the limit holds a line break: no line reaches MAX_FIELD, so no
    # unquoted field does.
    if _has_long_line(text):
        return True
    if '"' not in text:
        return False
    # Quoted fields may span lines: measure them. Between quotes, pieces alternate outside and
    # inside; an empty piece between two inside pieces is a doubled quote within one field.
    lengths = list(map(len, text.split('"')))
    i, n = 1, len(lengths)
    while i < n:
        span = lengths[i]
        while i + 2 < n and lengths[i + 1] == 0:
            span += 2 + lengths[i + 2]
            i += 2
        if span > MAX_FIELD:
            return True
        i += 2
    return False


def _long_csv_fields(text: str, delimiter: str) -> list[tuple[int, int, bool]]:
    """(start, end, properly quoted) of each field over MAX_FIELD, read as the csv module would."""
    spans: list[tuple[int, int, bool]] = []
    n = len(text)
    find = text.find
    nxt = {delimiter: -2, "\n": -2, "\r": -2}

    def separator(pos: int) -> int:
        best = n
        for ch, at in nxt.items():
            if at < pos and at != -1:
                at = nxt[ch] = find(ch, pos)
            if at != -1 and at < best:
                best = at
        return best

    pos = 0
    while pos < n:
        start = pos
        closed = False
        if text[pos] == '"':
            j = pos + 1
            while True:
                k = find('"', j)
                if k == -1:
                    k = n
                    break
                if k + 1 < n and text[k + 1] == '"':
                    j = k + 2
                    continue
                break
            after = min(k + 1, n)
            stop = separator(after)
            closed = k < n and stop == after
        else:
            stop = separator(pos)
        if stop - start > MAX_FIELD and _field_length(text, start, stop, closed) > MAX_FIELD:
            spans.append((start, stop, closed))
        pos = stop
        if pos < n:
            pos += 2 if text.startswith("\r\n", pos) else 1
    return spans


# One content line with its folded continuation lines.
def _field_length(text: str, start: int, stop: int, closed: bool) -> int:
    """How many characters the csv module reads from a field (quotes off, doubled ones single)."""
    if not closed:
        return stop - start
    inner = text[start + 1 : stop - 1]
    return len(inner) - inner.count('""')


_CONTENT_LINE = re.compile(r"[^\r\n]*(?:(?:\r\n|\r|\n)[ \t][^\r\n]*)*")
_FOLDS = ("\r\n ", "\r\n\t", "\n ", "\n\t", "\r ", "\r\t")


def clip_long_ics_lines(text: str) -> str | None:
    """The calendar text with each property over MAX_FIELD characters cut; None if none is.

    A long property is written folded over many physical lines; it is joined and cut here, and
    its other lines are left as empty folds, so that every line keeps its number.
    """
    if len(text) <= MAX_FIELD or not _has_long_line(_unfold(text)):
        return None
    out: list[str] = []
    last = 0
    for match in _CONTENT_LINE.finditer(text):
        start, end = match.span()
        if end - start <= MAX_FIELD:
            continue
        folded = match.group()
        joined = _unfold(folded)
        if len(joined) <= MAX_FIELD:
            continue
        crlf = folded.count("\r\n")
        breaks = folded.count("\n") + folded.count("\r") - crlf
        newline = "\r\n" if crlf else "\n"
        out.append(text[last:start])
        out.append(joined[: _keep()] + f"{newline} " * breaks)
        last = end
    if not out:
        return None
    out.append(text[last:])
    return "".join(out)


def _unfold(text: str) -> str:
    for fold in _FOLDS:
        text = text.replace(fold, "")
    return text


def _has_long_line(text: str) -> bool:
    """True when some line of ``text`` may be over MAX_FIELD (some stretch lacks a break)."""
    half = MAX_FIELD // 2
    find = text.find
    return any(
        find("\n", p, p + half) == -1 and find("\r", p, p + half) == -1
        for p in range(0, len(text) - half + 1, half)
    )
