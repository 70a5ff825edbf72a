"""The workspace: one SQLite file holding a caseload, opened and migrated safely."""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import sqlite_utils

from chronology import passphrases
from chronology.database import APP_ID, WrongKey, connect, copy_into, header_kind
from chronology.history_chain import append as append_history
from chronology.integrity import CHECKPOINT_EVERY, IntegrityReport, save_checkpoint, verify
from chronology.pending import write_copy
from chronology.protected_paths import backup_dir_for, refuse_protected
from chronology.schema import MIGRATIONS, SCHEMA_VERSION
from chronology.storage import BUSY, disk_problem
from chronology.workspace_checks import checked_today, location_warning, mark_checked
from chronology.workspace_errors import (
    PassphraseNeeded,
    WorkspaceBusy,
    WorkspaceDamaged,
    WorkspaceError,
    WrongPassphrase,
)

__all__ = [
    "PassphraseNeeded",
    "Workspace",
    "WorkspaceBusy",
    "WorkspaceDamaged",
    "WorkspaceError",
    "WrongPassphrase",
    "backup_dir_for",
    "latest_backup",
    "restore_backup",
]

log = logging.getLogger(__name__)
UK = ZoneInfo("Europe/London")
Asker = Callable[[Path], "str | None"]  # asks the user for an encrypted workspace's passphrase


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

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, passphrase: str | None = None
    ) -> None:
        self.conn = conn
        self.path = path
        self.passphrase = passphrase  # an encrypted workspace's, for its backups (memory only)
        self.warnings: list[str] = []  # said once when it opens: a synced folder, a network
        self.db = sqlite_utils.Database(conn)
        # Set when the check on opening found changes made outside Throughline: the workspace
        # is then open read-only, for inspection.
        self.integrity: IntegrityReport | None = None

    @property
    def read_only(self) -> bool:
        return self.integrity is not None and not self.integrity.ok

    @property
    def encrypted(self) -> bool:
        return self.passphrase is not None

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        passphrase: str | None = None,
        ask: Asker | None = None,
        check: bool = True,
        quick_check: bool = True,
    ) -> Workspace:
        """Open (or create) the workspace at ``path``, migrating it after a backup.

        An encrypted workspace takes ``passphrase``, else the one already typed in this
        process or THROUGHLINE_PASSPHRASE, else ``ask``'s answer. A new workspace is created
        encrypted when a passphrase is given (or set in THROUGHLINE_PASSPHRASE). ``quick_check``:
        SQLite's check of every page, once a day per workspace (it reads the whole file).
        ``check`` verifies the history chain, signed supervisions and risk reviews; a workspace
        changed outside Throughline opens read-only, with ``integrity`` saying what changed.
        """
        p = Path(path).expanduser()
        existed = p.exists() and p.stat().st_size > 0
        if not existed and not create:
            raise WorkspaceError(f"{p}: no workspace file there")
        key: str | None
        if existed:
            if _check_header(p) == "encrypted":
                key = passphrase or passphrases.known(p) or (ask(p) if ask else None)
                if not key:
                    raise PassphraseNeeded(
                        f"{p}: this workspace is encrypted: give its passphrase (in "
                        f"{passphrases.ENVIRONMENT}, or at the prompt when run in a terminal)"
                    )
            else:
                key = None
        else:
            key = passphrase if passphrase is not None else passphrases.from_environment()
            p.parent.mkdir(parents=True, exist_ok=True)
            _create_owner_only(p)  # SQLite gives its -wal and -shm files the same permissions
        _owner_only(p)
        try:
            conn = connect(p, key)
        except WrongKey:
            raise WrongPassphrase(f"{p}: wrong passphrase or damaged file{_way_back(p)}") from None
        except sqlite3.Error as exc:
            raise _opening_error(p, exc) from None
        try:
            ws = cls(conn, p, key)
            ws._configure()
            ws._migrate(backup=existed)
            if existed and quick_check:
                ws._check_once_a_day()
            if check:
                ws._check_on_open()
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.Error):
                raise _opening_error(p, exc) from None
            raise
        if key:
            passphrases.remember(p, key)
        warning = location_warning(p)
        if warning:
            ws.warnings.append(warning)
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

    def _check_once_a_day(self) -> None:
        """SQLite's quick check of every page, the first time the workspace opens each day."""
        assert self.path is not None
        if checked_today(self.path):
            return
        result = self.conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            log.warning("workspace failed its quick check")
            raise WorkspaceDamaged(
                f"{self.path}: the workspace file is damaged (SQLite's check found: "
                f"{str(result)[:160]}){_way_back(self.path)}"
            )
        mark_checked(self.path)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _configure(self) -> None:
        c = self.conn
        c.execute("PRAGMA busy_timeout=5000")  # first: another copy may be writing right now
        if self.path is not None:
            c.execute("PRAGMA journal_mode=WAL")
        c.execute("PRAGMA synchronous=FULL")
        c.execute("PRAGMA foreign_keys=ON")
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
            self.conn.execute("COMMIT")
        except BaseException:
            self._roll_back()
            raise

    def _roll_back(self) -> None:
        """Undo an unfinished transaction; SQLite may already have (a full disk, an I/O error),
        and a failed rollback must not hide the error that caused it."""
        if not self.conn.in_transaction:
            return
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error as exc:
            log.warning("rollback after an error failed: %s", type(exc).__name__)

    # ----------------------------------------------------------------- backups
    def backup(self, *, reason: str = "manual", dest: Path | None = None) -> Path:
        """Copy the workspace with SQLite's online backup; returns the copy's path.

        The copy is written to a temporary file and renamed into place, so an interrupted
        backup never looks like a whole one; an encrypted workspace's copy is encrypted with
        the same passphrase; the copy is readable by the user only.
        """
        if self.path is None:
            raise WorkspaceError("an in-memory workspace has no file to back up")
        if dest is None:
            folder = backup_dir_for(self.path)
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            stamp = datetime.now(UK).strftime("%Y%m%d-%H%M%S")
            dest = folder / f"{self.path.stem}-{stamp}-{reason}.db"
        else:
            refuse_protected(dest, self.path, "backup")
            if dest.exists():
                raise WorkspaceError(
                    f"{dest}: a file of that name already exists; a backup never writes over "
                    "another file. Choose a new name."
                )
        write_copy(dest, lambda tmp: copy_into(self.conn, tmp, self.passphrase))
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


def _create_owner_only(path: Path) -> None:
    """Make a new, empty workspace file readable by the user only, before SQLite opens it."""
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _owner_only(path: Path) -> None:
    """A workspace and its -wal and -shm files are readable by the user only (one made by an
    earlier version is tightened when it opens)."""
    if os.name != "posix":
        return
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            if file.stat().st_mode & 0o077:
                os.chmod(file, 0o600)


def _opening_error(path: Path, exc: sqlite3.Error) -> WorkspaceError:
    """The plain-words error for a workspace SQLite would not open."""
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", 0) or 0
    if (code & 0xFF) in (5, 6) or "locked" in text or "busy" in text:
        return WorkspaceBusy(f"{path}: {BUSY}")
    problem = disk_problem(exc)
    if problem and ("damaged" in problem or "not a Throughline" in problem):
        return WorkspaceDamaged(f"{path}: {problem}{_way_back(path)}")
    if problem:
        return WorkspaceError(f"{path}: {problem}")
    return WorkspaceDamaged(
        f"{path}: the workspace file is damaged or is not a Throughline workspace ({exc})"
        f"{_way_back(path)}"
    )


def _way_back(path: Path) -> str:
    """How to get the workspace back: the latest backup, and the command that restores it."""
    try:
        latest = latest_backup(path)
    except OSError:
        latest = None
    if latest is None:
        return "; there is no backup of it in its backups folder"
    return (
        f"; the latest backup is {latest.name}: restore it with "
        f"'throughline workspace restore --workspace {path}' (the file as it is now is kept)"
    )


def _check_header(path: Path) -> str:
    """'sqlite' or 'encrypted'; WorkspaceDamaged for a file that is neither."""
    try:
        kind = header_kind(path)
    except OSError as exc:
        raise WorkspaceError(f"{path}: cannot be read ({exc.strerror})") from None
    if kind in ("sqlite", "encrypted"):
        return kind
    raise WorkspaceDamaged(
        f"{path}: not a Throughline workspace (the file is damaged or of another kind)"
        f"{_way_back(path)}"
    )


def latest_backup(path: str | os.PathLike[str]) -> Path | None:
    """The newest automatic backup of a workspace, if any."""
    folder = backup_dir_for(Path(path))
    if not folder.is_dir():
        return None
    copies = sorted(folder.glob("*.db"), key=lambda p: p.stat().st_mtime)
    return copies[-1] if copies else None


def restore_backup(
    backup: Path, path: str | os.PathLike[str], passphrase: str | None = None
) -> Path | None:
    """Replace a workspace with a backup, checked first; see chronology.restore."""
    from chronology.restore import restore_backup as restore

    return restore(backup, path, passphrase)
