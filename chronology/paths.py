"""Where Throughline keeps its own files: the default workspace and the log."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def data_dir() -> Path:
    """The user's data folder for Throughline (THROUGHLINE_HOME overrides it)."""
    override = os.environ.get("THROUGHLINE_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home())) / "Throughline"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "Throughline"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
        base = base / "throughline"
    base.mkdir(parents=True, exist_ok=True)
    return base


def default_workspace() -> Path:
    return data_dir() / "workspace.db"


def log_file() -> Path:
    return data_dir() / "throughline.log"
