"""Qt models of a supervision: the checklist (items with their evidence beneath), decisions,
actions, and the team's cases."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from gui.common.table_model import OBJECT_ROLE, SORT_ROLE, Column, RecordTableModel
from summary.audit_model import AuditItem, CaseAudit, Finding
from summary.dates import uk
from summary.supervision import Action, Decision
from summary.team import items_at, severity

Index = QModelIndex | QPersistentModelIndex
ENTRIES_ROLE = Qt.ItemDataRole.UserRole + 2  # the entry ids a row points at
LEVEL_COLOURS = {"red": QColor("#b3261e"), "amber": QColor("#9a5b00"), "green": QColor("#1e6b32")}
_NO_PARENT = QModelIndex()


class ChecklistModel(QAbstractItemModel):
    """Two levels: the checklist's items (title, colour), and each item's findings beneath."""

    HEADERS = ("Item / evidence", "Status")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[AuditItem] = []

    def set_items(self, items: list[AuditItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[AuditItem]:
        return list(self._items)

    def finding(self, index: Index) -> Finding | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._items[index.internalId() - 1].findings[index.row()]

    # ------------------------------------------------------------ Qt interface
    def index(self, row: int, column: int, parent: Index = _NO_PARENT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = _NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = _NO_PARENT) -> int:  # noqa: N802 - Qt override
        if not parent.isValid():
            return len(self._items)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._items[parent.row()].findings)
        return 0

    def columnCount(self, parent: Index = _NO_PARENT) -> int:  # noqa: N802 - Qt override
        return len(self.HEADERS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        top = index.internalId() == 0
        item = self._items[index.row() if top else index.internalId() - 1]
        finding = None if top else item.findings[index.row()]
        level = item.level if top else finding.level  # type: ignore[union-attr]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 1:
                return level.upper()
            return item.title if top else finding.text.strip()  # type: ignore[union-attr]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            return LEVEL_COLOURS.get(level)
        if role == Qt.ItemDataRole.ToolTipRole and not top and finding is not None:
            hint = "\n(Enter or double-click shows the entries)" if finding.entry_ids else ""
            return finding.text.strip() + hint
        if role == ENTRIES_ROLE:
            return list(finding.entry_ids) if finding else []
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{level}: {item.title if top else finding.text}"  # type: ignore[union-attr]
        return None


class DecisionsModel(RecordTableModel[Decision]):
    columns = (
        Column("No.", lambda d: d.id),
        Column("Decision", lambda d: d.text),
        Column("Rationale", lambda d: d.rationale or "—"),
    )


def _progress(a: Action) -> str:
    latest = a.status_on()
    if latest is None:
        return "open"
    return f"{'done' if latest.status == 'done' else 'reopened'} {uk(latest.on_date)}"


class ActionsModel(RecordTableModel[Action]):
    columns = (
        Column("No.", lambda a: a.id),
        Column("Action", lambda a: a.text),
        Column("Owner", lambda a: a.owner),
        Column("Due", lambda a: uk(a.due), sort=lambda a: a.due),
        Column("Progress", _progress),
    )


def _level_text(a: CaseAudit) -> str:
    return a.level.upper()


def _worst_score(a: CaseAudit) -> int:
    """One number that sorts the worst case highest: its colour, then red, then amber items."""
    level, red, amber = severity(a)
    return level * 1_000_000 + red * 1_000 + amber


class TeamModel(RecordTableModel[CaseAudit]):
    """One row a case; the Overall column sorts worst first (colour, then red and amber counts)."""

    columns = (
        Column(
            "Overall",
            _level_text,
            sort=lambda a: _worst_score(a),
            foreground=lambda a: LEVEL_COLOURS.get(a.level),
        ),
        Column("Red", lambda a: a.counts()["red"]),
        Column("Amber", lambda a: a.counts()["amber"]),
        Column("Case", lambda a: a.case_ref, sort=lambda a: a.case_ref.casefold()),
        Column("Child", lambda a: a.child),
        Column("Worker", lambda a: a.worker or "—"),
        Column("Workspace", lambda a: Path(a.workspace).name if a.workspace else ""),
        Column("Red items", lambda a: ", ".join(items_at(a, "red", short=True)) or "—"),
    )


__all__ = [
    "ENTRIES_ROLE",
    "OBJECT_ROLE",
    "SORT_ROLE",
    "ActionsModel",
    "ChecklistModel",
    "DecisionsModel",
    "TeamModel",
]
