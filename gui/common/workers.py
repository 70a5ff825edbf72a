"""Background work on QThreadPool: each runnable opens its own Workspace (a SQLite connection
never crosses threads) and reports through a signals object; it never touches a widget."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    """What a worker tells the window; emitted from the worker thread, delivered queued."""

    progress = Signal(int, int, str)  # done, total (0 when unknown), what is happening
    result = Signal(object)
    error = Signal(str)  # a plain-words message
    finished = Signal()


class Worker(QRunnable):
    """A cancellable runnable; subclasses implement ``work`` and return its result."""

    def __init__(self) -> None:
        super().__init__()
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(True)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # noqa: D102 - Qt calls it on a pool thread
        try:
            self.signals.result.emit(self.work())
        except Exception as exc:  # reported in plain words; details to the log
            log.exception("%s failed", type(self).__name__)
            self.signals.error.emit(self.describe_error(exc))
        finally:
            self.signals.finished.emit()

    def work(self) -> object:
        raise NotImplementedError

    def describe_error(self, exc: Exception) -> str:
        from chronology.storage import disk_problem

        problem = disk_problem(exc)
        if problem is not None:  # a full disk, a busy or damaged workspace: said as such
            return f"{problem[:1].upper()}{problem[1:]}; nothing was changed."
        return "The work in the background stopped unexpectedly; details are in the log file."


_running: set[Worker] = set()


def start(worker: Worker) -> Worker:
    """Run a worker on the global pool, keeping it alive until it has finished."""
    _running.add(worker)
    worker.signals.finished.connect(lambda: _running.discard(worker))
    QThreadPool.globalInstance().start(worker)
    return worker


class SummaryWorker(Worker):
    """Generates one case's summary (None when the summary package is not installed)."""

    def __init__(
        self, path: Path, case_ref: str, case_id: int, today: dt.date | None = None
    ) -> None:
        super().__init__()
        self.path = path
        self.case_ref = case_ref
        self.case_id = case_id
        self.today = today or dt.date.today()

    def work(self) -> object:
        try:
            from summary.case_summary import generate_summary
        except ImportError:
            return None
        from chronology.workspace import Workspace

        with Workspace.open(self.path, create=False) as ws:
            return generate_summary(ws, self.case_ref, self.today)

    def describe_error(self, exc: Exception) -> str:
        return f"The case summary could not be generated ({type(exc).__name__})."


class CaseStatusWorker(Worker):
    """Red/amber/green for each case from its summary's alerts: {ref: (level, reason)}."""

    def __init__(self, path: Path, refs: list[str], today: dt.date | None = None) -> None:
        super().__init__()
        self.path = path
        self.refs = refs
        self.today = today or dt.date.today()

    def work(self) -> object:
        try:
            from summary.case_summary import generate_summary
        except ImportError:
            return {ref: ("green", "") for ref in self.refs}
        from chronology.workspace import Workspace

        statuses: dict[str, tuple[str, str]] = {}
        with Workspace.open(self.path, create=False) as ws:
            for n, ref in enumerate(self.refs):
                if self.cancelled():
                    break
                summary = generate_summary(ws, ref, self.today)
                statuses[ref] = status_of(summary.alerts)
                self.signals.progress.emit(n + 1, len(self.refs), ref)
        return statuses


def status_of(alerts: list[object]) -> tuple[str, str]:
    """The worst alert level and its message ('green' when there is none)."""
    for level in ("red", "amber"):
        found = [a for a in alerts if getattr(a, "level", "") == level]
        if found:
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            return level, getattr(found[0], "message", "") + more
    return "green", ""


class BackupWorker(Worker):
    """Takes the day's automatic backup of a workspace, off the window's thread."""

    def __init__(self, workspace_path: Path) -> None:
        super().__init__()
        self.workspace_path = workspace_path

    def work(self) -> object:
        from chronology.workspace import Workspace

        with Workspace.open(self.workspace_path, create=False) as ws:
            return ws.daily_backup()

    def describe_error(self, exc: Exception) -> str:
        return "Today's automatic backup could not be taken; details are in the log file."
