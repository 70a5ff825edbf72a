"""The export dialog: document, format, dates and filters, redaction (on by default, with what
will be withheld), the statement details kept on the case; the export runs in the background
and the page count against the court's limit is shown afterwards, with Open and Show in folder."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QDate, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chronology.cases import get_case
from chronology.entries import agencies, list_entries
from chronology.models import Case
from chronology.workspace import Workspace
from exports.service import FORMATS, NAMES, ExportRequest
from gui.common.errors import confirm, show_error
from gui.common.workers import start
from gui.exporting.export_options import ChronologyFiltersBox, DateRangeBox
from gui.exporting.export_worker import ExportWorker, result_html, withheld_preview
from gui.exporting.statement_details import StatementDetailsBox
from gui.risks.risk_commands import CaseDetailsCommand, perform

log = logging.getLogger(__name__)

DOCUMENTS = (
    ("statement", "Witness statement"),
    ("court-chronology", "Court chronology"),
    ("chronology", "Full chronology"),
    ("summary", "Case summary for the court"),
    ("internal-summary", "Internal case summary"),
    ("supervision", "Supervision record"),
)
FORMAT_LABELS = {"docx": "Word (.docx)", "pdf": "PDF (.pdf)", "csv": "CSV spreadsheet (.csv)"}
FILTERS = {
    "docx": "Word documents (*.docx)",
    "pdf": "PDF documents (*.pdf)",
    "csv": "CSV files (*.csv)",
}
DATED = ("statement", "court-chronology", "chronology")
_UNSAFE = re.compile(r'[\\/:*?"<>|]+')


def _documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


class ExportHost(Protocol):
    """What the export dialog needs of the window it opens from (the main window is one)."""

    workspace: Workspace
    workspace_path: Path | None
    current_case: Case | None
    active_dialog: object | None  # the modal dialog open now, if any

    @property
    def undo_stack(self) -> QUndoStack | None: ...
    def refresh_summary(self) -> None: ...


class ExportDialog(QDialog):
    """Choose and write one document of one case."""

    export_finished = Signal(object)  # ExportResult, or None when cancelled before it began
    export_failed = Signal(str)  # the plain-words message shown
    case_updated = Signal(object)  # Case, after its statement details were saved

    def __init__(
        self,
        ws: Workspace,
        path: Path,
        case: Case,
        stack: QUndoStack | None = None,
        notify: Callable[[int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._path = path
        self.case = get_case(ws, case.ref)
        self._stack = stack
        self._notify = notify or (lambda _n: None)
        self._worker: ExportWorker | None = None
        self._progress: QProgressDialog | None = None
        self._auto_name = ""
        self.result: Any = None
        self._build_ui()
        self._connect()
        self._load()

    # ------------------------------------------------------------------- layout
    def _build_ui(self) -> None:
        self.setWindowTitle(f"Export — {self.case.ref} — {self.case.child_names}")
        self.resize(1000, 620)
        self.document = QComboBox()
        self.document.setAccessibleName("Document")
        for key, label in DOCUMENTS:
            self.document.addItem(label, key)
        self.format = QComboBox()
        self.format.setAccessibleName("Format")
        self.output = QLineEdit()
        self.output.setAccessibleName("File to write")
        self.browse = QPushButton("C&hoose…")
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(self.browse)
        what = QFormLayout()
        what.addRow("&Document", self.document)
        what.addRow("&Format", self.format)
        save_as = QLabel("&Save as")
        save_as.setBuddy(self.output)
        what.addRow(save_as, out_row)
        what_box = QGroupBox("What to export")
        what_box.setLayout(what)

        self.dates_box = DateRangeBox()
        self.filters_box = ChronologyFiltersBox()
        self.agency_model = self.filters_box.agency_model
        self.type_model = self.filters_box.type_model
        self.significance_model = self.filters_box.significance_model

        self.redact = QCheckBox("&Withhold confidential details (redaction)")
        self.redact.setChecked(True)
        self.redact_names = QCheckBox("&Also withhold the names of people marked confidential")
        self.withheld = QLabel()
        self.withheld.setWordWrap(True)
        self.withheld.setAccessibleName("What will be withheld")
        redact_layout = QVBoxLayout()
        redact_layout.addWidget(self.redact)
        redact_layout.addWidget(self.redact_names)
        redact_layout.addWidget(self.withheld)
        redact_box = QGroupBox("Redaction")
        redact_box.setLayout(redact_layout)

        self.details_box = StatementDetailsBox()
        self.details = self.details_box.fields

        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)
        self.outcome.setAccessibleName("Result of the export")
        self.open_file = QPushButton("&Open")
        self.show_folder = QPushButton("Show &in folder")
        result_buttons = QHBoxLayout()
        result_buttons.addWidget(self.open_file)
        result_buttons.addWidget(self.show_folder)
        result_buttons.addStretch(1)
        result_layout = QVBoxLayout()
        result_layout.addWidget(self.outcome)
        result_layout.addLayout(result_buttons)
        self.result_box = QGroupBox("Written")
        self.result_box.setLayout(result_layout)
        self.result_box.hide()

        left = QVBoxLayout()
        for widget in (what_box, self.dates_box, self.filters_box, redact_box):
            left.addWidget(widget)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.details_box)
        right.addWidget(self.result_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setDefault(True)
        self.count_button = self.buttons.addButton(
            "&Count pages", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.count_button.setAccessibleName("Count the pages before exporting")
        self.pages = QLabel()
        self.pages.setAccessibleName("Pages the document will have")
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.pages)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.start_export)
        self.count_button.clicked.connect(self.count_pages)
        self.document.currentIndexChanged.connect(self._document_changed)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.browse.clicked.connect(self._choose_file)
        self.redact.toggled.connect(self._show_withheld)
        self.redact_names.toggled.connect(self._show_withheld)
        self.open_file.clicked.connect(self.open_result)
        self.show_folder.clicked.connect(self.show_result_folder)

    def _load(self) -> None:
        self.details_box.load(self.case)
        case_id = self.case.id or 0
        self.filters_box.set_agencies(agencies(self._ws, case_id))
        first = list_entries(self._ws, case_id, limit=1)
        last = list_entries(self._ws, case_id, limit=1, descending=True)
        today = QDate.currentDate()
        latest = QDate.fromString(last[0].date, Qt.DateFormat.ISODate) if last else today
        earliest = QDate.fromString(first[0].date, Qt.DateFormat.ISODate) if first else today
        self.dates_box.set_span(earliest, latest)
        self._document_changed()
        self._show_withheld()

    # ------------------------------------------------------------------ choices
    def document_key(self) -> str:
        return str(self.document.currentData())

    def format_key(self) -> str:
        return str(self.format.currentData())

    def set_choice(self, document: str, fmt: str, output: Path | None = None) -> None:
        """Choose the document, the format and (optionally) the file, as the user would."""
        self.document.setCurrentIndex(self.document.findData(document))
        self.format.setCurrentIndex(self.format.findData(fmt))
        if output is not None:
            self.output.setText(str(output))

    def _document_changed(self, *_args: object) -> None:
        doc = self.document_key()
        current = self.format.currentData()
        self.format.blockSignals(True)
        self.format.clear()
        for fmt in FORMATS[doc]:
            self.format.addItem(FORMAT_LABELS[fmt], fmt)
        index = self.format.findData(current)
        self.format.setCurrentIndex(index if index >= 0 else 0)
        self.format.blockSignals(False)
        self.dates_box.setVisible(doc in DATED)
        self.filters_box.setVisible(doc == "chronology")
        self.dates_box.note.setText(
            "Unticked: the court chronology runs from the start of the proceedings (or the "
            "first entry) to the latest entry."
            if doc in ("statement", "court-chronology")
            else "Unticked: every entry."
        )
        self.details_box.show_needed(doc)
        self._format_changed()

    def count_pages(self) -> None:
        """How many pages the chosen document will have, against the court's limit."""
        from gui.exporting.export_worker import PageCountWorker

        if self.format_key() == "csv":
            self.pages.setText("A CSV file has no pages.")
            return
        self.pages.setText("Counting the pages…")
        self.count_button.setEnabled(False)
        worker = PageCountWorker(self._path, self.case.ref, self.request())
        worker.signals.result.connect(self._counted)
        worker.signals.error.connect(lambda message: self.pages.setText(message))
        worker.signals.finished.connect(lambda: self.count_button.setEnabled(True))
        start(worker)

    def _counted(self, count: object) -> None:
        if count is None:
            self.pages.setText("")
            return
        total, limit = count.total, count.limit  # type: ignore[attr-defined]
        text = f"{NAMES[self.document_key()].capitalize()}: {total} pages"
        if limit:
            counted = count.counted  # type: ignore[attr-defined]
            text += f" ({counted} count against the court's limit of {limit})"
            if counted > limit:
                text += " — over the limit: shorten it before filing"
        self.pages.setText(text)

    def _format_changed(self, *_args: object) -> None:
        self.pages.setText("")
        name = self._default_name()
        current = self.output.text().strip()
        if not current or current == self._auto_name:
            self.output.setText(name)
        elif self.format_key() and Path(current).suffix.lower() != f".{self.format_key()}":
            self.output.setText(str(Path(current).with_suffix(f".{self.format_key()}")))
        self._auto_name = name

    def _default_name(self) -> str:
        label = NAMES[self.document_key()]
        stem = _UNSAFE.sub("-", f"{self.case.ref} {label} {dt.date.today().isoformat()}")
        return str(_documents_folder() / f"{stem}.{self.format_key() or 'docx'}")

    def _choose_file(self) -> None:
        fmt = self.format_key()
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the document as", self.output.text(), FILTERS.get(fmt, "")
        )
        if name:
            path = Path(name)
            if path.suffix.lower() != f".{fmt}":
                path = path.with_name(path.name + f".{fmt}")
            self.output.setText(str(path))

    def _show_withheld(self, *_args: object) -> None:
        on = self.redact.isChecked()
        self.redact_names.setEnabled(on)
        if not on:
            self.withheld.setText(
                "<span style='color:#B3261E'><b>Redaction is off for this export:</b> "
                "addresses, phone numbers and confidential entries will be written as "
                "recorded.</span>"
            )
            return
        items = withheld_preview(self._ws, self.case, self.redact_names.isChecked())
        if not items:
            self.withheld.setText("Nothing in this case is marked to be withheld.")
            return
        listed = "".join(f"<li>{escape(i)}</li>" for i in items)
        self.withheld.setText(f"Will be withheld (wherever they occur):<ul>{listed}</ul>")

    # ------------------------------------------------------------------ exporting
    def request(self) -> ExportRequest:
        doc = self.document_key()
        span = self.dates_box.chosen() if doc in DATED else None
        chronology = doc == "chronology"
        return ExportRequest(
            document=doc,
            fmt=self.format_key(),
            output=Path(self.output.text().strip()).expanduser(),
            date_from=span[0] if span else None,
            date_to=span[1] if span else None,
            redact=self.redact.isChecked(),
            agencies=self.agency_model.checked() if chronology else [],
            types=self.type_model.checked() if chronology else [],
            significance=self.significance_model.checked() if chronology else [],
            confidential_names=self.redact.isChecked() and self.redact_names.isChecked(),
        )

    def detail_values(self) -> dict[str, object]:
        return self.details_box.values()

    def _check(self) -> bool:
        text = self.output.text().strip()
        if not text:
            show_error(self, "Where should it go?", "Choose a file name for the document.")
            return False
        path = Path(text).expanduser()
        if not path.parent.is_dir():
            show_error(
                self,
                "That folder does not exist",
                f"{path.parent} was not found.",
                "Choose another folder with 'Choose…'.",
            )
            return False
        missing = self.details_box.missing(self.document_key())
        if missing:
            show_error(
                self,
                "Details needed",
                f"The {NAMES[self.document_key()]} cannot be made without: "
                f"{', '.join(missing).lower()}.",
                "Fill them in under 'Statement details'; they are kept on the case.",
            )
            return False
        if path.exists():
            return confirm(self, "Replace the file?", f"{path.name} already exists. Replace it?")
        return True

    def _save_details(self) -> bool:
        """Keep changed statement details on the case (undoable)."""
        new = self.detail_values()
        old = {k: getattr(self.case, k) for k in new}
        changed = {k: v for k, v in new.items() if v != old[k]}
        if not changed:
            return True
        command = CaseDetailsCommand(
            self._ws, self.case.ref, {k: old[k] for k in changed}, changed, self._notify
        )
        try:
            perform(self._stack, command)
        except ValueError as exc:
            show_error(self, "The details were not saved", str(exc))
            return False
        self.case = get_case(self._ws, self.case.ref)
        self.case_updated.emit(self.case)
        return True

    def start_export(self) -> bool:
        """Check the choices, keep the details, and write the document in the background."""
        if self._worker is not None or not self._check() or not self._save_details():
            return False
        request = self.request()
        worker = ExportWorker(self._path, self.case.ref, request)
        worker.signals.result.connect(self._finished)
        worker.signals.error.connect(self._failed)
        worker.signals.finished.connect(self._done)
        self._worker = worker
        self.export_button.setEnabled(False)
        self.result_box.hide()
        label = f"Writing the {NAMES[request.document]} ({FORMAT_LABELS[request.fmt]})…"
        progress = QProgressDialog(label, "Cancel", 0, 0, self)
        progress.setWindowTitle("Exporting")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.canceled.connect(worker.cancel)
        progress.setValue(0)
        self._progress = progress
        start(worker)
        return True

    def _close_progress(self) -> bool:
        cancelled = bool(self._progress and self._progress.wasCanceled())
        if self._progress is not None:
            self._progress.canceled.disconnect()
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        return cancelled

    def _finished(self, result: Any) -> None:
        cancelled = self._close_progress()
        self.result = result
        if result is None:
            self.outcome.setText("The export was cancelled: nothing was written.")
            self.open_file.setEnabled(False)
            self.show_folder.setEnabled(False)
        else:
            note = (
                "<p><i>It had already been written when Cancel was pressed.</i></p>"
                if cancelled
                else ""
            )
            self.outcome.setText(note + result_html(result))
            self.open_file.setEnabled(True)
            self.show_folder.setEnabled(True)
        self.result_box.show()
        self.export_finished.emit(result)

    def _failed(self, message: str) -> None:
        self._close_progress()
        show_error(self, "The document was not written", message)
        self.export_failed.emit(message)

    def _done(self) -> None:
        self._worker = None
        self.export_button.setEnabled(True)

    # ------------------------------------------------------------------ afterwards
    def open_result(self) -> bool:
        if self.result is None:
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path))):
            show_error(
                self,
                "The document could not be opened",
                f"No program on this computer opens {self.result.path.suffix} files.",
                "Use 'Show in folder' and open it from there.",
            )
            return False
        return True

    def show_result_folder(self) -> bool:
        if self.result is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))

    def reject(self) -> None:
        if self._worker is not None:  # let the export finish: it writes atomically
            self._worker.cancel()
        super().reject()


def open_export_dialog(window: ExportHost) -> None:
    """The export dialog for the window's open case (exports run in the background)."""
    case = window.current_case
    if case is None or window.workspace_path is None:
        return
    ws = window.workspace

    def details_changed(_n: int) -> None:  # after a save, an undo or a redo
        current = window.current_case
        if current is not None and current.ref == case.ref:
            window.current_case = get_case(ws, case.ref)
            window.refresh_summary()

    parent = window if isinstance(window, QWidget) else None
    dialog = ExportDialog(
        ws, window.workspace_path, case, window.undo_stack, details_changed, parent
    )
    window.active_dialog = dialog
    try:
        dialog.exec()
    finally:
        window.active_dialog = None
        dialog.deleteLater()
