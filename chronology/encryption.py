"""Encrypting a workspace at rest, and changing its passphrase, with its backups alongside.

A plain workspace is copied into an encrypted file (SQLCipher's export), checked, and put in
its place; every backup in its backups folder is encrypted the same way, so no plaintext copy of
the caseload is left there. Changing the passphrase re-encrypts the workspace and its backups.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from chronology import passphrases
from chronology.database import APP_ID, WrongKey, connect, encrypt_copy, header_kind, rekey
from chronology.pending import write_copy
from chronology.protected_paths import backup_dir_for
from chronology.schema import SCHEMA_VERSION
from chronology.workspace import Workspace
from chronology.workspace_errors import WorkspaceError, WrongPassphrase

log = logging.getLogger(__name__)
MIN_PASSPHRASE = 8


@dataclass
class EncryptionReport:
    """What was encrypted or re-keyed: the workspace, and how many backups."""

    path: Path
    created: bool = False
    backups: int = 0
    skipped: list[Path] = field(default_factory=list)  # backups that could not be converted


def check_passphrase(passphrase: str) -> str:
    """A passphrase long enough to protect a caseload (spaces and quotes are welcome)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValueError(
            f"a passphrase needs at least {MIN_PASSPHRASE} characters; a few words together "
            "are easy to remember and hard to guess"
        )
    return passphrase


def encrypt_workspace(path: str | os.PathLike[str], passphrase: str) -> EncryptionReport:
    """Encrypt a plain workspace (or create an encrypted one) and its backups."""
    check_passphrase(passphrase)
    p = Path(path).expanduser()
    report = EncryptionReport(p)
    if not p.exists() or p.stat().st_size == 0:
        Workspace.open(p, passphrase=passphrase).close()
        report.created = True
        return report
    try:
        kind = header_kind(p)
    except OSError as exc:
        raise WorkspaceError(f"{p}: cannot be read ({exc.strerror})") from None
    if kind == "encrypted":
        raise WorkspaceError(
            f"{p}: this workspace is already encrypted; to change its passphrase use "
            "'throughline workspace rekey'"
        )
    # Open it once as it is: migrated, checked, copied (the copy is encrypted with the other
    # backups below), and its write-ahead log folded into the file.
    with Workspace.open(p, create=False) as ws:
        ws.backup(reason="before-encryption")
        ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    write_copy(p, lambda tmp: _encrypted_and_checked(p, tmp, passphrase))
    for suffix in ("-wal", "-shm"):
        Path(str(p) + suffix).unlink(missing_ok=True)
    passphrases.remember(p, passphrase)
    _each_backup(p, report, lambda b: write_copy(b, lambda t: encrypt_copy(b, t, passphrase)))
    log.info("workspace encrypted with %d backup(s)", report.backups)
    return report


def _encrypted_and_checked(plain: Path, tmp: Path, passphrase: str) -> None:
    encrypt_copy(plain, tmp, passphrase)
    conn = connect(tmp, passphrase)
    try:
        ok = conn.execute("PRAGMA quick_check").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()
    if ok != "ok" or version != SCHEMA_VERSION or app_id != APP_ID:
        raise WorkspaceError(
            f"{plain}: the encrypted copy did not check out ({ok}); the workspace was not changed"
        )


def rekey_workspace(path: str | os.PathLike[str], old: str, new: str) -> EncryptionReport:
    """Change an encrypted workspace's passphrase, and its backups' with it."""
    check_passphrase(new)
    p = Path(path).expanduser()
    if not p.exists() or header_kind(p) != "encrypted":
        raise WorkspaceError(
            f"{p}: this workspace is not encrypted; encrypt it with 'throughline workspace encrypt'"
        )
    with Workspace.open(p, create=False, passphrase=old) as ws:
        ws.backup(reason="before-new-passphrase")  # re-keyed with the others below
        rekey(ws.conn, new)
    passphrases.remember(p, new)
    report = EncryptionReport(p)

    def rekey_backup(backup: Path) -> None:
        if header_kind(backup) != "encrypted":
            write_copy(backup, lambda t: encrypt_copy(backup, t, new))
            return
        conn = connect(backup, old)
        try:
            rekey(conn, new)
        finally:
            conn.close()

    _each_backup(p, report, rekey_backup)
    log.info("workspace passphrase changed with %d backup(s)", report.backups)
    return report


def _each_backup(path: Path, report: EncryptionReport, convert: Callable[[Path], None]) -> None:
    folder = backup_dir_for(path)
    if not folder.is_dir():
        return
    for backup in sorted(folder.glob("*.db")):
        try:
            convert(backup)
            report.backups += 1
        except (WrongKey, WrongPassphrase, sqlite3.DatabaseError, OSError) as exc:
            log.warning("a backup could not be converted: %s", type(exc).__name__)
            report.skipped.append(backup)
