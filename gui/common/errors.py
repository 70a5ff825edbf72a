"""Plain-words error messages: what happened and what to do next. Details go to the log file,
never a traceback into a dialog."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger(__name__)


def log_path() -> str:
    try:
        from chronology.paths import log_file

        return str(log_file())
    except Exception:  # the data folder itself may be unwritable
        return "the log file"


def show_error(parent: QWidget | None, title: str, message: str, next_step: str = "") -> None:
    """A warning in plain words, with the next step on its own line."""
    text = message if not next_step else f"{message}\n\n{next_step}"
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask yes/no; No is the default so Enter never destroys anything."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def offer_backup(parent: QWidget | None, path: Path, problem: str) -> bool:
    """Tell the user the workspace cannot be opened and offer the latest automatic backup.

    Returns True when a backup was restored (the caller then opens the workspace again).
    """
    from chronology.workspace import WorkspaceError, latest_backup, restore_backup

    log.warning("workspace %s refused: %s", path, problem)
    backup = latest_backup(path)
    if backup is None:
        show_error(
            parent,
            "Workspace cannot be opened",
            f"Throughline cannot open this workspace:\n{problem}",
            "There is no automatic backup of it. Open another workspace from the File menu, "
            "or create a new one. The file itself has not been changed.",
        )
        return False
    question = (
        f"Throughline cannot open this workspace:\n{problem}\n\n"
        f"The latest automatic backup is {backup.name}.\n"
        "Restore it? The damaged file is first copied into the workspace's backups folder, "
        "so nothing is thrown away."
    )
    if not confirm(parent, "Workspace cannot be opened", question):
        return False
    try:
        restore_backup(backup, path)
    except WorkspaceError as exc:
        show_error(parent, "Backup not restored", str(exc), "The workspace file was not changed.")
        return False
    except OSError as exc:
        log.error("restoring %s failed: %s", backup, exc)
        show_error(
            parent,
            "Backup not restored",
            f"The backup could not be copied into place ({exc.strerror}).",
            f"Details are in {log_path()}.",
        )
        return False
    log.info("workspace %s restored from %s", path, backup)
    return True


_showing = False


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    log.error("unexpected error", exc_info=(kind, exc, tb))
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        QMessageBox.critical(
            None,
            "Something went wrong",
            "Throughline met a problem it did not expect, and that action was not finished. "
            "Everything saved before it is safe.\n\n"
            f"If it happens again, send the log file to your IT support: {log_path()}",
        )
    finally:
        _showing = False


def install_excepthook() -> None:
    """Log any uncaught error and show a plain message instead of a traceback."""
    sys.excepthook = _excepthook
