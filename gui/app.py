"""Starting the desktop app (placeholder until the window is built)."""

from __future__ import annotations

import sys


def run_app(workspace: str | None = None, demo: bool = False, screenshot: str | None = None,
            qt_args: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0], *(qt_args or [])])
    window = QMainWindow()
    window.setWindowTitle("Throughline")
    window.resize(1200, 800)
    window.show()
    if screenshot:
        app.processEvents()
        window.grab().save(screenshot)
        return 0
    return app.exec()
