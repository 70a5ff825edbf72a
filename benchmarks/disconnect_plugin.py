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
    "wizard Import": Cut("gui.importing.import_wizard:ImportWizard", lambda _w: None),
    "Export": Cut("gui.exporting.export_dialog:ExportDialog", _clicked("export_button")),
    "quarantine Fix": Cut("gui.importing.quarantine_dialog:QuarantineDialog", _clicked("fix")),
    "entry editor Save": Cut("gui.chronology.entry_dialog:EntryDialog", _accepted),
    "risk dialog Save": Cut("gui.risks.risk_dialog:RiskDialog", _accepted),
    "case details Save": Cut("gui.shell.case_dialog:CaseDialog", _accepted),
    "Add risk": Cut("gui.risks.risk_panel:RiskRegister", _clicked("add")),
    "Undo import": Cut("gui.importing.batches_dialog:BatchesDialog", _clicked("undo")),
    "Regenerate": Cut("gui.summary.summary_view:SummaryView", _clicked("regenerate_button")),
    # More than the issue names: the other buttons a user's work depends on.
    "review Save": Cut("gui.risks.review_dialog:ReviewDialog", _accepted),
    "quarantine Discard": Cut(
        "gui.importing.quarantine_dialog:QuarantineDialog", _clicked("discard")
    ),
    "wizard Add files": Cut("gui.importing.import_wizard:FilesPage", _clicked("add")),
    "Open the quarantine": Cut("gui.importing.import_wizard:ReportPage", _clicked("to_quarantine")),
    "risk Unpin/Pin": Cut("gui.risks.risk_panel:RiskRegister", _clicked("pin")),
    "risk Close/Reopen": Cut("gui.risks.risk_panel:RiskRegister", _clicked("close_risk")),
    "narrative Save": Cut("gui.summary.narrative_editor:NarrativeEditor", _clicked("save")),
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
