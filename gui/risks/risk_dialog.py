"""Add or edit a risk: IF/THEN statement, category and its trip-wires, urgency, primary, review
interval, and evidence picked from the chronology."""

from __future__ import annotations

import logging

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chronology.entries import EntryError, get_entry
from chronology.workspace import Workspace
from gui.common.errors import show_error
from gui.common.evidence import EvidenceCommand
from gui.common.keys import DateBox, one_default_button
from gui.common.undo import Notify
from gui.risks.risk_commands import AddRiskCommand, EditRiskCommand, SetPrimaryCommand, perform
from gui.risks.risk_evidence import EvidenceTab
from gui.risks.risk_tripwires import Tripwires, TripwireTab, default_tripwires, same_tripwires
from summary.risks import (
    CATEGORIES,
    REVIEW_DAYS,
    URGENCY_LABELS,
    Risk,
    RiskError,
    RiskStatus,
    Urgency,
    get_risk,
)

log = logging.getLogger(__name__)


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
        self.unpin_reason = ""
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
        self.identified_on = DateBox()
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

        self.tripwire_tab = TripwireTab()
        self.evidence_tab = EvidenceTab(self._ws, self._case_id)
        # The tabs' fields that callers (and the tests) reach through the dialog.
        self.tripwire_note = self.tripwire_tab.tripwire_note
        self.phrases = self.tripwire_tab.phrases
        self.reset_tripwires = self.tripwire_tab.reset_tripwires
        self.add_selected = self.evidence_tab.add_selected
        self.search = self.evidence_tab.search
        self.results_model = self.evidence_tab.results_model
        self.results = self.evidence_tab.results
        self.link = self.evidence_tab.link
        self.tabs = QTabWidget()
        self.tabs.addTab(risk_page, "Risk")
        self.tabs.addTab(self.tripwire_tab, "Trip-wires")
        self.tabs.addTab(self.evidence_tab, "Evidence")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        # Enter anywhere but a search box or a list saves; Escape cancels.
        one_default_button(self, self.buttons.button(QDialogButtonBox.StandardButton.Save))

    def _connect(self) -> None:
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.category.currentTextChanged.connect(self.tripwire_tab.set_category)
        self.urgency.currentIndexChanged.connect(self._update_hint)

    def _load(self) -> None:
        r = self.risk
        if r is None:
            self.category.setCurrentIndex(0)
            self.urgency.setCurrentIndex(1)  # important but not urgent: the easily lost kind
            self.identified_on.setDate(QDate.currentDate())
            self.status.setEnabled(True)
            wires = default_tripwires(self.category.currentText())
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
            wires = own if r.has_own_triggers else default_tripwires(r.category)
            entries = []
            for entry_id in r.evidence:
                try:
                    entries.append(get_entry(self._ws, entry_id))
                except EntryError:
                    log.warning("risk %s lists a missing entry %s", r.id, entry_id)
            self.evidence_tab.set_evidence(entries)
        self.tripwire_tab.load(self.category.currentText(), wires)
        self.evidence_tab.set_selected_entry(self._selected_entry)
        self._update_hint()
        self.tabs.setCurrentIndex(0)
        self.title.setFocus()  # the cursor where the worker starts typing

    def current_tripwires(self) -> Tripwires:
        return self.tripwire_tab.current_tripwires()

    def _update_hint(self, *_args: object) -> None:
        urgency = Urgency(self.urgency.currentData() or Urgency.IMPORTANT.value)
        self.interval_hint.setText(
            f"(default for {URGENCY_LABELS[urgency]}: every {REVIEW_DAYS[urgency]} days)"
        )

    def run_search(self) -> None:
        self.evidence_tab.run_search()

    def link_chosen(self) -> None:
        self.evidence_tab.link_chosen()

    def new_evidence(self) -> list[int]:
        return self.evidence_tab.new_evidence()

    def removed_evidence(self) -> list[int]:
        return self.evidence_tab.removed_evidence()

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

    def own_tripwires(self) -> Tripwires:
        """The trip-wires to store: none when they are the category's defaults."""
        return self.tripwire_tab.own_tripwires()

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

    def tripwire_change(self) -> tuple[Tripwires, Tripwires] | None:
        """(old, new) trip-wires when the user changed them (editing only)."""
        assert self.risk is not None
        old = (list(self.risk.phrases), list(self.risk.entry_types))
        new = self.own_tripwires()
        return None if same_tripwires(old, new) else (old, new)

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
        evidence = EvidenceCommand(
            ws, risk_id, dialog.new_evidence(), dialog.removed_evidence(), notify
        )
        if evidence.changes_anything:
            commands.append(evidence)
        if stack is not None and len(commands) > 1:
            stack.beginMacro(f"Edit risk '{risk.title}'")
        try:
            for command in commands:
                perform(stack, command)
        finally:
            if stack is not None and len(commands) > 1:
                stack.endMacro()
    except ValueError as exc:
        log.info("edit of risk %s refused: %s", risk_id, exc)
        show_error(parent, "The change was not saved", str(exc))
        return False
    return True
