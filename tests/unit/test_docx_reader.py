"""The Word reader on chronology tables made here with python-docx: merges, repeats, nesting."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from chronology.importers import docx_reader
from chronology.importers.records import FileRefused, ReaderInfo, SourceRecord

HEADER = ["Date", "Source", "Event", "Significance"]


def _read(path: Path) -> tuple[ReaderInfo, list[SourceRecord]]:
    items = list(docx_reader.read(path))
    assert isinstance(items[0], ReaderInfo)
    return items[0], [i for i in items if isinstance(i, SourceRecord)]


def _table(document: docx.document.Document, rows: list[list[str]]) -> docx.table.Table:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    return table


def _mark_header(row: docx.table._Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def test_vertically_merged_date_gives_both_rows_the_date(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Chronology of significant events (fictional)")
    table = _table(
        document,
        [
            HEADER,
            ["13/03/2023", "Family Court", "First hearing held.", "Proceedings under way."],
            ["", "Family Court", "Interim order: supervised contact.", "Contact begins."],
            ["19/04/2023", "Contact Centre", "First supervised contact.", ""],
        ],
    )
    table.cell(1, 0).merge(table.cell(2, 0)).text = "13/03/2023"
    path = tmp_path / "chronology.docx"
    document.save(path)
    info, records = _read(path)
    assert info.format == "docx"
    assert info.columns == HEADER
    assert info.header_row == 1
    assert [(r.row, r.values["Date"]) for r in records] == [
        (1, "13/03/2023"),
        (2, "13/03/2023"),
        (3, "19/04/2023"),
    ]
    assert records[1].values["Event"] == "Interim order: supervised contact."


def test_horizontally_merged_cell_is_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = _table(
        document,
        [HEADER, ["05/10/2022", "Housing", "Flat offered; declined.", "Stairs remain a risk."]],
    )
    merged = table.cell(1, 2).merge(table.cell(1, 3))
    merged.text = "Flat offered; declined because of the stairs."
    path = tmp_path / "hmerge.docx"
    document.save(path)
    _info, (record,) = _read(path)
    assert record.values["Event"] == "Flat offered; declined because of the stairs."
    assert record.values["Significance"] == ""  # not the same text twice


def test_repeated_header_rows_and_empty_rows_are_skipped(tmp_path: Path) -> None:
    document = docx.Document()
    table = _table(
        document,
        [
            HEADER,
            ["17/06/2022", "GP", "GP letter received.", "Mental health."],
            ["", "", "", ""],
            HEADER,  # the header again, as Word repeats it after a page break
            ["21/08/2022", "Police", "Police attended.", "First contact."],
        ],
    )
    _mark_header(table.rows[0])
    _mark_header(table.rows[3])
    path = tmp_path / "repeats.docx"
    document.save(path)
    _info, records = _read(path)
    assert [r.values["Date"] for r in records] == ["17/06/2022", "21/08/2022"]
    assert [r.row for r in records] == [1, 4]  # rows below the header, as in the table


def test_the_table_with_a_date_column_is_chosen(tmp_path: Path) -> None:
    document = docx.Document()
    _table(document, [["Child", "Riley Example"], ["Worker", "Ana Price"]])
    _table(document, [["When", "What"], ["01/05/2024", "Home visit"]])
    path = tmp_path / "two_tables.docx"
    document.save(path)
    info, records = _read(path)
    assert info.columns == ["When", "What"]
    assert records[0].values == {"When": "01/05/2024", "What": "Home visit"}
    assert any("table 2" in n for n in info.notes)


def test_a_form_table_with_a_date_value_is_not_taken_for_the_chronology(tmp_path: Path) -> None:
    document = docx.Document()
    _table(document, [["Date of report", "01/02/2024"], ["Author", "Ana Price"]])
    _table(document, [HEADER, ["17/06/2022", "GP", "GP letter received.", "Mental health."]])
    path = tmp_path / "form_then_chronology.docx"
    document.save(path)
    info, records = _read(path)
    assert info.columns == HEADER
    assert records[0].values["Source"] == "GP"


def test_chronology_split_over_two_tables_is_read_whole(tmp_path: Path) -> None:
    document = docx.Document()
    _table(document, [["Date", "Event"], ["01/05/2024", "Visit"]])  # a short key-dates table
    _table(
        document,
        [HEADER, ["17/06/2022", "GP", "GP letter.", ""], ["18/06/2022", "HV", "Visit.", ""]],
    )
    document.add_paragraph("Continued")
    _table(document, [HEADER, ["21/08/2022", "Police", "Police attended.", ""]])
    path = tmp_path / "split.docx"
    document.save(path)
    info, records = _read(path)
    assert info.columns == HEADER
    assert [r.values["Date"] for r in records] == ["17/06/2022", "18/06/2022", "21/08/2022"]
    assert [r.row for r in records] == [1, 2, 3]
    assert any("table(s) 1" in n for n in info.notes)  # the table not read is reported


def test_nested_table_is_found(tmp_path: Path) -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=1)
    inner = outer.cell(0, 0).add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "Date of event"
    inner.cell(0, 1).text = "Details"
    inner.cell(1, 0).text = "02/02/2024"
    inner.cell(1, 1).text = "Strategy discussion held."
    path = tmp_path / "nested.docx"
    document.save(path)
    info, records = _read(path)
    assert info.columns == ["Date of event", "Details"]
    assert records[0].values["Details"] == "Strategy discussion held."


def test_tracked_insertions_are_read_and_deletions_are_not(tmp_path: Path) -> None:
    document = docx.Document()
    table = _table(document, [["Date", "Event"], ["01/05/2024", ""]])
    paragraph = table.cell(1, 1).paragraphs[0]
    paragraph.add_run("Visit ")
    inserted = OxmlElement("w:ins")
    inserted.set(qn("w:id"), "1")
    inserted.set(qn("w:author"), "Ana Price")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "completed"
    run.append(text)
    inserted.append(run)
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "2")
    deleted.set(qn("w:author"), "Ana Price")
    run = OxmlElement("w:r")
    gone = OxmlElement("w:delText")
    gone.text = " cancelled"
    run.append(gone)
    deleted.append(run)
    paragraph._p.append(inserted)
    paragraph._p.append(deleted)
    path = tmp_path / "tracked.docx"
    document.save(path)
    _info, (record,) = _read(path)
    assert record.values["Event"] == "Visit completed"


def test_document_without_a_date_table_is_refused(tmp_path: Path) -> None:
    document = docx.Document()
    _table(document, [["Name", "Role"], ["Ana Price", "Social worker"]])
    path = tmp_path / "no_dates.docx"
    document.save(path)
    with pytest.raises(FileRefused, match="no table with a Date column in this document"):
        list(docx_reader.read(path))


def test_document_without_any_table_is_refused(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("17/06/2022 GP letter received.")
    path = tmp_path / "prose.docx"
    document.save(path)
    with pytest.raises(FileRefused, match="no table"):
        list(docx_reader.read(path))


def test_date_table_without_rows_is_refused(tmp_path: Path) -> None:
    document = docx.Document()
    _table(document, [HEADER, ["", "", "", ""]])
    path = tmp_path / "empty_table.docx"
    document.save(path)
    with pytest.raises(FileRefused, match="has no rows"):
        list(docx_reader.read(path))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Date,Event\n", "not a Word document"),
        (b"PK\x03\x04 cut short", "damaged"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, r"\.doc"),
        (b"", "empty"),
    ],
)
def test_unreadable_documents_are_refused_plainly(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(FileRefused, match=message):
        list(docx_reader.read(path))


def test_workbook_renamed_docx_is_refused(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "actually_a_workbook.docx"
    openpyxl.Workbook().save(path)
    with pytest.raises(FileRefused, match="not a Word document"):
        list(docx_reader.read(path))


def test_damaged_document_properties_do_not_stop_the_rows(tmp_path: Path) -> None:
    """The title and author properties are metadata: a damaged properties part is passed over."""
    sound = tmp_path / "sound.docx"
    document = docx.Document()
    _table(document, [["Date", "Event"], ["03/02/2024", "Home visit, all well"]])
    document.save(str(sound))
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(sound) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                body = (
                    b'<?xml version="1.0"?><properties xmlns="urn:not-core"><t>x</t></properties>'
                )
            dst.writestr(item, body)
    _, records = _read(damaged)
    assert [r.values.get("Event") for r in records] == ["Home visit, all well"]
