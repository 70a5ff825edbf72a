"""The ``export`` command: JSON result, page counts, warnings, and plain errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_export_fixtures import REF, build_case

from chronology.models import Case
from chronology.workspace import Workspace
from main import main


@pytest.fixture
def court_case(ws: Workspace) -> Case:
    return build_case(ws)


def _export(ws: Workspace, *args: str) -> list[str]:
    return ["export", "--workspace", str(ws.path), "--case", REF, *args]


def test_export_prints_json_with_the_page_count(
    ws: Workspace, court_case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out = tmp_path / "chron.pdf"
    code = main(
        _export(
            ws,
            "--document",
            "court-chronology",
            "--format",
            "pdf",
            "--output",
            str(out),
            "--from",
            "2023-01-01",
            "--to",
            "2024-12-31",
            "--json",
        )
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["file"] == str(out) and out.exists()
    assert data["page_limit"] == 10 and data["pages"] >= 1 and data["over_limit"] is False
    assert data["redacted"] is True and data["withheld"] > 0
    assert Path(data["redaction_log"]).exists()


@pytest.mark.parametrize("document", ["statement", "summary", "supervision"])
def test_every_document_exports_from_the_command_line(
    ws: Workspace,
    court_case: Case,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    document: str,
):
    for fmt in ("docx", "pdf"):
        out = tmp_path / f"{document}.{fmt}"
        assert (
            main(
                _export(
                    ws,
                    "--document",
                    document,
                    "--format",
                    fmt,
                    "--output",
                    str(out),
                    "--dated",
                    "2025-02-03",
                )
            )
            == 0
        )
        assert out.stat().st_size > 1000
    printed = capsys.readouterr().out
    assert f"{document}.pdf" in printed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--document", "statement", "--format", "csv", "--output", "x.csv"], "docx or pdf"),
        (["--document", "chronology", "--format", "pdf", "--output", "x.docx"], "ends in .docx"),
        (
            [
                "--document",
                "chronology",
                "--format",
                "csv",
                "--output",
                "x.csv",
                "--from",
                "3/4/2024",
            ],
            "--from must be a date",
        ),
        (
            [
                "--document",
                "chronology",
                "--format",
                "csv",
                "--output",
                "x.csv",
                "--from",
                "2024-05-01",
                "--to",
                "2024-01-01",
            ],
            "--from must not be after --to",
        ),
        (
            ["--document", "chronology", "--format", "csv", "--output", "x.csv", "--type", "visit"],
            "unknown entry type 'visit'",
        ),
    ],
)
def test_bad_input_gets_one_line_and_exit_2(
    ws: Workspace,
    court_case: Case,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
):
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    assert main(_export(ws, *args)) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_unknown_case_and_missing_folder(
    ws: Workspace, court_case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    code = main(
        [
            "export",
            "--workspace",
            str(ws.path),
            "--case",
            "NOPE",
            "--document",
            "chronology",
            "--format",
            "csv",
            "--output",
            str(tmp_path / "x.csv"),
        ]
    )
    assert code == 2 and "NOPE" in capsys.readouterr().err
    code = main(
        _export(
            ws,
            "--document",
            "chronology",
            "--format",
            "csv",
            "--output",
            str(tmp_path / "missing" / "x.csv"),
        )
    )
    assert code == 2 and "missing" in capsys.readouterr().err


def test_page_limit_warning_goes_to_stderr(
    ws: Workspace, court_case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    from chronology.entries import add_entry
    from chronology.models import Entry, Precision, Significance

    for i in range(300):
        add_entry(
            ws,
            Entry(
                court_case.id or 0,
                f"2024-{1 + i % 10:02d}-{1 + i % 27:02d}",
                Precision.DAY,
                f"Significant event number {i} " * 3,
                significance=Significance.SIGNIFICANT,
                agency="Police",
            ),
        )
    out = tmp_path / "c.docx"
    assert (
        main(
            _export(ws, "--document", "court-chronology", "--format", "docx", "--output", str(out))
        )
        == 0
    )
    captured = capsys.readouterr()
    assert "over the court's limit of 10" in captured.err
    assert out.exists()
