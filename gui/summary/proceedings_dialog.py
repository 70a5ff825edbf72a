"""The case's proceedings periods: those the worker confirmed and those the chronology suggests,
with why; confirm, edit, add or reject one. Each change is a QUndoCommand on the case's stack."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chronology.models import Case
from chronology.proceedings import ProceedingsError, ProceedingsPeriod, periods_for
from chronology.workspace import Workspace
from gui.common.errors import show_error
from gui.common.table_model import Column, RecordTableModel
from gui.common.table_view import record_table
from gui.common.undo import StoreCommand, perform
from gui.summary.period_editor import PeriodEditor
from gui.summary.proceedings_commands import (
    AddPeriodCommand,
    ConfirmPeriodCommand,
    EditPeriodCommand,
    RejectPeriodCommand,
)

_TYPES = {"private": "Private law", "public": "Public law"}


def _uk(iso: str | None) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if iso else ""


def _ended(p: ProceedingsPeriod) -> str:
    if not p.end:
        return ""
    return p.end_reason + (" — uncertain" if p.end_uncertain else "")


class PeriodsModel(RecordTableModel[ProceedingsPeriod]):
    """The periods, in date order; suggested ones say so."""

    columns = (
        Column("Type", lambda p: _TYPES.get(p.type, "not known")),
        Column("Start", lambda p: _uk(p.start) or "before the first entry",
               sort=lambda p: p.start or ""),
        Column("End", lambda p: _uk(p.end) or "still open", sort=lambda p: p.end or "9"),
        Column("Why they ended", _ended),
        Column("Court", lambda p: p.court),
        Column("Case number", lambda p: p.case_number),
        Column("Status", lambda p: "Suggested" if p.suggested else "Confirmed",
               tooltip=lambda p: p.basis),
    )  # fmt: skip


class ProceedingsDialog(QDialog):
    """The open case's proceedings periods."""

    def __init__(
        self,
        ws: Workspace,
        case: Case,
        stack: QUndoStack | None,
        notify: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._case = case
        self._stack = stack
        self._notify = notify
        self._build_ui()
        self._connect()
        self.reload()

    def _build_ui(self) -> None:
        self.setWindowTitle(f"Proceedings — {self._case.ref}")
        intro = QLabel(
            "When court proceedings about the child were open. Periods marked <i>suggested</i> "
            "were read from the chronology (applications, hearings, orders): confirm or edit "
            "them. The summary and the cadence checks use these periods."
        )
        intro.setWordWrap(True)
        self.model = PeriodsModel(self)
        self.table = record_table(self.model, "Proceedings periods")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.why = QLabel()
        self.why.setAccessibleName("Why this period was suggested")
        self.why.setWordWrap(True)
        self.confirm_button = QPushButton("&Confirm")
        self.confirm_button.setToolTip("The period is right as it stands")
        self.edit_button = QPushButton("&Edit…")
        self.add_button = QPushButton("&Add…")
        self.reject_button = QPushButton("&Reject…")
        self.reject_button.setToolTip("These were not proceedings: never use or suggest it again")
        self.undo_button = QPushButton("&Undo")
        self.close_button = QPushButton("Close")
        row = QHBoxLayout()
        for button in (self.confirm_button, self.edit_button, self.add_button,
                       self.reject_button, self.undo_button):  # fmt: skip
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.why)
        layout.addLayout(row)
        self.resize(860, 380)

    def _connect(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.confirm_button.clicked.connect(self.confirm)
        self.edit_button.clicked.connect(self.edit)
        self.add_button.clicked.connect(self.add)
        self.reject_button.clicked.connect(self.reject_period)
        self.undo_button.clicked.connect(self.undo)
        self.close_button.clicked.connect(self.accept)
        if self._stack is not None:
            self._stack.indexChanged.connect(self.reload)

    def done(self, result: int) -> None:
        if self._stack is not None:
            self._stack.indexChanged.disconnect(self.reload)
        super().done(result)

    # ------------------------------------------------------------------ showing
    def reload(self, _index: int = 0) -> None:
        keep = self.current()
        self.model.replace_records(periods_for(self._ws, self._case.id or 0))
        row = self.model.find_row(lambda p: keep is not None and p.id == keep.id)
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self._selected()

    def current(self) -> ProceedingsPeriod | None:
        index = self.table.currentIndex() if hasattr(self, "table") else None
        if index is None or not index.isValid():
            return None
        return self.model.record_at(index.row())

    def _selected(self) -> None:
        p = self.current()
        self.confirm_button.setEnabled(p is not None and p.suggested)
        self.edit_button.setEnabled(p is not None)
        self.reject_button.setEnabled(p is not None)
        self.undo_button.setEnabled(self._stack is not None and self._stack.canUndo())
        if p is None:
            self.why.setText("No proceedings are recorded or suggested for this case.")
        elif p.suggested:
            self.why.setText(f"Suggested because: {p.basis}")
        else:
            self.why.setText(f"Confirmed by {p.decided_by or 'the worker'}.")

    # ------------------------------------------------------------------ acting
    def _do(self, command: StoreCommand) -> None:
        try:
            perform(self._stack, command)
        except ProceedingsError as exc:
            show_error(self, "The period was not changed", str(exc))
        self.reload()

    def confirm(self) -> None:
        p = self.current()
        if p is not None and p.suggested:
            self._do(ConfirmPeriodCommand(self._ws, p.id or 0, self._notify))

    def edit(self) -> None:
        p = self.current()
        if p is None:
            return
        editor = PeriodEditor(p, self)
        if editor.exec():
            values = editor.values()
            changes = {k: v for k, v in values.items() if getattr(p, k) != v}
            if changes or p.suggested:
                self._do(EditPeriodCommand(self._ws, p.id or 0, changes, self._notify))

    def add(self) -> None:
        editor = PeriodEditor(None, self)
        if editor.exec():
            names = {f.name for f in fields(ProceedingsPeriod)}
            values = {k: v for k, v in editor.values().items() if k in names}
            period = ProceedingsPeriod(self._case.id or 0, **values)  # type: ignore[arg-type]
            self._do(AddPeriodCommand(self._ws, self._case.id or 0, period, self._notify))

    def reject_period(self) -> None:
        p = self.current()
        if p is None:
            return
        reason, ok = QInputDialog.getText(
            self, "Reject the period", "Why is this period wrong? (kept in the history)"
        )
        if ok:
            self._do(RejectPeriodCommand(self._ws, p.id or 0, reason.strip(), self._notify))

    def undo(self) -> None:
        if self._stack is not None and self._stack.canUndo():
            self._stack.undo()
