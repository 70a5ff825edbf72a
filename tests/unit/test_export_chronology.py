"""Court chronology, full chronology and CSV, read back and checked."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import pytest
from test_export_fixtures import (
    build_case,
    docx_parts_text,
    export,
    pdf_pages,
)

from chronology.models import Case
from chronology.workspace import Workspace
from exports.chronology_doc import COURT_COLUMNS, CSV_COLUMNS
from exports.csv_writer import neutralise


@pytest.fixture
def court_case(ws: Workspace) -> Case:
    return build_case(ws)


def _rows(path: Path) -> list[list[str]]:
    table = docx.Document(str(path)).tables[0]
    return [[c.text for c in row.cells] for row in table.rows]


def test_court_chronology_columns_period_and_summary(
    ws: Workspace, court_case: Case, tmp_path: Path
):
    result = export(ws, tmp_path, "court-chronology", "docx")
    rows = _rows(result.path)
    assert rows[0] == COURT_COLUMNS
    assert COURT_COLUMNS == ["No.", "Date", "Event", "Source / document reference", "Bundle page"]
    dates = [r[1] for r in rows[1:]]
    # significant, key and in-court events from the start of the proceedings to the latest
    assert dates == [
        "19/09/2023",
        "18/01/2024",
        "01/03/2024",
        "18/06/2024",
        "19/11/2024 10:00",
    ]
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, len(rows))]
    assert rows[2][3] == "Health Visiting"  # the agency; no file name, no row number
    assert not any("hv.csv" in r[3] or "row " in r[3] for r in rows[1:])
    assert {r[4] for r in rows[1:]} == {""}  # the bundle page is left to fill
    texts = [p.text for p in docx.Document(str(result.path)).paragraphs]
    opening = next(t for t in texts if t.startswith("The records of"))
    assert "from 02/03/2021 to 19/11/2024" in opening and "3 years and 8 months" in opening
    assert (
        "from 19/09/2023 (the start of the proceedings) to 19/11/2024 (the latest entry)" in opening
    )
    assert "<w:tblHeader/>" in docx_parts_text(result.path)["word/document.xml"]
    assert result.page_limit == 10 and result.pages and result.pages <= 10


def test_from_and_to_change_the_period(ws: Workspace, court_case: Case, tmp_path: Path):
    result = export(
        ws, tmp_path, "court-chronology", "docx", date_from="2021-01-01", date_to="2023-12-31"
    )
    dates = [r[1] for r in _rows(result.path)[1:]]
    assert dates == ["02/03/2021", "04/05/2023", "19/09/2023"]


def test_pdf_repeats_the_header_row(ws: Workspace, tmp_path: Path):
    build_case(ws)
    from chronology.entries import add_entry
    from chronology.models import Entry, Precision, Significance

    for i in range(60):
        add_entry(
            ws,
            Entry(
                1,
                f"2024-07-{1 + i % 28:02d}",
                Precision.DAY,
                f"Significant {i}",
                significance=Significance.SIGNIFICANT,
                agency="Police",
            ),
        )
    result = export(ws, tmp_path, "court-chronology", "pdf")
    pages = pdf_pages(result.path)
    assert len(pages) >= 3
    for text in pages[1:]:
        assert "Source /\ndocument" in text and "No." in text and "Bundle" in text
    assert "Page 1 of" in pages[0]


def test_full_chronology_each_event_once_portrait_and_filtered(
    ws: Workspace, court_case: Case, tmp_path: Path
):
    result = export(ws, tmp_path, "chronology", "docx", agencies=["Family Court"])
    rows = _rows(result.path)
    assert rows[0] == ["No.", "Date", "Event", "Source"]
    assert all(r[3].startswith("Family Court") for r in rows[1:]) and len(rows) == 3
    section = docx.Document(str(result.path)).sections[0]
    assert section.page_height > section.page_width  # portrait
    cell = docx.Document(str(result.path)).tables[0].rows[2].cells[2].paragraphs[0]
    assert cell.runs[0].bold and cell.runs[0].text == "Final hearing: unsupported contact granted"
    assert "Significance: key" in cell.text
    everything = export(ws, tmp_path, "chronology", "pdf")
    assert everything.pages and everything.pages >= 2
    text = " ".join(pdf_pages(everything.path))
    assert text.count("Final hearing: unsupported contact granted") == 1  # once, not twice


def test_csv_has_every_column_a_bom_and_no_live_formulas(
    ws: Workspace, court_case: Case, tmp_path: Path
):
    result = export(ws, tmp_path, "chronology", "csv")
    raw = result.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == 9
    cells = [c for row in rows[1:] for c in row]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert "Zoë Ó Briain" in raw.decode("utf-8-sig") and "שרה כהן" in raw.decode("utf-8-sig")


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+44 7700") == "'+44 7700"
    assert neutralise("-3") == "'-3"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("\tx") == "'\tx"
    assert neutralise("\x01=cmd") == "'=cmd"
    assert neutralise("  =x") == "'  =x"
    assert neutralise("\uff1dcmd") == "'\uff1dcmd"
    assert neutralise("plain") == "plain"
    assert neutralise(None) == "" and neutralise(True) == "yes"
