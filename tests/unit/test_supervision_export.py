"""The supervision record in Word and PDF, read back: checklist as it stood with its evidence,
decisions, actions and sign-off; redacted like every export."""

from __future__ import annotations

from pathlib import Path

import docx
import pypdf
import pytest
from casebuilder import cin_gap_during_proceedings
from clirun import cli, cli_json

from chronology.models import EntryType
from chronology.workspace import Workspace
from summary.checklist import record_supervision
from summary.supervision import (
    Action,
    Decision,
    correct_record,
    get_record,
    set_action_status,
    sign_record,
)

ADDRESS = "12 Wren Terrace, Otterbridge"


@pytest.fixture
def made(tmp_path: Path) -> tuple[str, int]:
    return build_record(tmp_path / "sup.db")


def build_record(file: Path) -> tuple[str, int]:
    """A signed supervision of a case with a year-long gap, a tripped risk, decisions, actions."""
    path = str(file)
    with Workspace.open(path) as ws:
        b = cin_gap_during_proceedings(ws, "EX-1")
        b.person("Lena Castell", "mother", ADDRESS, confidential=True)
        risk = b.risk(
            "Threat if contact changes",
            category="conditional threat",
            identified="2024-01-08",
            reviewed="2024-01-08",
        )
        b.review(risk, "2024-02-26")
        b.hearing("2024-03-20", "Hearing: unsupported contact to begin in April")
        rid = record_supervision(
            ws,
            "EX-1",
            "2024-04-02",
            notes=f"Mother has moved to {ADDRESS}; the address is not to be shared.\n\n"
            "Meetings resumed after a year without one while proceedings ran.",
            decisions=[
                Decision(
                    "Review the threat before contact begins",
                    "the hearing changed the circumstances",
                )
            ],
            actions=[
                Action("Review the conditional threat with the family", "Opal Wren", "2024-04-09"),
                Action("Invite the nursery to the next meeting", "Opal Wren", "2024-04-30"),
            ],
        )
        sign_record(ws, rid, "Saul Kemble")
        action = get_record(ws, rid).actions[0]
        set_action_status(ws, action.id or 0, "done", "2024-04-08", "Opal Wren")
        # Later meetings do not change what the record says.
        b.entry("2024-04-03", EntryType.CIN_MEETING)
    return path, rid


def _export(capsys: pytest.CaptureFixture[str], path: str, out: Path, *extra: str) -> dict:
    return cli_json(
        capsys,
        "export",
        "--workspace",
        path,
        "--case",
        "EX-1",
        "--document",
        "supervision",
        "--format",
        out.suffix[1:],
        "--output",
        str(out),
        *extra,
    )


def test_word_record_reads_back(
    made: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, rid = made
    out = tmp_path / "supervision.docx"
    result = _export(capsys, path, out)
    assert result["withheld"] >= 1
    d = docx.Document(str(out))
    paragraphs = [p.text for p in d.paragraphs]
    assert paragraphs[0] == "SUPERVISION RECORD"
    assert "Checklist as it stood on 02/04/2024" in paragraphs
    details = {row.cells[0].text: row.cells[1].text for row in d.tables[0].rows}
    assert details["Case"] == "EX-1" and details["Team manager"] == "Saul Kemble"
    assert details["Record"].startswith(f"{rid}: Signed by Saul Kemble on ")
    assert details["Period audited"] == "the start of the case to 02/04/2024"
    checklist = {row.cells[0].text: row for row in d.tables[1].rows[1:]}
    cin = checklist["Child in Need meetings held within the cadence"]
    assert cin.cells[1].text == "RED" and "during proceedings" in cin.cells[2].text
    reviews = checklist["Every primary risk reviewed within its interval and after each trip-wire"]
    assert (
        reviews.cells[1].text == "RED"
        and "20/03/2024 court hearing or order" in reviews.cells[2].text
    )
    decisions = d.tables[2].rows[1].cells
    assert decisions[1].text == "Review the threat before contact begins"
    assert decisions[2].text == "the hearing changed the circumstances"
    actions = [[c.text for c in row.cells] for row in d.tables[3].rows[1:]]
    assert actions[0][2:] == ["Opal Wren", "09/04/2024", "done 08/04/2024 (Opal Wren)"]
    assert actions[1][4] == "open"
    assert "Team manager: Saul Kemble" in paragraphs
    assert any(p.startswith("Seal: ") and len(p.split()[1].rstrip(".")) == 64 for p in paragraphs)
    text = "\n".join(paragraphs)
    assert "Wren Terrace" not in text and "[REDACTED]" in text
    header = d.sections[0].header.paragraphs[0].text
    assert f"Case EX-1 | supervision 02/04/2024 | record {rid}" in header


def test_pdf_record_reads_back(
    made: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, rid = made
    out = tmp_path / "supervision.pdf"
    _export(capsys, path, out, "--id", str(rid))
    reader = pypdf.PdfReader(str(out))
    pages = [p.extract_text() for p in reader.pages]
    text = "\n".join(pages)
    assert reader.metadata.title == "Supervision record: Ava Penrose"
    assert "SUPERVISION RECORD" in pages[0] and f"Page 1 of {len(pages)}" in pages[0]
    for said in (
        "during proceedings",
        "Review the threat before contact begins",
        "Invite the nursery to the next meeting",
        "Team manager: Saul Kemble",
        "Signed on: ",
    ):
        assert said in text.replace("\n", " "), said
    assert "Wren Terrace" not in text


def test_drafts_and_corrections_say_so(
    made: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, rid = made
    with Workspace.open(path) as ws:
        fix = correct_record(ws, rid, "the second action's owner was wrong")
    out = tmp_path / "draft.docx"
    _export(capsys, path, out, "--id", str(fix.id))
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert paragraphs[1] == "DRAFT — NOT SIGNED"
    assert f"This record corrects supervision record {rid}" in paragraphs[2]
    old = tmp_path / "old.docx"
    _export(capsys, path, old, "--id", str(rid))
    assert any(
        f"Corrected by supervision record {fix.id}" in p
        for p in (p.text for p in docx.Document(str(old)).paragraphs)
    )
    status, _, err = cli(
        capsys,
        "export",
        "--workspace",
        path,
        "--case",
        "EX-1",
        "--document",
        "supervision",
        "--format",
        "pdf",
        "--output",
        str(tmp_path / "x.pdf"),
        "--id",
        "99",
    )
    assert status == 2 and "no supervision record 99" in err


def test_a_case_without_a_record_gets_a_form(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = str(tmp_path / "form.db")
    with Workspace.open(path) as ws:
        cin_gap_during_proceedings(ws, "EX-2")
    out = tmp_path / "form.docx"
    cli_json(
        capsys,
        "export",
        "--workspace",
        path,
        "--case",
        "EX-2",
        "--document",
        "supervision",
        "--format",
        "docx",
        "--output",
        str(out),
        "--dated",
        "2024-09-30",
    )
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "a form to fill in" in paragraphs[1]
