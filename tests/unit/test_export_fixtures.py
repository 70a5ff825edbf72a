"""A court case built through the real core (cases, people, entries, risks, narrative), shared by
the export tests. No tests here."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pypdf

from chronology.cases import add_case, add_person, update_case
from chronology.entries import add_entry
from chronology.models import Case, Entry, EntryType, Party, Person, Precision, Significance
from chronology.workspace import Workspace
from exports.service import ExportRequest, ExportResult, export_document
from summary.narrative import set_narrative
from summary.risks import Risk, Urgency, add_risk

REF = "KV-042"
ADDRESS = "Flat 2, 14 Larch Close, Kestrel Vale, KV4 2PL"
PHONE = "07700 900461"
SECRET = "Mother is staying at the Willow Street refuge with Maya"
MADE = dt.date(2025, 2, 3)
WORK_ADDRESS = "Civic Offices, 1 Quay Street, Northfield NF1 1AA"
HOSTILE = "Seen <b>&amp; \x0bfed\x01 by Zoë Ó Briain & שרה כהן; "


def _entry(case: Case, date: str, summary: str, **kw: object) -> Entry:
    kw.setdefault("agency", "Children's Services")
    kw.setdefault("source_file", "case_notes.csv")
    kw.setdefault("precision", Precision.DAY)
    return Entry(case_id=case.id or 0, date=date, summary=summary, **kw)  # type: ignore[arg-type]


def build_case(ws: Workspace, *, extra_entries: int = 0) -> Case:
    """A case ready for every document: details, people, entries, a primary risk, narrative."""
    case = add_case(
        ws,
        REF,
        "Maya Ellis",
        "2019-07-21",
        worker="Hannah Okafor",
        role="Social Worker",
        employer="Kestrel Vale Borough Council",
        court="Family Court at Kestrel Vale",
        court_case_number="KV24C00123",
        party="Kestrel Vale Borough Council (applicant)",
        team_manager="Priya Nand",
        proceedings="public",
        legal_status="Child Protection",
    )
    cid = case.id or 0
    add_person(ws, Person(cid, "Danielle Ellis", "mother", ADDRESS, PHONE, confidential=True))
    add_person(ws, Person(cid, "Jason Pryce", "father", "3 Mill Lane, Northmoor", "01632 960001"))
    rows = [
        _entry(
            case,
            "2021-03-02",
            "Referral from health visitor",
            type=EntryType.REFERRAL,
            significance=Significance.SIGNIFICANT,
            source_row=2,
        ),
        _entry(case, "2022-06-10", "Home visit, routine", type=EntryType.HOME_VISIT, source_row=3),
        _entry(
            case,
            "2023-05-04",
            "Police attended 14, larch close. after a 999 call",
            type=EntryType.INCIDENT,
            agency="Police",
            significance=Significance.KEY,
            text="Officers attended 14 Larch\nClose; mother gave +44 7700 900 461 as contact.",
            details="Grading: Standard\nLocation: 14 Larch Close, KV4 2PL",
            source_file="police_log.csv",
            source_row=7,
        ),
        _entry(
            case,
            "2023-09-19",
            "Court: interim care order",
            type=EntryType.COURT,
            agency="Family Court",
            in_court=True,
            source_row=9,
        ),
        _entry(
            case,
            "2024-01-18",
            "Conditional threat disclosed to health visitor",
            type=EntryType.DISCLOSURE,
            agency="Health Visiting",
            significance=Significance.KEY,
            source_file="hv.csv",
            source_row=23,
        ),
        _entry(
            case,
            "2024-03-01",
            SECRET,
            text=SECRET + ", placed there by Women's Aid.",
            type=EntryType.OTHER,
            significance=Significance.SIGNIFICANT,
            confidential=True,
            source_row=30,
        ),
        _entry(
            case,
            "2024-06-18",
            HOSTILE + "x" * 300,
            significance=Significance.SIGNIFICANT,
            text='=HYPERLINK("http://evil.example")\n' + "Long note. " * 900,
            type=EntryType.HOME_VISIT,
            source_row=31,
        ),
        _entry(
            case,
            "2024-11-19",
            "Final hearing: unsupported contact granted",
            type=EntryType.COURT,
            agency="Family Court",
            significance=Significance.KEY,
            time="10:00",
            precision=Precision.DATETIME,
            source_row=40,
        ),
    ]
    rows += [
        _entry(
            case,
            (dt.date(2022, 1, 1) + dt.timedelta(days=3 * i)).isoformat(),
            f"Routine contact {i}",
            source_row=100 + i,
        )
        for i in range(extra_entries)
    ]
    for e in rows:
        add_entry(ws, e)
    add_risk(
        ws,
        Risk(
            cid,
            "Conditional threat",
            if_text="unsupported contact is ordered",
            then_text="mother may harm herself and Maya",
            urgency=Urgency.URGENT,
            primary=True,
            identified_on="2024-01-18",
        ),
        reviewed="2024-12-01",
        reviewed_by="Hannah Okafor",
    )
    set_narrative(ws, REF, "background", "Maya lives with her mother.\n\nShe attends nursery.")
    set_narrative(ws, REF, "analysis", f"My analysis. The mother can be reached on {PHONE}.")
    set_narrative(ws, REF, "recommendations", "I recommend a supervision order.")
    set_narrative(ws, REF, "involvement", "I have visited Maya at home every three weeks.")
    set_narrative(ws, REF, "child_voice", "Maya drew her family and put her nan next to her.")
    update_case(
        ws,
        REF,
        work_address=WORK_ADDRESS,
        parties=[Party("Northfield Council", "applicant"), Party("D Ellis", "respondent")],
    )
    return case


def export(ws: Workspace, tmp_path: Path, document: str, fmt: str, **kw: object) -> ExportResult:
    out = tmp_path / f"{document}.{fmt}"
    kw.setdefault("made", MADE)
    return export_document(ws, REF, ExportRequest(document, fmt, out, **kw))  # type: ignore[arg-type]


def docx_parts_text(path: Path) -> dict[str, str]:
    """Every part of a Word package as text."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8", errors="replace") for n in z.namelist()}


def pdf_pages(path: Path) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages]
