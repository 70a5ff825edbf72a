"""The case summary as a tree of plain dataclasses, in DESIGN.md's order (dates as ISO text)."""

from __future__ import annotations

from dataclasses import dataclass, field

from chronology.counts import count_label


@dataclass
class ChildLine:
    name: str
    dob: str | None
    age: str


@dataclass
class PeriodLine:
    """One proceedings period as the summary shows it."""

    id: int | None
    type: str  # 'private' | 'public' | ''
    court: str
    case_number: str
    start: str | None
    end: str | None
    end_reason: str
    end_uncertain: bool
    status: str  # 'confirmed' | 'suggested'
    basis: str
    description: str  # 'private law proceedings 16/01/2023–19/11/2024 (final order; suggested)'


@dataclass
class Header:
    """Who the case is about and where it stands."""

    case_ref: str
    children: list[ChildLine]
    legal_status: str
    proceedings: str  # e.g. 'private law proceedings: 16/01/2023–19/11/2024'
    proceedings_open: bool
    court: str
    court_case_number: str
    worker: str
    team_manager: str
    last_updated: str  # ISO date-time of the latest change to the case
    entries: int  # chronology lines (an event two agencies recorded counts once; not withdrawn)
    first_entry: str | None
    latest_entry: str | None
    proceedings_periods: list[PeriodLine] = field(default_factory=list)
    records: int = 0  # the agencies' records behind those lines
    withdrawn: int = 0  # withdrawn lines, not counted in entries

    @property
    def entries_label(self) -> str:
        """The count in the words the window's status bar uses too."""
        return count_label(self.entries, self.records or self.entries, self.withdrawn)


@dataclass
class ReviewLine:
    date: str
    by: str
    note: str


@dataclass
class RiskItem:
    """One risk as the summary shows it, with what it needs now."""

    id: int
    title: str
    statement: str
    category: str
    to_whom: str
    from_whom: str
    urgency: str  # 'urgent' | 'important'
    urgency_label: str
    status: str
    status_reason: str
    primary: bool
    review_every_days: int
    last_review: ReviewLine | None
    review_due: str
    review_overdue: bool
    needs_review: bool
    review_reasons: list[str]
    tripped_by: list[int]
    trip_wires: list[str]
    default_trip_wires: bool
    evidence: list[int]


@dataclass
class Alert:
    level: str  # 'red' | 'amber'
    # review_overdue | trip_wire | cadence | quarantine | agency_quiet | supervision_action |
    # proceedings | duplicates
    kind: str
    message: str
    risk_id: int | None = None


@dataclass
class GapLine:
    start: str
    end: str
    days: int
    weeks: int
    current: bool
    proceedings_open: bool
    proceedings_days: int
    level: str
    wording: str


@dataclass
class CadenceLine:
    """One cadence rule applied to the case."""

    rule: str
    label: str
    every_days: int
    every: str
    count: int
    first: str | None
    last: str | None
    note: str
    gaps: list[GapLine]


@dataclass
class KeyEvent:
    entry_id: int
    date: str
    when: str
    type: str
    agency: str
    summary: str
    significance: str
    number: int = 0  # the event's number in the court chronology


@dataclass
class AgencyCount:
    agency: str
    sector: str
    total: int
    missed: int  # was not brought
    cancelled: int
    types: dict[str, int]


@dataclass
class YearInvolvement:
    """One year of agency involvement, with the sentence a reader sees first."""

    year: int
    sentence: str
    health_appointments: int
    health_missed: int
    health_cancelled: int
    social_work_home_visits: int
    cin_meetings: int
    court_hearings: int
    agencies: list[AgencyCount]


@dataclass
class SourceCoverage:
    source: str
    agencies: list[str]
    first: str | None
    last: str | None
    count: int


@dataclass
class CaseSummary:
    """The generated summary: header, primary risks first, then the rest in DESIGN.md's order."""

    case_ref: str
    as_of: str  # the 'today' it was generated for
    generated_at: str
    header: Header
    primary_risks: list[RiskItem]
    alerts: list[Alert]
    cadence: list[CadenceLine]
    narrative: dict[str, str]
    key_events: list[KeyEvent]
    key_events_omitted: int
    involvement: list[YearInvolvement]
    other_risks: list[RiskItem]
    sources: list[SourceCoverage]
    quarantine_waiting: int = 0
    notes: list[str] = field(default_factory=list)
