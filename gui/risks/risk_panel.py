"""The risk register of the open case: a table of its risks (primary first), the selected risk's
details, and the actions on it. Every change is an undoable command on the case's undo stack:
adding, editing, pinning, closing, reviewing and linking evidence; the history keeps every step."""

from __future__ import annotations

import datetime as dt
import json
import logging
from html import escape
from typing import Protocol

from PySide6.QtCore import (
    QItemSelection,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from chronology.entries import EntryError, get_entry
from chronology.models import Case
from chronology.workspace import Workspace, current_user
from gui.common.date_text import entry_date_label
from gui.common.errors import show_error
from gui.common.evidence import EvidenceCommand
from gui.common.keys import redo_keys
from gui.common.table_view import record_table
from gui.risks.review_dialog import record_review_interactive
from gui.risks.risk_commands import CloseRiskCommand, ReopenRiskCommand, SetPrimaryCommand, perform
from gui.risks.risk_dialog import add_risk_interactive, ask_reason, edit_risk_interactive
from gui.risks.risk_models import (
    OBJECT_ROLE,
    SORT_ROLE,
    TITLE,
    RiskRow,
    RiskTableModel,
    load_risk_rows,
)
from summary.dates import uk
from summary.risks import risk_history

log = logging.getLogger(__name__)
SHOWN_TRIPS = 20
ACTIONS = {
    "create": "recorded",
    "update": "edited",
    "triggers": "trip-wires changed",
    "review": "reviewed",
    "pin": "pinned to the top",
    "unpin": "taken off the top",
    "close": "closed",
    "reopen": "reopened",
    "evidence": "evidence linked",
    "unlink evidence": "evidence unlinked",
    "review withdrawn": "review withdrawn (undone)",
    "review restored": "review restored (redone)",
}


class RiskHost(Protocol):
    """What the risk register needs of the window it stands beside (the main window is one)."""

    workspace: Workspace
    current_case: Case | None
    case_loaded: SignalInstance  # case id: chronology shown and summary filled
    workspace_changed: SignalInstance  # another workspace was opened
    entries_changed: SignalInstance  # the open case's entries changed

    @property
    def undo_stack(self) -> QUndoStack | None: ...
    def refresh_summary(self) -> None: ...
    def selected_entry_id(self) -> int | None: ...
    def show_entries(self, entry_ids: list[int]) -> None: ...


class RiskRegister(QDialog):
    """A window beside the main window (not modal), so chronology entries can be picked."""

    risks_changed = Signal(int)  # the risk id changed (0 when unknown)

    def __init__(self, window: RiskHost) -> None:
        super().__init__(window if isinstance(window, QWidget) else None)
        self._window = window
        self._case_id: int | None = None
        self.model = RiskTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self._build_ui()
        self._connect()
        self.set_case()

    # ------------------------------------------------------------------- layout
    def _build_ui(self) -> None:
        self.setObjectName("riskRegister")
        self.setModal(False)
        self.resize(1280, 760)
        self.intro = QLabel(
            "Primary risks stay pinned at the top of the summary and of every statement. A risk "
            "leaves the top only by a recorded decision with a reason. A risk turns red when its "
            "review is due or when a new entry matches one of its trip-wires."
        )
        self.intro.setWordWrap(True)
        self.table = record_table(self.proxy, "Risks of the case", wrap=False)
        self.table.setObjectName("riskTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 70), (2, 180), (3, 100), (4, 210), (5, 95), (6, 210)):
            header.resizeSection(column, width)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the summary's order
        self.table.setSortingEnabled(True)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("The selected risk")
        self.detail.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([300, 340])
        splitter.setChildrenCollapsible(False)

        self.add = QPushButton("&Add risk…")
        self.edit = QPushButton("&Edit…")
        self.review = QPushButton("Record &review…")
        self.pin = QPushButton("&Pin to the top")
        self.close_risk = QPushButton("Close ris&k…")
        self.link_entry = QPushButton("&Link chronology entry")
        self.link_entry.setToolTip(
            "Link the entry selected in the chronology to this risk as evidence"
        )
        self.show_trips = QPushButton("&Show tripping entries")
        buttons = QVBoxLayout()
        for button in (
            self.add,
            self.edit,
            self.review,
            self.pin,
            self.close_risk,
            self.link_entry,
            self.show_trips,
        ):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        middle = QHBoxLayout()
        middle.addWidget(splitter, 1)
        middle.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(middle, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    def _undo_keys(self) -> None:
        """Ctrl+Z and Ctrl+Shift+Z work here too: they undo the case's last change."""
        for keys, step in (
            (QKeySequence.keyBindings(QKeySequence.StandardKey.Undo), "undo"),
            (redo_keys(), "redo"),
        ):
            action = QAction(step.capitalize(), self)
            action.setShortcuts(keys)
            action.triggered.connect(lambda _=False, s=step: self._step(s))
            self.addAction(action)

    def _step(self, step: str) -> None:
        stack = self._window.undo_stack
        if stack is not None:
            getattr(stack, step)()

    def _connect(self) -> None:
        self._undo_keys()
        self.buttons.rejected.connect(self.close)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.activated.connect(lambda _index: self.edit_current())
        self.add.clicked.connect(self.add_risk)
        self.edit.clicked.connect(self.edit_current)
        self.review.clicked.connect(self.review_current)
        self.pin.clicked.connect(self.toggle_primary)
        self.close_risk.clicked.connect(self.close_or_reopen)
        self.link_entry.clicked.connect(self.link_selected_entry)
        self.show_trips.clicked.connect(self.show_tripping_entries)
        self.detail.anchorClicked.connect(self._link)
        self._window.case_loaded.connect(lambda _case_id: self.set_case())
        self._window.workspace_changed.connect(lambda _path: self.set_case())
        self._window.entries_changed.connect(self.reload)

    # ------------------------------------------------------------------- loading
    def set_case(self) -> None:
        """Show the risks of the window's open case."""
        case = self._window.current_case
        self._case_id = case.id if case is not None else None
        if case is None:
            self.setWindowTitle("Risk register")
        else:
            self.setWindowTitle(f"Risk register — {case.ref} — {case.child_names}")
        self.add.setEnabled(case is not None)
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        """Read the risks again (after a change, an import, or undo)."""
        current = self.current_row()
        keep = keep or (current.id if current else None)
        if self._case_id is None:
            self.model.set_rows([])
        else:
            self.model.set_rows(load_risk_rows(self._window.workspace, self._case_id, _today()))
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        else:
            self._selected(QItemSelection(), QItemSelection())

    def current_row(self) -> RiskRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(OBJECT_ROLE) if rows else None

    def select_risk(self, risk_id: int) -> bool:
        row = self.model.row_of(risk_id)
        if row < 0:
            return False
        self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        return True

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.current_row()
        for button in (self.edit, self.review, self.pin, self.close_risk, self.link_entry):
            button.setEnabled(row is not None)
        self.show_trips.setEnabled(bool(row and row.item.tripped_by))
        if row is None:
            self.detail.setHtml(
                "<p><i>No risk is recorded for this case yet. Use <b>Add risk</b> to record "
                "one as a conditional statement: IF … THEN ….</i></p>"
                if self._case_id is not None
                else "<p><i>Choose a case first.</i></p>"
            )
            return
        self.pin.setText("Un&pin…" if row.risk.primary else "&Pin to the top")
        self.pin.setAccessibleName("Unpin" if row.risk.primary else "Pin to the top")
        self.pin.setEnabled(not row.closed)
        self.review.setEnabled(not row.closed)
        self.close_risk.setText("Re&open…" if row.closed else "Close ris&k…")
        self.close_risk.setAccessibleName("Reopen risk" if row.closed else "Close risk")
        self.detail.setHtml(self._detail_html(row))

    # ------------------------------------------------------------------- actions
    def _notify(self, risk_id: int) -> None:
        self.reload(risk_id or None)
        self._window.refresh_summary()
        self.risks_changed.emit(risk_id)

    def _selected_entry(self) -> int | None:
        return self._window.selected_entry_id()

    def add_risk(self) -> int | None:
        if self._case_id is None:
            return None
        risk_id = add_risk_interactive(
            self,
            self._window.workspace,
            self._window.undo_stack,
            self._case_id,
            self._selected_entry(),
            self._notify,
        )
        if risk_id:
            self.select_risk(risk_id)
            self.message.setText(
                "Risk added. Edit › Undo closes it again with the reason 'undone'."
            )
        return risk_id

    def edit_current(self) -> bool:
        row = self.current_row()
        if row is None:
            return False
        return edit_risk_interactive(
            self,
            self._window.workspace,
            self._window.undo_stack,
            row.id,
            self._selected_entry(),
            self._notify,
        )

    def review_current(self) -> bool:
        row = self.current_row()
        if row is None or row.closed:
            return False
        case = self._window.current_case
        reviewer = (case.worker if case else "") or current_user()
        review = record_review_interactive(
            self, self._window.workspace, row.item, reviewer, self._notify, self._window.undo_stack
        )
        if review is not None:
            self.message.setText(f"Review of '{row.risk.title}' recorded for {uk(review.date)}.")
        return review is not None

    def toggle_primary(self) -> bool:
        row = self.current_row()
        if row is None or row.closed:
            return False
        reason = ""
        if row.risk.primary:
            answer = ask_reason(
                self,
                "Take the risk off the top",
                f"Why is '{row.risk.title}' no longer a primary risk? (recorded with the decision)",
            )
            if answer is None:
                return False
            reason = answer
        command = SetPrimaryCommand(
            self._window.workspace, row.id, not row.risk.primary, reason, self._notify
        )
        return self._perform(command)

    def close_or_reopen(self) -> bool:
        row = self.current_row()
        if row is None:
            return False
        ws = self._window.workspace
        if row.closed:
            reason = ask_reason(self, "Reopen risk", f"Why is '{row.risk.title}' reopened?")
            return reason is not None and self._perform(
                ReopenRiskCommand(ws, row.id, reason, self._notify)
            )
        extra = (
            " It is a primary risk: closing it takes it off the top." if row.risk.primary else ""
        )
        reason = ask_reason(self, "Close risk", f"Why is '{row.risk.title}' closed?{extra}")
        return reason is not None and self._perform(
            CloseRiskCommand(ws, row.id, reason, self._notify)
        )

    def _perform(self, command: object) -> bool:
        try:
            perform(self._window.undo_stack, command)  # type: ignore[arg-type]
        except ValueError as exc:
            log.info("risk action refused: %s", exc)
            show_error(self, "The change was not saved", str(exc))
            return False
        return True

    def link_selected_entry(self) -> bool:
        row = self.current_row()
        entry_id = self._selected_entry()
        if row is None:
            return False
        if entry_id is None:
            show_error(
                self,
                "Choose an entry first",
                "Select the entry in the chronology of the main window, then press "
                "'Link chronology entry' again.",
            )
            return False
        try:
            entry = get_entry(self._window.workspace, entry_id)
            link = EvidenceCommand(
                self._window.workspace, row.id, [entry_id], [], self._notify, "Link evidence"
            )
            if link.changes_anything:
                perform(self._window.undo_stack, link)
        except (ValueError, EntryError) as exc:
            show_error(self, "The entry was not linked", str(exc))
            return False
        self.message.setText(
            f"Linked the entry of {entry_date_label(entry)} as evidence for '{row.risk.title}'. "
            "Edit › Undo takes the link back."
        )
        return True

    def show_tripping_entries(self) -> None:
        row = self.current_row()
        if row is not None and row.item.tripped_by:
            self._window.show_entries(list(row.item.tripped_by))

    def _link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("entry:"):
            self._window.show_entries([int(text.split(":", 1)[1])])
        elif text == "trips":
            self.show_tripping_entries()

    # ------------------------------------------------------------------- details
    def _entry_links(self, ids: list[int]) -> str:
        items = []
        for entry_id in ids[:SHOWN_TRIPS]:
            try:
                e = get_entry(self._window.workspace, entry_id)
            except EntryError:
                continue
            items.append(
                f"<li><a href='entry:{entry_id}'>{escape(entry_date_label(e))}</a> "
                f"{escape(e.agency)}: {escape(e.summary)}</li>"
            )
        more = f"<li>… and {len(ids) - SHOWN_TRIPS} more</li>" if len(ids) > SHOWN_TRIPS else ""
        return f"<ul>{''.join(items)}{more}</ul>"

    def _detail_html(self, row: RiskRow) -> str:
        risk, item = row.risk, row.item
        colour = "#B3261E" if row.needs_review_text() else "#555555"
        who = "; ".join(
            x
            for x in (
                f"to {risk.to_whom}" if risk.to_whom else "",
                f"from {risk.from_whom}" if risk.from_whom else "",
            )
            if x
        )
        status = (
            f"closed: {escape(risk.status_reason)}" if row.closed else escape(risk.status.value)
        )
        parts = [
            f"<h3>{'⚑ ' if risk.primary and not row.closed else ''}{escape(risk.title)}</h3>",
            f"<p><b>{escape(item.statement)}</b></p>",
            f"<p>{escape(item.urgency_label.capitalize())} · {status}"
            f"{' · ' + escape(risk.category) if risk.category else ''}"
            f"{' · ' + escape(who) if who else ''} · identified {uk(risk.identified_on)}</p>",
        ]
        if not row.closed:
            last = (
                f"{uk(item.last_review.date)} by {escape(item.last_review.by)}"
                + (f" — {escape(item.last_review.note)}" if item.last_review.note else "")
                if item.last_review
                else "never reviewed"
            )
            parts.append(
                f"<p>Last review: {last}<br>Review due: {uk(item.review_due)} "
                f"(every {item.review_every_days} days)</p>"
            )
        if item.review_reasons:
            reasons = "".join(f"<li>{escape(r)}</li>" for r in item.review_reasons)
            parts.append(f"<p style='color:{colour}'><b>Needs review</b></p><ul>{reasons}</ul>")
        if item.tripped_by:
            parts.append(
                "<p><b>Entries that tripped it</b> (<a href='trips'>show in the chronology</a>)</p>"
            )
            parts.append(self._entry_links(item.tripped_by))
        wires = ", ".join(escape(w) for w in item.trip_wires) or "none"
        defaults = " (the category's defaults)" if item.default_trip_wires else ""
        parts.append(f"<p><b>Trip-wires</b>{defaults}: {wires}</p>")
        parts.append("<p><b>Evidence</b></p>")
        parts.append(
            self._entry_links(item.evidence) if item.evidence else "<p>None linked yet.</p>"
        )
        if risk.reviews:
            reviews = "".join(
                f"<li>{uk(r.date)} by {escape(r.by)}{': ' + escape(r.note) if r.note else ''}</li>"
                for r in reversed(risk.reviews)
            )
            parts.append(f"<p><b>Reviews</b></p><ul>{reviews}</ul>")
        parts.append(f"<p><b>History</b></p><ul>{self._history_html(row.id)}</ul>")
        return "".join(parts)

    def _history_html(self, risk_id: int) -> str:
        lines = []
        for at, who, action, _old, new in reversed(risk_history(self._window.workspace, risk_id)):
            reason = ""
            try:
                reason = (json.loads(new) or {}).get("reason", "") if new else ""
            except (ValueError, AttributeError):
                reason = ""
            when = dt.datetime.fromisoformat(at).strftime("%d/%m/%Y %H:%M") if at else ""
            lines.append(
                f"<li>{when} {escape(who or '')}: {escape(ACTIONS.get(action, action))}"
                f"{' — ' + escape(str(reason)) if reason else ''}</li>"
            )
        return "".join(lines)


def _today() -> dt.date:
    return dt.date.today()


def open_risk_register(window: RiskHost) -> None:
    """Show the risk register of the window's open case (one register per window)."""
    register = getattr(window, "risk_register", None)
    if not isinstance(register, RiskRegister):
        register = RiskRegister(window)
        window.risk_register = register  # type: ignore[attr-defined]
    else:
        register.set_case()
    register.show()
    register.raise_()
    register.activateWindow()
