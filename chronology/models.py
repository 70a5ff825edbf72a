"""Domain objects of the case record: plain dataclasses, no database rows and no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Precision(StrEnum):
    """How precisely an entry's date is known; kept and shown in every output."""

    DATETIME = "datetime"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    TERM = "term"  # a school term or holiday: a range wide enough for every area's dates
    YEAR = "year"


class EntryType(StrEnum):
    """The chronology's own vocabulary of entry types (DESIGN.md)."""

    HOME_VISIT = "home visit"
    APPOINTMENT_ATTENDED = "appointment attended"
    WAS_NOT_BROUGHT = "was not brought"
    CANCELLED = "cancelled"
    TELEPHONE_CALL = "telephone call"
    CIN_MEETING = "child in need meeting"
    CORE_GROUP = "core group"
    STRATEGY_DISCUSSION = "strategy discussion"
    CP_CONFERENCE = "child protection conference"
    COURT = "court hearing or order"
    REFERRAL = "referral"
    ASSESSMENT = "assessment"
    INCIDENT = "incident"
    DISCLOSURE = "disclosure"
    SUPERVISION = "supervision"
    OTHER = "other"


class Significance(StrEnum):
    ROUTINE = "routine"
    SIGNIFICANT = "significant"
    KEY = "key"


class EntryStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"
    UNDONE = "undone"  # its import batch was undone; kept, never deleted


@dataclass
class Child:
    name: str
    dob: str | None = None  # ISO date
    id: int | None = None


@dataclass
class Party:
    """A party to the proceedings, as the statement's title names them."""

    name: str
    role: str  # applicant | respondent | other words a court uses ("intervener")


@dataclass
class Case:
    ref: str
    children: list[Child] = field(default_factory=list)
    legal_status: str = "Child in Need"
    proceedings: str = "none"  # private | public | none
    court: str = ""
    court_case_number: str = ""
    party: str = ""
    statement_number: int = 1
    worker: str = ""
    role: str = ""
    employer: str = ""
    team_manager: str = ""
    cadence: dict[str, int] = field(default_factory=dict)  # rule name -> days
    work_address: str = ""  # the witness's work address (PD22A)
    parties: list[Party] = field(default_factory=list)  # applicant(s) and respondent(s)
    created_at: str = ""
    updated_at: str = ""
    id: int | None = None

    @property
    def child_names(self) -> str:
        return ", ".join(c.name for c in self.children)


@dataclass
class Person:
    case_id: int
    name: str
    role: str
    address: str = ""
    phone: str = ""
    confidential: bool = False
    id: int | None = None


@dataclass
class Provenance:
    agency: str
    source_file: str
    source_row: int | None
    original_text: str
    original_date: str


@dataclass
class Entry:
    case_id: int
    date: str  # ISO date of the start (YYYY-MM-DD)
    precision: Precision
    summary: str
    text: str = ""
    details: str = ""  # the source's other columns, "Label: value" per line
    time: str | None = None  # HH:MM, UK local
    date_end: str | None = None
    approximate: bool = False
    date_text: str = ""  # the source's own date string
    date_assumption: str = ""  # e.g. "read day-first", "converted from UTC"
    agency: str = ""
    type: EntryType = EntryType.OTHER
    source_type: str = ""  # the source system's own word for the type
    author: str = ""
    outcome: str = ""
    significance: Significance = Significance.ROUTINE
    in_court: bool = False
    analysis: str = ""
    action: str = ""
    confidential: bool = False
    status: EntryStatus = EntryStatus.ACTIVE
    status_reason: str = ""
    duplicate_of: int | None = None
    batch_id: int | None = None
    source_file: str = ""
    source_row: int | None = None
    raw: str = ""  # the source record as JSON text
    source_ref: str = ""  # the source system's own reference (log number, case note id, UID)
    utc_offset: int | None = None  # minutes east of UTC at the entry's time (60 BST, 0 GMT)
    significance_status: str = "suggested"  # suggested | confirmed
    significance_reason: str = ""  # why it was suggested, shown to the worker
    significance_by: str = ""  # who confirmed or changed it
    significance_at: str = ""  # when (ISO)
    child_voice: bool = False  # records the child's wishes and feelings, or what was observed
    id: int | None = None

    @property
    def iso(self) -> str:
        """ISO date, with the time when it is known."""
        return f"{self.date}T{self.time}" if self.time else self.date

    @property
    def provenance(self) -> Provenance:
        return Provenance(self.agency, self.source_file, self.source_row, self.text, self.date_text)


@dataclass
class ImportBatch:
    case_id: int
    file: str
    sha256: str
    format: str
    profile: str = ""
    agency: str = ""
    rows: int = 0
    imported: int = 0
    duplicates: int = 0
    already_imported: int = 0
    quarantined: int = 0
    created_at: str = ""
    undone_at: str | None = None
    id: int | None = None
    source_author: str = ""  # who wrote the source document (another worker's chronology)
    source_title: str = ""  # its title


@dataclass
class QuarantineRow:
    case_id: int
    source_file: str
    row: int | None
    reason: str
    raw: str  # JSON text of the raw source record
    batch_id: int | None = None
    status: str = "waiting"  # waiting | fixed | discarded | undone
    resolution: str = ""
    entry_id: int | None = None
    id: int | None = None


@dataclass
class HistoryItem:
    table: str
    row_id: int
    action: str
    who: str
    at: str
    old: str | None
    new: str | None
    id: int | None = None
