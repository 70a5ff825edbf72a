"""The team view: every case of one or several workspaces, worst first, and its report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pypdf
import pytest
from casebuilder import CaseBuilder, cin_gap_during_proceedings, random_case
from clirun import cli, cli_json

from chronology.cases import get_case
from chronology.models import EntryType
from chronology.workspace import Workspace
from summary.team import severity, sort_audits, team_audit

AUDIT_DAY = dt.date(2024, 9, 30)


def _team(tmp_path: Path) -> tuple[str, str]:
    """Two workspaces: generated cases of all sorts, and one well-kept case."""
    first, second = str(tmp_path / "north.db"), str(tmp_path / "south.db")
    with Workspace.open(first) as ws:
        for seed in range(6):
            random_case(ws, f"NR-{seed:02d}", seed)
        cin_gap_during_proceedings(ws, "NR-GAP")
    with Workspace.open(second) as ws:
        b = CaseBuilder.new(ws, "SO-01", "Kit Farrant", worker="Ned Farrow")
        b.every(EntryType.HOME_VISIT, "2024-06-01", "2024-09-29", 14)
    return first, second


def test_every_case_is_listed_worst_first(tmp_path: Path) -> None:
    first, second = _team(tmp_path)
    with Workspace.open(first) as a, Workspace.open(second) as b:
        rows = team_audit([a, b], AUDIT_DAY)
    assert {r.case_ref for r in rows} == {f"NR-{i:02d}" for i in range(6)} | {"NR-GAP", "SO-01"}
    ranks = [severity(r) for r in rows]
    assert ranks == sorted(ranks, reverse=True)
    assert {r.workspace for r in rows} == {first, second}
    gap = next(r for r in rows if r.case_ref == "NR-GAP")
    assert gap.level == "red" and "cin_meeting" in {i.key for i in gap.items if i.level == "red"}
    by_case = [r.case_ref for r in sort_audits(rows, "case")]
    assert by_case == sorted(by_case, key=str.casefold)
    with pytest.raises(ValueError):
        sort_audits(rows, "colour")


def test_team_audit_on_the_command_line_with_its_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _team(tmp_path)
    with Workspace.open(first) as ws:
        b = CaseBuilder(ws, get_case(ws, "NR-GAP"))
        b.person("Ruth Quayle", "mother", "7 Heron Court, Wexcombe", confidential=True)
        b.risk(
            "Threat if contact changes",
            phrases=["unsupervised contact"],
            identified="2024-01-02",
            reviewed="2024-01-02",
        )
        said = "Mother now at 7 Heron Court, Wexcombe; unsupervised contact discussed"
        b.entry("2024-09-01", EntryType.OTHER, said)
    out = cli_json(
        capsys,
        "team",
        "audit",
        "--workspace",
        first,
        "--workspace",
        second,
        "--as-of",
        "2024-09-30",
    )
    refs = [c["case"] for c in out["cases"]]
    assert len(refs) == 8 and out["workspaces"] == [first, second]
    order = ("green", "amber", "red")
    ranks = [
        (order.index(c["level"]), c["counts"]["red"], c["counts"]["amber"]) for c in out["cases"]
    ]
    assert ranks == sorted(ranks, reverse=True)
    assert out["cases"][-1]["case"] == "SO-01"  # visits every fortnight: the fewest red items
    report = tmp_path / "team.docx"
    status, text, err = cli(
        capsys,
        "team",
        "audit",
        "--workspace",
        first,
        "--workspace",
        second,
        "--as-of",
        "2024-09-30",
        "--output",
        str(report),
    )
    assert status == 0, err
    assert "NR-GAP" in text and "team audit (docx), 8 cases" in text
    document = docx.Document(str(report))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:5] == [
        "No.",
        "Case",
        "Child",
        "Worker",
        "Overall",
    ]
    assert [row.cells[1].text for row in table.rows[1:]] == refs  # worst first, as on screen
    body = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for t in document.tables for row in t.rows for cell in row.cells
    )
    assert "TEAM AUDIT" in body and "Heron Court" not in body and "[REDACTED]" in body
    assert "during proceedings" in body
    pdf = tmp_path / "team.pdf"
    status, _, err = cli(
        capsys, "team", "audit", "--workspace", first, "--as-of", "2024-09-30", "--output", str(pdf)
    )
    assert status == 0, err
    pages = [p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages]
    assert "TEAM AUDIT" in pages[0] and f"Page 1 of {len(pages)}" in pages[0]
    assert "NR-GAP" in pages[0] and not any("Heron Court" in p for p in pages)
    assert (tmp_path / "team.pdf.redaction-log.txt").is_file()
    status, _, err = cli(
        capsys, "team", "audit", "--workspace", first, "--output", str(tmp_path / "team.csv")
    )
    assert status == 2 and "docx or pdf" in err
    status, _, err = cli(capsys, "team", "audit", "--workspace", first, "--output", first)
    assert status == 2 and err.count("\n") == 1


def test_an_empty_workspace_gives_an_empty_team(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "empty.db")
    Workspace.open(path).close()
    status, out, _ = cli(capsys, "team", "audit", "--workspace", path)
    assert status == 0 and "no cases" in out
