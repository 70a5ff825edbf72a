"""FHIR R4 reader: Appointments and Encounters from a Bundle, one resource or NDJSON, in UK time."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from chronology.dates import DateValue, UnreadableDate, from_datetime, parse_date
from chronology.importers.limits import load_json
from chronology.importers.records import FileRefused, Progress, ReaderInfo, SourceRecord

log = logging.getLogger(__name__)

FORMAT = "fhir"
PROGRESS_EVERY = 1000
UK = ZoneInfo("Europe/London")
RECORD_TYPES = ("Appointment", "Encounter")
PEOPLE_TYPES = ("Practitioner", "PractitionerRole", "RelatedPerson", "Device")

# Appointment.status -> (record status, outcome).
_APPOINTMENT_STATUS: dict[str, tuple[str, str]] = {
    "proposed": ("active", "Proposed"),
    "pending": ("active", "Pending"),
    "booked": ("active", "Booked"),
    "arrived": ("active", "Arrived"),
    "checked-in": ("active", "Arrived"),
    "fulfilled": ("active", "Attended"),
    "noshow": ("active", "Was Not Brought"),
    "cancelled": ("cancelled", "Cancelled"),
    "waitlist": ("active", "Waiting list"),
}
# Encounter.status (R4) -> (record status, outcome).
_ENCOUNTER_STATUS: dict[str, tuple[str, str]] = {
    "planned": ("active", "Planned"),
    "arrived": ("active", "Arrived"),
    "triaged": ("active", "Arrived"),
    "in-progress": ("active", "In progress"),
    "onleave": ("active", "On leave"),
    "finished": ("active", "Attended"),
    "completed": ("active", "Attended"),
    "cancelled": ("cancelled", "Cancelled"),
}
_STILL_OPEN = frozenset({"arrived", "triaged", "in-progress", "onleave"})
_YEAR = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"\d{4}-\d{2}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")


class MultiplePatients(FileRefused):
    """The file holds records of more than one patient: the user must choose one."""

    def __init__(self, patients: list[tuple[str, str]]) -> None:
        self.patients = patients
        listed = "; ".join(f"{name} ({ref})" if name != ref else ref for ref, name in patients)
        super().__init__(
            f"the file holds records of {len(patients)} patients ({listed}): "
            "which patient's records should be imported? choose with --patient REF"
        )


@dataclass
class _Resource:
    position: int  # entry number in a Bundle, line number in NDJSON, 1 for a lone resource
    body: dict[str, Any]
    full_url: str = ""

    @property
    def type(self) -> str:
        return str(self.body.get("resourceType", ""))

    @property
    def ref(self) -> str:
        """The canonical reference: Type/id, or the fullUrl when there is no id."""
        rid = self.body.get("id")
        return f"{self.type}/{rid}" if rid else self.full_url


@dataclass
class _Index:
    """Every resource of the file by each name a reference may use for it."""

    by_ref: dict[str, _Resource] = field(default_factory=dict)

    def add(self, res: _Resource) -> None:
        for name in (res.full_url, res.ref):
            if name:
                self.by_ref.setdefault(name, res)

    def find(self, reference: str) -> _Resource | None:
        if not reference:
            return None
        found = self.by_ref.get(reference)
        if found is None and "/" in reference and not reference.startswith("urn:"):
            parts = reference.rstrip("/").split("/")
            if "_history" in parts:
                parts = parts[: parts.index("_history")]
            found = self.by_ref.get("/".join(parts[-2:]))
        return found


def read(path: Path, patient: str | None = None) -> Iterator[ReaderInfo | SourceRecord | Progress]:
    """Read a FHIR file: a ReaderInfo, then one record per Appointment or Encounter."""
    text, encoding = _decode(Path(path).read_bytes())
    resources, info = _load(text, encoding)
    index = _Index()
    for res in resources:
        index.add(res)
    records = [r for r in resources if r.type in RECORD_TYPES and not r.full_url.startswith("#")]
    _describe(resources, info, index)
    if not records:
        kinds = _counts(resources)
        raise FileRefused(
            "the FHIR file holds no appointments or encounters"
            + (f" (only {kinds})" if kinds else "")
        )
    owners = {id(r.body): _patient_of(r, index) for r in records}
    patients: dict[str, str] = {}
    for owner in owners.values():
        if owner is not None:
            patients.setdefault(owner[0], owner[1])
    chosen: str | None = None
    if patient:
        chosen = _match_patient(patient, patients, index)
        left_out = sum(1 for r in records if (owners[id(r.body)] or ("",))[0] != chosen)
        records = [r for r in records if (owners[id(r.body)] or ("",))[0] == chosen]
        info.notes.append(f"records of {patients[chosen]} ({chosen}) only")
        if left_out:
            info.notes.append(f"{left_out} record(s) of other patients, or naming none, left out")
    elif len(patients) > 1:
        raise MultiplePatients(sorted(patients.items(), key=lambda p: p[1].lower()))
    elif patients:
        ref, name = next(iter(patients.items()))
        info.notes.append(f"patient: {name} ({ref})")
    yield info
    for done, res in enumerate(records, 1):
        try:
            yield _record(res, index)
        except (AttributeError, TypeError, ValueError) as exc:  # a resource of unexpected shape
            log.info("%s at position %d could not be read: %s", res.type, res.position, exc)
            yield SourceRecord(
                row=res.position,
                values={"summary": res.type, "text": "", "type": res.type},
                raw=res.body,
                mapped=True,
                problem=f"{res.type} could not be read: its structure is not valid FHIR ({exc})",
                key=res.ref,
            )
        if done % PROGRESS_EVERY == 0:
            yield Progress(done, len(records), f"{done} FHIR resources read")
    yield Progress(len(records), len(records), f"{len(records)} FHIR resources read")


# --- reading the file --------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8 (BOM)"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace"), "windows-1252"


def _load(text: str, encoding: str) -> tuple[list[_Resource], ReaderInfo]:
    """Every resource in file order: Bundle entries (nested too), NDJSON lines or one resource."""
    info = ReaderInfo(format=FORMAT, encoding=encoding)
    stripped = text.strip()
    if not stripped:
        raise FileRefused("not a FHIR file: the file is empty")
    if stripped[0] not in "{[":
        shown = stripped.splitlines()[0][:40]
        raise FileRefused(f"not a FHIR file: it is not JSON (it begins '{shown}')")
    try:
        document = load_json(text)
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise FileRefused(
                f"not valid JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}"
            ) from None
        info.notes.append("NDJSON: one resource a line")
        return _ndjson(text), info
    if isinstance(document, list):
        items = [d for d in document if isinstance(d, dict)]
        if not items or any("resourceType" not in d for d in items):
            raise FileRefused("not a FHIR file: a JSON list whose items are not FHIR resources")
        return [_Resource(n, body) for n, body in enumerate(items, 1)], info
    if not isinstance(document, dict) or "resourceType" not in document:
        raise FileRefused("not a FHIR file: the JSON has no 'resourceType'")
    kind = document.get("resourceType")
    if kind == "OperationOutcome":
        raise FileRefused(
            f"the file is a FHIR error report (OperationOutcome): {_issues(document)}"
        )
    if kind != "Bundle":
        return _with_contained([_Resource(1, document)]), info
    info.notes.append(f"FHIR Bundle ({document.get('type', 'of unknown type')})")
    resources = _with_contained(_bundle_entries(document))
    total = document.get("total")
    matches = sum(1 for r in resources if r.type in RECORD_TYPES)
    links = document.get("link") or []
    if any(isinstance(link, dict) and link.get("relation") == "next" for link in links):
        info.notes.append("this is one page of a search result: further pages were not included")
    elif isinstance(total, int) and total > matches and document.get("type") == "searchset":
        info.notes.append(f"the search found {total} resources but the file holds {matches}")
    return resources, info


def _ndjson(text: str) -> list[_Resource]:
    resources = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            body = load_json(line)
        except json.JSONDecodeError as exc:
            raise FileRefused(
                f"not valid JSON: line {number}, column {exc.colno}: {exc.msg}"
            ) from None
        if not isinstance(body, dict) or "resourceType" not in body:
            raise FileRefused(f"not a FHIR file: line {number} is not a FHIR resource")
        if body.get("resourceType") == "Bundle":
            resources.extend(_bundle_entries(body, number))
        else:
            resources.append(_Resource(number, body))
    return _with_contained(resources)


def _bundle_entries(bundle: dict[str, Any], position: int | None = None) -> list[_Resource]:
    """The resources of a Bundle in order; a Bundle inside it is opened too."""
    out: list[_Resource] = []
    for number, entry in enumerate(bundle.get("entry") or [], 1):
        body = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(body, dict):
            continue  # e.g. a DELETE in a transaction
        where = position if position is not None else number
        if body.get("resourceType") == "Bundle":
            out.extend(_bundle_entries(body, where))
        else:
            out.append(_Resource(where, body, str(entry.get("fullUrl") or "")))
    return out


def _with_contained(resources: list[_Resource]) -> list[_Resource]:
    """Contained resources are named '#id' in their container; index them as such too."""
    out = list(resources)
    for res in resources:
        for inner in res.body.get("contained") or []:
            if isinstance(inner, dict) and inner.get("id"):
                out.append(_Resource(res.position, inner, f"#{inner['id']}"))
    return out


def _issues(outcome: dict[str, Any]) -> str:
    texts = [
        str(i.get("diagnostics") or (i.get("details") or {}).get("text") or i.get("code") or "")
        for i in outcome.get("issue") or []
        if isinstance(i, dict)
    ]
    return "; ".join(t for t in texts if t) or "no details given"


def _counts(resources: list[_Resource]) -> str:
    counts: dict[str, int] = {}
    for r in resources:
        counts[r.type] = counts.get(r.type, 0) + 1
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())


def _describe(resources: list[_Resource], info: ReaderInfo, index: _Index) -> None:
    for res in resources:
        if res.type == "MessageHeader":
            event = _coding_text(res.body.get("eventCoding")) or "message"
            sender = _name_of(index.find(_reference(res.body.get("sender"))))
            source = (res.body.get("source") or {}).get("name", "")
            who = sender or source
            info.notes.append(f"FHIR message '{event}'" + (f" from {who}" if who else ""))
    others = [r for r in resources if r.type not in RECORD_TYPES and not r.full_url.startswith("#")]
    if others:
        info.notes.append(f"read for names only: {_counts(others)}")


# --- patients ----------------------------------------------------------------------------------


def _patient_refs(res: _Resource) -> list[dict[str, Any]]:
    body = res.body
    refs = [body.get("subject"), body.get("patient")]
    for p in body.get("participant") or []:
        if isinstance(p, dict):
            refs.append(p.get("actor"))
    return [r for r in refs if isinstance(r, dict)]


def _patient_of(res: _Resource, index: _Index) -> tuple[str, str] | None:
    """The patient a record belongs to, as (canonical reference, display name)."""
    for ref in _patient_refs(res):
        reference = _reference(ref)
        target = index.find(reference)
        if target is not None and target.type == "Patient":
            return target.ref, _name_of(target) or str(ref.get("display") or target.ref)
        if target is None and _ref_type(reference, ref) == "Patient":
            canonical = "/".join(reference.rstrip("/").split("/")[-2:])
            return canonical, str(ref.get("display") or canonical)
    return None


def _match_patient(wanted: str, patients: dict[str, str], index: _Index) -> str:
    if wanted in patients:
        return wanted
    target = index.find(wanted)
    if target is not None and target.ref in patients:
        return target.ref
    for ref, name in patients.items():
        if wanted.lower() in (name.lower(), ref.split("/")[-1].lower()):
            return ref
    raise FileRefused(f"the file holds no records of patient '{wanted}'")


def _ref_type(reference: str, ref: dict[str, Any]) -> str:
    if ref.get("type"):
        return str(ref["type"])
    parts = reference.rstrip("/").split("/")
    return parts[-2] if len(parts) >= 2 and not reference.startswith("urn:") else ""


# --- building records --------------------------------------------------------------------------


def _record(res: _Resource, index: _Index) -> SourceRecord:
    body = res.body
    notes: list[str] = []
    if res.type == "Appointment":
        values, status, when_text, end_text = _appointment(res, index, notes)
    else:
        values, status, when_text, end_text = _encounter(res, index, notes)
    problem = None
    when: DateValue | None = None
    if str(body.get("status", "")) == "entered-in-error":
        problem = f"{res.type} marked 'entered-in-error' in the source system"
    if not when_text:
        problem = problem or "no start time"
    else:
        try:
            when = _date_value(when_text)
            if "T" in when_text and _instant(when_text).tzinfo is None:
                notes.append("the start has no time zone: taken as UK local time")
        except UnreadableDate as exc:
            problem = problem or f"start '{when_text}': {exc.reason}"
    ends: Any = None
    if end_text:
        try:
            values["end"] = _end_text(end_text)
            ends = _instant(end_text)
        except UnreadableDate:
            notes.append(f"end '{end_text}' could not be read")
    values.setdefault("end", "")
    # An encounter still going on has no end yet: shown as ongoing, never given a guessed end.
    ongoing = not end_text and str(body.get("status", "")).lower() in _STILL_OPEN
    return SourceRecord(
        row=res.position,
        values=values,
        raw=body,
        mapped=True,
        date=None if problem else when,
        problem=problem,
        status=status,
        key=res.ref or _identifier(body),
        notes=notes,
        end=ends,
        ongoing=ongoing,
    )


def _appointment(
    res: _Resource, index: _Index, notes: list[str]
) -> tuple[dict[str, Any], str, str, str]:
    body = res.body
    code = str(body.get("status", "")).lower()
    status, outcome = _APPOINTMENT_STATUS.get(code, ("active", code.capitalize()))
    kinds = [
        _concepts_text(body.get("serviceType")),
        _concept_text(body.get("appointmentType")),
        _concepts_text(body.get("serviceCategory")),
        _concepts_text(body.get("specialty")),
    ]
    kind = next((k for k in kinds if k), "")
    description = str(body.get("description") or "").strip()
    lines = [description]
    for label, value in (
        ("Type", ", ".join(k for k in kinds[:2] if k)),
        ("Reason", _concepts_text(body.get("reasonCode"))),
        ("Comment", str(body.get("comment") or "").strip()),
        ("Patient instruction", str(body.get("patientInstruction") or "").strip()),
        ("Cancellation reason", _concept_text(body.get("cancelationReason"))),
    ):
        if value:
            lines.append(f"{label}: {value}")
    authors, locations, agencies = _participants(body.get("participant") or [], index, "actor")
    if not (authors or locations or agencies):
        authors, locations, agencies = _from_schedule(body, index)
        if authors or locations or agencies:
            notes.append("who and where taken from the booked slot's schedule")
    start = str(body.get("start") or "")
    _check_slots(body, start, index, notes)
    summary = description or kind or "Appointment"
    values = {
        "summary": summary,
        "text": "\n".join(t for t in lines if t) or summary,
        "type": "Appointment",
        "outcome": outcome,
        "author": "; ".join(authors),
        "location": "; ".join(locations),
        "agency": "; ".join(agencies),
        "reference": _agency_reference(res),
    }
    return values, status, start, str(body.get("end") or "")


def _encounter(
    res: _Resource, index: _Index, notes: list[str]
) -> tuple[dict[str, Any], str, str, str]:
    body = res.body
    code = str(body.get("status", "")).lower()
    status, outcome = _ENCOUNTER_STATUS.get(code, ("active", code.capitalize()))
    enc_class = body.get("class")
    if isinstance(enc_class, list):  # R5 has a list of CodeableConcepts
        class_text = _concepts_text(enc_class)
    else:
        class_text = _coding_text(enc_class)
    kind = _concepts_text(body.get("type")) or _concept_text(body.get("serviceType"))
    reason = _concepts_text(body.get("reasonCode")) or _concepts_text(body.get("reason"))
    lines = [kind]
    for label, value in (("Class", class_text), ("Reason", reason)):
        if value:
            lines.append(f"{label}: {value}")
    authors, locations, agencies = _participants(body.get("participant") or [], index, "individual")
    for loc in body.get("location") or []:
        name = _display(loc.get("location") if isinstance(loc, dict) else None, index)
        if name and name not in locations:
            locations.append(name)
    provider = _display(body.get("serviceProvider"), index)
    if provider and provider not in agencies:
        agencies.insert(0, provider)
    period = body.get("period") or body.get("actualPeriod") or {}
    if not isinstance(period, dict):
        period = {}
    summary = kind or (f"Encounter ({class_text})" if class_text else "Encounter")
    values = {
        "summary": summary,
        "text": "\n".join(t for t in lines if t) or summary,
        "type": f"Encounter: {class_text}" if class_text else "Encounter",
        "outcome": outcome,
        "author": "; ".join(authors),
        "location": "; ".join(locations),
        "agency": "; ".join(agencies),
        "reference": _agency_reference(res),
    }
    return values, status, str(period.get("start") or ""), str(period.get("end") or "")


def _participants(
    participants: list[Any], index: _Index, key: str
) -> tuple[list[str], list[str], list[str]]:
    """Names of the people, places and services taking part (patients left out)."""
    authors: list[str] = []
    locations: list[str] = []
    agencies: list[str] = []
    for p in participants:
        ref = p.get(key) or p.get("actor") if isinstance(p, dict) else None
        if not isinstance(ref, dict):
            continue
        target = index.find(_reference(ref))
        kind = target.type if target else _ref_type(_reference(ref), ref)
        name = _display(ref, index)
        if not name or kind == "Patient":
            continue
        bucket = (
            locations
            if kind == "Location"
            else agencies
            if kind in ("HealthcareService", "Organization")
            else authors
        )
        if name not in bucket:
            bucket.append(name)
        if target is not None and kind == "HealthcareService":
            for place in target.body.get("location") or []:
                where = _display(place, index)
                if where and where not in locations:
                    locations.append(where)
    return authors, locations, agencies


def _from_schedule(body: dict[str, Any], index: _Index) -> tuple[list[str], list[str], list[str]]:
    """The people, places and services of the Schedule that the booked Slot belongs to."""
    for slot_ref in body.get("slot") or []:
        slot = index.find(_reference(slot_ref))
        schedule = index.find(_reference(slot.body.get("schedule"))) if slot else None
        if schedule is not None:
            actors = [{"actor": a} for a in schedule.body.get("actor") or []]
            return _participants(actors, index, "actor")
    return [], [], []


def _check_slots(body: dict[str, Any], start: str, index: _Index, notes: list[str]) -> None:
    """Note when the booked Slot gives another time than the appointment itself."""
    for slot_ref in body.get("slot") or []:
        slot = index.find(_reference(slot_ref))
        if slot is None or not slot.body.get("start") or not start:
            continue
        try:
            own, booked = _instant(start), _instant(str(slot.body["start"]))
        except UnreadableDate:
            continue
        if own != booked:
            notes.append(
                f"the booked slot starts at {_shown(booked)} but the appointment says "
                f"{_shown(own)}: the appointment's own start was used"
            )


# --- names -------------------------------------------------------------------------------------


def _reference(ref: Any) -> str:
    return str(ref.get("reference") or "") if isinstance(ref, dict) else ""


def _display(ref: Any, index: _Index) -> str:
    if not isinstance(ref, dict):
        return ""
    return str(ref.get("display") or "").strip() or _name_of(index.find(_reference(ref)), index)


def _name_of(res: _Resource | None, index: _Index | None = None) -> str:
    """A resource's human name (Patient, Practitioner) or its name (Location, Organization)."""
    if res is None:
        return ""
    body = res.body
    name = body.get("name")
    if isinstance(name, str):
        return name.strip()
    if isinstance(name, list) and name:
        chosen = next((n for n in name if isinstance(n, dict) and n.get("use") == "official"), None)
        return _human_name(chosen or name[0])
    if res.type == "PractitionerRole":
        person = _display(body.get("practitioner"), index or _Index())
        return person or _concepts_text(body.get("code"))
    return ""


def _human_name(name: Any) -> str:
    if not isinstance(name, dict):
        return ""
    if name.get("text"):
        return str(name["text"]).strip()
    parts = [*(name.get("prefix") or []), *(name.get("given") or []), name.get("family") or ""]
    return " ".join(str(p) for p in parts if p).strip()


def _agency_reference(res: _Resource) -> str:
    """The source system's reference for a record: its business identifier, else Type/id."""
    for ident in res.body.get("identifier") or []:
        if isinstance(ident, dict) and str(ident.get("value") or "").strip():
            return str(ident["value"]).strip()
    return res.ref


def _identifier(body: dict[str, Any]) -> str:
    for ident in body.get("identifier") or []:
        if isinstance(ident, dict) and ident.get("value"):
            return f"{ident.get('system', '')}|{ident['value']}"
    return ""


def _coding_text(coding: Any) -> str:
    if not isinstance(coding, dict):
        return ""
    return str(coding.get("display") or coding.get("code") or "").strip()


def _concept_text(concept: Any) -> str:
    if not isinstance(concept, dict):
        return ""
    if concept.get("text"):
        return str(concept["text"]).strip()
    if isinstance(concept.get("concept"), dict):  # R5 CodeableReference
        return _concept_text(concept["concept"])
    for coding in concept.get("coding") or []:
        text = _coding_text(coding)
        if text:
            return text
    return ""


def _concepts_text(concepts: Any) -> str:
    if isinstance(concepts, dict):
        return _concept_text(concepts)
    texts = [_concept_text(c) for c in concepts or []]
    return ", ".join(t for t in texts if t)


# --- dates -------------------------------------------------------------------------------------


def _instant(text: str) -> dt.datetime | dt.date:
    """A FHIR date or dateTime as a Python date or datetime (aware when it has an offset)."""
    text = text.strip()
    try:
        if _DAY.fullmatch(text):
            return dt.date.fromisoformat(text)
        if _DATETIME.fullmatch(text):
            return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    raise UnreadableDate(f"'{text}' is not a FHIR date-time")


def _date_value(text: str) -> DateValue:
    text = text.strip()
    if _YEAR.fullmatch(text) or _YEAR_MONTH.fullmatch(text):
        return parse_date(text)  # a year or month: kept at that precision
    return from_datetime(_instant(text), text)


def _end_text(text: str) -> str:
    value = _instant(text)
    if isinstance(value, dt.datetime):
        local = value.astimezone(UK) if value.tzinfo is not None else value
        return local.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


def _shown(value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        local = value.astimezone(UK) if value.tzinfo is not None else value
        return local.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


__all__ = ["MultiplePatients", "read"]
