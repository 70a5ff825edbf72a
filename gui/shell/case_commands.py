"""Undoable corrections of a case's children: a name or a date of birth, kept in history."""

from __future__ import annotations

from chronology.cases import update_child
from chronology.models import Child
from chronology.workspace import Workspace
from gui.common.undo import Notify, StoreCommand


class ChildCommand(StoreCommand):
    """Correct a child's name or date of birth; undo puts back what was there."""

    def __init__(self, ws: Workspace, before: Child, after: Child, notify: Notify) -> None:
        what = "name" if before.dob == after.dob else "date of birth"
        if before.name != after.name and before.dob != after.dob:
            what = "name and date of birth"
        super().__init__(ws, before.id or 0, notify, f"Correct {before.name}'s {what}")
        self.before, self.after = before, after

    def apply(self) -> None:
        update_child(self.ws, self.subject, self.after.name, self.after.dob)

    def revert(self) -> None:
        update_child(self.ws, self.subject, self.before.name, self.before.dob)
