"""Qt models of the second half: the risk register, lists of entries, and tick-lists of choices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from chronology.models import Entry
from chronology.workspace import Workspace
from gui.date_text import entry_date_label
from summary.case_summary import risk_items
from summary.dates import uk
from summary.model import RiskItem
from summary.risks import Risk, RiskStatus, list_risks

OBJECT_ROLE = Qt.ItemDataRole.UserRole  # the row's object (RiskRow, Entry)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value the column sorts by
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the risk or entry id
RED_BG, RED_FG = QColor("#B3261E"), QColor("#FFFFFF")
_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


@dataclass
class RiskRow:
    """One risk with what the summary says it needs now (review due, tripped by…)."""

    risk: Risk
    item: RiskItem

    @property
    def id(self) -> int:
        return self.risk.id or 0

    @property
    def closed(self) -> bool:
        return self.risk.status == RiskStatus.CLOSED

    def needs_review_text(self) -> str:
        """A short cell text: 'Overdue; 2 entries tripped it' ('' when nothing is needed)."""
        if self.closed or not self.item.needs_review:
            return ""
        parts = []
        if self.item.review_overdue:
            parts.append("Overdue")
        trips = len(self.item.tripped_by)
        if trips:
            parts.append(f"{trips} {'entry' if trips == 1 else 'entries'} tripped it")
        return "; ".join(parts) or "Review needed"


def load_risk_rows(ws: Workspace, case_id: int, today: dt.date) -> list[RiskRow]:
    """A case's risks in the summary's order: primary first, those needing review first."""
    risks = list_risks(ws, case_id)
    primary, others = risk_items(ws, risks, today)
    by_id = {r.id or 0: r for r in risks}
    return [RiskRow(by_id[i.id], i) for i in (*primary, *others)]


PRIMARY, TITLE, URGENCY, STATUS, LAST_REVIEW, REVIEW_DUE, NEEDS_REVIEW = range(7)
RISK_HEADERS = (
    "Primary",
    "Risk",
    "Urgency",
    "Status",
    "Last review",
    "Review due",
    "Needs review",
)


class RiskTableModel(QAbstractTableModel):
    """The case's risks: primary first; needs review in red with its reasons."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RiskRow] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[RiskRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[RiskRow]:
        return list(self._rows)

    def row_at(self, row: int) -> RiskRow:
        return self._rows[row]

    def row_of(self, risk_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == risk_id), -1)

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(RISK_HEADERS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(RISK_HEADERS)
        ):
            return RISK_HEADERS[section]
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
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(row, column)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == OBJECT_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        needs = bool(row.needs_review_text())
        if role == Qt.ItemDataRole.BackgroundRole and column == NEEDS_REVIEW and needs:
            return RED_BG
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == NEEDS_REVIEW and needs:
                return RED_FG
            if row.closed:
                return QGuiApplication.palette().color(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
        if role == Qt.ItemDataRole.FontRole and (
            (row.risk.primary and not row.closed) or (column == NEEDS_REVIEW and needs)
        ):
            return self._bold
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{RISK_HEADERS[column]}: {self._text(row, column) or 'none'}"
        return None

    @staticmethod
    def _text(row: RiskRow, column: int) -> str:
        item, risk = row.item, row.risk
        if column == PRIMARY:
            return "⚑ Yes" if risk.primary and not row.closed else ""
        if column == TITLE:
            return risk.title
        if column == URGENCY:
            return item.urgency_label.capitalize()
        if column == STATUS:
            if row.closed:
                return f"Closed: {risk.status_reason}" if risk.status_reason else "Closed"
            return risk.status.value.capitalize()
        if column == LAST_REVIEW:
            last = item.last_review
            return f"{uk(last.date)} by {last.by}" if last else "Never reviewed"
        if column == REVIEW_DUE:
            return "" if row.closed else uk(item.review_due)
        return row.needs_review_text()

    @staticmethod
    def _tip(row: RiskRow, column: int) -> str:
        if column == NEEDS_REVIEW and row.item.review_reasons:
            return "\n".join(f"• {r}" for r in row.item.review_reasons)
        if column == LAST_REVIEW and row.item.last_review and row.item.last_review.note:
            return row.item.last_review.note
        if column == STATUS and row.closed:
            return row.risk.status_reason
        if column == TITLE and row.risk.category:
            return f"{row.item.statement}\n({row.risk.category})"
        return row.item.statement

    @staticmethod
    def _sort_value(row: RiskRow, column: int) -> object:
        item, risk = row.item, row.risk
        values: tuple[object, ...] = (
            int(risk.primary and not row.closed),
            risk.title.casefold(),
            0 if risk.urgency.value == "urgent" else 1,
            risk.status.value,
            item.last_review.date if item.last_review else "",
            item.review_due,
            int(item.needs_review and not row.closed),
        )
        return values[column]


DATE, AGENCY, TYPE, SUMMARY = range(4)
ENTRY_HEADERS = ("Date", "Agency", "Type", "Summary")


class EntryListModel(QAbstractTableModel):
    """A short list of entries (a risk's evidence, search results): date, agency, type, summary."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def add(self, entry: Entry) -> bool:
        """Append an entry unless it is already listed."""
        if any(e.id == entry.id for e in self._entries):
            return False
        n = len(self._entries)
        self.beginInsertRows(QModelIndex(), n, n)
        self._entries.append(entry)
        self.endInsertRows()
        return True

    def entry_at(self, row: int) -> Entry:
        return self._entries[row]

    def ids(self) -> list[int]:
        return [e.id or 0 for e in self._entries]

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(ENTRY_HEADERS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(ENTRY_HEADERS)
        ):
            return ENTRY_HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._entries):
            return None
        e = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (entry_date_label(e), e.agency, e.type.value.capitalize(), e.summary)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return e.text or e.summary
        if role == SORT_ROLE:
            return ((e.date, e.time or ""), e.agency, e.type.value, e.summary)[column]
        if role == OBJECT_ROLE:
            return e
        if role == ID_ROLE:
            return e.id
        return None


class CheckListModel(QAbstractListModel):
    """Choices the user ticks (entry types, agencies, significance); none ticked means all."""

    def __init__(self, choices: list[tuple[str, str]] | None = None, parent: object | None = None):
        super().__init__(parent)
        self._choices: list[tuple[str, str]] = []
        self._checked: set[str] = set()
        self.set_choices(choices or [])

    def set_choices(self, choices: list[tuple[str, str]], checked: list[str] | None = None) -> None:
        """(value, label) pairs, and the values ticked to begin with."""
        self.beginResetModel()
        self._choices = list(choices)
        known = {v for v, _ in self._choices}
        self._checked = {v for v in (checked or []) if v in known}
        self.endResetModel()

    def checked(self) -> list[str]:
        """The ticked values, in the list's order."""
        return [v for v, _ in self._choices if v in self._checked]

    def set_checked(self, values: list[str]) -> None:
        known = {v for v, _ in self._choices}
        self._checked = {v for v in values if v in known}
        if self._choices:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._choices) - 1), [Qt.ItemDataRole.CheckStateRole]
            )

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._choices)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._choices):
            return None
        value, label = self._choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if value in self._checked else Qt.CheckState.Unchecked
        if role in (OBJECT_ROLE, SORT_ROLE):
            return value
        return None

    def setData(  # noqa: N802 - Qt override
        self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        key = self._choices[index.row()][0]
        state = value.value if isinstance(value, Qt.CheckState) else value
        if state == Qt.CheckState.Checked.value:
            self._checked.add(key)
        else:
            self._checked.discard(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
