"""New case, and a case's details: the children (names, dates of birth), worker, court, proceedings.

A date of birth is typed (UK day-first) and stays empty until it is: it is never filled in with
today's date, so no document can say "aged 0 months" by default. An implausible age (born in the
future, today, or 18 or more years ago) is questioned before it is kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from chronology.cases import PROCEEDINGS, CaseError, dob_warning, read_dob
from chronology.models import Case, Child
from chronology.workspace import Workspace
from gui.common.errors import show_error
from gui.common.keys import FieldLineEdit, one_default_button

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
DOB_HINT = "dd/mm/yyyy, empty if not known"


def uk_date(iso: str | None) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


@dataclass
class ChildFields:
    """The name and date-of-birth boxes of one child (``child`` None for the new case's child)."""

    child: Child | None
    name: QLineEdit
    dob: QLineEdit


class CaseDialog(QDialog):
    """Create a case (``case`` None) or edit an existing case's details.

    ``today`` is the day ages are judged on (the tests pass one).
    """

    def __init__(
        self,
        ws: Workspace,
        case: Case | None = None,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self.case = case
        self._today = today or dt.date.today()
        self.children: list[ChildFields] = []
        self.child_changes: list[tuple[Child, Child]] = []  # (before, after), editing only
        self._build_ui()
        self._connect()
        self._load()

    def _build_ui(self) -> None:
        creating = self.case is None
        self.setWindowTitle("New case" if creating else f"Case details — {self.case.ref}")
        self.ref = QLineEdit()
        self.ref.setAccessibleName("Case reference")
        form = QFormLayout()
        form.addRow("&Reference", self.ref)
        kids = [None] if creating else list(self.case.children)
        for n, child in enumerate(kids, start=1):
            which = "" if len(kids) == 1 else f" {n}"
            name = QLineEdit(child.name if child else "")
            name.setAccessibleName(f"Child's name{which}")
            dob = FieldLineEdit(uk_date(child.dob) if child else "")
            dob.setAccessibleName(f"Child's date of birth{which}")
            dob.setPlaceholderText(DOB_HINT)
            self.children.append(ChildFields(child, name, dob))
            form.addRow(f"&Child{which}", name)
            form.addRow(f"Date of &birth{which}", dob)
        # The first child's boxes, by the names the callers and tests use.
        self.child, self.dob = self.children[0].name, self.children[0].dob
        self.dob_note = QLabel()
        self.dob_note.setWordWrap(True)
        self.dob_note.setAccessibleName("About the date of birth")
        form.addRow("", self.dob_note)
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
        form.addRow("&Legal status", self.legal)
        form.addRow("&Proceedings", self.proceedings)
        for name, label in _TEXT_FIELDS:
            edit = QLineEdit()
            edit.setAccessibleName(label)
            self.fields[name] = edit
            form.addRow(label, edit)
        form.addRow("&Statement number", self.statement_number)
        self.periods_button = QPushButton("Proceedings periods…")
        self.periods_button.setToolTip(
            "When proceedings were open: the periods suggested from the chronology, to confirm "
            "or edit (saved at once)"
        )
        if not creating:
            form.addRow("", self.periods_button)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        one_default_button(self, self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.resize(500, 0)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.periods_button.clicked.connect(self._periods)
        for fields in self.children:
            fields.dob.textEdited.connect(lambda _text, f=fields: self._show_age(f))
            fields.dob.returnPressed.connect(self._save)  # its own Enter: save, once

    def _periods(self) -> None:
        opener = getattr(self.parent(), "show_proceedings", None)
        if opener is not None:
            opener()

    def _load(self) -> None:
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
        self._show_age(self.children[0])

    # ------------------------------------------------------------------ values
    def values(self) -> dict[str, object]:
        values: dict[str, object] = {
            name: edit.text().strip() for name, edit in self.fields.items()
        }
        values["legal_status"] = self.legal.currentText().strip() or "Child in Need"
        values["proceedings"] = self.proceedings.currentData()
        values["statement_number"] = self.statement_number.value()
        return values

    def _show_age(self, fields: ChildFields) -> None:
        try:
            dob = read_dob(fields.dob.text())
        except CaseError:
            self.dob_note.setText("Type the date of birth as 14/05/2021.")
            return
        warning = dob_warning(dob, self._today)
        self.dob_note.setText(
            "Not known: no age is shown in the summary or documents."
            if dob is None
            else f"Check: {warning}"
            if warning
            else ""
        )

    def _read_children(self) -> list[tuple[ChildFields, str, str | None]] | None:
        """(boxes, name, ISO date of birth) per child, once each is readable and confirmed."""
        read = []
        for fields in self.children:
            name = fields.name.text().strip()
            try:
                dob = read_dob(fields.dob.text())
            except CaseError as exc:
                show_error(self, "The date of birth cannot be used", str(exc))
                fields.dob.setFocus()
                return None
            warning = dob_warning(dob, self._today)
            if warning and not self._keep_dob(name, warning):
                fields.dob.setFocus()
                fields.dob.selectAll()
                return None
            read.append((fields, name, dob))
        return read

    def _keep_dob(self, name: str, warning: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Check the date of birth",
            f"{name or 'The child'}: {warning}\n\nKeep this date of birth?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        keep = box.addButton("&Keep it", QMessageBox.ButtonRole.AcceptRole)
        change = box.addButton("C&hange it", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(change)
        box.setEscapeButton(change)
        box.exec()
        return box.clickedButton() is keep

    def _save(self) -> None:
        children = self._read_children()
        if children is None:
            return
        from chronology.cases import add_case, update_case

        try:
            if self.case is None:
                _fields, name, dob = children[0]
                self.case = add_case(self._ws, self.ref.text(), name, dob, **self.values())
            else:
                self.child_changes = [
                    (f.child, Child(name=name, dob=dob, id=f.child.id))
                    for f, name, dob in children
                    if f.child is not None and (f.child.name, f.child.dob) != (name, dob)
                ]
                for _before, after in self.child_changes:
                    if not after.name:
                        raise CaseError("a child needs a name")
                self.case = update_case(self._ws, self.case.ref, **self.values())
        except CaseError as exc:
            show_error(self, "The case was not saved", str(exc))
            return
        self.accept()
