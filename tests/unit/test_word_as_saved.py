"""Word chronologies as they are saved: Strict Open XML, and a date column under any header."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from chronology.entries import list_entries
from chronology.importers import docx_reader
from chronology.importers.pipeline import run_import
from chronology.importers.records import FileRefused
from chronology.importers.strict_ooxml import STRICT_TO_TRANSITIONAL
from chronology.models import Case
from chronology.workspace import Workspace

ROWS = [
    ("14/03/2023", "School", "Arrived late and hungry; a breakfast club place was offered."),
    ("w/c 3 July 2023", "Health visitor", "Home visit: weight checked, sleep advice given."),
    ("Spring 2023", "Police", "Domestic incident reported by a neighbour; no arrests made."),
]


def _transitional(header: tuple[str, str, str] = ("Date", "Source", "Event")) -> bytes:
    document = docx.Document()
    document.add_paragraph("Chronology prepared by the previous worker")
    table = document.add_table(rows=1, cols=3)
    for cell, name in zip(table.rows[0].cells, header, strict=True):
        cell.text = name
    for row in ROWS:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    a, b = table.cell(1, 1), table.cell(2, 1)
    a.merge(b)  # a merged cell, as Word writes them
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _as_strict(data: bytes, path: Path) -> Path:
    """The same document written the way Word's 'Strict Open XML Document' writes it."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w") as out:
        for item in source.infolist():
            part = source.read(item)
            if item.filename.endswith((".xml", ".rels")):
                for strict, transitional in STRICT_TO_TRANSITIONAL:
                    part = part.replace(transitional, strict)
                if item.filename == "word/document.xml":
                    part = part.replace(b"<w:document ", b'<w:document w:conformance="strict" ', 1)
            out.writestr(item, part)
    return path


def test_python_docx_alone_cannot_open_the_strict_fixture(tmp_path: Path) -> None:
    path = _as_strict(_transitional(), tmp_path / "strict.docx")
    with pytest.raises(KeyError):  # which is why the reader translates the names itself
        docx.Document(str(path))


def test_a_strict_open_xml_chronology_is_read(ws: Workspace, case: Case, tmp_path: Path) -> None:
    path = _as_strict(_transitional(), tmp_path / "previous chronology (strict).docx")
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is None, report.error
    assert report.imported == 3
    assert any("Strict Open XML" in n for n in report.notes)
    entries = {e.text: e for e in list_entries(ws, case.id or 0)}
    assert entries[ROWS[0][2]].date == "2023-03-14"
    assert entries[ROWS[1][2]].precision.value == "week"
    assert entries[ROWS[2][2]].precision.value == "season"


def test_a_strict_package_that_cannot_be_read_is_named_with_how_to_resave(
    tmp_path: Path,
) -> None:
    path = _as_strict(_transitional(), tmp_path / "broken.docx")
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    parts["word/document.xml"] = b"<not-xml"
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    with pytest.raises(FileRefused) as caught:
        list(docx_reader.read(path))
    assert "Strict Open XML" in str(caught.value) and "Word Document (*.docx)" in str(caught.value)


def test_a_table_whose_date_column_has_another_header_is_found(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    path = tmp_path / "history.docx"
    path.write_bytes(_transitional(("Occurred", "Who", "What happened")))
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is None and report.imported == 3
    assert report.mapping is not None and report.mapping.column_of("date") == "Occurred"
