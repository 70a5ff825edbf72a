"""The main window: cases on the left, the chronology in the middle, the summary on the right."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QShowEvent,
    QUndoGroup,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from chronology.counts import COUNT_EXPLAINED
from chronology.models import Case, Child
from chronology.workspace import PassphraseNeeded, Workspace, WorkspaceError
from gui.chronology.chronology_panel import ChronologyPanel
from gui.common.errors import offer_backup, show_error, show_info
from gui.common.workers import CaseStatusWorker, start
from gui.shell import extensions
from gui.shell.actions import build_actions
from gui.shell.case_list import CaseListPanel
from gui.shell.panes import Pane, PaneCycle
from gui.shell.passphrase_dialog import PassphraseDialog, open_asking
from gui.shell.settings import Settings
from gui.summary.summary_area import SummaryArea

log = logging.getLogger(__name__)
T = TypeVar("T")
BACKUP_DELAY_MS = 5_000  # after the case has opened and painted
OPEN_CASE_DELAY_MS = 30  # lets the window paint before a large case is read
CASES_MIN_WIDTH = 200  # with the summary's, leaves the chronology room on a 1366-pixel screen
SUMMARY_MIN_WIDTH = 300
WORKSPACE_FILTER = "Throughline workspaces (*.db *.throughline);;All files (*)"


class MainWindow(QMainWindow):
    """One open workspace; one open case at a time, with its own undo stack."""

    case_loaded = Signal(int)  # case id: chronology shown and summary filled
    entries_changed = Signal()  # the open case's entries changed (edit, import, fix, undo)
    workspace_changed = Signal(object)  # Path

    view_menu: QMenu
    toolbar: QToolBar

    def __init__(self, ws: Workspace, settings: Settings) -> None:
        super().__init__()
        self.workspace = ws
        self.workspace_path: Path | None = ws.path
        self.settings = settings
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        self.current_case: Case | None = None
        self._status_worker: CaseStatusWorker | None = None
        self._statuses_due = False
        self._build_ui()
        self._connect()
        self._restore_layout()
        self._load_workspace()
        if ws.warnings:  # a synced folder, a network share: said once the window shows
            QTimer.singleShot(0, lambda: self._say_warnings(ws))

    def _say_warnings(self, ws: Workspace) -> None:
        for warning in ws.warnings:
            show_info(self, "Where this workspace is kept", warning)

    # ------------------------------------------------------------------ layout
    def _build_ui(self) -> None:
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self._fit_screen(1600, 1000)
        # The side panes run the full height; a pane at the bottom sits under the chronology.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.chronology = ChronologyPanel(self.workspace)
        # The case's supervision sits beside its chronology; the tab is built when first shown.
        self.supervision_tab = QWidget()
        self.supervision_tab.setObjectName("supervisionTab")
        QVBoxLayout(self.supervision_tab).setContentsMargins(0, 0, 0, 0)
        self.supervision: object | None = None
        self.central_tabs = QTabWidget()
        self.central_tabs.setObjectName("caseTabs")
        self.central_tabs.setDocumentMode(True)
        self.central_tabs.addTab(self.chronology, "Chrono&logy")
        self.central_tabs.addTab(self.supervision_tab, "&Supervision")
        self.setCentralWidget(self.central_tabs)
        self.cases = CaseListPanel(self.workspace)
        self.cases_dock = self._dock(
            "Cases", "casesDock", self.cases, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.summary_area = SummaryArea(self.workspace_path)
        self.summary_dock = self._dock(
            "Summary", "summaryDock", self.summary_area, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.cases.setMinimumWidth(CASES_MIN_WIDTH)
        self.summary_area.setMinimumWidth(SUMMARY_MIN_WIDTH)
        self.quarantine_dock: QDockWidget | None = None
        self.actions_ = build_actions(self, self)
        self.view_menu = self.actions_.view_menu
        self.toolbar = self.actions_.toolbar
        self.view_menu.addAction(self.cases_dock.toggleViewAction())
        self.view_menu.addAction(self.summary_dock.toggleViewAction())
        self.view_menu.addAction(self.toolbar.toggleViewAction())
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Entries shown")
        self.workspace_label = QLabel()
        self.read_only_label = QLabel()
        self.read_only_label.setObjectName("readOnlyNotice")
        self.read_only_label.setStyleSheet("color: #b3261e; font-weight: bold")
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.read_only_label)
        self.statusBar().addPermanentWidget(self.workspace_label)
        self.panes = self._pane_cycle()
        # The search box has the keys when the window opens (not the tabs above the chronology).
        self.chronology.filter_bar.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._panes_sized:  # first run: share the width the window really has
            self._panes_sized = True
            self.size_panes()

    def size_panes(self) -> None:
        """The cases a sixth of the width, the summary two sevenths, the chronology the rest."""
        width = self.width()
        self.resizeDocks(
            [self.cases_dock, self.summary_dock],
            [max(CASES_MIN_WIDTH, width // 6), max(SUMMARY_MIN_WIDTH, width * 2 // 7)],
            Qt.Orientation.Horizontal,
        )

    def _fit_screen(self, width: int, height: int) -> None:
        """Open at a comfortable size, never larger than the screen (a laptop's 1366×768)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and screen.width() > 0:
            width, height = min(width, screen.width()), min(height, screen.height())
        self.resize(width, height)

    def _pane_cycle(self) -> PaneCycle:
        """F6 order: cases, the chronology and its entry (or supervision), summary, quarantine."""
        c = self.chronology
        return PaneCycle(
            [
                Pane("cases", lambda: self.cases_dock, lambda: self.cases.table),
                Pane("chronology", lambda: c, lambda: c.table),
                Pane("entry", lambda: c.detail, lambda: c.detail.browser),
                Pane(
                    "supervision",
                    lambda: self.supervision_tab,
                    lambda: self.supervision.records if self.supervision else None,  # type: ignore[attr-defined]
                ),
                Pane("summary", lambda: self.summary_dock, self.summary_area.focus_target),
                Pane(
                    "quarantine",
                    lambda: self.quarantine_dock,
                    lambda: self.quarantine.table if self.quarantine_dock else None,
                ),
            ]
        )

    def next_pane(self) -> None:
        self.panes.step(True)

    def previous_pane(self) -> None:
        self.panes.step(False)

    def _dock(self, title: str, name: str, widget: object, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        self.cases.case_selected.connect(self.open_case)
        self.cases.new_case_requested.connect(self.new_case)
        self.chronology.counts_changed.connect(self._show_counts)
        self.chronology.edit_requested.connect(self.edit_entry)
        self.chronology.import_requested.connect(self.import_files)
        self.summary_area.loaded.connect(self._summary_loaded)
        self.summary_area.entries_requested.connect(self.show_entries)
        self.actions_.recent_menu.aboutToShow.connect(self._fill_recent)
        self.entries_changed.connect(self.summary_area.refresh)
        self.central_tabs.currentChanged.connect(self._tab_changed)

    def _restore_layout(self) -> None:
        if (geometry := self.settings.geometry) is not None:
            self.restoreGeometry(geometry)
        self._panes_sized = False
        if (state := self.settings.window_state) is not None:
            self._panes_sized = self.restoreState(state)
        if (splitter := self.settings.view_state("chronology_splitter")) is not None:
            self.chronology.splitter.restoreState(splitter)
        if (columns := self.settings.view_state("chronology_columns")) is not None:
            self.chronology.restore_columns(columns)

    # -------------------------------------------------------------- workspace
    @property
    def undo_stack(self) -> QUndoStack | None:
        return self.undo_group.activeStack()

    def _load_workspace(self) -> None:
        path = self.workspace_path
        self.setWindowTitle(f"Throughline — {path.name if path else 'workspace'}")
        self.workspace_label.setText(str(path) if path else "")
        self.cases.model.set_workspace(self.workspace)
        self.chronology.set_workspace(self.workspace)
        self.summary_area.set_workspace_path(path)
        self._show_integrity()
        if path is not None:
            self.settings.add_recent_workspace(path)
        self._update_actions()
        # The window shows first; the case (100,000 entries perhaps) opens just after, and the
        # other cases' statuses are worked out once it has loaded (threads share the GIL).
        self._statuses_due = True
        QTimer.singleShot(OPEN_CASE_DELAY_MS, self._open_first_case)
        if path is not None:  # a copy a day, so a damaged file can be restored from yesterday
            QTimer.singleShot(BACKUP_DELAY_MS, lambda: self._take_daily_backup(path))

    def _show_integrity(self) -> None:
        """Say so, plainly, when the workspace was changed outside Throughline."""
        report = self.workspace.integrity
        if report is None or report.ok:
            self.read_only_label.setText("")
            return
        self.read_only_label.setText("READ-ONLY: changed outside Throughline")
        self.read_only_label.setToolTip("\n".join(p.line() for p in report.problems[:20]))
        lines = "\n".join(f"• {p.line()}" for p in report.problems[:8])
        more = f"\n…and {len(report.problems) - 8} more" if len(report.problems) > 8 else ""
        QTimer.singleShot(
            0,
            lambda: show_error(
                self,
                "Workspace changed outside Throughline",
                "This workspace has been changed outside Throughline since it was last "
                f"checked:\n\n{lines}{more}\n\nIt is open read-only, so that you can look "
                "but nothing can be changed.",
                "Restore a backup (File › Open workspace, then the backups folder), or ask "
                "whoever looks after the team's records.",
            ),
        )

    def _take_daily_backup(self, path: Path) -> None:
        from gui.common.workers import BackupWorker, start

        if path == self.workspace_path:
            start(BackupWorker(path))

    def _open_first_case(self) -> None:
        if self.current_case is not None:
            return
        cases = self.cases.model.cases()
        last = self.settings.last_case_ref
        if cases and not (last and self.cases.select_case(last)):
            self.cases.select_case(cases[0].ref)
        if not cases:
            self._refresh_statuses()

    def switch_workspace(self, path: Path, *, create: bool = False) -> bool:
        """Open another workspace in this window (its passphrase asked for if it is encrypted;
        a backup offered if it is damaged)."""
        try:
            ws = open_asking(path, self, create=create)
        except PassphraseNeeded:
            return False  # the user cancelled the passphrase
        except WorkspaceError as exc:
            if not offer_backup(self, path, str(exc)):
                return False
            try:
                ws = open_asking(path, self)
            except WorkspaceError as again:
                show_error(self, "Workspace cannot be opened", str(again))
                return False
        self._show_workspace(ws)
        return True

    def _show_workspace(self, ws: Workspace) -> None:
        old = self.workspace
        self.undo_group_clear()
        self.current_case = None
        self.workspace = ws
        self.workspace_path = ws.path
        self._load_workspace()
        if old is not ws:
            old.close()
        self.workspace_changed.emit(ws.path)
        self._say_warnings(ws)

    # ------------------------------------------------------------- encryption
    def encrypt_workspace(self) -> None:
        """File › Encrypt workspace…: the workspace and its backups, under a new passphrase."""
        from chronology.encryption import encrypt_workspace

        path = self.workspace_path
        if path is None or self.workspace.encrypted:
            return
        dialog = PassphraseDialog(path, "new", self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        passphrase = dialog.value()
        report = self._with_workspace_closed(path, lambda: encrypt_workspace(path, passphrase))
        if report is None:
            return
        show_info(
            self,
            "Workspace encrypted",
            f"“{path.name}” is now encrypted, and {report.backups} backup(s) with it. Keep the "
            "passphrase safe: Throughline asks for it each time the workspace opens.",
        )

    def change_passphrase(self) -> None:
        """File › Change passphrase…: re-encrypt the workspace and its backups."""
        from chronology.encryption import rekey_workspace

        path = self.workspace_path
        if path is None or not self.workspace.encrypted:
            return
        dialog = PassphraseDialog(path, "change", self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        old, new = dialog.current_value(), dialog.value()
        report = self._with_workspace_closed(path, lambda: rekey_workspace(path, old, new))
        if report is not None:
            show_info(
                self,
                "Passphrase changed",
                f"“{path.name}” and {report.backups} backup(s) now open with the new passphrase.",
            )

    def _with_workspace_closed(self, path: Path, change: Callable[[], T]) -> T | None:
        """Run ``change`` on the workspace file with no connection open on it, then reopen it.

        Background work finishes first; if the change is refused, the workspace reopens as it
        was and the reason is shown.
        """
        QThreadPool.globalInstance().waitForDone(30_000)
        self.workspace.close()
        result: T | None = None
        try:
            result = change()
        except (WorkspaceError, ValueError, OSError, sqlite3.Error) as exc:
            log.warning("encryption change refused: %s", type(exc).__name__)
            show_error(self, "Workspace not changed", str(exc), "The workspace is as it was.")
        try:
            ws = Workspace.open(path, create=False)
        except WorkspaceError as exc:
            show_error(self, "Workspace cannot be opened", str(exc))
            return None
        self._show_workspace(ws)
        return result

    def undo_group_clear(self) -> None:
        for stack in self._stacks.values():
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self._stacks.clear()

    def new_workspace(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "New workspace", "caseload.db", WORKSPACE_FILTER
        )
        if name:
            path = Path(name)
            if path.exists():
                show_error(
                    self,
                    "File already exists",
                    f"{path.name} already exists; choose another name, or use "
                    "File › Open workspace to open it.",
                )
                return
            self.switch_workspace(path, create=True)

    def choose_workspace(self) -> None:
        start_dir = str(self.workspace_path.parent) if self.workspace_path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open workspace", start_dir, WORKSPACE_FILTER)
        if name:
            self.switch_workspace(Path(name))

    def _fill_recent(self) -> None:
        menu = self.actions_.recent_menu
        menu.clear()
        recent = self.settings.recent_workspaces
        for text in recent:
            action = menu.addAction(text)
            action.triggered.connect(lambda _=False, p=text: self._open_recent(p))
        if not recent:
            menu.addAction("(none yet)").setEnabled(False)

    def _open_recent(self, text: str) -> None:
        path = Path(text)
        if not path.exists():
            self.settings.forget_workspace(text)
            show_error(
                self,
                "Workspace not found",
                f"{text} is no longer there.",
                "It has been taken off the recent list.",
            )
            return
        self.switch_workspace(path)

    # -------------------------------------------------------------------- cases
    def open_case(self, case: Case | None) -> None:
        """Show a case: its chronology, its summary, its own undo stack."""
        self.current_case = case
        if case is None:
            self.undo_group.setActiveStack(None)
            self.chronology.set_case(None)
            self.summary_area.set_case(None)
            if self.quarantine_dock is not None:
                self.quarantine.set_case(self.workspace, None, None)
            if self.supervision is not None:
                self.supervision.set_case(None)  # type: ignore[attr-defined]
            self._update_actions()
            return
        stack = self._stacks.get(case.id or 0)
        if stack is None:
            stack = QUndoStack(self)
            self._stacks[case.id or 0] = stack
            self.undo_group.addStack(stack)
        self.undo_group.setActiveStack(stack)
        self.settings.last_case_ref = case.ref
        self.chronology.set_case(case.id)
        self.summary_area.set_case(case)
        if self.quarantine_dock is not None:
            self.quarantine.set_case(self.workspace, case, stack)
        if self.supervision is not None:
            self.supervision.set_case(case)  # type: ignore[attr-defined]
        self._update_actions()

    def _summary_loaded(self, case_id: int) -> None:
        if self._statuses_due:
            self._refresh_statuses()
        if self.current_case is not None and self.current_case.id == case_id:
            self.case_loaded.emit(case_id)
            level = self.summary_status()
            if level:
                self.cases.model.set_status(self.current_case.ref, *level)

    def summary_status(self) -> tuple[str, str] | None:
        summary = self.summary_area.summary
        if summary is None:
            return None
        from gui.common.workers import status_of

        return status_of(list(getattr(summary, "alerts", [])))

    def _refresh_statuses(self) -> None:
        self._statuses_due = False
        refs = [c.ref for c in self.cases.model.cases()]
        if not refs or self.workspace_path is None:
            return
        if self._status_worker is not None:
            self._status_worker.cancel()
        worker = CaseStatusWorker(self.workspace_path, refs)
        worker.signals.result.connect(self._statuses)
        self._status_worker = worker
        start(worker)

    def _statuses(self, statuses: dict[str, tuple[str, str]]) -> None:
        for ref, (level, reason) in statuses.items():
            self.cases.model.set_status(ref, level, reason)

    def refresh_case(self) -> None:
        """Reload the open case after the store changed (import, quarantine, undo of import)."""
        self.chronology.refresh()
        self.entries_changed.emit()

    def refresh_summary(self) -> None:
        """Generate the open case's summary again (its risks or details changed)."""
        self.summary_area.refresh()

    def selected_entry_id(self) -> int | None:
        """The chronology entry selected now, if any."""
        return self.chronology.current_entry_id()

    def _entry_changed(self, entry_id: int) -> None:
        self.chronology.model.entry_changed(entry_id)
        self.entries_changed.emit()

    def _regrouped(self, _entry_id: int) -> None:
        self.refresh_case()

    def _update_actions(self) -> None:
        for action in self.actions_.case_actions:
            action.setEnabled(self.current_case is not None)
        encrypted = self.workspace.encrypted
        self.actions_.encrypt.setEnabled(self.workspace_path is not None and not encrypted)
        self.actions_.change_passphrase.setEnabled(encrypted)

    def _show_counts(self, shown: int, total: int) -> None:
        self.count_label.setText(self.chronology.count_text())
        self.count_label.setToolTip(COUNT_EXPLAINED)

    def _need_case(self) -> Case | None:
        if self.current_case is None:
            show_info(
                self,
                "Choose a case",
                "Choose a case on the left first, or create one with Case › New case.",
            )
        return self.current_case

    # ---------------------------------------------------------------- actions
    def edit_entry(self, entry_id: int) -> None:
        from gui.chronology.entry_dialog import edit_entry

        stack = self.undo_stack
        if stack is not None:
            edit_entry(self, self.workspace, stack, entry_id, self._entry_changed, self._regrouped)

    def show_entries(self, entry_ids: list[int]) -> None:
        """Bring entries into view (e.g. those that tripped a risk)."""
        if not entry_ids:
            return
        self.central_tabs.setCurrentWidget(self.chronology)
        self.chronology.filter_bar.reset()
        if self.chronology.select_entry(entry_ids[0]):
            self.chronology.table.setFocus()
        more = len(entry_ids) - 1
        self.statusBar().showMessage(
            f"Showing the entry that tripped the risk{f' (and {more} more)' if more else ''}", 8000
        )

    def find(self) -> None:
        self.chronology.focus_search()

    def set_show_inactive(self, show: bool) -> None:
        self.chronology.set_show_inactive(show)

    def new_case(self) -> None:
        from gui.shell.case_dialog import CaseDialog

        dialog = CaseDialog(self.workspace, None, self)
        if dialog.exec() and dialog.case is not None:
            self.cases.reload(keep_ref=dialog.case.ref)
            self._refresh_statuses()

    def case_details(self) -> None:
        from gui.shell.case_dialog import CaseDialog

        case = self._need_case()
        if case is None:
            return
        dialog = CaseDialog(self.workspace, case, self)
        if dialog.exec() and dialog.case is not None:
            self._correct_children(dialog.child_changes)
            self.cases.reload(keep_ref=case.ref)

    def _correct_children(self, changes: list[tuple[Child, Child]]) -> None:
        """Names and dates of birth corrected in Case details: one undoable step each."""
        from gui.common.undo import perform
        from gui.shell.case_commands import ChildCommand

        for before, after in changes:
            try:
                perform(
                    self.undo_stack,
                    ChildCommand(self.workspace, before, after, self._children_changed),
                )
            except ValueError as exc:
                show_error(self, "The child's details were not saved", str(exc))

    def _children_changed(self, _child_id: int) -> None:
        case = self.current_case
        if case is None:
            return
        from chronology.cases import get_case

        self.current_case = get_case(self.workspace, case.ref)
        self.cases.model.case_changed(self.current_case)
        self.summary_area.set_case(self.current_case)

    def import_files(self, paths: list[str] | None = None) -> None:
        from gui.importing.import_wizard import ImportWizard

        case = self._need_case()
        if case is None or self.workspace_path is None:
            return
        wizard = ImportWizard(
            self.workspace, self.workspace_path, case, [Path(p) for p in paths or []], self
        )
        wizard.imported.connect(self._imported)
        wizard.quarantine_requested.connect(self.show_quarantine)
        self.active_dialog = wizard
        wizard.exec()
        self.active_dialog = None

    def _imported(self) -> None:
        self.refresh_case()
        self._refresh_statuses()

    def show_quarantine(self) -> None:
        """Show the quarantine pane under the chronology, the date box ready for typing."""
        case = self._need_case()
        if case is None:
            return
        if self.quarantine_dock is None:
            self._add_quarantine_dock()
        assert self.quarantine_dock is not None
        self.quarantine.set_case(self.workspace, case, self.undo_stack)
        self.quarantine_dock.show()
        self.quarantine_dock.raise_()
        target = self.quarantine.date if self.quarantine.date.isEnabled() else self.quarantine.table
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.quarantine.date.selectAll()

    def _add_quarantine_dock(self) -> None:
        from gui.importing.quarantine_pane import QuarantinePane

        self.quarantine = QuarantinePane()
        self.quarantine.entries_changed.connect(self.refresh_case)
        self.quarantine_dock = self._dock(
            "Quarantine",
            "quarantineDock",
            self.quarantine,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        if not self.restoreDockWidget(self.quarantine_dock):
            self.resizeDocks([self.quarantine_dock], [260], Qt.Orientation.Vertical)
        if (state := self.settings.view_state("quarantine_splitter")) is not None:
            self.quarantine.splitter.restoreState(state)
        self.view_menu.addAction(self.quarantine_dock.toggleViewAction())

    def show_import_history(self) -> None:
        from gui.importing.batches_dialog import BatchesDialog

        case = self._need_case()
        if case is None:
            return
        dialog = BatchesDialog(self.workspace, case, self)
        dialog.batch_undone.connect(lambda _batch: self._imported())
        self.active_dialog = dialog
        dialog.exec()
        self.active_dialog = None

    def show_duplicates(self) -> None:
        """The review queue of possible duplicates of the open case."""
        from gui.chronology.duplicates_dialog import DuplicateReviewDialog

        case = self._need_case()
        if case is None:
            return
        dialog = DuplicateReviewDialog(self.workspace, case, self.undo_stack, self._decided, self)
        self.active_dialog = dialog
        dialog.exec()
        self.active_dialog = None
        dialog.deleteLater()

    def show_proceedings(self) -> None:
        """The open case's proceedings periods: confirm, edit, add or reject them."""
        from gui.summary.proceedings_dialog import ProceedingsDialog

        case = self._need_case()
        if case is None:
            return
        dialog = ProceedingsDialog(
            self.workspace, case, self.undo_stack, lambda _id: self.refresh_summary(), self
        )
        self.active_dialog = dialog
        dialog.exec()
        self.active_dialog = None
        dialog.deleteLater()

    def _decided(self, _pair_id: int) -> None:
        """A possible duplicate was linked, kept apart, or the decision undone."""
        self.refresh_case()

    def show_risks(self) -> None:
        if self._need_case() is not None:
            extensions.open_risks(self)

    def export(self) -> None:
        if self._need_case() is not None:
            extensions.open_export(self)

    def show_significance(self) -> None:
        if self._need_case() is not None:
            extensions.open_significance(self)

    def show_court_events(self) -> None:
        if self._need_case() is not None:
            extensions.open_court_events(self)

    def show_contact_details(self) -> None:
        if self._need_case() is not None:
            extensions.open_contact_details(self)

    def show_agencies(self) -> None:
        if self._need_case() is not None:
            extensions.open_agencies(self)

    # ------------------------------------------------------------- supervision
    def _tab_changed(self, index: int) -> None:
        if self.central_tabs.widget(index) is self.supervision_tab and self.supervision is None:
            panel = extensions.supervision_panel(self)
            panel.record_changed.connect(lambda _record: self._refresh_statuses())
            self.supervision_tab.layout().addWidget(panel)
            self.supervision = panel
            panel.set_case(self.current_case)

    def show_supervision(self) -> None:
        """The open case's Supervision tab."""
        self.central_tabs.setCurrentWidget(self.supervision_tab)

    def team_view(self) -> None:
        extensions.open_team(self)

    def open_case_from_team(self, workspace: Path, case_ref: str) -> None:
        """Open a case chosen in the team view (switching workspace if it is another one)."""
        if workspace != self.workspace_path and not self.switch_workspace(workspace):
            return
        self.cases.select_case(case_ref)
        self.show_supervision()

    def about(self) -> None:
        from gui.common.errors import log_path

        show_info(
            self,
            "About Throughline",
            "Throughline brings every agency's records about a child into one "
            "chronology and keeps the primary risks in sight.\n\nIt works offline; "
            f"every change is saved at once.\n\nLog file: {log_path()}",
        )

    # ------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            # Open the wizard after the drop has finished, not inside the drag's event loop.
            QTimer.singleShot(0, lambda: self.import_files(paths))

    # -------------------------------------------------------------------- close
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.set_view_state(
            "chronology_splitter", QByteArray(self.chronology.splitter.saveState())
        )
        self.settings.set_view_state(
            "chronology_columns", self.chronology.table.horizontalHeader().saveState()
        )
        if self.quarantine_dock is not None:
            self.settings.set_view_state(
                "quarantine_splitter", self.quarantine.splitter.saveState()
            )
        self.settings.sync()
        if self._status_worker is not None:
            self._status_worker.cancel()
        super().closeEvent(event)

    active_dialog: object | None = None
