"""Add or edit a risk: IF/THEN statement, category and its trip-wires, urgency, primary, review
interval, and evidence picked from the chronology."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chronology.entries import EntryError, EntryFilter, get_entry, list_entries
from chronology.models import Entry, EntryType
from chronology.workspace import Workspace
from gui.date_text import entry_date_label
from gui.errors import show_error
from gui.risk_commands import AddRiskCommand, EditRiskCommand, SetPrimaryCommand, perform
from gui.risk_models import AGENCY, DATE, SUMMARY, TYPE, CheckListModel, EntryListModel
from summary.risks import (
    CATEGORIES,
    REVIEW_DAYS,
    URGENCY_LABELS,
    Risk,
    RiskError,
    RiskStatus,
    Urgency,
    add_evidence,
    clean_phrases,
    clean_types,
    get_risk,
)
from summary.tripwires import DEFAULT_PHRASES, DEFAULT_TYPES, GENERAL_PHRASES, GENERAL_TYPES

log = logging.getLogger(__name__)
SEARCH_LIMIT = 200


def default_tripwires(category: str) -> tuple[list[str], list[str]]:
    """The trip-wires a risk of this category uses unless the worker chooses its own."""
    key = category.strip().lower()
    if key in DEFAULT_PHRASES:
        return list(DEFAULT_PHRASES[key]), list(DEFAULT_TYPES.get(key, ()))
    return list(GENERAL_PHRASES), list(GENERAL_TYPES)


def _same(a: tuple[list[str], list[str]], b: tuple[list[str], list[str]]) -> bool:
    fold = lambda items: {" ".join(i.split()).casefold() for i in items}  # noqa: E731
    return fold(a[0]) == fold(b[0]) and fold(a[1]) == fold(b[1])


def ask_reason(parent: QWidget | None, title: str, prompt: str) -> str | None:
    """Ask for the reason for a decision; an empty reason is refused in plain words."""
    text, ok = QInputDialog.getText(parent, title, prompt)
    if not ok:
        return None
    if not str(text).strip():
        show_error(
            parent,
            "A reason is needed",
            "This decision is recorded with its reason, so that anyone reading the case later "
            "knows why it was made.",
            "Nothing was changed. Try again and type the reason.",
        )
        return None
    return str(text).strip()


class RiskDialog(QDialog):
    """The fields of one risk; the caller applies the result through undoable commands."""

    def __init__(
        self,
        ws: Workspace,
        case_id: int,
        risk: Risk | None = None,
        selected_entry: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._case_id = case_id
        self.risk = risk
        self._selected_entry = selected_entry
        self._shown_category = ""
        self.unpin_reason = ""
        self._existing_evidence: set[int] = set()
        self._selected: Entry | None = None
        self._build_ui()
        self._connect()
        self._load()

    # ------------------------------------------------------------------- layout
    def _build_ui(self) -> None:
        self.setWindowTitle("Edit risk" if self.risk else "Add a risk")
        self.resize(760, 640)
        self.title = QLineEdit()
        self.title.setAccessibleName("Title of the risk")
        self.title.setPlaceholderText(
            "e.g. Conditional threat: mother may harm herself and the child"
        )
        self.if_text = QPlainTextEdit()
        self.if_text.setAccessibleName("IF: the circumstances")
        self.if_text.setPlaceholderText(
            "the circumstances, e.g. father is granted unsupported contact"
        )
        self.then_text = QPlainTextEdit()
        self.then_text.setAccessibleName("THEN: what may happen")
        self.then_text.setPlaceholderText("what may happen, e.g. mother may act on her threat")
        for edit in (self.if_text, self.then_text):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.setAccessibleName("Category")
        self.category.addItems([c.capitalize() for c in CATEGORIES])
        self.to_whom = QLineEdit()
        self.to_whom.setAccessibleName("Risk to whom")
        self.from_whom = QLineEdit()
        self.from_whom.setAccessibleName("Risk from whom")
        self.urgency = QComboBox()
        self.urgency.setAccessibleName("Urgency")
        for value in (Urgency.URGENT, Urgency.IMPORTANT):
            self.urgency.addItem(URGENCY_LABELS[value].capitalize(), value.value)
        self.primary = QCheckBox("&Primary: pin it to the top of the summary and every statement")
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        self.status.addItem("Active", RiskStatus.ACTIVE.value)
        self.status.addItem("Monitoring", RiskStatus.MONITORING.value)
        self.review_days = QSpinBox()
        self.review_days.setAccessibleName("Review interval in days")
        self.review_days.setRange(0, 730)
        self.review_days.setSuffix(" days")
        self.review_days.setSpecialValueText("The urgency's default")
        self.identified_on = QDateEdit()
        self.identified_on.setAccessibleName("Date the risk was identified")
        self.identified_on.setCalendarPopup(True)
        self.identified_on.setDisplayFormat("dd/MM/yyyy")
        self.interval_hint = QLabel()

        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&IF", self.if_text)
        form.addRow("T&HEN", self.then_text)
        form.addRow("&Category", self.category)
        form.addRow("Risk t&o", self.to_whom)
        form.addRow("Risk &from", self.from_whom)
        form.addRow("&Urgency", self.urgency)
        form.addRow("", self.primary)
        form.addRow("&Status", self.status)
        interval = QHBoxLayout()
        interval.addWidget(self.review_days)
        interval.addWidget(self.interval_hint, 1)
        every = QLabel("&Review every")
        every.setBuddy(self.review_days)
        form.addRow(every, interval)
        form.addRow("I&dentified on", self.identified_on)
        risk_page = QWidget()
        page_layout = QVBoxLayout(risk_page)
        page_layout.addLayout(form)
        page_layout.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.addTab(risk_page, "Risk")
        self.tabs.addTab(self._tripwire_page(), "Trip-wires")
        self.tabs.addTab(self._evidence_page(), "Evidence")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def _tripwire_page(self) -> QWidget:
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
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.tripwire_note)
        layout.addLayout(lists, 1)
        layout.addWidget(self.reset_tripwires, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _evidence_page(self) -> QWidget:
        self.evidence_model = EntryListModel(self)
        self.evidence = self._entry_table(self.evidence_model, "Entries linked as evidence")
        self.add_selected = QPushButton()
        self.add_selected.setAccessibleName("Link the entry selected in the chronology")
        self.search = QLineEdit()
        self.search.setAccessibleName("Search the chronology for evidence")
        self.search.setPlaceholderText("Search the chronology (words in the summary or text)…")
        self.search.setClearButtonEnabled(True)
        self.results_model = EntryListModel(self)
        self.results = self._entry_table(self.results_model, "Search results")
        self.link = QPushButton("&Link the chosen entry")
        note = QLabel(
            "Evidence links are part of the record: once the risk is saved they cannot be "
            "undone or removed."
        )
        note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("<b>Linked as evidence</b>"))
        layout.addWidget(self.evidence, 2)
        layout.addWidget(self.add_selected, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 3)
        layout.addWidget(self.link, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(note)
        return page

    @staticmethod
    def _entry_table(model: EntryListModel, name: str) -> QTableView:
        table = QTableView()
        table.setAccessibleName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        rows = table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        for column, width in ((DATE, 130), (AGENCY, 170), (TYPE, 150)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
        return table

    def _connect(self) -> None:
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.category.currentTextChanged.connect(self._category_changed)
        self.urgency.currentIndexChanged.connect(self._update_hint)
        self.phrases.textChanged.connect(self._update_tripwire_note)
        self.types_model.dataChanged.connect(self._update_tripwire_note)
        self.reset_tripwires.clicked.connect(self._use_defaults)
        self.add_selected.clicked.connect(self._link_selected)
        self.search.returnPressed.connect(self.run_search)
        self.search.textChanged.connect(self._search_as_typed)
        self.link.clicked.connect(self.link_chosen)
        self.results.doubleClicked.connect(lambda _index: self.link_chosen())

    def _load(self) -> None:
        r = self.risk
        if r is None:
            self.category.setCurrentIndex(0)
            self.urgency.setCurrentIndex(1)  # important but not urgent: the easily lost kind
            self.identified_on.setDate(QDate.currentDate())
            self.status.setEnabled(True)
            self._set_tripwires(default_tripwires(self.category.currentText()))
        else:
            self.title.setText(r.title)
            self.if_text.setPlainText(r.if_text)
            self.then_text.setPlainText(r.then_text)
            self.category.blockSignals(True)
            self.category.setCurrentText(r.category.capitalize())
            self.category.blockSignals(False)
            self.to_whom.setText(r.to_whom)
            self.from_whom.setText(r.from_whom)
            self.urgency.setCurrentIndex(self.urgency.findData(r.urgency.value))
            self.primary.setChecked(r.primary)
            closed = r.status == RiskStatus.CLOSED
            self.primary.setEnabled(not closed)
            self.status.setEnabled(not closed)
            if not closed:
                self.status.setCurrentIndex(self.status.findData(r.status.value))
            self.review_days.setValue(r.review_days or 0)
            self.identified_on.setDate(
                QDate.fromString(r.identified_on[:10], Qt.DateFormat.ISODate)
            )
            own = (list(r.phrases), list(r.entry_types))
            self._set_tripwires(own if r.has_own_triggers else default_tripwires(r.category))
            entries = []
            for entry_id in r.evidence:
                try:
                    entries.append(get_entry(self._ws, entry_id))
                except EntryError:
                    log.warning("risk %s lists a missing entry %s", r.id, entry_id)
            self.evidence_model.set_entries(entries)
        self._shown_category = self.category.currentText()
        self._existing_evidence = set(self.evidence_model.ids())
        self._load_selected()
        self._update_hint()
        self._update_tripwire_note()

    def _load_selected(self) -> None:
        entry = None
        if self._selected_entry is not None:
            try:
                entry = get_entry(self._ws, self._selected_entry)
            except EntryError:
                entry = None
        self._selected = entry
        if entry is None:
            self.add_selected.setText("Link the entry selected in the chronology (none selected)")
            self.add_selected.setEnabled(False)
            return
        words = entry.summary if len(entry.summary) <= 60 else entry.summary[:59] + "…"
        self.add_selected.setText(
            f"Link the entry selected in the chronology: {entry_date_label(entry)} — {words}"
        )
        self.add_selected.setEnabled(True)

    # ---------------------------------------------------------------- trip-wires
    def _set_tripwires(self, wires: tuple[list[str], list[str]]) -> None:
        self.phrases.setPlainText("\n".join(wires[0]))
        self.types_model.set_checked(wires[1])

    def current_tripwires(self) -> tuple[list[str], list[str]]:
        lines = [line.strip() for line in self.phrases.toPlainText().splitlines()]
        return [line for line in lines if line], self.types_model.checked()

    def _category_changed(self, text: str) -> None:
        if _same(self.current_tripwires(), default_tripwires(self._shown_category)):
            self._set_tripwires(default_tripwires(text))  # only defaults are replaced
        self._shown_category = text
        self._update_tripwire_note()

    def _use_defaults(self) -> None:
        self._set_tripwires(default_tripwires(self.category.currentText()))

    def _update_tripwire_note(self, *_args: object) -> None:
        category = self.category.currentText().strip().lower() or "no category"
        if _same(self.current_tripwires(), default_tripwires(category)):
            self.tripwire_note.setText(
                f"These are the default trip-wires for '{category}'. Edit them to suit this "
                "risk: when a new chronology entry matches one, the risk asks for a review."
            )
        else:
            self.tripwire_note.setText(
                "These are this risk's own trip-wires (the category's defaults no longer "
                "apply). When a new chronology entry matches one, the risk asks for a review."
            )

    def _update_hint(self, *_args: object) -> None:
        urgency = Urgency(self.urgency.currentData() or Urgency.IMPORTANT.value)
        self.interval_hint.setText(
            f"(default for {URGENCY_LABELS[urgency]}: every {REVIEW_DAYS[urgency]} days)"
        )

    # ------------------------------------------------------------------ evidence
    def _link_selected(self) -> None:
        if self._selected is not None:
            self.evidence_model.add(self._selected)

    def _search_as_typed(self, text: str) -> None:
        if len(text.strip()) >= 3:
            self.run_search()

    def run_search(self) -> None:
        text = self.search.text().strip()
        found = (
            list_entries(self._ws, self._case_id, EntryFilter(search=text), limit=SEARCH_LIMIT)
            if text
            else []
        )
        self.results_model.set_entries(found)
        if found:
            self.results.selectRow(0)

    def link_chosen(self) -> None:
        rows = self.results.selectionModel().selectedRows()
        if rows:
            self.evidence_model.add(self.results_model.entry_at(rows[0].row()))

    def new_evidence(self) -> list[int]:
        return [i for i in self.evidence_model.ids() if i not in self._existing_evidence]

    # ------------------------------------------------------------------- results
    def fields(self) -> dict[str, object]:
        """The risk's editable fields as the dialog holds them."""
        return {
            "title": self.title.text().strip(),
            "if_text": self.if_text.toPlainText().strip(),
            "then_text": self.then_text.toPlainText().strip(),
            "category": self.category.currentText().strip().lower(),
            "to_whom": self.to_whom.text().strip(),
            "from_whom": self.from_whom.text().strip(),
            "urgency": self.urgency.currentData(),
            "review_days": self.review_days.value() or None,
            "identified_on": self.identified_on.date().toString(Qt.DateFormat.ISODate),
            **({"status": self.status.currentData()} if self.status.isEnabled() else {}),
        }

    def own_tripwires(self) -> tuple[list[str], list[str]]:
        """The trip-wires to store: none when they are the category's defaults."""
        wires = self.current_tripwires()
        if _same(wires, default_tripwires(self.category.currentText())):
            return [], []
        return clean_phrases(wires[0]), clean_types(wires[1])

    def new_risk(self) -> Risk:
        f = self.fields()
        phrases, types = self.own_tripwires()
        return Risk(
            case_id=self._case_id,
            title=str(f["title"]),
            if_text=str(f["if_text"]),
            then_text=str(f["then_text"]),
            category=str(f["category"]),
            to_whom=str(f["to_whom"]),
            from_whom=str(f["from_whom"]),
            urgency=Urgency(str(f["urgency"])),
            status=RiskStatus(str(f.get("status", RiskStatus.ACTIVE.value))),
            primary=self.primary.isChecked(),
            review_days=f["review_days"],  # type: ignore[arg-type]
            identified_on=str(f["identified_on"]),
            phrases=phrases,
            entry_types=types,
        )

    def changes(self) -> tuple[dict[str, object], dict[str, object]]:
        """(old, new) values of the fields the user changed (editing only)."""
        assert self.risk is not None
        now = self.fields()
        before = {
            k: (v.value if hasattr(v, "value") else v)
            for k, v in ((k, getattr(self.risk, k)) for k in now)
        }
        changed = [k for k in now if now[k] != before[k]]
        return {k: before[k] for k in changed}, {k: now[k] for k in changed}

    def tripwire_change(
        self,
    ) -> tuple[tuple[list[str], list[str]], tuple[list[str], list[str]]] | None:
        """(old, new) trip-wires when the user changed them (editing only)."""
        assert self.risk is not None
        old = (list(self.risk.phrases), list(self.risk.entry_types))
        new = self.own_tripwires()
        return None if _same(old, new) else (old, new)

    def primary_change(self) -> tuple[bool, str] | None:
        """(primary, reason) when pinning changed (editing only)."""
        assert self.risk is not None
        if self.risk.status == RiskStatus.CLOSED or self.primary.isChecked() == self.risk.primary:
            return None
        return self.primary.isChecked(), self.unpin_reason

    def _accept(self) -> None:
        if not self.title.text().strip():
            show_error(
                self,
                "A title is needed",
                "Give the risk a short title.",
                "It is how the risk is named in the summary and the statement.",
            )
            self.tabs.setCurrentIndex(0)
            self.title.setFocus()
            return
        try:
            self.own_tripwires()
        except RiskError as exc:
            show_error(self, "A trip-wire cannot be used", str(exc))
            self.tabs.setCurrentIndex(1)
            return
        if (
            self.risk is not None
            and self.risk.primary
            and self.risk.status != RiskStatus.CLOSED
            and not self.primary.isChecked()
        ):
            reason = ask_reason(
                self,
                "Take the risk off the top",
                "Why is this no longer a primary risk? (recorded with the decision)",
            )
            if reason is None:
                return
            self.unpin_reason = reason
        self.accept()


# ----------------------------------------------------------------- applying the result
Notify = Callable[[int], None]


def add_risk_interactive(
    parent: QWidget | None,
    ws: Workspace,
    stack: QUndoStack | None,
    case_id: int,
    selected_entry: int | None,
    notify: Notify,
) -> int | None:
    """Ask for a new risk and record it as an undoable action; returns its id."""
    dialog = RiskDialog(ws, case_id, None, selected_entry, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        command = AddRiskCommand(ws, dialog.new_risk(), dialog.new_evidence(), notify)
        perform(stack, command)
    except ValueError as exc:  # RiskError, DateError: a refusal in plain words
        log.info("risk not added: %s", exc)
        show_error(parent, "The risk was not saved", str(exc))
        return None
    return command.subject


def edit_risk_interactive(
    parent: QWidget | None,
    ws: Workspace,
    stack: QUndoStack | None,
    risk_id: int,
    selected_entry: int | None,
    notify: Notify,
) -> bool:
    """Open a risk in the editor and apply what changed as undoable actions."""
    try:
        risk = get_risk(ws, risk_id)
    except RiskError as exc:
        show_error(parent, "Risk not found", str(exc))
        return False
    dialog = RiskDialog(ws, risk.case_id, risk, selected_entry, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        old, new = dialog.changes()
        wires = dialog.tripwire_change()
        primary = dialog.primary_change()
        commands = []
        if new or wires:
            commands.append(
                EditRiskCommand(ws, risk_id, old, new, *(wires or (None, None)), notify)
            )
        if primary:
            commands.append(SetPrimaryCommand(ws, risk_id, primary[0], primary[1], notify))
        if stack is not None and len(commands) > 1:
            stack.beginMacro(f"Edit risk '{risk.title}'")
        try:
            for command in commands:
                perform(stack, command)
        finally:
            if stack is not None and len(commands) > 1:
                stack.endMacro()
        evidence = dialog.new_evidence()
        for entry_id in evidence:  # no inverse in the core: not on the undo stack
            add_evidence(ws, risk_id, entry_id)
        if evidence:
            notify(risk_id)
    except ValueError as exc:
        log.info("edit of risk %s refused: %s", risk_id, exc)
        show_error(parent, "The change was not saved", str(exc))
        return False
    return True
