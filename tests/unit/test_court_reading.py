"""What a judge or clerk reads in the court documents, read back from Word and PDF: routine
records stay out however a trip-wire matched them, a visit is not a strategy discussion for
mentioning one, meetings say what they decided, and the chronology's columns have room."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import docx
import pypdf
import pytest
from court_case_gen import GeneratedCase, add_primary_risk, make_case
from docx.shared import Cm

from chronology.entries import update_entry
from chronology.importers.pipeline import run_import
from chronology.models import EntryType, Significance
from chronology.significance_rules import suggest
from chronology.workspace import Workspace
from exports.service import ExportRequest, export_document
from summary.court_selection import court_selection
from summary.risks import set_triggers

MADE = dt.date(2026, 1, 12)


def export(ws: Workspace, g: GeneratedCase, folder: Path, document: str, fmt: str):
    out = folder / f"{g.ref}-{document}.{fmt}"
    return export_document(ws, g.ref, ExportRequest(document, fmt, out, made=MADE))  # type: ignore[arg-type]


def word_rows(path: Path, table: int = -1) -> list[list[str]]:
    t = docx.Document(str(path)).tables[table]
    return [[c.text for c in row.cells] for row in t.rows]


def pdf_text(path: Path) -> str:
    pages = pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages
    return " ".join(" ".join(p.extract_text().split()) for p in pages)


@pytest.fixture(params=[0, 1, 2])
def generated(request: pytest.FixtureRequest, ws: Workspace, tmp_path: Path) -> GeneratedCase:
    g = make_case(ws, tmp_path, request.param)
    add_primary_risk(ws, g)
    return g


def _more_notes(ws: Workspace, g: GeneratedCase, folder: Path, rows: list[list[str]]) -> None:
    path = folder / f"more-{g.seed}.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Date", "Team", "Note Type", "Subject", "Note"])
        w.writerows([[r[0], "Children and Families Team", *r[1:]] for r in rows])
    (report,) = run_import(ws, g.case.id or 0, [path])
    assert report.error is None


def _last_day(ws: Workspace, g: GeneratedCase) -> dt.date:
    (last,) = ws.conn.execute("SELECT max(date) FROM entries WHERE case_id=?", (g.case.id,))
    return dt.date.fromisoformat(last[0][:10])


def test_a_routine_record_that_only_trips_a_risk_stays_out_of_court_documents(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    g = generated
    (risk_id,) = ws.conn.execute("SELECT id FROM risks WHERE case_id=?", (g.case.id,)).fetchone()
    # a trip-wire wide enough to catch a noise complaint as well as a hearing
    set_triggers(ws, risk_id, ["loud music", "hearing"], [])
    sel = court_selection(ws, g.case.id or 0, today=MADE)
    assert not any("loud music" in ev.entry.text for ev in sel.events)
    hearing = next(ev for ev in sel.events if g.hearing_outcomes[-1] in ev.entry.text)
    assert any("tripped the primary risk" in w for w in hearing.why)  # noted, not chosen
    chronology = " ".join(
        r[2] for r in word_rows(export(ws, g, tmp_path, "court-chronology", "docx").path)
    )
    assert "loud music" not in chronology and g.hearing_outcomes[-1] in chronology
    key_dates = word_rows(export(ws, g, tmp_path, "summary", "docx").path)
    assert not any("loud music" in r[2] for r in key_dates)
    internal = word_rows(export(ws, g, tmp_path, "internal-summary", "docx").path, 1)
    assert not any("loud music" in r[2] for r in internal)
    numbers = [int(r[0]) for r in internal[1:]]
    assert numbers == [ev.number for ev in sel.events][-len(numbers) :]  # the same numbering


@pytest.mark.parametrize(
    ("kind", "summary", "text"),
    [
        (EntryType.HOME_VISIT, "Visit", "Went over the plan agreed after the strategy discussion."),
        (EntryType.APPOINTMENT_ATTENDED, "Clinic", "The GP was told of the Section 47 outcome."),
        (EntryType.CIN_MEETING, "Review", "Reconvened following the strategy meeting last week."),
        (EntryType.TELEPHONE_CALL, "Call", "Asked about the previous child protection conference."),
    ],
)
def test_mentioning_an_earlier_strategy_discussion_does_not_make_a_record_one(
    kind: EntryType, summary: str, text: str
):
    found = suggest(kind, summary, text)
    assert found.type == kind
    assert not found.must_show
    assert "strategy discussion" not in found.reason and "Section 47" not in found.reason


@pytest.mark.parametrize(
    ("summary", "text", "kind"),
    [
        ("Strategy discussion", "Held with police; threshold for Section 47 met.", "strategy"),
        ("Call", "Strategy meeting held this morning; agreed a Section 47 enquiry.", "strategy"),
        ("Visit - Section 47 enquiry", "Visit following the strategy discussion.", "assessment"),
    ],
)
def test_the_record_of_a_strategy_discussion_or_section_47_step_still_is_one(
    summary: str, text: str, kind: str
):
    found = suggest(EntryType.OTHER, summary, text)
    assert found.must_show and found.significance == Significance.KEY
    assert found.type.value.startswith(kind)


def test_a_meeting_row_says_what_was_decided_not_who_came(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    g = generated
    day = _last_day(ws, g) - dt.timedelta(days=3)
    note = (
        "Present: the mother, the health visitor, the nursery key person\n"
        "Apologies: the paediatrician\n\n"
        "Review meeting. Agreed that reviews are stood down while the court decides; "
        "visits continue every four weeks."
    )
    _more_notes(
        ws,
        g,
        tmp_path,
        [
            [day.strftime("%d/%m/%Y"), "CIN Meeting", "CIN review", note],
            [
                (day + dt.timedelta(days=1)).strftime("%d/%m/%Y"),
                "Home Visit",
                "Home visit",
                "Home visit arranged the day before; the child was asleep upstairs.",
            ],
        ],
    )
    ids = [
        r[0]
        for r in ws.conn.execute(
            "SELECT id FROM entries WHERE case_id=? AND source_file=? ORDER BY date",
            (g.case.id, f"more-{g.seed}.csv"),
        )
    ]
    for entry_id in ids:
        update_entry(ws, entry_id, "R. Ashdown", in_court=True)
    rows = word_rows(export(ws, g, tmp_path, "court-chronology", "docx").path)
    meeting = next(r for r in rows if r[2].startswith("CIN review"))
    assert "Agreed that reviews are stood down" in meeting[2]
    assert "Present" not in meeting[2] and "Apologies" not in meeting[2]
    visit = next(r for r in rows if r[2].startswith("Home visit"))
    assert "the child was asleep upstairs" in visit[2]  # not the bare subject line


def test_the_chronology_has_room_to_read_in_both_documents(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    g = generated
    chronology = export(ws, g, tmp_path, "court-chronology", "docx")
    (section,) = docx.Document(str(chronology.path)).sections
    assert abs(section.left_margin - Cm(2.5)) < Cm(0.01)
    assert abs(section.right_margin - Cm(2.5)) < Cm(0.01)
    # the statement keeps PD22A's 3.5 cm; its exhibit has the chronology's own pages
    statement = docx.Document(str(export(ws, g, tmp_path, "statement", "docx").path))
    first, *_, exhibit = statement.sections
    assert first.left_margin >= Cm(3.5) and first.right_margin >= Cm(3.5)
    assert abs(exhibit.left_margin - Cm(2.5)) < Cm(0.01)
    assert statement.tables[-1].rows[0].cells[0].text == "No."
    # no agency's name is broken mid-word in the PDF, in the chronology or the exhibit
    sources = {r[3] for r in word_rows(chronology.path)[1:]}
    words = {w.strip(",;") for source in sources for w in source.split() if len(w) > 3}
    assert words
    for document in ("court-chronology", "statement"):
        text = pdf_text(export(ws, g, tmp_path, document, "pdf").path)
        for word in words:
            assert word in text, (document, word)
        assert text.count(f"Case No: {g.case.court_case_number}") >= 2  # every page endorsed


def test_a_calendar_s_internal_id_is_not_given_to_the_court_as_a_reference(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    g = generated
    day = _last_day(ws, g) - dt.timedelta(days=5)
    uid = "0400000082" + "3F" * 30
    ics = tmp_path / f"clinic-{g.seed}.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nX-WR-CALNAME:Hillside Clinic\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20240101T000000Z\r\n"
        f"DTSTART:{day:%Y%m%d}T100000Z\r\nDTEND:{day:%Y%m%d}T103000Z\r\n"
        "SUMMARY:Review with the paediatrician\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    (report,) = run_import(ws, g.case.id or 0, [ics])
    assert report.error is None
    (entry_id,) = ws.conn.execute(
        "SELECT id FROM entries WHERE case_id=? AND source_file=?", (g.case.id, ics.name)
    ).fetchone()
    assert (
        uid
        in ws.conn.execute("SELECT source_ref FROM entries WHERE id=?", (entry_id,)).fetchone()[0]
    )
    update_entry(ws, entry_id, "R. Ashdown", in_court=True)
    rows = word_rows(export(ws, g, tmp_path, "court-chronology", "docx").path)
    row = next(r for r in rows if "paediatrician" in r[2])
    assert "ref" not in row[3] and uid[:12] not in row[3] and row[3].strip()
    assert uid[:12] not in pdf_text(export(ws, g, tmp_path, "court-chronology", "pdf").path)


def test_a_key_event_keeps_its_words_in_the_court_chronology(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    g = generated
    said = (
        "Home visit. The parent said that if the child were moved she would see no way on. "
        + "On exploration she explained what she meant and who she had told. " * 6
        + "She agreed a safety plan with the worker before the visit ended."
    )
    _more_notes(ws, g, tmp_path, [["2024-03-05", "Home visit", "Visit", said]])
    (entry_id,) = ws.conn.execute(
        "SELECT id FROM entries WHERE case_id=? AND text LIKE 'Home visit. The parent said%'",
        (g.case.id,),
    ).fetchone()
    update_entry(ws, entry_id, significance=Significance.KEY)
    rows = word_rows(export(ws, g, tmp_path, "court-chronology", "docx").path)
    (row,) = [r for r in rows if "The parent said" in r[2]]
    assert "safety plan with the worker before the visit ended" in row[2]  # not cut off
