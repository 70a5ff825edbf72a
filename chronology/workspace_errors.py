"""Why a workspace cannot be opened or used, each with the way forward in its message."""

from __future__ import annotations


class WorkspaceError(Exception):
    """A workspace that cannot be opened: damaged, foreign, newer, locked or encrypted."""


class PassphraseNeeded(WorkspaceError):
    """The workspace is encrypted and no passphrase was given."""


class WrongPassphrase(WorkspaceError):
    """The passphrase does not open the workspace (or the file is damaged)."""


class WorkspaceBusy(WorkspaceError):
    """Another copy of Throughline, or another command, is writing to the workspace."""


class WorkspaceDamaged(WorkspaceError):
    """The file fails SQLite's check, or is not a workspace at all."""
