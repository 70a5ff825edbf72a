"""Undoable actions of the risk register, the summary's narrative and the statement details.

One QUndoCommand per user action, calling a core operation and its inverse. The core never
deletes a risk: undoing "add risk" closes it with the reason "undone", and redoing reopens it.
Undoing a review withdraws it and redoing restores it; evidence links are undone by unlinking
(``gui.common.evidence``). Every step, undone or not, stays in the risk's history.
"""

from __future__ import annotations

from collections.abc import Callable

from chronology.cases import update_case
from chronology.workspace import Workspace
from gui.common.undo import Notify, StoreCommand
from gui.common.undo import perform as perform  # re-exported: the risk dialogs import it from here
from summary.narrative import SECTION_TITLES, set_narrative
from summary.risks import (
    Review,
    Risk,
    RiskStatus,
    add_evidence,
    add_risk,
    close_risk,
    get_risk,
    record_review,
    reopen_risk,
    restore_review,
    set_primary,
    set_triggers,
    update_risk,
    withdraw_review,
)

UNDONE = "undone (Edit › Undo)"
REDONE = "redone (Edit › Redo)"


class AddRiskCommand(StoreCommand):
    """Record a new risk; undo closes it ('undone'), redo reopens it as it was."""

    def __init__(self, ws: Workspace, risk: Risk, evidence: list[int], notify: Notify) -> None:
        super().__init__(ws, 0, notify, f"Add risk '{risk.title.strip()}'")
        self.risk = risk
        self.evidence = list(evidence)
        self._created = False

    def apply(self) -> None:
        if not self._created:
            created = add_risk(self.ws, self.risk)
            self.subject = created.id or 0
            self._created = True
            for entry_id in self.evidence:
                add_evidence(self.ws, self.subject, entry_id)
            return
        reopen_risk(self.ws, self.subject, f"adding the risk {REDONE}")
        if self.risk.status != RiskStatus.ACTIVE:
            update_risk(self.ws, self.subject, status=self.risk.status.value)
        if self.risk.primary:
            set_primary(self.ws, self.subject, True)

    def revert(self) -> None:
        close_risk(self.ws, self.subject, f"adding the risk {UNDONE}")


class EditRiskCommand(StoreCommand):
    """Change a risk's wording, category, urgency, interval, status and trip-wires."""

    def __init__(
        self,
        ws: Workspace,
        risk_id: int,
        old: dict[str, object],
        new: dict[str, object],
        old_triggers: tuple[list[str], list[str]] | None,
        new_triggers: tuple[list[str], list[str]] | None,
        notify: Notify,
    ) -> None:
        super().__init__(ws, risk_id, notify, "Edit risk")
        self.old, self.new = old, new
        self.old_triggers, self.new_triggers = old_triggers, new_triggers

    def _set(self, fields: dict[str, object], triggers: tuple[list[str], list[str]] | None) -> None:
        if fields:
            update_risk(self.ws, self.subject, **fields)
        if triggers is not None:
            set_triggers(self.ws, self.subject, *triggers)

    def apply(self) -> None:
        self._set(self.new, self.new_triggers)

    def revert(self) -> None:
        self._set(self.old, self.old_triggers)


class SetPrimaryCommand(StoreCommand):
    """Pin a risk to the top of the summary, or unpin it with the reason given."""

    def __init__(
        self, ws: Workspace, risk_id: int, primary: bool, reason: str, notify: Notify
    ) -> None:
        text = "Pin risk to the top" if primary else "Unpin primary risk"
        super().__init__(ws, risk_id, notify, text)
        self.primary = primary
        self.reason = reason

    def apply(self) -> None:
        set_primary(self.ws, self.subject, self.primary, self.reason)

    def revert(self) -> None:
        reason = "" if not self.primary else f"pinning {UNDONE}"
        set_primary(self.ws, self.subject, not self.primary, reason)


class CloseRiskCommand(StoreCommand):
    """Close a risk with a reason; undo reopens it, pinned and with its status as before."""

    def __init__(self, ws: Workspace, risk_id: int, reason: str, notify: Notify) -> None:
        super().__init__(ws, risk_id, notify, "Close risk")
        self.reason = reason
        before = get_risk(ws, risk_id)
        self.was_primary = before.primary
        self.old_status = before.status

    def apply(self) -> None:
        close_risk(self.ws, self.subject, self.reason)

    def revert(self) -> None:
        reopen_risk(self.ws, self.subject, f"closing {UNDONE}")
        if self.old_status != RiskStatus.ACTIVE:
            update_risk(self.ws, self.subject, status=self.old_status.value)
        if self.was_primary:
            set_primary(self.ws, self.subject, True)


class ReopenRiskCommand(StoreCommand):
    """Reopen a closed risk with a reason; undo closes it again with its old reason."""

    def __init__(self, ws: Workspace, risk_id: int, reason: str, notify: Notify) -> None:
        super().__init__(ws, risk_id, notify, "Reopen risk")
        self.reason = reason
        self.old_reason = get_risk(ws, risk_id).status_reason

    def apply(self) -> None:
        reopen_risk(self.ws, self.subject, self.reason)

    def revert(self) -> None:
        close_risk(self.ws, self.subject, self.old_reason or f"reopening {UNDONE}")


class RecordReviewCommand(StoreCommand):
    """Record a review of a risk; undo withdraws it, redo restores it as it was recorded."""

    def __init__(
        self, ws: Workspace, risk_id: int, date: str, by: str, note: str, notify: Notify
    ) -> None:
        super().__init__(ws, risk_id, notify, "Record review")
        self.date, self.by, self.note = date, by, note
        self.review: Review | None = None

    def apply(self) -> None:
        if self.review is None:
            self.review = record_review(self.ws, self.subject, self.date, self.by, self.note)
        else:
            self.review = restore_review(self.ws, self.review)

    def revert(self) -> None:
        assert self.review is not None and self.review.id is not None
        withdraw_review(self.ws, self.review.id)


class NarrativeCommand(StoreCommand):
    """Write one section of the worker's narrative; undo writes the old text back."""

    def __init__(
        self,
        ws: Workspace,
        case_ref: str,
        section: str,
        old: str,
        new: str,
        notify: Callable[[str], None],
    ) -> None:
        title = SECTION_TITLES.get(section, section.replace("_", " "))
        super().__init__(ws, 0, lambda _n: notify(section), f"Edit {title.lower()}")
        self.case_ref, self.section = case_ref, section
        self.old, self.new = old, new

    def apply(self) -> None:
        set_narrative(self.ws, self.case_ref, self.section, self.new)

    def revert(self) -> None:
        set_narrative(self.ws, self.case_ref, self.section, self.old)


class CaseDetailsCommand(StoreCommand):
    """Change the case's statement details (witness, role, court…); undo restores them."""

    def __init__(
        self,
        ws: Workspace,
        case_ref: str,
        old: dict[str, object],
        new: dict[str, object],
        notify: Notify,
    ) -> None:
        super().__init__(ws, 0, notify, "Edit statement details")
        self.case_ref = case_ref
        self.old, self.new = old, new

    def apply(self) -> None:
        update_case(self.ws, self.case_ref, **self.new)

    def revert(self) -> None:
        update_case(self.ws, self.case_ref, **self.old)
