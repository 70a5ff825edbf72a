"""Column mapping: which header of a source table feeds which entry field, and mapping profiles.

Also the header-row detection shared by the tabular readers (CSV, Excel, Word tables): a header
is found by what its cells look like, so a title line or blank lines above it do not matter.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from chronology.importers.records import FIELDS, AgencySuggestion
from chronology.models import EntryType

log = logging.getLogger(__name__)

# Normalised header (lower case, punctuation as spaces) -> synonyms for each canonical field, best
# first. A header matching a synonym exactly beats any header that only contains one.
_SYNONYM_TEXT = {
    "date": (
        "date, case note date, contact date, reported, date of event, event date, start, "
        "appointment date, when, date time, date and time, datetime, visit date, "
        "date of contact, date of visit, observation date, incident date, date reported, "
        "reported date, reported at, start date, start date time, date seen, meeting date, "
        "note date, entry date, date of entry, occurred, date occurred, date of incident, "
        "encounter date, timestamp"
    ),
    "time": (
        "time, start time, contact time, appointment time, time of contact, visit time, "
        "time of visit, incident time, time reported"
    ),
    "end": (
        "end, end date, end time, end date time, end datetime, stop, stop date, finish, "
        "finish time, finished, to, until, date to, to date, ended, date ended, closed, "
        "date closed, closure date, discharge date, discharged, period end, end of period"
    ),
    "type": (
        "note type, contact type, incident type, type, event type, appointment type, "
        "visit type, activity type, activity, category, encounter type, encounter class, "
        "encounterclass, case note type, record type, entry type"
    ),
    "outcome": (
        "outcome, attendance, status, attended, result, appointment status, "
        "appointment outcome, contact outcome, visit outcome"
    ),
    "agency": (
        "organisation, organization, agency, team, source, service, department, setting, "
        "source agency, agency name, organisation name"
    ),
    "author": (
        "worker, staff, officer, key person, author, practitioner, recorded by, created by, "
        "entered by, written by, social worker, staff member, keyworker, key worker, "
        "clinician, professional, user, officer name, completed by, reported by, seen by, "
        "staff name, worker name"
    ),
    "summary": "subject, title, headline, heading, topic",
    "text": (
        "note, notes, summary, observation, details, description, narrative, event, "
        "case note, case notes, comments, comment, observations, entry, event details, "
        "content, body, text, record, what happened, note text, contact notes, "
        "event description, incident summary, details of event"
    ),
    "location": "location, address, venue, place, where, site",
    "reference": (
        "log number, reference, id, ref, reference number, incident number, crime number, "
        "log no, record id, note id, case note id, event id, ref no, id number, log ref, "
        "incident ref, occurrence number, occurrence, appointment id, contact id, "
        "activity id, encounter id, booking reference, case note number, serial"
    ),
    "person": (
        "nhs number, nhs no, patient, patient id, patient name, child, child name, "
        "child s name, name of child, subject, subject id, client, client id, client name, "
        "service user, person, person id, young person, pupil, pupil name, upn, chi number, "
        "mrn, hospital number, name"
    ),
}
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    field_name: tuple(s.strip() for s in text.split(","))
    for field_name, text in _SYNONYM_TEXT.items()
}

# Words that make a header something other than the date of the event ("Date of birth").
_NOT_EVENT_DATE = frozenset(
    ("birth", "dob", "death", "deathdate", "birthdate", "due", "next", "expiry", "expires")
    + ("modified", "updated", "deleted")
    # the end of a period, not its start (an end column)
    + ("end", "ended", "stop", "stopped", "finish", "finished", "until", "closed", "closure")
    + ("discharge", "discharged")
)
_NORMALISE = re.compile(r"[^0-9a-z]+")
_DATE_VALUE = re.compile(
    r"^\s*(\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{4}-\d{2}-\d{2}T|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}"
    r"|[A-Za-z]{3,9}\s+\d{1,2},?\s+\d{4}|\d{1,2}:\d{2})"
)
_NUMBER = re.compile(r"^\s*[-+£$€]?\s*[\d,]*\.?\d+\s*%?\s*$")
REQUIRED_MESSAGE = (
    "no column holds the date of each record (looked for a header such as 'Date', "
    "'Contact date' or 'Date of event' among {columns}); choose the date column with "
    "--map date=COLUMN"
)


def normalise_header(name: str) -> str:
    """Lower case with punctuation as single spaces: 'Date/Time ' -> 'date time'."""
    return _NORMALISE.sub(" ", str(name).lower()).strip()


def is_date_header(name: str) -> bool:
    """True when a column header names the date of an event ('Date', 'When', 'Date of event')."""
    norm = normalise_header(name)
    if not norm:
        return False
    if norm in HEADER_SYNONYMS["date"]:
        return True
    words = set(norm.split())
    if len(norm.split()) > 6 or words & _NOT_EVENT_DATE:
        return False
    return bool(words & {"date", "when", "dated", "datetime"})


def is_excluded_date_header(name: str) -> bool:
    """True for a header that names some other date than the event's ('Date of birth', 'End')."""
    words = set(normalise_header(name).split())
    return bool(words & _NOT_EVENT_DATE)


def header_score(name: str, fld: str) -> float:
    """How well a header names a field, 0 (not at all) to 1 (an exact synonym)."""
    return min(1.0, _synonym_score(normalise_header(name), fld) / 1000)


# ---------------------------------------------------------------------------------------------
# Header-row detection (shared by the tabular readers)


def _is_label(cell: Any) -> bool:
    """A cell that can be a column name: short text that is not a number."""
    if not isinstance(cell, str):
        return False
    text = cell.strip()
    return bool(text) and len(text) <= 40 and not _NUMBER.match(text)


def _is_date_value(cell: Any) -> bool:
    if isinstance(cell, (dt.date, dt.time)):
        return True
    return isinstance(cell, str) and bool(_DATE_VALUE.match(cell))


def _width(cells: Sequence[Any]) -> int:
    """Number of cells up to the last non-empty one."""
    for i in range(len(cells) - 1, -1, -1):
        value = cells[i]
        if value is not None and not (isinstance(value, str) and not value.strip()):
            return i + 1
    return 0


def looks_like_header(cells: Sequence[Any]) -> bool:
    """At least two cells, mostly filled with short text labels, and no date or time at all."""
    width = _width(cells)
    if width < 2:
        return False
    filled = [c for c in cells[:width] if c is not None and str(c).strip()]
    if len(filled) < 2 or len(filled) < 0.5 * width:
        return False
    if any(_is_date_value(c) for c in filled):
        return False  # every record has a date; a header has none
    labels = sum(1 for c in filled if _is_label(c))
    return labels >= 0.8 * len(filled)


def find_header_row(rows: Sequence[Sequence[Any]]) -> int | None:
    """Index in ``rows`` of the header row, or None when no row looks like one.

    ``rows`` are the first rows of a table. The header is the first header-like row that no row
    below it outruns (a row with values beyond the header's last column); failing that, the one
    outrun least. A title or a "Child: name" line above the header is outrun by the header itself
    and the records, so it is passed over, while records with empty trailing cells are not.
    """
    spans = [_width(r) for r in rows]
    best: int | None = None
    best_outrun = 0
    for index, cells in enumerate(rows):
        if not looks_like_header(cells):
            continue
        outrun = sum(1 for w in spans[index + 1 :] if w > spans[index])
        if outrun == 0:
            return index
        if best is None or outrun < best_outrun:
            best, best_outrun = index, outrun
    return best


def column_names(cells: Sequence[Any]) -> list[str]:
    """Header cells as unique, readable column names ('Column 3' for a blank one)."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, cell in enumerate(cells, start=1):
        name = " ".join(str(cell).split()) if cell is not None else ""
        name = name.lstrip("\ufeff") or f"Column {i}"
        key = name.lower()
        if key in seen:
            seen[key] += 1
            name = f"{name} ({seen[key]})"
        else:
            seen[key] = 1
        names.append(name)
    return names


# ---------------------------------------------------------------------------------------------
# Mapping profiles


@dataclass
class MappingProfile:
    """How one agency system's columns map onto entry fields; shipped or saved by the user."""

    name: str
    agency: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # header -> field
    day_first: bool = True
    type_vocabulary: dict[str, str] = field(default_factory=dict)  # source word -> EntryType value
    match_headers: list[str] = field(default_factory=list)


def _synonym_score(norm: str, fld: str) -> int:
    """How well a normalised header names a field: 0 for not at all."""
    synonyms = HEADER_SYNONYMS.get(fld, ())
    if norm in synonyms:
        return 1000 - synonyms.index(norm)
    words = norm.split()
    if not words:
        return 0
    if fld == "date":
        # The date is required: a header naming it beats any other field's partial match.
        return 600 if is_date_header(norm) else 0
    if fld == "time" and "date" in words:
        return 0  # 'Date/time of visit' is the date column, time included
    best = 0
    for i, synonym in enumerate(synonyms):
        syn_words = synonym.split()
        # The synonym must appear as whole words, in order (word-boundary, not substring).
        n = len(syn_words)
        for start in range(len(words) - n + 1):
            if words[start : start + n] == syn_words:
                best = max(best, 500 - 10 * (len(words) - n) - i)
                break
    return best


def detect_mapping(columns: list[str], profile: MappingProfile | None = None) -> dict[str, str]:
    """Header -> field for every column ('extra' when unknown), at most one column per field."""
    mapping: dict[str, str] = {c: "extra" for c in columns}
    taken: set[str] = set()
    if profile is not None:
        wanted = {normalise_header(h): f for h, f in profile.columns.items()}
        for column in columns:
            fld = wanted.get(normalise_header(column))
            if fld is None:
                continue
            if fld == "extra" or fld not in FIELDS:
                mapping[column] = "extra"
                taken.add(column)  # the profile decided: no synonym may claim it
            elif fld not in taken:
                mapping[column] = fld
                taken.add(fld)
                taken.add(column)
    candidates: list[tuple[int, int, str, str]] = []
    for position, column in enumerate(columns):
        if column in taken:
            continue
        norm = normalise_header(column)
        for fld in HEADER_SYNONYMS:
            if fld in taken:
                continue
            score = _synonym_score(norm, fld)
            if score > 0:
                candidates.append((score, -position, column, fld))
    candidates.sort(reverse=True)
    for _score, _pos, column, fld in candidates:
        if column in taken or fld in taken:
            continue
        mapping[column] = fld
        taken.add(column)
        taken.add(fld)
    return mapping


def missing_required(mapping: dict[str, str]) -> str | None:
    """A message for the user when no column is mapped to the date, else None."""
    if "date" in mapping.values():
        return None
    names = [f"'{c}'" for c in mapping]
    shown = ", ".join(names[:10]) or "no columns"
    if len(names) > 10:
        shown += f" and {len(names) - 10} more"
    return REQUIRED_MESSAGE.format(columns=shown)


def _profile_from_dict(data: dict[str, Any]) -> MappingProfile:
    if not isinstance(data, dict) or not str(data.get("name", "")).strip():
        raise ValueError("a mapping profile needs a name")
    columns = {str(k): str(v) for k, v in dict(data.get("columns", {})).items()}
    bad = sorted({v for v in columns.values() if v not in FIELDS})
    if bad:
        raise ValueError(f"unknown field(s) in mapping profile: {', '.join(bad)}")
    vocabulary = {str(k): str(v) for k, v in dict(data.get("type_vocabulary", {})).items()}
    known = {t.value for t in EntryType}
    bad = sorted({v for v in vocabulary.values() if v not in known})
    if bad:
        raise ValueError(f"unknown entry type(s) in mapping profile: {', '.join(bad)}")
    return MappingProfile(
        name=str(data["name"]).strip(),
        agency=str(data.get("agency", "")),
        columns=columns,
        day_first=bool(data.get("day_first", True)),
        type_vocabulary=vocabulary,
        match_headers=[str(h) for h in data.get("match_headers", [])],
    )


def profile_to_json(profile: MappingProfile) -> str:
    """The profile as JSON text, for the workspace's mapping_profiles table."""
    return json.dumps(asdict(profile), ensure_ascii=False, indent=2)


def profile_from_json(text: str) -> MappingProfile:
    """A profile from its JSON text (raises ValueError when it is not a valid profile)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not a mapping profile: {exc.msg}") from None
    return _profile_from_dict(data)


_SHIPPED: list[MappingProfile] | None = None


def shipped_profiles() -> list[MappingProfile]:
    """The profiles that come with the app (resources/profiles/*.json), sorted by name."""
    global _SHIPPED
    if _SHIPPED is None:
        profiles = []
        folder = resources.files("resources.profiles")
        for item in folder.iterdir():
            if item.name.endswith(".json"):
                try:
                    profiles.append(profile_from_json(item.read_text(encoding="utf-8")))
                except ValueError:
                    log.exception("shipped mapping profile %s is invalid", item.name)
        _SHIPPED = sorted(profiles, key=lambda p: p.name)
    return [
        MappingProfile(
            p.name,
            p.agency,
            dict(p.columns),
            p.day_first,
            dict(p.type_vocabulary),
            list(p.match_headers),
        )
        for p in _SHIPPED
    ]


def best_profile(
    columns: Iterable[str], profiles: Iterable[MappingProfile] | None = None
) -> MappingProfile | None:
    """The profile whose match_headers are all among the columns (the most specific one)."""
    present = {normalise_header(c) for c in columns}
    best: MappingProfile | None = None
    for profile in shipped_profiles() if profiles is None else profiles:
        needed = {normalise_header(h) for h in profile.match_headers}
        if needed and needed <= present and (best is None or len(needed) > len(best.match_headers)):
            best = profile
    return best


# File-name words -> a readable agency name, most specific first.
_AGENCY_BY_FILE_NAME: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{pattern})\b"), agency)
    for pattern, agency in (
        (r"previous chronology|old chronology|chronology", "Previous chronology"),
        (r"health visit\w*|hv", "Health visiting"),
        (r"police|constabulary|incident log|ppn", "Police"),
        (r"nursery|early years|eyfs|pre school|preschool", "Nursery"),
        (r"school|education", "School"),
        (r"gp|surgery|general practice", "GP"),
        (r"hospital|paediatric\w*|clinic|camhs|health|nhs", "Health"),
        (r"housing", "Housing"),
        (r"probation", "Probation"),
        (
            r"social care|social work|case notes?|csc|childrens services|children s services"
            r"|mosaic|liquidlogic|lcs|eclipse|mash",
            "Children's social care",
        ),
    )
)


# Words that make a name an organisation's rather than a person's or a program's.
_ORGANISATION_WORDS = re.compile(
    r"\b(?:council|trust|services?|team|police|constabulary|school|academy|college|nursery|"
    r"clinic|hospital|surgery|practice|nhs|health|centre|center|department|unit|agency|"
    r"authority|partnership|charity|housing|probation|camhs|social care|children s)\b"
)
# Calendar names that say nothing about whose calendar it is.
_GENERIC_CALENDAR_NAMES = frozenset(
    ("calendar", "my calendar", "default", "personal", "home", "work", "untitled", "events")
)


def agency_from_words(text: str) -> str | None:
    """A readable agency for a name that says who it is ("Health Visiting Team" -> Health
    visiting), the name itself when it reads as an organisation's, else None (a person's name,
    a program's)."""
    words = normalise_header(text.replace("_", " "))
    if not words:
        return None
    for pattern, agency in _AGENCY_BY_FILE_NAME:
        if pattern.search(words):
            return agency
    if _ORGANISATION_WORDS.search(words):
        return " ".join(text.split())
    return None


def reads_as_organisation(text: str) -> bool:
    """True when a name says it is an organisation's (a team, a service, a clinic...)."""
    return agency_from_words(text) is not None


def calendar_agency(
    calendar_name: str, organisers: Iterable[str], product: str
) -> AgencySuggestion | None:
    """The agency a calendar says it is from: its name, its organiser, or its PRODID's owner.

    Only a name that reads as an organisation's is taken from the organiser (usually a person)
    and from PRODID (usually the program that wrote the file); the calendar's own name is taken
    as it is unless it is a generic one. Always a suggestion: the worker confirms it.
    """
    name = " ".join(calendar_name.split())
    if name and reads_as_organisation(name):
        return AgencySuggestion(name, f"the calendar's name '{name}' (X-WR-CALNAME)")
    for organiser in organisers:
        if reads_as_organisation(organiser):
            return AgencySuggestion(organiser, f"the events' organiser '{organiser}'")
    parts = [p.strip() for p in product.split("//")]
    owner = parts[1] if len(parts) > 1 else ""
    if owner and reads_as_organisation(owner):
        return AgencySuggestion(owner, f"the calendar's PRODID '{product}'")
    if name and normalise_header(name) not in _GENERIC_CALENDAR_NAMES:
        return AgencySuggestion(name, f"the calendar's name '{name}' (X-WR-CALNAME)")
    return None


def suggest_agency(
    profile: MappingProfile | None, file_name: str, found: AgencySuggestion | None = None
) -> AgencySuggestion:
    """The agency when no column gives one: the profile's, what the file says, its name."""
    if profile is not None and profile.agency:
        return AgencySuggestion(profile.agency, f"the mapping profile '{profile.name}'", False)
    if found is not None:
        return found
    stem = Path(file_name).stem
    known = agency_from_words(stem)
    if known and known != " ".join(stem.replace("_", " ").split()):
        return AgencySuggestion(known, f"the file name '{file_name}'")
    readable = " ".join(re.sub(r"[_\-.]+", " ", stem).split())
    name = readable[:1].upper() + readable[1:] if readable else "Unknown source"
    return AgencySuggestion(name, f"the file name '{file_name}'")


def default_agency(profile: MappingProfile | None, file_name: str, values: Any = None) -> str:
    """A readable agency name when no column gives one: the profile's, else from the file name."""
    return suggest_agency(profile, file_name).name


__all__ = [
    "HEADER_SYNONYMS",
    "AgencySuggestion",
    "MappingProfile",
    "agency_from_words",
    "best_profile",
    "calendar_agency",
    "column_names",
    "default_agency",
    "detect_mapping",
    "find_header_row",
    "header_score",
    "is_date_header",
    "is_excluded_date_header",
    "looks_like_header",
    "missing_required",
    "normalise_header",
    "profile_from_json",
    "profile_to_json",
    "shipped_profiles",
    "suggest_agency",
]
