"""Undoable edits of chronology entries: one QUndoCommand per action (see ``gui/common/undo.py``).

Undo stores the inverse change, so the history of the entry keeps both.
"""

from __future__ import annotations

from chronology.entries import link_duplicate, set_status, unlink_duplicate, update_entry
from chronology.models import EntryStatus
from chronology.workspace import Workspace
from gui.common.undo import Notify, StoreCommand
from gui.common.undo import perform as perform  # re-exported: the entry editor imports it from here

_LABELS = {
    "significance": "significance",
    "in_court": "court chronology flag",
    "analysis": "analysis",
    "action": "action",
    "outcome": "outcome",
    "confidential": "confidential flag",
    "child_voice": "child's voice flag",
    "summary": "summary",
    "text": "text",
    "type": "type",
    "agency": "agency",
    "author": "author",
}


class EntryCommand(StoreCommand):
    """Base of the entry commands: the subject is the entry, notified by its id."""

    @property
    def entry_id(self) -> int:
        return self.subject


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
