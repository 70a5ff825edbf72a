"""Redaction for real: withheld strings never reach the file, and a leak blocks the export."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_export_fixtures import (
    ADDRESS,
    PHONE,
    SECRET,
    build_case,
    docx_parts_text,
    export,
    pdf_pages,
)

from chronology.models import Case, Person
from chronology.workspace import Workspace
from exports import redaction as redaction_module
from exports.leakscan import LeakError
from exports.redaction import RedactionPolicy, Redactor, normalise

WITHHELD = [
    "14 Larch Close",
    "Larch Close",
    "KV4 2PL",
    "900461",
    "900 461",
    "Willow Street",
    "placed there by Women",
    "3 Mill Lane",
    "960001",
]


@pytest.fixture
def court_case(ws: Workspace) -> Case:
    return build_case(ws)


def _absent(text: str) -> None:
    flat = normalise(text)
    for s in WITHHELD:
        assert normalise(s) not in flat, s


@pytest.mark.parametrize(
    "document", ["statement", "court-chronology", "chronology", "summary", "internal-summary"]
)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_nothing_withheld_reaches_the_file(
    ws: Workspace, court_case: Case, tmp_path: Path, document: str, fmt: str
):
    # From the first entry: the address is in the police entry, before the proceedings began.
    result = export(ws, tmp_path, document, fmt, date_from="2021-01-01")
    if fmt == "docx":
        parts = docx_parts_text(result.path)
        assert "docProps/core.xml" in parts and "word/header1.xml" in parts
        for text in parts.values():
            _absent(text)
    else:
        import pypdf

        _absent(" ".join(pdf_pages(result.path)))
        _absent(str(pypdf.PdfReader(str(result.path)).metadata))
        _absent(result.path.read_bytes().decode("latin-1"))
    log = result.redaction_log.read_text()
    _absent(log)
    if document != "summary":  # the court's summary holds neither the police note nor analysis
        assert "Danielle Ellis (mother; marked confidential)" in log
    if document != "internal-summary":
        assert "entry marked confidential" in log
    assert result.withheld > 0


def test_csv_is_redacted_and_logged(ws: Workspace, court_case: Case, tmp_path: Path):
    result = export(ws, tmp_path, "chronology", "csv")
    _absent(result.path.read_text(encoding="utf-8-sig"))
    log = result.redaction_log.read_text()
    assert "entry 6 (01/03/2024): entry marked confidential: summary, text" in log
    assert "the phone number of Danielle Ellis" in log
    assert "[REDACTED]" in result.path.read_text(encoding="utf-8-sig")


def test_no_redact_writes_everything_and_says_so(ws: Workspace, court_case: Case, tmp_path: Path):
    result = export(ws, tmp_path, "chronology", "csv", redact=False)
    text = result.path.read_text(encoding="utf-8-sig")
    assert "14 Larch" in text and SECRET in text
    assert "switched OFF" in result.redaction_log.read_text()


def test_a_leak_blocks_the_export_and_keeps_the_old_file(
    ws: Workspace, court_case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    target = tmp_path / "statement.pdf"
    target.write_bytes(b"the previous export")
    # A builder that forgets to redact: the scan of the written file must catch it.
    monkeypatch.setattr(redaction_module.Redactor, "text", lambda self, text, where: text)
    monkeypatch.setattr(redaction_module.Redactor, "entry", lambda self, e, where: e)
    for fmt in ("pdf", "docx"):
        with pytest.raises(LeakError) as err:
            export(ws, tmp_path, "statement", fmt)
        assert "Larch" not in str(err.value) and "of Danielle Ellis" in str(err.value)
    assert target.read_bytes() == b"the previous export"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert not (tmp_path / "statement.docx").exists()


def test_post_write_scan_catches_text_outside_the_model(tmp_path: Path):
    from exports.document import Document, Paragraph
    from exports.leakscan import verify_no_leaks
    from exports.pdf_writer import write_pdf

    doc = Document("x", "Title", "Author", [Paragraph.of("visit to 14 Larch\nClose today")])
    path = tmp_path / "x.pdf"
    drawn = write_pdf(doc, path).drawn
    with pytest.raises(LeakError):
        verify_no_leaks(path, "pdf", [("the address", normalise("14 Larch Close"))], drawn)
    verify_no_leaks(path, "pdf", [("another", normalise("99 Other Road"))], drawn)


@pytest.mark.parametrize(
    "variant",
    [
        "14 Larch Close",
        "14, Larch Close",
        "14 larch close.",
        "14  Larch\nClose",
        "14 Larch Cl.",
        "Flat 2, 14 Larch Close",
        "FLAT 2 14 LARCH CLOSE KESTREL VALE KV4 2PL",
        "kv42pl",
        "KV4  2PL",
        "Larch Close",
    ],
)
def test_address_variants_are_withheld(variant: str):
    r = Redactor.for_people([Person(1, "Danielle", "mother", ADDRESS, PHONE, True)])
    out = r.text(f"Seen at {variant} today", "entry 1")
    assert "[REDACTED]" in out
    assert "larch" not in out.lower() and "kv4" not in out.lower()
    assert out.startswith("Seen at ") and out.endswith(" today")
    assert r.log and all("Larch" not in w.line() for w in r.log)


@pytest.mark.parametrize(
    "variant",
    [
        "07700 900461",
        "07700900461",
        "+44 7700 900461",
        "+44 (0)7700 900 461",
        "0044 7700-900-461",
        "7700 900461",
    ],
)
def test_phone_variants_are_withheld(variant: str):
    r = Redactor.for_people([Person(1, "Danielle", "mother", "", PHONE, True)])
    assert r.text(f"call {variant}.", "x") == "call [REDACTED]."


def test_a_town_alone_and_other_numbers_are_kept():
    r = Redactor.for_people([Person(1, "Danielle", "mother", ADDRESS, PHONE, True)])
    text = "Kestrel Vale Borough Council called on 07700 900462 about flat 20"
    assert r.text(text, "x") == text


def test_confidential_names_only_when_asked():
    people = [Person(1, "Danielle Ellis", "mother", ADDRESS, PHONE, True, id=4)]
    assert Redactor.for_people(people).text("Danielle Ellis said", "x") == "Danielle Ellis said"
    strict = Redactor.for_people(people, RedactionPolicy(confidential_names=True))
    assert strict.text("danielle  ellis said", "x") == "[REDACTED] said"
    assert all("Danielle" not in w.line() for w in strict.log)
    off = Redactor.for_people(people, RedactionPolicy(enabled=False))
    assert off.text("14 Larch Close", "x") == "14 Larch Close" and off.scan_list() == []


def test_risk_reasons_do_not_quote_confidential_entries(
    ws: Workspace, court_case: Case, tmp_path: Path
):
    from summary.risks import Risk, add_risk

    add_risk(
        ws,
        Risk(
            court_case.id or 0,
            "Where mother is staying",
            phrases=["refuge"],
            primary=True,
            identified_on="2024-02-01",
        ),
        reviewed="2024-02-01",
        reviewed_by="Hannah Okafor",
    )
    for document in ("summary", "supervision"):
        for fmt in ("docx", "pdf"):
            result = export(ws, tmp_path, document, fmt)
            if fmt == "docx":
                text = " ".join(docx_parts_text(result.path).values())
            else:
                text = " ".join(pdf_pages(result.path))
            assert "Willow" not in text and "refuge" not in text.replace("'refuge'", "")
    assert "quotation from an entry marked confidential" in result.redaction_log.read_text()
