"""The base of every undoable action: a QUndoCommand calling a core operation and its inverse.

Every change is stored at once (there is no Save); undo stores the inverse change. ``perform``
runs the action first, so a refused change raises to the caller instead of landing on the stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from chronology.workspace import Workspace

Notify = Callable[[int], None]  # called with the subject's id after each change


class StoreCommand(QUndoCommand):
    """Base: ``perform`` applies it once; the push then does not apply it a second time."""

    def __init__(self, ws: Workspace, subject: int, notify: Notify, text: str) -> None:
        super().__init__(text)
        self.ws = ws
        self.subject = subject
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
        self.notify(self.subject)

    def undo(self) -> None:
        self.revert()
        self.notify(self.subject)


def perform(stack: QUndoStack | None, command: StoreCommand) -> None:
    """Do the action now (errors reach the caller), then put it on the undo stack (if any)."""
    command.apply()
    command.notify(command.subject)
    if stack is not None:
        command._applied = True
        stack.push(command)
