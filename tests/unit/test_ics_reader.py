"""The calendar reader: events and occurrences in UK local time, as a social worker relies on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chronology.importers import ics_reader
from chronology.importers.records import FileRefused, Progress, ReaderInfo, SourceRecord
from chronology.models import Precision

DATA = Path(__file__).resolve().parent.parent / "data" / "ics"


def _read(name: str | Path) -> tuple[ReaderInfo, list[SourceRecord], list[Progress]]:
    path = name if isinstance(name, Path) else DATA / name
    items = list(ics_reader.read(path))
    assert isinstance(items[0], ReaderInfo)
    records = [i for i in items if isinstance(i, SourceRecord)]
    progress = [i for i in items if isinstance(i, Progress)]
    return items[0], records, progress


def _local(record: SourceRecord) -> str:
    """The record's UK local date and time as 'YYYY-MM-DD HH:MM' (or just the date)."""
    assert record.date is not None, record.problem
    return (
        f"{record.date.iso_date} {record.date.hhmm}" if record.date.hhmm else record.date.iso_date
    )


def _row(records: list[SourceRecord], row: int) -> list[SourceRecord]:
    return [r for r in records if r.row == row]


def _write(tmp_path: Path, text: str, name: str = "cal.ics") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _calendar(*events: str, head: str = "") -> str:
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Test//EN\n{head}{body}END:VCALENDAR\n"


# --- an Outlook export with a Europe/London VTIMEZONE ------------------------------------------


def test_outlook_times_are_uk_local_in_gmt_and_bst_months() -> None:
    info, records, _ = _read("outlook_london.ics")
    assert info.format == "ics"
    assert _local(_row(records, 1)[0]) == "2024-01-15 10:00"
    assert _local(_row(records, 2)[0]) == "2024-07-10 14:30"
    assert _row(records, 1)[0].date.assumption == ""  # already UK time: nothing to convert
    assert _row(records, 1)[0].date.original == "DTSTART;TZID=Europe/London:20240115T100000"


def test_weekly_series_keeps_ten_o_clock_across_the_march_clock_change() -> None:
    _, records, _ = _read("outlook_london.ics")
    series = _row(records, 3)
    # COUNT=6 from Friday 15 March, minus the EXDATE on Good Friday 29 March; 12 April is moved
    # (row 4) and 19 April cancelled (row 5), so the master row keeps three occurrences.
    assert [_local(r) for r in series] == [
        "2024-03-15 10:00",
        "2024-03-22 10:00",
        "2024-04-05 10:00",  # BST by now: still 10:00 on the wall clock
    ]
    assert all("occurrence" in " ".join(r.notes) for r in series)
    everything = [r for r in records if r.values["reference"] == "fict-0003@willowbrook.example"]
    assert len(everything) == 5
    assert "2024-03-29" not in {r.date.iso_date for r in everything}
    assert len({r.key for r in everything}) == 5


def test_moved_occurrence_replaces_the_original_slot() -> None:
    _, records, _ = _read("outlook_london.ics")
    (moved,) = _row(records, 4)
    assert _local(moved) == "2024-04-13 11:30"
    assert moved.values["location"] == "Willowbrook Library"
    assert any("moved from 12/04/2024 10:00" in n for n in moved.notes)
    assert "2024-04-12" not in {r.date.iso_date for r in records if r.date}


def test_cancelled_event_and_cancelled_occurrence_are_kept_and_flagged() -> None:
    _, records, _ = _read("outlook_london.ics")
    (occurrence,) = _row(records, 5)
    assert occurrence.status == "cancelled"
    assert _local(occurrence) == "2024-04-19 10:00"
    (dental,) = _row(records, 6)
    assert dental.status == "cancelled"
    assert dental.values["outcome"] == "Cancelled"
    assert _local(dental) == "2024-05-02 09:00"
    assert sum(r.status == "cancelled" for r in records) == 2


def test_multi_day_all_day_event_is_one_record_ending_on_its_last_day() -> None:
    _, records, _ = _read("outlook_london.ics")
    (stay,) = _row(records, 7)
    assert stay.date.precision == Precision.DAY
    assert stay.date.time is None
    assert stay.date.start == dt.date(2024, 5, 20)
    assert stay.date.end == dt.date(2024, 5, 22)  # DTEND 23/05 is exclusive
    assert stay.values["end"] == "22/05/2024"


def test_utc_event_in_summer_is_shown_an_hour_later_in_bst() -> None:
    _, records, _ = _read("outlook_london.ics")
    (call,) = _row(records, 8)
    assert _local(call) == "2024-06-11 09:30"
    assert "UTC" in call.date.assumption
    assert call.values["end"] == "11/06/2024 10:00"


def test_fields_are_unescaped_and_mapped() -> None:
    info, records, _ = _read("outlook_london.ics")
    first = _row(records, 1)[0]
    assert first.mapped is True
    assert first.values["summary"] == "Health visitor review"
    assert first.values["text"] == (
        "Weight check, feeding plan reviewed.\nMum asked about nursery places."
    )
    assert first.values["location"] == "Willowbrook Clinic, Room 4"
    assert first.values["type"] == "Health visiting"
    assert first.values["author"] == "Priya Natt"
    assert first.values["reference"] == "fict-0001@willowbrook.example"
    assert first.values["end"] == "15/01/2024 10:45"
    assert first.key == "fict-0001@willowbrook.example"
    assert "BEGIN:VEVENT" in first.raw and "Health visitor review" in first.raw
    # An empty DESCRIPTION falls back to the SUMMARY; no CATEGORIES means "Appointment".
    second = _row(records, 2)[0]
    assert second.values["text"] == "Paediatric clinic"
    assert second.values["type"] == "Appointment"
    # The VTODO is not an event and the VALARM is not a record.
    assert len(records) == 10
    assert any("VTODO" in n for n in info.notes)


def test_records_come_in_file_order_with_progress_at_the_end() -> None:
    _, records, progress = _read("outlook_london.ics")
    assert [r.row for r in records] == sorted(r.row for r in records)
    assert progress and progress[-1].done == len(records)


# --- time zones --------------------------------------------------------------------------------


def test_windows_zone_names_without_vtimezone() -> None:
    _, records, _ = _read("windows_zones.ics")
    gmt_standard, berlin, floating, unknown = records
    assert _local(gmt_standard) == "2024-07-10 10:00"  # "GMT Standard Time" is UK time (BST)
    assert gmt_standard.values["end"] == "10/07/2024 11:30"
    assert _local(berlin) == "2024-07-10 09:00"  # 10:00 in Cologne is 09:00 in London
    assert "Europe/Berlin" in berlin.date.assumption
    assert _local(floating) == "2024-01-10 09:15"  # no zone: UK local time
    assert _local(unknown) == "2024-01-10 16:15"
    assert any("Somewhere/Else" in n for n in unknown.notes)


def test_google_x_wr_timezone_keeps_wall_clock_time_of_a_utc_series() -> None:
    info, records, _ = _read("google_xwr.ics")
    contact = _row(records, 1)
    # Written in UTC, but the calendar's zone is Europe/London: 10:00 every week, BST or not.
    assert [_local(r) for r in contact] == [
        "2024-03-22 10:00",
        "2024-03-29 10:00",
        "2024-04-05 10:00",
    ]
    assert _local(_row(records, 2)[0]) == "2024-08-01 14:00"
    assert any("X-WR-TIMEZONE" in n for n in info.notes)


# --- repeating events with no end, or a very long one ------------------------------------------


def test_series_without_end_is_expanded_one_year_and_says_so() -> None:
    info, records, _ = _read("open_series.ics")
    weekly = _row(records, 1)
    assert len(weekly) == 53  # every Monday from 1 January 2024 up to 1 January 2025
    assert weekly[-1].date.start == dt.date(2024, 12, 30)
    assert any("no end" in n and "01/01/2025" in n for n in info.notes)


def test_long_series_is_capped_five_years_after_the_last_one_off_event() -> None:
    info, records, _ = _read("open_series.ics")
    monthly = _row(records, 3)
    assert monthly[0].date.start == dt.date(2024, 1, 5)
    assert monthly[-1].date.start <= dt.date(2029, 3, 1)
    assert len(monthly) == 62  # not the 200 the rule asks for
    assert any("beyond 05/02/2029" in n for n in info.notes)


# --- damaged and foreign files -----------------------------------------------------------------


def test_malformed_dates_everywhere_refuse_the_file_naming_the_line() -> None:
    with pytest.raises(FileRefused) as caught:
        _read("malformed.ics")
    message = str(caught.value)
    assert message.startswith("not a readable calendar:")
    assert "DTSTART '2024017T100000'" in message
    assert "line 7" in message


def test_one_bad_event_is_yielded_with_its_problem_and_the_rest_imports() -> None:
    _, records, _ = _read("one_bad_event.ics")
    good, bad_date, no_date = records
    assert _local(good) == "2024-01-17 10:00"
    assert bad_date.date is None
    assert bad_date.problem == "DTSTART '2024-02-30 10:00' on line 12 is not a date"
    assert no_date.date is None and "DTSTART" in (no_date.problem or "")
    assert bad_date.values["summary"] == "School meeting"


def test_calendar_with_only_tasks_has_no_events() -> None:
    with pytest.raises(FileRefused, match="^the calendar has no events$"):
        _read("tasks_only.ics")


def test_a_csv_renamed_to_ics_is_refused() -> None:
    with pytest.raises(FileRefused, match="not a calendar file.*Date,Worker,Note"):
        _read("not_a_calendar.ics")


def test_empty_and_binary_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FileRefused, match="empty"):
        _read(_write(tmp_path, ""))
    binary = tmp_path / "photo.ics"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(FileRefused, match="binary"):
        _read(binary)


def test_broken_exdate_is_a_note_and_the_series_still_expands(tmp_path: Path) -> None:
    text = _calendar(
        "UID:x1\nSUMMARY:Daily check-in\nDTSTART;VALUE=DATE:20240304\n"
        "RRULE:FREQ=DAILY;COUNT=3\nEXDATE;VALUE=DATE:\n"
    )
    _, records, _ = _read(_write(tmp_path, text))
    assert [r.date.iso_date for r in records] == ["2024-03-04", "2024-03-05", "2024-03-06"]
    assert any("EXDATE on line 9" in n for n in records[0].notes)


def test_bom_and_windows_1252_text_are_read(tmp_path: Path) -> None:
    text = _calendar("UID:x2\nSUMMARY:Visit – café\nDTSTART:20240105T093000")
    bom = tmp_path / "bom.ics"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    info, records, _ = _read(bom)
    assert records[0].values["summary"] == "Visit – café"
    legacy = tmp_path / "legacy.ics"
    legacy.write_bytes(text.encode("cp1252"))
    info, records, _ = _read(legacy)
    assert info.encoding == "windows-1252"
    assert records[0].values["summary"] == "Visit – café"


def test_method_cancel_marks_every_event_cancelled(tmp_path: Path) -> None:
    text = _calendar("UID:x3\nSUMMARY:Core group\nDTSTART:20240105T093000", head="METHOD:CANCEL\n")
    _, records, _ = _read(_write(tmp_path, text))
    assert [r.status for r in records] == ["cancelled"]


def test_same_uid_twice_gives_distinct_keys(tmp_path: Path) -> None:
    text = _calendar(
        "UID:dup\nSUMMARY:First\nDTSTART:20240105T093000",
        "UID:dup\nSUMMARY:Second\nDTSTART:20240106T093000",
    )
    _, records, _ = _read(_write(tmp_path, text))
    assert len(records) == 2
    assert len({r.key for r in records}) == 2


def test_reading_twice_gives_the_same_keys() -> None:
    first = [r.key for r in _read("outlook_london.ics")[1]]
    second = [r.key for r in _read("outlook_london.ics")[1]]
    assert first == second


def test_every_minute_series_is_not_expanded(tmp_path: Path) -> None:
    text = _calendar(
        "UID:x4\nSUMMARY:Sensor ping\nDTSTART:20240105T093000\nRRULE:FREQ=MINUTELY\n",
        "UID:x5\nSUMMARY:Medication round\nDTSTART:20240105T080000\nRRULE:FREQ=HOURLY\n",
    )
    info, records, _ = _read(_write(tmp_path, text))
    assert [_local(r) for r in _row(records, 1)] == ["2024-01-05 09:30"]
    hourly = _row(records, 2)
    assert 31 * 24 <= len(hourly) <= 32 * 24  # a month of hours, not five years of them
    assert hourly[-1].date.start == dt.date(2024, 2, 5)
    assert any("every second or minute" in n for n in info.notes)
    assert any("every hour" in n for n in info.notes)


def test_placeholder_year_and_unreadable_line(tmp_path: Path) -> None:
    text = _calendar(
        "UID:y1\nSUMMARY:Migrated record\nDTSTART:00010101T000000Z",
        "UID:y2\nSUMMARY:Visit\nthis line is not a property\nDTSTART:20240105T093000",
    )
    _, (placeholder, visit), _ = _read(_write(tmp_path, text))
    assert placeholder.problem is not None and "out of range (year 1)" in placeholder.problem
    assert _local(visit) == "2024-01-05 09:30"
    assert any("line 12 could not be read" in n for n in visit.notes)


def test_file_cut_short_is_refused(tmp_path: Path) -> None:
    text = _calendar("UID:z\nSUMMARY:Visit\nDTSTART:20240105T093000")
    with pytest.raises(FileRefused, match="cut short"):
        _read(_write(tmp_path, text[: text.index("END:VEVENT")]))


def test_two_events_run_together_go_to_quarantine_not_a_crash(tmp_path: Path) -> None:
    """A damaged file where one event's END is lost gives it two RECURRENCE-IDs: that event
    waits in quarantine with the reason; the others import."""
    path = tmp_path / "run_together.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Fictional//EN\r\n"
        "BEGIN:VEVENT\r\nUID:series-1\r\nDTSTART:20240301T100000Z\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:Group session\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:series-1\r\nRECURRENCE-ID:20240308T100000Z\r\n"
        "DTSTART:20240308T110000Z\r\nSUMMARY:Group session moved\r\n"
        "RECURRENCE-ID:20240315T100000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:one-off\r\nDTSTART:20240320T090000Z\r\nSUMMARY:Review\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    records = [r for r in ics_reader.read(path) if isinstance(r, SourceRecord)]
    problems = [r.problem for r in records if r.problem]
    assert problems == [
        "the event gives RECURRENCE-ID more than once, so which one holds is unclear"
    ]
    assert any("Review" in str(r.values) for r in records if not r.problem)
