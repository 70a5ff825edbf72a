"""The import wizard: choose files → check each → import in the background → report."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from chronology.models import Case
from chronology.workspace import Workspace
from gui.common.errors import show_error, show_info
from gui.common.workers import start
from gui.importing.import_models import ImportReportModel
from gui.importing.import_preview import PreviewPage
from gui.importing.import_worker import ImportOutcome, ImportWorker

log = logging.getLogger(__name__)
FILE_FILTER = (
    "Agency records (*.csv *.tsv *.txt *.xlsx *.xlsm *.ics *.ical *.docx *.json "
    "*.ndjson);;All files (*)"
)


class FilesPage(QWizardPage):
    """Which files to import into the case."""

    def __init__(self, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._case = case
        self.model = QStringListModel(self)
        self._paths: list[Path] = []
        self._build_ui()
        self._connect()

    def _build_ui(self) -> None:
        self.setTitle("Choose the files to import")
        self.setSubTitle(
            f"Into case {self._case.ref} ({self._case.child_names}). CSV, Excel, "
            "calendar (.ics), Word tables and FHIR health records can be read."
        )
        self.list = QListView()
        self.list.setAccessibleName("Files to import")
        self.list.setModel(self.model)
        self.add = QPushButton("Add files…")
        self.add.setAccessibleName("Add files to import")
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName("Remove the selected file")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("Tip: files can also be dropped on the main window."))

    def _connect(self) -> None:
        self.add.clicked.connect(self._choose)
        self.remove.clicked.connect(self._remove)

    def paths(self) -> list[Path]:
        return list(self._paths)

    def set_paths(self, paths: list[Path]) -> None:
        seen: dict[Path, None] = {}
        for path in paths:
            seen[Path(path)] = None
        self._paths = list(seen)
        self.model.setStringList([str(p) for p in self._paths])
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self._paths)

    def _choose(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Choose files to import", "", FILE_FILTER)
        if names:
            self.set_paths([*self._paths, *(Path(n) for n in names)])

    def _remove(self) -> None:
        rows = sorted({i.row() for i in self.list.selectedIndexes()}, reverse=True)
        paths = list(self._paths)
        for row in rows:
            del paths[row]
        self.set_paths(paths)


class ReportPage(QWizardPage):
    """What the import did, per file, with a way to the quarantine."""

    quarantine_requested = Signal()
    agencies_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ImportReportModel(self)
        self.outcome = ImportOutcome()
        self._build_ui()
        self._connect()

    def _build_ui(self) -> None:
        self.setTitle("Import finished")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Import summary")
        self.table = QTableView()
        self.table.setAccessibleName("What happened to each file")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.to_quarantine = QPushButton("Open the quarantine…")
        self.to_quarantine.setAccessibleName("Open the quarantine to fix unreadable rows")
        self.to_agencies = QPushButton("&Agencies…")
        self.to_agencies.setAccessibleName("Say which names in the records are one agency")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.to_agencies)
        row.addStretch(1)
        row.addWidget(self.to_quarantine)
        layout.addLayout(row)

    def _connect(self) -> None:
        self.to_quarantine.clicked.connect(self.quarantine_requested)
        self.to_agencies.clicked.connect(self.agencies_requested)

    def show_outcome(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        self.model.set_reports(outcome.reports)
        t = outcome.totals()
        failed = [r for r in outcome.reports if r.error]
        lines = [
            f"<b>{t['imported']:,}</b> entries imported, <b>{t['duplicates']:,}</b> linked as "
            f"the same event another agency recorded, <b>{t['already_imported']:,}</b> already "
            f"in the case, <b>{t['quarantined']:,}</b> rows set aside in quarantine "
            f"(out of {t['rows']:,} records)."
        ]
        if t["quarantined"]:
            lines.append(
                "Rows in quarantine could not be read (usually their date). Open the "
                "quarantine to fix or discard them: nothing is lost."
            )
        if failed:
            lines.append(
                f"{len(failed)} file(s) could not be read at all and imported nothing: "
                "see 'Problem'. Fix the file, or save it as CSV, and import it again."
            )
        self.summary.setText("<br><br>".join(lines))
        self.to_quarantine.setEnabled(t["quarantined"] > 0)


class ImportWizard(QWizard):
    """Import agency records into one case; the worker runs while the window stays usable."""

    imported = Signal()  # the case's entries changed
    quarantine_requested = Signal()
    import_finished = Signal(object)  # ImportOutcome (also when cancelled)

    FILES, PREVIEW, REPORT = range(3)

    def __init__(
        self,
        ws: Workspace,
        workspace_path: Path,
        case: Case,
        paths: list[Path],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._path = workspace_path
        self._case = case
        self._worker: ImportWorker | None = None
        self._progress: QProgressDialog | None = None
        self._done = False
        self._build_ui()
        self._connect()
        self._dropped = bool(paths)
        if paths:
            self.files_page.set_paths(paths)

    def _build_ui(self) -> None:
        self.setWindowTitle(f"Import into {self._case.ref}")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(980, 700)
        self.files_page = FilesPage(self._case)
        self.preview_page = PreviewPage(self._ws, self.files_page.paths)
        self.report_page = ReportPage()
        self.setPage(self.FILES, self.files_page)
        self.setPage(self.PREVIEW, self.preview_page)
        self.setPage(self.REPORT, self.report_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Close")

    def _connect(self) -> None:
        self.currentIdChanged.connect(self._page_changed)
        self.report_page.quarantine_requested.connect(self._to_quarantine)
        self.report_page.agencies_requested.connect(self.show_agencies)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dropped and self.currentId() == self.FILES:
            # Files dropped on the window: go straight to the preview, with Back to the list.
            self._dropped = False
            QTimer.singleShot(0, self.next)

    def _page_changed(self, page_id: int) -> None:
        if page_id == self.PREVIEW:
            self.setButtonText(QWizard.WizardButton.NextButton, "Import")
        else:
            self.setButtonText(QWizard.WizardButton.NextButton, "Next >")

    def validateCurrentPage(self) -> bool:  # noqa: N802 - Qt override
        if self.currentId() != self.PREVIEW or self._done:
            return super().validateCurrentPage()
        if self._worker is None:
            self._start_import()
        return False  # the wizard moves on when the worker has finished

    # ------------------------------------------------------------------- worker
    def _start_import(self) -> None:
        plans = self.preview_page.plans
        readable = [(p.path, p.options()) for p in plans if not p.error]
        refused = [p for p in plans if p.error]
        if not readable:
            show_error(
                self,
                "Nothing to import",
                "None of the chosen files can be read.",
                "Go back and choose other files, or save them as CSV and try again.",
            )
            return
        self._refused = refused
        worker = ImportWorker(self._path, self._case.id or 0, readable)
        worker.signals.progress.connect(self._on_progress)
        worker.signals.result.connect(self._on_result)
        worker.signals.error.connect(self._on_error)
        worker.signals.finished.connect(self._on_finished)
        self._worker = worker
        dialog = QProgressDialog("Starting the import…", "Cancel", 0, 0, self)
        dialog.setWindowTitle("Importing")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel_import)
        dialog.show()
        self._progress = dialog
        start(worker)

    def cancel_import(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            if self._progress is not None:
                self._progress.setLabelText("Cancelling: nothing will be changed…")

    def _on_progress(self, done: int, total: int, message: str) -> None:
        dialog = self._progress  # setValue may process events, and finish the import meanwhile
        if dialog is None:
            return
        dialog.setLabelText(message)
        dialog.setMaximum(total)
        dialog.setValue(done)

    def _on_result(self, outcome: ImportOutcome) -> None:
        if outcome.cancelled:
            show_info(
                self,
                "Import cancelled",
                "The import was cancelled. Nothing was imported, and the case is as it was before.",
            )
            self.import_finished.emit(outcome)
            return
        from chronology.importers.pipeline import FileReport

        for plan in getattr(self, "_refused", []):
            outcome.reports.append(
                FileReport(file=plan.path.name, path=str(plan.path), error=plan.error)
            )
        self.report_page.show_outcome(outcome)
        self._done = True
        self.imported.emit()
        self.next()
        self.import_finished.emit(outcome)

    def _on_error(self, message: str) -> None:
        show_error(
            self, "Import failed", message, "Nothing was imported. Check the file and try again."
        )
        self.import_finished.emit(ImportOutcome(cancelled=True))

    def _on_finished(self) -> None:
        self._worker = None
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def show_agencies(self) -> None:
        """The case's agencies: names from these files gathered into one agency."""
        from gui.importing.agencies_dialog import AgenciesDialog

        dialog = AgenciesDialog(self._ws, self._case, self)
        dialog.changed.connect(self.imported)
        dialog.exec()

    def _to_quarantine(self) -> None:
        self.accept()
        self.quarantine_requested.emit()

    def reject(self) -> None:
        if self._worker is not None:  # closing while importing means Cancel
            self.cancel_import()
            return
        super().reject()
