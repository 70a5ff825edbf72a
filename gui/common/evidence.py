"""Linking chronology entries to a risk as evidence, as one undoable action.

Both the risk editor and the entry editor link evidence, so the command lives here, under both.
"""

from __future__ import annotations

from chronology.workspace import Workspace
from gui.common.undo import Notify, StoreCommand
from summary.risks import add_evidence, get_risk, remove_evidence


class EvidenceCommand(StoreCommand):
    """Link entries to a risk (and unlink others); undo does the reverse, keeping the history."""

    def __init__(
        self,
        ws: Workspace,
        risk_id: int,
        added: list[int],
        removed: list[int],
        notify: Notify,
        text: str = "",
    ) -> None:
        linked = set(get_risk(ws, risk_id).evidence)
        # Only what changes: undo must never unlink an entry that was linked before.
        added = [e for e in dict.fromkeys(added) if e not in linked]
        removed = [e for e in dict.fromkeys(removed) if e in linked]
        n = len(added) + len(removed)
        default = (
            f"Link {n} evidence entr{'y' if n == 1 else 'ies'}"
            if not removed
            else f"Change the evidence ({n} entr{'y' if n == 1 else 'ies'})"
        )
        super().__init__(ws, risk_id, notify, text or default)
        self.added, self.removed = added, removed

    @property
    def changes_anything(self) -> bool:
        return bool(self.added or self.removed)

    def apply(self) -> None:
        for entry_id in self.added:
            add_evidence(self.ws, self.subject, entry_id)
        for entry_id in self.removed:
            remove_evidence(self.ws, self.subject, entry_id)

    def revert(self) -> None:
        for entry_id in self.added:
            remove_evidence(self.ws, self.subject, entry_id)
        for entry_id in self.removed:
            add_evidence(self.ws, self.subject, entry_id)
