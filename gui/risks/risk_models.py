"""Qt models of the second half: the risk register, lists of entries, and tick-lists of choices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from chronology.models import Entry
from chronology.workspace import Workspace
from gui.common.date_text import entry_date_label
from gui.common.table_model import OBJECT_ROLE, SORT_ROLE, Column, RecordTableModel
from summary.case_summary import risk_items
from summary.dates import uk
from summary.model import RiskItem
from summary.risks import Risk, RiskStatus, list_risks

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


def _statement(row: RiskRow) -> str:
    return row.item.statement


def _title_tip(row: RiskRow) -> str:
    if row.risk.category:
        return f"{row.item.statement}\n({row.risk.category})"
    return row.item.statement


def _status(row: RiskRow) -> str:
    if row.closed:
        return f"Closed: {row.risk.status_reason}" if row.risk.status_reason else "Closed"
    return row.risk.status.value.capitalize()


def _last_review(row: RiskRow) -> str:
    last = row.item.last_review
    return f"{uk(last.date)} by {last.by}" if last else "Never reviewed"


def _last_review_tip(row: RiskRow) -> str:
    last = row.item.last_review
    return last.note if last and last.note else row.item.statement


def _needs_review_tip(row: RiskRow) -> str:
    if row.item.review_reasons:
        return "\n".join(f"• {r}" for r in row.item.review_reasons)
    return row.item.statement


RISK_COLUMNS: tuple[Column[RiskRow], ...] = (
    Column(
        "Primary",
        lambda r: "⚑ Yes" if r.risk.primary and not r.closed else "",
        sort=lambda r: int(r.risk.primary and not r.closed),
        tooltip=_statement,
    ),
    Column(
        "Risk", lambda r: r.risk.title, sort=lambda r: r.risk.title.casefold(), tooltip=_title_tip
    ),
    Column(
        "Urgency",
        lambda r: r.item.urgency_label.capitalize(),
        sort=lambda r: 0 if r.risk.urgency.value == "urgent" else 1,
        tooltip=_statement,
    ),
    Column(
        "Status",
        _status,
        sort=lambda r: r.risk.status.value,
        tooltip=lambda r: r.risk.status_reason if r.closed else r.item.statement,
    ),
    Column(
        "Last review",
        _last_review,
        sort=lambda r: r.item.last_review.date if r.item.last_review else "",
        tooltip=_last_review_tip,
    ),
    Column(
        "Review due",
        lambda r: "" if r.closed else uk(r.item.review_due),
        sort=lambda r: r.item.review_due,
        tooltip=_statement,
    ),
    Column(
        "Needs review",
        RiskRow.needs_review_text,
        sort=lambda r: int(r.item.needs_review and not r.closed),
        tooltip=_needs_review_tip,
    ),
)


class RiskTableModel(RecordTableModel[RiskRow]):
    """The case's risks: primary first; needs review in red with its reasons."""

    columns = RISK_COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[RiskRow]) -> None:
        self.replace_records(rows)

    def rows(self) -> list[RiskRow]:
        return self.records()

    def row_at(self, row: int) -> RiskRow:
        return self.record_at(row)

    def row_of(self, risk_id: int) -> int:
        return self.find_row(lambda r: r.id == risk_id)

    def role_data(self, row: RiskRow, column: int, role: int) -> object:
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
            spec = self.columns[column]
            return f"{spec.header}: {spec.display(row) or 'none'}"
        return None


DATE, AGENCY, TYPE, SUMMARY = range(4)


def _entry_tip(e: Entry) -> str:
    return e.text or e.summary


ENTRY_COLUMNS: tuple[Column[Entry], ...] = (
    Column("Date", entry_date_label, sort=lambda e: (e.date, e.time or ""), tooltip=_entry_tip),
    Column("Agency", lambda e: e.agency, tooltip=_entry_tip),
    Column(
        "Type", lambda e: e.type.value.capitalize(), sort=lambda e: e.type.value, tooltip=_entry_tip
    ),
    Column("Summary", lambda e: e.summary, tooltip=_entry_tip),
)


class EntryListModel(RecordTableModel[Entry]):
    """A short list of entries (a risk's evidence, search results): date, agency, type, summary."""

    columns = ENTRY_COLUMNS

    def set_entries(self, entries: list[Entry]) -> None:
        self.replace_records(entries)

    def add(self, entry: Entry) -> bool:
        """Append an entry unless it is already listed."""
        if self.find_row(lambda e: e.id == entry.id) >= 0:
            return False
        self.append_record(entry)
        return True

    def entry_at(self, row: int) -> Entry:
        return self.record_at(row)

    def ids(self) -> list[int]:
        return [e.id or 0 for e in self._records]

    def role_data(self, entry: Entry, column: int, role: int) -> object:
        return entry.id if role == ID_ROLE else None


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
