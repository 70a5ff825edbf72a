"""A small generator of fictional cases for the supervision tests (every name here is invented).

``CaseBuilder`` writes through the app's own functions (cases, entries, risks, reviews), so a case
it builds is one the app could have made; ``random_case`` varies cadence, proceedings, risks,
reviews and trip-wires from a seed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from chronology.cases import add_case, add_person, update_case
from chronology.entries import add_entry
from chronology.models import Case, Entry, EntryType, Person, Precision, Significance
from chronology.workspace import Workspace
from summary.risks import Risk, Urgency, add_risk, record_review

SOCIAL_CARE = "Harbour Lane Social Work Team"
HEALTH = "Larkfield Health Visiting Service"
NURSERY = "Brook Street Nursery"
POLICE = "Otterbridge Police"
COURT = "Family Court at Wexcombe"

FIRST = ("Ava", "Idris", "Maya", "Theo", "Nell", "Kit", "Rosa", "Arlo", "Esme", "Jude")
LAST = ("Penrose", "Castell", "Dunmore", "Ashby", "Wilder", "Farrant", "Quayle", "Harrow")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass
class CaseBuilder:
    """Builds one fictional case entry by entry."""

    ws: Workspace
    case: Case
    entries: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def new(
        cls, ws: Workspace, ref: str, child: str = "Ava Penrose", **fields: object
    ) -> CaseBuilder:
        case = add_case(ws, ref, child, "2020-03-14", **fields)
        return cls(ws, case)

    def refresh(self) -> Case:
        from chronology.cases import get_case

        self.case = get_case(self.ws, self.case.ref)
        return self.case

    def entry(
        self,
        date: str | dt.date,
        type_: EntryType,
        text: str = "",
        agency: str = SOCIAL_CARE,
        significance: Significance = Significance.ROUTINE,
        outcome: str = "",
        precision: Precision = Precision.DAY,
    ) -> int:
        iso = date.isoformat() if isinstance(date, dt.date) else date
        words = text or f"{type_.value} recorded"
        e = add_entry(
            self.ws,
            Entry(
                self.case.id or 0,
                iso,
                precision,
                words[:120],
                words,
                type=type_,
                agency=agency,
                significance=significance,
                outcome=outcome,
            ),
        )
        self.entries.setdefault(type_.value, []).append(e.id or 0)
        return e.id or 0

    def every(
        self, type_: EntryType, first: str, last: str, days: int, agency: str = SOCIAL_CARE
    ) -> list[int]:
        """An entry of a type every ``days`` days from ``first`` up to ``last``."""
        ids, d = [], day(first)
        while d <= day(last):
            ids.append(self.entry(d, type_, agency=agency))
            d += dt.timedelta(days=days)
        return ids

    def hearing(self, date: str, text: str) -> int:
        return self.entry(date, EntryType.COURT, text, agency=COURT)

    def risk(
        self,
        title: str,
        *,
        category: str = "",
        primary: bool = True,
        identified: str,
        reviewed: str | None = None,
        phrases: list[str] | None = None,
        types: list[str] | None = None,
        urgency: Urgency = Urgency.IMPORTANT,
        review_days: int | None = None,
        if_text: str = "",
        then_text: str = "",
    ) -> int:
        r = add_risk(
            self.ws,
            Risk(
                self.case.id or 0,
                title,
                if_text=if_text,
                then_text=then_text,
                category=category,
                primary=primary,
                urgency=urgency,
                review_days=review_days,
                identified_on=identified,
                phrases=phrases or [],
                entry_types=types or [],
            ),
            reviewed=reviewed,
            reviewed_by="Opal Wren" if reviewed else None,
        )
        return r.id or 0

    def review(self, risk_id: int, date: str, by: str = "Opal Wren") -> None:
        record_review(self.ws, risk_id, date, by, "reviewed with the family")

    def person(self, name: str, role: str, address: str = "", confidential: bool = False) -> Person:
        return add_person(self.ws, Person(self.case.id or 0, name, role, address, "", confidential))

    def details(self, **fields: object) -> Case:
        self.case = update_case(self.ws, self.case.ref, **fields)
        return self.case


def cin_gap_during_proceedings(ws: Workspace, ref: str = "WX-100") -> CaseBuilder:
    """Meetings every 8 weeks, then none for a year while private law proceedings ran, then
    meetings again every 6 weeks to the audit day (2024-09-30): today's cadence is met."""
    b = CaseBuilder.new(ws, ref, worker="Opal Wren", team_manager="Saul Kemble")
    b.every(EntryType.CIN_MEETING, "2022-05-02", "2022-11-01", 56)  # last 2022-10-24
    b.hearing(
        "2022-11-20", "First hearing: father's C100 application for a child arrangements order"
    )
    b.hearing("2023-06-14", "Directions hearing; Cafcass report ordered")
    b.entry("2023-11-06", EntryType.CIN_MEETING)  # the gap: 24/10/2022 to 06/11/2023
    b.every(EntryType.CIN_MEETING, "2023-12-18", "2024-09-30", 42)
    b.hearing("2024-02-12", "Final hearing: final child arrangements order made")
    b.every(EntryType.HOME_VISIT, "2022-05-02", "2024-09-28", 21)
    b.every(EntryType.SUPERVISION, "2022-05-10", "2024-09-25", 28)
    return b


def random_case(ws: Workspace, ref: str, seed: int) -> CaseBuilder:
    """A case with a random mixture of cadence, proceedings, risks, reviews and trip-wires."""
    rng = random.Random(seed)
    child = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    b = CaseBuilder.new(ws, ref, child, worker="Opal Wren", team_manager="Saul Kemble")
    start = dt.date(2022, 1, 3) + dt.timedelta(days=rng.randint(0, 120))
    end = dt.date(2024, 9, 30)
    for type_, agency, base in (
        (EntryType.CIN_MEETING, SOCIAL_CARE, 70),
        (EntryType.HOME_VISIT, SOCIAL_CARE, 21),
        (EntryType.SUPERVISION, SOCIAL_CARE, 28),
        (EntryType.APPOINTMENT_ATTENDED, HEALTH, 35),
    ):
        d = start
        while d <= end:
            b.entry(d, type_, agency=agency)
            step = base + rng.choice((0, 0, 7, 14, base, base * 3))
            d += dt.timedelta(days=step)
    if rng.random() < 0.6:
        first = start + dt.timedelta(days=rng.randint(60, 400))
        b.hearing(
            first.isoformat(), "First hearing on the application for a child arrangements order"
        )
        if rng.random() < 0.5:
            last = first + dt.timedelta(days=rng.randint(90, 500))
            if last < end:
                b.hearing(last.isoformat(), "Final hearing: final order made")
    if rng.random() < 0.8:
        identified = start + dt.timedelta(days=rng.randint(0, 200))
        reviewed = identified + dt.timedelta(days=rng.randint(0, 120))
        risk = b.risk(
            "Threat made if contact changes",
            category="conditional threat",
            identified=identified.isoformat(),
            reviewed=reviewed.isoformat() if reviewed <= end else None,
        )
        d = reviewed
        while d < end and rng.random() < 0.7:
            d += dt.timedelta(days=rng.randint(20, 160))
            if d <= end:
                b.review(risk, d.isoformat())
    return b
