"""The entry editor: significance, court flag, analysis, outcome, confidential, a link to a risk,
withdrawal with a reason, every source's wording and the entry's history."""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from chronology.entries import EntryError, cluster, entry_history, get_entry
from chronology.models import Entry, EntryStatus, Significance
from chronology.workspace import Workspace
from gui.chronology.commands import (
    EditEntryCommand,
    SetStatusCommand,
    UnlinkDuplicateCommand,
    perform,
)
from gui.chronology.entry_detail import entry_html
from gui.chronology.history_model import EntryHistoryModel
from gui.common.date_text import entry_date_label
from gui.common.errors import show_error

log = logging.getLogger(__name__)


def _risks(ws: Workspace, case_id: int) -> list[tuple[int, str, bool]] | None:
    """(id, title, already linked?) of the case's open risks; None without the risk register."""
    try:
        from summary.risks import list_risks
    except ImportError:
        return None
    return [(r.id or 0, r.title, False) for r in list_risks(ws, case_id, include_closed=False)]


class EntryDialog(QDialog):
    """Edit one entry; the caller applies the result through undoable commands."""

    def __init__(self, ws: Workspace, entry: Entry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self.entry = entry
        self.unlink_requested = False
        self._members = self._cluster()
        self._build_ui()
        self._connect()
        self._load()

    def _cluster(self) -> list[Entry]:
        try:
            return cluster(self._ws, self.entry.id or 0)
        except EntryError:
            return [self.entry]

    # ------------------------------------------------------------------- layout
    def _build_ui(self) -> None:
        e = self.entry
        self.setWindowTitle(f"Entry of {entry_date_label(e)} — {e.agency or 'no agency'}")
        self.resize(760, 620)
        heading = QLabel(
            f"<b>{escape(entry_date_label(e))}</b> · {escape(e.type.value.capitalize())} · "
            f"{escape(e.agency)}<br>{escape(e.summary)}"
        )
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)

        self.significance = QComboBox()
        self.significance.setAccessibleName("Significance")
        for value in Significance:
            self.significance.addItem(value.value.capitalize(), value.value)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setAccessibleName("Why this significance")
        self.in_court = QCheckBox("Include in the court chronology")
        self.child_voice = QCheckBox(
            "Records the child's wishes and feelings (or what was observed of them)"
        )
        self.confidential = QCheckBox("Confidential (withheld from exports while redaction is on)")
        self.outcome = QLineEdit()
        self.outcome.setAccessibleName("Outcome")
        self.action = QPlainTextEdit()
        self.action.setAccessibleName("Action")
        self.action.setFixedHeight(60)
        self.analysis = QPlainTextEdit()
        self.analysis.setAccessibleName("Analysis")
        self.analysis.setPlaceholderText("Your analysis: kept apart from the recorded facts.")
        self.risk = QComboBox()
        self.risk.setAccessibleName("Link to a risk as evidence")
        self.withdrawn = QCheckBox("Withdraw this entry")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for withdrawing")
        self.reason.setPlaceholderText("Why it is withdrawn (required): it stays in the record")

        form = QFormLayout()
        form.addRow("Significance", self.significance)
        form.addRow("", self.why)
        form.addRow("", self.in_court)
        form.addRow("", self.child_voice)
        form.addRow("", self.confidential)
        form.addRow("Outcome", self.outcome)
        form.addRow("Action", self.action)
        form.addRow("Analysis", self.analysis)
        form.addRow("Risk", self.risk)
        form.addRow("", self.withdrawn)
        form.addRow("Reason", self.reason)
        edit_page = QWidget()
        edit_page.setLayout(form)

        self.sources = QTextBrowser()
        self.sources.setAccessibleName("The entry's sources and wording")
        self.unlink = QPushButton("Separate this entry from the duplicate group")
        self.unlink.setAccessibleName("Separate from duplicate group")
        sources_page = QWidget()
        sources_layout = QVBoxLayout(sources_page)
        sources_layout.addWidget(self.sources)
        sources_layout.addWidget(self.unlink)

        self.history_model = EntryHistoryModel(parent=self)
        self.history = QTableView()
        self.history.setAccessibleName("History of the entry")
        self.history.setModel(self.history_model)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.history.horizontalHeader().setStretchLastSection(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(edit_page, "Edit")
        sources_title = f"Sources ({len(self._members)})" if len(self._members) > 1 else "Source"
        self.tabs.addTab(sources_page, sources_title)
        self.tabs.addTab(self.history, "History")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.withdrawn.toggled.connect(self.reason.setEnabled)
        self.unlink.clicked.connect(self._unlink)

    def _load(self) -> None:
        e = self.entry
        self.significance.setCurrentIndex(self.significance.findData(e.significance.value))
        self.in_court.setChecked(e.in_court)
        self.child_voice.setChecked(e.child_voice)
        self.confidential.setChecked(e.confidential)
        decided = (
            f"Confirmed by {e.significance_by or 'the worker'}"
            if e.significance_status == "confirmed"
            else "Suggested"
        )
        self.why.setText(
            f"{decided}: {e.significance_reason}" if e.significance_reason else f"{decided}."
        )
        self.outcome.setText(e.outcome)
        self.action.setPlainText(e.action)
        self.analysis.setPlainText(e.analysis)
        withdrawn = e.status == EntryStatus.WITHDRAWN
        self.withdrawn.setChecked(withdrawn)
        self.withdrawn.setEnabled(e.status != EntryStatus.CANCELLED)
        self.reason.setText(e.status_reason if withdrawn else "")
        self.reason.setEnabled(withdrawn)
        risks = _risks(self._ws, e.case_id)
        self.risk.addItem(
            "(not linked)" if risks is not None else "(risk register not available)", None
        )
        for risk_id, title, _linked in risks or []:
            self.risk.addItem(title, risk_id)
        self.risk.setEnabled(bool(risks))
        self.sources.setHtml(entry_html(e, self._members))
        self.unlink.setVisible(e.duplicate_of is not None)
        self.history_model.set_rows(entry_history(self._ws, e.id or 0))
        self.history.resizeColumnsToContents()

    # ------------------------------------------------------------------ results
    def changes(self) -> tuple[dict[str, object], dict[str, object]]:
        """(old, new) values of the fields the user changed."""
        e = self.entry
        now = {
            "significance": self.significance.currentData(),
            "in_court": self.in_court.isChecked(),
            "child_voice": self.child_voice.isChecked(),
            "confidential": self.confidential.isChecked(),
            "outcome": self.outcome.text().strip(),
            "action": self.action.toPlainText().strip(),
            "analysis": self.analysis.toPlainText().strip(),
        }
        before = {
            "significance": e.significance.value,
            "in_court": e.in_court,
            "child_voice": e.child_voice,
            "confidential": e.confidential,
            "outcome": e.outcome,
            "action": e.action,
            "analysis": e.analysis,
        }
        changed = [k for k in now if now[k] != before[k]]
        return {k: before[k] for k in changed}, {k: now[k] for k in changed}

    def status_change(self) -> tuple[EntryStatus, str] | None:
        """The new (status, reason), or None when it stays as it was."""
        e = self.entry
        if e.status == EntryStatus.CANCELLED:
            return None
        if self.withdrawn.isChecked():
            reason = self.reason.text().strip()
            if e.status == EntryStatus.WITHDRAWN and reason == e.status_reason:
                return None
            return EntryStatus.WITHDRAWN, reason
        if e.status == EntryStatus.WITHDRAWN:
            return EntryStatus.ACTIVE, ""
        return None

    def risk_to_link(self) -> int | None:
        return self.risk.currentData()

    def _accept(self) -> None:
        if self.withdrawn.isChecked() and not self.reason.text().strip():
            show_error(
                self,
                "A reason is needed",
                "Withdrawing an entry needs a reason: the entry stays in the record with it.",
                "Type the reason, or untick 'Withdraw this entry'.",
            )
            self.reason.setFocus()
            return
        self.accept()

    def _unlink(self) -> None:
        self.unlink_requested = True
        self.accept()


def edit_entry(
    parent: QWidget,
    ws: Workspace,
    stack: QUndoStack,
    entry_id: int,
    changed: Callable[[int], None],
    regrouped: Callable[[int], None],
) -> bool:
    """Open the editor for an entry and apply what the user chose as undoable commands."""
    try:
        entry = get_entry(ws, entry_id)
    except EntryError as exc:
        show_error(parent, "Entry not found", str(exc))
        return False
    dialog = EntryDialog(ws, entry, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        if dialog.unlink_requested and entry.duplicate_of is not None:
            perform(stack, UnlinkDuplicateCommand(ws, entry_id, entry.duplicate_of, regrouped))
            return True
        old, new = dialog.changes()
        status = dialog.status_change()
        if new or status:
            stack.beginMacro("Edit entry")
            try:
                if new:
                    perform(stack, EditEntryCommand(ws, entry_id, old, new, changed))
                if status:
                    perform(
                        stack,
                        SetStatusCommand(
                            ws, entry_id, (entry.status, entry.status_reason), status, changed
                        ),
                    )
            finally:
                stack.endMacro()
        risk_id = dialog.risk_to_link()
        if risk_id is not None:
            from summary.risks import add_evidence

            add_evidence(ws, risk_id, entry_id)
            changed(entry_id)
    except (EntryError, ValueError) as exc:
        log.info("edit of entry %s refused: %s", entry_id, exc)
        show_error(parent, "The change was not saved", str(exc))
        return False
    return True
