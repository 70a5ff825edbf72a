"""After writing: scan the file itself for every withheld string; a hit blocks the export.

- Word: every XML part of the package (document, header, footer, docProps...), tags removed so
  that text split across runs or lines is joined again.
- PDF: its text is stored in font-subset codes, not as readable bytes, so the scan reads the
  exact strings the writer put into the content streams (recorded as it drew them, in reading
  order) together with the document information (title, author, subject) and the raw bytes of
  the file (anything else written as plain text).
- CSV: the file's text.

Text is compared in a normalised form (letters and digits only, case-folded), so a string broken
over two lines, split inside a word or re-spaced is still found.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from exports.redaction import normalise

_TAG = re.compile(r"<[^>]+>")
# Compressed streams are binary: normalised, their random letters could spell a short needle.
_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)


class LeakError(ValueError):
    """A withheld string was found in a written file; the file is not kept."""


def docx_text(path: Path) -> str:
    """The text of every XML part of a Word package, tags removed."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                xml = z.read(name).decode("utf-8", errors="replace")
                out.append(html.unescape(_TAG.sub("", xml)))
    return "\n".join(out)


def pdf_text(path: Path, drawn: Iterable[str]) -> str:
    """What the PDF says: the strings drawn, its information dictionary, its raw bytes."""
    raw = _STREAM.sub(b" ", path.read_bytes()).decode("latin-1")
    return "\n".join(["\n".join(drawn), raw])


def csv_text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig", errors="replace")


def find_leaks(text: str, needles: list[tuple[str, str]]) -> list[str]:
    """Labels of the needles (normalised strings) that occur in ``text``."""
    if not needles:
        return []
    hay = normalise(text)
    return [label for label, key in needles if key and key in hay]


def verify_no_leaks(
    path: Path,
    fmt: str,
    needles: list[tuple[str, str]],
    drawn: Iterable[str] = (),
    name: str | None = None,
) -> None:
    """Raise LeakError naming (never quoting) each withheld string found in the file."""
    if not needles:
        return
    if fmt == "docx":
        text = docx_text(path)
    elif fmt == "pdf":
        text = pdf_text(path, drawn)
    else:
        text = csv_text(path)
    leaks = find_leaks(text, needles)
    if leaks:
        raise LeakError(
            f"redaction check failed: {'; '.join(sorted(set(leaks)))} would have been written "
            f"to {name or path.name}; nothing was written"
        )
