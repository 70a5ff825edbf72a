"""The primary risks, pinned at the top of the summary area: never scrolled away.

The one place the window shows them (the summary page below does not repeat them). Red when a
review is due or a trip-wire has fired, amber otherwise, as in the summary page and documents;
the entries that tripped it are one click away.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

RED_BG, RED_FG = "#B3261E", "#FFFFFF"
CALM_BG, CALM_FG = "#FFE3A3", "#3D2B00"  # amber: the summary page's colour for a reviewed risk
MAX_SHARE = 0.55  # of the summary area's height: the summary below stays readable


def _uk(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if len(iso) >= 10 else iso


class RiskCard(QLabel):
    """One primary risk: statement, urgency, last review, review due, what tripped it."""

    entries_requested = Signal(list)  # entry ids

    def __init__(self, item: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item = item
        red = bool(getattr(item, "needs_review", False))
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        bg, fg = (RED_BG, RED_FG) if red else (CALM_BG, CALM_FG)
        self.setStyleSheet(
            f"QLabel {{ background: {bg}; color: {fg}; border-radius: 4px; "
            f"padding: 6px; }} a {{ color: {fg}; }}"
        )
        self.setText(self._html(item, fg))
        self.setAccessibleName(
            f"Primary risk: {getattr(item, 'title', '')}" + (" — needs review" if red else "")
        )
        self.linkActivated.connect(self._link)

    @staticmethod
    def _html(item: object, fg: str) -> str:
        title = escape(getattr(item, "title", ""))
        statement = escape(getattr(item, "statement", ""))
        urgency = escape(getattr(item, "urgency_label", ""))
        last = getattr(item, "last_review", None)
        last_text = f"{_uk(last.date)} by {escape(last.by)}" if last else "never reviewed"
        due = _uk(getattr(item, "review_due", ""))
        lines = [f"<b>⚑ {title}</b> <span>[{urgency}]</span>"]
        if statement and statement != title:
            lines.append(statement)
        lines.append(f"Last review: {last_text} · Review due: {due}")
        if getattr(item, "needs_review", False):
            reasons = "; ".join(escape(r) for r in getattr(item, "review_reasons", []))
            lines.append(f"<b>Needs review:</b> {reasons or 'review due'}")
        tripped = list(getattr(item, "tripped_by", []))
        if tripped:
            plural = "entries" if len(tripped) > 1 else "entry"
            lines.append(
                f"<a href='trips' style='color:{fg}'>Show the {len(tripped)} "
                f"{plural} that tripped it</a>"
            )
        return "<br>".join(lines)

    def _link(self, _href: str) -> None:
        self.entries_requested.emit(list(getattr(self._item, "tripped_by", [])))


class RiskBanner(QFrame):
    """A fixed banner above the summary's scroll area."""

    entries_requested = Signal(list)  # entry ids tripped by a risk

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cards: list[RiskCard] = []
        self._build_ui()
        self.set_risks(None)

    def _build_ui(self) -> None:
        self.setObjectName("riskBanner")
        self.setAccessibleName("Primary risks")
        self.title = QLabel("<b>Primary risks</b>")
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.cards = QWidget()
        self.cards_layout = QVBoxLayout(self.cards)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(4)
        # Several long risks scroll inside the banner rather than push the summary away.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.cards)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroll)

    def fit_height(self, available: int | None = None) -> None:
        """As tall as the cards, up to a share of the ``available`` height (then it scrolls).

        Measured once the layout has settled: wrapped text is as tall as the width allows.
        """
        if available is not None:
            self._available = available
        QTimer.singleShot(0, self._refit)

    def _refit(self) -> None:
        layout = self.cards.layout()
        if layout is None or self.scroll.isHidden():
            return
        limit = int(getattr(self, "_available", 800) * MAX_SHARE)
        width = self.scroll.viewport().width()
        wanted = layout.heightForWidth(width)
        if wanted > limit:  # a scroll bar will show and take some of the width
            wanted = layout.heightForWidth(
                width - self.scroll.verticalScrollBar().sizeHint().width()
            )
        frame = 2 * self.scroll.frameWidth()
        self.scroll.setFixedHeight(max(0, min(wanted, limit)) + frame)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()  # wrapped text changes height

    @property
    def risk_count(self) -> int:
        return len(self._cards)

    @property
    def needs_review(self) -> bool:
        return any(getattr(c._item, "needs_review", False) for c in self._cards)

    def set_risks(self, items: list[object] | None, note: str = "") -> None:
        """Show these primary risks (summary RiskItems); None while nothing is known yet."""
        for card in self._cards:
            self.cards_layout.removeWidget(card)
            card.hide()
            card.setParent(None)  # gone from the banner now, not at the next event loop
            card.deleteLater()
        self._cards = []
        if not items:
            self.empty.setText(
                note
                or (
                    "No primary risk is recorded for this case."
                    if items is not None
                    else "No case is open."
                )
            )
            self.empty.show()
            self.scroll.hide()
            return
        self.empty.hide()
        for item in items:
            card = RiskCard(item)
            card.entries_requested.connect(self.entries_requested)
            self.cards_layout.addWidget(card)
            self._cards.append(card)
        self.scroll.show()
        self.fit_height()
