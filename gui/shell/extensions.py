"""The risk register and the export dialog, opened from the window's actions.

Each lives in its own sub-package of ``gui/`` and is imported when its action is first used, so the
window starts without importing them (or the document libraries behind the export dialog).

Each says what it needs of the window in a small protocol (``RiskHost``, ``ExportHost``) that the
main window satisfies, so neither imports the main window; its ``entries_changed`` signal fires
after any change to the open case's entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gui.exporting.export_dialog import ExportHost
    from gui.risks.risk_panel import RiskHost
    from gui.supervision.supervision_panel import SupervisionHost, SupervisionPanel
    from gui.supervision.team_view import TeamHost


def open_risks(window: RiskHost) -> None:
    """The risk register of the open case."""
    from gui.risks.risk_panel import open_risk_register

    open_risk_register(window)


def open_export(window: ExportHost) -> None:
    """The export dialog for the open case."""
    from gui.exporting.export_dialog import open_export_dialog

    open_export_dialog(window)


def supervision_panel(window: SupervisionHost) -> SupervisionPanel:
    """The Supervision tab's panel for the window (built the first time the tab is shown)."""
    from gui.supervision.supervision_panel import SupervisionPanel

    return SupervisionPanel(window)


def open_team(window: TeamHost) -> None:
    """The team view: every case, worst first."""
    from gui.supervision.team_view import open_team_view

    open_team_view(window, window)  # type: ignore[arg-type]
