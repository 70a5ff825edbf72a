"""Import history: every import of the case, and undoing one as a whole (after asking)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chronology.batches import BatchError, list_batches, undo_batch
from chronology.models import Case, ImportBatch
from chronology.workspace import Workspace
from gui.common.date_text import uk_date_time
from gui.common.errors import confirm, show_error
from gui.common.table_model import RIGHT, Column, RecordTableModel, thousands
from gui.common.table_view import record_table

log = logging.getLogger(__name__)


def _greyed(batch: ImportBatch) -> QColor | None:
    """Undone imports in the palette's disabled text colour."""
    if not batch.undone_at:
        return None
    return QColor(
        QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    )


def _text(header: str, text: Callable[[ImportBatch], str]) -> Column[ImportBatch]:
    return Column(header, text, foreground=_greyed)


def _count(header: str, count: Callable[[ImportBatch], int]) -> Column[ImportBatch]:
    return Column(
        header, lambda b: thousands(count(b)), sort=count, foreground=_greyed, align=RIGHT
    )


def _status(batch: ImportBatch) -> str:
    return f"Undone {uk_date_time(batch.undone_at)}" if batch.undone_at else "In the case"


class BatchesTableModel(RecordTableModel[ImportBatch]):
    """The case's import batches, newest first; undone ones greyed."""

    columns = (
        Column(
            "When",
            lambda b: uk_date_time(b.created_at),
            sort=lambda b: b.created_at,
            foreground=_greyed,
        ),
        _text("File", lambda b: b.file),
        _text("Format", lambda b: b.format),
        _count("Records", lambda b: b.rows),
        _count("Imported", lambda b: b.imported),
        _count("Duplicates", lambda b: b.duplicates),
        _count("Already there", lambda b: b.already_imported),
        _count("Quarantined", lambda b: b.quarantined),
        _text("Status", _status),
    )

    def __init__(
        self, batches: list[ImportBatch] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.set_batches(batches or [])

    def set_batches(self, batches: list[ImportBatch]) -> None:
        self.replace_records(sorted(batches, key=lambda b: b.id or 0, reverse=True))

    def batch_at(self, row: int) -> ImportBatch:
        return self.record_at(row)


class BatchesDialog(QDialog):
    """Lists the imports; 'Undo this import' takes one back as a whole."""

    batch_undone = Signal(int)

    def __init__(self, ws: Workspace, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._case = case
        self.model = BatchesTableModel(list_batches(ws, case.id or 0), self)
        self._build_ui()
        self._connect()
        self._selection_changed()

    def _build_ui(self) -> None:
        self.setWindowTitle(f"Import history — {self._case.ref}")
        self.resize(980, 460)
        intro = QLabel(
            "Every import into this case. Undoing an import takes back all of its "
            "entries and quarantined rows at once; they are kept out of sight, not "
            "deleted, and the file can be imported again."
        )
        intro.setWordWrap(True)
        self.table = record_table(self.model, "Imports into this case")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.undo = QPushButton("Undo this import…")
        self.undo.setAccessibleName("Undo the selected import")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.undo, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.undo.clicked.connect(self.undo_selected)
        self.buttons.rejected.connect(self.reject)

    def current_batch(self) -> ImportBatch | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.batch_at(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        batch = self.current_batch()
        self.undo.setEnabled(batch is not None and not batch.undone_at)

    def undo_selected(self) -> bool:
        batch = self.current_batch()
        if batch is None or batch.undone_at:
            return False
        question = (
            f"Undo the import of {batch.file} ({uk_date_time(batch.created_at)})?\n\n"
            f"Its {batch.imported + batch.duplicates:,} entries and "
            f"{batch.quarantined:,} quarantined rows leave the case. Edits made to "
            "those entries go with them."
        )
        if not confirm(self, "Undo import", question):
            return False
        try:
            undo_batch(self._ws, batch.id or 0)
        except BatchError as exc:
            show_error(self, "Import not undone", str(exc))
            return False
        self.model.set_batches(list_batches(self._ws, self._case.id or 0))
        self._selection_changed()
        self.batch_undone.emit(batch.id or 0)
        return True
