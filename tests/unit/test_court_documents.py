"""Court documents that say what matters, read back from Word and PDF on generated cases:
the right events, in order, attributed, agreeing with each other, in the witness's voice."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import docx
import pypdf
import pytest
from court_case_gen import GeneratedCase, add_primary_risk, complete_statement, make_case

from chronology.contact_details import list_details, mark
from chronology.workspace import Workspace
from exports.service import ExportRequest, ExportResult, export_document
from exports.statement import TRUTH_BELIEF, TRUTH_CONTEMPT
from summary.court_selection import court_selection, exclude, restore, set_bundle_page
from summary.narrative import set_narrative

MADE = dt.date(2026, 1, 12)


def export(ws: Workspace, g: GeneratedCase, folder: Path, document: str, fmt: str, **kw: object):
    out = folder / f"{g.ref}-{document}.{fmt}"
    kw.setdefault("made", MADE)
    return export_document(ws, g.ref, ExportRequest(document, fmt, out, **kw))  # type: ignore[arg-type]


def word_rows(path: Path, table: int = -1) -> list[list[str]]:
    t = docx.Document(str(path)).tables[table]
    return [[c.text for c in row.cells] for row in t.rows]


def word_texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def pdf_pages(path: Path) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def moment(date_cell: str) -> tuple[dt.date, str]:
    day = dt.datetime.strptime(date_cell[:10], "%d/%m/%Y").date()
    return day, date_cell[11:]


@pytest.fixture(params=[0, 1, 2, 3])
def generated(request: pytest.FixtureRequest, ws: Workspace, tmp_path: Path) -> GeneratedCase:
    g = make_case(ws, tmp_path, request.param)
    add_primary_risk(ws, g)
    return g


def test_the_court_chronology_holds_what_the_court_must_see(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    g = generated
    result = export(ws, g, tmp_path, "court-chronology", "docx")
    rows = word_rows(result.path)[1:]
    events = [r[2] for r in rows]
    text = " | ".join(events)
    # the threat (typed as an ordinary visit) and the referral (typed as a phone call)
    assert any("harm" in e or "kill" in e or "out of the picture" in e for e in events), text
    assert any("referral" in e.lower() for e in events), text
    assert any("Strategy meeting held" in e for e in events), text
    assert any("Section 47" in e for e in events), text
    assert any("C100" in e for e in events), text  # the application
    # every hearing with the order made, taken from the record
    for outcome in g.hearing_outcomes:
        assert any(outcome in e for e in events), (outcome, text)
    assert "Noise" not in text and "loud music" not in text  # routine: not for court
    # the order the things happened in
    moments = [moment(r[1]) for r in rows]
    days = [m[0] for m in moments]
    assert days == sorted(days)
    assert [r[0] for r in rows] == [str(n) for n in range(1, len(rows) + 1)]
    # sources are agencies and their references, never files and rows
    assert not any(".csv" in r[3] or ".docx" in r[3] or "row " in r[3] for r in rows)
    assert any(r[3].startswith(g.health) for r in rows)
    # the same from the PDF
    pdf = flat(" ".join(pdf_pages(export(ws, g, tmp_path, "court-chronology", "pdf").path)))
    for outcome in g.hearing_outcomes:
        assert flat(outcome) in pdf


def test_two_police_events_in_the_repeated_hour_are_in_order_and_say_bst_gmt(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    g = generated
    rows = word_rows(export(ws, g, tmp_path, "court-chronology", "docx").path)[1:]
    night = g.fall_back.strftime("%d/%m/%Y")
    that_night = [(r[1], r[2]) for r in rows if r[1].startswith(night)]
    assert that_night == [
        (f"{night} 01:40 BST", "First call: shouting heard from the flat."),
        (f"{night} 01:05 GMT", "Second call: shouting heard again; officers attended."),
    ]
    assert not any(r[1].endswith(("BST", "GMT")) for r in rows if not r[1].startswith(night))


def test_statement_chronology_and_summaries_agree(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    g = generated
    complete_statement(ws, g)
    chronology = word_rows(export(ws, g, tmp_path, "court-chronology", "docx").path)
    statement = export(ws, g, tmp_path, "statement", "docx")
    exhibit = word_rows(statement.path)
    assert exhibit == chronology  # the exhibit is the court chronology, row for row
    texts = word_texts(statement.path)
    n = len(chronology) - 1
    assert any(f"a chronology of the {n} significant events" in t for t in texts)
    body = " ".join(texts[: texts.index("Statement of truth")])
    numbers = {int(x) for x in re.findall(r"\[(\d+)\]", body)}
    assert numbers and max(numbers) <= n
    by_number = {int(r[0]): r for r in chronology[1:]}
    hearings = next(t for t in texts if t.startswith("The applications, hearings and orders"))
    for number in map(int, re.findall(r"\[(\d+)\]", hearings)):
        row = by_number[number]
        assert "hearing" in row[2].lower() or "C100" in row[2], row
    risk = next(t for t in texts if t.startswith("Conditional threat to harm."))
    evidence = [int(x) for x in re.findall(r"\[(\d+)\]", risk)]
    threat = court_selection(ws, g.case.id or 0, today=MADE).number_of(g.threat_entry)
    assert evidence == [threat]
    # the court's case summary lists events with the same numbers, dates and words
    summary = export(ws, g, tmp_path, "summary", "docx")
    key_dates = word_rows(summary.path)
    assert key_dates[0] == ["No.", "Date", "Event"]
    for number, when, event in key_dates[1:]:
        row = by_number[int(number)]
        assert when == row[1]
        assert row[2].startswith(event.rstrip("\u2026"))
    # and so does the internal summary
    internal = word_rows(export(ws, g, tmp_path, "internal-summary", "docx").path, 1)
    assert internal[0] == ["No.", "Date", "Event", "Agency"]
    for number, when, _event, _agency in internal[1:]:
        assert by_number[int(number)][1].startswith(when)
    # the PDF statement's exhibit holds the same count
    pdf = flat(" ".join(pdf_pages(export(ws, g, tmp_path, "statement", "pdf").path)))
    assert f"a chronology of the {n} significant events" in pdf


def test_a_statement_with_an_unwritten_section_is_a_draft_and_undated(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    g = generated
    complete_statement(ws, g)
    set_narrative(ws, g.ref, "analysis", "")  # one section not written
    pdf = export(ws, g, tmp_path, "statement", "pdf")
    pages = pdf_pages(pdf.path)
    assert all("DRAFT" in page for page in pages)
    whole = flat(" ".join(pages))
    assert "[To be completed: analysis]" in whole
    assert TRUTH_CONTEMPT in whole and TRUTH_BELIEF in whole
    truth = whole[whole.index(TRUTH_BELIEF) :]
    assert not re.search(r"Date: \d\d/\d\d/\d{4}", truth)
    assert any("DRAFT" in w and "analysis" in w for w in pdf.warnings)
    word = export(ws, g, tmp_path, "statement", "docx")
    document = docx.Document(str(word.path))
    assert document.sections[0].header.paragraphs[0].text.startswith("DRAFT")
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index(TRUTH_BELIEF) + 1].startswith("Signed: (not to be signed")
    assert next(t for t in texts[texts.index(TRUTH_BELIEF) :] if t.startswith("Date")) == "Date: "
    assert "Date: " in texts[:6]  # the top-right block's date too
    # written in full: no DRAFT, dated and ready to sign
    set_narrative(ws, g.ref, "analysis", "My analysis.")
    done = export(ws, g, tmp_path, "statement", "pdf")
    assert not any("DRAFT" in page for page in pdf_pages(done.path))
    assert f"Date: {MADE:%d/%m/%Y}" in flat(" ".join(pdf_pages(done.path)))


def test_hearsay_is_attributed_to_the_previous_chronology_and_its_author(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    g = generated
    rows = word_rows(
        export(ws, g, tmp_path, "court-chronology", "docx", date_from="2015-01-01").path
    )[1:]
    earlier = next(r for r in rows if "no order" in r[2])
    assert earlier[2].startswith(f"Recorded in {g.author}'s chronology: ")
    assert earlier[3] == f"{g.author}'s chronology"
    assert "Family Court" not in earlier[3]


def test_an_address_in_the_text_is_named_until_the_worker_decides(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    from main import main

    g = generated
    out = tmp_path / "full.docx"
    argv = [
        "export",
        "--workspace",
        str(ws.path),
        "--case",
        g.ref,
        "--document",
        "chronology",
        "--format",
        "docx",
        "--output",
        str(out),
        "--json",
    ]
    assert main(argv) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert g.address_street in captured.err and "not marked confidential" in captured.err
    found = [d for d in result["undecided_details"] if d["kind"] == "address"]
    assert found and g.address_street in found[0]["value"]
    assert any(g.address_street in w for w in result["warnings"])
    log = Path(result["redaction_log"]).read_text()
    assert g.address_street in log and "written as recorded" in log
    # marked confidential: withheld for real, no longer named as undecided
    details = [d for d in list_details(ws, g.case.id or 0) if d.kind == "address"]
    mark(ws, g.case.id or 0, [details[0].id], "confidential", "R. Ashdown")
    again = export(ws, g, tmp_path, "chronology", "pdf")
    text = flat(" ".join(pdf_pages(again.path)))
    assert g.address_street not in text and "[REDACTED]" in text
    assert not any(g.address_street in w for w in again.warnings)
    assert "marked confidential" in again.redaction_log.read_text()


def test_the_two_summaries_are_separate_documents(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    g = generated
    complete_statement(ws, g)
    court = flat(" ".join(pdf_pages(export(ws, g, tmp_path, "summary", "pdf").path)))
    assert "IN THE MATTER OF THE CHILDREN ACT 1989" in court and "CASE SUMMARY" in court
    for heading in (
        "The parties and the child",
        "Background",
        "The issues",
        "Orders sought",
        "Key dates",
    ):
        assert heading in court
    for internal in (
        "Alerts",
        "RED",
        "AMBER",
        "quarantine",
        "Review overdue",
        ".csv",
        "Meetings and visits",
        "INTERNAL",
    ):
        assert internal not in court, internal
    inside = export(ws, g, tmp_path, "internal-summary", "pdf")
    text = flat(" ".join(pdf_pages(inside.path)))
    assert "INTERNAL CASE SUMMARY" in text and "not for filing" in text
    assert "IN THE MATTER OF" not in text and "IN THE FAMILY COURT" not in text
    assert "Alerts" in text and inside.page_limit is None


def test_the_worker_takes_an_event_out_with_a_reason_and_fills_the_bundle_page(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    g = generated
    cid = g.case.id or 0
    sel = court_selection(ws, cid)
    strategy = next(ev for ev in sel.events if "Strategy meeting" in ev.entry.text)
    exclude(ws, cid, strategy.entry.id or 0, "agreed with the parties' advocates", "R. Ashdown")
    rows = word_rows(export(ws, g, tmp_path, "court-chronology", "docx").path)[1:]
    assert not any("Strategy meeting held" in r[2] for r in rows)
    listed = court_selection(ws, cid).excluded
    assert [(x.entry_id, x.reason, x.by) for x in listed] == [
        (strategy.entry.id, "agreed with the parties' advocates", "R. Ashdown")
    ]
    assert restore(ws, cid, strategy.entry.id or 0)
    set_bundle_page(ws, cid, g.threat_entry, "C47")
    rows = word_rows(export(ws, g, tmp_path, "court-chronology", "docx").path)[1:]
    assert any("Strategy meeting held" in r[2] for r in rows)
    assert [r[4] for r in rows if r[4]] == ["C47"]
    with pytest.raises(ValueError, match="needs a reason"):
        exclude(ws, cid, g.referral_entry, "  ")


def test_the_child_s_voice_is_referred_to_by_number(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    from chronology.entries import update_entry

    g = generated
    complete_statement(ws, g)
    said = ws.conn.execute(
        "SELECT id FROM entries WHERE case_id=? AND text LIKE '%want to stay%'", (g.case.id,)
    ).fetchone()[0]
    update_entry(ws, said, child_voice=True)
    number = court_selection(ws, g.case.id or 0).number_of(said)
    assert number is not None
    texts = word_texts(export(ws, g, tmp_path, "statement", "docx").path)
    voice = texts[texts.index("The child's wishes and feelings") : texts.index("Analysis")]
    assert any(f"[{number}]" in t for t in voice)


def test_agencies_by_the_name_the_worker_gave_them(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    from chronology.agencies import add_agency, is_person

    g = generated
    short = "".join(w[0] for w in g.health.split())
    add_agency(ws, g.case.id or 0, short + " (health visiting)", [g.health])
    rows = word_rows(export(ws, g, tmp_path, "court-chronology", "docx").path)[1:]
    assert any(r[3].startswith(short + " (health visiting)") for r in rows)
    assert not any(r[3].startswith(g.health) for r in rows)
    assert is_person("Mother (self-report)") and is_person("maternal grandmother")
    assert not is_person(g.police)


def test_the_page_count_before_export_is_the_page_count_written(
    ws: Workspace, generated: GeneratedCase, tmp_path: Path
):
    from exports.service import count_pages

    g = generated
    req = ExportRequest("chronology", "pdf", tmp_path / "x.pdf", significance=["key"])
    counted = count_pages(ws, g.ref, req)
    written: ExportResult = export_document(ws, g.ref, req)
    assert counted is not None and counted.total == written.pages


def test_a_significance_nobody_set_selects_nothing_until_someone_does(ws: Workspace):
    from chronology.cases import add_case
    from chronology.entries import get_entry, update_entry
    from chronology.importers.writer import insert_entries
    from chronology.models import Entry, EntryType, Precision, Significance

    case = add_case(ws, "OLD-2", "Pat Older")
    silent = Entry(
        case.id or 0,
        "2023-05-01",
        Precision.DAY,
        "Nursery note: played outside",
        type=EntryType.OTHER,
        significance=Significance.KEY,
    )
    with ws.transaction():
        (entry_id,) = insert_entries(ws, [silent])  # as an older import left it: no reason
    assert get_entry(ws, entry_id).significance_status == "suggested"
    assert court_selection(ws, case.id or 0).events == []
    update_entry(ws, entry_id, "A. Worker", significance="key")
    (event,) = court_selection(ws, case.id or 0).events
    assert event.entry.id == entry_id and "key (confirmed)" in event.why[0]
