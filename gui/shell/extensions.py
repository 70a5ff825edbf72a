"""The risk register and the export dialog, opened from the window's actions.

Each lives in its own module of ``gui/`` and is imported when its action is first used, so the
window starts without importing them (or the document libraries behind the export dialog).

``window`` gives them ``workspace``, ``workspace_path``, ``current_case``, ``undo_stack``,
``chronology`` (the ChronologyPanel), ``summary_area`` and ``refresh_case()``; the window's
``entries_changed`` signal fires after any change to the open case's entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gui.shell.main_window import MainWindow


def open_risks(window: MainWindow) -> None:
    """The risk register of the open case."""
    from gui.risks.risk_panel import open_risk_register

    open_risk_register(window)


def open_export(window: MainWindow) -> None:
    """The export dialog for the open case."""
    from gui.exporting.export_dialog import open_export_dialog

    open_export_dialog(window)
