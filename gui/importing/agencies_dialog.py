"""The case's agencies: names from the imports gathered into one agency (a team's name and the
service's short name are one agency), and names that are people rather than agencies."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
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

from chronology.agencies import AgencyError, add_agency, list_agencies, remove_alias
from chronology.models import Case
from chronology.workspace import Workspace
from gui.common.errors import show_error
from gui.common.table_model import RIGHT, Column, RecordTableModel, thousands
from gui.common.table_view import record_table


@dataclass
class NameRow:
    """One name as the entries carry it, and what it is for the case."""

    name: str
    entries: int
    agency: str  # the agency it belongs to ('' when not placed)
    person: bool = False


class NamesTableModel(RecordTableModel[NameRow]):
    columns = (
        Column("Name in the records", lambda r: r.name),
        Column("Entries", lambda r: thousands(r.entries), sort=lambda r: r.entries, align=RIGHT),
        Column(
            "Agency",
            lambda r: "a person, not an agency" if r.person else (r.agency or "(not placed)"),
        ),
    )


class AgenciesDialog(QDialog):
    """Select names and make them one agency; take a name back out of an agency."""

    changed = Signal()

    def __init__(self, ws: Workspace, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._case = case
        self.model = NamesTableModel(self)
        self._build_ui()
        self._connect()
        self.reload()

    def _build_ui(self) -> None:
        self.setWindowTitle(f"Agencies — {self._case.ref}")
        self.resize(820, 520)
        intro = QLabel(
            "The names the imported records give for who recorded them. Select the names that "
            "are one agency (a team's name and the service's short name, say), give the agency "
            "its name, and documents will use it. Names of people are never counted as agencies."
        )
        intro.setWordWrap(True)
        self.table = record_table(self.model, "Names in the records", multiple=True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.name = QLineEdit()
        self.name.setAccessibleName("Agency name")
        self.name.setPlaceholderText("The agency's name, as documents should give it")
        self.make_one = QPushButton("&Make one agency")
        self.take_out = QPushButton("&Take out of its agency")
        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        row.addWidget(self.make_one)
        row.addWidget(self.take_out)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.name.textChanged.connect(self._selection_changed)
        self.make_one.clicked.connect(self._make_one)
        self.take_out.clicked.connect(self._take_out)
        self.buttons.rejected.connect(self.reject)

    def reload(self) -> None:
        found = list_agencies(self._ws, self._case.id or 0)
        counts = {n: c for n, c in (*found.unplaced, *found.people)}
        rows = [NameRow(n, c, "") for n, c in found.unplaced]
        rows += [NameRow(n, c, "", person=True) for n, c in found.people]
        raw = dict(
            self._ws.conn.execute(
                "SELECT agency, count(*) FROM entries WHERE case_id=? AND status != 'undone' "
                "GROUP BY agency",
                (self._case.id,),
            ).fetchall()
        )
        for agency in found.agencies:
            for name in [agency.name, *agency.aliases]:
                if name not in counts:
                    rows.append(NameRow(name, raw.get(name, 0), agency.name))
        self.model.replace_records(sorted(rows, key=lambda r: (r.agency or r.name).casefold()))
        self._selection_changed()

    def selected(self) -> list[NameRow]:
        return [self.model.record_at(i.row()) for i in self.table.selectionModel().selectedRows()]

    def _selection_changed(self) -> None:
        rows = self.selected()
        self.make_one.setEnabled(bool(rows) and bool(self.name.text().strip()))
        self.take_out.setEnabled(any(r.agency and r.name != r.agency for r in rows))
        if rows and not self.name.text().strip():
            self.name.setPlaceholderText(f"e.g. {rows[0].agency or rows[0].name}")

    def _make_one(self) -> None:
        names = [r.name for r in self.selected()]
        try:
            add_agency(self._ws, self._case.id or 0, self.name.text(), names)
        except AgencyError as exc:
            show_error(self, "Agency not changed", str(exc))
            return
        self.name.clear()
        self.reload()
        self.changed.emit()

    def _take_out(self) -> None:
        for row in self.selected():
            if row.agency and row.name != row.agency:
                remove_alias(self._ws, self._case.id or 0, row.name)
        self.reload()
        self.changed.emit()
