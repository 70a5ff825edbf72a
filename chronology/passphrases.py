"""The passphrases of encrypted workspaces, for this process only.

A window asks once and its background workers open their own connections (a SQLite connection
never crosses threads), so the passphrase typed for a workspace is kept here, in memory, until
the program ends; scripts give it in THROUGHLINE_PASSPHRASE. It is never written anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

ENVIRONMENT = "THROUGHLINE_PASSPHRASE"
_known: dict[str, str] = {}


def _key(path: str | os.PathLike[str]) -> str:
    return str(Path(path).expanduser().resolve())


def remember(path: str | os.PathLike[str], passphrase: str) -> None:
    """Keep a workspace's passphrase for this process (its workers open the file again)."""
    _known[_key(path)] = passphrase


def forget(path: str | os.PathLike[str]) -> None:
    _known.pop(_key(path), None)


def known(path: str | os.PathLike[str]) -> str | None:
    """The passphrase typed for this workspace, else THROUGHLINE_PASSPHRASE, else None."""
    return _known.get(_key(path)) or from_environment()


def from_environment() -> str | None:
    return os.environ.get(ENVIRONMENT) or None
