"""Generated cases for duplicate matching: one event told by several agencies, and near misses.

Each case has a family, a few professionals, and agencies that each export their own file in
their own shape (columns, date and time style, type words). Events are told by two or three
agencies in other words, at other precisions (a time against a date with the time in words, an
approximate date), with other names for the same service, a hearing by its type against its
outcome. Near misses are different events on the same day between the same people: two calls
forty minutes apart between the same professionals, one of them carrying a conditional threat; a
visit and a call; two clinics on one day.

The ground truth says which records are one event (``true_pairs``) and which are different
events on one day with the same people (``near_misses``), by (file name, row number).

    case = generate_case(random.Random(3))
    paths = case.write(folder)        # one CSV per agency
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.generators import vocabulary as V

Ref = tuple[str, int]  # (file name, 1-based record number, as the importer numbers it)


@dataclass
class Professional:
    first: str
    last: str
    role: str  # 'social worker', 'health visitor', 'nursery key person', 'police officer'…
    agency: str  # the agency key: 'social', 'health', 'hospital', 'police', 'nursery'

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Event:
    """Something that happened once, at a real time, to be told by some agencies."""

    id: int
    kind: str
    day: dt.date
    minute: int  # minutes after midnight
    tellers: list[str]  # agency keys that record it
    people: list[Professional]
    topic: int = 0
    service: int = 0
    threat: bool = False
    copied: bool = False  # the second agency pasted the first one's record (same words, time)
    group: int = 0  # events of one group on one day are near misses even without shared people


@dataclass
class Record:
    event: int
    agency: str
    row: dict[str, str]


@dataclass
class Agency:
    key: str
    name: str
    file: str
    columns: tuple[str, ...]


@dataclass
class GeneratedCase:
    child: str
    mother: str
    agencies: dict[str, Agency]
    records: dict[str, list[Record]] = field(default_factory=dict)  # file -> rows in order
    events: dict[int, Event] = field(default_factory=dict)

    def write(self, folder: Path) -> list[Path]:
        """One CSV per agency; returns their paths."""
        paths = []
        for agency in self.agencies.values():
            rows = self.records.get(agency.file, [])
            if not rows:
                continue
            path = folder / agency.file
            with path.open("w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh)
                w.writerow(agency.columns)
                for rec in rows:
                    w.writerow([rec.row.get(c, "") for c in agency.columns])
            paths.append(path)
        return paths

    def refs(self) -> dict[int, list[Ref]]:
        """Each event's records by (file, row)."""
        out: dict[int, list[Ref]] = {}
        for file, rows in self.records.items():
            for n, rec in enumerate(rows, start=1):  # record number, as the importer counts
                out.setdefault(rec.event, []).append((file, n))
        return out

    @property
    def true_pairs(self) -> set[frozenset[Ref]]:
        """Records in different files telling the same event."""
        pairs = set()
        for refs in self.refs().values():
            for a, b in itertools.combinations(refs, 2):
                if a[0] != b[0]:
                    pairs.add(frozenset((a, b)))
        return pairs

    @property
    def near_misses(self) -> set[frozenset[Ref]]:
        """Records in different files of different events on one day with the same people."""
        refs = self.refs()
        by_day: dict[dt.date, list[Event]] = {}
        for e in self.events.values():
            by_day.setdefault(e.day, []).append(e)
        pairs = set()
        for events in by_day.values():
            for e1, e2 in itertools.combinations(events, 2):
                shared = {p.name for p in e1.people} & {p.name for p in e2.people}
                if not shared and not (e1.group and e1.group == e2.group):
                    continue
                for a in refs.get(e1.id, []):
                    for b in refs.get(e2.id, []):
                        if a[0] != b[0]:
                            pairs.add(frozenset((a, b)))
        return pairs


def _agencies(rnd: random.Random) -> dict[str, Agency]:
    town = rnd.choice(V.TOWNS)
    return {
        "social": Agency(
            "social",
            f"{town} {rnd.choice(V.SOCIAL_CARE)}",
            "social_care_notes.csv",
            ("Date", "Time", "Note Type", "Worker", "Note"),
        ),
        "health": Agency(
            "health",
            f"{town} {rnd.choice(V.HEALTH_VISITING)}",
            "health_visiting.csv",
            ("Contact Date", "Contact Type", "Staff", "Outcome", "Notes"),
        ),
        "hospital": Agency(
            "hospital",
            f"{rnd.choice(V.TOWNS)} {rnd.choice(V.HOSPITAL)}",
            "hospital_appointments.csv",
            (
                "Appointment Date",
                "Appointment Time",
                "Appointment Type",
                "Clinician",
                "Outcome",
                "Comments",
            ),
        ),  # fmt: skip
        "police": Agency(
            "police",
            f"{rnd.choice(V.TOWNS)} {rnd.choice(V.POLICE)}",
            "police_log.csv",
            ("Reported", "Incident Type", "Officer", "Summary"),
        ),
        "nursery": Agency(
            "nursery",
            f"{rnd.choice(V.STREETS).split()[0]} {rnd.choice(V.NURSERY)}",
            "nursery_observations.csv",
            ("Date", "Category", "Key Person", "Observation"),
        ),
    }


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _in_words(minute: int, rnd: random.Random) -> str:
    """A time as a person writes it in a note: 'at about 2.30pm', 'late morning'."""
    h, m = divmod(minute, 60)
    h12 = h % 12 or 12
    suffix = "am" if h < 12 else "pm"
    m5 = round(m / 15) * 15 % 60
    return rnd.choice(
        (
            f"at about {h12}.{m5:02d}{suffix}" if m5 else f"at about {h12}{suffix}",
            f"around {h12}:{m5:02d}" if m5 else f"around {h12} o'clock",
            "in the morning" if h < 12 else "in the afternoon" if h < 17 else "in the evening",
            f"at {h12}{suffix}" if not m5 else f"at {h12}.{m5:02d}",
        )
    )


def _uk(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


class _Teller:
    """Writes one agency's record of an event, in that agency's shape and words."""

    def __init__(self, case: GeneratedCase, rnd: random.Random, staff: dict[str, Professional]):
        self.case, self.rnd, self.staff = case, rnd, staff

    def when(self, event: Event, agency: str) -> tuple[str, str, int]:
        """Date text, time text, and the minute recorded (time drift between agencies)."""
        rnd = self.rnd
        if event.kind == "stock":  # a clinic's booked slot: exact, on the day
            clock = _hhmm(event.minute)
            if agency in ("health", "police"):
                return f"{_uk(event.day)} {clock}", "", event.minute
            return _uk(event.day), clock, event.minute
        drift = rnd.choice((0, 0, 0, 5, 10, 15, -10, 20, 30, -30, 45, 60))
        minute = max(7 * 60, min(21 * 60, event.minute + drift))
        day = event.day
        style = rnd.random()
        if style < 0.12:  # an approximate date, now and then a day out
            off = rnd.choice((0, 0, 0, 1, -1, 2))
            return f"approx {_uk(day + dt.timedelta(days=off))}", "", -1
        if agency in ("nursery",) or style < 0.35:  # date only; the time lives in the words
            return _uk(day), "", -minute - 2
        if agency in ("health", "police"):
            return f"{_uk(day)} {_hhmm(minute)}", "", minute
        return _uk(day), _hhmm(minute), minute

    def row(self, event: Event, agency: str, type_word: str, text: str) -> Record:
        date_text, time_text, minute = self.when(event, agency)
        if minute < -1 and self.rnd.random() < 0.8:  # date only: say the time in words
            text = f"{text[:1].upper()}{text[1:]} {_in_words(-minute - 2, self.rnd)}."
        elif not text.endswith("."):
            text += "."
        author = self.staff[agency]
        row = {
            "social": {"Date": date_text, "Time": time_text, "Note Type": type_word,
                       "Worker": author.name, "Note": text},
            "health": {"Contact Date": date_text, "Contact Type": type_word,
                       "Staff": f"{author.name} ({author.role})", "Outcome": "Attended",
                       "Notes": text},
            "hospital": {"Appointment Date": date_text, "Appointment Time": time_text,
                         "Appointment Type": type_word, "Clinician": author.name,
                         "Outcome": "Attended", "Comments": text},
            "police": {"Reported": date_text, "Incident Type": type_word,
                       "Officer": f"PC {self.rnd.randint(100, 999)} {author.last}",
                       "Summary": text},
            "nursery": {"Date": date_text, "Category": type_word, "Key Person": author.name,
                        "Observation": text},
        }[agency]  # fmt: skip
        return Record(event.id, agency, row)


def _tell(t: _Teller, e: Event, agency: str) -> Record:
    """One agency's words for one event."""
    rnd, case = t.rnd, t.case
    child, mother = case.child.split()[0], case.mother
    topic = rnd.choice(V.TOPICS[e.topic])
    other = [p for p in e.people if p.agency != agency]
    partner = other[0] if other else e.people[0]
    who = rnd.choice(
        (partner.name, f"{partner.first} ({partner.role})", f"the {partner.role}", partner.last)
    )
    plain = rnd.choice((partner.name, partner.last, partner.first))  # where the role is said
    mood = rnd.choice(V.THREATS) if e.threat else rnd.choice(V.CALM)
    if e.kind == "call":
        if agency == "social":
            text = rnd.choice(
                (
                    f"telephone call with {who} about {topic}; {mood}",
                    f"{who} rang me regarding {topic}. She said {mood}",
                    f"phoned {who} re {topic} - {mood}",
                )
            )
            return t.row(e, agency, rnd.choice(("Telephone Call", "Phone call", "Case Note")), text)
        text = rnd.choice(
            (
                f"call to {plain} (social worker) to discuss {topic}; {mood}",
                f"spoke with {who} by phone about {topic}. {mood}",
                f"telephone discussion with social worker {plain}: {topic}, {mood}",
            )
        )
        return t.row(e, agency, rnd.choice(("Telephone", "Phone", "Liaison")), text)
    if e.kind == "visit":
        obs = rnd.choice(V.OBSERVATIONS)
        if agency == "social":
            text = rnd.choice(
                (
                    f"joint home visit with {who} to look at {topic}. {obs}",
                    f"visited {mother} and {child} at home together with {who}; {topic} "
                    f"discussed. {obs}",
                    f"home visit (joint, {who}) - {topic}. {obs}",
                )
            )
            return t.row(
                e, agency, rnd.choice(("Home Visit", "Statutory Visit", "Case Note")), text
            )
        text = rnd.choice(
            (
                f"joint visit with {who} at the family home: {topic}. {obs}",
                f"home contact alongside social worker {plain}. Talked about {topic}; {obs}",
                f"visited with {who}; reviewed {topic}. {rnd.choice(V.FOLLOW_UP)}",
            )
        )
        return t.row(e, agency, rnd.choice(("Home Visit", "Contact", "New Birth Visit")), text)
    if e.kind == "clinic":
        names = V.SERVICES[e.service]
        service = rnd.choice(names)
        if agency == "hospital":
            text = rnd.choice(
                (
                    f"{child} seen in {service} with mother. {rnd.choice(V.FOLLOW_UP)}",
                    f"reviewed in {service}; {topic} discussed with {mother}",
                    f"{service} review: {child} attended with mum. Plan: {rnd.choice(V.FOLLOW_UP)}",
                )
            )
            return t.row(
                e, agency, rnd.choice(("Outpatient appointment", "Clinic", "Review")), text
            )
        text = rnd.choice(
            (
                f"{mother} took {child} to the {service} appointment; she said it went well",
                f"mother reported attending {service} today with {child}",
                f"{child} had an appointment at {service}; mum attended",
            )
        )
        kind = "Case Note" if agency == "social" else rnd.choice(("Liaison", "Contact"))
        return t.row(e, agency, kind, text)
    if e.kind == "meeting":
        names = V.MEETINGS[e.service % len(V.MEETINGS)]
        name = rnd.choice(names)
        text = rnd.choice(
            (
                f"{name} held; attended by {who} and family. {topic} reviewed",
                f"attended the {name} for {child}; plan updated about {topic}",
                f"{name}: agencies shared updates, {topic} discussed. {rnd.choice(V.FOLLOW_UP)}",
            )
        )
        word = {"social": "Child in Need Meeting", "health": "Meeting", "nursery": "Meeting"}
        return t.row(e, agency, word.get(agency, "Meeting"), text)
    if e.kind == "hearing":
        if agency == "social":
            text = rnd.choice(
                (
                    f"attended court for the {rnd.choice(V.HEARING_TYPES)}",
                    f"{rnd.choice(V.HEARING_TYPES)} at the family court today; I gave evidence",
                )
            )
            return t.row(e, agency, rnd.choice(("Court", "Court Hearing", "Legal")), text)
        text = rnd.choice(
            (
                f"mother said {rnd.choice(V.HEARING_OUTCOMES)}",
                f"court outcome: {rnd.choice(V.HEARING_OUTCOMES)}",
            )
        )
        return t.row(e, agency, rnd.choice(("Liaison", "Court", "Information")), text)
    if e.kind == "incident":
        words = rnd.choice(V.INCIDENTS[e.service % len(V.INCIDENTS)])
        if agency == "police":
            text = f"{words} at the home address; officers attended, children safe"
            return t.row(e, agency, rnd.choice(("Domestic Incident", "Incident", "Concern")), text)
        text = rnd.choice(
            (
                f"police notification: {words}; {child} was safe",
                f"police called to the home - {words}",
            )
        )
        return t.row(e, agency, rnd.choice(("Case Note", "Incident", "Notification")), text)
    if e.kind == "stock":  # a system's stock phrase, the same for any clinic
        text = V.STOCK[e.group % len(V.STOCK)]
        return t.row(e, agency, "Appointment", text)
    # a routine entry only its own agency records
    text = rnd.choice(
        (
            f"{rnd.choice(V.OBSERVATIONS)}; {topic} noted",
            f"update on {topic}: {rnd.choice(V.FOLLOW_UP)}",
            f"{child} {rnd.choice(('played outside', 'ate lunch well', 'napped', 'painted'))}; "
            f"{rnd.choice(V.OBSERVATIONS)}",
        )
    )
    word = {"social": "Case Note", "health": "Contact", "nursery": "Observation",
            "hospital": "Clinic", "police": "Information"}[agency]  # fmt: skip
    return t.row(e, agency, word, text)


_KINDS = (  # kind, who tells it, how often
    ("call", ("social", "health"), 4),
    ("call", ("social", "nursery"), 2),
    ("call", ("social", "police"), 1),
    ("visit", ("social", "health"), 3),
    ("clinic", ("hospital", "health"), 2),
    ("clinic", ("hospital", "social"), 2),
    ("clinic", ("hospital", "health", "social"), 1),
    ("meeting", ("social", "health", "nursery"), 2),
    ("meeting", ("social", "health"), 1),
    ("hearing", ("social", "health"), 1),
    ("incident", ("police", "social"), 2),
)


def generate_case(rnd: random.Random, events: int = 24) -> GeneratedCase:
    """A case of ``events`` shared events, near misses beside some, and routine entries."""
    child = f"{rnd.choice(V.FIRST)} {rnd.choice(V.LAST)}"
    mother = rnd.choice([n for n in V.FIRST if n != child.split()[0]])
    case = GeneratedCase(child, mother, _agencies(rnd))
    roles = {
        "social": "social worker",
        "health": "health visitor",
        "hospital": "paediatrician",
        "police": "police officer",
        "nursery": "key person",
    }
    staff = {
        key: Professional(rnd.choice(V.FIRST), rnd.choice(V.LAST), role, key)
        for key, role in roles.items()
    }
    teller = _Teller(case, rnd, staff)
    start = dt.date(2021, 1, 4) + dt.timedelta(days=rnd.randint(0, 900))
    weights = [w for *_, w in _KINDS]
    made: list[Event] = []

    def event(kind: str, tellers: tuple[str, ...], day: dt.date, minute: int, **kw: object) -> None:
        e = Event(
            len(case.events) + 1,
            kind,
            day,
            minute,
            list(tellers),
            [staff[a] for a in tellers],
            topic=rnd.randrange(len(V.TOPICS)),
            service=rnd.randrange(len(V.SERVICES)),
            **kw,  # type: ignore[arg-type]
        )
        case.events[e.id] = e
        made.append(e)

    day = start
    for _ in range(events):
        day += dt.timedelta(days=rnd.randint(3, 20))
        kind, tellers, _w = rnd.choices(_KINDS, weights)[0]
        minute = rnd.randrange(9 * 60, 17 * 60, 5)
        copied = len(tellers) > 1 and kind in ("meeting", "call", "visit") and rnd.random() < 0.12
        event(kind, tellers, day, minute, threat=rnd.random() < 0.1, copied=copied)
        near = rnd.random()
        if near < 0.3 and kind == "call":  # the same two professionals ring again, 40 min later
            event("call", tellers, day, minute + rnd.choice((25, 40, 55, 90)), threat=True)
        elif near < 0.45 and kind == "visit":  # a visit, then a call about it in the afternoon
            event("call", tellers, day, min(minute + rnd.randint(120, 300), 20 * 60))
        elif near < 0.55 and kind == "clinic":  # a second clinic the same day
            event("clinic", tellers, day, minute + rnd.choice((60, 90, 120)))
        elif near < 0.6 and kind == "meeting":  # a call the same day about the meeting's topic
            event("call", ("social", "health"), day, minute + rnd.choice((-90, 120)))
        if rnd.random() < 0.5:  # a routine entry the same day, by one of the same agencies
            event("routine", (rnd.choice(tellers),), day, rnd.randrange(8 * 60, 18 * 60, 5))
        if rnd.random() < 0.1:  # two clinics, one stock phrase each, at one time: not one event
            at, group = rnd.randrange(9 * 60, 16 * 60, 15), len(case.events) + 1
            event("stock", ("hospital",), day, at, group=group)
            event("stock", ("health",), day, at, group=group)
    for e in made:
        first: Record | None = None
        for agency in e.tellers:
            file = case.agencies[agency].file
            if e.copied and first is not None:
                record = _copy(case, first, agency, e, staff[agency])
            else:
                record = _tell(teller, e, agency)
            first = first or record
            case.records.setdefault(file, []).append(record)
    return case


def _copy(
    case: GeneratedCase, first: Record, agency: str, e: Event, author: Professional
) -> Record:
    """Another agency's record holding the first one's words and time (a pasted record)."""
    source = case.agencies[first.agency].columns
    words = first.row[source[-1]]
    when = next(v for k, v in first.row.items() if "Date" in k or k == "Reported")
    clock = first.row.get("Time") or first.row.get("Appointment Time") or ""
    columns = case.agencies[agency].columns
    row = {c: "" for c in columns}
    row[columns[0]] = f"{when} {clock}".strip() if len(columns) == 4 or agency == "health" else when
    if "Time" in columns:
        row["Time"] = clock
    if "Appointment Time" in columns:
        row["Appointment Time"] = clock
    row[columns[-1]] = words
    row[columns[1] if agency != "hospital" else "Appointment Type"] = "Liaison"
    for column in ("Worker", "Staff", "Clinician", "Officer", "Key Person"):
        if column in columns:
            row[column] = author.name
    return Record(e.id, agency, row)


def generate_cases(seed: int, count: int, events: int = 24) -> Iterator[GeneratedCase]:
    """``count`` different cases from one seed."""
    rnd = random.Random(seed)
    for _ in range(count):
        yield generate_case(random.Random(rnd.random()), events)
