"""Page counts against the court's limits (PD27A 5.2A.1): statement 25, chronology 10, summary 6.

The count comes from the PDF layout; the Word file names Arial, whose metrics Arimo shares, so
Word and LibreOffice page it the same give or take a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from exports.document import Document
from exports.layout import LaidOut, lay_out

LIMITS = {"statement": 25, "court-chronology": 10, "summary": 6}
EXHIBIT_LIMIT = 10  # the court chronology exhibited to a statement keeps its own limit


@dataclass
class PageCount:
    """Pages of the whole file, the pages that count against the limit, and the limit."""

    total: int
    counted: int
    limit: int | None
    exhibit_pages: int = 0

    @property
    def over(self) -> bool:
        return self.limit is not None and self.counted > self.limit

    @property
    def at_limit(self) -> bool:
        return self.limit is not None and self.counted == self.limit

    def warnings(self, document: str) -> list[str]:
        """Plain-English warnings for the user (empty when within the limits)."""
        out = []
        if self.over:
            out.append(
                f"the {document} runs to {self.counted} pages, over the court's limit of "
                f"{self.limit}: shorten it before filing"
            )
        elif self.at_limit:
            out.append(
                f"the {document} is at the court's limit of {self.limit} pages: "
                "anything added will take it over"
            )
        if self.exhibit_pages > EXHIBIT_LIMIT:
            out.append(
                f"the exhibited chronology runs to {self.exhibit_pages} pages, over the "
                f"limit of {EXHIBIT_LIMIT}: narrow its dates with --from/--to"
            )
        return out


def page_count(doc: Document, laid: LaidOut | None = None) -> PageCount:
    """Count the document's pages the way the PDF lays them out."""
    laid = laid or lay_out(doc)
    total = len(laid.pages)
    counted = laid.marks.get(doc.limit_mark, total) if doc.limit_mark else total
    exhibit = total - counted if doc.limit_mark else 0
    limit = doc.page_limit if doc.page_limit is not None else LIMITS.get(doc.kind)
    return PageCount(total, counted, limit, exhibit)
