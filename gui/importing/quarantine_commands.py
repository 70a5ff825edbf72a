"""Undoable quarantine actions: a row fixed into an entry, or set aside with a reason."""

from __future__ import annotations

from chronology.models import QuarantineRow
from chronology.quarantine import (
    Fix,
    discard_row,
    fix_row,
    refix_row,
    restore_row,
    unfix_row,
)
from chronology.workspace import Workspace
from gui.common.undo import Notify, StoreCommand


def _where(row: QuarantineRow) -> str:
    return f"row {row.row} of {row.source_file}" if row.row is not None else row.source_file


class FixRowCommand(StoreCommand):
    """Make a quarantined row an entry; undo puts it back in quarantine, redo brings it back."""

    def __init__(self, ws: Workspace, row: QuarantineRow, fix: Fix, notify: Notify) -> None:
        super().__init__(ws, row.id or 0, notify, f"Fix {_where(row)}")
        self.fix = fix
        self.entry_id: int | None = None

    def apply(self) -> None:
        if self.entry_id is None:
            self.entry_id = fix_row(self.ws, self.subject, self.fix).id
        else:
            refix_row(self.ws, self.subject)

    def revert(self) -> None:
        unfix_row(self.ws, self.subject)


class DiscardRowCommand(StoreCommand):
    """Set a quarantined row aside with a reason; undo lets it wait again."""

    def __init__(self, ws: Workspace, row: QuarantineRow, reason: str, notify: Notify) -> None:
        super().__init__(ws, row.id or 0, notify, f"Discard {_where(row)}")
        self.reason = reason

    def apply(self) -> None:
        discard_row(self.ws, self.subject, self.reason)

    def revert(self) -> None:
        restore_row(self.ws, self.subject)
