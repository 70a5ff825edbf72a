"""A read-only table model over a list of records, described column by column.

The list-backed models of the window (cases, risks, quarantine, import history, versions…) are
subclasses: each gives its ``columns`` and, for anything a column cannot say, ``role_data``.
The lazy, SQL-backed chronology model is not one of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

OBJECT_ROLE = Qt.ItemDataRole.UserRole  # the row's record
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value the column sorts by
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # for numbers

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


def thousands(value: object) -> object:
    """Whole numbers as '1,234'; anything else as it is."""
    return f"{value:,}" if isinstance(value, int) else value


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header, its text, and optionally its sort value, tooltip and colour."""

    header: str
    display: Callable[[R], object]
    sort: Callable[[R], object] | None = None  # the raw value; the display text when not given
    tooltip: Callable[[R], object] | None = None
    foreground: Callable[[R], object] | None = None  # a QColor, or None for the default
    align: int | None = None  # a Qt.AlignmentFlag value, e.g. RIGHT


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows are the records, columns are ``columns``; selectable, not editable."""

    columns: Sequence[Column[R]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[R] = []

    # ---------------------------------------------------------------- records
    def replace_records(self, records: Iterable[R]) -> None:
        """Show these records instead (a full reload)."""
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[R]:
        return list(self._records)

    def record_at(self, row: int) -> R:
        return self._records[row]

    def find_row(self, matches: Callable[[R], bool]) -> int:
        """The first row whose record matches, or -1."""
        return next((n for n, r in enumerate(self._records) if matches(r)), -1)

    def append_record(self, record: R) -> None:
        n = len(self._records)
        self.beginInsertRows(_NO_PARENT, n, n)
        self._records.append(record)
        self.endInsertRows()

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(_NO_PARENT, row, row)
        del self._records[row]
        self.endRemoveRows()

    def row_changed(self, row: int) -> None:
        """Tell the views that every cell of a row changed."""
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    # ------------------------------------------------------------ Qt interface
    def rowCount(self, parent: Index = _NO_PARENT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._records):
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(record)
        if role == SORT_ROLE:
            return (column.sort or column.display)(record)
        if role == OBJECT_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            return column.foreground(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return column.align
        return self.role_data(record, index.column(), role)

    def role_data(self, record: R, column: int, role: int) -> object:
        """Any other role of a cell (decoration, font, background…); None by default."""
        return None
