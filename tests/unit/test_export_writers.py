"""The writers on their own: hostile text, long words, huge notes, atomic writes, layout."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.atomic import atomic_target
from exports.document import Document, Heading, PageSetup, Paragraph, Run, Table
from exports.docx_writer import write_docx
from exports.fonts import pdf_font
from exports.layout import Measurer, lay_out
from exports.pdf_writer import write_pdf
from exports.text import clean, visual_order

HOSTILE = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from("<>&\"'\x00\x01\x0b\x0c\x1f\n\t\r\u202e\u200f=+-@"),
        st.sampled_from("שלום مرحبا Zoë Łukasz Nguyễn 😀"),
    ),
    max_size=120,
)


def _doc(text: str, rows: int = 3) -> Document:
    return Document(
        "test",
        f"Title {text[:20]}",
        "Author",
        [
            Heading(text or "empty"),
            Paragraph.of(text, numbered=True),
            Paragraph([Run("Bold: ", bold=True), Run(text)]),
            Table(["A", "B"], [[text, f"{i} {text}"] for i in range(rows)], [1, 2]),
        ],
        endorsement=f"Case {text[:10]}",
    )


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE)
def test_hostile_text_survives_word(text: str):
    buffer = io.BytesIO()
    write_docx(_doc(text), buffer)
    d = docx.Document(io.BytesIO(buffer.getvalue()))
    expected = clean(text)
    body = "\n".join(p.text for p in d.paragraphs)
    assert _flat(expected) in _flat(body)
    assert _flat(expected) in _flat(d.tables[0].rows[1].cells[0].text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE)
def test_hostile_text_survives_pdf(text: str, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("pdf") / "x.pdf"
    result = write_pdf(_doc(text), path)
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == result.pages
    assert "Page 1 of" in reader.pages[0].extract_text()
    drawn = _flat("".join(result.drawn))
    # every character the text holds is drawn (line breaks aside), in order
    assert _flat(clean(text)) in drawn


def test_accents_and_right_to_left_text_are_searchable(tmp_path: Path):
    names = "Zoë Ó Briain, Łukasz Wójcik, Nguyễn Thị, שרה כהן, Ωμέγα, Жанна"
    path = tmp_path / "n.pdf"
    write_pdf(_doc(names, rows=1), path)
    text = pypdf.PdfReader(str(path)).pages[0].extract_text()
    for name in ("Zoë Ó Briain", "Łukasz Wójcik", "Nguyễn Thị", "שרה כהן", "Ωμέγα", "Жанна"):
        assert name in text


def test_missing_glyphs_and_astral_characters_stay_text(tmp_path: Path):
    path = tmp_path / "a.pdf"
    write_pdf(_doc("Arabic مرحبا and 😀 and 漢字", rows=1), path)
    text = pypdf.PdfReader(str(path)).pages[0].extract_text()
    assert "😀" in text and "漢字" in text
    assert "مرحبا" in text or "ابحرم" in text


def test_long_words_wrap_inside_the_page(tmp_path: Path):
    url = "https://records.example/" + "a" * 300 + "?q=" + "b" * 100
    doc = _doc(url, rows=2)
    laid = lay_out(doc)
    font = pdf_font()
    right = laid.width - doc.setup.margin_cm * 72 / 2.54
    for page in laid.pages:
        for op in page:
            if op[0] == "t":
                width = font.width(op[3], op[4]) * (1.07 if op[5] else 1)
                assert op[1] + width <= right + 0.5, op[3][:30]
    path = tmp_path / "u.pdf"
    write_pdf(doc, path)
    assert _flat(url) in _flat(" ".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages))


def test_a_10000_character_note_splits_across_pages(tmp_path: Path):
    note = " ".join(f"word{i}" for i in range(1700))
    assert len(note) > 10_000
    doc = Document("t", "T", "A", [Table(["No.", "Note"], [["1", note]], [1, 6])])
    path = tmp_path / "n.pdf"
    result = write_pdf(doc, path)
    assert result.pages >= 3
    pages = [p.extract_text() for p in pypdf.PdfReader(str(path)).pages]
    assert all("Note" in p for p in pages)  # header row on every page
    assert "word0" in pages[0] and "word1699" in pages[-1]
    write_docx(doc, tmp_path / "n.docx")
    assert docx.Document(str(tmp_path / "n.docx")).tables[0].rows[1].cells[1].text == note


def test_word_xml_is_well_formed_with_controls(tmp_path: Path):
    path = tmp_path / "c.docx"
    write_docx(_doc("a\x00b\x01c\x0bd\x1fe\ufffef<&>", rows=1), path)
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                etree.fromstring(z.read(name))
    assert "ab" in docx.Document(str(path)).paragraphs[1].text


def test_failed_write_leaves_the_old_file(tmp_path: Path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_target(target) as tmp:
        tmp.write_bytes(b"half a file")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]
    with atomic_target(target) as tmp:
        write_docx(_doc("new"), tmp)
    assert docx.Document(str(target)).paragraphs[0].text == "new"


def test_missing_folder_is_a_plain_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError), atomic_target(tmp_path / "nope" / "x.pdf"):
        pass


@settings(max_examples=40, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab cdefghij\nklmnopqrstuvwxyzXYZ0123-/"), max_size=400),
    st.floats(min_value=20, max_value=400),
)
def test_line_count_matches_wrapping(text: str, width: float):
    m = Measurer(pdf_font())
    lines = m.wrap(text, width, 12)
    assert m.count_lines(text, width, 12, 10_000) == len(lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")


def test_visual_order_reverses_only_right_to_left_runs():
    assert visual_order("Mother: שרה כהן, age 30") == "Mother: ןהכ הרש, age 30"
    assert visual_order("plain") == "plain"
    assert visual_order("דירה 12 ב") == "ב 12 הריד"


def test_landscape_and_page_numbers():
    doc = Document("t", "T", "A", [Paragraph.of("x")], setup=PageSetup(landscape=True))
    laid = lay_out(doc)
    assert laid.width > laid.height
