"""The right-hand area: the primary-risk banner pinned on top, the case summary below it.

The summary is generated in a worker thread. Until the summary view of the second half exists
(``gui/summary_view.py`` defining ``SummaryView(QWidget)`` with ``show_summary(summary)``),
a read-only text rendering of the generated summary fills the area.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QTextBrowser, QVBoxLayout, QWidget

from chronology.models import Case
from gui.risk_banner import RiskBanner
from gui.workers import SummaryWorker, start

log = logging.getLogger(__name__)


def _summary_view(parent: QWidget) -> QWidget | None:
    """The second half's summary view, when it has been written."""
    try:
        from gui.summary_view import SummaryView  # type: ignore[import-not-found]
    except ModuleNotFoundError as exc:
        if exc.name != "gui.summary_view":
            raise
        return None
    return SummaryView(parent)


def text_to_html(text: str) -> str:
    """Headings (a line underlined with dashes) and paragraphs from the plain-text summary."""
    lines = text.splitlines()
    parts: list[str] = []
    for n, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or set(stripped) <= {"=", "-"}:
            continue
        underlined = n + 1 < len(lines) and lines[n + 1].strip()[:3] == "---"
        if underlined:
            parts.append(f"<h4 style='margin-bottom:2px'>{escape(stripped.capitalize())}</h4>")
        elif not parts:
            parts.append(f"<h3>{escape(stripped)}</h3>")
        else:
            indent = len(line) - len(line.lstrip())
            style = f" style='margin-left:{indent * 6}px'" if indent else ""
            parts.append(f"<div{style}>{escape(stripped)}</div>")
    return "".join(parts)


class SummaryPreview(QTextBrowser):
    """A plain rendering of the generated summary (until the full summary view exists)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Case summary")
        self.setOpenLinks(False)

    def show_summary(self, summary: object | None) -> None:
        if summary is None:
            self.setHtml("<p><i>The case summary is not available in this version.</i></p>")
            return
        from summary.render import render_text

        self.setHtml(text_to_html(render_text(summary)))  # type: ignore[arg-type]

    def show_message(self, text: str) -> None:
        self.setHtml(f"<p><i>{escape(text)}</i></p>")


class SummaryArea(QWidget):
    """Banner + summary for the open case; ``loaded`` fires once both are filled."""

    loaded = Signal(int)  # case id
    summary_ready = Signal(object)  # CaseSummary (None without the summary package)
    entries_requested = Signal(list)  # entry ids, from the banner

    def __init__(self, path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._case: Case | None = None
        self._token = 0
        self.summary: object | None = None
        self._build_ui()
        self._connect()

    def _build_ui(self) -> None:
        self.setObjectName("summaryArea")
        self.banner = RiskBanner()
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.view: QWidget = _summary_view(self) or SummaryPreview(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)  # outside the scrolling view: it cannot be scrolled away
        layout.addWidget(self.view, 1)

    def _connect(self) -> None:
        self.banner.entries_requested.connect(self.entries_requested)

    def set_workspace_path(self, path: Path | None) -> None:
        self._path = path
        self.set_case(None)

    def set_case(self, case: Case | None) -> None:
        self._case = case
        self.refresh()

    def refresh(self) -> None:
        """Generate the open case's summary again (after an edit or an import)."""
        self._token += 1
        case = self._case
        if case is None or self._path is None:
            self.summary = None
            self.banner.set_risks(None)
            if isinstance(self.view, SummaryPreview):
                self.view.show_message("Choose a case on the left to see its summary.")
            elif (show := getattr(self.view, "show_summary", None)) is not None:
                show(None)  # the summary view of the second half: no case, nothing shown
            return
        if self.summary is None:
            self.banner.set_risks([], note="Reading the case…")
        worker = SummaryWorker(self._path, case.ref, case.id or 0)
        token = self._token
        worker.signals.result.connect(lambda result: self._ready(token, result))
        worker.signals.error.connect(lambda message: self._failed(token, message))
        start(worker)

    def _ready(self, token: int, summary: object | None) -> None:
        if token != self._token or self._case is None:
            return  # a newer request is on its way
        self.summary = summary
        if summary is None:
            self.banner.set_risks(
                [], note="Primary risks appear here once the risk register is available."
            )
        else:
            self.banner.set_risks(list(getattr(summary, "primary_risks", [])))
        show = getattr(self.view, "show_summary", None)
        if show is not None:
            show(summary)
        self.summary_ready.emit(summary)
        self.loaded.emit(self._case.id or 0)

    def _failed(self, token: int, message: str) -> None:
        if token != self._token or self._case is None:
            return
        self.banner.set_risks([], note=message)
        if isinstance(self.view, SummaryPreview):
            self.view.show_message(message)
        self.loaded.emit(self._case.id or 0)
