"""The risk register and the export dialog, opened from the window's actions.

Each lives in its own sub-package of ``gui/`` and is imported when its action is first used, so the
window starts without importing them (or the document libraries behind the export dialog).

Each says what it needs of the window in a small protocol (``RiskHost``, ``ExportHost``) that the
main window satisfies, so neither imports the main window; its ``entries_changed`` signal fires
after any change to the open case's entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from chronology.models import Case
    from chronology.workspace import Workspace
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


class CaseHost(Protocol):
    """What the case's review dialogs need of the window (the main window is one)."""

    workspace: Workspace
    current_case: Case | None
    active_dialog: object | None

    def refresh_case(self) -> None: ...


def open_significance(window: CaseHost) -> None:
    """The significance review of the open case."""
    from gui.chronology.significance_dialog import SignificanceDialog

    _run(window, SignificanceDialog(window.workspace, window.current_case, window))


def open_court_events(window: CaseHost) -> None:
    """The court chronology's events, exclusions and bundle pages of the open case."""
    import datetime as dt

    from gui.exporting.court_events_dialog import CourtEventsDialog

    _run(window, CourtEventsDialog(window.workspace, window.current_case, dt.date.today(), window))


def open_contact_details(window: CaseHost) -> None:
    """The contact details found in the open case's records."""
    from gui.exporting.details_dialog import ContactDetailsDialog

    _run(window, ContactDetailsDialog(window.workspace, window.current_case, window))


def open_agencies(window: CaseHost) -> None:
    """The open case's agencies and the names they go by."""
    from gui.importing.agencies_dialog import AgenciesDialog

    _run(window, AgenciesDialog(window.workspace, window.current_case, window))


def _run(window: CaseHost, dialog: object) -> None:
    dialog.changed.connect(window.refresh_case)  # type: ignore[attr-defined]
    window.active_dialog = dialog
    dialog.exec()  # type: ignore[attr-defined]
    window.active_dialog = None


def supervision_panel(window: SupervisionHost) -> SupervisionPanel:
    """The Supervision tab's panel for the window (built the first time the tab is shown)."""
    from gui.supervision.supervision_panel import SupervisionPanel

    return SupervisionPanel(window)


def open_team(window: TeamHost) -> None:
    """The team view: every case, worst first."""
    from gui.supervision.team_view import open_team_view

    open_team_view(window, window)  # type: ignore[arg-type]
