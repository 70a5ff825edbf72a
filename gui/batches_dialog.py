"""Import history: every import of the case, and undoing one as a whole (after asking)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chronology.batches import BatchError, list_batches, undo_batch
from chronology.models import Case, ImportBatch
from chronology.workspace import Workspace
from gui.errors import confirm, show_error

log = logging.getLogger(__name__)
OBJECT_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = (
    "When",
    "File",
    "Format",
    "Records",
    "Imported",
    "Duplicates",
    "Already there",
    "Quarantined",
    "Status",
)
_Index = QModelIndex | QPersistentModelIndex


def _when(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]} {iso[11:16]}" if len(iso) >= 16 else iso


class BatchesTableModel(QAbstractTableModel):
    """The case's import batches, newest first; undone ones greyed."""

    def __init__(
        self, batches: list[ImportBatch] | None = None, parent: object | None = None
    ) -> None:
        super().__init__(parent)
        self._batches: list[ImportBatch] = []
        self.set_batches(batches or [])

    def set_batches(self, batches: list[ImportBatch]) -> None:
        self.beginResetModel()
        self._batches = sorted(batches, key=lambda b: b.id or 0, reverse=True)
        self.endResetModel()

    def batch_at(self, row: int) -> ImportBatch:
        return self._batches[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._batches)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _values(self, b: ImportBatch) -> tuple[object, ...]:
        status = f"Undone {_when(b.undone_at)}" if b.undone_at else "In the case"
        return (
            _when(b.created_at),
            b.file,
            b.format,
            b.rows,
            b.imported,
            b.duplicates,
            b.already_imported,
            b.quarantined,
            status,
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._batches):
            return None
        batch = self._batches[index.row()]
        value = self._values(batch)[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:,}" if isinstance(value, int) else value
        if role == Qt.ItemDataRole.ForegroundRole and batch.undone_at:
            return QColor(
                QGuiApplication.palette().color(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return batch.created_at if index.column() == 0 else value
        if role == OBJECT_ROLE:
            return batch
        return None


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
        self.table = QTableView()
        self.table.setAccessibleName("Imports into this case")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
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
            f"Undo the import of {batch.file} ({_when(batch.created_at)})?\n\n"
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
