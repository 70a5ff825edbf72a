"""The FHIR reader: appointments and encounters in UK local time, one patient at a time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chronology.importers import fhir_reader
from chronology.importers.fhir_reader import MultiplePatients
from chronology.importers.records import FileRefused, Progress, ReaderInfo, SourceRecord
from chronology.models import Precision

DATA = Path(__file__).resolve().parent.parent / "data" / "fhir"


def _read(name: str | Path, patient: str | None = None) -> tuple[ReaderInfo, list[SourceRecord]]:
    path = name if isinstance(name, Path) else DATA / name
    items = list(fhir_reader.read(path, patient=patient))
    assert isinstance(items[0], ReaderInfo)
    assert isinstance(items[-1], Progress)
    return items[0], [i for i in items if isinstance(i, SourceRecord)]


def _local(record: SourceRecord) -> str:
    assert record.date is not None, record.problem
    return (
        f"{record.date.iso_date} {record.date.hhmm}" if record.date.hhmm else record.date.iso_date
    )


def _by_ref(records: list[SourceRecord]) -> dict[str, SourceRecord]:
    return {r.values["reference"]: r for r in records}


def _write_json(tmp_path: Path, document: Any, name: str = "file.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


# --- a searchset Bundle ------------------------------------------------------------------------


def test_searchset_appointments_are_in_uk_local_time() -> None:
    info, records = _read("searchset.json")
    assert info.format == "fhir"
    got = _by_ref(records)
    assert _local(got["Appointment/appt-1"]) == "2024-07-09 14:30"  # 13:30 UTC in BST
    assert _local(got["Appointment/appt-2"]) == "2024-01-25 11:00"  # GMT: no change
    assert _local(got["Appointment/appt-3"]) == "2024-10-10 09:15"  # +01:00 offset
    assert got["Appointment/appt-1"].values["end"] == "09/07/2024 15:15"
    assert "UTC" in got["Appointment/appt-1"].date.assumption


def test_statuses_become_outcomes_and_cancelled_flags() -> None:
    _, records = _read("searchset.json")
    got = _by_ref(records)
    assert got["Appointment/appt-1"].values["outcome"] == "Attended"
    assert got["Appointment/appt-1"].status == "active"
    assert got["Appointment/appt-2"].values["outcome"] == "Was Not Brought"
    assert got["Appointment/appt-2"].status == "active"
    assert got["Appointment/appt-3"].status == "cancelled"
    assert "staff sickness" in got["Appointment/appt-3"].values["text"]


def test_names_are_resolved_from_referenced_resources() -> None:
    info, records = _read("searchset.json")
    appt = _by_ref(records)["Appointment/appt-1"]
    assert appt.values["author"] == "Dr Amara Oduya"
    assert appt.values["location"] == "Willowbrook Child Development Centre"
    assert appt.values["summary"] == "Paediatric review: sleep and feeding"
    assert "Community paediatrics" in appt.values["text"]
    assert "weight improving" in appt.values["text"]
    assert appt.values["type"] == "Appointment"
    assert appt.key == "Appointment/appt-1"
    assert appt.raw["id"] == "appt-1"
    assert appt.mapped is True
    assert any("Sam Fenwick" in n for n in info.notes)


def test_appointment_without_start_is_yielded_with_a_problem() -> None:
    _, records = _read("searchset.json")
    proposed = _by_ref(records)["Appointment/appt-4"]
    assert proposed.problem == "no start time"
    assert proposed.date is None


def test_encounter_reads_period_class_type_and_provider() -> None:
    _, records = _read("searchset.json")
    enc = _by_ref(records)["Encounter/enc-1"]
    # 00:30 UTC on the night the clocks went forward is still 00:30 GMT.
    assert _local(enc) == "2024-03-31 00:30"
    assert enc.values["end"] == "31/03/2024 03:10"
    assert enc.values["summary"] == "Emergency department attendance"
    assert enc.values["type"] == "Encounter: emergency"
    assert enc.values["agency"] == "Willowbrook General Hospital"
    assert "head bump" in enc.values["text"]
    assert enc.values["outcome"] == "Attended"


def test_records_keep_file_order_and_entry_numbers() -> None:
    _, records = _read("searchset.json")
    assert [r.row for r in records] == [4, 5, 6, 7, 8]  # entries 1-3 are Patient, Location...


# --- NDJSON ------------------------------------------------------------------------------------


def test_ndjson_reads_one_resource_a_line() -> None:
    info, records = _read("appointments.ndjson")
    assert [r.row for r in records] == [2, 4, 5]  # line numbers; line 3 is blank
    assert [_local(r) for r in records] == ["2024-11-18 11:15", "2024-06-04 10:30", "2024-02-12"]
    assert records[2].date.precision == Precision.DAY
    assert records[1].values["outcome"] == "Arrived"
    assert any("NDJSON" in n for n in info.notes)


def test_ndjson_with_a_broken_line_names_it(tmp_path: Path) -> None:
    path = tmp_path / "bad.ndjson"
    path.write_text(
        '{"resourceType": "Appointment", "start": "2024-01-01T10:00:00Z"}\n'
        '{"resourceType": "Appointment", "start": \n',
        encoding="utf-8",
    )
    with pytest.raises(FileRefused, match="line 2"):
        _read(path)


# --- patients ----------------------------------------------------------------------------------


def test_two_patients_ask_which_one() -> None:
    with pytest.raises(MultiplePatients) as caught:
        _read("two_patients.json")
    error = caught.value
    assert isinstance(error, FileRefused)
    names = sorted(name for _, name in error.patients)
    assert names == ["Alex Fenwick", "Sam Fenwick"]
    assert "2 patients" in str(error) and "which" in str(error)
    assert all(ref.startswith("urn:uuid:") for ref, _ in error.patients)


def test_choosing_a_patient_imports_only_their_records() -> None:
    with pytest.raises(MultiplePatients) as caught:
        _read("two_patients.json")
    sam = next(ref for ref, name in caught.value.patients if name == "Sam Fenwick")
    info, records = _read("two_patients.json", patient=sam)
    assert [r.values["summary"] for r in records] == ["Sam: eye test", "GP consultation"]
    assert any("left out" in n for n in info.notes)


def test_choosing_an_unknown_patient_is_refused() -> None:
    with pytest.raises(FileRefused, match="no records of patient 'Patient/nobody'"):
        _read("two_patients.json", patient="Patient/nobody")


# --- a booking message -------------------------------------------------------------------------


def test_booking_message_uses_the_appointment_time_and_notes_the_slot() -> None:
    info, records = _read("booking_message.json")
    (appt,) = records
    assert _local(appt) == "2024-02-06 12:15"
    assert any("05/02/2024 10:00" in n and "appointment's own start" in n for n in appt.notes)
    assert any("booking-request" in n and "Willowbrook NHS 111" in n for n in info.notes)


# --- refusals and odd resources ----------------------------------------------------------------


def test_json_that_is_not_fhir_is_refused() -> None:
    with pytest.raises(FileRefused, match="^not a FHIR file: "):
        _read("not_fhir.json")


def test_invalid_json_names_the_line() -> None:
    with pytest.raises(FileRefused, match="line 6, column 5"):
        _read("broken.json")


def test_text_file_and_empty_file_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.json"
    text.write_text("Date,Note\n01/02/2024,visit\n", encoding="utf-8")
    with pytest.raises(FileRefused, match="not a FHIR file: it is not JSON"):
        _read(text)
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(FileRefused, match="empty"):
        _read(empty)


def test_file_with_only_a_patient_has_nothing_to_import(tmp_path: Path) -> None:
    path = _write_json(tmp_path, {"resourceType": "Patient", "id": "p"})
    with pytest.raises(FileRefused, match="no appointments or encounters.*Patient"):
        _read(path)


def test_single_resource_file(tmp_path: Path) -> None:
    path = _write_json(
        tmp_path,
        {
            "resourceType": "Appointment",
            "id": "solo",
            "status": "booked",
            "start": "2024-12-16T11:00:00Z",
            "participant": [{"actor": {"reference": "Patient/9", "display": "Sam Fenwick"}}],
        },
    )
    info, records = _read(path)
    assert [(r.row, _local(r), r.values["outcome"]) for r in records] == [
        (1, "2024-12-16 11:00", "Booked")
    ]
    assert records[0].values["summary"] == "Appointment"
    assert any("Sam Fenwick" in n for n in info.notes)


def test_entered_in_error_goes_to_quarantine(tmp_path: Path) -> None:
    path = _write_json(
        tmp_path,
        {
            "resourceType": "Encounter",
            "status": "entered-in-error",
            "period": {"start": "2024-01-02"},
        },
    )
    _, (record,) = _read(path)
    assert record.problem is not None and "entered-in-error" in record.problem


def test_start_without_offset_is_uk_time_with_a_note(tmp_path: Path) -> None:
    path = _write_json(
        tmp_path,
        {"resourceType": "Appointment", "status": "booked", "start": "2024-07-01T09:00:00"},
    )
    _, (record,) = _read(path)
    assert _local(record) == "2024-07-01 09:00"
    assert any("no time zone" in n for n in record.notes)


def test_unreadable_start_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = _write_json(
        tmp_path, {"resourceType": "Appointment", "status": "booked", "start": "next Tuesday"}
    )
    _, (record,) = _read(path)
    assert record.date is None
    assert "next Tuesday" in (record.problem or "")


def test_resource_of_unexpected_shape_is_quarantined_not_a_crash(tmp_path: Path) -> None:
    path = _write_json(
        tmp_path,
        {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [
                {"resource": {"resourceType": "Encounter", "period": "2024-01-01"}},
                {"resource": {"resourceType": "Encounter", "period": {"start": {"x": 1}}}},
                {"resource": {"resourceType": "Appointment", "start": 20240101}},
            ],
        },
    )
    _, records = _read(path)
    assert len(records) == 3
    assert all(r.problem and r.date is None for r in records)
