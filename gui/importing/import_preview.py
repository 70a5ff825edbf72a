"""The import wizard's preview page: per file, what was detected and how columns are read."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from chronology.date_phrases import MONTH_NAMES
from chronology.dates import UnreadableDate, parse_date
from chronology.importers import mapping as mapping_mod
from chronology.importers.fhir_reader import MultiplePatients
from chronology.importers.pipeline import ImportOptions, preview
from chronology.importers.records import FileRefused, ReaderInfo, SourceRecord
from chronology.profiles import all_profiles, save_profile
from chronology.workspace import Workspace
from gui.common.errors import show_error, show_info
from gui.importing.import_models import FieldDelegate, MappingModel, PreviewModel, cell_text

log = logging.getLogger(__name__)
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


@dataclass
class FilePlan:
    """One file to import: what the reader found and the choices made in the wizard."""

    path: Path
    info: ReaderInfo | None = None
    records: list[SourceRecord] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    profile: mapping_mod.MappingProfile | None = None
    agency: str = ""
    error: str = ""
    edited: bool = False
    patient: str | None = None  # FHIR: the patient chosen when a file holds several
    patients: list[tuple[str, str]] = field(default_factory=list)  # (reference, name)

    def load(self, profile: mapping_mod.MappingProfile | None = None) -> None:
        """Read the first records (the wizard runs this on the GUI thread: it is short)."""
        self.profile = profile
        try:
            self.info, self.records, self.mapping = preview(
                self.path, ImportOptions(profile=profile, patient=self.patient)
            )
            self.error = ""
        except MultiplePatients as exc:
            self.patients = list(exc.patients)
            self.error = str(exc)
        except FileRefused as exc:
            self.error = str(exc)
        except (OSError, UnicodeError) as exc:
            self.error = f"cannot be read ({exc})"
        except Exception:  # a reader bug must not take the wizard down
            log.exception("preview of %s failed", self.path.name)
            self.error = "cannot be read: an unexpected problem (details in the log file)"
        self.edited = False

    @property
    def tabular(self) -> bool:
        return bool(self.info and self.info.columns and self.info.format not in ("ics", "fhir"))

    def options(self) -> ImportOptions:
        return ImportOptions(
            agency=self.agency.strip() or None,
            profile=self.profile,
            mapping=self.mapping if self.tabular and self.mapping else None,
            patient=self.patient,
        )

    def default_agency(self) -> str:
        if not self.records:
            return mapping_mod.default_agency(self.profile, self.path.name)
        return mapping_mod.default_agency(self.profile, self.path.name, self.records[0].values)


def long_date(day: dt.date, time: dt.time | None = None) -> str:
    text = f"{day.day} {MONTH_NAMES[day.month]} {day.year}"
    return f"{text}, {time.strftime('%H:%M')}" if time else text


def date_assumption(plan: FilePlan) -> str:
    """How the file's dates are read, shown with an example from the file itself."""
    if plan.records and plan.records[0].date is not None:
        value = plan.records[0].date
        note = value.assumption or "as written in the file"
        return f"'{value.original}' read as {long_date(value.start, value.time)}: {note}"
    column = next((c for c, f in plan.mapping.items() if f == "date"), None)
    if column is None:
        return "No column is read as the date: choose one below, or the file cannot be imported."
    time_column = next((c for c, f in plan.mapping.items() if f == "time"), None)
    examples = []
    for record in plan.records:
        value = record.values.get(column)
        if isinstance(value, (dt.date, dt.datetime)):
            return (
                f"Column '{column}' holds real dates (e.g. {cell_text(value)}), read as "
                "they are; UK local time"
            )
        text = cell_text(value)
        if not text:
            continue
        time_text = cell_text(record.values.get(time_column)) if time_column else None
        try:
            parsed = parse_date(text, time_text or None)
        except UnreadableDate:
            continue
        examples.append((parsed, text))
        if parsed.start.day <= 12 and parsed.start.month != parsed.start.day:
            break  # an ambiguous day/month shows the assumption best
    if not examples:
        return f"No readable date in the first rows of '{column}': they will be quarantined."
    parsed, text = examples[-1]
    note = parsed.assumption or "UK day-first"
    return f"'{text}' read as {long_date(parsed.start, parsed.time)}: {note}"


class PreviewPage(QWizardPage):
    """Choose a file, check what was detected, correct the columns, set the agency."""

    profile_saved = Signal(str)

    def __init__(
        self,
        ws: Workspace,
        chosen_paths: Callable[[], list[Path]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._chosen_paths = chosen_paths
        self.plans: list[FilePlan] = []
        self._current: FilePlan | None = None
        self._build_ui()
        self._connect()

    def _build_ui(self) -> None:
        self.setTitle("Check each file")
        self.setSubTitle(
            "What Throughline found in each file, and how its columns will be "
            "read. Correct a column with the 'Read as' list."
        )
        self.file = QComboBox()
        self.file.setAccessibleName("File to check")
        self.detected = QLabel()
        self.detected.setWordWrap(True)
        self.dates = QLabel()
        self.dates.setWordWrap(True)
        self.dates.setTextFormat(Qt.TextFormat.PlainText)
        self.dates.setAccessibleName("How dates are read")
        self.agency = QLineEdit()
        self.agency.setAccessibleName("Agency for this file's records")
        self.profile = QComboBox()
        self.profile.setAccessibleName("Mapping profile")
        self.save_profile = QPushButton("Save as profile…")
        self.save_profile.setAccessibleName("Save this column mapping as a named profile")
        self.mapping_model = MappingModel(self)
        self.mapping_view = QTableView()
        self.mapping_view.setAccessibleName("Columns of the file and the fields they feed")
        self.mapping_view.setModel(self.mapping_model)
        self.mapping_view.setItemDelegateForColumn(1, FieldDelegate(self.mapping_view))
        self.mapping_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.mapping_view.verticalHeader().setVisible(False)
        header = self.mapping_view.horizontalHeader()
        header.resizeSection(0, 200)
        header.resizeSection(1, 200)
        header.setStretchLastSection(True)
        self.preview_model = PreviewModel(self)
        self.preview_view = QTableView()
        self.preview_view.setAccessibleName("First rows of the file")
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setWordWrap(False)
        self.preview_view.verticalHeader().setVisible(False)
        self.preview_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )
        self.preview_view.horizontalHeader().setDefaultSectionSize(150)

        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile, 1)
        profile_row.addWidget(self.save_profile)
        form = QFormLayout()
        form.addRow("File", self.file)
        form.addRow("Detected", self.detected)
        form.addRow("Dates", self.dates)
        form.addRow("Agency", self.agency)
        form.addRow("Profile", profile_row)
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.mapping_view)
        splitter.addWidget(self.preview_view)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.file.currentIndexChanged.connect(self._show_file)
        self.agency.textEdited.connect(self._agency_edited)
        self.profile.activated.connect(self._profile_chosen)
        self.save_profile.clicked.connect(self._save_profile)
        self.mapping_model.mapping_edited.connect(self._mapping_edited)

    # ------------------------------------------------------------------ wizard
    def initializePage(self) -> None:  # noqa: N802 - Qt override
        """Read the files chosen on the previous page before the wizard asks if we are done."""
        if self._chosen_paths is not None:
            self.set_paths(self._chosen_paths())

    def set_paths(self, paths: list[Path]) -> None:
        known = {p.path: p for p in self.plans}
        self.plans = []
        for path in paths:
            plan = known.get(path)
            if plan is None:
                plan = FilePlan(path)
                plan.load()
                if plan.patients and self._choose_patient(plan):
                    plan.load()
                plan.agency = "" if "agency" in plan.mapping.values() else plan.default_agency()
            self.plans.append(plan)
        self._fill_profiles()
        self.file.blockSignals(True)
        self.file.clear()
        for plan in self.plans:
            self.file.addItem(plan.path.name + ("  (cannot be read)" if plan.error else ""))
        self.file.blockSignals(False)
        self._show_file(0)
        self.completeChanged.emit()

    def importable(self) -> list[FilePlan]:
        return [p for p in self.plans if not p.error]

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.plans)

    # ----------------------------------------------------------------- private
    def _choose_patient(self, plan: FilePlan) -> bool:
        """Ask whose records to import from a file that holds several patients'."""
        labels = [f"{name} ({ref})" if name != ref else ref for ref, name in plan.patients]
        label, ok = QInputDialog.getItem(
            self,
            "Which patient?",
            f"{plan.path.name} holds the records of {len(labels)} patients.\n"
            "Whose records belong to this case?",
            labels,
            0,
            False,
        )
        if not ok:
            return False
        plan.patient = plan.patients[labels.index(label)][0]
        return True

    def _fill_profiles(self) -> None:
        self.profile.clear()
        self.profile.addItem("Detected from the column names", None)
        for profile in all_profiles(self._ws):
            self.profile.addItem(profile.name, profile.name)

    def _show_file(self, index: int) -> None:
        if not 0 <= index < len(self.plans):
            self._current = None
            return
        plan = self._current = self.plans[index]
        self.agency.setText(plan.agency)
        agency_column = next((c for c, f in plan.mapping.items() if f == "agency"), None)
        self.agency.setPlaceholderText(
            f"From the '{agency_column}' column" if agency_column else "Agency name"
        )
        self.profile.setCurrentIndex(
            max(self.profile.findData(plan.profile.name if plan.profile else None), 0)
        )
        if plan.error:
            self.detected.setText(f"<b>This file cannot be imported:</b> {escape(plan.error)}")
            self.dates.setText("")
            self.mapping_model.set_mapping({}, [])
            self.preview_model.set_records([], [])
            return
        self.detected.setText(self._describe(plan))
        self.dates.setText(date_assumption(plan))
        self.mapping_model.set_mapping(plan.mapping if plan.tabular else {}, plan.records)
        self.mapping_view.setVisible(plan.tabular)
        self.save_profile.setEnabled(plan.tabular)
        self.preview_model.set_records(plan.info.columns if plan.info else [], plan.records)

    @staticmethod
    def _describe(plan: FilePlan) -> str:
        info = plan.info
        if info is None:
            return ""
        parts = [
            {
                "csv": "CSV text",
                "xlsx": "Excel workbook",
                "ics": "Calendar (iCalendar)",
                "docx": "Word document",
                "fhir": "FHIR health records",
            }.get(info.format, info.format)
        ]
        if info.encoding:
            parts.append(f"encoding {info.encoding}")
        if info.delimiter:
            parts.append(f"{_DELIMITERS.get(info.delimiter, repr(info.delimiter))}-separated")
        if info.sheet:
            parts.append(f"sheet '{info.sheet}'")
        if info.header_row:
            parts.append(f"column names on row {info.header_row}")
        if info.columns:
            parts.append(f"{len(info.columns)} columns")
        text = escape("; ".join(parts))
        if info.notes:
            text += "<br>" + "<br>".join(escape(n) for n in info.notes)
        return text

    def _agency_edited(self, text: str) -> None:
        if self._current is not None:
            self._current.agency = text

    def _mapping_edited(self) -> None:
        plan = self._current
        if plan is not None:
            plan.mapping = self.mapping_model.mapping()
            plan.edited = True
            self.dates.setText(date_assumption(plan))

    def _profile_chosen(self, index: int) -> None:
        plan = self._current
        if plan is None:
            return
        name = self.profile.itemData(index)
        profile = next((p for p in all_profiles(self._ws) if p.name == name), None)
        plan.load(profile)
        if profile is not None and profile.agency:
            plan.agency = profile.agency
        self._show_file(self.file.currentIndex())

    def _save_profile(self) -> None:
        plan = self._current
        if plan is None or not plan.tabular:
            return
        name, ok = QInputDialog.getText(
            self, "Save mapping profile", "A name for this agency system's export:"
        )
        name = name.strip()
        if not ok or not name:
            return
        profile = mapping_mod.MappingProfile(
            name=name,
            agency=plan.agency.strip(),
            columns=dict(plan.mapping),
            day_first=True,
            match_headers=list(plan.info.columns if plan.info else []),
        )
        try:
            save_profile(self._ws, profile)
        except ValueError as exc:
            show_error(self, "Profile not saved", str(exc))
            return
        plan.profile = profile
        self._fill_profiles()
        self.profile.setCurrentIndex(max(self.profile.findData(name), 0))
        self.profile_saved.emit(name)
        show_info(
            self,
            "Profile saved",
            f"'{name}' is saved in this workspace and offered for the next import.",
        )
