"""Undoable user actions: one QUndoCommand per action, calling a core operation and its inverse.

Every change is stored at once (there is no Save); undo stores the inverse change, so the
history of the entry keeps both. ``perform`` runs the action first, so a refused edit raises to
the caller instead of landing on the stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from chronology.entries import link_duplicate, set_status, unlink_duplicate, update_entry
from chronology.models import EntryStatus
from chronology.workspace import Workspace

Notify = Callable[[int], None]  # called with the entry id after each change

_LABELS = {
    "significance": "significance",
    "in_court": "court chronology flag",
    "analysis": "analysis",
    "action": "action",
    "outcome": "outcome",
    "confidential": "confidential flag",
    "summary": "summary",
    "text": "text",
    "type": "type",
    "agency": "agency",
    "author": "author",
}


class EntryCommand(QUndoCommand):
    """Base: applies on push only if it has not been applied already."""

    def __init__(self, ws: Workspace, entry_id: int, notify: Notify, text: str) -> None:
        super().__init__(text)
        self.ws = ws
        self.entry_id = entry_id
        self.notify = notify
        self._applied = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._applied:  # perform() already did it
            self._applied = False
            return
        self.apply()
        self.notify(self.entry_id)

    def undo(self) -> None:
        self.revert()
        self.notify(self.entry_id)


class EditEntryCommand(EntryCommand):
    """Change editable fields of one entry (significance, court flag, analysis...)."""

    def __init__(
        self,
        ws: Workspace,
        entry_id: int,
        old: dict[str, object],
        new: dict[str, object],
        notify: Notify,
    ) -> None:
        names = ", ".join(_LABELS.get(k, k) for k in new)
        super().__init__(ws, entry_id, notify, f"Edit {names}")
        self.old = old
        self.new = new

    def apply(self) -> None:
        update_entry(self.ws, self.entry_id, **self.new)

    def revert(self) -> None:
        update_entry(self.ws, self.entry_id, **self.old)


class SetStatusCommand(EntryCommand):
    """Withdraw an entry with a reason, or reinstate it."""

    def __init__(
        self,
        ws: Workspace,
        entry_id: int,
        old: tuple[EntryStatus, str],
        new: tuple[EntryStatus, str],
        notify: Notify,
    ) -> None:
        verb = "Withdraw entry" if new[0] == EntryStatus.WITHDRAWN else "Reinstate entry"
        super().__init__(ws, entry_id, notify, verb)
        self.old = old
        self.new = new

    def apply(self) -> None:
        set_status(self.ws, self.entry_id, self.new[0], self.new[1])

    def revert(self) -> None:
        set_status(self.ws, self.entry_id, self.old[0], self.old[1])


class UnlinkDuplicateCommand(EntryCommand):
    """Separate an entry from its duplicate cluster (the link was wrong)."""

    def __init__(self, ws: Workspace, entry_id: int, root: int, notify: Notify) -> None:
        super().__init__(ws, entry_id, notify, "Separate from duplicate")
        self.root = root

    def apply(self) -> None:
        unlink_duplicate(self.ws, self.entry_id)

    def revert(self) -> None:
        link_duplicate(self.ws, self.entry_id, self.root)


def perform(stack: QUndoStack, command: EntryCommand) -> None:
    """Do the action now (errors reach the caller), then put it on the undo stack."""
    command.apply()
    command.notify(command.entry_id)
    command._applied = True
    stack.push(command)
