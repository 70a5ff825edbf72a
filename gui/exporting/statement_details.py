"""The statement details kept on the case (witness, role, court…): a form of the export dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QWidget

from chronology.models import Case
from exports.common import COURT_DETAILS, STATEMENT_DETAILS
from exports.service import NAMES

DETAILS = (
    ("worker", "Witness &name"),
    ("role", "Ro&le"),
    ("employer", "Em&ployer"),
    ("party", "Filed for (part&y)"),
    ("statement_number", "Statement n&umber"),
    ("court", "Cour&t"),
    ("court_case_number", "Court case nu&mber"),
)
NEEDED = {"statement": tuple(STATEMENT_DETAILS), "court-chronology": tuple(COURT_DETAILS)}


def _plain(label: str) -> str:
    return label.replace("&", "")


class StatementDetailsBox(QGroupBox):
    """One field per detail; the note below says which ones the chosen document needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Statement details (kept on the case)", parent)
        self.fields: dict[str, QLineEdit | QSpinBox] = {}
        self._build_ui()

    def _build_ui(self) -> None:
        details = QFormLayout()
        for key, label in DETAILS:
            field: QLineEdit | QSpinBox
            if key == "statement_number":
                field = QSpinBox()
                field.setRange(1, 99)
            else:
                field = QLineEdit()
            field.setAccessibleName(_plain(label))
            self.fields[key] = field
            details.addRow(label, field)
        self.note = QLabel()
        self.note.setWordWrap(True)
        details.addRow(self.note)
        self.setLayout(details)

    def load(self, case: Case) -> None:
        """Show the details the case holds."""
        for key, field in self.fields.items():
            value = getattr(case, key)
            if isinstance(field, QSpinBox):
                field.setValue(int(value or 1))
            else:
                field.setText(str(value or ""))

    def values(self) -> dict[str, object]:
        """The details as typed (text trimmed)."""
        return {
            key: field.value() if isinstance(field, QSpinBox) else field.text().strip()
            for key, field in self.fields.items()
        }

    def show_needed(self, document: str) -> None:
        """Say which details this document needs (or that changes are kept on the case)."""
        needed = NEEDED.get(document, ())
        labels = [_plain(label) for key, label in DETAILS if key in needed]
        self.note.setText(
            f"Needed for the {NAMES[document]}: {', '.join(labels).lower()}."
            if labels
            else "Changes here are saved on the case when you export."
        )

    def missing(self, document: str) -> list[str]:
        """The names of the details this document needs that are still empty."""
        values = self.values()
        return [
            _plain(label)
            for key, label in DETAILS
            if key in NEEDED.get(document, ()) and not str(values[key]).strip()
        ]
