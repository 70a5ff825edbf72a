"""Word reader: the table with a Date column (a previous chronology), one record per row.

Cells are read from the document XML: a vertically merged cell gives its value to every row it
spans, a horizontally merged cell is read once, tracked insertions count and deletions do not,
and repeated header rows are skipped.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from chronology.dates import reads_as_date
from chronology.importers.column_content import spread_sample
from chronology.importers.limits import check_package
from chronology.importers.mapping import column_names, is_date_header, looks_like_header
from chronology.importers.records import FileRefused, Progress, ReaderInfo, SourceRecord
from chronology.importers.strict_ooxml import as_transitional, is_strict

log = logging.getLogger(__name__)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TBL = f"{{{_W}}}tbl"
_TR = f"{{{_W}}}tr"
_TC = f"{{{_W}}}tc"
_P = f"{{{_W}}}p"
_T = f"{{{_W}}}t"
_TAB = f"{{{_W}}}tab"
_BR = f"{{{_W}}}br"
_CR = f"{{{_W}}}cr"
_NB_HYPHEN = f"{{{_W}}}noBreakHyphen"
_SDT = f"{{{_W}}}sdt"
_SDT_CONTENT = f"{{{_W}}}sdtContent"
_VAL = f"{{{_W}}}val"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER_SCAN = 5
PROGRESS_EVERY = 1000


def _open(path: Path) -> tuple[Any, bool]:
    """The python-docx Document and whether it was Strict Open XML, or FileRefused."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise FileRefused(f"cannot be opened ({exc.strerror or exc})") from None
    if not head:
        raise FileRefused("the file is empty")
    if head.startswith(_OLE_MAGIC):
        raise FileRefused(
            "this is an old-style Word document (.doc) or a password-protected one: open it in "
            "Word, remove any password and save it as a Word Document (.docx)"
        )
    if not head.startswith(b"PK"):
        raise FileRefused("this is not a Word document (.docx files are zip packages)")
    check_package(path, "docx")  # before python-docx: it inflates and parses every part
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(path) as archive:
            if is_strict(archive):  # "Strict Open XML": read through a transitional copy
                return _open_strict(archive), True
        return docx.Document(str(path)), False
    except FileRefused:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        log.info("python-docx could not open %s: %r", path, exc)
        raise FileRefused("the file is damaged or is not a Word document") from None
    except ValueError as exc:  # e.g. a workbook or template renamed .docx
        log.info("python-docx refused %s: %r", path, exc)
        raise FileRefused("this is not a Word document (it may be another kind of file)") from None
    except Exception as exc:  # malformed XML inside the package
        log.info("python-docx failed on %s: %r", path, exc)
        raise FileRefused("the document is damaged (its XML cannot be read)") from None


def _open_strict(archive: zipfile.ZipFile) -> Any:
    import docx

    try:
        return docx.Document(as_transitional(archive))
    except Exception as exc:  # a Strict package this translation does not cover
        log.info("Strict Open XML document not read: %r", exc)
        raise FileRefused(
            "this Word document is saved as Strict Open XML and could not be read: open it in "
            "Word and save it as 'Word Document (*.docx)' (not 'Strict Open XML Document')"
        ) from None


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for node in p.iter(_T, _TAB, _BR, _CR, _NB_HYPHEN):
        tag = node.tag
        if tag == _T:
            parts.append(node.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _NB_HYPHEN:
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _block_lines(parent: Any, lines: list[str]) -> None:
    """Text of paragraphs (and nested tables, content controls) inside a cell, in order."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag == _P:
            lines.append(_paragraph_text(child))
        elif tag == _TBL:
            for tr in child.iterchildren(_TR):
                cells = [_cell_text(tc) for tc in tr.iter(_TC)]
                line = " | ".join(c for c in cells if c)
                if line:
                    lines.append(line)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                _block_lines(content, lines)


def _cell_text(tc: Any) -> str:
    lines: list[str] = []
    _block_lines(tc, lines)
    return "\n".join(lines).strip()


def _on(element: Any, tag: str) -> bool:
    """A w:onOff property (w:tblHeader, ...) that is present and not switched off."""
    if element is None:
        return False
    found = element.find(f"{{{_W}}}{tag}")
    if found is None:
        return False
    return found.get(_VAL, "true") not in ("0", "false", "off")


def _row_cells(tr: Any) -> list[tuple[int, int, Any]]:
    """(first grid column, span, w:tc) for each cell of a row, content controls opened."""
    grid = 0
    tr_pr = tr.find(f"{{{_W}}}trPr")
    if tr_pr is not None:
        before = tr_pr.find(f"{{{_W}}}gridBefore")
        if before is not None:
            grid = _int(before.get(_VAL), 0)
    cells: list[tuple[int, int, Any]] = []
    for tc in _iter_tcs(tr):
        span = 1
        tc_pr = tc.find(f"{{{_W}}}tcPr")
        if tc_pr is not None:
            span_el = tc_pr.find(f"{{{_W}}}gridSpan")
            if span_el is not None:
                span = max(1, _int(span_el.get(_VAL), 1))
        cells.append((grid, span, tc))
        grid += span
    return cells


def _iter_tcs(tr: Any) -> Iterator[Any]:
    for child in tr.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from (c for c in content.iterchildren() if c.tag == _TC)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _v_merge(tc: Any) -> str | None:
    """'restart', 'continue' or None for a cell's vertical merge."""
    tc_pr = tc.find(f"{{{_W}}}tcPr")
    if tc_pr is None:
        return None
    el = tc_pr.find(f"{{{_W}}}vMerge")
    if el is None:
        return None
    return el.get(_VAL, "continue")


class _Grid:
    """A table read row by row into grid-column texts, with vertical merges carried down."""

    def __init__(self, tbl: Any) -> None:
        self.rows: list[tuple[Any, list[tuple[int, int, str]]]] = []
        above: dict[int, str] = {}
        for tr in tbl.iterchildren(_TR):
            cells: list[tuple[int, int, str]] = []
            current: dict[int, str] = {}
            for grid, span, tc in _row_cells(tr):
                if _v_merge(tc) == "continue":
                    text = above.get(grid, "")
                else:
                    text = _cell_text(tc)
                cells.append((grid, span, text))
                current[grid] = text
            above = current
            self.rows.append((tr, cells))


def _header_index(grid: _Grid) -> int | None:
    """The row (among the first few) whose cells name columns, one of them of dates: by its
    header ('Date', 'When') or, whatever its header says, by the dates in the rows below."""
    for index, (_tr, cells) in enumerate(grid.rows[:_HEADER_SCAN]):
        texts = [t for _g, _s, t in cells]
        named = len({t for t in texts if t}) >= 2 and looks_like_header(texts)
        if named and (any(is_date_header(t) for t in texts) or _dates_below(grid, index)):
            return index
    return None


def _dates_below(grid: _Grid, index: int, rows: int = 30) -> bool:
    """True when a column under the row at ``index`` holds dates in most of its cells."""
    counts: dict[int, list[int]] = {}
    for _tr, cells in grid.rows[index + 1 : index + 1 + rows]:
        for g, _span, text in cells:
            if text:
                seen = counts.setdefault(g, [0, 0])
                seen[0] += 1
                seen[1] += reads_as_date(text)
    return any(filled >= 2 and dates >= 0.6 * filled for filled, dates in counts.values())


def _columns(cells: list[tuple[int, int, str]]) -> tuple[list[str], dict[int, int]]:
    """Column names and grid column -> column index, from the header row's cells."""
    names: list[str] = []
    owner: dict[int, int] = {}
    for grid, span, text in cells:
        names.append(" ".join(text.split()))
        for g in range(grid, grid + span):
            owner[g] = len(names) - 1
    return column_names(names), owner


def _tables(document: Any) -> list[Any]:
    """Every table of the body in document order, nested ones and those in content controls."""
    body = getattr(document.element, "body", None)
    if body is None:  # the main part is XML, but not a Word document's
        raise FileRefused("the document is damaged (its main part is not a Word document body)")
    return list(body.iter(_TBL))


# "Chronology prepared by A. Worker, Social Worker": who wrote the document, when it says so.
_BY = re.compile(
    r"\b(?:prepared|compiled|written|completed|produced|updated|made)\s+by:?\s+"
    r"([A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3})"
)
# Names a template or an office machine writes into "Author": not a person who wrote it.
_NOT_AN_AUTHOR = re.compile(
    r"^(?:|admin\w*|user|owner|author|microsoft office user|python-docx|windows user|staff"
    r"|[a-z]{1,3}\d*)$",
    re.IGNORECASE,
)


def _credit(document: Any) -> tuple[str, str]:
    """Who wrote a previous chronology and its title: from its title lines, else its properties.

    Entries taken from another worker's chronology are attributed to that document and its
    author in court documents, not to the agencies named inside it.
    """
    lines = []
    for child in document.element.body.iterchildren():
        if child.tag == _TBL:
            break
        if child.tag == _P:
            text = " ".join(_paragraph_text(child).split())
            if text:
                lines.append(text)
    prop_title, prop_author = _properties(document)
    title = prop_title or (lines[0] if lines else "")
    author = ""
    for line in lines[:6]:
        found = _BY.search(line)
        if found:
            author = found.group(1).strip(" .,")
            break
    if not author and not _NOT_AN_AUTHOR.match(prop_author):
        author = prop_author
    return author[:80], title[:160]


def _properties(document: Any) -> tuple[str, str]:
    """The document's title and author properties; none when that part is damaged."""
    try:
        props = document.core_properties
        return (props.title or "").strip(), (props.author or "").strip()
    except (AttributeError, ValueError, TypeError, KeyError):
        return "", ""  # metadata only: the records are read all the same


def read(path: Path) -> Iterator[ReaderInfo | SourceRecord | Progress]:
    """Yield a ReaderInfo, then a SourceRecord per non-empty row below the chosen header."""
    path = Path(path)
    document, strict = _open(path)
    tables = _tables(document)
    if not tables:
        raise FileRefused(
            "the document has no table (a chronology must be a table with a Date column)"
        )
    # Tables whose header names a date column, grouped by their columns: a chronology split
    # over several tables (same header) is read as one; the group with most rows is chosen.
    groups: dict[tuple[str, ...], list[tuple[int, _Grid, int]]] = {}
    for number, tbl in enumerate(tables, start=1):
        grid = _Grid(tbl)
        index = _header_index(grid)
        if index is not None:
            key = tuple(t.lower() for _g, _s, t in grid.rows[index][1])
            groups.setdefault(key, []).append((number, grid, index))
    if not groups:
        raise FileRefused(
            f"no table with a Date column in this document ({len(tables)} table(s) found; none "
            "has a header cell such as 'Date' or 'When', nor a column of dates under its "
            "column names): a chronology must be such a table"
        )

    def size(group: list[tuple[int, _Grid, int]]) -> int:
        return sum(len(grid.rows) - index - 1 for _n, grid, index in group)

    chosen = max(groups.values(), key=size)  # the first such group on a tie
    first_number, first_grid, first_index = chosen[0]
    names, owner = _columns(first_grid.rows[first_index][1])
    notes: list[str] = []
    if strict:
        notes.append("a Word document saved as Strict Open XML: read in the usual form")
    if len(tables) > 1:
        notes.append(f"read table {first_number} of the {len(tables)} tables in the document")
    if len(chosen) > 1:
        more = ", ".join(str(n) for n, _g, _i in chosen[1:])
        notes.append(f"the table continues in table(s) {more} with the same columns")
    others = [str(g[0][0]) for g in groups.values() if g is not chosen]
    if others:
        notes.append(
            f"table(s) {', '.join(others)} also have a Date column but other columns and were "
            "not read: import them from a copy of the document holding only that table"
        )
    records = list(_records(chosen, names, owner))
    if not records:
        header = " | ".join(names)
        raise FileRefused(f"the table with the columns {header} has no rows")
    author, title = _credit(document)
    sample = [[r.values.get(n, "") for n in names] for r in spread_sample(records)]
    yield ReaderInfo(
        format="docx",
        header_row=first_index + 1,
        columns=names,
        notes=notes,
        sample=sample,
        author=author,
        title=title,
    )
    total = len(records)
    for done, record in enumerate(records, start=1):
        yield record
        if done % PROGRESS_EVERY == 0:
            yield Progress(done, total, f"read {done:,} of {total:,} rows")
    yield Progress(total, total, f"read {total:,} rows")


def _records(
    chosen: list[tuple[int, _Grid, int]], names: list[str], owner: dict[int, int]
) -> Iterator[SourceRecord]:
    header_key = [n.lower() for n in names]
    offset = 0
    for _number, grid, index in chosen:
        for position, (tr, cells) in enumerate(grid.rows[index + 1 :], start=1):
            values = [""] * len(names)
            extra: list[str] = []
            for g, _span, text in cells:
                column = owner.get(g)
                if column is None:
                    if text:
                        extra.append(text)
                    continue
                if text:
                    values[column] = f"{values[column]}\n{text}" if values[column] else text
            tr_pr = tr.find(f"{{{_W}}}trPr")
            if _on(tr_pr, "tblHeader") or [v.lower() for v in values] == header_key:
                continue  # a header row repeated inside the table
            if not any(values) and not extra:
                continue
            problem = None
            if extra:
                problem = "cell(s) beyond the header: " + ", ".join(repr(e[:40]) for e in extra)
            raw = values + extra
            yield SourceRecord(
                row=offset + position,
                values=dict(zip(names, values, strict=True)),
                raw=raw,
                problem=problem,
            )
        offset += len(grid.rows) - index - 1


__all__ = ["read"]
