"""The document model every exporter writes: blocks of headings, paragraphs and tables.

Builders (statement, chronologies, summary) produce a ``Document`` of already-redacted text;
writers (Word, PDF) turn it into a file and know nothing about cases or redaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Align = Literal["left", "centre", "right"]


@dataclass
class Run:
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Heading:
    """A heading: level 0 is the document title, 1 a section, 2 a subsection."""

    text: str
    level: int = 1
    align: Align = "left"


@dataclass
class Paragraph:
    """A paragraph of runs; ``numbered`` ones carry the statement's running paragraph number."""

    runs: list[Run]
    numbered: bool = False
    align: Align = "left"
    keep_with_next: bool = False

    @classmethod
    def of(cls, text: str, **kwargs: object) -> Paragraph:
        """A paragraph of plain text."""
        return cls([Run(text)], **kwargs)  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Table:
    """A table whose header row repeats on every page; widths are relative weights."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float]
    font_size: float | None = None  # None: the document's body size
    line_spacing: float | None = None  # None: the document's line spacing
    # Rows of at most this many lines are kept whole on one page; longer rows split.
    keep_rows_up_to: int = 12
    bold_first_line: int | None = None  # this column's first line is a heading (bold)


@dataclass
class TopRightBlock:
    """The lines in the top right corner of the first page (PD22A: party, witness, number...)."""

    lines: list[str]


@dataclass
class KeepTogether:
    """Blocks that start on a new page rather than be split (statement of truth and signature)."""

    blocks: list[Block]


@dataclass
class PageBreak:
    """Start a new page."""


@dataclass
class Mark:
    """An invisible marker; the layout records the page it falls on (for page limits)."""

    name: str


Block = Heading | Paragraph | Table | TopRightBlock | KeepTogether | PageBreak | Mark


@dataclass
class PageSetup:
    """A4 page, margins and type; court documents use at least 12 pt and 1.5 line spacing."""

    landscape: bool = False
    margin_cm: float = 3.5
    font_size: float = 12.0
    line_spacing: float = 1.5
    space_after: float = 8.0  # points after each paragraph


@dataclass
class Document:
    """One document ready to write: its blocks, page setup, endorsement and metadata."""

    kind: str
    title: str
    author: str
    blocks: list[Block]
    setup: PageSetup = field(default_factory=PageSetup)
    subject: str = ""
    endorsement: str = ""  # printed in the header of every page
    created: datetime | None = None
    page_limit: int | None = None
    limit_mark: str | None = None  # count pages only up to this Mark (the statement, not exhibits)
