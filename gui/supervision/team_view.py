"""The team view: every case of the open workspace (and any others added), worst first; a case
opens from it, and it is written as a team audit report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chronology.workspace import UK
from gui.common.errors import show_error, show_info
from gui.common.table_view import record_table
from gui.common.workers import start
from gui.supervision.models import OBJECT_ROLE, SORT_ROLE, TeamModel
from gui.supervision.workers import TeamAuditWorker, TeamReportWorker
from summary.audit_model import CaseAudit

WORKSPACE_FILTER = "Throughline workspaces (*.db *.throughline);;All files (*)"


class TeamHost(Protocol):
    """What the team view needs of the window (the main window is one)."""

    workspace_path: Path | None

    def open_case_from_team(self, workspace: Path, case_ref: str) -> None: ...


class TeamView(QDialog):
    """Every case in one table, sortable by any column, the worst first to begin with."""

    loaded = Signal(int)  # the number of cases shown
    report_written = Signal(object)  # the report's path

    def __init__(self, host: TeamHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.paths: list[Path] = [host.workspace_path] if host.workspace_path else []
        self._busy = 0
        self._build_ui()
        self._connect()
        self.refresh()

    def _build_ui(self) -> None:
        self.setWindowTitle("Team view")
        self.resize(1100, 620)
        self.model = TeamModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = record_table(self.proxy, "Cases of the team")
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.add_button = QPushButton("&Add workspace…")
        self.open_button = QPushButton("&Open case")
        self.report_button = QPushButton("&Export report…")
        self.close_button = QPushButton("&Close")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.report_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add_workspace)
        self.open_button.clicked.connect(self.open_selected)
        self.report_button.clicked.connect(self.export_report)
        self.close_button.clicked.connect(self.accept)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    def _update_buttons(self) -> None:
        idle = self._busy == 0
        self.open_button.setEnabled(idle and self.selected() is not None)
        self.report_button.setEnabled(idle and self.model.rowCount() > 0)
        self.add_button.setEnabled(idle)

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        if not self.paths:
            self.note.setText("Open a workspace first.")
            return
        self._busy += 1
        self.note.setText(f"Working out the checklist of every case in {self._names()}…")
        worker = TeamAuditWorker(self.paths, dt.datetime.now(UK).date())
        worker.signals.result.connect(self._loaded)
        worker.signals.error.connect(self._failed)
        start(worker)
        self._update_buttons()

    def _names(self) -> str:
        return ", ".join(p.name for p in self.paths)

    def _loaded(self, audits: object) -> None:
        self._busy -= 1
        rows = list(audits) if isinstance(audits, list) else []
        self.model.replace_records(rows)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the worst first
        self.table.resizeColumnsToContents()
        red = sum(1 for a in rows if a.level == "red")
        self.note.setText(
            f"{len(rows)} cases in {self._names()}, {red} red. Worst first; click a heading to "
            "sort by it. Enter or double-click opens a case."
        )
        if rows:
            self.table.selectRow(0)
        self._update_buttons()
        self.loaded.emit(len(rows))

    def _failed(self, message: str) -> None:
        self._busy -= 1
        self.note.setText(message)
        self._update_buttons()

    def add_workspace(self) -> None:
        start_dir = str(self.paths[0].parent) if self.paths else ""
        name, _ = QFileDialog.getOpenFileName(
            self, "Add a workspace to the team view", start_dir, WORKSPACE_FILTER
        )
        if not name:
            return
        path = Path(name)
        if path in self.paths:
            return
        self.paths.append(path)
        self.refresh()

    # ------------------------------------------------------------------ actions
    def selected(self) -> CaseAudit | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(OBJECT_ROLE) if rows else None

    def _activated(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.open_selected()

    def open_selected(self) -> None:
        audit = self.selected()
        if audit is None:
            return
        self.host.open_case_from_team(Path(audit.workspace), audit.case_ref)
        self.accept()

    def export_report(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Team audit report", "team-audit.pdf", "PDF (*.pdf);;Word (*.docx)"
        )
        if not name:
            return
        output = Path(name)
        if output.suffix.lower() not in (".pdf", ".docx"):
            output = output.with_suffix(".pdf")
        self._busy += 1
        self._update_buttons()
        worker = TeamReportWorker(self.paths, output, dt.datetime.now(UK).date())
        worker.signals.result.connect(self._written)
        worker.signals.error.connect(self._report_failed)
        start(worker)

    def _written(self, report: object) -> None:
        self._busy -= 1
        self._update_buttons()
        path = getattr(report, "path", None)
        show_info(self, "Team audit report written", f"The team audit report is in {path}.")
        self.report_written.emit(path)

    def _report_failed(self, message: str) -> None:
        self._busy -= 1
        self._update_buttons()
        show_error(self, "Team audit report not written", message)


def open_team_view(host: TeamHost, parent: QWidget) -> TeamView:
    """Show the team view (modal)."""
    view = TeamView(host, parent)
    view.exec()
    return view
