"""Redaction checked against what is really there: each document is first written with redaction
off and read back, so every string the redacted one must not hold is shown to be in the
document's content; then written as the court gets it, and each one must be gone. A
confidential entry is withheld whole: summary, text, and its outcome, analysis, action and
details too."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_export_fixtures import docx_parts_text, pdf_pages

from chronology.cases import add_case, add_person
from chronology.entries import add_entry
from chronology.models import Entry, EntryType, Person, Precision, Significance
from chronology.workspace import Workspace
from exports.service import ExportRequest, export_document

REF = "RD-1"
# One word pair per field of the confidential entry, so a field that escapes is named.
CONFIDENTIAL = {
    "summary": "Alder Lodge",
    "text": "Birch Yard",
    "outcome": "Cedar Mews",
    "analysis": "Damson Walk",
    "action": "Elm Terrace",
    "details": "Fir Gardens",
}
# The confidential person's address and phone, written in an ordinary entry's every field.
PERSON = {"address": "Quarry Row", "postcode": "AB1 2CD", "phone": "900123"}
SECRETS = {**CONFIDENTIAL, **PERSON}


@pytest.fixture
def ws_case(ws: Workspace) -> Workspace:
    case = add_case(
        ws,
        REF,
        "Ada Wren",
        "2020-01-01",
        worker="Rhys Calder",
        role="Social Worker",
        employer="Northmoor Council",
        court="Family Court at Northmoor",
        court_case_number="NM24P00077",
        party="the Local Authority",
    )
    cid = case.id or 0
    add_person(
        ws,
        Person(cid, "Lena Wren", "mother", "7 Quarry Row, Ashby AB1 2CD", "07700 900123", True),
    )
    key = {"significance": Significance.KEY, "in_court": True, "agency": "Children's Services"}
    add_entry(
        ws,
        Entry(
            cid,
            "2024-03-01",
            Precision.DAY,
            f"Taken to {CONFIDENTIAL['summary']}",
            text=f"Mother now lives at {CONFIDENTIAL['text']} with Ada",
            outcome=f"Place confirmed at {CONFIDENTIAL['outcome']}",
            analysis=f"The {CONFIDENTIAL['analysis']} move protects Ada",
            action=f"Keep {CONFIDENTIAL['action']} off letters",
            details=f"{CONFIDENTIAL['details']} keyworker",
            confidential=True,
            type=EntryType.HOME_VISIT,
            **key,
        ),
    )
    add_entry(
        ws,
        Entry(
            cid,
            "2024-03-02",
            Precision.DAY,
            "Visit to 7 Quarry Row; asked to call 07700 900123",
            text="Mother seen at 7 Quarry Row, phone 07700 900123",
            outcome="Agreed to ring 07700 900123 weekly",
            analysis="Quarry Row is near the school",
            details="Location: 7 Quarry Row, AB1 2CD",
            type=EntryType.HOME_VISIT,
            **key,
        ),
    )
    add_entry(
        ws,
        Entry(cid, "2024-03-05", Precision.DAY, "Nursery review held", type=EntryType.OTHER,
              agency="Nursery"),
    )  # fmt: skip
    return ws


def _read(path: Path) -> str:
    if path.suffix == ".docx":
        text = " ".join(docx_parts_text(path).values())
    elif path.suffix == ".pdf":
        text = " ".join(pdf_pages(path))
        text += " " + path.read_bytes().decode("latin-1")
    else:
        text = path.read_text(encoding="utf-8-sig")
    return " ".join(text.split())


def _both(ws: Workspace, tmp_path: Path, document: str, fmt: str) -> tuple[set[str], str]:
    """The secrets in the unredacted document, and the redacted document's text."""
    plain = tmp_path / f"plain-{document}.{fmt}"
    export_document(ws, REF, ExportRequest(document, fmt, plain, redact=False))
    shown = {name for name, secret in SECRETS.items() if secret in _read(plain)}
    court = tmp_path / f"court-{document}.{fmt}"
    result = export_document(ws, REF, ExportRequest(document, fmt, court))
    assert result.redacted and result.withheld > 0
    return shown, _read(court)


@pytest.mark.parametrize("fmt", ["csv", "docx", "pdf"])
def test_the_full_chronology_withholds_every_field_of_a_confidential_entry(
    ws_case: Workspace, tmp_path: Path, fmt: str
) -> None:
    shown, court = _both(ws_case, tmp_path, "chronology", fmt)
    assert shown == set(SECRETS), f"not in the unredacted chronology: {set(SECRETS) - shown}"
    leaked = [name for name, secret in SECRETS.items() if secret in court]
    assert leaked == [], f"reached the redacted {fmt}: {leaked}"
    assert "Nursery review held" in court  # the rest of the chronology is still there


@pytest.mark.parametrize("document", ["statement", "court-chronology", "summary"])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_court_documents_withhold_what_they_would_otherwise_show(
    ws_case: Workspace, tmp_path: Path, document: str, fmt: str
) -> None:
    shown, court = _both(ws_case, tmp_path, document, fmt)
    assert {"summary", "address", "phone"} <= shown  # the document does show these, unredacted
    leaked = [name for name in shown if SECRETS[name] in court]
    assert leaked == [], f"reached the redacted {document}.{fmt}: {leaked}"
