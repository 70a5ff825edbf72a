"""Window state and recent workspaces, kept in QSettings behind a small typed wrapper.

Case data never lives here: it is in the workspace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    """Typed access to the few things the window remembers between runs."""

    def __init__(self, store: QSettings | None = None) -> None:
        if store is None:
            from chronology.paths import data_dir

            store = QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)
        self._store = store

    # -- window layout -----------------------------------------------------------------
    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    def view_state(self, name: str) -> QByteArray | None:
        """A saved header or splitter state, by name."""
        return self._bytes(f"views/{name}")

    def set_view_state(self, name: str, value: QByteArray) -> None:
        self._store.setValue(f"views/{name}", value)

    # -- workspaces --------------------------------------------------------------------
    @property
    def recent_workspaces(self) -> list[str]:
        value = self._store.value("workspaces/recent", [])
        if isinstance(value, str):  # QSettings gives a bare string for a one-item list
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent_workspace(self, path: str | Path) -> None:
        text = str(Path(path).expanduser().resolve())
        items = [p for p in self.recent_workspaces if p != text]
        self._store.setValue("workspaces/recent", [text, *items][:MAX_RECENT])

    def forget_workspace(self, path: str | Path) -> None:
        text = str(path)
        self._store.setValue("workspaces/recent", [p for p in self.recent_workspaces if p != text])

    @property
    def last_case_ref(self) -> str:
        return str(self._store.value("workspaces/last_case", "") or "")

    @last_case_ref.setter
    def last_case_ref(self, ref: str) -> None:
        self._store.setValue("workspaces/last_case", ref)

    def sync(self) -> None:
        self._store.sync()
