"""Office files saved as "Strict Open XML": the same parts as the usual (transitional) form, with
other namespace names. Reading one means writing those names back to the transitional ones in a
copy held in memory; the file itself is never changed."""

from __future__ import annotations

import io
import zipfile

# Strict namespace -> transitional namespace (ECMA-376 / ISO/IEC 29500 parts 1 and 4). Longer
# names first, so that a name is never replaced by a shorter one it starts with.
STRICT_TO_TRANSITIONAL: tuple[tuple[bytes, bytes], ...] = tuple(
    (f"http://purl.oclc.org/ooxml/{strict}".encode(), transitional.encode())
    for strict, transitional in sorted(
        {
            "wordprocessingml/main": (
                "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            ),
            "spreadsheetml/main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            "presentationml/main": "http://schemas.openxmlformats.org/presentationml/2006/main",
            "drawingml/main": "http://schemas.openxmlformats.org/drawingml/2006/main",
            "drawingml/wordprocessingDrawing": (
                "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
            ),
            "drawingml/picture": "http://schemas.openxmlformats.org/drawingml/2006/picture",
            "drawingml/chart": "http://schemas.openxmlformats.org/drawingml/2006/chart",
            "drawingml/diagram": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
            "officeDocument/relationships": (
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
            ),
            "officeDocument/math": "http://schemas.openxmlformats.org/officeDocument/2006/math",
            "officeDocument/sharedTypes": (
                "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes"
            ),
            "officeDocument/customXml": (
                "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
            ),
            "officeDocument/bibliography": (
                "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"
            ),
            "officeDocument/extendedProperties": (
                "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
            ),
            "officeDocument/customProperties": (
                "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
            ),
            "officeDocument/docPropsVTypes": (
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
            ),
        }.items(),
        key=lambda pair: -len(pair[0]),
    )
)
_MARK = b"http://purl.oclc.org/ooxml/"
_TEXT_PARTS = (".xml", ".rels")


def is_strict(archive: zipfile.ZipFile) -> bool:
    """True when the package's own relationships use the Strict names."""
    try:
        return _MARK in archive.read("_rels/.rels")
    except KeyError:
        return False


def as_transitional(archive: zipfile.ZipFile) -> io.BytesIO:
    """A copy of a Strict package, in memory, with every XML part in the transitional names."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in archive.infolist():
            data = archive.read(item)
            if item.filename.endswith(_TEXT_PARTS) and _MARK in data:
                for strict, transitional in STRICT_TO_TRANSITIONAL:
                    data = data.replace(strict, transitional)
                data = data.replace(b' w:conformance="strict"', b"")
            copy.writestr(item, data)
    out.seek(0)
    return out


__all__ = ["STRICT_TO_TRANSITIONAL", "as_transitional", "is_strict"]
