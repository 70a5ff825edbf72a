"""Page layout for the PDF (and the page counter): our own line breaking and table paging.

reportlab's Paragraph-in-LongTable costs 3-4 ms a row and grows faster than linearly; here words
are measured once (widths cached), lines broken greedily, and table rows placed page by page
with the header row repeated. A word wider than its column is broken inside the word; a row
taller than a page splits across pages; short rows are kept whole, as the Word file asks too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm

from exports.document import (
    Block,
    Document,
    Heading,
    KeepTogether,
    Mark,
    NewMargins,
    PageBreak,
    Paragraph,
    Run,
    Table,
    TopRightBlock,
)
from exports.fonts import PdfFont, cover, pdf_font
from exports.text import clean

# Arial/Arimo: ascender + descender + line gap = 1.149 em, Word's "single" line for this font.
LINE_EM = 1.149
ASCENT_EM = 0.905
CELL_PAD_X = 5.4  # Word's default cell margin, 0.19 cm
CELL_PAD_Y = 2.0  # the Word tables carry the same top and bottom cell margin
RULE = 0.5  # a table rule's thickness, which Word adds to every row
BOLD_WIDEN = 1.07  # fake bold is drawn 7% wider, close to Arial Bold's advance widths
NUMBER_INDENT = 0.635 * cm * 2  # 1.27 cm hanging indent for paragraph numbers
TOP_RIGHT_SHARE = 0.55  # the top-right block's share of the text width
HEADING_SIZES = {0: 14.0, 1: 12.0, 2: 12.0}
HEADING_BEFORE = {0: 0.0, 1: 12.0, 2: 6.0}
_BREAK_AFTER = frozenset("/-?&=_.,;:")
_SPACE = re.compile(r"(\s+)")

# Drawing operations: ("t", x, y, text, size, bold), ("r", x, y, w, h) grey fill,
# ("l", x1, y1, x2, y2) a thin rule.
Op = tuple


@dataclass
class LaidOut:
    """The pages of a document as drawing operations, with the page each Mark fell on."""

    pages: list[list[Op]]
    marks: dict[str, int] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0
    margins: list[float] = field(default_factory=list)  # each page's margin (points)


_WIDTHS: dict[tuple[str, bool], dict[str, float]] = {}
_CACHE_LIMIT = 300_000  # words per font kept between documents


class Measurer:
    """String widths at 1 pt, cached by word; greedy line breaking."""

    def __init__(self, font: PdfFont, bold: bool = False) -> None:
        self.font = font
        self.name = font.bold if bold and font.bold else font.regular
        self.fake_bold = bold and not font.bold
        # Widths are shared by every measurer of the same font, so a second document (or the
        # Word writer's row measuring after the layout's) finds its words measured already.
        self.cache = _WIDTHS.setdefault((self.name, self.fake_bold), {})
        if len(self.cache) > _CACHE_LIMIT:
            self.cache.clear()
        self.scale = BOLD_WIDEN if self.fake_bold else 1.0
        self.space = self.measure(" ")

    def measure(self, text: str) -> float:
        """Width of ``text`` at 1 pt."""
        width = self.cache.get(text)
        if width is None:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            cover(text)
            width = stringWidth(text, self.name, 1.0) * self.scale
            self.cache[text] = width
        return width

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Break plain text into lines no wider than ``width`` points at ``size``."""
        limit = width / size
        measure = self.measure
        space = self.space
        lines: list[str] = []
        for hard in text.split("\n"):
            words = hard.split()
            if not words:
                lines.append("")
                continue
            current: list[str] = []
            used = 0.0
            for word in words:
                w = measure(word)
                if current:
                    if used + space + w <= limit:
                        current.append(word)
                        used += space + w
                        continue
                    lines.append(" ".join(current))
                if w <= limit:
                    current = [word]
                    used = w
                else:
                    pieces = self.split_word(word, limit)
                    lines.extend(pieces[:-1])
                    current = [pieces[-1]]
                    used = measure(pieces[-1])
            lines.append(" ".join(current))
        return lines

    def count_lines(self, text: str, width: float, size: float, stop: int) -> int:
        """How many lines ``wrap`` gives, counting no further than ``stop``."""
        limit = width / size
        cache = self.cache
        if len(text) < 40 and "\n" not in text:
            w = cache.get(text)
            if w is None:
                w = self.measure(text)
            if w <= limit:
                return 1
        space = self.space
        count = 0
        for hard in text.split("\n"):
            used = -space
            count += 1
            for word in hard.split():
                w = cache.get(word)
                if w is None:
                    w = self.measure(word)
                if used + space + w <= limit:
                    used += space + w
                    continue
                if used >= 0:
                    count += 1
                if w > limit:
                    pieces = self.split_word(word, limit)
                    count += len(pieces) - 1
                    w = self.measure(pieces[-1])
                used = w
            if count > stop:
                return count
        return count

    def split_word(self, word: str, limit: float) -> list[str]:
        """Break an over-long word (a URL, a 300-character string) into pieces that fit."""
        pieces: list[str] = []
        start = 0
        used = 0.0
        good = -1  # last position after a URL-ish separator, a nicer place to break
        i = start
        while i < len(word):
            w = self.measure(word[i])
            if used + w > limit and i > start:
                cut = good if good > start + (i - start) // 2 else i
                pieces.append(word[start:cut])
                start = cut
                used = sum(self.measure(ch) for ch in word[start:i])
                good = -1
            used += w
            if word[i] in _BREAK_AFTER:
                good = i + 1
            i += 1
        pieces.append(word[start:])
        return pieces


def line_height(size: float, spacing: float) -> float:
    return size * LINE_EM * spacing


class _Layout:
    def __init__(self, doc: Document, font: PdfFont) -> None:
        self.doc = doc
        setup = doc.setup
        self.width, self.height = landscape(A4) if setup.landscape else A4
        self.margins: list[float] = []
        self.set_margins(setup.margin_cm * cm)
        self.size = setup.font_size
        self.spacing = setup.line_spacing
        self.regular = Measurer(font)
        self.bold = Measurer(font, bold=True)
        self.pages: list[list[Op]] = []
        self.marks: dict[str, int] = {}
        self.ops: list[Op] = []
        self._bold_lines: list[int] = []
        self.y = self.top
        self.new_page()

    # ------------------------------------------------------------------ pages
    def set_margins(self, margin: float) -> None:
        self.margin = margin
        self.left = margin
        self.right = self.width - margin
        self.top = self.height - margin
        self.bottom = margin

    def new_page(self) -> None:
        self.ops = []
        self.pages.append(self.ops)
        self.margins.append(self.margin)
        self.y = self.top

    @property
    def at_top(self) -> bool:
        return self.y >= self.top - 0.01

    def room(self) -> float:
        return self.y - self.bottom

    # ------------------------------------------------------------- paragraphs
    def text_lines(
        self, runs: list[Run], width: float, size: float
    ) -> list[list[tuple[str, bool]]]:
        """Break runs into lines of (text, bold) fragments."""
        if len(runs) == 1 or all(r.bold == runs[0].bold for r in runs):
            bold = bool(runs) and runs[0].bold
            measurer = self.bold if bold else self.regular
            text = clean("".join(r.text for r in runs))
            return [[(line, bold)] for line in measurer.wrap(text, width, size)]
        return self._mixed_lines(runs, width, size)

    def _mixed_lines(
        self, runs: list[Run], width: float, size: float
    ) -> list[list[tuple[str, bool]]]:
        limit = width / size
        lines: list[list[tuple[str, bool]]] = []
        line: list[tuple[str, bool]] = []
        used = 0.0
        gap = False
        for run in runs:
            m = self.bold if run.bold else self.regular
            for part in _SPACE.split(clean(run.text)):
                if not part:
                    continue
                if part.isspace():
                    for _ in range(part.count("\n")):
                        lines.append(line)
                        line, used, gap = [], 0.0, False
                    gap = gap or bool(line)
                    continue
                for piece in m.split_word(part, limit) if m.measure(part) > limit else [part]:
                    w = m.measure(piece) + (m.space if gap else 0.0)
                    if line and used + w > limit:
                        lines.append(line)
                        line, used, gap = [], 0.0, False
                        w = m.measure(piece)
                    line.append(((" " if gap else "") + piece, run.bold))
                    used += w
                    gap = False
        lines.append(line)
        return lines

    def place_lines(
        self,
        lines: list[list[tuple[str, bool]]],
        x: float,
        width: float,
        size: float,
        spacing: float,
        align: str,
        number: str | None = None,
    ) -> None:
        lead = line_height(size, spacing)
        for i, fragments in enumerate(lines):
            if self.y - lead < self.bottom - 0.01:
                self.new_page()
            base = self.y - (lead - size * LINE_EM) / 2 - size * ASCENT_EM
            if i == 0 and number is not None:
                self.ops.append(("t", self.left, base, number, size, False))
            cx = x
            if align != "left":
                total = sum(self._frag_width(f, size) for f in fragments)
                cx = x + (width - total) / (2 if align == "centre" else 1)
            for text, bold in fragments:
                if text:
                    self.ops.append(("t", cx, base, text, size, bold))
                    cx += self._frag_width((text, bold), size)
            self.y -= lead

    def _frag_width(self, fragment: tuple[str, bool], size: float) -> float:
        text, bold = fragment
        return (self.bold if bold else self.regular).measure(text) * size

    def paragraph(self, p: Paragraph, number: str | None) -> None:
        x = self.left + (NUMBER_INDENT if p.numbered else 0.0)
        width = self.right - x
        lines = self.text_lines(p.runs, width, self.size)
        self.place_lines(lines, x, width, self.size, self.spacing, p.align, number)
        self.y -= self.doc.setup.space_after

    def heading(self, h: Heading, next_block: Block | None) -> None:
        size = HEADING_SIZES.get(h.level, self.size)
        width = self.right - self.left
        lines = self.text_lines([Run(h.text, bold=True)], width, size)
        lead = line_height(size, self.spacing)
        need = lead * len(lines) + self.doc.setup.space_after + self._first_height(next_block)
        if not self.at_top:
            self.y -= HEADING_BEFORE.get(h.level, 0.0)
            if need > self.room():
                self.new_page()
        self.place_lines(lines, self.left, width, size, self.spacing, h.align)
        self.y -= self.doc.setup.space_after

    def _first_height(self, block: Block | None) -> float:
        """Height of the start of the next block, which a heading keeps on its page."""
        if isinstance(block, Paragraph | Heading):
            return line_height(self.size, self.spacing)
        if isinstance(block, Table):
            lead = line_height(block.font_size or self.size, block.line_spacing or self.spacing)
            return 2 * (lead + 2 * CELL_PAD_Y)
        if isinstance(block, KeepTogether):
            height = self.group_height(block)  # the group moves whole, so the heading goes too
            return height if height <= self.top - self.bottom else 0.0
        return 0.0

    def top_right(self, block: TopRightBlock) -> None:
        width = (self.right - self.left) * TOP_RIGHT_SHARE
        x = self.right - width
        for line in block.lines:
            lines = self.text_lines([Run(line)], width, self.size)
            self.place_lines(lines, x, width, self.size, self.spacing, "right")
        self.y -= self.doc.setup.space_after * 2

    def group_height(self, group: KeepTogether) -> float:
        """The height a group of paragraphs and headings needs."""
        height = 0.0
        for b in group.blocks:
            if isinstance(b, Paragraph):
                x = NUMBER_INDENT if b.numbered else 0.0
                lines = self.text_lines(b.runs, self.right - self.left - x, self.size)
                height += len(lines) * line_height(self.size, self.spacing)
            elif isinstance(b, Heading):
                height += line_height(HEADING_SIZES.get(b.level, self.size), self.spacing)
                height += HEADING_BEFORE.get(b.level, 0.0)
            height += self.doc.setup.space_after
        return height

    def keep_together(self, group: KeepTogether, counter: list[int]) -> None:
        height = self.group_height(group)
        if height > self.room() and height <= self.top - self.bottom and not self.at_top:
            self.new_page()
        self.blocks(group.blocks, counter)

    # ----------------------------------------------------------------- tables
    def table(self, t: Table) -> None:
        size = t.font_size or self.size
        lead = line_height(size, t.line_spacing or self.spacing)
        total = sum(t.widths) or 1.0
        span = self.right - self.left
        widths = [span * w / total for w in t.widths]
        xs = [self.left]
        for w in widths:
            xs.append(xs[-1] + w)
        inner = [w - 2 * CELL_PAD_X for w in widths]
        header = [self.bold.wrap(clean(h), inner[i], size) for i, h in enumerate(t.header)]
        # A header repeats on every page: it may take at most half of one, so that every page
        # has room for the rows (a 1,000-character reference as a header once made the table
        # add pages forever).
        most = max(1, int(((self.top - self.bottom) / 2 - 2 * CELL_PAD_Y - RULE) // lead))
        header = [_at_most(lines, most) for lines in header]
        header_h = max(len(c) for c in header) * lead + 2 * CELL_PAD_Y + RULE
        body_h = self.top - self.bottom - header_h
        first = lead + 2 * CELL_PAD_Y  # the header never stands alone at the foot of a page
        if t.rows:
            lines = max(
                self.regular.count_lines(clean(c), inner[i], size, t.keep_rows_up_to + 1)
                for i, c in enumerate(t.rows[0])
            )
            if lines <= t.keep_rows_up_to:
                first = lines * lead + 2 * CELL_PAD_Y + RULE
        if self.room() < header_h + first and not self.at_top:
            self.new_page()
        self._row(header, 0, max(len(c) for c in header), xs, size, lead, True)
        wrap = self.regular.wrap
        heading_col = t.bold_first_line
        for row in t.rows:
            cells = [wrap(clean(cell), inner[i], size) for i, cell in enumerate(row)]
            bold_lines = [0] * len(row)
            if heading_col is not None and row[heading_col]:
                head, _, rest = clean(row[heading_col]).partition("\n")
                top = self.bold.wrap(head, inner[heading_col], size)
                bold_lines[heading_col] = len(top)
                cells[heading_col] = top + (wrap(rest, inner[heading_col], size) if rest else [])
            self._bold_lines = bold_lines
            n = max(len(c) for c in cells)
            height = n * lead + 2 * CELL_PAD_Y + RULE
            if height > self.room() and n <= t.keep_rows_up_to and height <= body_h:
                self._table_page(header, xs, size, lead)
            start = 0
            while start < n:
                fit = int((self.room() - 2 * CELL_PAD_Y - RULE + 0.01) // lead)
                if fit < 1:
                    self._table_page(header, xs, size, lead)
                    # A fresh page takes at least one line, so the table always ends.
                    fit = max(1, int((self.room() - 2 * CELL_PAD_Y - RULE + 0.01) // lead))
                stop = min(n, start + fit)
                self._row(cells, start, stop, xs, size, lead, False)
                start = stop
                if start < n:
                    self._table_page(header, xs, size, lead)
        self.y -= self.doc.setup.space_after

    def _table_page(
        self, header: list[list[str]], xs: list[float], size: float, lead: float
    ) -> None:
        self.new_page()
        self._row(header, 0, max(len(c) for c in header), xs, size, lead, True)

    def _row(
        self,
        cells: list[list[str]],
        start: int,
        stop: int,
        xs: list[float],
        size: float,
        lead: float,
        bold: bool,
    ) -> None:
        top = self.y
        height = (stop - start) * lead + 2 * CELL_PAD_Y
        bottom = top - height - RULE
        ops = self.ops
        if bold:
            ops.append(("r", xs[0], bottom, xs[-1] - xs[0], height))
            ops.append(("l", xs[0], top, xs[-1], top))
        offset = (lead - size * LINE_EM) / 2 + size * ASCENT_EM
        heads = self._bold_lines if not bold else [0] * len(cells)
        for col, lines in enumerate(cells):
            x = xs[col] + CELL_PAD_X
            y = top - CELL_PAD_Y - offset
            for index in range(start, min(stop, len(lines))):
                line = lines[index]
                if line:
                    ops.append(("t", x, y, line, size, bold or index < heads[col]))
                y -= lead
        ops.append(("l", xs[0], bottom, xs[-1], bottom))
        for x in xs:
            ops.append(("l", x, top, x, bottom))
        self.y = bottom

    # ----------------------------------------------------------------- blocks
    def blocks(self, blocks: list[Block], counter: list[int]) -> None:
        for i, block in enumerate(blocks):
            if isinstance(block, Paragraph):
                number = None
                if block.numbered:
                    counter[0] += 1
                    number = f"{counter[0]}."
                self.paragraph(block, number)
            elif isinstance(block, Heading):
                self.heading(block, blocks[i + 1] if i + 1 < len(blocks) else None)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, TopRightBlock):
                self.top_right(block)
            elif isinstance(block, KeepTogether):
                self.keep_together(block, counter)
            elif isinstance(block, PageBreak):
                if not self.at_top:
                    self.new_page()
            elif isinstance(block, NewMargins):
                self.set_margins(block.margin_cm * cm)
                if self.at_top or not self.ops:  # nothing on this page yet: it takes them
                    self.margins[-1] = self.margin
                    self.y = self.top
                else:
                    self.new_page()
            elif isinstance(block, Mark):
                self.marks[block.name] = len(self.pages)


def _at_most(lines: list[str], most: int) -> list[str]:
    """The first ``most`` lines, the last of them ending in an ellipsis if any were left out."""
    if len(lines) <= most:
        return lines
    return [*lines[: most - 1], lines[most - 1][:-1] + "…"]


def lay_out(doc: Document, font: PdfFont | None = None) -> LaidOut:
    """Place every block of the document on A4 pages."""
    layout = _Layout(doc, font or pdf_font())
    layout.blocks(doc.blocks, [0])
    if len(layout.pages) > 1 and not layout.pages[-1]:
        layout.pages.pop()
        layout.margins.pop()
    return LaidOut(layout.pages, layout.marks, layout.width, layout.height, layout.margins)
