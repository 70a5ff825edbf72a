"""A workspace's SQLite file, plain or encrypted at rest with SQLCipher.

An encrypted workspace is opened through ``sqlcipher3`` (SQLite with SQLCipher built in): every
page of the file, its write-ahead log and every backup copy are encrypted with a key derived
from the passphrase; temporary tables and sorts stay in memory. The passphrase is handed to
SQLCipher's key API (``set_key``, ``reset_key``) or bound as a parameter, never spliced into SQL.

sqlcipher3 raises its own exception classes; :func:`bridge_errors` makes each a subclass of the
standard library's, so the app's ``except sqlite3.OperationalError`` and sqlite-utils' own
handlers (``insert(alter=True)``, FTS set-up) catch them from either kind of connection.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

SQLITE_MAGIC = b"SQLite format 3\x00"
APP_ID = 0x54484C4E  # "THLN": marks a file as a Throughline workspace
_ERRORS = (
    "InterfaceError",
    "DatabaseError",
    "DataError",
    "OperationalError",
    "IntegrityError",
    "InternalError",
    "ProgrammingError",
    "NotSupportedError",
)
_bridged = False


class WrongKey(Exception):
    """The passphrase does not open the file (or the file is damaged: SQLCipher cannot tell)."""


def bridge_errors() -> Any:
    """sqlcipher3's module, its exceptions made subclasses of the standard sqlite3 ones."""
    global _bridged
    import sqlcipher3.dbapi2 as cipher

    if not _bridged:
        for name in _ERRORS:
            ours, standard = getattr(cipher, name), getattr(sqlite3, name)
            # Error and Warning derive from Exception itself, whose layout a second base
            # cannot join; every class SQLite raises derives from one of the others.
            if ours.__bases__ != (Exception,) and not issubclass(ours, standard):
                ours.__bases__ = (*ours.__bases__, standard)
        _bridged = True
    return cipher


def connect(
    path: str | os.PathLike[str], passphrase: str | None = None, *, read_only: bool = False
) -> sqlite3.Connection:
    """A connection to ``path`` (autocommit; usable from the thread that opened it and others).

    With a passphrase the file is opened (or created) encrypted, and the key is checked at
    once: :class:`WrongKey` if it does not open the file.
    """
    target = Path(path)
    if passphrase is None:
        if read_only:
            return sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
        return sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    cipher = bridge_errors()
    if read_only:
        conn = cipher.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
    else:
        conn = cipher.connect(str(target), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # never a decryption error on screen
        conn.set_key(passphrase)
        conn.execute("PRAGMA temp_store = MEMORY")  # plaintext never reaches a temporary file
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        if _not_a_database(exc):
            raise WrongKey(str(target)) from None
        raise
    return conn  # type: ignore[no-any-return]


def _not_a_database(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code == 26 or "file is not a database" in str(exc)


def is_encrypted(conn: sqlite3.Connection) -> bool:
    """Whether a connection is SQLCipher's (an encrypted workspace)."""
    return type(conn).__module__.startswith("sqlcipher3")


def header_kind(path: Path) -> str:
    """What a file's first page looks like: 'sqlite', 'encrypted', 'empty' or 'damaged'.

    An encrypted workspace has no readable header: its first page is random-looking bytes
    (a salt, then ciphertext) and its size is a whole number of pages. A damaged or foreign
    file fails one of these.
    """
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head:
        return "empty"
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    size = path.stat().st_size
    if size >= 1024 and size % 512 == 0 and len(head) == 4096 and len(set(head)) >= 200:
        return "encrypted"
    return "damaged"


def copy_into(source: sqlite3.Connection, dest: Path, passphrase: str | None) -> None:
    """Copy a whole database into a new file with SQLite's online backup, keyed the same."""
    if passphrase is None:
        target = sqlite3.connect(dest)
    else:
        target = bridge_errors().connect(str(dest))
        target.execute("PRAGMA cipher_log_level = NONE")
        target.set_key(passphrase)
    try:
        source.backup(target)
    finally:
        target.close()


def encrypt_copy(plain: Path, dest: Path, passphrase: str) -> None:
    """Write an encrypted copy of a plain SQLite file (SQLCipher's export, key bound)."""
    cipher = bridge_errors()
    conn = cipher.connect(str(plain), isolation_level=None)  # no key: read as plain SQLite
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(dest), passphrase))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        # The export copies tables and rows, not the header's numbers: copied here (integers).
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute(f"PRAGMA encrypted.application_id = {int(app_id)}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()


def rekey(conn: sqlite3.Connection, passphrase: str) -> None:
    """Re-encrypt every page of an open encrypted database under a new passphrase."""
    conn.reset_key(passphrase)  # type: ignore[attr-defined]
