"""Starting the desktop app: the workspace, the window, and the --screenshot mode.

Only what the first window needs is imported here; the import wizard, the readers and their
libraries (openpyxl, calamine, icalendar, dateparser, rapidfuzz, docx, reportlab) load when
first used.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QWidget

from chronology.workspace import PassphraseNeeded, Workspace, WorkspaceError
from gui.common.errors import install_excepthook, offer_backup, show_error
from gui.common.main_thread_gc import MainThreadGarbageCollector
from gui.shell.passphrase_dialog import open_asking
from gui.shell.settings import Settings

log = logging.getLogger(__name__)
SCREENSHOT_TIMEOUT_MS = 30_000
EXIT_WHEN_SHOWN = "THROUGHLINE_EXIT_WHEN_SHOWN"  # cold-start measurement: quit once shown


def open_workspace(
    path: Path, parent: QWidget | None = None, interactive: bool = True
) -> Workspace | None:
    """Open a workspace (asking for its passphrase if it is encrypted); if it is damaged, say so
    plainly and offer the latest backup."""
    try:
        if not interactive:
            return Workspace.open(path)
        return open_asking(path, parent)
    except PassphraseNeeded as exc:
        if not interactive:
            print(f"throughline: {exc}", file=sys.stderr)
            return None
        # The user chose not to type it: no backup to offer, another workspace instead.
    except WorkspaceError as exc:
        if not interactive:
            print(f"throughline: {exc}", file=sys.stderr)
            return None
        if offer_backup(parent, path, str(exc)):
            try:
                return open_asking(path, parent)
            except WorkspaceError as again:
                show_error(parent, "Workspace cannot be opened", str(again))
                return None
    name, _ = QFileDialog.getOpenFileName(
        parent,
        "Open another workspace",
        str(path.parent),
        "Throughline workspaces (*.db *.throughline);;All files (*)",
    )
    return open_workspace(Path(name), parent) if name else None


def _build_demo() -> tuple[Path, str]:
    from resources.demo.build import build_demo

    folder = Path(tempfile.mkdtemp(prefix="throughline-demo-"))
    path = folder / "demo-workspace.db"
    ref = build_demo(path)
    log.info("demo workspace built at %s", path)
    return path, ref


def _workspace_path(workspace: str | None, settings: Settings) -> Path:
    if workspace:
        return Path(workspace).expanduser()
    from chronology.paths import default_workspace

    recent = settings.recent_workspaces
    if recent and Path(recent[0]).exists():
        return Path(recent[0])
    return default_workspace()


def run_app(
    make_window: Callable[[Workspace, Settings], QMainWindow],
    workspace: str | None = None,
    demo: bool = False,
    screenshot: str | None = None,
    qt_args: list[str] | None = None,
) -> int:
    """Show the window ``make_window`` makes (given by main.py); returns the exit status."""
    app = QApplication.instance() or QApplication([sys.argv[0], *(qt_args or [])])
    app.setApplicationName("Throughline")
    app.setOrganizationName("Throughline")
    app.setApplicationDisplayName("Throughline")
    install_excepthook()
    collector = MainThreadGarbageCollector(app)  # never in a worker thread: see its module
    if screenshot:  # leave the user's own window layout alone
        store = QSettings(str(Path(tempfile.mkdtemp()) / "window.ini"), QSettings.Format.IniFormat)
        settings = Settings(store)
    else:
        settings = Settings()
    case_ref: str | None = None
    if demo:
        try:
            path, case_ref = _build_demo()
        except Exception:
            log.exception("the demo could not be built")
            show_error(
                None,
                "Demo not available",
                "The demo case could not be built; details are in the log file.",
            )
            return 3
    else:
        path = _workspace_path(workspace, settings)
    ws = open_workspace(path, None, interactive=not screenshot)
    if ws is None:
        return 2
    if case_ref:
        settings.last_case_ref = case_ref

    window = make_window(ws, settings)
    if screenshot:
        window.resize(1680, 1000)
    window.show()
    if os.environ.get(EXIT_WHEN_SHOWN):
        app.processEvents()
        window.repaint()  # painted, not only asked to show
        print(f"throughline: window shown at {time.time():.3f}", file=sys.stderr)
        QTimer.singleShot(0, app.quit)
    status = {"code": 0}
    if screenshot:
        _schedule_screenshot(app, window, Path(screenshot), status)
    app.exec()
    QThreadPool.globalInstance().waitForDone(10_000)
    collector.stop()
    window.workspace.close()  # type: ignore[attr-defined] - the one open now
    return status["code"]


def _schedule_screenshot(
    app: QApplication, window: QWidget, png: Path, status: dict[str, int]
) -> None:
    """Grab the window once the first case has loaded (or on a timeout), then quit."""
    done = {"taken": False}

    def take() -> None:
        if done["taken"]:
            return
        done["taken"] = True
        app.processEvents()
        png.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(png)):
            print(f"throughline: could not write {png}", file=sys.stderr)
            status["code"] = 2
        app.quit()

    def loaded(_case_id: int) -> None:
        QTimer.singleShot(400, take)  # let the chronology and the summary paint

    window.case_loaded.connect(loaded)  # type: ignore[attr-defined]
    cases = getattr(getattr(window, "cases", None), "model", None)
    if cases is None or not cases.rowCount():  # no case will load: the empty window it is
        QTimer.singleShot(800, take)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, take)
