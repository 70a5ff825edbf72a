"""F6 and Shift+F6: move the keyboard focus from pane to pane of the main window.

Each pane names the widget that takes the focus when the pane is entered (the cases list, the
chronology table, the selected entry, the summary, the quarantine); hidden panes are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


@dataclass
class Pane:
    """One stop of the F6 cycle: the area it covers and the widget that takes the focus."""

    name: str
    area: Callable[[], QWidget | None]
    focus: Callable[[], QWidget | None]


class PaneCycle:
    """The panes in F6 order; ``step`` moves the focus to the next (or previous) shown pane."""

    def __init__(self, panes: list[Pane]) -> None:
        self.panes = list(panes)

    def add(self, pane: Pane) -> None:
        self.panes.append(pane)

    def current(self) -> int:
        """The pane holding the focus now (the innermost, when panes nest), or -1."""
        focused = QApplication.focusWidget()
        if focused is None:
            return -1
        best, depth = -1, -1
        for n, pane in enumerate(self.panes):
            area = pane.area()
            if area is not None and (focused is area or area.isAncestorOf(focused)):
                level = _depth(area)
                if level > depth:
                    best, depth = n, level
        return best

    def _shown(self, pane: Pane) -> bool:
        area, target = pane.area(), pane.focus()
        return bool(area and target and area.isVisible() and target.isVisible())

    def step(self, forward: bool = True) -> str | None:
        """Focus the next shown pane; returns its name (None when no pane is shown)."""
        count = len(self.panes)
        at = self.current()
        for offset in range(1, count + 1):
            n = (at + offset) % count if forward else (at - offset) % count
            if at < 0 and forward:
                n = (offset - 1) % count
            pane = self.panes[n]
            if self._shown(pane):
                target = pane.focus()
                assert target is not None
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return pane.name
        return None


def _depth(widget: QWidget) -> int:
    depth = 0
    parent = widget.parentWidget()
    while parent is not None:
        depth += 1
        parent = parent.parentWidget()
    return depth
