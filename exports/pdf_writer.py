"""PDF writer: draws the laid-out pages with reportlab's canvas, "Page X of Y" on every page.

The layout is complete before drawing starts, so the page total is known (no second pass).
Text is real text in an embedded Unicode TrueType font: searchable and copyable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from exports.document import Document
from exports.fonts import pdf_font
from exports.layout import ASCENT_EM, BOLD_WIDEN, LaidOut, lay_out
from exports.text import ENDORSEMENT_CHARS, clean, shorten, visual_order

HEADER_FROM_EDGE = 1.5 * cm
FOOTER_FROM_EDGE = 1.5 * cm
RULE_WIDTH = 0.5
FAKE_BOLD_STROKE = 0.03  # of the font size


@dataclass
class PdfResult:
    """What was written: the page count and every string drawn, in order (for the leak scan)."""

    pages: int
    drawn: list[str]


def pdf_date(when: datetime) -> str:
    """A PDF date string, "D:20250203101500+00'00'"."""
    when = when.astimezone(UTC)
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


def write_pdf(doc: Document, path: str | Path, laid: LaidOut | None = None) -> PdfResult:
    """Write ``doc`` as a PDF at ``path`` (the caller makes this atomic)."""
    font = pdf_font()
    laid = laid or lay_out(doc, font)
    created = doc.created or datetime.now(UTC)
    canvas = Canvas(str(path), pagesize=(laid.width, laid.height), pageCompression=1)
    stamp = pdf_date(created)
    canvas.setDateFormatter(lambda *_: stamp)
    title, author, subject = clean(doc.title), clean(doc.author), clean(doc.subject)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator("Throughline")
    canvas.setProducer("Throughline (reportlab)")
    canvas.setKeywords("")
    drawn: list[str] = [title, author, subject]
    total = len(laid.pages)
    size = doc.setup.font_size
    endorsement = shorten(clean(doc.endorsement), ENDORSEMENT_CHARS)
    ink = _PageInk(canvas, font.regular, font.bold)
    for number, ops in enumerate(laid.pages, start=1):
        shaded = [op for op in ops if op[0] == "r"]
        if shaded:
            canvas.setFillGray(0.85)
            for _, x, y, w, h in shaded:
                canvas.rect(x, y, w, h, stroke=0, fill=1)
            canvas.setFillGray(0)
        rules = [op[1:] for op in ops if op[0] == "l"]
        if rules:
            ink.rules(rules)
        texts = [op for op in ops if op[0] == "t"]
        if endorsement:
            room = laid.width - 2 * doc.setup.margin_cm * cm
            while font.width(endorsement, size) > room and len(endorsement) > 2:
                endorsement = shorten(endorsement, int(len(endorsement) * 0.9))
            w = font.width(endorsement, size)
            texts.append(
                (
                    "t",
                    laid.width - _margin(laid, number, doc.setup.margin_cm * cm) - w,
                    laid.height - HEADER_FROM_EDGE - size * ASCENT_EM,
                    endorsement,
                    size,
                    False,
                )
            )
        footer = f"Page {number} of {total}"
        w = font.width(footer, size)
        texts.append(
            ("t", (laid.width - w) / 2, FOOTER_FROM_EDGE + size * 0.212, footer, size, False)
        )
        ink.texts(texts, drawn)
        canvas.showPage()
    # ASCII85 on top of Flate only makes the file bigger, and in pure Python it is slow.
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        canvas.save()
    finally:
        rl_config.useA85 = saved
    return PdfResult(total, drawn)


def _margin(laid: LaidOut, number: int, default: float) -> float:
    """The margin of page ``number`` (an exhibit may have its own)."""
    return laid.margins[number - 1] if len(laid.margins) >= number else default


class _PageInk:
    """Writes a page's text and rules as PDF operators (reportlab's per-call path is too slow).

    Text goes through the font's own subset encoding, so the ToUnicode maps stay right; plain
    ASCII, which the font keeps readable in subset 0, skips the per-character encoder.
    """

    def __init__(self, canvas: Canvas, regular: str, bold: str | None) -> None:
        self.canvas = canvas
        self.doc = canvas._doc  # the font's subset state is kept per document
        self.fonts = {False: pdfmetrics.getFont(regular), True: pdfmetrics.getFont(bold or regular)}
        self.fake_bold = bold is None
        self.names: dict[tuple[bool, int], str] = {}

    def _name(self, bold: bool, subset: int) -> str:
        key = (bold, subset)
        name = self.names.get(key)
        if name is None:
            name = self.fonts[bold].getSubsetInternalName(subset, self.doc)
            self.names[key] = name
        return name

    def rules(self, rules: list[tuple]) -> None:
        ops = [f"{RULE_WIDTH} w 0 G"]
        ops.extend(f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l" for a, b, c, d in rules)
        ops.append("S")
        self.canvas.addLiteral("\n".join(ops))

    def texts(self, texts: list[tuple], drawn: list[str]) -> None:
        out = ["BT 0 g"]
        append = out.append
        state: tuple[bool, int, float] | None = None
        mode = 0
        for _, x, y, text, size, bold in texts:
            drawn.append(text)
            shown = visual_order(text)
            want = 2 if bold and self.fake_bold else 0
            if want != mode:
                if want:
                    append(f"2 Tr {size * FAKE_BOLD_STROKE:.2f} w {BOLD_WIDEN * 100:.0f} Tz")
                else:
                    append("0 Tr 100 Tz")
                mode = want
            append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
            if shown.isascii():
                chunks: list[tuple[int, bytes]] = [(0, shown.encode("ascii"))]
            else:
                chunks = self.fonts[bold].splitString(shown, self.doc)
            for subset, data in chunks:
                if state != (bold, subset, size):
                    append(f"{self._name(bold, subset)} {size:.1f} Tf")
                    state = (bold, subset, size)
                append(f"<{data.hex()}> Tj")
        append("ET")
        self.canvas.addLiteral("\n".join(out))
