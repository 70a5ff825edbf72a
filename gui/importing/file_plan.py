"""One file in the import wizard: what the reader found, the proposed mapping with its
confidences and questions, and the worker's answers (columns, person, agency)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from chronology.date_phrases import MONTH_NAMES
from chronology.dates import UnreadableDate, parse_date
from chronology.importers import mapping as mapping_mod
from chronology.importers.fhir_reader import MultiplePatients
from chronology.importers.pipeline import ImportOptions, people_named, preview, propose_for
from chronology.importers.proposal import MappingProposal, Question
from chronology.importers.records import AgencySuggestion, FileRefused, ReaderInfo, SourceRecord
from gui.importing.import_models import cell_text

log = logging.getLogger(__name__)


@dataclass
class FilePlan:
    """One file to import: what the reader found and the choices made in the wizard."""

    path: Path
    info: ReaderInfo | None = None
    records: list[SourceRecord] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    proposal: MappingProposal | None = None
    profile: mapping_mod.MappingProfile | None = None
    agency: str = ""
    error: str = ""
    edited: bool = False
    patient: str | None = None  # FHIR: the patient chosen when a file holds several
    patients: list[tuple[str, str]] = field(default_factory=list)  # (reference, name)
    person: str | None = None  # a table naming several people: the one chosen
    people: list[tuple[str, int]] = field(default_factory=list)  # (as written, records)
    answered: set[str] = field(default_factory=set)  # fields the worker chose a column for

    def load(self, profile: mapping_mod.MappingProfile | None = None) -> None:
        """Read the first records (the wizard runs this on the GUI thread: it is short)."""
        self.profile = profile
        self.answered = set()
        try:
            options = ImportOptions(profile=profile, patient=self.patient)
            self.info, self.records, _mapping = preview(self.path, options)
            self.proposal = propose_for(self.info, options)
            self.mapping = dict(self.proposal.columns)
            column = self.proposal.column_of("person") if self.tabular else None
            self.people = people_named(self.path, column, options) if column else []
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
            person=self.person,
        )

    def agency_suggestion(self) -> AgencySuggestion:
        """Who the records come from when no column says: the profile, the file, its name."""
        found = self.info.agency if self.info else None
        return mapping_mod.suggest_agency(self.profile, self.path.name, found)

    def default_agency(self) -> str:
        return self.agency_suggestion().name

    # ----------------------------------------------------------- the worker's choices
    def questions(self) -> list[Question]:
        """What the mapper could not decide and the worker has not yet chosen."""
        if self.proposal is None or not self.tabular:
            return []
        mapped = set(self.mapping.values())
        return [
            q
            for q in self.proposal.questions
            if q.field not in self.answered and q.field not in mapped
        ]

    def answer(self, fld: str, column: str) -> None:
        """The worker says which column is the field; any other column for it goes to details."""
        for name, current in self.mapping.items():
            if current == fld and name != column:
                self.mapping[name] = "extra"
        self.mapping[column] = fld
        self.answered.add(fld)
        self.edited = True

    def waiting_for(self) -> str:
        """Why this file cannot be imported yet ('' when it can)."""
        if self.error:
            return ""
        for question in self.questions():
            what = "the date" if question.field == "date" else f"the {question.field}"
            return f"choose which column is {what}"
        if self.tabular and "date" not in self.mapping.values():
            return "choose which column holds the date of each record ('Read as' list)"
        if len(self.people) > 1 and self.person is None:
            return "choose whose records to import (the file names several people)"
        return ""


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


__all__ = ["FilePlan", "date_assumption", "long_date"]
