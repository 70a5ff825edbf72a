"""References and names refuse control and bidi characters and over-long values; documents drop
direction overrides and wrap or shorten long values, so that layout always ends."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chronology.cases import CaseError, add_case, add_child, add_person, get_case, update_case
from chronology.models import Person
from chronology.workspace import Workspace
from exports.document import Document, Paragraph, Table
from exports.layout import lay_out
from exports.text import clean

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, THROUGHLINE_HOME=str(home)),
        timeout=120,
    )


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        ("AB\x1b[2J12", "control character (U+001B, escape)"),
        ("AB\x0712", "control character (U+0007, bell)"),
        ("AB\u202e21", "direction-changing character (U+202E"),
        ("AB\u206612", "direction-changing character (U+2066"),
        ("A" * 61, "at most 60"),
    ],
)
def test_a_case_reference_with_control_bidi_or_too_many_characters_is_refused(
    ws: Workspace, ref: str, words: str
) -> None:
    with pytest.raises(CaseError, match=re.escape(words)):
        add_case(ws, ref, "Ivy Marsh")
    assert ws.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0


def test_names_refuse_them_too_and_an_address_keeps_its_lines(ws: Workspace) -> None:
    case = add_case(ws, "C-77", "Ivy Marsh")
    with pytest.raises(CaseError, match="child's name"):
        add_case(ws, "C-78", "Ivy\u202eMarsh")
    with pytest.raises(CaseError, match="child's name"):
        add_child(ws, case.id or 0, "Ned\x1bMarsh")
    with pytest.raises(CaseError, match="person's name"):
        add_person(ws, Person(case.id or 0, "Kai\u200fFord", "father"))
    with pytest.raises(CaseError, match="worker's name"):
        update_case(ws, "C-77", worker="Sam\x00Lane")
    with pytest.raises(CaseError, match="court case number"):
        update_case(ws, "C-77", court_case_number="FN" + "1" * 70)
    with pytest.raises(CaseError, match="work address"):
        update_case(ws, "C-77", work_address="Civic Offices\nRow\u202e 4")
    person = add_person(ws, Person(case.id or 0, "Kai Ford", "father", "1 Elm Row\nFenwick"))
    assert person.address == "1 Elm Row\nFenwick"
    assert update_case(ws, "C-77", work_address="Civic Offices\nRow 4").work_address == (
        "Civic Offices\nRow 4"
    )
    assert get_case(ws, "C-77").worker in (None, "")


def test_the_command_line_refuses_and_shows_the_character_without_obeying_it(
    tmp_path: Path,
) -> None:
    result = run(
        "case", "add", "--workspace", str(tmp_path / "w.db"), "--ref", "RED\x1b[31mX",
        "--child", "Ivy Marsh", home=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "<U+001B>" in result.stderr
    assert "Traceback" not in result.stderr


def test_direction_overrides_never_reach_a_document() -> None:
    assert clean("Seen at \u202eemoh\u202c today") == "Seen at emoh today"
    assert clean("Arabic \u0627\u0644 stays") == "Arabic \u0627\u0644 stays"


def _old_workspace_with_a_long_reference(path: Path, ref: str) -> None:
    """A workspace from before references were limited (the limit is at input)."""
    with Workspace.open(path) as ws:
        add_case(ws, "LONG", "Ivy Marsh")
        update_case(ws, "LONG", court="Family Court at Elmbridge", court_case_number="EB24C00077")
        ws.conn.execute("UPDATE cases SET ref=? WHERE ref='LONG'", (ref,))


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("document", ["summary", "internal-summary"])
def test_a_thousand_character_reference_exports_a_summary_that_ends(
    tmp_path: Path, fmt: str, document: str
) -> None:
    ref = "R" * 1000
    db = tmp_path / "w.db"
    _old_workspace_with_a_long_reference(db, ref)
    out = tmp_path / f"summary.{fmt}"
    result = run(
        "export", "--workspace", str(db), "--case", ref, "--document", document,
        "--format", fmt, "--output", str(out), home=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    if fmt == "pdf":
        reader = pypdf.PdfReader(out)
        assert len(reader.pages) <= 6
        first = reader.pages[0].extract_text()
        assert ("CASE SUMMARY" in first) and (document == "summary" or "R" * 20 in first)
    else:
        doc = docx.Document(str(out))
        header = "".join(p.text for p in doc.sections[0].header.paragraphs)
        assert len(header) <= 130
        if document == "internal-summary":
            assert header.endswith("…")
            assert ref in "".join(c.text for t in doc.tables for r in t.rows for c in r.cells)


unbreakable = st.text(alphabet="RWM@/-.", min_size=1, max_size=3000)


@settings(max_examples=40, deadline=None)
@example(header=["R" * 1000, "Case"], cells=["x", "W" * 2500], rows=2)  # taller than a page
@given(
    header=st.lists(unbreakable, min_size=1, max_size=4),
    cells=st.lists(unbreakable, min_size=1, max_size=4),
    rows=st.integers(1, 6),
)
def test_any_table_of_long_unbroken_values_is_laid_out_on_a_bounded_number_of_pages(
    header: list[str], cells: list[str], rows: int
) -> None:
    width = min(len(header), len(cells))
    table = Table(header[:width], [cells[:width]] * rows, [1.0] * width)
    doc = Document("test", "Test", "Tester", [Paragraph.of("Before"), table])
    laid = lay_out(doc)
    # Every page carries at least one line of the table: pages never outnumber its lines.
    longest = max(len(v) for v in cells[:width])
    assert len(laid.pages) <= 2 + rows * (longest // 2 + 1)
    assert all(page for page in laid.pages)
