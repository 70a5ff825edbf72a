"""The case summary as a readable page: primary risks boxed at the top, alerts, the worker's
narrative edited in place, key events, involvement, other risks and sources.

Plugs into ``gui/summary/summary_area.py`` (``SummaryView.show_summary``); the page's HTML is
built in ``gui/summary/summary_html.py``. Regenerate runs in the background, keeps the new
generation as a version, and never touches the narrative being typed.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QHideEvent, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from chronology.workspace import Workspace
from gui.common.errors import show_error
from gui.common.workers import Worker, start
from gui.risks.risk_commands import NarrativeCommand, perform
from gui.summary.narrative_editor import NarrativeEditor
from gui.summary.summary_html import bottom_html, top_html, uk_stamp

log = logging.getLogger(__name__)

# Shown in the page after the alerts (DESIGN.md's order), then the statement's own sections.
PAGE_SECTIONS = (
    (
        "current_circumstances",
        "Current circumstances",
        "Where things stand now for the child, in your words. Kept when the summary is rebuilt.",
    ),
    (
        "analysis",
        "Analysis",
        "What the facts above mean for the child's safety, kept apart from the facts.",
    ),
)
STATEMENT_SECTIONS = (
    ("introduction", "Introduction", "Optional: replaces the statement's standard opening."),
    ("background", "Background", "The family's history, for the witness statement."),
    ("recommendations", "Recommendations", "What you ask the court to consider."),
)


class RegenerateWorker(Worker):
    """Generates the summary in its own connection and keeps it as a version (if it changed)."""

    def __init__(self, path: Path, case_ref: str, today: dt.date | None = None) -> None:
        super().__init__()
        self.path, self.case_ref = path, case_ref
        self.today = today or dt.date.today()

    def work(self) -> object:
        from summary.case_summary import generate_summary, save_version

        with Workspace.open(self.path, create=False) as ws:
            summary = generate_summary(ws, self.case_ref, self.today)
            version = save_version(ws, summary, only_if_changed=True)
        return summary, version

    def describe_error(self, exc: Exception) -> str:
        return (
            f"The summary could not be regenerated ({type(exc).__name__}). Nothing was lost; "
            "details are in the log file."
        )


class PageBrowser(QTextBrowser):
    """A part of the page: as tall as its text, so the page scrolls as one."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def _fit(self, *_args: object) -> None:
        self.document().setTextWidth(self.viewport().width())
        self.setFixedHeight(int(self.document().size().height()) + 4)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()


class SummaryView(QWidget):
    """The summary page of the open case, with Regenerate and Versions."""

    entries_requested = Signal(list)  # entry ids
    regenerated = Signal(object)  # CaseSummary
    narrative_saved = Signal(str)  # section

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary: Any = None
        self._case_ref: str | None = None
        self._bound: tuple[Workspace, Path | None, QUndoStack | None] | None = None
        self._worker: RegenerateWorker | None = None
        self._build_ui()
        self._connect()
        self.show_summary(None)

    # ------------------------------------------------------------------- layout
    def _build_ui(self) -> None:
        self.setObjectName("summaryView")
        self.stamp = QLabel()
        self.stamp.setAccessibleName("When the summary was generated")
        self.stamp.setWordWrap(True)
        self.regenerate_button = QPushButton("Re&generate")
        self.regenerate_button.setToolTip(
            "Build the summary again from the case and keep it as a version"
        )
        self.versions_button = QPushButton("Versi&ons…")
        self.versions_button.setToolTip("Earlier versions of the summary, and what changed")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.stamp, 1)
        bar.addWidget(self.regenerate_button)
        bar.addWidget(self.versions_button)

        self.top = PageBrowser("Case summary: header, primary risks and alerts")
        self.bottom = PageBrowser("Case summary: key events, involvement, other risks, sources")
        self.editors: dict[str, NarrativeEditor] = {}
        page = QWidget()
        page.setObjectName("summaryPage")
        page.setAutoFillBackground(True)
        page.setBackgroundRole(self.top.backgroundRole())
        column = QVBoxLayout(page)
        column.setContentsMargins(6, 6, 6, 6)
        column.setSpacing(0)
        column.addWidget(self.top)
        for section, title, hint in PAGE_SECTIONS:
            column.addWidget(self._editor(section, title, hint))
        column.addWidget(self.bottom)
        self.statement_heading = QLabel(
            "<h3 style='margin-bottom:0'>For the witness statement</h3>"
            "<span style='color:gray'>Your sections of the statement; not in the summary.</span>"
        )
        self.statement_heading.setWordWrap(True)
        column.addWidget(self.statement_heading)
        for section, title, hint in STATEMENT_SECTIONS:
            column.addWidget(self._editor(section, title, hint))
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self._tab_order()

    def _tab_order(self) -> None:
        """Tab goes down the page as it reads: each narrative box, then its Save button."""
        chain: list[QWidget] = [self.regenerate_button, self.versions_button, self.top]
        for section, _title, _hint in PAGE_SECTIONS:
            chain += [self.editors[section].edit, self.editors[section].save]
        chain.append(self.bottom)
        for section, _title, _hint in STATEMENT_SECTIONS:
            chain += [self.editors[section].edit, self.editors[section].save]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _editor(self, section: str, title: str, hint: str) -> NarrativeEditor:
        editor = NarrativeEditor(section, title, hint)
        self.editors[section] = editor
        return editor

    def _connect(self) -> None:
        self.top.anchorClicked.connect(self._link)
        self.bottom.anchorClicked.connect(self._link)
        self.regenerate_button.clicked.connect(self.regenerate)
        self.versions_button.clicked.connect(self.show_versions)
        for editor in self.editors.values():
            editor.save_requested.connect(self._save)
        forward = getattr(self.parent(), "entries_requested", None)
        if forward is not None:  # the summary area passes them on to the window
            self.entries_requested.connect(forward)

    def focus_target(self) -> QWidget:
        """The page's first part: keyboard users read on with Tab and the arrow keys."""
        return self.top

    # ------------------------------------------------------------------ context
    def bind(self, ws: Workspace, path: Path | None, stack: QUndoStack | None) -> None:
        """Use this workspace and undo stack (the window's are used otherwise)."""
        self._bound = (ws, path, stack)

    def _workspace(self) -> Workspace | None:
        if self._bound is not None:
            return self._bound[0]
        return getattr(self.window(), "workspace", None)

    def _path(self) -> Path | None:
        if self._bound is not None:
            return self._bound[1]
        return getattr(self.window(), "workspace_path", None)

    def _stack_for(self, ref: str) -> QUndoStack | None:
        if self._bound is not None:
            return self._bound[2]
        window = self.window()
        case = getattr(window, "current_case", None)
        # Each case has its own undo stack: only the open case's edits go on the active one.
        return getattr(window, "undo_stack", None) if case is not None and case.ref == ref else None

    @property
    def summary(self) -> Any:
        return self._summary

    # ------------------------------------------------------------------ showing
    def show_summary(self, summary: Any) -> None:
        """Show a generated summary (None: nothing to show); narrative being typed is kept."""
        if summary is None:  # no case open (typing was saved when the box lost focus)
            self._summary = None
            self._case_ref = None
            for editor in self.editors.values():
                editor.set_text("", force=True)
            self.top.setHtml("<p><i>Choose a case on the left to see its summary.</i></p>")
            self.bottom.setHtml("")
            self.stamp.setText("")
            self._enable(False)
            return
        if self._case_ref is not None and summary.case_ref != self._case_ref:
            self.save_all()  # the worker's words go to the case they were typed for
            for editor in self.editors.values():
                editor.set_text("", force=True)
        self._summary = summary
        self._case_ref = summary.case_ref
        self.top.setHtml(top_html(summary, with_primary=False))  # pinned above instead
        self.bottom.setHtml(bottom_html(summary))
        for section, editor in self.editors.items():
            editor.set_text(summary.narrative.get(section, ""))
        self.stamp.setText(f"As of {uk_stamp(summary.generated_at)}")
        self._enable(True)

    def _enable(self, on: bool) -> None:
        self.regenerate_button.setEnabled(on and self._worker is None)
        self.versions_button.setEnabled(on)
        for editor in self.editors.values():
            editor.setEnabled(on)

    def _link(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "entry" and value.isdigit():
            self.entries_requested.emit([int(value)])
        elif kind == "trips" and value.isdigit() and self._summary is not None:
            risks = [*self._summary.primary_risks, *self._summary.other_risks]
            found = next((r for r in risks if r.id == int(value)), None)
            if found is not None and found.tripped_by:
                self.entries_requested.emit(list(found.tripped_by))
        elif kind in ("risks", "duplicates", "proceedings"):
            opener = getattr(self.window(), f"show_{kind}", None)
            if opener is not None:
                opener()

    # ---------------------------------------------------------------- narrative
    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self.save_all()  # the dock closed or the window is closing: keep what was typed
        super().hideEvent(event)

    def save_all(self) -> None:
        """Save every section with unsaved changes."""
        for editor in self.editors.values():
            editor.request_save()

    def _save(self, section: str, text: str) -> None:
        ws, ref = self._workspace(), self._case_ref
        editor = self.editors[section]
        if ws is None or ref is None:
            return
        from summary.narrative import get_narrative

        try:
            old = get_narrative(ws, ref, section)
            if old != text:
                command = NarrativeCommand(
                    ws,
                    ref,
                    section,
                    old,
                    text,
                    lambda name, case_ref=ref: self._narrative_changed(case_ref, name),
                )
                perform(self._stack_for(ref), command)
        except ValueError as exc:
            log.info("narrative %s not saved: %s", section, exc)
            show_error(
                self,
                "Your text was not saved",
                str(exc),
                "It is still in the box: try saving again.",
            )
            return
        editor.mark_saved()
        if self._summary is not None:
            self._summary.narrative[section] = text
        self.narrative_saved.emit(section)

    def _narrative_changed(self, case_ref: str, section: str) -> None:
        """After a save, an undo or a redo: show the stored text of the open case."""
        ws = self._workspace()
        if ws is None or case_ref != self._case_ref:
            return
        from summary.narrative import get_narrative

        text = get_narrative(ws, case_ref, section)
        self.editors[section].set_text(text, force=True)
        if self._summary is not None:
            self._summary.narrative[section] = text

    # --------------------------------------------------------------- regenerate
    def regenerate(self) -> bool:
        """Save the narrative, then build the summary again in the background."""
        path, ref = self._path(), self._case_ref
        if path is None or ref is None or self._worker is not None:
            return False
        self.save_all()
        worker = RegenerateWorker(path, ref)
        worker.signals.result.connect(self._regenerated)
        worker.signals.error.connect(self._regenerate_failed)
        worker.signals.finished.connect(self._regenerate_done)
        self._worker = worker
        self.regenerate_button.setEnabled(False)
        self.stamp.setText("Regenerating the summary…")
        start(worker)
        return True

    def _regenerated(self, result: tuple[Any, int]) -> None:
        summary, version = result
        if summary.case_ref != self._case_ref:
            return  # another case was opened meanwhile
        self.show_summary(summary)
        area = self.parent()
        banner = getattr(area, "banner", None)
        if banner is not None:  # keep the pinned banner in step with the page
            banner.set_risks(list(summary.primary_risks))
            area.summary = summary  # type: ignore[union-attr]
        self.stamp.setText(f"As of {uk_stamp(summary.generated_at)} · kept as version {version}")
        self.regenerated.emit(summary)

    def _regenerate_failed(self, message: str) -> None:
        self.stamp.setText("The summary was not regenerated.")
        show_error(self, "Summary not regenerated", message)

    def _regenerate_done(self) -> None:
        self._worker = None
        self.regenerate_button.setEnabled(self._summary is not None)

    # ----------------------------------------------------------------- versions
    def show_versions(self) -> None:
        ws, ref = self._workspace(), self._case_ref
        if ws is None or ref is None:
            return
        from chronology.cases import get_case
        from gui.summary.versions_dialog import VersionsDialog

        dialog = VersionsDialog(ws, get_case(ws, ref), self)
        dialog.exec()
