"""The case summary as a readable page: primary risks boxed at the top, alerts, the worker's
narrative edited in place, key events, involvement, other risks and sources.

Plugs into ``gui/summary_area.py`` (``SummaryView.show_summary``). Regenerate runs in the
background, keeps the new generation as a version, and never touches the narrative being typed.
"""

from __future__ import annotations

import datetime as dt
import logging
from html import escape
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
from gui.errors import show_error
from gui.narrative_editor import NarrativeEditor
from gui.risk_commands import NarrativeCommand, perform
from gui.workers import Worker, start

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
        self.top.setHtml(top_html(summary))
        self.bottom.setHtml(bottom_html(summary))
        for section, editor in self.editors.items():
            editor.set_text(summary.narrative.get(section, ""))
        self.stamp.setText(f"As of {_uk_stamp(summary.generated_at)}")
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
        elif kind == "risks":
            opener = getattr(self.window(), "show_risks", None)
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
        self.stamp.setText(f"As of {_uk_stamp(summary.generated_at)} · kept as version {version}")
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
        from gui.versions_dialog import VersionsDialog

        dialog = VersionsDialog(ws, get_case(ws, ref), self)
        dialog.exec()


def _uk_stamp(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except (TypeError, ValueError):
        return iso or "—"


# ------------------------------------------------------------------------ the page as HTML
RED, RED_TEXT = "#B3261E", "#FFFFFF"
AMBER, AMBER_TEXT, AMBER_EDGE = "#FFE3A3", "#3D2B00", "#C77C00"
_LEVEL_COLOUR = {"red": "#B3261E", "amber": "#B26A00"}


def _uk(iso: str | None) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if iso and len(iso) >= 10 else ""


def _h(title: str) -> str:
    return f"<h3 style='margin-top:14px; margin-bottom:4px'>{escape(title)}</h3>"


def _header(s: Any) -> str:
    h = s.header
    names = ", ".join(escape(c.name) for c in h.children) or escape(h.case_ref)
    born = "; ".join(
        f"born {_uk(c.dob)}" + (f", aged {escape(c.age)}" if c.age else "")
        for c in h.children
        if c.dob
    )
    court = ""
    if h.court:
        number = f", {escape(h.court_case_number)}" if h.court_case_number else ""
        court = f" ({escape(h.court)}{number})"
    span = f", {_uk(h.first_entry)}–{_uk(h.latest_entry)}" if h.first_entry else ""
    lines = [
        f"{escape(h.case_ref)}{' · ' + born if born else ''}",
        f"{escape(h.legal_status)} · {escape(h.proceedings)}{court}",
        f"Worker: {escape(h.worker or '—')} · Team manager: {escape(h.team_manager or '—')}",
        f"{h.entries} entries{span} · last changed {_uk_stamp(h.last_updated)}",
    ]
    return f"<h2 style='margin:0'>{names}</h2><p style='margin-top:2px'>{'<br>'.join(lines)}</p>"


def _risk_box(r: Any) -> str:
    red = bool(r.needs_review)
    bg, fg = (RED, RED_TEXT) if red else (AMBER, AMBER_TEXT)
    edge = RED if red else AMBER_EDGE
    last = (
        f"{_uk(r.last_review.date)} by {escape(r.last_review.by)}"
        if r.last_review
        else "never reviewed"
    )
    parts = [f"<b>⚑ {escape(r.title)}</b> [{escape(r.urgency_label)}]"]
    if r.statement and r.statement != r.title:
        parts.append(escape(r.statement))
    parts.append(f"Last review: {last} · Review due: {_uk(r.review_due)}")
    if red:
        reasons = "".join(f"<li>{escape(x)}</li>" for x in r.review_reasons)
        parts.append(f"<b>NEEDS REVIEW</b><ul style='margin-top:0; margin-bottom:0'>{reasons}</ul>")
    if r.tripped_by:
        n = len(r.tripped_by)
        parts.append(
            f"<a href='trips:{r.id}' style='color:{fg}'>Show the {n} "
            f"{'entry' if n == 1 else 'entries'} that tripped it</a>"
        )
    return (
        f"<table width='100%' cellspacing='0' cellpadding='6' border='1' "
        f"style='border-color:{edge}; border-style:solid; margin-bottom:4px'>"
        f"<tr><td style='background-color:{bg}; color:{fg}'>{'<br>'.join(parts)}</td></tr></table>"
    )


def _primary(s: Any) -> str:
    if not s.primary_risks:
        return (
            _h("Primary risks")
            + "<p><i>No primary risk is recorded for this case. Record one in the "
            "<a href='risks:'>risk register</a> (Ctrl+R).</i></p>"
        )
    return _h("Primary risks") + "".join(_risk_box(r) for r in s.primary_risks)


def _alerts(s: Any) -> str:
    if not s.alerts:
        return _h("Alerts") + "<p>None.</p>"
    items = "".join(
        f"<li><span style='color:{_LEVEL_COLOUR.get(a.level, '#555555')}'>"
        f"<b>{escape(a.level.upper())}</b></span> {escape(a.message)}</li>"
        for a in s.alerts
    )
    return _h("Alerts") + f"<ul style='margin-top:0'>{items}</ul>"


def _cadence(s: Any) -> str:
    items = []
    for c in s.cadence:
        label = escape(c.label[:1].upper() + c.label[1:])
        if c.every_days <= 0:
            items.append(f"<li>{label}: not checked for this case</li>")
            continue
        span = f", {_uk(c.first)}–{_uk(c.last)}" if c.first else ""
        longest = max(c.gaps, key=lambda g: g.days, default=None)
        gap = ""
        if longest is not None:
            colour = _LEVEL_COLOUR.get(longest.level, "inherit")
            gap = (
                f"; <span style='color:{colour}'>longest gap {longest.weeks} weeks "
                f"({_uk(longest.start)}–{_uk(longest.end)})</span>"
            )
        items.append(f"<li>{label} expected {escape(c.every)}: {c.count} recorded{span}{gap}</li>")
    return _h("Meetings and visits") + f"<ul style='margin-top:0'>{''.join(items)}</ul>"


def top_html(s: Any) -> str:
    """Header, primary risks (boxed, red when a review is needed), alerts, meetings."""
    return _header(s) + _primary(s) + _alerts(s) + _cadence(s)


def _key_events(s: Any) -> str:
    out = [_h("Key events")]
    if s.key_events_omitted:
        out.append(
            f"<p><i>{s.key_events_omitted} earlier key events are in the chronology.</i></p>"
        )
    if not s.key_events:
        out.append("<p>None marked yet: mark entries significant or key in the chronology.</p>")
    for e in s.key_events:
        key = " <b>KEY</b>" if e.significance == "key" else ""
        out.append(
            f"<p style='margin-top:0; margin-bottom:6px'><a href='entry:{e.entry_id}'>"
            f"{escape(e.when)}</a> · {escape(e.type)} · {escape(e.agency)}{key}<br>"
            f"{escape(e.summary)}</p>"
        )
    return "".join(out)


def _involvement(s: Any) -> str:
    out = [_h("Agency involvement")]
    if not s.involvement:
        out.append("<p>No entries yet.</p>")
    for y in reversed(s.involvement):
        rows = "".join(
            f"<tr><td>{escape(a.agency)}</td><td align='right'>{a.total}</td>"
            f"<td align='right'>{a.missed or ''}</td></tr>"
            for a in y.agencies
        )
        out.append(
            f"<p style='margin-bottom:2px'>{escape(y.sentence)}</p>"
            "<table cellspacing='0' cellpadding='2' style='margin-bottom:8px'>"
            "<tr><th align='left'>Agency</th><th align='right'>Records</th>"
            f"<th align='right'>Not brought</th></tr>{rows}</table>"
        )
    return "".join(out)


def _other_risks(s: Any) -> str:
    out = [_h("Other risks")]
    if not s.other_risks:
        out.append("<p>None.</p>")
    for r in s.other_risks:
        closed = r.status == "closed"
        colour = "gray" if closed else (RED if r.needs_review else "inherit")
        state = f"closed: {escape(r.status_reason)}" if closed else escape(r.status)
        lines = [
            f"<b>{escape(r.title)}</b> [{escape(r.urgency_label)}] ({state})",
        ]
        if r.statement != r.title:
            lines.append(escape(r.statement))
        if not closed:
            lines.append(f"Review due: {_uk(r.review_due)}")
        if r.needs_review and not closed:
            reasons = "; ".join(escape(x) for x in r.review_reasons)
            lines.append(f"<span style='color:{RED}'><b>Needs review:</b> {reasons}</span>")
        if r.tripped_by and not closed:
            lines.append(f"<a href='trips:{r.id}'>Show the entries that tripped it</a>")
        out.append(f"<p style='color:{colour}; margin-top:0'>{'<br>'.join(lines)}</p>")
    return "".join(out)


def _sources(s: Any) -> str:
    items = []
    for src in s.sources:
        span = f"{_uk(src.first)}–{_uk(src.last)}" if src.first else "no dates"
        agencies = ", ".join(escape(a or "(no agency)") for a in src.agencies[:4])
        more = " and others" if len(src.agencies) > 4 else ""
        items.append(
            f"<li>{escape(src.source)} — {agencies}{more}: {src.count} entries, {span}</li>"
        )
    if s.quarantine_waiting:
        items.append(
            f"<li>{s.quarantine_waiting} rows waiting in quarantine are not counted above.</li>"
        )
    return _h("Sources and coverage") + f"<ul style='margin-top:0'>{''.join(items)}</ul>"


def bottom_html(s: Any) -> str:
    """Key events, agency involvement, other risks, sources and coverage."""
    return _key_events(s) + _involvement(s) + _other_risks(s) + _sources(s)
