"""The cases of the workspace, on the left: child, reference and a red/amber/green status."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from chronology.cases import list_cases
from chronology.models import Case
from chronology.workspace import Workspace
from gui.common.table_model import Column, RecordTableModel
from gui.common.table_view import record_table

CHILD, REFERENCE, STATUS = range(3)
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


class CasesTableModel(RecordTableModel[Case]):
    """Every case of the workspace; statuses arrive later from the summary (worker thread)."""

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._status: dict[str, str] = {}
        self._reasons: dict[str, str] = {}
        self._icons = {name: _dot(colour) for name, colour in STATUS_COLOURS.items()}
        self.columns = (
            Column(
                "Child",
                lambda c: c.child_names or "(no child named)",
                sort=lambda c: c.child_names,
                tooltip=self._tip,
            ),
            Column("Reference", lambda c: c.ref, tooltip=self._tip),
            Column(  # a coloured dot: the words are in its tooltip and for screen readers
                "",
                lambda c: "",
                sort=lambda c: STATUS_RANK[self.status(c.ref)],
                tooltip=self._tip,
            ),
        )

    def set_workspace(self, ws: Workspace) -> None:
        self._ws = ws
        self._status.clear()
        self._reasons.clear()
        self.reload()

    def reload(self) -> None:
        self.replace_records(list_cases(self._ws))

    def cases(self) -> list[Case]:
        return self.records()

    def row_of(self, ref: str) -> int:
        return self.find_row(lambda c: c.ref == ref)

    def case_at(self, row: int) -> Case:
        return self.record_at(row)

    def case_changed(self, case: Case) -> None:
        """Show a case's new details (a child's name corrected) without reloading the list."""
        row = self.row_of(case.ref)
        if row >= 0:
            self._records[row] = case
            self.row_changed(row)

    def set_status(self, ref: str, level: str, reason: str = "") -> None:
        """Show a case's red/amber/green status (from the summary's alerts)."""
        self._status[ref] = level
        self._reasons[ref] = reason
        row = self.row_of(ref)
        if row >= 0:
            self.row_changed(row)

    def status(self, ref: str) -> str:
        return self._status.get(ref, "")

    def _tip(self, case: Case) -> str:
        reason = self._reasons.get(case.ref, "")
        return f"{case.ref}: {_STATUS_TEXT[self.status(case.ref)]}" + (
            f"\n{reason}" if reason else ""
        )

    def role_data(self, case: Case, column: int, role: int) -> object:
        level = self.status(case.ref)
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS and level:
            return self._icons[level]
        if role == Qt.ItemDataRole.AccessibleTextRole and column == STATUS:
            return f"Status: {_STATUS_TEXT[level]}"
        return None


class CaseListPanel(QWidget):
    """The case list; selecting a row opens that case."""

    case_selected = Signal(object)  # Case or None
    new_case_requested = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CasesTableModel(ws, self)
        self._build_ui()
        self._connect()
        self._show_empty_hint()

    def _build_ui(self) -> None:
        self.table = record_table(self.model, "Cases", wrap=False)
        self.table.setObjectName("casesTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(CHILD, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(REFERENCE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(REFERENCE, 100)
        self.table.viewport().installEventFilter(self)  # the reference fits the pane's width
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(STATUS, 26)
        header.setMinimumSectionSize(26)
        # What a new user sees in an empty workspace: where to begin.
        self.empty_hint = QLabel(
            "No cases in this workspace yet.\n\nAdd the child's case, then import the "
            "agencies' files (Ctrl+I) to build one chronology."
        )
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAccessibleName("No cases yet")
        self.add_button = QPushButton("New case…")
        self.add_button.setAccessibleName("Add a case")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.add_button)

    def _connect(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._selection)
        self.add_button.clicked.connect(self.new_case_requested)
        self.model.modelReset.connect(self._show_empty_hint)
        self.model.modelReset.connect(self.fit_columns)
        self.model.rowsInserted.connect(self._show_empty_hint)
        self.model.rowsRemoved.connect(self._show_empty_hint)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        """The whole reference when the pane has room; else what is left after the child's name."""
        table = self.table
        room = table.viewport().width() - table.columnWidth(STATUS)
        wanted = max(table.sizeHintForColumn(REFERENCE), 60)
        name = table.sizeHintForColumn(CHILD)
        table.setColumnWidth(REFERENCE, min(wanted, max(room - name, room * 2 // 5)))

    def _show_empty_hint(self) -> None:
        self.empty_hint.setVisible(self.model.rowCount() == 0)

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
