"""An entry's history (who changed what, when) as a read-only table model."""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

OBJECT_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("When", "Who", "What", "Before", "After")
_ACTIONS = {
    "create": "Created",
    "update": "Edited",
    "status": "Status changed",
    "link": "Linked as duplicate",
    "unlink": "Separated from duplicate",
}


def _when(iso: str) -> str:
    """'29/11/2025 10:32' from an ISO date-time."""
    if len(iso) < 16:
        return iso
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]} {iso[11:16]}"


def _values(text: str | None) -> str:
    if not text:
        return ""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return text
    if isinstance(data, dict):
        return "; ".join(f"{k}: {'' if v is None else v}" for k, v in data.items())
    return str(data)


class EntryHistoryModel(QAbstractTableModel):
    """Rows of (when, who, action, old, new), oldest first."""

    def __init__(
        self,
        rows: list[tuple[str, str, str, str | None, str | None]] | None = None,
        parent: object | None = None,
    ) -> None:
        super().__init__(parent)
        self._rows = list(rows or [])

    def set_rows(self, rows: list[tuple[str, str, str, str | None, str | None]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
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

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        at, who, action, old, new = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                _when(at),
                who,
                _ACTIONS.get(action, action.capitalize()),
                _values(old),
                _values(new),
            )[column]
        if role == SORT_ROLE:
            return (at, who, action, old or "", new or "")[column]
        if role == OBJECT_ROLE:
            return self._rows[index.row()]
        return None
