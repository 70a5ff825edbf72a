"""Hostile files of every kind, built here (never read from elsewhere): bombs, deep JSON, huge
fields. Used by the hostile-file tests and by benchmarks/bench_hostile.py."""

from __future__ import annotations

import json
import random
import string
import struct
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Notes" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
_DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ),
}
_SHEET_HEAD = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"
_HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Note</t></is></c></row>'
)


def _package(
    path: Path,
    parts: dict[str, str],
    big_name: str,
    big: Iterable[bytes],
    understate: bool = False,
) -> Path:
    """A zip package whose part ``big_name`` streams from ``big``.

    ``understate``: the package's headers then claim that part is 4 KB, whatever it holds.
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for name, text in parts.items():
            package.writestr(name, text)
        with package.open(big_name, "w") as out:
            for piece in big:
                out.write(piece)
        info = package.getinfo(big_name)
    if understate:
        data = bytearray(path.read_bytes())
        small = struct.pack("<I", 4096)
        data[info.header_offset + 22 : info.header_offset + 26] = small  # local header
        central = data.rfind(b"PK\x01\x02", 0, data.rfind(big_name.encode()))
        data[central + 24 : central + 28] = small  # central directory
        path.write_bytes(bytes(data))
    return path


def _repeat(block: bytes, total: int) -> Iterable[bytes]:
    unit = block * max(1, (1 << 20) // len(block))
    sent = 0
    while sent < total:
        yield unit
        sent += len(unit)


def xlsx_zip_bomb(path: Path, unpacked: int = 300_000_000) -> Path:
    """A small workbook whose one sheet unpacks to ``unpacked`` bytes of identical rows."""
    row = b'<row><c t="inlineStr"><is><t>01/02/2024</t></is></c><c><v>1</v></c></row>'

    def sheet() -> Iterable[bytes]:
        yield (_SHEET_HEAD + _HEADER_ROW).encode()
        yield from _repeat(row, unpacked)
        yield _SHEET_TAIL.encode()

    return _package(path, _XLSX_PARTS, "xl/worksheets/sheet1.xml", sheet())


def xlsx_understated_bomb(path: Path, unpacked: int = 300_000_000) -> Path:
    """A zip bomb whose package claims the sheet is a few kilobytes."""
    row = b'<row><c t="inlineStr"><is><t>01/02/2024</t></is></c><c><v>1</v></c></row>'

    def sheet() -> Iterable[bytes]:
        yield (_SHEET_HEAD + _HEADER_ROW).encode()
        yield from _repeat(row, unpacked)
        yield _SHEET_TAIL.encode()

    return _package(path, _XLSX_PARTS, "xl/worksheets/sheet1.xml", sheet(), understate=True)


def xlsx_far_cell(path: Path) -> Path:
    """Two cells, one at the sheet's far corner: Excel's reader would build a grid of 17 billion."""
    body = _HEADER_ROW + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return _package(
        path,
        _XLSX_PARTS,
        "xl/worksheets/sheet1.xml",
        [(_SHEET_HEAD + body + _SHEET_TAIL).encode()],
    )


def xlsx_wide_positional(path: Path) -> Path:
    """Cells without references: one row 16,384 cells wide, then a row a million down."""
    body = "<row>" + "<c><v>1</v></c>" * 16384 + '</row><row r="1000000"><c><v>2</v></c></row>'
    return _package(
        path,
        _XLSX_PARTS,
        "xl/worksheets/sheet1.xml",
        [(_SHEET_HEAD + _HEADER_ROW + body + _SHEET_TAIL).encode()],
    )


def xlsx_entity_bomb(path: Path) -> Path:
    """The 'billion laughs': nested XML entities in a worksheet."""
    return _package(
        path,
        _XLSX_PARTS,
        "xl/worksheets/sheet1.xml",
        [_laughs(_MAIN, "worksheet", '<sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;'
                 "</t></is></c></row></sheetData>").encode()],
    )  # fmt: skip


def _laughs(namespace: str, root: str, body: str) -> str:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    ]
    return (
        f'<?xml version="1.0"?><!DOCTYPE {root} [{"".join(entities)}]>'
        f'<{root} xmlns="{namespace}">{body}</{root}>'
    )


def _docx_row(cells: Iterable[str]) -> str:
    return (
        "<w:tr>"
        + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in cells)
        + "</w:tr>"
    )  # noqa: E501


def docx_zip_bomb(path: Path, unpacked: int = 300_000_000) -> Path:
    """A Word chronology whose table unpacks to ``unpacked`` bytes of identical rows."""
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">'
        "<w:body><w:tbl>" + _docx_row(["Date", "Event"])
    )
    row = _docx_row(["01/02/2024", "Home visit"]).encode()

    def document() -> Iterable[bytes]:
        yield head.encode()
        yield from _repeat(row, unpacked)
        yield b"</w:tbl></w:body></w:document>"

    return _package(path, _DOCX_PARTS, "word/document.xml", document())


def docx_many_elements(path: Path, rows: int = 400_000) -> Path:
    """A Word table of distinct rows, packed no tighter than a real one, with millions of nodes."""
    rng = random.Random(5)

    def document() -> Iterable[bytes]:
        yield (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">'
            "<w:body><w:tbl>" + _docx_row(["Date", "Event"])
        ).encode()
        for _ in range(rows // 1000):
            yield "".join(
                _docx_row([f"{rng.randint(1, 28):02d}/0{rng.randint(1, 9)}/20{rng.randint(10, 24)}",
                           "".join(rng.choices(string.ascii_lowercase, k=12))])
                for _ in range(1000)
            ).encode()  # fmt: skip
        yield b"</w:tbl></w:body></w:document>"

    return _package(path, _DOCX_PARTS, "word/document.xml", document())


def docx_entity_bomb(path: Path) -> Path:
    """The 'billion laughs' in a Word document's body."""
    body = (
        "<w:body><w:tbl>" + _docx_row(["Date", "Event"]) + _docx_row(["01/02/2024", "&lol9;"])
        + "</w:tbl></w:body>"
    )  # fmt: skip
    text = _laughs(_W, "w:document", body).replace(f'xmlns="{_W}"', f'xmlns:w="{_W}"')
    return _package(path, _DOCX_PARTS, "word/document.xml", [text.encode()])


def deep_json(path: Path, depth: int = 100_000) -> Path:
    """A FHIR-looking file nested ``depth`` lists deep."""
    inner = "[" * depth + "]" * depth
    path.write_text(
        '{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": '
        '{"resourceType": "Appointment", "status": "booked", "start": "2024-02-01T10:00:00Z", '
        f'"extension": {inner}}}}}]}}',
        encoding="utf-8",
    )
    return path


def moderately_deep_json(path: Path, depth: int = 900) -> Path:
    """Nested just under Python's own recursion limit: parses, but is no FHIR record."""
    return deep_json(path, depth)


def _random_text(size: int, seed: int = 1) -> str:
    """``size`` characters of made-up words (a 1 MB stretch repeated: deflate cannot see that far
    back, so the text packs no tighter than real notes)."""
    rng = random.Random(seed)
    words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9))) for _ in range(500)]
    stretch = " ".join(rng.choices(words, k=200_000))[: 1 << 20]
    return (stretch * (size // len(stretch) + 1))[:size]


def csv_huge_field(path: Path, size: int = 50_000_000) -> Path:
    """A CSV whose second row carries one note of ``size`` characters."""
    big = _random_text(size)
    path.write_text(
        "Date,Type,Note\n01/02/2024,Home visit,Seen at home.\n"
        f'02/02/2024,Case note,"{big}"\n03/02/2024,Telephone call,Mother rang.\n',
        encoding="utf-8",
    )
    return path


def ics_huge_field(path: Path, size: int = 50_000_000) -> Path:
    """A calendar whose one event has a description of ``size`` characters (folded lines)."""
    text = _random_text(size)
    folded = "\r\n ".join(text[i : i + 74] for i in range(0, len(text), 74))
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Hostile//EN\r\n"
        "BEGIN:VEVENT\r\nUID:small@test\r\nDTSTAMP:20240101T000000Z\r\n"
        "DTSTART:20240201T100000Z\r\nSUMMARY:Clinic\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:big@test\r\nDTSTAMP:20240101T000000Z\r\n"
        f"DTSTART:20240202T100000Z\r\nSUMMARY:Clinic\r\nDESCRIPTION:{folded}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
        newline="",
    )
    return path


def ics_recurrence_bomb(path: Path, series: int = 2000) -> Path:
    """Many small events that each repeat every day for years."""
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:s{n}@test\r\nDTSTAMP:20240101T000000Z\r\n"
        f"DTSTART:20200101T{n % 24:02d}{n % 60:02d}00Z\r\nRRULE:FREQ=DAILY;COUNT=10000\r\n"
        f"SUMMARY:Series {n}\r\nEND:VEVENT\r\n"
        for n in range(series)
    )
    path.write_text(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Hostile//EN\r\n{events}"
        "END:VCALENDAR\r\n",
        encoding="utf-8",
        newline="",
    )
    return path


def fhir_huge_field(path: Path, size: int = 50_000_000) -> Path:
    """A FHIR Bundle whose second appointment has a description of ``size`` characters."""

    def appointment(n: int, text: str) -> dict[str, object]:
        return {
            "resource": {
                "resourceType": "Appointment",
                "id": f"a{n}",
                "status": "fulfilled",
                "start": f"2024-02-0{n}T10:00:00Z",
                "description": text,
            }
        }

    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [appointment(1, "Clinic"), appointment(2, _random_text(size)),
                  appointment(3, "Clinic")],
    }  # fmt: skip
    path.write_text(json.dumps(bundle), encoding="utf-8")
    return path


def xlsx_huge_field(path: Path, size: int = 50_000_000) -> Path:
    """A workbook whose one cell holds ``size`` characters of varied text."""
    big = _random_text(size).encode()

    def sheet() -> Iterable[bytes]:
        yield (
            _SHEET_HEAD + _HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>01/02/2024'
            '</t></is></c><c r="B2" t="inlineStr"><is><t>'
        ).encode()
        yield big
        yield (
            '</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>02/02/2024</t></is>'
            '</c><c r="B3" t="inlineStr"><is><t>Seen.</t></is></c></row>' + _SHEET_TAIL
        ).encode()

    return _package(path, _XLSX_PARTS, "xl/worksheets/sheet1.xml", sheet())


def docx_huge_field(path: Path, size: int = 50_000_000) -> Path:
    """A Word chronology whose one cell holds ``size`` characters of varied text."""
    big = _random_text(size)

    def document() -> Iterable[bytes]:
        yield (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">'
            "<w:body><w:tbl>" + _docx_row(["Date", "Event"])
            + _docx_row(["01/02/2024", "Home visit"]) + "<w:tr><w:tc><w:p><w:r><w:t>02/02/2024"
            "</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>"
        ).encode()  # fmt: skip
        yield big.encode()
        yield b"</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"

    return _package(path, _DOCX_PARTS, "word/document.xml", document())


# Every hostile kind: name -> (file name, builder). The builders take the path only.
KINDS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "xlsx zip bomb": ("bomb.xlsx", xlsx_zip_bomb),
    "xlsx zip bomb, size understated": ("understated.xlsx", xlsx_understated_bomb),
    "xlsx cell at the far corner": ("far.xlsx", xlsx_far_cell),
    "xlsx wide row without references": ("wide.xlsx", xlsx_wide_positional),
    "xlsx XML entity bomb": ("laughs.xlsx", xlsx_entity_bomb),
    "xlsx 50 MB field": ("field.xlsx", xlsx_huge_field),
    "docx zip bomb": ("bomb.docx", docx_zip_bomb),
    "docx millions of elements": ("elements.docx", docx_many_elements),
    "docx XML entity bomb": ("laughs.docx", docx_entity_bomb),
    "docx 50 MB field": ("field.docx", docx_huge_field),
    "deep JSON": ("deep.json", deep_json),
    "JSON 900 deep": ("deep900.json", moderately_deep_json),
    "FHIR 50 MB field": ("field.json", fhir_huge_field),
    "CSV 50 MB field": ("field.csv", csv_huge_field),
    "calendar 50 MB field": ("field.ics", ics_huge_field),
    "calendar recurrence bomb": ("repeats.ics", ics_recurrence_bomb),
}
