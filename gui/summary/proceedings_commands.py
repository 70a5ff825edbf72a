"""Undoable changes to proceedings periods: one QUndoCommand per change.

Each calls the core (which records it in the history); undo puts the period back as it was
(``restore_period``), or takes an added period out again (rejected, kept in the history).
"""

from __future__ import annotations

from dataclasses import replace

from chronology.proceedings import (
    ProceedingsPeriod,
    add_period,
    confirm_period,
    edit_period,
    get_period,
    reject_period,
    restore_period,
)
from chronology.workspace import Workspace
from gui.common.undo import Notify, StoreCommand


class PeriodCommand(StoreCommand):
    """Base: remembers the period as it was, and puts it back on undo."""

    def __init__(self, ws: Workspace, period_id: int, notify: Notify, text: str) -> None:
        super().__init__(ws, period_id, notify, text)
        self.before: ProceedingsPeriod = get_period(ws, period_id)

    def revert(self) -> None:
        restore_period(self.ws, self.before)


class ConfirmPeriodCommand(PeriodCommand):
    def __init__(self, ws: Workspace, period_id: int, notify: Notify) -> None:
        super().__init__(ws, period_id, notify, "Confirm proceedings period")

    def apply(self) -> None:
        confirm_period(self.ws, self.subject)


class EditPeriodCommand(PeriodCommand):
    def __init__(
        self, ws: Workspace, period_id: int, changes: dict[str, object], notify: Notify
    ) -> None:
        super().__init__(ws, period_id, notify, "Edit proceedings period")
        self.changes = changes

    def apply(self) -> None:
        edit_period(self.ws, self.subject, **self.changes)


class RejectPeriodCommand(PeriodCommand):
    def __init__(self, ws: Workspace, period_id: int, reason: str, notify: Notify) -> None:
        super().__init__(ws, period_id, notify, "Reject proceedings period")
        self.reason = reason

    def apply(self) -> None:
        reject_period(self.ws, self.subject, self.reason)


class AddPeriodCommand(StoreCommand):
    """Record a period the worker knows of; undo takes it out again (rejected, not deleted)."""

    def __init__(self, ws: Workspace, case_id: int, period: ProceedingsPeriod, notify: Notify):
        super().__init__(ws, 0, notify, "Add proceedings period")
        self.case_id = case_id
        self.period = period
        self.added: ProceedingsPeriod | None = None

    def apply(self) -> None:
        p = self.period
        if self.added is None:
            self.added = add_period(
                self.ws, self.case_id, p.type, p.start, p.end, p.end_reason, p.court,
                p.case_number,
            )  # fmt: skip
            self.subject = self.added.id or 0
        else:  # redo after undo: the same period back
            restore_period(self.ws, self.added)

    def revert(self) -> None:
        if self.added is not None:
            taken = replace(get_period(self.ws, self.subject), status="rejected")
            restore_period(self.ws, taken)
