"""Where the second half of the window plugs in: the risk register and the export dialog.

Each lives in its own module of ``gui/`` and is looked up when its action is used, so the
window starts without importing it. The contract:

- ``gui/risk_panel.py``: ``open_risk_register(window: MainWindow) -> None``
- ``gui/export_dialog.py``: ``open_export_dialog(window: MainWindow) -> None``
- ``gui/summary_view.py``: ``SummaryView(QWidget)`` with ``show_summary(summary)`` (see
  ``gui/summary_area.py``)

``window`` gives them ``workspace``, ``workspace_path``, ``current_case``, ``undo_stack``,
``chronology`` (the ChronologyPanel), ``summary_area`` and ``refresh_case()``; the window's
``entries_changed`` signal fires after any change to the open case's entries.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from gui.errors import show_info

if TYPE_CHECKING:
    from gui.main_window import MainWindow

log = logging.getLogger(__name__)


def _find(module: str, function: str) -> Callable[[MainWindow], None] | None:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None
    return getattr(mod, function, None)


def open_risks(window: MainWindow) -> None:
    """The risk register of the open case."""
    opener = _find("gui.risk_panel", "open_risk_register")
    if opener is None:
        show_info(
            window,
            "Risk register",
            "The risk register window is coming in the next version. Until then, "
            "the primary risks are shown at the top of the summary on the right, and "
            "risks can be added with the 'throughline risk' command.",
        )
        return
    opener(window)


def open_export(window: MainWindow) -> None:
    """The export dialog for the open case."""
    opener = _find("gui.export_dialog", "open_export_dialog")
    if opener is None:
        show_info(
            window,
            "Export",
            "The export window is coming in the next version. Until then, documents "
            "can be exported with the 'throughline export' command.",
        )
        return
    opener(window)
