"""The Supervision tab of the open case: the checklist with its evidence (Enter on a line shows
its entries in the chronology), the discussion notes, decisions, actions and the sign-off, and
the case's past records. Today's checklist is worked out in the background; a record shows the
checklist as it stood when it was made."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from chronology.models import Case
from chronology.workspace import UK, Workspace, WorkspaceError, current_user
from gui.common.errors import confirm, show_error
from gui.common.table_view import record_table
from gui.common.undo import perform
from gui.common.workers import start
from gui.supervision.commands import (
    ActionStatusCommand,
    AddActionCommand,
    AddDecisionCommand,
    EditNotesCommand,
)
from gui.supervision.models import ENTRIES_ROLE, ActionsModel, ChecklistModel, DecisionsModel
from gui.supervision.record_dialogs import ActionDialog, DecisionDialog, NewSupervisionDialog
from gui.supervision.workers import CaseAuditWorker
from summary.audit_model import AuditItem, CaseAudit
from summary.dates import uk

log = logging.getLogger(__name__)
TODAY = -1  # the combo's entry for today's checklist, not yet recorded


class SupervisionHost(Protocol):
    """What the Supervision tab needs of the window (the main window is one)."""

    workspace: Workspace
    workspace_path: Path | None

    @property
    def undo_stack(self) -> QUndoStack | None: ...

    def show_entries(self, entry_ids: list[int]) -> None: ...

    def refresh_summary(self) -> None: ...


def _stamp(iso: str | None) -> str:
    return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M") if iso else ""


class SupervisionPanel(QWidget):
    """One case's supervision: choose a record (or today's checklist), read it, fill it, sign it."""

    record_changed = Signal(int)  # a record was made, changed or signed
    checklist_shown = Signal(str)  # the checklist's overall colour, once it is on screen

    def __init__(self, host: SupervisionHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.case: Case | None = None
        self.record = None  # the SupervisionRecord shown, or None for today's checklist
        self._token = 0
        self._tokens: dict[object, int] = {}  # a worker's signals -> the request it answers
        self._build_ui()
        self._connect()
        self._update_buttons()

    # ------------------------------------------------------------------ layout
    def _build_ui(self) -> None:
        self.setObjectName("supervisionPanel")
        self.records = QComboBox()
        self.records.setAccessibleName("Supervision records")
        self.records.setMinimumContentsLength(28)
        self.new_button = QPushButton("&New supervision…")
        self.sign_button = QPushButton("&Sign…")
        self.correct_button = QPushButton("C&orrect…")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Record status")
        top = QHBoxLayout()
        top.addWidget(QLabel("&Record:"))
        top.itemAt(0).widget().setBuddy(self.records)  # type: ignore[union-attr]
        top.addWidget(self.records, 1)
        for button in (self.new_button, self.sign_button, self.correct_button):
            top.addWidget(button)

        self.checklist_model = ChecklistModel(self)
        self.checklist = QTreeView()
        self.checklist.setAccessibleName("Checklist")
        self.checklist.setModel(self.checklist_model)
        self.checklist.setWordWrap(True)
        self.checklist.setUniformRowHeights(False)
        self.checklist.header().setStretchLastSection(False)
        self.checklist.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.checklist.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Discussion notes")
        self.notes.setPlaceholderText("What was discussed")
        self.notes.setTabChangesFocus(True)
        self.save_notes_button = QPushButton("Save &notes")
        self.decisions_model = DecisionsModel(self)
        self.decisions = record_table(self.decisions_model, "Decisions")
        self.add_decision_button = QPushButton("Add &decision…")
        self.actions_model = ActionsModel(self)
        self.actions = record_table(self.actions_model, "Actions")
        self.add_action_button = QPushButton("Add &action…")
        self.done_button = QPushButton("Mark d&one")
        self.reopen_button = QPushButton("Re&open")
        for table in (self.decisions, self.actions):
            table.horizontalHeader().setStretchLastSection(True)

        record = QWidget()
        grid = QGridLayout(record)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("Discussion"), 0, 0)
        grid.addWidget(self.notes, 1, 0)
        grid.addWidget(self.save_notes_button, 2, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(QLabel("Decisions"), 0, 1)
        grid.addWidget(self.decisions, 1, 1)
        grid.addWidget(self.add_decision_button, 2, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(QLabel("Actions"), 3, 0, 1, 2)
        grid.addWidget(self.actions, 4, 0, 1, 2)
        buttons = QHBoxLayout()
        for b in (self.add_action_button, self.done_button, self.reopen_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        grid.addLayout(buttons, 5, 0, 1, 2)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.checklist)
        self.splitter.addWidget(record)
        self.splitter.setSizes([420, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.records.currentIndexChanged.connect(self._record_chosen)
        self.new_button.clicked.connect(self.new_record)
        self.sign_button.clicked.connect(self.sign)
        self.correct_button.clicked.connect(self.correct)
        self.checklist.activated.connect(self._open_evidence)
        self.save_notes_button.clicked.connect(self.save_notes)
        self.add_decision_button.clicked.connect(self.add_decision)
        self.add_action_button.clicked.connect(self.add_action)
        self.done_button.clicked.connect(lambda: self._action_status("done"))
        self.reopen_button.clicked.connect(lambda: self._action_status("open"))
        self.actions.selectionModel().selectionChanged.connect(self._update_buttons)
        self.notes.textChanged.connect(self._update_buttons)

    # ------------------------------------------------------------------ loading
    def set_case(self, case: Case | None) -> None:
        """Show another case (its latest record, else today's checklist)."""
        self.case = case
        self.reload()

    def reload(self, select: int | None = None) -> None:
        """Read the case's records again and show ``select`` (default: the latest)."""
        from summary.supervision import list_records

        self.records.blockSignals(True)
        self.records.clear()
        if self.case is not None:
            self.records.addItem("Today's checklist (not recorded)", TODAY)
            for r in reversed(list_records(self.host.workspace, self.case.id or 0)):
                state = f"signed {uk(r.signed_at)}" if r.signed else "DRAFT"
                if r.corrected_by:
                    state += f", corrected by {r.corrected_by[-1]}"
                self.records.addItem(f"{uk(r.date)} — record {r.id} ({state})", r.id)
        if select is None and self.records.count() > 1:
            select = self.records.itemData(1)
        at = self.records.findData(select) if select is not None else 0
        self.records.setCurrentIndex(max(at, 0))
        self.records.blockSignals(False)
        self._record_chosen()

    def _record_chosen(self, _index: int = 0) -> None:
        from summary.checklist import checklist_items
        from summary.supervision import get_record

        chosen = self.records.currentData()
        self._token += 1
        if chosen is None or chosen == TODAY:
            self.notes.blockSignals(True)
            self.notes.clear()
            self.notes.blockSignals(False)
            self.decisions_model.replace_records([])
            self.actions_model.replace_records([])
        if self.case is None or chosen is None:
            self.record = None
            self._show_items([], "")
            self.status.setText("Choose a case to see its supervision.")
        elif chosen == TODAY:
            self.record = None
            self._show_items([], "")
            self.status.setText("Working out today's checklist…")
            self._start_today()
        else:
            self.record = get_record(self.host.workspace, chosen)
            self._show_record()
            self._show_items(
                checklist_items(self.record.checklist), str(self.record.checklist.get("level"))
            )
        self._update_buttons()

    def _start_today(self) -> None:
        if self.host.workspace_path is None or self.case is None:
            return
        today = dt.datetime.now(UK).date()
        worker = CaseAuditWorker(self.host.workspace_path, self.case.ref, today)
        # Bound methods, not lambdas: the connection goes if this panel goes first.
        self._tokens[worker.signals] = self._token
        worker.signals.result.connect(self._on_today)
        worker.signals.error.connect(self._on_today_error)
        start(worker)

    def _on_today(self, result: object) -> None:
        self._today_ready(self._tokens.pop(self.sender(), -1), result)

    def _on_today_error(self, message: str) -> None:
        self._today_failed(self._tokens.pop(self.sender(), -1), message)

    def _today_ready(self, token: int, result: object) -> None:
        if token != self._token or not isinstance(result, CaseAudit):
            return
        self.status.setText(
            f"Today's checklist, not recorded yet: {result.level.upper()} over "
            f"{result.period.describe()}. Press New supervision to record a supervision."
        )
        self._show_items(result.items, result.level)

    def _today_failed(self, token: int, message: str) -> None:
        if token == self._token:
            self.status.setText(message)

    def _show_items(self, items: list[AuditItem], level: str) -> None:
        self.checklist_model.set_items(items)
        for row, item in enumerate(items):
            if item.level != "green":
                self.checklist.expand(self.checklist_model.index(row, 0))
        if items:
            self.checklist.setCurrentIndex(self.checklist_model.index(0, 0))
            self.checklist_shown.emit(level)

    def _show_record(self) -> None:
        r = self.record
        assert r is not None
        if r.signed:
            text = (
                f"Record {r.id}: supervision of {uk(r.date)}, {r.manager} with {r.worker}. "
                f"Signed by {r.signed_by} on {_stamp(r.signed_at)}; it cannot be changed."
            )
        else:
            text = (
                f"Record {r.id}: supervision of {uk(r.date)}, {r.manager} with {r.worker}. "
                "DRAFT: add the discussion, decisions and actions, then sign."
            )
        if r.corrects:
            text += f" Corrects record {r.corrects}: {r.correction_reason}"
        if r.corrected_by:
            text += f" Corrected by record {r.corrected_by[-1]}."
        self.status.setText(text)
        self.notes.blockSignals(True)
        self.notes.setPlainText(r.notes)
        self.notes.blockSignals(False)
        self.decisions_model.replace_records(r.decisions)
        self.actions_model.replace_records(r.actions)
        self.decisions.resizeColumnToContents(0)
        self.actions.resizeColumnToContents(0)

    def _update_buttons(self) -> None:
        r = self.record
        draft = r is not None and not r.signed
        writable = self.case is not None and not self.host.workspace.read_only
        self.new_button.setEnabled(writable)
        self.sign_button.setEnabled(writable and draft)
        self.correct_button.setEnabled(writable and r is not None and r.signed)
        self.notes.setReadOnly(not draft)
        changed = draft and r is not None and self.notes.toPlainText() != r.notes
        self.save_notes_button.setEnabled(writable and changed)
        self.add_decision_button.setEnabled(writable and draft)
        self.add_action_button.setEnabled(writable and draft)
        action = self._selected_action()
        self.done_button.setEnabled(writable and action is not None and not action.done_on())
        self.reopen_button.setEnabled(writable and action is not None and action.done_on())

    def _selected_action(self):  # type: ignore[no-untyped-def]
        rows = self.actions.selectionModel().selectedRows()
        return self.actions_model.record_at(rows[0].row()) if rows else None

    # ------------------------------------------------------------------ actions
    def _open_evidence(self, index: QModelIndex) -> None:
        ids = index.siblingAtColumn(0).data(ENTRIES_ROLE) or []
        if ids:
            self.host.show_entries(list(ids))

    def _changed(self, _subject: int) -> None:
        record_id = self.record.id if self.record is not None else None
        self.reload(select=record_id)
        self.record_changed.emit(record_id or 0)

    def _run(self, command) -> bool:  # type: ignore[no-untyped-def]
        try:
            perform(self.host.undo_stack, command)
        except (ValueError, WorkspaceError) as exc:
            show_error(self, "Supervision record not changed", str(exc))
            return False
        return True

    def new_record(self) -> None:
        from summary.checklist import record_supervision

        if self.case is None:
            return
        today = dt.datetime.now(UK).date()
        dialog = NewSupervisionDialog(self.case.team_manager, self.case.worker, today, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            record_id = record_supervision(
                self.host.workspace,
                self.case.ref,
                dialog.day(),
                dialog.manager.text(),
                dialog.worker.text(),
                today=today,
            )
        except (ValueError, WorkspaceError) as exc:
            show_error(self, "Supervision not recorded", str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.reload(select=record_id)
        self.record_changed.emit(record_id)

    def save_notes(self) -> None:
        if self.record is None:
            return
        self._run(
            EditNotesCommand(
                self.host.workspace,
                self.record.id or 0,
                self.record.notes,
                self.notes.toPlainText(),
                self._changed,
            )
        )

    def add_decision(self) -> None:
        if self.record is None:
            return
        dialog = DecisionDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._run(
            AddDecisionCommand(
                self.host.workspace,
                self.record.id or 0,
                dialog.text.text(),
                dialog.rationale.toPlainText(),
                self._changed,
            )
        )

    def add_action(self) -> None:
        if self.record is None or self.case is None:
            return
        dialog = ActionDialog(self.case.worker, dt.datetime.now(UK).date(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._run(
            AddActionCommand(
                self.host.workspace,
                self.record.id or 0,
                dialog.text.text(),
                dialog.owner.text(),
                dialog.due_day(),
                self._changed,
            )
        )

    def _action_status(self, status: str) -> None:
        action = self._selected_action()
        if action is None or self.record is None:
            return
        self._run(
            ActionStatusCommand(
                self.host.workspace,
                self.record.id or 0,
                action.id or 0,
                status,
                dt.datetime.now(UK).date().isoformat(),
                current_user(),
                self._changed,
            )
        )

    def sign(self) -> None:
        from summary.supervision import sign_record

        r = self.record
        if r is None or r.signed:
            return
        name, ok = QInputDialog.getText(
            self, "Sign supervision record", "Sign as (the team manager):", text=r.manager
        )
        if not ok or not name.strip():
            return
        if not confirm(
            self,
            "Sign supervision record",
            f"Sign record {r.id} as {name.strip()}? Once signed it can never be changed: a "
            "mistake is put right by a correction, a new record that refers to this one.",
        ):
            return
        try:
            sign_record(self.host.workspace, r.id or 0, name)
        except (ValueError, WorkspaceError) as exc:
            show_error(self, "Supervision record not signed", str(exc))
            return
        self.reload(select=r.id)
        self.record_changed.emit(r.id or 0)
        self.host.refresh_summary()

    def correct(self) -> None:
        from summary.supervision import correct_record

        r = self.record
        if r is None or not r.signed:
            return
        reason, ok = QInputDialog.getText(
            self, "Correct supervision record", f"What was wrong in record {r.id}?"
        )
        if not ok or not reason.strip():
            return
        try:
            fix = correct_record(self.host.workspace, r.id or 0, reason)
        except (ValueError, WorkspaceError) as exc:
            show_error(self, "No correction made", str(exc))
            return
        self.reload(select=fix.id)
        self.record_changed.emit(fix.id or 0)
