"""The risk editor's trip-wires tab: phrases and entry types that bring a risk back for review.

A risk uses its category's default trip-wires until the worker edits them; changing the category
replaces only trip-wires that are still the defaults.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chronology.models import EntryType
from gui.risks.risk_models import CheckListModel
from summary.risks import clean_phrases, clean_types
from summary.tripwires import DEFAULT_PHRASES, DEFAULT_TYPES, GENERAL_PHRASES, GENERAL_TYPES

Tripwires = tuple[list[str], list[str]]  # (phrases, entry types)


def default_tripwires(category: str) -> Tripwires:
    """The trip-wires a risk of this category uses unless the worker chooses its own."""
    key = category.strip().lower()
    if key in DEFAULT_PHRASES:
        return list(DEFAULT_PHRASES[key]), list(DEFAULT_TYPES.get(key, ()))
    return list(GENERAL_PHRASES), list(GENERAL_TYPES)


def same_tripwires(a: Tripwires, b: Tripwires) -> bool:
    """Whether two sets of trip-wires are the same, ignoring case, spacing and order."""
    fold = lambda items: {" ".join(i.split()).casefold() for i in items}  # noqa: E731
    return fold(a[0]) == fold(b[0]) and fold(a[1]) == fold(b[1])


class TripwireTab(QWidget):
    """Phrases (one a line) and ticked entry types, with a note saying whose they are."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._category = ""  # the category the dialog shows, as typed
        self._shown_category = ""  # the category whose defaults were last shown
        self._build_ui()
        self._connect()

    def _build_ui(self) -> None:
        self.tripwire_note = QLabel()
        self.tripwire_note.setWordWrap(True)
        self.phrases = QPlainTextEdit()
        self.phrases.setAccessibleName("Trip-wire phrases, one a line")
        self.types_model = CheckListModel(
            [(t.value, t.value.capitalize()) for t in EntryType], self
        )
        self.types = QListView()
        self.types.setAccessibleName("Trip-wire entry types")
        self.types.setModel(self.types_model)
        self.reset_tripwires = QPushButton("Use the category's &defaults")
        lists = QHBoxLayout()
        phrases_box = QVBoxLayout()
        phrases_box.addWidget(
            QLabel("Phrases (one a line): a new entry containing one asks for a review")
        )
        phrases_box.addWidget(self.phrases)
        types_box = QVBoxLayout()
        types_box.addWidget(QLabel("Entry types that always ask for a review"))
        types_box.addWidget(self.types)
        lists.addLayout(phrases_box, 3)
        lists.addLayout(types_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tripwire_note)
        layout.addLayout(lists, 1)
        layout.addWidget(self.reset_tripwires, 0, Qt.AlignmentFlag.AlignLeft)

    def _connect(self) -> None:
        self.phrases.textChanged.connect(self._update_note)
        self.types_model.dataChanged.connect(self._update_note)
        self.reset_tripwires.clicked.connect(self.use_defaults)

    def load(self, category: str, wires: Tripwires) -> None:
        """Show a risk's trip-wires under its category."""
        self._category = category
        self.set_tripwires(wires)
        self._shown_category = category
        self._update_note()

    def set_tripwires(self, wires: Tripwires) -> None:
        self.phrases.setPlainText("\n".join(wires[0]))
        self.types_model.set_checked(wires[1])

    def current_tripwires(self) -> Tripwires:
        lines = [line.strip() for line in self.phrases.toPlainText().splitlines()]
        return [line for line in lines if line], self.types_model.checked()

    def set_category(self, category: str) -> None:
        """The category changed: its defaults replace the trip-wires only if they were defaults."""
        self._category = category
        if same_tripwires(self.current_tripwires(), default_tripwires(self._shown_category)):
            self.set_tripwires(default_tripwires(category))
        self._shown_category = category
        self._update_note()

    def use_defaults(self) -> None:
        self.set_tripwires(default_tripwires(self._category))

    def own_tripwires(self) -> Tripwires:
        """The trip-wires to store: none when they are the category's defaults."""
        wires = self.current_tripwires()
        if same_tripwires(wires, default_tripwires(self._category)):
            return [], []
        return clean_phrases(wires[0]), clean_types(wires[1])

    def _update_note(self, *_args: object) -> None:
        category = self._category.strip().lower() or "no category"
        if same_tripwires(self.current_tripwires(), default_tripwires(category)):
            self.tripwire_note.setText(
                f"These are the default trip-wires for '{category}'. Edit them to suit this "
                "risk: when a new chronology entry matches one, the risk asks for a review."
            )
        else:
            self.tripwire_note.setText(
                "These are this risk's own trip-wires (the category's defaults no longer "
                "apply). When a new chronology entry matches one, the risk asks for a review."
            )
