"""Atomic file writing: a temporary file beside the target, then one rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from chronology.pending import recorded, sweep_beside


@contextlib.contextmanager
def atomic_target(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target`` in one step.

    On any error the temporary file is deleted and an existing ``target`` is left untouched,
    so a failed or blocked export never leaves a half-written document behind. A disk error
    names ``target`` (never the temporary file). The temporary file is noted in the user's data
    folder while it is written, so that one left by a crash is removed at the next run; it is
    created readable by the user only.
    """
    final = Path(target)
    folder = final.parent if str(final.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(2, "no such folder", str(folder))
    sweep_beside(final)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _naming(exc, final) from None
    os.close(fd)
    tmp = Path(name)
    with recorded(tmp):
        try:
            yield tmp
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, final)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise _naming(exc, final) from None
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise


def _naming(exc: OSError, final: Path) -> OSError:
    """The same error, about the file the user asked for rather than the temporary one."""
    if exc.errno is not None:
        try:
            return type(exc)(exc.errno, exc.strerror, str(final))
        except TypeError:  # a subclass built otherwise
            pass
    return OSError(exc.errno, exc.strerror or str(exc), str(final))


def write_text_atomic(target: str | os.PathLike[str], text: str) -> None:
    """Write a small text file atomically (UTF-8)."""
    with atomic_target(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
