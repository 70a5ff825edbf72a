"""Undoable changes to a draft supervision record, one command per user action.

Signing is not undoable (a signed record never changes), and nor is making a record; a command
whose record has since been signed cannot be undone either, and says so.
"""

from __future__ import annotations

from chronology.workspace import Workspace
from gui.common.undo import Notify, StoreCommand
from summary.supervision import (
    add_action,
    add_decision,
    edit_record,
    remove_item,
    set_action_status,
)


class EditNotesCommand(StoreCommand):
    """Change a draft's discussion notes; undo puts the old notes back."""

    def __init__(self, ws: Workspace, record_id: int, old: str, new: str, notify: Notify) -> None:
        super().__init__(ws, record_id, notify, "Edit supervision notes")
        self.old, self.new = old, new

    def apply(self) -> None:
        edit_record(self.ws, self.subject, notes=self.new)

    def revert(self) -> None:
        edit_record(self.ws, self.subject, notes=self.old)


class AddDecisionCommand(StoreCommand):
    """Add a decision to a draft; undo takes it off again (the history keeps both)."""

    def __init__(
        self, ws: Workspace, record_id: int, text: str, rationale: str, notify: Notify
    ) -> None:
        super().__init__(ws, record_id, notify, f"Add decision '{text[:40]}'")
        self.text, self.rationale = text, rationale
        self.decision_id = 0

    def apply(self) -> None:
        self.decision_id = add_decision(self.ws, self.subject, self.text, self.rationale).id or 0

    def revert(self) -> None:
        remove_item(self.ws, self.subject, "decision", self.decision_id)


class AddActionCommand(StoreCommand):
    """Add an action to a draft; undo takes it off again."""

    def __init__(
        self, ws: Workspace, record_id: int, text: str, owner: str, due: str, notify: Notify
    ) -> None:
        super().__init__(ws, record_id, notify, f"Add action '{text[:40]}'")
        self.text, self.owner, self.due = text, owner, due
        self.action_id = 0

    def apply(self) -> None:
        self.action_id = add_action(self.ws, self.subject, self.text, self.owner, self.due).id or 0

    def revert(self) -> None:
        remove_item(self.ws, self.subject, "action", self.action_id)


class ActionStatusCommand(StoreCommand):
    """Mark an action done (or open again); undo records the opposite on the same day."""

    def __init__(
        self,
        ws: Workspace,
        record_id: int,
        action_id: int,
        status: str,
        day: str,
        by: str,
        notify: Notify,
    ) -> None:
        super().__init__(ws, record_id, notify, f"Mark action {action_id} {status}")
        self.action_id, self.status, self.day, self.by = action_id, status, day, by

    def apply(self) -> None:
        set_action_status(self.ws, self.action_id, self.status, self.day, self.by)

    def revert(self) -> None:
        opposite = "open" if self.status == "done" else "done"
        set_action_status(
            self.ws, self.action_id, opposite, self.day, self.by, "undone (Edit › Undo)"
        )
