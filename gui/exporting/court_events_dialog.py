"""The court chronology's events: why each is in, taking one out with a reason, putting it
back, and the bundle index (the page of the court bundle where each record is)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chronology.models import Case
from chronology.workspace import Workspace
from gui.common.date_text import entry_date_label, uk_date_time
from gui.common.errors import show_error
from gui.common.table_model import Column, RecordTableModel
from gui.common.table_view import record_table
from summary.court_selection import (
    CourtEvent,
    Exclusion,
    SelectionError,
    bundle_pages,
    court_selection,
    event_root,
    exclude,
    restore,
    set_bundle_page,
)

log = logging.getLogger(__name__)


@dataclass
class EventRow:
    """An event of the court chronology as the dialog lists it."""

    event: CourtEvent
    page: str


class CourtEventsModel(RecordTableModel[EventRow]):
    columns = (
        Column("No.", lambda r: r.event.number, sort=lambda r: r.event.number),
        Column("Date", lambda r: entry_date_label(r.event.entry)),
        Column("Event", lambda r: r.event.entry.summary),
        Column(
            "Why it is in",
            lambda r: "; ".join(r.event.why),
            tooltip=lambda r: "\n".join(r.event.why),
        ),
        Column("Bundle page", lambda r: r.page),
    )


class ExclusionsModel(RecordTableModel[Exclusion]):
    columns = (
        Column("Entry", lambda x: x.entry_id),
        Column("Reason", lambda x: x.reason),
        Column("By", lambda x: x.by),
        Column("When", lambda x: uk_date_time(x.at)),
    )


class CourtEventsDialog(QDialog):
    """What the court documents show, and the worker's choices about it."""

    changed = Signal()

    def __init__(
        self, ws: Workspace, case: Case, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._case = case
        self._today = today
        self.model = CourtEventsModel(self)
        self.excluded = ExclusionsModel(self)
        self._build_ui()
        self._connect()
        self.reload()

    def _build_ui(self) -> None:
        self.setWindowTitle(f"Court chronology events — {self._case.ref}")
        self.resize(1100, 640)
        self.period = QLabel()
        self.period.setWordWrap(True)
        self.table = record_table(self.model, "Events of the court chronology")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.take_out = QPushButton("&Take out…")
        self.page = QLineEdit()
        self.page.setAccessibleName("Bundle page")
        self.page.setPlaceholderText("Bundle page, e.g. C23")
        self.set_page = QPushButton("Set &page")
        row = QHBoxLayout()
        row.addWidget(self.take_out)
        row.addStretch(1)
        row.addWidget(QLabel("Bundle page of the selected event"))
        row.addWidget(self.page)
        row.addWidget(self.set_page)
        self.excluded_table = record_table(self.excluded, "Entries taken out, with reasons")
        self.excluded_table.horizontalHeader().setStretchLastSection(True)
        self.put_back = QPushButton("Put &back")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.period)
        layout.addWidget(self.table, 3)
        layout.addLayout(row)
        layout.addWidget(QLabel("Taken out of the court documents"))
        layout.addWidget(self.excluded_table, 1)
        layout.addWidget(self.put_back)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.excluded_table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.take_out.clicked.connect(self._take_out)
        self.set_page.clicked.connect(self._set_page)
        self.page.returnPressed.connect(self._set_page)
        self.put_back.clicked.connect(self._put_back)
        self.buttons.rejected.connect(self.reject)

    def reload(self) -> None:
        cid = self._case.id or 0
        sel = court_selection(self._ws, cid, today=self._today)
        pages = bundle_pages(self._ws, cid)
        self.model.replace_records(
            EventRow(ev, next((pages[i] for i in ev.ids if i in pages), "")) for ev in sel.events
        )
        self.excluded.replace_records(sel.excluded)
        self.period.setText(
            f"{len(sel.events)} events {sel.period.words()} ({sel.period.basis}). Hearings, "
            "referrals, Section 47 steps and the evidence of primary risks are always in, "
            "unless you take them out here with a reason."
        )
        self._selection_changed()

    def current_event(self) -> EventRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        row = self.current_event()
        self.take_out.setEnabled(row is not None)
        self.set_page.setEnabled(row is not None)
        self.page.setEnabled(row is not None)
        if row is not None and not self.page.hasFocus():
            self.page.setText(row.page)
        self.put_back.setEnabled(bool(self.excluded_table.selectionModel().selectedRows()))

    def _take_out(self) -> None:
        row = self.current_event()
        if row is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            "Take out of the court documents",
            f"Why is event {row.event.number} ({row.event.entry.summary[:60]}) not for the "
            "court? Your reason is kept and listed.",
        )
        if not ok:
            return
        try:
            exclude(self._ws, self._case.id or 0, event_root(row.event.entry), reason)
        except SelectionError as exc:
            show_error(self, "Not taken out", str(exc))
            return
        self.reload()
        self.changed.emit()

    def _set_page(self) -> None:
        row = self.current_event()
        if row is None:
            return
        set_bundle_page(self._ws, self._case.id or 0, row.event.entry.id or 0, self.page.text())
        number = row.event.number
        self.reload()
        found = self.model.find_row(lambda r: r.event.number == number)
        if found >= 0:
            self.table.selectRow(found)
        self.changed.emit()

    def _put_back(self) -> None:
        rows = self.excluded_table.selectionModel().selectedRows()
        if not rows:
            return
        restore(self._ws, self._case.id or 0, self.excluded.record_at(rows[0].row()).entry_id)
        self.reload()
        self.changed.emit()
