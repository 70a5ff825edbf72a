"""Cold start stays light: the window shows without importing the heavy libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "docx",
    "reportlab",
    "dateparser",
    "openpyxl",
    "icalendar",
    "python_calamine",
    "rapidfuzz",
    "recurring_ical_events",
)
PROBE = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from PySide6.QtWidgets import QApplication
app = QApplication([])
from chronology.workspace import Workspace
from gui.shell.settings import Settings
from gui.shell.main_window import MainWindow
window = MainWindow(Workspace.open(sys.argv[1]), Settings())
window.show()
app.processEvents()
print(",".join(m for m in {HEAVY!r} if m in sys.modules))
"""


def test_the_window_shows_without_heavy_imports(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "THROUGHLINE_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "w.db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == ""
