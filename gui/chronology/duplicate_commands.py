"""Undoable decisions on possible duplicates: one QUndoCommand per decision.

Each calls the core's decision (``confirm_pair`` / ``reject_pair``), which records it in the
history, and its exact inverse (``revert``) on undo.
"""

from __future__ import annotations

from chronology.duplicate_pairs import PairChange, confirm_pair, reject_pair, revert
from chronology.workspace import Workspace
from gui.common.undo import Notify, StoreCommand


class PairDecisionCommand(StoreCommand):
    """Confirm a possible duplicate (link the two entries) or reject it (different events)."""

    def __init__(self, ws: Workspace, pair_id: int, same_event: bool, notify: Notify) -> None:
        text = "Link possible duplicate" if same_event else "Mark possible duplicate as different"
        super().__init__(ws, pair_id, notify, text)
        self.same_event = same_event
        self.change: PairChange | None = None

    def apply(self) -> None:
        decide = confirm_pair if self.same_event else reject_pair
        self.change = decide(self.ws, self.subject)

    def revert(self) -> None:
        if self.change is not None:
            revert(self.ws, self.change)
