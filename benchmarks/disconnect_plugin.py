"""A pytest plugin that disconnects one of the window's buttons, for check_buttons_matter.py.

``THROUGHLINE_DISCONNECT=NAME python -m pytest -p benchmarks.disconnect_plugin tests/gui``: after
the widget that owns the button named NAME is built, the button's signal is cut from every slot,
so pressing it does nothing — what a slip in a ``_connect()`` would do. Never used by the tests
themselves.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Cut:
    """Where a button lives and how it is disconnected."""

    owner: str  # module:Class of the widget that builds the button
    cut: Callable[[Any], None]  # given the built widget, leaves the button doing nothing
    # The GUI test files that press it (a failure there is a failure of the whole suite);
    # check_buttons_matter.py --all-tests runs every GUI test instead.
    tests: tuple[str, ...] = ()


def _clicked(attr: str) -> Callable[[Any], None]:
    def cut(widget: Any) -> None:
        getattr(widget, attr).clicked.disconnect()

    return cut


def _accepted(widget: Any) -> None:  # a dialog's Save (its button box's accepted signal)
    widget.buttons.accepted.disconnect()


def _wizard_import(cls: type) -> None:
    """The wizard's Import is its Next button on the preview page: pressing it does nothing."""
    original = cls.validateCurrentPage

    def validate(self: Any) -> bool:
        if self.currentId() == cls.PREVIEW:
            return False
        return original(self)

    cls.validateCurrentPage = validate


BUTTONS: dict[str, Cut] = {
    "wizard Import": Cut(
        "gui.importing.import_wizard:ImportWizard",
        lambda _w: None,
        ("tests/gui/test_import_buttons.py",),
    ),
    "Export": Cut(
        "gui.exporting.export_dialog:ExportDialog",
        _clicked("export_button"),
        ("tests/gui/test_export_dialog.py",),
    ),
    "quarantine Fix": Cut(
        "gui.importing.quarantine_pane:QuarantinePane",
        _clicked("fix"),
        ("tests/gui/test_import_flow.py",),
    ),
    "entry editor Save": Cut(
        "gui.chronology.entry_dialog:EntryDialog", _accepted, ("tests/gui/test_entry_editor.py",)
    ),
    "risk dialog Save": Cut(
        "gui.risks.risk_dialog:RiskDialog", _accepted, ("tests/gui/test_risk_panel.py",)
    ),
    "case details Save": Cut(
        "gui.shell.case_dialog:CaseDialog", _accepted, ("tests/gui/test_main_window.py",)
    ),
    "Add risk": Cut(
        "gui.risks.risk_panel:RiskRegister", _clicked("add"), ("tests/gui/test_risk_panel.py",)
    ),
    "Undo import": Cut(
        "gui.importing.batches_dialog:BatchesDialog",
        _clicked("undo"),
        ("tests/gui/test_import_flow.py",),
    ),
    "Regenerate": Cut(
        "gui.summary.summary_view:SummaryView",
        _clicked("regenerate_button"),
        ("tests/gui/test_summary_view.py",),
    ),
    # More than the issue names: the other buttons a user's work depends on.
    "review Save": Cut(
        "gui.risks.review_dialog:ReviewDialog", _accepted, ("tests/gui/test_risk_panel.py",)
    ),
    "quarantine Discard": Cut(
        "gui.importing.quarantine_pane:QuarantinePane",
        _clicked("discard"),
        ("tests/gui/test_import_flow.py",),
    ),
    "wizard Add files": Cut(
        "gui.importing.import_wizard:FilesPage",
        _clicked("add"),
        ("tests/gui/test_import_buttons.py",),
    ),
    "Open the quarantine": Cut(
        "gui.importing.import_wizard:ReportPage",
        _clicked("to_quarantine"),
        ("tests/gui/test_import_flow.py",),
    ),
    "risk Unpin/Pin": Cut(
        "gui.risks.risk_panel:RiskRegister", _clicked("pin"), ("tests/gui/test_risk_panel.py",)
    ),
    "risk Close/Reopen": Cut(
        "gui.risks.risk_panel:RiskRegister",
        _clicked("close_risk"),
        ("tests/gui/test_risk_panel.py",),
    ),
    "narrative Save": Cut(
        "gui.summary.narrative_editor:NarrativeEditor",
        _clicked("save"),
        ("tests/gui/test_summary_view.py",),
    ),
    # The windows added since: supervision, significance, the court's events, contact details,
    # agencies.
    "supervision New": Cut(
        "gui.supervision.supervision_panel:SupervisionPanel",
        _clicked("new_button"),
        ("tests/gui/test_supervision_tab.py",),
    ),
    "supervision Sign": Cut(
        "gui.supervision.supervision_panel:SupervisionPanel",
        _clicked("sign_button"),
        ("tests/gui/test_supervision_tab.py",),
    ),
    "supervision Add action": Cut(
        "gui.supervision.supervision_panel:SupervisionPanel",
        _clicked("add_action_button"),
        ("tests/gui/test_supervision_tab.py",),
    ),
    "significance Confirm selected": Cut(
        "gui.chronology.significance_dialog:SignificanceDialog",
        _clicked("confirm_selected"),
        ("tests/gui/test_court_review.py",),
    ),
    "significance Confirm all": Cut(
        "gui.chronology.significance_dialog:SignificanceDialog",
        _clicked("confirm_all"),
        ("tests/gui/test_court_review.py",),
    ),
    "court Take out": Cut(
        "gui.exporting.court_events_dialog:CourtEventsDialog",
        _clicked("take_out"),
        ("tests/gui/test_court_review.py",),
    ),
    "details Mark confidential": Cut(
        "gui.exporting.details_dialog:ContactDetailsDialog",
        _clicked("confidential"),
        ("tests/gui/test_court_review.py",),
    ),
    "agencies Make one agency": Cut(
        "gui.importing.agencies_dialog:AgenciesDialog",
        _clicked("make_one"),
        ("tests/gui/test_court_review.py",),
    ),
    "team Export report": Cut(
        "gui.supervision.team_view:TeamView",
        _clicked("report_button"),
        ("tests/gui/test_supervision_tab.py",),
    ),
}


def _owner(path: str) -> type:
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


def pytest_configure(config: object) -> None:
    name = os.environ.get("THROUGHLINE_DISCONNECT", "")
    if not name:
        return
    cut = BUTTONS[name]
    cls = _owner(cut.owner)
    if name == "wizard Import":
        _wizard_import(cls)
        return
    built = cls.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        built(self, *args, **kwargs)
        cut.cut(self)

    cls.__init__ = init
