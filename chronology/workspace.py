"""The workspace: one SQLite file holding a caseload, opened and migrated safely."""

from __future__ import annotations

import getpass
import json
import logging
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import sqlite_utils

from chronology.history_chain import append as append_history
from chronology.integrity import CHECKPOINT_EVERY, IntegrityReport, save_checkpoint, verify
from chronology.protected_paths import backup_dir_for, protected_paths, refuse_protected
from chronology.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["Workspace", "WorkspaceError", "backup_dir_for", "latest_backup", "restore_backup"]

log = logging.getLogger(__name__)
UK = ZoneInfo("Europe/London")
APP_ID = 0x54484C4E  # "THLN": marks a file as a Throughline workspace


class WorkspaceError(Exception):
    """A workspace that cannot be opened: damaged, foreign, newer, or locked."""


def now_iso() -> str:
    """The current UK local time, to the second, with its offset."""
    return datetime.now(UK).isoformat(timespec="seconds")


def current_user() -> str:
    """Who is making a change, for history (THROUGHLINE_USER overrides the login name)."""
    try:
        return os.environ.get("THROUGHLINE_USER") or getpass.getuser()
    except Exception:  # no login name on some locked-down laptops
        return "unknown"


class Workspace:
    """An open workspace file. One per thread: a SQLite connection never crosses threads."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self.db = sqlite_utils.Database(conn)
        # Set when the check on opening found changes made outside Throughline: the workspace
        # is then open read-only, for inspection.
        self.integrity: IntegrityReport | None = None

    @property
    def read_only(self) -> bool:
        return self.integrity is not None and not self.integrity.ok

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, create: bool = True, check: bool = True
    ) -> Workspace:
        """Open (or create) the workspace at ``path``, migrating it after a backup.

        ``check`` verifies the history chain, signed supervisions and risk reviews; a workspace
        changed outside Throughline opens read-only, with ``integrity`` saying what changed.
        """
        p = Path(path).expanduser()
        existed = p.exists() and p.stat().st_size > 0
        if not existed and not create:
            raise WorkspaceError(f"{p}: no workspace file there")
        if existed:
            _check_header(p)
        p.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(p, isolation_level=None, check_same_thread=False)
            ws = cls(conn, p)
            ws._configure()
            ws._migrate(backup=existed)
            if check:
                ws._check_on_open()
        except sqlite3.DatabaseError as exc:
            raise WorkspaceError(
                f"{p}: the workspace file is damaged or is not a Throughline workspace ({exc})"
            ) from None
        return ws

    def _check_on_open(self) -> None:
        report = verify(self.conn)
        self.integrity = report
        if not report.ok:
            log.warning("workspace changed outside Throughline: opened read-only")
            # Nothing may be written to the workspace itself; the window's own scratch tables
            # (in the temp database) still work, so it can be looked at as usual.
            self.conn.set_authorizer(_read_only_authorizer)
            return
        if report.history_rows - report.checked_from >= CHECKPOINT_EVERY:
            try:
                with self.transaction():
                    save_checkpoint(self.conn, now_iso())
            except sqlite3.Error:  # a read-only file or a busy workspace: check it all next time
                pass

    def check(self) -> IntegrityReport:
        """Check everything (the whole history chain); a workspace in order gets a checkpoint."""
        report = verify(self.conn, full=True)
        if report.ok and not self.read_only:
            with self.transaction():
                save_checkpoint(self.conn, now_iso())
        return report

    @classmethod
    def memory(cls) -> Workspace:
        """A throwaway in-memory workspace (tests, previews)."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        ws = cls(conn, None)
        ws._configure()
        ws._migrate(backup=False)
        return ws

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _configure(self) -> None:
        c = self.conn
        if self.path is not None:
            c.execute("PRAGMA journal_mode=WAL")
        c.execute("PRAGMA synchronous=FULL")
        c.execute("PRAGMA foreign_keys=ON")
        c.execute("PRAGMA busy_timeout=5000")
        c.execute("PRAGMA cache_size=-65536")  # 64 MB: bulk imports touch many index pages

    def _migrate(self, *, backup: bool) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        if version == 0 and app_id == 0:
            tables = self.conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table'"
            ).fetchone()[0]
            if tables:
                raise WorkspaceError(
                    f"{self.path}: this SQLite file belongs to another program, "
                    "not a Throughline workspace"
                )
        elif app_id != APP_ID:
            raise WorkspaceError(f"{self.path}: this SQLite file is not a Throughline workspace")
        if version > SCHEMA_VERSION:
            raise WorkspaceError(
                f"{self.path}: made by a newer Throughline (schema {version}); "
                f"this one reads up to {SCHEMA_VERSION}. Update Throughline to open it."
            )
        if version == SCHEMA_VERSION:
            return
        if backup and self.path is not None:
            self.backup(reason=f"before-migration-v{version}")
        with self.transaction():
            for number in range(version + 1, SCHEMA_VERSION + 1):
                step = MIGRATIONS[number - 1]
                if callable(step):
                    step(self.conn)
                else:
                    for statement in _split_sql(step):
                        self.conn.execute(statement)
                log.info("workspace migrated to schema %d", number)
            self.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            self.conn.execute(f"PRAGMA application_id={APP_ID}")

    # ------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: commit on success, roll back on any error (nested calls join)."""
        if self.read_only:
            assert self.integrity is not None
            raise WorkspaceError(
                f"{self.path}: this workspace was {self.integrity.summary()}; it is open "
                "read-only for inspection. Nothing can be changed: restore a backup "
                "(workspace restore) or ask whoever looks after the team's records"
            )
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # ----------------------------------------------------------------- backups
    def backup(self, *, reason: str = "manual", dest: Path | None = None) -> Path:
        """Copy the workspace with SQLite's online backup; returns the copy's path."""
        if self.path is None:
            raise WorkspaceError("an in-memory workspace has no file to back up")
        if dest is None:
            folder = backup_dir_for(self.path)
            folder.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now(UK).strftime("%Y%m%d-%H%M%S")
            dest = folder / f"{self.path.stem}-{stamp}-{reason}.db"
        else:
            refuse_protected(dest, self.path, "backup")
            if dest.exists():
                raise WorkspaceError(
                    f"{dest}: a file of that name already exists; a backup never writes over "
                    "another file. Choose a new name."
                )
        target = sqlite3.connect(dest)
        try:
            self.conn.backup(target)
        finally:
            target.close()
        return dest

    def daily_backup(self, keep: int = 7) -> Path | None:
        """Take the day's automatic backup if there is none yet; keep the newest ``keep``."""
        if self.path is None:
            return None
        folder = backup_dir_for(self.path)
        today = datetime.now(UK).strftime("%Y%m%d")
        if folder.is_dir() and any(folder.glob(f"{self.path.stem}-{today}-*-daily.db")):
            return None
        has_data = self.conn.execute("SELECT count(*) FROM cases").fetchone()[0]
        if not has_data:
            return None
        copy = self.backup(reason="daily")
        dailies = sorted(folder.glob(f"{self.path.stem}-*-daily.db"))
        for old in dailies[:-keep]:
            old.unlink(missing_ok=True)
        return copy

    # ----------------------------------------------------------------- history
    def record_history(
        self,
        table: str,
        row_id: int,
        action: str,
        old: Any = None,
        new: Any = None,
        who: str | None = None,
    ) -> None:
        """Append one change to the history (old and new as JSON), sealed into the chain."""
        with self.transaction():
            append_history(
                self.conn,
                table,
                row_id,
                action,
                who or current_user(),
                now_iso(),
                None if old is None else json.dumps(old, ensure_ascii=False, default=str),
                None if new is None else json.dumps(new, ensure_ascii=False, default=str),
            )


_WRITES = {
    sqlite3.SQLITE_INSERT,
    sqlite3.SQLITE_UPDATE,
    sqlite3.SQLITE_DELETE,
    sqlite3.SQLITE_CREATE_TABLE,
    sqlite3.SQLITE_CREATE_INDEX,
    sqlite3.SQLITE_CREATE_TRIGGER,
    sqlite3.SQLITE_CREATE_VIEW,
    sqlite3.SQLITE_DROP_TABLE,
    sqlite3.SQLITE_DROP_INDEX,
    sqlite3.SQLITE_DROP_TRIGGER,
    sqlite3.SQLITE_DROP_VIEW,
    sqlite3.SQLITE_ALTER_TABLE,
    sqlite3.SQLITE_CREATE_VTABLE,
    sqlite3.SQLITE_DROP_VTABLE,
}


def _read_only_authorizer(
    action: int, _arg1: str | None, _arg2: str | None, db: str | None, _trigger: str | None
) -> int:
    """Refuse every change to the main database (the temp database stays writable)."""
    if action in _WRITES and db == "main":
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _split_sql(script: str) -> list[str]:
    """Split a migration script into statements (triggers keep their inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise WorkspaceError(f"{path}: cannot be read ({exc.strerror})") from None
    if head != b"SQLite format 3\x00":
        raise WorkspaceError(
            f"{path}: not a Throughline workspace (the file is damaged, encrypted, "
            "or of another kind)"
        )


def latest_backup(path: str | os.PathLike[str]) -> Path | None:
    """The newest automatic backup of a workspace, if any."""
    folder = backup_dir_for(Path(path))
    if not folder.is_dir():
        return None
    copies = sorted(folder.glob("*.db"), key=lambda p: p.stat().st_mtime)
    return copies[-1] if copies else None


def restore_backup(backup: Path, path: str | os.PathLike[str]) -> Path | None:
    """Replace a workspace with a backup copy, safely; returns where the old file was kept.

    The copy is written to a temporary file beside the workspace and checked before anything
    is replaced; the workspace as it was is first copied into its backups folder, so a restore
    can itself be undone. A source that is the workspace itself is refused.
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
    staging = target.with_name(f".{target.name}.restoring")
    staging.unlink(missing_ok=True)
    try:
        shutil.copy2(source, staging)
        _verify_copy(staging, source)
        kept: Path | None = None
        if target.exists() and target.stat().st_size > 0:
            kept = _keep_aside(target)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(staging, target)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    return kept


def _same(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _verify_copy(copy: Path, source: Path) -> None:
    """Refuse a copy that is not a sound Throughline workspace (checked before any replace)."""
    _check_header(copy)
    try:
        conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(
            f"{source}: the backup is damaged ({exc}); nothing was changed"
        ) from None
    if ok != "ok":
        raise WorkspaceError(f"{source}: the backup is damaged ({ok}); nothing was changed")
    if app_id not in (APP_ID, 0):
        raise WorkspaceError(f"{source}: not a Throughline backup; nothing was changed")


def _keep_aside(target: Path) -> Path:
    """Copy the workspace as it is into its backups folder before it is replaced."""
    folder = backup_dir_for(target)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UK).strftime("%Y%m%d-%H%M%S")
    dest = folder / f"{target.stem}-{stamp}-before-restore.db"
    try:
        src = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(dest)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError:
        # A damaged workspace cannot be read by SQLite: keep its bytes as they are.
        dest = dest.with_suffix(".damaged")
        shutil.copy2(target, dest)
    return dest
