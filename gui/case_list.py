"""The cases of the workspace, on the left: child, reference and a red/amber/green status."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from chronology.cases import list_cases
from chronology.models import Case
from chronology.workspace import Workspace

OBJECT_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CHILD, REFERENCE, STATUS = range(3)
HEADERS = ("Child", "Reference", "Status")
STATUS_COLOURS = {"red": "#C62828", "amber": "#E69F00", "green": "#2E7D32"}
STATUS_RANK = {"red": 0, "amber": 1, "green": 2, "": 3}
_STATUS_TEXT = {"red": "Red", "amber": "Amber", "green": "Green", "": "…"}


def _dot(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(0, 0, size, size)
    painter.end()
    return QIcon(pixmap)


class CasesTableModel(QAbstractTableModel):
    """Every case of the workspace; statuses arrive later from the summary (worker thread)."""

    def __init__(self, ws: Workspace, parent: object | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._cases: list[Case] = []
        self._status: dict[str, str] = {}
        self._reasons: dict[str, str] = {}
        self._icons = {name: _dot(colour) for name, colour in STATUS_COLOURS.items()}

    def set_workspace(self, ws: Workspace) -> None:
        self._ws = ws
        self._status.clear()
        self._reasons.clear()
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._cases = list_cases(self._ws)
        self.endResetModel()

    def cases(self) -> list[Case]:
        return list(self._cases)

    def row_of(self, ref: str) -> int:
        return next((n for n, c in enumerate(self._cases) if c.ref == ref), -1)

    def case_at(self, row: int) -> Case:
        return self._cases[row]

    def set_status(self, ref: str, level: str, reason: str = "") -> None:
        """Show a case's red/amber/green status (from the summary's alerts)."""
        self._status[ref] = level
        self._reasons[ref] = reason
        row = self.row_of(ref)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def status(self, ref: str) -> str:
        return self._status.get(ref, "")

    # ------------------------------------------------------------ Qt interface
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cases)

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
        if not index.isValid() or index.row() >= len(self._cases):
            return None
        case = self._cases[index.row()]
        column = index.column()
        level = self._status.get(case.ref, "")
        if role == Qt.ItemDataRole.DisplayRole:
            if column == CHILD:
                return case.child_names or "(no child named)"
            if column == REFERENCE:
                return case.ref
            return _STATUS_TEXT[level]
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS and level:
            return self._icons[level]
        if role == Qt.ItemDataRole.ToolTipRole:
            reason = self._reasons.get(case.ref, "")
            return f"{case.ref}: {_STATUS_TEXT[level]}" + (f"\n{reason}" if reason else "")
        if role == OBJECT_ROLE:
            return case
        if role == SORT_ROLE:
            if column == STATUS:
                return STATUS_RANK[level]
            return case.child_names if column == CHILD else case.ref
        return None


class CaseListPanel(QWidget):
    """The case list; selecting a row opens that case."""

    case_selected = Signal(object)  # Case or None

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CasesTableModel(ws, self)
        self._build_ui()
        self._connect()

    def _build_ui(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("casesTable")
        self.table.setAccessibleName("Cases")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(CHILD, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(REFERENCE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)

    def _connect(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._selection)

    def _selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.case_selected.emit(self.model.case_at(rows[0].row()) if rows else None)

    def current_case(self) -> Case | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.case_at(rows[0].row()) if rows else None

    def select_case(self, ref: str) -> bool:
        row = self.model.row_of(ref)
        if row < 0:
            return False
        self.table.selectRow(row)
        return True

    def reload(self, keep_ref: str | None = None) -> None:
        self.model.reload()
        if keep_ref:
            self.select_case(keep_ref)
