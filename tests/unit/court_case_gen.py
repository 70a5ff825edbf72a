"""A generator of varied fictional court cases, imported through the real pipeline. No tests here.

Each seed varies the agencies' names, the wording, the types the sources gave, the date
precision and the years. Planted in every case: a conditional threat recorded by a health
visitor at a contact typed as an ordinary visit, the referral that followed typed as a phone
call, a strategy discussion and a Section 47 visit in case notes, hearings whose outcome is in
the record, a routine noise complaint, two police events in the repeated hour on the night the
clocks went back, a previous worker's Word chronology naming a court inside it, the child's
words, and an address in a note with nobody marked confidential. Everything here is invented.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

import docx

from chronology.cases import add_case, update_case
from chronology.importers.pipeline import run_import
from chronology.models import Case, Party
from chronology.workspace import Workspace
from summary.narrative import set_narrative
from summary.risks import Risk, Urgency, add_evidence, add_risk

CHILDREN = ["Ellis Brook", "Noor Adeyemi", "Kit Varga", "Ada Lindqvist-Roe", "Sami Hollis"]
MOTHERS = ["Ms Brook", "Ms Adeyemi", "Ms Varga", "Ms Roe", "Ms Hollis"]
HEALTH = ["Ashby Health Visiting Service", "Northfield Community Nursing", "Westmere 0-19 Team"]
POLICE = ["Wolds Police", "Cardale Constabulary", "Fenmoor Police"]
COUNCILS = ["Ashby Borough Council", "Northfield City Council", "Westmere County Council"]
TOWNS = ["Brackton", "Hollowby", "Milverly", "Staithe"]
STREETS = ["Hazel Row", "Quarry Lane", "Tannery Walk", "Mill Race Close", "Beacon Rise"]
AUTHORS = ["T. Whitcombe", "R. Osei", "J. Marchetti", "L. Fairweather"]
THREATS = [
    "She said that if the court lets him have the child overnight she would have no choice but "
    "to kill herself and {c}.",
    "Mum told me that should contact go unsupervised she will end up harming {c} and herself.",
    "She stated she would take {c} and herself out of the picture if the father gets more time.",
]
REFERRALS = [
    "Phoned children's social care front door and made a referral about today's comments.",
    "Telephone referral to the MASH about what mum said at the visit; written referral to follow.",
]
HEARINGS = [  # (title, the outcome in the record)
    ("First hearing (FHDRA)", "Interim order made: supervised contact each Saturday at a centre"),
    ("Directions hearing", "Section 7 report directed; contact to remain supervised"),
    ("Final hearing", "Child arrangements order made: unsupported contact every other Sunday"),
]


@dataclass
class GeneratedCase:
    """A case made by ``make_case`` and what was planted in it."""

    case: Case
    ref: str
    child: str
    seed: int
    health: str
    police: str
    author: str
    address_street: str
    hearing_outcomes: list[str] = field(default_factory=list)
    fall_back: dt.date = dt.date(2024, 10, 27)
    threat_entry: int = 0
    referral_entry: int = 0


def last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _uk(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def make_case(ws: Workspace, folder: Path, seed: int, ref: str = "") -> GeneratedCase:
    """Build one varied case through the real import pipeline."""
    rnd = random.Random(seed)
    i = seed % len(CHILDREN)
    child, mother = CHILDREN[i], MOTHERS[i]
    council = rnd.choice(COUNCILS)
    health, police = rnd.choice(HEALTH), rnd.choice(POLICE)
    year = 2021 + seed % 4
    ref = ref or f"GEN-{seed}"
    case = add_case(
        ws,
        ref,
        child,
        f"{year - 3}-0{1 + seed % 9}-1{seed % 9}",
        worker="Robin Ashdown",
        role="Social Worker",
        employer=council,
        court=f"Family Court at {rnd.choice(TOWNS)}",
        court_case_number=f"ZX{year % 100}P{1000 + seed:05d}",
        party=f"{council} (the local authority)",
        proceedings="private",
    )
    g = GeneratedCase(
        case, ref, child, seed, health, police, rnd.choice(AUTHORS), rnd.choice(STREETS)
    )
    start = dt.date(year, 2, 1) + dt.timedelta(days=rnd.randint(0, 20))
    application = start + dt.timedelta(days=30)
    threat_day = application + dt.timedelta(days=rnd.randint(90, 150))
    g.fall_back = last_sunday(year if threat_day.month < 10 else year + 1, 10)
    hearing_days = [
        application + dt.timedelta(days=35),
        threat_day + dt.timedelta(days=50),
        g.fall_back + dt.timedelta(days=40),
    ]
    street = f"{rnd.randint(2, 88)} {g.address_street}, {rnd.choice(TOWNS)}"
    # --- health visiting: the threat and the referral, typed as ordinary contacts
    contact_type = rnd.choice(["Home Visit", "Clinic", "New Birth Review"])
    hv_rows = [
        [
            f"{_uk(start)} 10:{rnd.randint(10, 59)}",
            contact_type,
            "Attended",
            "Weight on the 25th centile; feeding well.",
        ],
        [
            f"{_uk(threat_day)} 11:15",
            contact_type,
            "Attended",
            f"{child.split()[0]} asleep in the pram. "
            + rnd.choice(THREATS).format(c="the baby")
            + " Safety plan discussed.",
        ],
        [f"{_uk(threat_day)} 13:40", "Telephone", "", rnd.choice(REFERRALS)],
        [
            f"{_uk(threat_day + dt.timedelta(days=60))} 09:30",
            "Clinic",
            "Was Not Brought",
            "Not brought to the clinic.",
        ],
        [
            f"{_uk(threat_day + dt.timedelta(days=75))} 15:00",
            contact_type,
            "Attended",
            f"Visited at the new flat, {street}; settled.",
        ],
    ]
    hv = _csv(
        folder / f"hv-{seed}.csv",
        ["Date", "Organisation", "Contact Type", "Outcome", "Notes"],
        [[r[0], health, *r[1:]] for r in hv_rows],
    )
    # --- social care notes: strategy, Section 47, hearings with outcomes, the child's words
    cs_rows = [
        [
            _uk(application),
            "Case Note",
            "Application received",
            "The father has applied for a child arrangements order (C100).",
        ],
        [
            _uk(threat_day + dt.timedelta(days=1)),
            "Case Note",
            "Meeting with police and health",
            "Strategy meeting held with police and the health visitor; threshold met.",
        ],
        [
            _uk(threat_day + dt.timedelta(days=2)),
            "Home Visit",
            "Section 47 visit",
            "Section 47 enquiry visit; the child was seen and the home was warm and clean.",
        ],
        [
            _uk(threat_day + dt.timedelta(days=9)),
            "Home Visit",
            "Visit",
            f"{child.split()[0]} said 'I want to stay with mummy and my cat'.",
        ],
    ]
    for (title, outcome), day in zip(HEARINGS, hearing_days, strict=True):
        cs_rows.append([_uk(day), "Court Hearing", title, f"{title} held. {outcome}."])
        g.hearing_outcomes.append(outcome)
    cs = _csv(
        folder / f"cs-{seed}.csv",
        ["Date", "Team", "Note Type", "Subject", "Note"],
        [[r[0], "Children and Families Team", *r[1:]] for r in cs_rows],
    )
    # --- police: a domestic incident, a noise complaint, and the night the clocks went back
    night = g.fall_back.isoformat()
    pol_rows = [
        [
            f"{threat_day - dt.timedelta(days=20)}T21:05:00Z",
            "Domestic Incident",
            f"Verbal argument; {mother} distressed; no offences disclosed.",
        ],
        [
            f"{threat_day + dt.timedelta(days=30)}T20:00:00Z",
            "Noise",
            "Complaint about loud music from a neighbouring flat; words of advice given.",
        ],
        [
            f"{night}T01:05:00Z",
            "Domestic Incident",
            "Second call: shouting heard again; officers attended.",
        ],
        [f"{night}T00:40:00Z", "Domestic Incident", "First call: shouting heard from the flat."],
    ]
    pol = _csv(folder / f"police-{seed}.csv", ["Reported", "Incident Type", "Summary"], pol_rows)
    # --- a previous worker's chronology, naming a court inside it
    document = docx.Document()
    document.add_paragraph(f"Chronology for {child}, prepared by {g.author}")
    table = document.add_table(rows=3, cols=3)
    for c, v in enumerate(["Date", "Source", "Event"]):
        table.cell(0, c).text = v
    earlier = start - dt.timedelta(days=200)
    for r, (day, source, event) in enumerate(
        [
            (
                earlier,
                "Family Court",
                "Final hearing on an earlier application: no order made; contact by agreement.",
            ),
            (earlier + dt.timedelta(days=40), "School nurse", "Routine height and weight."),
        ],
        start=1,
    ):
        table.cell(r, 0).text = _uk(day)
        table.cell(r, 1).text = source
        table.cell(r, 2).text = event
    chron = folder / f"previous-{seed}.docx"
    document.save(chron)
    reports = run_import(ws, case.id or 0, [hv, cs, pol, chron])
    assert all(r.error is None for r in reports), [r.error for r in reports]
    ids = dict(
        ws.conn.execute(
            "SELECT date || ' ' || coalesce(time, ''), id FROM entries WHERE case_id=? "
            "AND source_file=?",
            (case.id, hv.name),
        ).fetchall()
    )
    g.threat_entry = ids[f"{threat_day.isoformat()} 11:15"]
    g.referral_entry = ids[f"{threat_day.isoformat()} 13:40"]
    return g


def add_primary_risk(ws: Workspace, g: GeneratedCase) -> Risk:
    """The conditional threat as a primary risk, with its record as evidence."""
    risk = add_risk(
        ws,
        Risk(
            g.case.id or 0,
            "Conditional threat to harm",
            if_text="the father is given unsupervised or overnight contact",
            then_text="the mother may harm herself and the child",
            category="conditional threat",
            urgency=Urgency.IMPORTANT,
            primary=True,
            identified_on="2020-01-01",
        ),
    )
    add_evidence(ws, risk.id or 0, g.threat_entry)
    return risk


def complete_statement(ws: Workspace, g: GeneratedCase) -> None:
    """Every section the witness writes, the parties and her work address."""
    for section, text in (
        ("involvement", "I have been the allocated worker since the referral."),
        ("child_voice", "The child spoke warmly about home and about the cat."),
        ("analysis", "The risk is important although not urgent."),
        ("recommendations", "I recommend that contact stays supervised for now."),
        ("background", "The parents separated before the child was born."),
        ("orders_sought", "The local authority asks that contact remains supervised."),
    ):
        set_narrative(ws, g.ref, section, text)
    update_case(
        ws,
        g.ref,
        work_address="Civic Centre, 2 Market Square",
        parties=[Party("the father", "applicant"), Party("the mother", "respondent")],
    )
