"""New case, and a case's details (worker, court, proceedings, statement details)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from chronology.cases import PROCEEDINGS, CaseError, add_case, update_case
from chronology.models import Case
from chronology.workspace import Workspace
from gui.common.errors import show_error

_LEGAL = ("Child in Need", "Child Protection", "Looked After", "Early Help", "Other")
_TEXT_FIELDS = (
    ("worker", "Allocated worker"),
    ("role", "Worker's role"),
    ("employer", "Employer"),
    ("team_manager", "Team manager"),
    ("court", "Court"),
    ("court_case_number", "Court case number"),
    ("party", "Party the statement is filed for"),
)


class CaseDialog(QDialog):
    """Create a case (``case`` None) or edit an existing case's details."""

    def __init__(
        self, ws: Workspace, case: Case | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self.case = case
        self._build_ui()
        self._connect()
        self._load()

    def _build_ui(self) -> None:
        creating = self.case is None
        self.setWindowTitle("New case" if creating else f"Case details — {self.case.ref}")
        self.ref = QLineEdit()
        self.ref.setAccessibleName("Case reference")
        self.child = QLineEdit()
        self.child.setAccessibleName("Child's name")
        self.dob_known = QCheckBox("Known")
        self.dob = QDateEdit()
        self.dob.setAccessibleName("Child's date of birth")
        self.dob.setDisplayFormat("dd/MM/yyyy")
        self.dob.setCalendarPopup(True)
        self.dob.setDate(QDate.currentDate())
        self.legal = QComboBox()
        self.legal.setAccessibleName("Legal status")
        self.legal.setEditable(True)
        self.legal.addItems(_LEGAL)
        self.proceedings = QComboBox()
        self.proceedings.setAccessibleName("Proceedings")
        for value in PROCEEDINGS:
            self.proceedings.addItem(
                {"none": "None"}.get(value, f"{value.capitalize()} law"), value
            )
        self.statement_number = QSpinBox()
        self.statement_number.setAccessibleName("Statement number")
        self.statement_number.setRange(1, 99)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow("Reference", self.ref)
        if creating:
            form.addRow("Child", self.child)
            dob_row = QHBoxLayout()
            dob_row.addWidget(self.dob_known)
            dob_row.addWidget(self.dob, 1)
            form.addRow("Date of birth", dob_row)
        form.addRow("Legal status", self.legal)
        form.addRow("Proceedings", self.proceedings)
        for name, label in _TEXT_FIELDS:
            edit = QLineEdit()
            edit.setAccessibleName(label)
            self.fields[name] = edit
            form.addRow(label, edit)
        form.addRow("Statement number", self.statement_number)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(480, 0)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.dob_known.toggled.connect(self.dob.setEnabled)

    def _load(self) -> None:
        self.dob.setEnabled(False)
        case = self.case
        if case is None:
            return
        self.ref.setText(case.ref)
        self.ref.setReadOnly(True)
        self.legal.setCurrentText(case.legal_status)
        self.proceedings.setCurrentIndex(max(self.proceedings.findData(case.proceedings), 0))
        for name, edit in self.fields.items():
            edit.setText(str(getattr(case, name) or ""))
        self.statement_number.setValue(case.statement_number or 1)

    def values(self) -> dict[str, object]:
        values: dict[str, object] = {
            name: edit.text().strip() for name, edit in self.fields.items()
        }
        values["legal_status"] = self.legal.currentText().strip() or "Child in Need"
        values["proceedings"] = self.proceedings.currentData()
        values["statement_number"] = self.statement_number.value()
        return values

    def _save(self) -> None:
        try:
            if self.case is None:
                dob = self.dob.date().toString("yyyy-MM-dd") if self.dob_known.isChecked() else None
                self.case = add_case(
                    self._ws, self.ref.text(), self.child.text(), dob, **self.values()
                )
            else:
                self.case = update_case(self._ws, self.case.ref, **self.values())
        except CaseError as exc:
            show_error(self, "The case was not saved", str(exc))
            return
        self.accept()
