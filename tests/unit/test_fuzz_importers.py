"""Mutated files for every importer: only documented outcomes, never a crash.

Valid fixtures of each format (CSV, Excel, Word, calendar, FHIR JSON and NDJSON) are mutated by
hypothesis: bytes flipped, cut, repeated, spliced with hostile bytes (NUL, quotes, line breaks,
invalid UTF-8, XML and JSON punctuation), truncated; Office packages also have their XML mutated
inside a sound zip. Each mutant is imported through the real pipeline into a real workspace.
Allowed: a refusal (FileRefused: the report's error, in plain words) or an import whose counts
add up; anything else (an internal error, a traceback) fails the test.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronology.cases import add_case
from chronology.importers.pipeline import ImportOptions, import_file
from chronology.importers.records import Progress
from chronology.workspace import Workspace

DATA = Path(__file__).resolve().parent.parent / "data"
HOSTILE_BYTES = [
    b"\x00", b'"', b'""', b"\r\n", b"\r", b"\n", b",", b";", b"\t", b"\xff\xfe", b"\xc3\x28",
    b"\xef\xbb\xbf", b"<", b"&", b"]]>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"{", b"[", b"}",
    b"]", b"\\", b"BEGIN:VEVENT\r\n", b"END:VCALENDAR\r\n", b"RRULE:FREQ=SECONDLY\r\n",
    b"DTSTART:99999999T999999Z\r\n", "\u202e".encode(), b"31/02/2024",
    b"yesterday", b"=cmd|' /C calc'!A0", b"\x1b[31m", b"9" * 40, b"-1e999",
]  # fmt: skip
# Per format: six formats, 1,200 mutated files a run (THROUGHLINE_FUZZ_EXAMPLES for a longer one).
EXAMPLES = int(os.environ.get("THROUGHLINE_FUZZ_EXAMPLES", "200"))
RANDOM = os.environ.get("THROUGHLINE_FUZZ_RANDOM") == "1"
mutated = {"files": 0}


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Time", "Type", "Worker", "Note"])
    sheet.append(["03/02/2024", "10:00", "Home visit", "Sam Lane", "Seen at home; all well."])
    sheet.append(["10/02/2024", "", "Telephone call", "Sam Lane", "Nursery rang, 'late again'."])
    sheet.append(["Spring 2023", "", "Meeting", "Jo Reed", "Core group; plan reviewed."])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Chronology (fictional)")
    rows = [
        ["Date", "Source", "Event"],
        ["03/02/2024", "Health", "Home visit: weighed, 11 kg."],
        ["w/c 12/02/2024", "School", "Absent three days."],
        ["31/02/2024", "Police", "Call logged & closed."],
    ]
    table = document.add_table(rows=len(rows), cols=3)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FIXTURES: dict[str, Callable[[], bytes]] = {
    ".csv": lambda: (DATA / "core" / "health.csv").read_bytes(),
    ".ics": lambda: (DATA / "ics" / "outlook_london.ics").read_bytes(),
    ".json": lambda: (DATA / "fhir" / "searchset.json").read_bytes(),
    ".ndjson": lambda: (DATA / "fhir" / "appointments.ndjson").read_bytes(),
    ".xlsx": _xlsx,
    ".docx": _docx,
}


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` changed one to five times by cuts, flips, repeats and hostile splices."""
    for _ in range(draw(st.integers(1, 5))):
        n = len(data)
        at = draw(st.integers(0, max(n - 1, 0)))
        kind = draw(st.sampled_from(["flip", "cut", "repeat", "splice", "truncate", "swap"]))
        if kind == "flip" and n:
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        elif kind == "cut":
            data = data[:at] + data[at + draw(st.integers(1, 200)) :]
        elif kind == "repeat":
            piece = data[at : at + draw(st.integers(1, 400))]
            data = data[:at] + piece * draw(st.integers(2, 50)) + data[at:]
        elif kind == "splice":
            data = data[:at] + draw(st.sampled_from(HOSTILE_BYTES)) + data[at:]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "swap" and n > 2:
            other = draw(st.integers(0, n - 1))
            a, b = sorted((at, other))
            data = (
                data[:a] + data[b : b + 50] + data[a + 50 : b] + data[a : a + 50] + data[b + 50 :]
            )
    return data


@st.composite
def office_mutations(draw: st.DrawFn, package: bytes) -> bytes:
    """A sound zip whose main XML part (or another part) is mutated inside."""
    source = zipfile.ZipFile(io.BytesIO(package))
    names = source.namelist()
    target = draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as changed:
        for name in names:
            body = source.read(name)
            if name == target:
                body = draw(mutations(body))
            changed.writestr(name, body)
    return out.getvalue()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = Workspace.open(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    add_case(ws, "FZ-1", "Test Child")
    yield ws
    ws.close()


def _import(ws: Workspace, path: Path) -> None:
    """Import one mutant: a refusal or a whole import; nothing else may escape."""
    mutated["files"] += 1
    reports = [r for r in import_file(ws, 1, path, ImportOptions()) if not isinstance(r, Progress)]
    (report,) = reports
    if report.error is not None:
        assert report.error.strip() and "Traceback" not in report.error
        assert report.rows == report.imported == report.quarantined == 0
        return
    counts = report.counts()
    assert counts["rows"] == (
        counts["imported"] + counts["duplicates"] + counts["already_imported"]
        + counts["quarantined"]
    )  # fmt: skip
    assert ws.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("suffix", list(FIXTURES))
def test_a_mutated_file_is_refused_plainly_or_imported_whole(
    suffix: str, workspace: Workspace, tmp_path: Path
) -> None:
    original = FIXTURES[suffix]()

    @settings(
        max_examples=EXAMPLES,
        derandomize=not RANDOM,  # the same mutants each CI run; THROUGHLINE_FUZZ_RANDOM=1 explores
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def mutant_imports(data: st.DataObject) -> None:
        if suffix in (".xlsx", ".docx") and data.draw(st.booleans()):
            body = data.draw(office_mutations(original))
        else:
            body = data.draw(mutations(original))
        path = tmp_path / f"mutant{suffix}"
        path.write_bytes(body)
        _import(workspace, path)

    mutant_imports()
