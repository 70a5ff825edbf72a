"""The right-hand area: the primary-risk banner pinned on top, the case summary below it.

The summary is generated in a worker thread and shown by ``gui.summary.summary_view.SummaryView``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from chronology.models import Case
from gui.common.workers import SummaryWorker, start
from gui.summary.risk_banner import RiskBanner
from gui.summary.summary_view import SummaryView

log = logging.getLogger(__name__)


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
        self._tokens: dict[object, int] = {}  # a worker's signals -> the request it answers
        self.summary: object | None = None
        self._build_ui()
        self._connect()

    def _build_ui(self) -> None:
        self.setObjectName("summaryArea")
        self.banner = RiskBanner()
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.view = SummaryView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)  # outside the scrolling view: it cannot be scrolled away
        layout.addWidget(self.view, 1)

    def _connect(self) -> None:
        self.banner.entries_requested.connect(self.entries_requested)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.banner.fit_height(self.height())

    def focus_target(self) -> QWidget:
        """Where F6 puts the keyboard focus in the summary: its page."""
        return self.view.focus_target()

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
            self.view.show_summary(None)  # no case, nothing shown
            return
        if self.summary is None:
            self.banner.set_risks([], note="Reading the case…")
        worker = SummaryWorker(self._path, case.ref, case.id or 0)
        # Bound methods, not lambdas: Qt drops the connection if this widget is destroyed
        # before the worker answers (closing the window while a summary is being made).
        self._tokens[worker.signals] = self._token
        worker.signals.result.connect(self._on_result)
        worker.signals.error.connect(self._on_error)
        start(worker)

    def _on_result(self, summary: object | None) -> None:
        self._ready(self._tokens.pop(self.sender(), -1), summary)

    def _on_error(self, message: str) -> None:
        self._failed(self._tokens.pop(self.sender(), -1), message)

    def _ready(self, token: int, summary: object | None) -> None:
        if token != self._token or self._case is None:
            return  # a newer request is on its way
        self.summary = summary
        self.banner.set_risks(list(getattr(summary, "primary_risks", [])))
        self.view.show_summary(summary)
        self.summary_ready.emit(summary)
        self.loaded.emit(self._case.id or 0)

    def _failed(self, token: int, message: str) -> None:
        if token != self._token or self._case is None:
            return
        self.banner.set_risks([], note=message)
        self.loaded.emit(self._case.id or 0)
