"""A calendar's agency comes from the calendar (its name, organiser, PRODID), as a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronology.entries import list_entries
from chronology.importers.mapping import calendar_agency
from chronology.importers.pipeline import ImportOptions, run_import
from chronology.models import Case
from chronology.workspace import Workspace


@pytest.mark.parametrize(
    ("name", "organisers", "product", "expected"),
    [
        ("Orchard Lane child health clinic", [], "-//Microsoft Corporation//Outlook 16.0//EN", 0),
        ("", ["Westbury Family Support Team"], "-//Google Inc//Google Calendar 70//EN", 1),
        ("", ["Dana Ruiz"], "-//Hollins Vale Council//Visits Planner 2.0//EN", 2),
        ("Stepping Stones", ["Dana Ruiz"], "-//Apple Inc.//iPhone OS 17//EN", 3),
    ],
)
def test_the_calendar_says_who_it_is_from(
    name: str, organisers: list[str], product: str, expected: int
) -> None:
    found = calendar_agency(name, organisers, product)
    assert found is not None and found.suggested
    wanted = [
        ("Orchard Lane child health clinic", "X-WR-CALNAME"),
        ("Westbury Family Support Team", "organiser"),
        ("Hollins Vale Council", "PRODID"),
        ("Stepping Stones", "X-WR-CALNAME"),
    ][expected]
    assert found.name == wanted[0] and wanted[1] in found.source


@pytest.mark.parametrize(
    ("name", "organisers", "product"),
    [
        ("", ["Dana Ruiz"], "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"),
        ("Calendar", [], "-//Google Inc//Google Calendar 70.9054//EN"),
        ("", [], "Microsoft Exchange Server 2010"),
    ],
)
def test_a_person_a_program_or_a_generic_name_is_not_an_agency(
    name: str, organisers: list[str], product: str
) -> None:
    assert calendar_agency(name, organisers, product) is None


def _calendar(path: Path, head: str, organiser: str = "") -> Path:
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        + head
        + "BEGIN:VEVENT\r\nUID:visit-1@example.org\r\nDTSTAMP:20240101T090000Z\r\n"
        + "DTSTART:20240110T100000Z\r\nSUMMARY:Home visit\r\n"
        + organiser
        + "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    return path


def test_entries_take_the_calendar_name_not_the_file_name(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    path = _calendar(
        tmp_path / "export (3).ics",
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
        "X-WR-CALNAME:Hollins Vale early help service\r\n",
    )
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is None
    assert [e.agency for e in list_entries(ws, case.id or 0)] == ["Hollins Vale early help service"]
    assert report.agency is not None and report.agency.suggested
    assert any("X-WR-CALNAME" in n and "--agency" in n for n in report.notes)


def test_without_a_calendar_name_the_file_name_is_only_a_suggestion(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    path = _calendar(
        tmp_path / "school_nurse_diary.ics",
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n",
        "ORGANIZER;CN=Dana Ruiz:mailto:dana.ruiz@example.org\r\n",
    )
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.agency is not None and report.agency.suggested
    assert "file name" in report.agency.source
    assert any("suggest" in n or "change it" in n for n in report.notes)


def test_the_agency_chosen_for_the_import_wins(ws: Workspace, case: Case, tmp_path: Path) -> None:
    path = _calendar(tmp_path / "a.ics", "X-WR-CALNAME:Hollins Vale early help service\r\n")
    (report,) = run_import(ws, case.id or 0, [path], ImportOptions(agency="GP surgery"))
    assert [e.agency for e in list_entries(ws, case.id or 0)] == ["GP surgery"]
    assert report.agency is not None and not report.agency.suggested
    assert not any("--agency" in n for n in report.notes)
