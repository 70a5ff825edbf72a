"""Temporary files being written, recorded so that an interrupted write is cleaned up later.

An export or a backup is written to a hidden temporary file beside its target and renamed into
place. If the laptop dies or the program is killed in between, the temporary file stays (it can
be tens of megabytes of case data). Each one is noted in the user's data folder while it is
written; at the next run, notes left by a process that is gone are swept with their files.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from chronology.paths import data_dir

log = logging.getLogger(__name__)
STALE_AFTER = 3600.0  # a temporary file beside an output, unrecorded, older than this: left over


def _folder() -> Path:
    return data_dir() / "pending-writes"


@contextlib.contextmanager
def recorded(temporary: Path) -> Iterator[None]:
    """Note ``temporary`` while it is written; the note goes when the block ends."""
    note: Path | None = None
    try:
        folder = _folder()
        folder.mkdir(parents=True, exist_ok=True)
        note = folder / f"{os.getpid()}-{uuid.uuid4().hex}.txt"
        note.write_text(str(Path(temporary).resolve()), encoding="utf-8")
    except OSError:  # a locked-down data folder must not stop the export itself
        note = None
    try:
        yield
    finally:
        if note is not None:
            with contextlib.suppress(OSError):
                note.unlink()


def sweep() -> list[Path]:
    """Remove the temporary files of writes whose process is gone; returns what was removed."""
    removed: list[Path] = []
    try:
        notes = list(_folder().glob("*.txt"))
    except OSError:
        return removed
    for note in notes:
        try:
            pid = int(note.name.split("-", 1)[0])
        except ValueError:
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        try:
            target = Path(note.read_text(encoding="utf-8").strip())
            if _looks_temporary(target) and target.is_file():
                target.unlink()
                removed.append(target)
            note.unlink()
        except OSError as exc:
            log.info("a left-over temporary file could not be removed: %s", type(exc).__name__)
    if removed:
        log.info("removed %d temporary file(s) left by an interrupted write", len(removed))
    return removed


def sweep_beside(target: Path) -> list[Path]:
    """Remove hidden temporary copies of ``target`` older than an hour (left by a crash)."""
    removed: list[Path] = []
    folder = target.parent if str(target.parent) else Path(".")
    try:
        candidates = list(folder.glob(f".{_glob_escape(target.name)}.*.tmp"))
    except OSError:
        return removed
    now = time.time()
    for path in candidates:
        try:
            if now - path.stat().st_mtime > STALE_AFTER:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def _looks_temporary(path: Path) -> bool:
    """Only a hidden ``.NAME.*.tmp`` file is ever removed from a note (never anything else)."""
    return path.name.startswith(".") and path.name.endswith(".tmp")


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


def _alive(pid: int) -> bool:
    """Whether a process with this id is running (a reused id only delays the sweep)."""
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_copy(dest: Path, write: Callable[[Path], None]) -> None:
    """Write a database file through a temporary one beside it, renamed into place when whole.

    The temporary file is made readable by the user only and noted while it is written, so
    that one left by a crash is removed at the next run.
    """
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    tmp = Path(name)
    with recorded(tmp):
        try:
            write(tmp)
            os.replace(tmp, dest)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
