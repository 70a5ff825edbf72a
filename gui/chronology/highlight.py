"""The words a search matched, highlighted: in the chronology's summary column and in the
selected entry, so that the worker sees why each entry was found."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from chronology.search_suggest import Terms

HIGHLIGHT = "#FFE066"  # a marker-pen yellow; dark text stays readable on it
HIGHLIGHT_TEXT = "#000000"


def highlight_html(text: str, terms: Terms) -> str:
    """``text`` escaped for HTML, with the matched words marked (newlines kept as <br>)."""
    out, at = [], 0
    for start, end in terms.spans(text):
        out.append(escape(text[at:start]))
        out.append(
            f"<span style='background-color:{HIGHLIGHT}; color:{HIGHLIGHT_TEXT}'>"
            f"{escape(text[start:end])}</span>"
        )
        at = end
    out.append(escape(text[at:]))
    return "".join(out).replace("\n", "<br>")


class HighlightDelegate(QStyledItemDelegate):
    """Paints a column's text with the search's words on a yellow ground (one line, elided)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.terms = Terms(())

    def set_terms(self, terms: Terms) -> None:
        self.terms = terms

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if not self.terms.words:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is None:
            super().paint(painter, option, index)
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, opt.widget) + 1
        area = area.adjusted(margin, 0, -margin, 0)
        metrics = opt.fontMetrics
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        top = area.y() + (area.height() - metrics.height()) // 2
        painter.save()
        painter.setFont(opt.font)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = opt.palette.color(role)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if foreground is not None and not selected:
            colour = QColor(foreground)
        baseline = top + metrics.ascent()
        at = 0
        for start, end in [*self.terms.spans(shown), (len(shown), len(shown))]:
            x = area.x() + metrics.horizontalAdvance(shown[:at])
            painter.setPen(colour)
            painter.drawText(x, baseline, shown[at:start])
            if end > start:
                x = area.x() + metrics.horizontalAdvance(shown[:start])
                width = metrics.horizontalAdvance(shown[start:end])
                painter.fillRect(QRect(x, top, width, metrics.height()), QColor(HIGHLIGHT))
                painter.setPen(QColor(HIGHLIGHT_TEXT))
                painter.drawText(x, baseline, shown[start:end])
            at = end
        painter.restore()
