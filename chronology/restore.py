"""Putting a backup back in place of a workspace, safely (and undoably)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from chronology import passphrases
from chronology.database import APP_ID, WrongKey, connect, copy_into, header_kind
from chronology.pending import write_copy
from chronology.protected_paths import backup_dir_for, protected_paths
from chronology.workspace_errors import WorkspaceError

UK = ZoneInfo("Europe/London")


def restore_backup(
    backup: Path, path: str | os.PathLike[str], passphrase: str | None = None
) -> Path | None:
    """Replace a workspace with a backup copy, safely; returns where the old file was kept.

    The copy is written to a temporary file beside the workspace and checked before anything
    is replaced; the workspace as it was is first copied into its backups folder, so a restore
    can itself be undone. A source that is the workspace itself is refused. An encrypted backup
    is checked with the workspace's passphrase (given, typed earlier, or in the environment).
    """
    target = Path(path).expanduser()
    source = Path(backup).expanduser()
    for guarded in protected_paths(target):
        if _same(source, guarded):
            raise WorkspaceError(
                f"{source}: that is the workspace itself, not a backup of it; nothing was changed"
            )
    if not source.is_file():
        raise WorkspaceError(f"{source}: no backup file there; nothing was changed")
    key = passphrase or passphrases.known(target)

    def checked_copy(staging: Path) -> None:
        shutil.copyfile(source, staging)
        _verify_copy(staging, source, key)

    kept: Path | None = None
    staging_dir = target.parent
    staging_dir.mkdir(parents=True, exist_ok=True)

    def put_in_place(staging: Path) -> None:
        nonlocal kept
        checked_copy(staging)
        if target.exists() and target.stat().st_size > 0:
            kept = _keep_aside(target, key)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)

    write_copy(target, put_in_place)
    return kept


def _same(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _verify_copy(copy: Path, source: Path, passphrase: str | None) -> None:
    """Refuse a copy that is not a sound Throughline workspace (checked before any replace)."""
    try:
        kind = header_kind(copy)
    except OSError as exc:
        raise WorkspaceError(f"{source}: cannot be read ({exc.strerror})") from None
    if kind not in ("sqlite", "encrypted"):
        raise WorkspaceError(
            f"{source}: not a Throughline backup (the file is damaged or of another kind); "
            "nothing was changed"
        )
    if kind == "encrypted" and not passphrase:
        raise WorkspaceError(
            f"{source}: the backup is encrypted: give the workspace's passphrase "
            f"({passphrases.ENVIRONMENT}); nothing was changed"
        )
    try:
        conn = connect(copy, passphrase if kind == "encrypted" else None, read_only=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        finally:
            conn.close()
    except WrongKey:
        raise WorkspaceError(
            f"{source}: the passphrase does not open this backup (or it is damaged); "
            "nothing was changed"
        ) from None
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(
            f"{source}: the backup is damaged ({exc}); nothing was changed"
        ) from None
    if ok != "ok":
        raise WorkspaceError(f"{source}: the backup is damaged ({ok}); nothing was changed")
    if app_id not in (APP_ID, 0):
        raise WorkspaceError(f"{source}: not a Throughline backup; nothing was changed")


def _keep_aside(target: Path, passphrase: str | None) -> Path:
    """Copy the workspace as it is into its backups folder before it is replaced."""
    folder = backup_dir_for(target)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UK).strftime("%Y%m%d-%H%M%S")
    dest = folder / f"{target.stem}-{stamp}-before-restore.db"
    try:
        kind = header_kind(target)
        key = passphrase if kind == "encrypted" else None
        if kind not in ("sqlite", "encrypted") or (kind == "encrypted" and not key):
            raise sqlite3.DatabaseError("unreadable")
        src = connect(target, key, read_only=True)
        try:
            write_copy(dest, lambda tmp: copy_into(src, tmp, key))
        finally:
            src.close()
    except (sqlite3.DatabaseError, WrongKey):
        # A damaged workspace cannot be read by SQLite: keep its bytes as they are (an
        # encrypted one stays encrypted).
        dest = dest.with_suffix(".damaged")
        write_copy(dest, lambda tmp: shutil.copyfile(target, tmp))
    return dest
