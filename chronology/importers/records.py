"""What every format reader yields: source records and progress, in file order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chronology.dates import DateValue


class FileRefused(Exception):
    """A file that cannot be read at all: nothing from it is imported.

    The message is for the user: it names the problem plainly (the file name is added by the
    pipeline), e.g. "not a calendar: line 12 has a date with 7 digits ('2006101')".
    """


@dataclass
class SourceRecord:
    """One record of a source file, before it becomes an entry or a quarantine row.

    Tabular readers (CSV, Excel, Word tables) fill ``values`` with header -> cell and leave
    ``mapped`` False; the pipeline maps the columns. Structured readers (iCalendar, FHIR) fill
    ``values`` with canonical field names already (see FIELDS) and set ``mapped`` True, and give
    the parsed date in ``date`` when their format carries real date-times.
    """

    row: int  # 1-based record number in file order (a calendar occurrence keeps its VEVENT's)
    values: dict[str, Any]
    raw: Any  # what the user sees in quarantine: the row's cells or the event's text (JSON-able)
    mapped: bool = False
    date: DateValue | None = None
    problem: str | None = None  # a structural problem the reader found (ragged row, bad event)
    status: str = "active"  # 'cancelled' for a cancelled calendar event or appointment
    key: str = ""  # a stable identity within the file (calendar UID + occurrence) if it has one
    notes: list[str] = field(default_factory=list)  # assumptions to record on the entry
    end: Any = None  # when the event ended (date, datetime or text), from a calendar or FHIR
    ongoing: bool = False  # the source says the period has not ended yet


@dataclass
class Progress:
    """How far a reader or the pipeline has got; ``total`` 0 when unknown."""

    done: int
    total: int = 0
    message: str = ""


@dataclass(frozen=True)
class AgencySuggestion:
    """Who the records of a file come from, and where that was read (shown to the worker)."""

    name: str
    source: str  # e.g. "the calendar's name (X-WR-CALNAME)", "the file name"
    suggested: bool = True  # False when the worker or a profile chose it


@dataclass
class ReaderInfo:
    """What a reader found out about a file, shown in the import wizard's preview."""

    format: str
    encoding: str = ""
    delimiter: str = ""
    header_row: int | None = None  # 1-based line/row of the header in the file
    sheet: str = ""
    columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    agency: AgencySuggestion | None = None  # who the file says it is from (a calendar's name)
    author: str = ""  # who wrote the document (a previous worker's chronology)
    title: str = ""  # the document's title
    # Rows of a table (aligned with ``columns``), first and spread through the file: what the
    # mapper looks at to tell which column is the date, the time or the text.
    sample: list[list[Any]] = field(default_factory=list, repr=False)


# Canonical fields an entry is built from (mapping targets).
FIELDS = (
    "date",  # the date, or date and time together
    "time",  # a separate time column
    "end",  # an end date/time (calendar, FHIR)
    "type",  # the source's own word for the kind of contact
    "outcome",  # attended / was not brought / cancelled ...
    "agency",  # the organisation or team
    "author",  # the worker, staff member or officer
    "summary",  # a subject or title
    "text",  # the note itself
    "location",
    "reference",  # the source system's own reference for the record (log number, note id)
    "person",  # whose record it is (patient, child, NHS number): one person per case
    "extra",  # any other column, kept in the text as "Column: value"
)
