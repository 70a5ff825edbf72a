"""Excel number formats that show a date cell as a month or a year ("mmmm yyyy", "mmm-yy",
"yyyy"): such a cell holds a whole date (the 1st of the month) but says only the month, so it is
read at the precision it shows, never as the 1st.

Only the workbook's styles are read unless one of them shows a date without its day; then the
chosen sheet's XML is scanned once for the cells that use it.
"""

from __future__ import annotations

import logging
import posixpath
import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree

log = logging.getLogger(__name__)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STRICT_MAIN = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_STRICT_DOC_REL = "{http://purl.oclc.org/ooxml/officeDocument/relationships}"
# Built-in formats (ECMA-376 18.8.30) that show a month and year without a day: 17 is mmm-yy.
_BUILT_IN = {17: "month"}
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def format_precision(code: str) -> str | None:
    """'month' or 'year' for a number format that shows a date without its day, else None."""
    plain = _LITERAL.sub("", code).lower().split(";", 1)[0]
    if any(ch in plain for ch in "dhs") or "am/pm" in plain or "0" in plain or "#" in plain:
        return None
    if "y" in plain and "m" in plain:
        return "month"
    if "y" in plain:
        return "year"
    if "mmm" in plain:  # "mmmm" alone: the month's name, its year kept from the cell
        return "month"
    return None


def _find(element: object, name: str) -> list[object]:
    found = element.findall(f"{_MAIN}{name}")  # type: ignore[attr-defined]
    return found or element.findall(f"{_STRICT_MAIN}{name}")  # type: ignore[attr-defined]


def _styles(archive: zipfile.ZipFile) -> dict[int, str]:
    """Cell style index -> 'month'/'year' for the styles that show a date without a day."""
    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return {}
    custom: dict[int, str] = {}
    for holder in _find(root, "numFmts"):
        for fmt in _find(holder, "numFmt"):
            precision = format_precision(fmt.get("formatCode", ""))  # type: ignore[attr-defined]
            if precision:
                custom[int(fmt.get("numFmtId", "-1"))] = precision  # type: ignore[attr-defined]
    out: dict[int, str] = {}
    for holder in _find(root, "cellXfs"):
        for index, xf in enumerate(_find(holder, "xf")):
            fmt_id = int(xf.get("numFmtId", "0"))  # type: ignore[attr-defined]
            precision = custom.get(fmt_id) or _BUILT_IN.get(fmt_id)
            if precision:
                out[index] = precision
    return out


def _sheet_path(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rid = None
    for holder in _find(workbook, "sheets"):
        for sheet in _find(holder, "sheet"):
            if sheet.get("name") == sheet_name:  # type: ignore[attr-defined]
                rid = sheet.get(f"{_DOC_REL}id") or sheet.get(f"{_STRICT_DOC_REL}id")  # type: ignore[attr-defined]
    if rid is None:
        return None
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_REL}Relationship"):
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return None


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def shown_precisions(path: Path, sheet_name: str) -> dict[tuple[int, int], str]:
    """(0-based row, 0-based column) -> 'month'/'year' for cells shown without their day."""
    try:
        with zipfile.ZipFile(path) as archive:
            styles = _styles(archive)
            if not styles:
                return {}
            part = _sheet_path(archive, sheet_name)
            if part is None:
                return {}
            wanted = {str(i) for i in styles}
            found: dict[tuple[int, int], str] = {}
            with archive.open(part) as stream:
                for _event, element in ElementTree.iterparse(stream, events=("end",)):
                    if element.tag.endswith("}c"):
                        style = element.get("s")
                        if style in wanted:
                            m = _CELL_REF.fullmatch(element.get("r", ""))
                            if m is not None:
                                key = (int(m.group(2)) - 1, _column_index(m.group(1)))
                                found[key] = styles[int(style)]
                        element.clear()
            return found
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        log.info("number formats of %s not read: %r", path, exc)
        return {}


__all__ = ["format_precision", "shown_precisions"]
