"""The quarantine: rows an import could not read, fixed in place or discarded with a reason."""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from chronology.models import Case, QuarantineRow
from chronology.quarantine import (
    Fix,
    QuarantineError,
    discard_row,
    fix_row,
    list_quarantine,
    raw_fields,
)
from chronology.workspace import Workspace
from gui.common.errors import show_error
from gui.common.table_view import record_table
from gui.importing.quarantine_model import FILE, RAW, REASON, ROW, QuarantineTableModel

log = logging.getLogger(__name__)


class QuarantineDialog(QDialog):
    """Fix a row's date (it becomes an entry) or set it aside with a reason."""

    entry_created = Signal(int)  # the new entry's id
    row_discarded = Signal(int)  # the quarantine row's id

    def __init__(self, ws: Workspace, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._case = case
        self.model = QuarantineTableModel(list_quarantine(ws, case.id or 0), self)
        self._build_ui()
        self._connect()
        self._selected(QItemSelection(), QItemSelection())
        if self.model.rowCount():
            self.table.selectRow(0)

    def _build_ui(self) -> None:
        self.setWindowTitle(f"Quarantine — {self._case.ref}")
        self.resize(1000, 640)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = record_table(self.model, "Rows waiting in quarantine", wrap=False)
        header = self.table.horizontalHeader()
        header.resizeSection(FILE, 220)
        header.resizeSection(ROW, 60)
        header.resizeSection(REASON, 320)
        header.setSectionResizeMode(RAW, QHeaderView.ResizeMode.Stretch)
        self.raw = QTextBrowser()
        self.raw.setAccessibleName("The row as the file holds it")
        self.date = QLineEdit()
        self.date.setAccessibleName("Date for this row")
        self.date.setPlaceholderText("e.g. 03/04/2024, w/c 3 June 2024, June 2023, Spring 2023")
        self.time = QLineEdit()
        self.time.setAccessibleName("Time for this row (optional)")
        self.time.setPlaceholderText("e.g. 14:30 (optional)")
        self.fix = QPushButton("Make it an entry")
        self.fix.setAccessibleName("Fix the row with this date and add it to the chronology")
        self.discard = QPushButton("Discard…")
        self.discard.setAccessibleName("Set the row aside with a reason")
        form = QFormLayout()
        form.addRow("Date", self.date)
        form.addRow("Time", self.time)
        actions = QHBoxLayout()
        actions.addWidget(self.fix)
        actions.addWidget(self.discard)
        actions.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.raw, 1)
        lower_layout.addLayout(form)
        lower_layout.addLayout(actions)
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        # Enter in the date box makes the row an entry; no button may take it as well (Close
        # would shut the quarantine after each row).
        for button in (self.fix, self.discard, *self.buttons.buttons()):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._update_intro()

    def _connect(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.fix.clicked.connect(self.fix_current)
        self.date.returnPressed.connect(self.fix_current)
        self.discard.clicked.connect(self._discard_current)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        self.model.rowsRemoved.connect(self._update_intro)

    def _update_intro(self) -> None:
        count = self.model.rowCount()
        if count:
            self.intro.setText(
                f"{count} row(s) could not be read when they were imported, usually because of "
                "the date. Type the date as the record means it (UK day-first) to add the row "
                "to the chronology, or discard it with a reason. Nothing is deleted."
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
            return
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
        self.raw.setHtml("".join(lines))
        self.date.setText(fields.get("date", ""))
        self.time.setText(fields.get("time", ""))

    # ------------------------------------------------------------------ actions
    def fix_current(self) -> int | None:
        """Turn the selected row into an entry with the typed date; returns the entry id."""
        row = self.current_row()
        if row is None:
            return None
        try:
            entry = fix_row(
                self._ws,
                row.id or 0,
                Fix(date=self.date.text(), time=self.time.text().strip() or None),
            )
        except QuarantineError as exc:
            show_error(
                self,
                "That date cannot be read",
                str(exc),
                "Type it as 03/04/2024, 'w/c 3 June 2024', 'June 2023' or 'Spring 2023'.",
            )
            self.date.setFocus()
            return None
        self.model.remove(row.id or 0)
        self.entry_created.emit(entry.id or 0)
        if self.model.rowCount():
            self.table.selectRow(0)
        return entry.id

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
        row = self.current_row()
        if row is None:
            return False
        try:
            discard_row(self._ws, row.id or 0, reason)
        except QuarantineError as exc:
            show_error(self, "Row not discarded", str(exc))
            return False
        self.model.remove(row.id or 0)
        self.row_discarded.emit(row.id or 0)
        if self.model.rowCount():
            self.table.selectRow(0)
        return True
