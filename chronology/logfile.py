"""The app's own log file: what happened, never case text, and never a traceback on screen.

A log that cannot be written (a full disk, a read-only data folder) goes quiet: the failure is
not printed to the user's terminal, and later records are dropped rather than retried.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO, Any


class QuietFileHandler(RotatingFileHandler):
    """A rotating log file, readable by the user only, that never reports its own failures."""

    def __init__(self, path: Path, max_bytes: int = 2_000_000, backups: int = 3) -> None:
        super().__init__(
            path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True
        )
        self.failed = False

    def _open(self) -> IO[Any]:
        stream = super()._open()
        try:
            os.chmod(self.baseFilename, 0o600)
        except OSError:
            pass
        return stream

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        """Stop logging to a file that cannot be written; say nothing on the terminal."""
        self.failed = True
        try:
            if self.stream is not None:
                self.stream.close()
        except OSError:
            pass
        self.stream = None  # type: ignore[assignment]


def setup_logging(path: Path) -> logging.Handler:
    """Send the app's log records to ``path`` (quietly), at INFO level; returns the handler."""
    handler = QuietFileHandler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler
