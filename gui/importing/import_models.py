"""Table models of the import wizard: column mapping, preview rows, and the import report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from chronology.importers.pipeline import FileReport
from chronology.importers.proposal import FieldChoice, MappingProposal
from chronology.importers.records import FIELDS, SourceRecord
from gui.common.table_model import RIGHT, Column, Index, RecordTableModel, thousands

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
    "reference": "Agency's reference",
    "person": "Person (whose record)",
    "extra": "Keep in the details",
}
LEVELS = {"sure": "Sure", "likely": "Likely", "unsure": "Not sure"}


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


READ_AS = 1  # the mapping's editable column
Mapped = tuple[str, str]  # (column in the file, the field it is read as)


class MappingModel(RecordTableModel[Mapped]):
    """One row per column of the file: its name, the field it feeds (editable), first values."""

    mapping_edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._samples: dict[str, str] = {}
        self._proposal: MappingProposal | None = None
        self.columns = (
            Column("Column in the file", lambda m: m[0], tooltip=lambda m: m[0]),
            Column("Read as", _field_label, sort=lambda m: m[1], tooltip=_field_label),
            Column("How sure", self._sure, tooltip=self._why),
            Column("First values", self._sample, tooltip=self._sample),
        )

    def _sample(self, mapped: Mapped) -> str:
        return self._samples[mapped[0]]

    def _choice(self, mapped: Mapped) -> FieldChoice | None:
        column, fld = mapped
        choice = self._proposal.choices.get(fld) if self._proposal else None
        return choice if choice is not None and choice.column == column else None

    def _sure(self, mapped: Mapped) -> str:
        """'Sure', 'Likely', 'Not sure', 'Your choice', or '' for a column kept in details."""
        if mapped[1] == "extra" or self._proposal is None:
            return ""
        choice = self._choice(mapped)
        if choice is None:
            return "Your choice"
        return f"{LEVELS[choice.level]} ({choice.confidence:.0%})"

    def _why(self, mapped: Mapped) -> str:
        """The reasons behind the choice, or what the column holds."""
        choice = self._choice(mapped)
        if choice is not None:
            return "; ".join(choice.reasons)
        content = self._proposal.contents.get(mapped[0]) if self._proposal else None
        return f"holds {content.describe()}" if content is not None else ""

    def set_mapping(
        self,
        mapping: dict[str, str],
        records: list[SourceRecord],
        proposal: MappingProposal | None = None,
    ) -> None:
        self.beginResetModel()
        self._records = list(mapping.items())
        self._proposal = proposal
        self._samples = {
            c: "; ".join(t for t in (cell_text(r.values.get(c)) for r in records[:3]) if t)
            for c in mapping
        }
        self.endResetModel()

    def set_field(self, column: str, fld: str) -> None:
        """Read a column as a field, as the worker chose outside the table (a question)."""
        self.beginResetModel()
        self._records = [
            (c, fld if c == column else ("extra" if f == fld else f)) for c, f in self._records
        ]
        self.endResetModel()

    def mapping(self) -> dict[str, str]:
        return dict(self._records)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == READ_AS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def role_data(self, mapped: Mapped, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.EditRole:
            return mapped[1] if column == READ_AS else None
        return None

    def setData(  # noqa: N802 - Qt override
        self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if (
            not index.isValid()
            or index.column() != READ_AS
            or role != Qt.ItemDataRole.EditRole
            or value not in FIELDS
        ):
            return False
        column, field = self._records[index.row()]
        if field == value:
            return False
        self._records[index.row()] = (column, str(value))
        self.dataChanged.emit(index, index)
        self.mapping_edited.emit()
        return True


def _field_label(mapped: Mapped) -> str:
    return FIELD_LABELS.get(mapped[1], mapped[1])


class FieldDelegate(QStyledItemDelegate):
    """A combo box of entry fields for the 'Read as' column."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,  # noqa: N802
        index: Index,
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Field this column is read as")
        for name in FIELDS:
            combo.addItem(FIELD_LABELS.get(name, name), name)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,  # noqa: N802
        index: Index,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def _cell_column(header: str, value: Callable[[SourceRecord], Any]) -> Column[SourceRecord]:
    """A column of the preview: the cell as text; sorted by its raw value where it has one."""

    def text(record: SourceRecord) -> str:
        return cell_text(value(record))

    def raw(record: SourceRecord) -> object:
        v = value(record)
        return v if isinstance(v, (int, float, str)) else cell_text(v)

    return Column(header, text, sort=raw, tooltip=text)


def _file_column(name: str) -> Column[SourceRecord]:
    return _cell_column(name, lambda record: record.values.get(name))


class PreviewModel(RecordTableModel[SourceRecord]):
    """The first records of a file, as the reader found them."""

    def set_records(self, columns: list[str], records: list[SourceRecord]) -> None:
        """The records, under these columns (those the records hold when none are given)."""
        self.beginResetModel()
        self._records = list(records)
        if not columns:
            seen: dict[str, None] = {}
            for record in records:
                seen.update(dict.fromkeys(record.values))
            columns = list(seen)
        self.columns = (
            _cell_column("Row", lambda record: record.row),
            *(_file_column(name) for name in columns),
        )
        self.endResetModel()


def _report_count(header: str, key: str) -> Column[FileReport]:
    def count(report: FileReport) -> object:
        return report.counts()[key]

    return Column(header, lambda r: thousands(count(r)), sort=count, align=RIGHT)


class ImportReportModel(RecordTableModel[FileReport]):
    """One row per file: what happened to its records, or why it could not be read."""

    columns = (
        Column("File", lambda r: r.file),
        _report_count("Records", "rows"),
        _report_count("Imported", "imported"),
        _report_count("Duplicates linked", "duplicates"),
        _report_count("Already imported", "already_imported"),
        _report_count("Quarantined", "quarantined"),
        Column("Problem", lambda r: r.error or "", tooltip=lambda r: r.error or None),
    )

    def set_reports(self, reports: list[FileReport]) -> None:
        self.replace_records(reports)
