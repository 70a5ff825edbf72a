"""Significance review: what the import suggested and why, confirmed or changed in bulk."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chronology.models import Case
from chronology.significance import Review, SignificanceError, confirm, review_list, set_level
from chronology.workspace import Workspace
from gui.common.date_text import uk_date
from gui.common.errors import show_error
from gui.common.table_model import Column, RecordTableModel
from gui.common.table_view import record_table

log = logging.getLogger(__name__)
SHOWN = (
    ("Waiting for a decision", "suggested"),
    ("Decided", "confirmed"),
    ("Everything with a reason", None),
)


class SignificanceTableModel(RecordTableModel[Review]):
    """Entries with their suggested (or decided) significance and the reason."""

    columns = (
        Column(
            "Date",
            lambda r: uk_date(r.date) + (f" {r.time}" if r.time else ""),
            sort=lambda r: (r.date, r.time or ""),
        ),
        Column("Agency", lambda r: r.agency),
        Column("Type", lambda r: r.type),
        Column("Summary", lambda r: r.summary),
        Column("Significance", lambda r: r.significance.capitalize()),
        Column("Why", lambda r: r.reason or "(nothing found)", tooltip=lambda r: r.reason),
        Column(
            "Decided", lambda r: f"{r.by}, {uk_date(r.at)}" if r.status == "confirmed" else "no"
        ),
    )


class SignificanceDialog(QDialog):
    """The queue of suggested significance: confirm some or all, or set a level with a reason."""

    changed = Signal()  # entries' significance changed

    def __init__(self, ws: Workspace, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._case = case
        self.model = SignificanceTableModel(self)
        self._build_ui()
        self._connect()
        self.reload()

    def _build_ui(self) -> None:
        self.setWindowTitle(f"Significance — {self._case.ref}")
        self.resize(1100, 560)
        intro = QLabel(
            "The import suggested these from what each record says and how its source coded it. "
            "What reaches the court depends on them: confirm the ones you agree with, or set "
            "another level with your reason. Referrals, Section 47 steps, hearings and the "
            "evidence of primary risks are in the court chronology whatever you choose here."
        )
        intro.setWordWrap(True)
        self.shown = QComboBox()
        self.shown.setAccessibleName("Which entries to show")
        for label, status in SHOWN:
            self.shown.addItem(label, status)
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("Show"))
        top.addWidget(self.shown)
        top.addStretch(1)
        top.addWidget(self.count)
        self.table = record_table(self.model, "Suggested significance", multiple=True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.confirm_selected = QPushButton("&Confirm selected")
        self.confirm_all = QPushButton("Confirm &all waiting")
        self.level = QComboBox()
        self.level.setAccessibleName("Significance to set")
        for level in ("routine", "significant", "key"):
            self.level.addItem(level.capitalize(), level)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Your reason")
        self.reason.setPlaceholderText("Your reason (kept with the entry)")
        self.set_selected = QPushButton("&Set selected")
        row = QHBoxLayout()
        row.addWidget(self.confirm_selected)
        row.addWidget(self.confirm_all)
        row.addStretch(1)
        row.addWidget(QLabel("or set to"))
        row.addWidget(self.level)
        row.addWidget(self.reason, 1)
        row.addWidget(self.set_selected)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.shown.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.confirm_selected.clicked.connect(self._confirm_selected)
        self.confirm_all.clicked.connect(self._confirm_all)
        self.set_selected.clicked.connect(self._set_selected)
        self.buttons.rejected.connect(self.reject)

    def reload(self) -> None:
        status = self.shown.currentData()
        rows = review_list(self._ws, self._case.id or 0, status)
        self.model.replace_records(rows)
        self.count.setText(f"{len(rows):,} entries")
        self.confirm_all.setEnabled(status == "suggested" and bool(rows))
        self._selection_changed()

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.record_at(r).entry_id for r in rows]

    def _selection_changed(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.confirm_selected.setEnabled(chosen)
        self.set_selected.setEnabled(chosen)

    def _done(self) -> None:
        self.reload()
        self.changed.emit()

    def _confirm_selected(self) -> None:
        confirm(self._ws, self._case.id or 0, self.selected_ids())
        self._done()

    def _confirm_all(self) -> None:
        confirm(self._ws, self._case.id or 0, None)
        self._done()

    def _set_selected(self) -> None:
        try:
            set_level(
                self._ws,
                self._case.id or 0,
                self.selected_ids(),
                self.level.currentData(),
                reason=self.reason.text(),
            )
        except SignificanceError as exc:
            show_error(self, "Significance not changed", str(exc))
            return
        self.reason.clear()
        self._done()
