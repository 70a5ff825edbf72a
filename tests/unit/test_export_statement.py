"""The witness statement, read back from Word and PDF: the court's rules, checked one by one."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.shared import Cm
from test_export_fixtures import build_case, docx_parts_text, export, pdf_pages

from chronology.cases import update_case
from chronology.models import Case
from chronology.workspace import Workspace
from exports.common import MissingDetails
from exports.statement import TRUTH_BELIEF, TRUTH_CONTEMPT

TOP_RIGHT = [
    "Filed on behalf of: Kestrel Vale Borough Council (applicant)",
    "Witness: H Okafor",
    "Statement No: 1st",
    "Exhibits: HO/1",
    "Date: 03/02/2025",
]


@pytest.fixture
def court_case(ws: Workspace) -> Case:
    return build_case(ws)


def test_word_statement_follows_the_rules(ws: Workspace, court_case: Case, tmp_path: Path):
    result = export(ws, tmp_path, "statement", "docx")
    d = docx.Document(str(result.path))
    section = d.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
    for margin in (
        section.left_margin,
        section.right_margin,
        section.top_margin,
        section.bottom_margin,
    ):
        assert margin >= Cm(3.5)
    texts = [p.text for p in d.paragraphs]
    assert texts[: len(TOP_RIGHT)] == TOP_RIGHT
    assert all(p.alignment == 2 for p in d.paragraphs[: len(TOP_RIGHT)])  # right
    for line in (
        "IN THE FAMILY COURT AT KESTREL VALE",
        "Case No: KV24C00123",
        "IN THE MATTER OF THE CHILDREN ACT 1989",
        "AND IN THE MATTER OF Maya Ellis (born 21/07/2019)",
    ):
        assert line in texts
    numbered = [p for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(numbered) >= 8
    assert numbered[0].style.name == "Numbered Paragraph"
    assert numbered[0].text.startswith("I am Hannah Okafor.")
    # statement of truth: verbatim, family order, then signature, name and date
    i = texts.index(TRUTH_CONTEMPT)
    assert texts[i + 1] == TRUTH_BELIEF
    assert texts[i + 2].startswith("Signed:")
    assert texts[i + 3] == "Name: Hannah Okafor"
    assert texts[i + 5] == "Date: 03/02/2025"
    # real styles, 12 pt Arial with 1.5 line spacing
    styles = docx_parts_text(result.path)["word/styles.xml"]
    assert 'w:ascii="Arial"' in styles and '<w:sz w:val="24"/>' in styles
    assert 'w:line="360" w:lineRule="auto"' in styles
    assert d.styles["Heading 1"].type == 1
    # header endorsement and Page X of Y fields
    assert "Case No: KV24C00123 | HO" in section.header.paragraphs[0].text
    footer = docx_parts_text(result.path)["word/footer1.xml"]
    assert "PAGE" in footer and "NUMPAGES" in footer and "Page " in footer
    numbering = docx_parts_text(result.path)["word/numbering.xml"]
    assert "<w:abstractNum " in numbering and '<w:num w:numId="1">' in numbering
    # the court chronology is exhibited, with its header row repeating
    assert "Exhibit HO/1" in texts
    assert "<w:tblHeader/>" in docx_parts_text(result.path)["word/document.xml"]
    assert [c.text for c in d.tables[0].rows[0].cells] == [
        "No.",
        "Date",
        "Event",
        "Source / document reference",
        "Bundle page",
    ]
    assert not any("DRAFT" in t for t in texts) and "DRAFT" not in section.header.paragraphs[0].text
    assert d.core_properties.author == "Hannah Okafor"
    assert d.core_properties.title.startswith("Witness statement of Hannah Okafor")


def test_pdf_statement_follows_the_rules(ws: Workspace, court_case: Case, tmp_path: Path):
    result = export(ws, tmp_path, "statement", "pdf")
    pages = pdf_pages(result.path)
    n = len(pages)
    assert n == result.pages
    for i, text in enumerate(pages, start=1):
        assert f"Page {i} of {n}" in text
        assert "Case No: KV24C00123 | HO" in text
    first = re.sub(r"\s+", " ", pages[0])
    for line in TOP_RIGHT:
        assert line in first
    assert "IN THE MATTER OF THE CHILDREN ACT 1989" in first
    whole = re.sub(r"\s+", " ", " ".join(pages))
    assert TRUTH_CONTEMPT in whole
    assert whole.index(TRUTH_CONTEMPT) < whole.index(TRUTH_BELIEF) < whole.index("Name: Hannah")
    assert re.search(r"\b1\. I am Hannah Okafor", whole)
    import pypdf

    reader = pypdf.PdfReader(str(result.path))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert reader.metadata.title.startswith("Witness statement of Hannah Okafor")
    assert reader.metadata.author == "Hannah Okafor"
    fonts = str(reader.pages[0]["/Resources"]["/Font"].get_object())
    assert "/F" in fonts  # embedded TrueType subsets, not the 14 standard fonts
    assert result.counted_pages is not None and result.counted_pages < n
    assert result.page_limit == 25


def test_exhibit_numbers_run_on_across_statements(ws: Workspace, court_case: Case, tmp_path: Path):
    assert export(ws, tmp_path, "statement", "docx").exhibit == "HO/1"
    assert export(ws, tmp_path, "statement", "pdf").exhibit == "HO/1"  # same statement again
    update_case(ws, court_case.ref, statement_number=2)
    result = export(ws, tmp_path, "statement", "docx")
    assert result.exhibit == "HO/2"
    texts = [p.text for p in docx.Document(str(result.path)).paragraphs]
    assert "Statement No: 2nd" in texts and "Exhibits: HO/2" in texts


def test_missing_statement_details_are_asked_for(ws: Workspace, court_case: Case, tmp_path: Path):
    update_case(ws, court_case.ref, court="", party="")
    try:
        export(ws, tmp_path, "statement", "docx")
    except MissingDetails as exc:
        assert "party" in str(exc) and "court" in str(exc) and "case edit" in str(exc)
    else:
        raise AssertionError("a statement without a court was written")
    assert not (tmp_path / "statement.docx").exists()


def test_the_statement_is_the_witness_s_own_evidence(
    ws: Workspace, court_case: Case, tmp_path: Path
):
    texts = [
        p.text
        for p in docx.Document(str(export(ws, tmp_path, "statement", "docx").path)).paragraphs
    ]
    order = [
        "Introduction",
        "My involvement and observations",
        "Background and the proceedings",
        "My assessment of the risks to Maya Ellis",
        "The child's wishes and feelings",
        "Analysis",
        "Recommendations",
        "Statement of truth",
    ]
    assert [texts.index(h) for h in order] == sorted(texts.index(h) for h in order)
    risk = texts[texts.index("My assessment of the risks to Maya Ellis") + 1]
    assert risk.startswith(
        "Conditional threat. My assessment is that if unsupported contact is ordered, mother may "
        "harm herself and Maya. I consider this urgent."
    )
    assert "IF " not in risk and "THEN" not in risk and "review" not in risk.lower()
    assert texts.index("Maya lives with her mother.") < texts.index("She attends nursery.")
    assert (
        "My work address is Civic Offices, 1 Quay Street, Northfield NF1 1AA."
        in texts[texts.index("Introduction") + 1]
    )
    assert [t for t in texts[texts.index("BETWEEN") : texts.index("BETWEEN") + 6]] == [
        "BETWEEN",
        "Northfield Council",
        "Applicant",
        "and",
        "D Ellis",
        "Respondent",
    ]
    # the records are not retold: no "recorded:" narration, events are numbers
    assert not any(" recorded: " in t for t in texts)


def test_statement_of_truth_never_stands_alone(ws: Workspace, court_case: Case, tmp_path: Path):
    from summary.narrative import set_narrative

    set_narrative(ws, court_case.ref, "analysis", "\n\n".join(["A long paragraph. " * 30] * 6))
    for _ in range(2):
        pages = pdf_pages(export(ws, tmp_path, "statement", "pdf").path)
        page = next(p for p in pages if "I understand that proceedings for contempt" in p)
        assert re.search(r"^\d+\.\s", page, re.MULTILINE), page[:200]
        assert "I recommend a supervision order." in page
        set_narrative(ws, court_case.ref, "analysis", "Short.")
