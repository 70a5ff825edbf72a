"""Plain words for what a disk can do wrong: full, over a size limit, read-only, failing, busy.

SQLite and the operating system name these failures in their own terms ("disk I/O error",
"File too large", errno 28); a user needs to know that the disk is full and that nothing was
half-written.
"""

from __future__ import annotations

import errno
import sqlite3

_OS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your share of the disk (quota) is used up",
    errno.EFBIG: "the file grew larger than this disk or account allows",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied (the folder or file cannot be written)",
    errno.EPERM: "permission denied (the folder or file cannot be written)",
    errno.EIO: "the disk failed to read or write (an I/O error: check the drive)",
}
BUSY = (
    "another copy of Throughline, or another command, is using this workspace right now; "
    "wait for it to finish (or close the other window) and try again"
)
# SQLite's primary result codes (sqlite_errorcode & 0xFF) for a storage failure.
_SQLITE = {
    13: "the disk is full",  # SQLITE_FULL
    10: "the disk could not be written or read (disk I/O error: the disk may be full)",
    8: "the workspace file is read-only",  # SQLITE_READONLY
    14: "the workspace file cannot be opened",  # SQLITE_CANTOPEN
    11: "the workspace file is damaged",  # SQLITE_CORRUPT
    26: "the file is damaged or is not a Throughline workspace",  # SQLITE_NOTADB
    5: BUSY,  # SQLITE_BUSY
    6: BUSY,  # SQLITE_LOCKED
}
_SQLITE_WORDS = (
    ("disk is full", 13),
    ("disk i/o error", 10),
    ("readonly database", 8),
    ("unable to open database", 14),
    ("malformed", 11),
    ("file is not a database", 26),
    ("database is locked", 5),
)


def disk_problem(exc: BaseException) -> str | None:
    """What went wrong with the disk, in plain words; None when ``exc`` is something else."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _SQLITE:
            return _SQLITE[code & 0xFF]
        text = str(exc).lower()
        for words, primary in _SQLITE_WORDS:
            if words in text:
                return _SQLITE[primary]
        return None
    if isinstance(exc, OSError) and exc.errno in _OS:
        return _OS[exc.errno]
    return None


def is_disk_full(exc: BaseException) -> bool:
    """True for a full disk or a size limit, whichever layer reported it."""
    problem = disk_problem(exc)
    return problem is not None and ("full" in problem or "larger" in problem or "quota" in problem)
