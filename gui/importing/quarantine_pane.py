"""The quarantine, as a pane beside the chronology: rows an import could not read, fixed in place
or set aside with a reason. The chronology stays usable while a date is looked up; every fix and
discard is one step of Edit › Undo."""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from chronology.models import Case, QuarantineRow
from chronology.quarantine import Fix, QuarantineError, list_quarantine, raw_fields
from chronology.quarantine import row_is_misaligned as misaligned
from chronology.workspace import Workspace
from gui.common.errors import show_error
from gui.common.keys import FieldLineEdit, tab_leaves
from gui.common.table_view import record_table
from gui.common.undo import StoreCommand, perform
from gui.importing.quarantine_commands import DiscardRowCommand, FixRowCommand
from gui.importing.quarantine_model import (
    FILE,
    RAW,
    REASON,
    ROW,
    QuarantineTableModel,
    raw_text,
)

log = logging.getLogger(__name__)
# The fields a worker checks by hand on a row whose cells may have moved column.
CHECKED_FIELDS = (
    ("agency", "Agency"),
    ("type", "Type"),
    ("summary", "Summary"),
    ("text", "Note text"),
)


def raw_row_html(row: QuarantineRow) -> str:
    """The row as the file holds it, cell by cell, with why it was set aside."""
    fields = raw_fields(row)
    lines = [
        f"<b>{escape(row.source_file)}</b>, row {row.row}: {escape(row.reason)}",
        "<table>",
    ]
    for key, value in fields.items():
        if value:
            lines.append(
                f"<tr><td><b>{escape(key)}</b>&nbsp;</td><td>{escape(str(value))}</td></tr>"
            )
    lines.append("</table>")
    lines.append(f"<p><i>Cells as written:</i> {escape(raw_text(row, 2000))}</p>")
    return "".join(lines)


class QuarantinePane(QWidget):
    """Fix a row's date (it becomes an entry) or set it aside with a reason; both undoable."""

    rows_changed = Signal()  # a row was fixed, discarded, or put back by Undo
    entries_changed = Signal()  # the case's entries changed (a fix, or its undo)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws: Workspace | None = None
        self._case: Case | None = None
        self._stack: QUndoStack | None = None
        self.model = QuarantineTableModel([], self)
        self._build_ui()
        self._connect()
        self._selected(QItemSelection(), QItemSelection())

    # ------------------------------------------------------------------- layout
    def _build_ui(self) -> None:
        self.setObjectName("quarantinePane")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = tab_leaves(record_table(self.model, "Rows waiting in quarantine", wrap=False))
        self.table.setObjectName("quarantineTable")
        header = self.table.horizontalHeader()
        header.resizeSection(FILE, 170)
        header.resizeSection(ROW, 50)
        header.resizeSection(REASON, 240)
        header.setSectionResizeMode(RAW, QHeaderView.ResizeMode.Stretch)
        self.raw = QTextBrowser()
        self.raw.setAccessibleName("The row as the file holds it")
        self.date = FieldLineEdit()
        self.date.setAccessibleName("Date for this row")
        self.date.setPlaceholderText("e.g. 03/04/2024, w/c 3 June 2024, June 2023")
        self.time = FieldLineEdit()
        self.time.setAccessibleName("Time for this row (optional)")
        self.time.setPlaceholderText("e.g. 14:30 (optional)")
        self.checks = QWidget()
        self.check_note = QLabel()
        self.check_note.setWordWrap(True)
        self.check_note.setStyleSheet("color: #B3261E")
        self.fields: dict[str, FieldLineEdit] = {}
        checks = QFormLayout(self.checks)
        checks.setContentsMargins(0, 0, 0, 0)
        checks.addRow(self.check_note)
        for name, label in CHECKED_FIELDS:
            edit = FieldLineEdit()
            edit.setAccessibleName(f"{label} for this row")
            self.fields[name] = edit
            checks.addRow(label, edit)
        self.fix = QPushButton("&Make it an entry")
        self.fix.setAccessibleName("Fix the row with this date and add it to the chronology")
        self.discard = QPushButton("&Discard…")
        self.discard.setAccessibleName("Set the row aside with a reason")
        form = QFormLayout()
        form.addRow("Da&te", self.date)
        form.addRow("T&ime", self.time)
        actions = QHBoxLayout()
        actions.addWidget(self.fix)
        actions.addWidget(self.discard)
        actions.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.raw, 1)
        right_layout.addWidget(self.checks)
        right_layout.addLayout(form)
        right_layout.addLayout(actions)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("quarantineSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.intro)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.table, self.date)
        self.setTabOrder(self.date, self.time)
        self.setTabOrder(self.time, self.fix)
        self.setTabOrder(self.fix, self.discard)

    def _connect(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.fix.clicked.connect(self.fix_current)
        self.date.returnPressed.connect(self.fix_current)
        self.time.returnPressed.connect(self.fix_current)
        for edit in self.fields.values():  # Enter in any box of the row: make it an entry
            edit.returnPressed.connect(self.fix_current)
        self.discard.clicked.connect(self._discard_current)
        self.model.modelReset.connect(self._update_intro)
        self.model.rowsRemoved.connect(self._update_intro)

    # ------------------------------------------------------------------ context
    def set_case(self, ws: Workspace | None, case: Case | None, stack: QUndoStack | None) -> None:
        """Show the waiting rows of this case; fixes go on this undo stack."""
        self._ws, self._case, self._stack = ws, case, stack
        self.reload()

    def reload(self, keep_at: int | None = None) -> None:
        """Read the waiting rows again; select the row now at ``keep_at`` (or the first)."""
        at = keep_at if keep_at is not None else self._current_index()
        if self._ws is None or self._case is None:
            self.model.set_rows([])
        else:
            self.model.set_rows(list_quarantine(self._ws, self._case.id or 0))
        count = self.model.rowCount()
        if count:
            self.table.selectRow(min(max(at, 0), count - 1))
        else:
            self._selected(QItemSelection(), QItemSelection())
        self._update_intro()

    def _current_index(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else 0

    def _update_intro(self) -> None:
        count = self.model.rowCount()
        if self._case is None:
            self.intro.setText("Choose a case to see the rows its imports could not read.")
        elif count:
            self.intro.setText(
                f"<b>{count} row{'s' if count != 1 else ''} could not be read</b>, usually "
                "because of the date. Type the date as the record means it (UK day-first) and "
                "press Enter to add the row to the chronology, or discard it with a reason. "
                "Edit › Undo takes a fix or a discard back."
            )
        else:
            self.intro.setText("No rows are waiting: every imported row is in the chronology.")

    def current_row(self) -> QuarantineRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.current_row()
        for widget in (self.date, self.time, self.fix, self.discard):
            widget.setEnabled(row is not None)
        if row is None:
            self.raw.clear()
            self.date.clear()
            self.time.clear()
            self.checks.hide()
            return
        fields = raw_fields(row)
        self.raw.setHtml(raw_row_html(row))
        self.date.setText(fields.get("date", ""))
        self.time.setText(fields.get("time", ""))
        shifted = misaligned(row)
        self.checks.setVisible(shifted)
        if shifted:
            self.check_note.setText(
                f"This row has {row.reason}: the cells after the gap may sit one column along. "
                "Check each field against the row above before making it an entry."
            )
        for name, edit in self.fields.items():
            edit.setText(str(fields.get(name, "")) if shifted else "")

    # ------------------------------------------------------------------ actions
    def _perform(self, command: StoreCommand) -> bool:
        try:
            perform(self._stack, command)
        except QuarantineError as exc:
            if isinstance(command, FixRowCommand):
                show_error(
                    self,
                    "That date cannot be read",
                    str(exc),
                    "Type it as 03/04/2024, 'w/c 3 June 2024', 'June 2023' or 'Spring 2023'.",
                )
                self.date.setFocus()
            else:
                show_error(self, "Row not discarded", str(exc))
            return False
        return True

    def _notify(self, _qid: int) -> None:
        self.reload()
        self.rows_changed.emit()

    def _fix_notify(self, qid: int) -> None:
        self._notify(qid)
        self.entries_changed.emit()

    def _fix_of(self, row: QuarantineRow) -> Fix | None:
        """The fix as typed; for a row whose cells may have moved, only once the worker agrees."""
        fix = Fix(date=self.date.text(), time=self.time.text().strip() or None)
        if not misaligned(row):
            return fix
        values = {name: edit.text().strip() for name, edit in self.fields.items()}
        shown = "".join(
            f"<tr><td><b>{escape(label)}</b>&nbsp;</td><td>{escape(values[name]) or '—'}</td></tr>"
            for name, label in CHECKED_FIELDS
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Check the row before it becomes an entry",
            f"This row has {escape(row.reason)}, so its cells may not sit under their columns."
            f"<p>{raw_row_html(row)}</p><p>It would become an entry dated "
            f"<b>{escape(fix.date)}</b> with:</p><table>{shown}</table>"
            "<p>Is that right?</p>",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setTextFormat(Qt.TextFormat.RichText)
        agree = box.addButton("Make it an &entry", QMessageBox.ButtonRole.AcceptRole)
        check = box.addButton("&Check the fields", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(check)
        box.setEscapeButton(check)
        box.exec()
        if box.clickedButton() is not agree:
            self.fields["agency"].setFocus()
            return None
        fix.agency = values["agency"]
        fix.type = values["type"]
        fix.summary = values["summary"] or None
        fix.text = values["text"]
        return fix

    def fix_current(self) -> int | None:
        """Turn the selected row into an entry with the typed date; returns the entry id."""
        row = self.current_row()
        if row is None or self._ws is None:
            return None
        fix = self._fix_of(row)
        if fix is None:
            return None
        at = self._current_index()
        command = FixRowCommand(self._ws, row, fix, self._fix_notify)
        if not self._perform(command):
            return None
        self.reload(at)
        if self.model.rowCount():
            self.date.setFocus(Qt.FocusReason.OtherFocusReason)
            self.date.selectAll()
        return command.entry_id

    def _discard_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        reason, ok = QInputDialog.getText(
            self, "Discard row", "Why is this row set aside? (kept with the row)"
        )
        if ok:
            self.discard_current(reason)

    def discard_current(self, reason: str) -> bool:
        """Set the selected row aside with this reason (refused without one)."""
        row = self.current_row()
        if row is None or self._ws is None:
            return False
        return self._perform(DiscardRowCommand(self._ws, row, reason, self._notify))
