"""A colour per agency, distinct within a case and readable on light and dark palettes."""

from __future__ import annotations

import zlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

# Okabe-Ito colours (safe for the common colour-vision deficiencies), then a few more.
_PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#7F7F7F",
    "#8C564B",
    "#6A3D9A",
)


class AgencyColours:
    """Colours assigned in the order agencies are first seen; the same agency keeps its colour."""

    def __init__(self, agencies: list[str] | None = None) -> None:
        self._colours: dict[str, QColor] = {}
        self._icons: dict[str, QIcon] = {}
        for name in agencies or []:
            self.colour(name)

    def colour(self, agency: str) -> QColor:
        found = self._colours.get(agency)
        if found is None:
            used = len(self._colours)
            index = used if used < len(_PALETTE) else zlib.crc32(agency.encode()) % len(_PALETTE)
            found = QColor(_PALETTE[index])
            self._colours[agency] = found
        return found

    def icon(self, agency: str, size: int = 12) -> QIcon:
        """A small rounded swatch for the agency."""
        icon = self._icons.get(agency)
        if icon is None:
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colour(agency))
            painter.drawRoundedRect(0, 0, size, size, 3, 3)
            painter.end()
            icon = QIcon(pixmap)
            self._icons[agency] = icon
        return icon
