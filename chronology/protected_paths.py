"""Paths no command may write over: the workspace, its sidecar files and its backups.

An export, a backup copy or a restore that names one of these would destroy the record it was
meant to serve, so every writer asks :func:`refuse_protected` first.
"""

from __future__ import annotations

import os
from pathlib import Path

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
SQLITE_MAGIC = b"SQLite format 3\x00"
ENCRYPTED_PAGE = 4096  # an SQLCipher file is whole pages of ciphertext from its first byte
DOCUMENT_MAGICS = (b"PK\x03\x04", b"%PDF")


class ProtectedPathError(ValueError):
    """An output path that would overwrite a workspace or one of its backups."""


def backup_dir_for(path: Path) -> Path:
    """The folder beside a workspace that holds its automatic and manual copies."""
    return path.parent / f"{path.stem}-backups"


def _resolved(path: str | os.PathLike[str]) -> Path:
    return Path(path).expanduser().resolve(strict=False)


def _same_file(a: Path, b: Path) -> bool:
    if a == b:
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def protected_paths(workspace: str | os.PathLike[str]) -> list[Path]:
    """The workspace file and its write-ahead log, shared memory and rollback journal."""
    ws = _resolved(workspace)
    return [ws, *(Path(str(ws) + suffix) for suffix in SIDE_SUFFIXES)]


def is_database_file(path: Path) -> bool:
    """True if ``path`` is an existing workspace or copy of one, plain or encrypted."""
    try:
        with path.open("rb") as fh:
            head = fh.read(ENCRYPTED_PAGE)
        size = path.stat().st_size
    except OSError:
        return False
    return head.startswith(SQLITE_MAGIC) or _looks_encrypted(head, size)


def _looks_encrypted(head: bytes, size: int) -> bool:
    """An SQLCipher file: whole pages, a first page of random-looking bytes, no known header.

    Documents Throughline writes start with a header of their own (a Word file is a zip, a PDF
    says so, a CSV is text), so writing over an earlier export is never refused.
    """
    if head.startswith(DOCUMENT_MAGICS) or len(head) < ENCRYPTED_PAGE:
        return False
    return size % 512 == 0 and len(set(head)) >= 200


def refuse_protected(
    output: str | os.PathLike[str], workspace: str | os.PathLike[str] | None, what: str
) -> None:
    """Raise :class:`ProtectedPathError` if writing ``output`` could destroy a workspace.

    Refused: the workspace itself (or a link to it), its sidecar files, anything inside its
    backups folder, and any existing file that is a database, plain or encrypted (another
    workspace or a backup copy kept elsewhere).
    """
    out = _resolved(output)
    if workspace is not None:
        for guarded in protected_paths(workspace):
            if _same_file(out, guarded):
                raise ProtectedPathError(
                    f"{output}: that is the workspace itself{_side_name(guarded)}; "
                    f"the {what} was not written. Choose another file name."
                )
        folder = backup_dir_for(_resolved(workspace))
        if out.parent == folder or folder in out.parents:
            raise ProtectedPathError(
                f"{output}: that is inside the workspace's backups folder; the {what} was not "
                "written. Choose a file outside it."
            )
    if out.exists() and is_database_file(out):
        raise ProtectedPathError(
            f"{output}: that file is a workspace or a backup copy of one; the {what} was not "
            "written over it. Choose another file name."
        )


def _side_name(path: Path) -> str:
    for suffix in SIDE_SUFFIXES:
        if str(path).endswith(suffix):
            return f" (its {suffix[1:].upper()} file)"
    return ""
