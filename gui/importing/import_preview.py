"""The import wizard's preview page: per file, what was detected and how columns are read."""

from __future__ import annotations

import logging
from collections.abc import Callable
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

from chronology.importers import mapping as mapping_mod
from chronology.importers.people import SeveralPeople
from chronology.profiles import all_profiles, save_profile
from chronology.workspace import Workspace
from gui.common.errors import show_error, show_info
from gui.importing.file_plan import FilePlan, date_assumption
from gui.importing.import_models import FieldDelegate, MappingModel, PreviewModel

log = logging.getLogger(__name__)
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


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
        self.agency_source = QLabel()
        self.agency_source.setWordWrap(True)
        self.agency_source.setTextFormat(Qt.TextFormat.PlainText)
        self.agency_source.setAccessibleName("Where the agency was read")
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setAccessibleName("A choice Throughline needs you to make")
        self.answers = QHBoxLayout()
        self.answer_buttons: list[QPushButton] = []
        self.not_ready = QLabel()
        self.not_ready.setWordWrap(True)
        self.not_ready.setTextFormat(Qt.TextFormat.PlainText)
        self.not_ready.setAccessibleName("Why the import cannot start yet")
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
        agency_box = QVBoxLayout()
        agency_box.setSpacing(2)
        agency_box.addWidget(self.agency)
        agency_box.addWidget(self.agency_source)
        form.addRow("Agency", agency_box)
        form.addRow("Profile", profile_row)
        ask = QVBoxLayout()
        ask.addWidget(self.question)
        ask.addLayout(self.answers)
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.mapping_view)
        splitter.addWidget(self.preview_view)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(ask)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.not_ready)

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
                if len(plan.people) > 1:
                    self._choose_person(plan)
                plan.agency = "" if "agency" in plan.mapping.values() else plan.default_agency()
            self.plans.append(plan)
        self._fill_profiles()
        self.file.blockSignals(True)
        self.file.clear()
        for plan in self.plans:
            self.file.addItem(plan.path.name + ("  (cannot be read)" if plan.error else ""))
        self.file.blockSignals(False)
        self._show_file(0)
        self._update_ready()

    def importable(self) -> list[FilePlan]:
        return [p for p in self.plans if not p.error]

    def waiting(self) -> list[str]:
        """Why Import cannot start: one line per file still waiting for a choice."""
        return [f"{p.path.name}: {why}" for p in self.plans if (why := p.waiting_for())]

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.plans) and not self.waiting()

    def _update_ready(self) -> None:
        waiting = self.waiting()
        self.not_ready.setText(
            "Import cannot start until you choose: " + "; ".join(waiting) if waiting else ""
        )
        self.not_ready.setVisible(bool(waiting))
        self.completeChanged.emit()

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

    def _choose_person(self, plan: FilePlan) -> bool:
        """Ask whose records to import from a table that names several people."""
        column = plan.proposal.column_of("person") if plan.proposal else None
        labels = [f"{name} ({n} record{'s' if n != 1 else ''})" for name, n in plan.people]
        label, ok = QInputDialog.getItem(
            self,
            "Whose records?",
            f"{plan.path.name} names {len(labels)} different people in its '{column}' column.\n"
            "One case holds one child's records: whose belong to this case?",
            labels,
            0,
            False,
        )
        if not ok:
            plan.error = str(SeveralPeople(column or "person", plan.people))
            return False
        plan.person = plan.people[labels.index(label)][0]
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
            self.agency_source.setText("")
            self._show_question(plan)
            self.mapping_model.set_mapping({}, [])
            self.preview_model.set_records([], [])
            return
        self.detected.setText(self._describe(plan))
        self.dates.setText(date_assumption(plan))
        self._show_agency_source(plan)
        self._show_question(plan)
        self.mapping_model.set_mapping(
            plan.mapping if plan.tabular else {}, plan.records, plan.proposal
        )
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

    def _show_agency_source(self, plan: FilePlan) -> None:
        """Say where the agency was read, so that a guess from a file name is checked."""
        if "agency" in plan.mapping.values():
            self.agency_source.setText("")
            return
        suggestion = plan.agency_suggestion()
        if plan.agency.strip() and plan.agency.strip() != suggestion.name:
            self.agency_source.setText("")
        elif suggestion.suggested:
            self.agency_source.setText(
                f"Suggested from {suggestion.source}: check it, and type the agency's name if "
                "these records come from someone else."
            )
        else:
            self.agency_source.setText(f"From {suggestion.source}.")

    def _show_question(self, plan: FilePlan) -> None:
        """Ask which column is the date or the text when the mapper could not tell."""
        for button in self.answer_buttons:
            self.answers.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.answer_buttons = []
        questions = plan.questions() if not plan.error else []
        if not questions:
            self.question.setText("")
            self.question.setVisible(False)
            return
        question = questions[0]
        self.question.setText(f"Throughline is {question.message()}. Which one is it?")
        self.question.setVisible(True)
        for column, description in zip(question.candidates, question.descriptions, strict=True):
            button = QPushButton(f"'{column}'")
            button.setToolTip(description)
            button.setAccessibleName(f"Read '{column}' as the {question.field}")
            button.clicked.connect(
                lambda _checked=False, c=column, f=question.field: self._answer(f, c)
            )
            self.answers.addWidget(button)
            self.answer_buttons.append(button)

    def _answer(self, fld: str, column: str) -> None:
        plan = self._current
        if plan is None:
            return
        plan.answer(fld, column)
        self.mapping_model.set_field(column, fld)
        self.dates.setText(date_assumption(plan))
        self._show_question(plan)
        self._update_ready()

    def _agency_edited(self, text: str) -> None:
        if self._current is not None:
            self._current.agency = text

    def _mapping_edited(self) -> None:
        plan = self._current
        if plan is not None:
            plan.mapping = self.mapping_model.mapping()
            plan.edited = True
            self.dates.setText(date_assumption(plan))
            self._show_question(plan)
            self._update_ready()

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
        self._update_ready()

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
