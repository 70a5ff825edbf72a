"""Table models of the import wizard: column mapping, preview rows, and the import report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from chronology.importers.pipeline import FileReport
from chronology.importers.records import FIELDS, SourceRecord

OBJECT_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FIELD_LABELS = {
    "date": "Date (or date and time)",
    "time": "Time",
    "end": "End date/time",
    "type": "Type of contact",
    "outcome": "Outcome",
    "agency": "Agency",
    "author": "Author / worker",
    "summary": "Summary / subject",
    "text": "Note text",
    "location": "Location",
    "reference": "Reference",
    "extra": "Keep in the text",
}
_Index = QModelIndex | QPersistentModelIndex


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r", " ").replace("\n", " ")
    return text if len(text) <= 200 else text[:200] + "…"


class _ReadOnlyTable(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class MappingModel(_ReadOnlyTable):
    """One row per column of the file: its name, the field it feeds (editable), first values."""

    headers = ("Column in the file", "Read as", "First values")
    mapping_edited = Signal()

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._columns: list[str] = []
        self._mapping: dict[str, str] = {}
        self._samples: dict[str, str] = {}

    def set_mapping(self, mapping: dict[str, str], records: list[SourceRecord]) -> None:
        self.beginResetModel()
        self._columns = list(mapping)
        self._mapping = dict(mapping)
        self._samples = {
            c: "; ".join(t for t in (cell_text(r.values.get(c)) for r in records[:3]) if t)
            for c in self._columns
        }
        self.endResetModel()

    def mapping(self) -> dict[str, str]:
        return dict(self._mapping)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 1:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._columns):
            return None
        column = self._columns[index.row()]
        fld = self._mapping[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (column, FIELD_LABELS.get(fld, fld), self._samples[column])[index.column()]
        if role == Qt.ItemDataRole.EditRole:
            return fld if index.column() == 1 else None
        if role == SORT_ROLE:
            return (column, fld, self._samples[column])[index.column()]
        if role == OBJECT_ROLE:
            return (column, fld)
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != 1
            or role != Qt.ItemDataRole.EditRole
            or value not in FIELDS
        ):
            return False
        column = self._columns[index.row()]
        if self._mapping[column] == value:
            return False
        self._mapping[column] = str(value)
        self.dataChanged.emit(index, index)
        self.mapping_edited.emit()
        return True


class FieldDelegate(QStyledItemDelegate):
    """A combo box of entry fields for the 'Read as' column."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,  # noqa: N802
        index: _Index,
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Field this column is read as")
        for name in FIELDS:
            combo.addItem(FIELD_LABELS.get(name, name), name)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractTableModel,  # noqa: N802
        index: _Index,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PreviewModel(_ReadOnlyTable):
    """The first records of a file, as the reader found them."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._records: list[SourceRecord] = []
        self.headers = ()

    def set_records(self, columns: list[str], records: list[SourceRecord]) -> None:
        self.beginResetModel()
        self._records = list(records)
        if not columns:
            seen: dict[str, None] = {}
            for record in records:
                seen.update(dict.fromkeys(record.values))
            columns = list(seen)
        self.headers = ("Row", *columns)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._records):
            return None
        record = self._records[index.row()]
        if index.column() == 0:
            value: Any = record.row
        else:
            value = record.values.get(self.headers[index.column()])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_text(value)
        if role == SORT_ROLE:
            return value if isinstance(value, (int, float, str)) else cell_text(value)
        if role == OBJECT_ROLE:
            return record
        return None


class ImportReportModel(_ReadOnlyTable):
    """One row per file: what happened to its records, or why it could not be read."""

    headers = (
        "File",
        "Records",
        "Imported",
        "Duplicates linked",
        "Already imported",
        "Quarantined",
        "Problem",
    )
    _KEYS = ("rows", "imported", "duplicates", "already_imported", "quarantined")

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._reports: list[FileReport] = []

    def set_reports(self, reports: list[FileReport]) -> None:
        self.beginResetModel()
        self._reports = list(reports)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._reports)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._reports):
            return None
        report = self._reports[index.row()]
        column = index.column()
        if column == 0:
            value: object = report.file
        elif column == len(self.headers) - 1:
            value = report.error or ""
        else:
            value = report.counts()[self._KEYS[column - 1]]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:,}" if isinstance(value, int) else value
        if role == Qt.ItemDataRole.ToolTipRole and column == len(self.headers) - 1:
            return report.error or None
        if role == Qt.ItemDataRole.TextAlignmentRole and 0 < column < len(self.headers) - 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return value
        if role == OBJECT_ROLE:
            return report
        return None
