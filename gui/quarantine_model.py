"""Quarantined rows (what an import could not read) as a table model."""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from chronology.models import QuarantineRow

OBJECT_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FILE, ROW, REASON, RAW = range(4)
HEADERS = ("File", "Row", "Why it was set aside", "What the row holds")
_Index = QModelIndex | QPersistentModelIndex


def raw_text(row: QuarantineRow, limit: int = 300) -> str:
    """The source row as the user would recognise it: its cells, joined."""
    try:
        data = json.loads(row.raw)
    except (json.JSONDecodeError, TypeError):
        text = row.raw
    else:
        cells = data.get("row") if isinstance(data, dict) else data
        if isinstance(cells, dict):
            text = " | ".join(f"{k}: {v}" for k, v in cells.items() if v not in (None, ""))
        elif isinstance(cells, list):
            text = " | ".join(str(c) for c in cells if c not in (None, ""))
        else:
            text = str(cells)
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "…"


class QuarantineTableModel(QAbstractTableModel):
    """The waiting rows of one case; fixed or discarded rows leave the model."""

    def __init__(
        self, rows: list[QuarantineRow] | None = None, parent: object | None = None
    ) -> None:
        super().__init__(parent)
        self._rows = list(rows or [])

    def set_rows(self, rows: list[QuarantineRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> QuarantineRow:
        return self._rows[row]

    def remove(self, qid: int) -> None:
        """Take a row out after it was fixed or discarded through the core."""
        for n, row in enumerate(self._rows):
            if row.id == qid:
                self.beginRemoveRows(QModelIndex(), n, n)
                del self._rows[n]
                self.endRemoveRows()
                return

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

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

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.source_file,
                "" if row.row is None else str(row.row),
                row.reason,
                raw_text(row, 160),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return raw_text(row, 2000) if column == RAW else row.reason
        if role == SORT_ROLE:
            return (row.source_file, row.row or 0, row.reason, row.raw)[column]
        if role == OBJECT_ROLE:
            return row
        return None
