"""Checks made when a workspace opens: its place on disk, and SQLite's own check once a day."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path

from chronology.paths import data_dir

log = logging.getLogger(__name__)

# Folder names that sync programs create; a workspace inside one is copied while it is written.
SYNC_FOLDERS = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "box": "Box",
    "box sync": "Box",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
}
NETWORK_FILESYSTEMS = (
    "nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "fuse.sshfs", "afpfs", "davfs"
)  # fmt: skip


def location_warning(path: Path) -> str | None:
    """A warning when a workspace lies in a synced folder or on a network share, else None."""
    service = sync_service(path)
    if service:
        return (
            f"{path} is inside a {service} folder: sync programs copy a workspace while it is "
            "being written, which can damage it or leave conflicting copies. Keep the "
            "workspace on this computer's own disk; Throughline's backups keep copies of it."
        )
    if on_network_share(path):
        return (
            f"{path} is on a network share: a workspace written over a network can be damaged "
            "if the connection drops. Keep it on this computer's own disk."
        )
    return None


def sync_service(path: Path) -> str | None:
    """The sync service whose folder holds ``path`` (by folder name or Windows' settings)."""
    resolved = Path(os.path.abspath(path))
    for part in resolved.parts[:-1]:
        name = part.lower()
        for folder, service in SYNC_FOLDERS.items():
            # "OneDrive - Fenwick Council", "Dropbox (Personal)", "GoogleDrive-someone@..."
            if name == folder or name.startswith((f"{folder} ", f"{folder}-", f"{folder} (")):
                return service
    for variable in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer"):
        root = os.environ.get(variable)
        if root and _inside(resolved, Path(root)):
            return "OneDrive"
    return None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(Path(os.path.abspath(folder)))
    except ValueError:
        return False
    return True


def on_network_share(path: Path) -> bool:
    """Whether ``path`` is on a network drive (UNC path, mapped drive, NFS/SMB mount)."""
    text = os.path.abspath(path)
    if sys.platform == "win32":
        if text.startswith(("\\\\", "//")):
            return True
        try:
            import ctypes

            root = os.path.splitdrive(text)[0] + "\\"
            return bool(ctypes.windll.kernel32.GetDriveTypeW(root) == 4)  # type: ignore[attr-defined]
        except (AttributeError, OSError):
            return False
    return _mount_type(Path(text)) in NETWORK_FILESYSTEMS


def _mount_type(path: Path) -> str:
    """The filesystem type of the mount holding ``path`` (Linux); '' when unknown."""
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    best, kind = "", ""
    text = str(path)
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        if (text == point or text.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, kind = point, fields[2]
    return kind


# --- SQLite's check, once a day per workspace (it reads the whole file) ------------------------


def _record() -> Path:
    return data_dir() / "checked-workspaces.json"


def checked_today(path: Path) -> bool:
    """Whether SQLite's quick check passed on this workspace today (kept in the data folder)."""
    try:
        seen = json.loads(_record().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(seen, dict) and seen.get(str(path.resolve())) == dt.date.today().isoformat()


def mark_checked(path: Path) -> None:
    try:
        record = _record()
        try:
            seen = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            seen = {}
        if not isinstance(seen, dict):
            seen = {}
        seen[str(path.resolve())] = dt.date.today().isoformat()
        tmp = record.with_name(f".{record.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(seen), encoding="utf-8")
        os.replace(tmp, record)
    except OSError as exc:  # a read-only data folder: the check runs again next time
        log.info("could not note the workspace check: %s", type(exc).__name__)
