"""Contact details found in the records (addresses, phones, NHS numbers, emails, dates of birth),
each marked confidential (withheld from every export) or not confidential by the worker."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chronology.contact_details import Detail, list_details, mark
from chronology.models import Case
from chronology.workspace import Workspace
from gui.common.table_model import Column, RecordTableModel
from gui.common.table_view import record_table

SHOWN = (("Not decided yet", "undecided"), ("Everything found", None))


class DetailsTableModel(RecordTableModel[Detail]):
    columns = (
        Column("Kind", lambda d: d.kind),
        Column("As written", lambda d: d.value),
        Column(
            "Entries",
            lambda d: ", ".join(map(str, d.entries[:8])) + ("…" if len(d.entries) > 8 else ""),
        ),
        Column("Decision", lambda d: d.status + (f" ({d.by})" if d.by else "")),
    )


class ContactDetailsDialog(QDialog):
    """The details found; the worker marks them confidential or not, several at a time."""

    changed = Signal()

    def __init__(self, ws: Workspace, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._case = case
        self.model = DetailsTableModel(self)
        self._build_ui()
        self._connect()
        self.reload()

    def _build_ui(self) -> None:
        self.setWindowTitle(f"Contact details found — {self._case.ref}")
        self.resize(900, 520)
        intro = QLabel(
            "Addresses, phone numbers, NHS numbers, email addresses and dates of birth found in "
            "the records. Mark the ones that must not reach a court document as confidential: "
            "they are withheld from every export. Until you decide, exports name them in a "
            "warning and write them as recorded."
        )
        intro.setWordWrap(True)
        self.shown = QComboBox()
        self.shown.setAccessibleName("Which details to show")
        for label, status in SHOWN:
            self.shown.addItem(label, status)
        self.table = record_table(self.model, "Contact details found", multiple=True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.confidential = QPushButton("Mark &confidential")
        self.not_confidential = QPushButton("Mark &not confidential")
        row = QHBoxLayout()
        row.addWidget(self.confidential)
        row.addWidget(self.not_confidential)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.shown)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.shown.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.confidential.clicked.connect(lambda: self._mark("confidential"))
        self.not_confidential.clicked.connect(lambda: self._mark("not confidential"))
        self.buttons.rejected.connect(self.reject)

    def reload(self) -> None:
        self.model.replace_records(
            list_details(self._ws, self._case.id or 0, self.shown.currentData())
        )
        self._selection_changed()

    def _selection_changed(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.confidential.setEnabled(chosen)
        self.not_confidential.setEnabled(chosen)

    def _mark(self, status: str) -> None:
        rows = self.table.selectionModel().selectedRows()
        ids = [self.model.record_at(i.row()).id for i in rows]
        if ids:
            mark(self._ws, self._case.id or 0, ids, status)
            self.reload()
            self.changed.emit()
