"""GUI test fixtures: real workspaces on disk, settings kept inside the test's folder."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from chronology.cases import add_case
from chronology.importers.writer import insert_entries
from chronology.models import Case, Entry, EntryStatus, EntryType, Precision, Significance
from chronology.workspace import Workspace
from gui.common.main_thread_gc import MainThreadGarbageCollector
from gui.shell.settings import Settings

DATA = Path(__file__).resolve().parent.parent / "data" / "gui"
AGENCIES = ("Health Visiting", "Police", "Children's Services", "Nursery")


# A modal dialog still waiting this long into a test waits for input no test step will give:
# it is closed and the test fails (pytest-timeout cannot interrupt Qt's own event loop).
STUCK_AFTER_S = 100


@pytest.fixture(autouse=True)
def _isolated(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Nothing written to the user's data folder; no dialog left open; no worker left running."""
    monkeypatch.setenv("THROUGHLINE_HOME", str(tmp_path / "home"))
    started = time.monotonic()
    stuck: list[str] = []

    def watch() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and time.monotonic() - started > STUCK_AFTER_S:
            stuck.append(f"{type(modal).__name__} {modal.windowTitle()!r}")
            modal.close()

    watchdog = QTimer()
    watchdog.timeout.connect(watch)
    watchdog.start(500)
    collector = MainThreadGarbageCollector()  # as the app does: cyclic garbage never in a worker
    yield
    watchdog.stop()
    _close_windows()
    collector.stop()
    assert not stuck, f"a dialog waited for input no step of the test gave it: {stuck}"


def _close_windows() -> None:
    """Close what the test left on screen; a modal dialog left open fails the test."""
    QThreadPool.globalInstance().waitForDone(30_000)
    QApplication.processEvents()
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in left:
        widget.close()
    # Events still queued (a timer of a closed window) may start background work: let it run out
    # here, so no worker outlives the test and runs beside the next one.
    for _ in range(5):
        QThreadPool.globalInstance().waitForDone(30_000)
        QApplication.processEvents()
    QThreadPool.globalInstance().waitForDone(30_000)
    gc.collect()  # Qt objects in reference cycles are freed here, in the main thread
    assert not [w for w in left if w.isModal()], f"dialogs left open: {left}"


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Every message box shown, as (kind, title, text); questions answer Yes."""
    shown: list[tuple[str, str, str]] = []

    def record(kind: str, answer: object = QMessageBox.StandardButton.Ok) -> object:
        def box(_parent: object, title: str, text: str, *args: object, **kw: object) -> object:
            shown.append((kind, title, text))
            return answer

        return box

    monkeypatch.setattr(QMessageBox, "information", record("information"))
    monkeypatch.setattr(QMessageBox, "warning", record("warning"))
    monkeypatch.setattr(QMessageBox, "critical", record("critical"))
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.Yes))
    return shown


@pytest.fixture
def ws_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.db"


@pytest.fixture
def ws(ws_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(ws_path)
    yield workspace
    # As in the app, windows close (and their background work ends) before the workspace does;
    # otherwise a summary still loading would reach a closed database.
    _close_windows()
    workspace.close()


@pytest.fixture
def case(ws: Workspace) -> Case:
    return add_case(ws, "GUI-001", "Kai Test", "2021-03-02")


def _make_entries(ws: Workspace, case_id: int, count: int) -> list[int]:
    """``count`` fictional entries over several years and four agencies."""
    entries = []
    for n in range(count):
        day = 1 + n % 28
        month = 1 + (n // 28) % 12
        year = 2020 + n // (28 * 12)
        entries.append(
            Entry(
                case_id=case_id,
                date=f"{year:04d}-{month:02d}-{day:02d}",
                time=f"{8 + n % 10:02d}:{n % 60:02d}" if n % 3 else None,
                precision=Precision.DATETIME if n % 3 else Precision.DAY,
                summary=f"Entry number {n:05d} " + ("weight check" if n % 5 == 0 else "home visit"),
                text=f"Full text of entry {n}. "
                + ("Mother attended." if n % 2 else "Nursery note."),
                agency=AGENCIES[n % len(AGENCIES)],
                type=EntryType.HOME_VISIT if n % 2 else EntryType.APPOINTMENT_ATTENDED,
                significance=Significance.KEY if n % 50 == 0 else Significance.ROUTINE,
                # marked key by the worker (a level nobody set would select nothing for court)
                significance_status="confirmed" if n % 50 == 0 else "suggested",
                status=EntryStatus.CANCELLED if n % 40 == 1 else EntryStatus.ACTIVE,
                source_file="fixture.csv",
                source_row=n + 2,
            )
        )
    with ws.transaction():
        return insert_entries(ws, entries)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_entries():
    """A function adding fictional entries to a case: make_entries(ws, case_id, count)."""
    return _make_entries


@pytest.fixture
def data() -> Path:
    """The GUI tests' own fixture files."""
    return DATA
