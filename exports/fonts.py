"""The PDF's embedded Unicode TrueType font, taken from an installed dependency.

Arimo (package ``fontpkg-arimo``, SIL Open Font License) is metrically identical to Arial, the font
the Word files name, so a PDF and LibreOffice's rendering of the Word file break lines alike; it
covers Latin (with Vietnamese and Central European letters), Greek, Cyrillic and Hebrew. Without
it, reportlab's own Bitstream Vera is used (Western European letters only).

A character neither font has is still written as text: it is mapped to the font's blank
"missing" glyph but keeps its Unicode value in the PDF's ToUnicode map, so it can be searched and
copied. Arimo ships as a variable font, of which reportlab embeds the regular instance; bold is
drawn by stroking the outline ("fake bold"), which leaves the text searchable.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

FONT_NAME = "ThroughlineSans"
BOLD_NAME = "ThroughlineSans-Bold"
WORD_FONT = "Arial"  # what the Word files name: Word has it; LibreOffice maps it to Liberation Sans
_MISSING_WIDTH = 556  # a typical letter's advance, in 1/1000 em, for characters the font lacks


@dataclass(frozen=True)
class PdfFont:
    """The registered regular face, and the bold one if there is a real bold."""

    regular: str
    bold: str | None
    source: str

    def width(self, text: str, size: float) -> float:
        return pdfmetrics.stringWidth(text, self.regular, size)


def _arimo_path() -> Path | None:
    try:
        import fontpkg  # type: ignore[import-not-found]

        return Path(fontpkg.path("Arimo"))
    except Exception:  # not installed, or its registry cannot find the family
        pass
    try:
        import fontpkg_arimo  # type: ignore[import-not-found]

        found = sorted((Path(fontpkg_arimo.__file__).parent / "files").glob("Arimo[[]*.ttf"))
        return found[0] if found else None
    except Exception:
        return None


@lru_cache(maxsize=1)
def pdf_font() -> PdfFont:
    """Register the PDF font once per process and say which it is."""
    _fix_tounicode_for_astral_characters()
    path = _arimo_path()
    if path is not None and path.is_file():
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path)))
            return PdfFont(FONT_NAME, None, f"Arimo ({path.name})")
        except Exception as exc:  # a damaged font file must not stop an export
            log.warning("Arimo could not be loaded (%s); using Bitstream Vera", exc)
    pdfmetrics.registerFont(TTFont(FONT_NAME, "Vera.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD_NAME, "VeraBd.ttf"))
    return PdfFont(FONT_NAME, BOLD_NAME, "Bitstream Vera (reportlab)")


def cover(text: str) -> None:
    """Make every character of ``text`` drawable: ones the font lacks get the blank glyph."""
    if text.isascii():
        return
    font = pdf_font()
    for name in {font.regular, font.bold} - {None}:
        face = pdfmetrics.getFont(str(name)).face
        missing = {ord(ch) for ch in text} - face.charToGlyph.keys()
        for code in missing:
            if code < 32:
                continue
            zero = unicodedata.category(chr(code)) in ("Mn", "Me", "Cf")
            face.charToGlyph[code] = 0
            face.charWidths[code] = 0 if zero else _MISSING_WIDTH


def _fix_tounicode_for_astral_characters() -> None:
    """reportlab writes characters beyond U+FFFF as odd-length hex; PDF wants UTF-16 pairs."""
    if getattr(ttfonts.makeToUnicodeCMap, "_throughline", False):
        return
    original = ttfonts.makeToUnicodeCMap

    def make_cmap(fontname: str, subset: list[int]) -> str:
        text = original(fontname, [min(code, 0xFFFF) for code in subset])
        for i, code in enumerate(subset):
            if code > 0xFFFF:
                utf16 = chr(code).encode("utf-16-be").hex().upper()
                text = text.replace(f"<{i:02X}> <FFFF>", f"<{i:02X}> <{utf16}>", 1)
        return text

    make_cmap._throughline = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make_cmap
