"""Importing in the background: the runnable only iterates the core's import generator.

All files of one run are imported in one transaction, so Cancel leaves the workspace exactly as
it was. The worker opens its own Workspace on the same file (connections never cross threads).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from chronology.importers.pipeline import FileReport, ImportCancelled, ImportOptions, import_file
from chronology.importers.records import Progress
from chronology.storage import disk_problem
from chronology.workspace import Workspace, WorkspaceError
from gui.common.workers import Worker

log = logging.getLogger(__name__)
STEPS = 1000  # progress units per file


@dataclass
class ImportOutcome:
    reports: list[FileReport] = field(default_factory=list)
    cancelled: bool = False

    def totals(self) -> dict[str, int]:
        keys = ("rows", "imported", "duplicates", "already_imported", "quarantined")
        return {k: sum(r.counts()[k] for r in self.reports) for k in keys}


class ImportWorker(Worker):
    """Imports files into a case; progress is (units done, units in all, message)."""

    def __init__(
        self, workspace_path: Path, case_id: int, plans: list[tuple[Path, ImportOptions]]
    ) -> None:
        super().__init__()
        self.workspace_path = workspace_path
        self.case_id = case_id
        self.plans = plans

    def work(self) -> ImportOutcome:
        outcome = ImportOutcome()
        total = STEPS * len(self.plans)
        with Workspace.open(self.workspace_path, create=False) as ws:
            try:
                with ws.transaction():
                    for n, (path, options) in enumerate(self.plans):
                        label = f"File {n + 1} of {len(self.plans)}: {path.name}"
                        self.signals.progress.emit(n * STEPS, total, label)
                        for item in import_file(
                            ws, self.case_id, path, options, cancel=self.cancelled
                        ):
                            if isinstance(item, Progress):
                                self._progress(n, total, label, item)
                            elif isinstance(item, FileReport):
                                outcome.reports.append(item)
                        if self.cancelled():
                            raise ImportCancelled
            except ImportCancelled:
                log.info("import cancelled; nothing was written")
                return ImportOutcome(cancelled=True)
        self.signals.progress.emit(total, total, "Done")
        return outcome

    def _progress(self, n: int, total: int, label: str, item: Progress) -> None:
        share = int(STEPS * item.done / item.total) if item.total else 0
        detail = item.message or f"{item.done:,} records read"
        self.signals.progress.emit(n * STEPS + min(share, STEPS - 1), total, f"{label}\n{detail}")

    def describe_error(self, exc: Exception) -> str:
        if isinstance(exc, WorkspaceError):
            return f"The workspace could not be opened for the import: {exc}"
        problem = disk_problem(exc)
        if problem is not None:
            return f"{self.workspace_path}: {problem}: nothing was imported."
        return (
            "The import stopped because of an unexpected problem, and nothing was "
            "imported. Details are in the log file."
        )
