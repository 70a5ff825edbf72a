"""The pane under the chronology: the selected entry in full, with every source's wording."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from chronology.entries import EntryError, cluster
from chronology.models import Entry, EntryStatus
from chronology.search_suggest import Terms
from chronology.workspace import Workspace
from gui.chronology.highlight import highlight_html
from gui.common.date_text import entry_date_label


def _para(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _source(e: Entry) -> str:
    where = e.source_file or "entered by hand"
    return f"{where}, row {e.source_row}" if e.source_row is not None else where


def _significance_note(entry: Entry) -> str:
    """Why the level was suggested, and whether the worker has confirmed it."""
    status = getattr(entry, "significance_status", "")
    reason = getattr(entry, "significance_reason", "")
    if status == "confirmed":
        by = getattr(entry, "significance_by", "")
        return f" (confirmed{' by ' + by if by else ''})"
    if reason:
        return f" (suggested: {reason}; confirm or change it with Edit entry)"
    return ""


def entry_html(entry: Entry, members: list[Entry], terms: Terms | None = None) -> str:
    """The entry as a small readable page; a cluster lists each agency's own wording.

    The words a search matched (``terms``) are highlighted in the summary and the text.
    """
    terms = terms or Terms(())

    def marked(text: str) -> str:
        return highlight_html(text, terms)

    parts = [f"<h3>{escape(entry_date_label(entry))} — {marked(entry.summary)}</h3>"]
    facts = [
        ("Agency", entry.agency),
        (
            "Type",
            entry.type.value.capitalize()
            + (f" (source: {entry.source_type})" if entry.source_type else ""),
        ),
        (
            "Significance",
            entry.significance.value.capitalize()
            + ("; in the court chronology" if entry.in_court else "")
            + _significance_note(entry),
        ),
        ("Date as written", entry.date_text),
        ("Date assumption", entry.date_assumption),
        ("Author", entry.author),
        ("Outcome", entry.outcome),
    ]
    if entry.status != EntryStatus.ACTIVE:
        facts.insert(0, ("Status", f"{entry.status.value.capitalize()}: {entry.status_reason}"))
    if entry.confidential:
        facts.insert(0, ("Confidential", "yes: withheld from exports unless redaction is off"))
    parts.append("<table cellspacing='2'>")
    for label, value in facts:
        if value:
            parts.append(
                f"<tr><td><b>{escape(label)}</b>&nbsp;&nbsp;</td><td>{_para(value)}</td></tr>"
            )
    parts.append("</table>")
    if len(members) > 1:
        parts.append(f"<h4>Recorded by {len(members)} sources</h4>")
        for member in members:
            parts.append(
                f"<p><b>{escape(member.agency or 'Unknown agency')}</b> — "
                f"{escape(entry_date_label(member))} — <i>{escape(_source(member))}</i><br>"
                f"{marked(member.text or member.summary)}"
                + (f"<br><small>{marked(member.details)}</small>" if member.details else "")
                + "</p>"
            )
    else:
        parts.append(f"<p>{marked(entry.text)}</p>")
        if entry.details:  # the source's other columns (location, next steps…)
            parts.append(f"<p><small>{marked(entry.details)}</small></p>")
        parts.append(f"<p><i>Source: {escape(_source(entry))}</i></p>")
    if entry.analysis:
        parts.append(f"<h4>Analysis</h4><p>{_para(entry.analysis)}</p>")
    if entry.action:
        parts.append(f"<h4>Action</h4><p>{_para(entry.action)}</p>")
    return "".join(parts)


class EntryDetailPane(QWidget):
    """Shows one entry; the Edit button asks for the entry editor."""

    edit_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entry_id: int | None = None
        self._build_ui()
        self._connect()
        self.clear()

    def _build_ui(self) -> None:
        self.title = QLabel("Selected entry")
        self.edit_button = QPushButton("Edit entry…")
        self.edit_button.setAccessibleName("Edit the selected entry")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("The selected entry in full")
        self.browser.setOpenLinks(False)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.browser)

    def _connect(self) -> None:
        self.edit_button.clicked.connect(self._edit)

    def _edit(self) -> None:
        if self._entry_id is not None:
            self.edit_requested.emit(self._entry_id)

    def clear(self) -> None:
        self._entry_id = None
        self.browser.setHtml(
            "<p><i>Select an entry to read it in full, with every "
            "agency's wording when several recorded the same event.</i></p>"
        )
        self.edit_button.setEnabled(False)

    def show_entry(self, ws: Workspace, entry: Entry, terms: Terms | None = None) -> None:
        """Show ``entry`` (and every agency's wording of it), the searched words highlighted."""
        try:
            members = cluster(ws, entry.id or 0)
        except EntryError:
            members = [entry]
        self._entry_id = entry.id
        self.browser.setHtml(entry_html(entry, members, terms))
        self.edit_button.setEnabled(True)
