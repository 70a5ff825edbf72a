"""One person per case: a file naming several people is refused until the worker chooses one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from chronology.entries import list_entries
from chronology.importers.pipeline import ImportOptions, run_import
from chronology.models import Case
from chronology.quarantine import list_quarantine
from chronology.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "reading"


def test_a_column_naming_two_children_is_refused_naming_them(ws: Workspace, case: Case) -> None:
    (report,) = run_import(ws, case.id or 0, [DATA / "two_children.csv"])
    assert report.error is not None
    assert "'Child'" in report.error and "2 different people" in report.error
    assert "Ada Fenn" in report.error and "Bo Harte" in report.error
    assert "--person VALUE" in report.error
    assert list_entries(ws, case.id or 0) == [] and list_quarantine(ws, case.id or 0) == []


def test_person_imports_that_child_only_and_quarantines_rows_naming_no_one(
    ws: Workspace, case: Case
) -> None:
    options = ImportOptions(person="ADA  FENN")
    (report,) = run_import(ws, case.id or 0, [DATA / "two_children.csv"], options)
    assert report.error is None
    # Two rows are Ada's (any spelling of case and spaces); Bo's row is not this case's.
    assert (report.rows, report.imported, report.quarantined) == (3, 2, 1)
    assert all("Bo Harte" not in e.text for e in list_entries(ws, case.id or 0))
    assert {e.date for e in list_entries(ws, case.id or 0)} == {"2023-09-04", "2023-09-06"}
    (waiting,) = list_quarantine(ws, case.id or 0)
    assert "no one named in 'Child'" in waiting.reason
    assert any("1 record(s) of other people left out" in n for n in report.notes)


def test_nhs_numbers_are_people_whatever_the_header(ws: Workspace, case: Case) -> None:
    (report,) = run_import(ws, case.id or 0, [DATA / "two_nhs_numbers.csv"])
    assert report.error is not None and "'Identifier'" in report.error
    assert report.mapping is not None and report.mapping.column_of("person") == "Identifier"
    options = ImportOptions(person="9995260182")  # written without spaces: the same number
    (chosen,) = run_import(ws, case.id or 0, [DATA / "two_nhs_numbers.csv"], options)
    assert chosen.error is None and chosen.imported == 3


def test_a_person_not_in_the_file_is_refused(ws: Workspace, case: Case) -> None:
    options = ImportOptions(person="Cy Dunn")
    (report,) = run_import(ws, case.id or 0, [DATA / "two_children.csv"], options)
    assert report.error is not None and "no records of that person" in report.error
    assert "Ada Fenn" in report.error


def test_one_child_named_throughout_imports_with_a_note(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    path = tmp_path / "one.csv"
    lines = (DATA / "two_children.csv").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(x for x in lines if "Bo Harte" not in x) + "\n", encoding="utf-8")
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is None and report.imported == 3 and report.quarantined == 0
    assert any("records of Ada Fenn" in n for n in report.notes)
    assert any("name no one in 'Child': taken as Ada Fenn's" in n for n in report.notes)


def test_the_command_line_names_the_people_in_one_line(tmp_path: Path) -> None:
    ws = str(tmp_path / "w.db")
    env = dict(os.environ, THROUGHLINE_HOME=str(tmp_path))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "main.py", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    assert run("case", "add", "--workspace", ws, "--ref", "P", "--child", "Ada").returncode == 0
    r = run("import", "--workspace", ws, "--case", "P", str(DATA / "two_children.csv"))
    assert r.returncode != 0 and "Traceback" not in r.stderr
    (line,) = r.stderr.strip().splitlines()
    assert "two_children.csv" in line and "--person" in line and "Bo Harte" in line
    args = ["--person", "Bo Harte", str(DATA / "two_children.csv")]
    r = run("import", "--workspace", ws, "--case", "P", *args)
    assert r.returncode == 0, r.stderr


def test_a_subject_column_of_event_titles_is_not_a_person_column(tmp_path) -> None:
    """'Subject' can name a person or an event: values like 'Home visit' are not people."""
    from chronology.importers.proposal import propose_mapping

    columns = ["Date", "Subject", "Note"]
    sample = [
        ["02/05/2024", "Home visit", "Saw the children at home; the kitchen was clean and warm."],
        ["09/05/2024", "Call to mother", "Mother said the appointment letter had not arrived yet."],
        ["16/05/2024", "Child in Need meeting", "Plan reviewed with school and health visitor."],
        ["23/05/2024", "Letter sent", "Wrote to the GP asking for the outcome of the referral."],
    ]
    proposal = propose_mapping(columns, sample)
    assert proposal.column_of("person") is None
    assert proposal.columns["Subject"] != "person"
