"""The review queue of possible duplicates: the two records side by side, what differs marked,
and the worker's decision with a button or a key (C: same event, R: different, N/P: next and
previous, Ctrl+Z: undo). Every decision is a QUndoCommand on the case's undo stack."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from chronology.duplicate_pairs import DuplicatePair, PairError, get_pair, list_pairs
from chronology.entries import get_entry
from chronology.models import Case, Entry
from chronology.workspace import Workspace
from gui.chronology.duplicate_commands import PairDecisionCommand
from gui.common.date_text import entry_date_label
from gui.common.errors import show_error
from gui.common.undo import perform

_MARK = "background-color:#ffe58a"  # what one record says and the other does not
_WORD = re.compile(r"\S+")
_STATUS_WORDS = {
    "possible": "waiting for your decision",
    "confirmed": "linked as one event",
    "rejected": "kept apart: different events",
}


def _marked_words(mine: str, theirs: str) -> str:
    """``mine`` as HTML, with the words that ``theirs`` does not have in the same place marked."""
    a, b = _WORD.findall(mine), _WORD.findall(theirs)
    matcher = difflib.SequenceMatcher(None, [w.lower() for w in a], [w.lower() for w in b])
    out = []
    for op, i1, i2, _j1, _j2 in matcher.get_opcodes():
        text = escape(" ".join(a[i1:i2]))
        if not text:
            continue
        out.append(text if op == "equal" else f"<span style='{_MARK}'>{text}</span>")
    return " ".join(out)


def _reason_html(reason: str) -> str:
    """A reason in words; safeguarding content in one record only stands out."""
    if reason.startswith("only one mentions"):
        return f"<b style='color:#b00020'>{escape(reason)}</b>"
    return escape(reason)


def _field(label: str, mine: str, theirs: str) -> str:
    value = escape(mine or "—")
    if mine != theirs:
        value = f"<span style='{_MARK}'>{value}</span>"
    return f"<tr><td style='color:gray;padding-right:8px'>{label}</td><td>{value}</td></tr>"


def record_html(entry: Entry, other: Entry) -> str:
    """One record of the pair, its differences from the other marked."""
    rows = [
        _field("When", entry_date_label(entry), entry_date_label(other)),
        _field("Agency", entry.agency, other.agency),
        _field("Type", entry.type.value, other.type.value),
        _field("Recorded by", entry.author, other.author),
        "<tr><td style='color:gray;padding-right:8px'>Source</td>"
        f"<td>{escape(entry.source_file)} row {entry.source_row}</td></tr>",
    ]
    summary = ""
    if entry.summary and not entry.text.startswith(entry.summary.rstrip("…")):
        summary = f"<p><b>{_marked_words(entry.summary, other.summary)}</b></p>"
    return (
        f"<table>{''.join(rows)}</table>{summary}"
        f"<p>{_marked_words(entry.text or entry.summary, other.text or other.summary)}</p>"
    )


class DuplicateReviewDialog(QDialog):
    """The case's possible duplicates, one pair at a time."""

    def __init__(
        self,
        ws: Workspace,
        case: Case,
        stack: QUndoStack | None,
        notify: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._case = case
        self._stack = stack
        self._notify = notify
        self.pairs: list[DuplicatePair] = list_pairs(ws, case.id or 0, "possible")
        self.index = 0
        self._touched: set[int] = set()  # pairs decided here (undo may reopen them)
        self._build_ui()
        self._connect()
        self._show()

    # ------------------------------------------------------------------- layout
    def _build_ui(self) -> None:
        self.setWindowTitle(f"Possible duplicates — {self._case.ref}")
        self.setObjectName("duplicateReview")
        self.position = QLabel()
        self.position.setAccessibleName("Which pair")
        self.reasons = QLabel()
        self.reasons.setAccessibleName("Why they may be one event")
        self.reasons.setWordWrap(True)
        self.status = QLabel()
        self.status.setAccessibleName("Decision")
        self.left_title, self.right_title = QLabel(), QLabel()
        self.left = QTextBrowser()
        self.left.setAccessibleName("Record held first")
        self.right = QTextBrowser()
        self.right.setAccessibleName("Record imported later")
        for pane in (self.left, self.right):
            pane.setOpenLinks(False)
            pane.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys are the dialog's
        grid = QGridLayout()
        grid.addWidget(self.left_title, 0, 0)
        grid.addWidget(self.right_title, 0, 1)
        grid.addWidget(self.left, 1, 0)
        grid.addWidget(self.right, 1, 1)
        self.same_button = QPushButton("Same event — link them (C)")
        self.same_button.setToolTip("One event told twice: link the records, both wordings kept")
        self.different_button = QPushButton("Different events (R)")
        self.different_button.setToolTip("Keep them apart; this pair will not be proposed again")
        self.previous_button = QPushButton("‹ Previous (P)")
        self.next_button = QPushButton("Next › (N)")
        self.undo_button = QPushButton("Undo (Ctrl+Z)")
        self.close_button = QPushButton("Close")
        decide = QHBoxLayout()
        decide.addWidget(self.same_button)
        decide.addWidget(self.different_button)
        decide.addStretch(1)
        decide.addWidget(self.undo_button)
        move = QHBoxLayout()
        move.addWidget(self.previous_button)
        move.addWidget(self.next_button)
        move.addStretch(1)
        move.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.position)
        layout.addWidget(self.reasons)
        layout.addLayout(grid, 1)
        layout.addWidget(self.status)
        layout.addLayout(decide)
        layout.addLayout(move)
        self.resize(980, 560)

    def _connect(self) -> None:
        self.same_button.clicked.connect(lambda: self.decide(True))
        self.different_button.clicked.connect(lambda: self.decide(False))
        self.next_button.clicked.connect(lambda: self.move(1))
        self.previous_button.clicked.connect(lambda: self.move(-1))
        self.undo_button.clicked.connect(self.undo)
        self.close_button.clicked.connect(self.accept)
        keys: tuple[tuple[str, Callable[[], None]], ...] = (
            ("C", lambda: self.decide(True)),
            ("R", lambda: self.decide(False)),
            ("N", lambda: self.move(1)),
            ("Right", lambda: self.move(1)),
            ("P", lambda: self.move(-1)),
            ("Left", lambda: self.move(-1)),
            ("Ctrl+Z", self.undo),
        )
        for key, slot in keys:
            QShortcut(QKeySequence(key), self, activated=slot)
        if self._stack is not None:  # Undo here or from the window's Edit menu
            self._stack.indexChanged.connect(self._reload)

    def done(self, result: int) -> None:
        if self._stack is not None:
            self._stack.indexChanged.disconnect(self._reload)
        super().done(result)

    # ------------------------------------------------------------------ showing
    @property
    def current(self) -> DuplicatePair | None:
        return self.pairs[self.index] if self.pairs else None

    def waiting(self) -> int:
        return sum(1 for p in self.pairs if p.status == "possible")

    def _show(self) -> None:
        pair = self.current
        has = pair is not None
        for button in (self.same_button, self.different_button):
            button.setEnabled(has and pair.status == "possible")  # type: ignore[union-attr]
        self.previous_button.setEnabled(has and self.index > 0)
        self.next_button.setEnabled(has and self.index < len(self.pairs) - 1)
        self.undo_button.setEnabled(self._stack is not None and self._stack.canUndo())
        if pair is None:
            self.position.setText("<b>No possible duplicates are waiting for review.</b>")
            self.reasons.setText("")
            self.status.setText("")
            for pane in (self.left, self.right):
                pane.setHtml("")
            self.left_title.setText("")
            self.right_title.setText("")
            return
        a, b = get_entry(self._ws, pair.a), get_entry(self._ws, pair.b)
        self.position.setText(
            f"<b>Pair {self.index + 1} of {len(self.pairs)}</b> — {self.waiting()} waiting"
        )
        self.reasons.setText("Why: " + ", ".join(_reason_html(r) for r in pair.reasons))
        self.left_title.setText(f"<b>Held first</b> (entry {a.id})")
        self.right_title.setText(f"<b>Imported later</b> (entry {b.id})")
        self.left.setHtml(record_html(a, b))
        self.right.setHtml(record_html(b, a))
        self.status.setText(f"This pair is {_STATUS_WORDS.get(pair.status, pair.status)}.")

    # ------------------------------------------------------------------ acting
    def move(self, step: int) -> None:
        if self.pairs:
            self.index = max(0, min(len(self.pairs) - 1, self.index + step))
            self._show()

    def decide(self, same_event: bool) -> None:
        """Record the decision on the pair shown, then show the next one still waiting."""
        pair = self.current
        if pair is None or pair.status != "possible":
            return
        self._touched.add(pair.id)
        try:
            perform(self._stack, PairDecisionCommand(self._ws, pair.id, same_event, self._notify))
        except PairError as exc:
            show_error(self, "The decision was not recorded", str(exc))
            return
        self._reload()
        after = [n for n, p in enumerate(self.pairs) if p.status == "possible" and n > self.index]
        if after:
            self.index = after[0]
        self._show()

    def undo(self) -> None:
        if self._stack is not None and self._stack.canUndo():
            self._stack.undo()

    def _reload(self, _index: int = 0) -> None:
        """Show the pairs decided here as they are now (a decision may have been undone)."""
        reopened = None
        for n, p in enumerate(self.pairs):
            if p.id in self._touched:
                self.pairs[n] = fresh = get_pair(self._ws, p.id)
                if fresh.status == "possible" and p.status != "possible":
                    reopened = n
        if reopened is not None:  # back to the pair that Undo reopened
            self.index = reopened
        self._show()
