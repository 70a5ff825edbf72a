"""Agency involvement by year, the sources and the dates they cover, and agencies gone quiet.

Counts are of each agency's own records: an event two agencies both recorded (a linked duplicate)
counts once for each of them, since each was involved. Withdrawn entries are left out; cancelled
ones are counted and shown as cancelled. Meetings and hearings are counted by day, so a Child in
Need meeting minuted by two agencies is one meeting.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from chronology.models import EntryType
from chronology.workspace import Workspace
from summary.agencies import sector, sector_by_records
from summary.dates import parse_iso
from summary.model import AgencyCount, SourceCoverage, YearInvolvement

# An agency "goes quiet" when its last record is this long before the case's latest entry.
QUIET_DAYS = 183
QUIET_MIN_RECORDS = 5
_WNB = EntryType.WAS_NOT_BROUGHT.value
_CANCELLED = EntryType.CANCELLED.value
_HOME_VISIT = EntryType.HOME_VISIT.value


@dataclass
class Tally:
    """One group of a case's entries: year, agency, type, status and source file."""

    year: int
    agency: str
    type: str
    status: str
    source: str
    count: int
    first: str
    last: str


def tallies(ws: Workspace, case_id: int) -> list[Tally]:
    """The case's entries counted in one pass (undone imports left out)."""
    rows = ws.conn.execute(
        "SELECT substr(date, 1, 4), agency, type, status, source_file, count(*), min(date), "
        "max(COALESCE(date_end, date)) FROM entries WHERE case_id=? AND status != 'undone' "
        "GROUP BY 1, 2, 3, 4, 5",
        (case_id,),
    ).fetchall()
    return [Tally(int(r[0]), *r[1:]) for r in rows]


def event_days_by_year(ws: Workspace, case_id: int, entry_type: str) -> Counter[int]:
    """Distinct days per year with an active entry of a type (meetings, hearings)."""
    rows = ws.conn.execute(
        "SELECT substr(date, 1, 4), count(DISTINCT date) FROM entries WHERE case_id=? AND type=? "
        "AND status='active' GROUP BY 1",
        (case_id, entry_type),
    ).fetchall()
    return Counter({int(y): n for y, n in rows})


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def build_involvement(
    rows: list[Tally], cin_days: Counter[int], court_days: Counter[int]
) -> list[YearInvolvement]:
    """Counts by year, agency and type, with one plain sentence per year."""
    profile: dict[str, Counter[str]] = defaultdict(Counter)
    for t in rows:
        profile[t.agency][t.type] += t.count
    sectors = {a: sector_by_records(a, dict(types)) for a, types in profile.items()}
    years: dict[int, dict[str, AgencyCount]] = defaultdict(dict)
    for t in rows:
        if t.status == "withdrawn":
            continue
        agency = years[t.year].setdefault(
            t.agency, AgencyCount(t.agency or "(no agency)", sectors[t.agency], 0, 0, 0, {})
        )
        agency.total += t.count
        agency.types[t.type] = agency.types.get(t.type, 0) + t.count
        if t.type == _WNB:
            agency.missed += t.count
        if t.status == "cancelled" or t.type == _CANCELLED:
            agency.cancelled += t.count
    home_visits: Counter[int] = Counter()
    for t in rows:
        if t.type == _HOME_VISIT and t.status == "active" and sector(t.agency) == "social care":
            home_visits[t.year] += t.count
    out = []
    for year in sorted(years):
        agencies = sorted(years[year].values(), key=lambda a: (-a.total, a.agency))
        health = [a for a in agencies if a.sector == "health"]
        item = YearInvolvement(
            year=year,
            sentence="",
            health_appointments=sum(a.total for a in health),
            health_missed=sum(a.missed for a in health),
            health_cancelled=sum(a.cancelled for a in health),
            social_work_home_visits=home_visits[year],
            cin_meetings=cin_days[year],
            court_hearings=court_days[year],
            agencies=agencies,
        )
        item.sentence = _sentence(item)
        out.append(item)
    return out


def _sentence(y: YearInvolvement) -> str:
    """'In 2024: 85 health appointments and contacts (1 was not brought, 3 cancelled) and …'."""
    lead = []
    if y.health_appointments:
        extra = [
            x
            for x in (
                f"{y.health_missed} {'was' if y.health_missed == 1 else 'were'} not brought"
                if y.health_missed
                else "",
                f"{y.health_cancelled} cancelled" if y.health_cancelled else "",
            )
            if x
        ]
        lead.append(
            _plural(
                y.health_appointments,
                "health appointment and contact",
                "health appointments and contacts",
            )
            + (f" ({', '.join(extra)})" if extra else "")
        )
    if y.social_work_home_visits:
        lead.append(_plural(y.social_work_home_visits, "social-work home visit"))
    also = []
    if y.cin_meetings:
        also.append(_plural(y.cin_meetings, "Child in Need meeting"))
    if y.court_hearings:
        also.append(_plural(y.court_hearings, "court hearing or order", "court hearings or orders"))
    by_sector = Counter()
    for a in y.agencies:
        by_sector[a.sector] += a.total
    for name, label in (
        ("police", "police record"),
        ("education", "nursery or school record"),
        ("housing", "housing record"),
    ):
        if by_sector[name]:
            also.append(_plural(by_sector[name], label))
    text = f"In {y.year}: " + (
        " and ".join(lead) if lead else "no health appointments or social-work home visits recorded"
    )
    if also:
        text += "; also " + ", ".join(also)
    return text + "."


def build_sources(rows: list[Tally]) -> list[SourceCoverage]:
    """Each source file with its agencies, first and last dates and number of entries."""
    by_source: dict[str, list[Tally]] = defaultdict(list)
    for t in rows:
        by_source[t.source].append(t)
    out = []
    for source, group in by_source.items():
        agencies = Counter()
        for t in group:
            agencies[t.agency] += t.count
        out.append(
            SourceCoverage(
                source=source or "entered by hand",
                agencies=[a for a, _ in agencies.most_common()],
                first=min(t.first for t in group),
                last=max(t.last for t in group),
                count=sum(t.count for t in group),
            )
        )
    return sorted(out, key=lambda s: (s.first or "", s.source))


def quiet_agencies(rows: list[Tally]) -> list[tuple[str, str, str, int]]:
    """(agency, its last date, the case's latest date, records) for agencies gone quiet."""
    live = [t for t in rows if t.status in ("active", "cancelled")]
    if not live:
        return []
    latest = max(t.last for t in live)
    last: dict[str, str] = {}
    count: Counter[str] = Counter()
    for t in live:
        last[t.agency] = max(last.get(t.agency, ""), t.last)
        count[t.agency] += t.count
    cutoff = parse_iso(latest) - dt.timedelta(days=QUIET_DAYS)
    return sorted(
        (agency, day, latest, count[agency])
        for agency, day in last.items()
        if agency and count[agency] >= QUIET_MIN_RECORDS and parse_iso(day) < cutoff
    )
