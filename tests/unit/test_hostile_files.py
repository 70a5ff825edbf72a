"""Hostile files are refused or quarantined with a reason, within 500 MB, never a crash.

Each bomb is imported by the real command in its own process, whose peak memory it reports
itself (tests/peak_memory.py). Time is measured by benchmarks/bench_hostile.py, not asserted here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from chronology.cases import add_case
from chronology.importers import limits
from chronology.importers.pipeline import ImportOptions, read_file, run_import
from chronology.importers.records import FileRefused
from chronology.quarantine import list_quarantine
from chronology.workspace import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import hostile  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PEAK = ROOT / "tests" / "peak_memory.py"
BUDGET_MB = 500

# kind -> words the refusal must contain (None: the file imports, its long field quarantined)
EXPECTED: dict[str, str | None] = {
    "xlsx zip bomb": "unpacks to more than 200 MB",
    "xlsx zip bomb, size understated": "packed more than 100 to 1",
    "xlsx cell at the far corner": "more than 4,000,000 cells",
    "xlsx wide row without references": "more than 4,000,000 cells",
    "xlsx XML entity bomb": "declares XML entities",
    "xlsx 50 MB field": None,
    "docx zip bomb": "unpacks to more than 200 MB",
    "docx millions of elements": "XML elements",
    "docx XML entity bomb": "declares XML entities",
    "docx 50 MB field": "longer than 10,000,000 characters",
    "deep JSON": "nested more than 100 levels deep",
    "JSON 900 deep": "nested more than 100 levels deep",
    "FHIR 50 MB field": None,
    "CSV 50 MB field": None,
    "calendar 50 MB field": None,
    "calendar recurrence bomb": "more than 20,000 occurrences",
}


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {kind: build(folder / name) for kind, (name, build) in hostile.KINDS.items()}


def _import(workspace: Path, source: Path, home: Path) -> tuple[int, float, str, str]:
    """``import --json`` in a process of its own: exit status, peak MB, stdout, stderr."""
    env = dict(os.environ, THROUGHLINE_HOME=str(home))
    out, err, peak_file = home / "out.txt", home / "err.txt", home / "peak.txt"
    with out.open("wb") as o, err.open("wb") as e:
        proc = subprocess.Popen(
            [sys.executable, str(PEAK), str(peak_file), "main.py", "import", "--workspace",
             str(workspace), "--case", "H-1", "--json", str(source)],
            cwd=ROOT, stdout=o, stderr=e, env=env,
        )  # fmt: skip
        timer = threading.Timer(120, proc.kill)  # a hang fails the test instead of CI
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    # The child's own peak (wait4's also counts the test process it was forked from).
    peak_kb = int(peak_file.read_text()) if peak_file.exists() else usage.ru_maxrss
    return code, peak_kb / 1024, out.read_text("utf-8"), err.read_text("utf-8")


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_hostile_file_is_refused_or_quarantined_within_500_mb(
    kind: str, bombs: dict[str, Path], tmp_path: Path
) -> None:
    workspace = tmp_path / "w.db"
    with Workspace.open(workspace) as ws:
        add_case(ws, "H-1", "Test Child")
    code, peak, out, err = _import(workspace, bombs[kind], tmp_path)
    assert "Traceback" not in err and "internal error" not in err, err
    assert peak <= BUDGET_MB, f"{kind}: peak {peak:.0f} MB"
    refusal = EXPECTED[kind]
    if refusal is not None:
        assert code == 1, err
        assert refusal in err and bombs[kind].name in err
        assert json.loads(out)["totals"]["rows"] == 0
        return
    assert code == 0, err
    report = json.loads(out)["files"][0]
    assert report["quarantined"] == 1 and report["imported"] >= 1
    with Workspace.open(workspace) as ws:
        waiting = list_quarantine(ws, 1)
        longest = ws.conn.execute(
            "SELECT max(max(length(text), length(summary), length(details))) FROM entries"
        ).fetchone()[0]
    assert [q.reason for q in waiting] == [
        waiting[0].reason
    ] and "longer than the 1,000,000 characters" in waiting[0].reason
    assert len(waiting[0].raw) < 10 * limits.MAX_FIELD  # its start only, not 50 MB
    assert longest < limits.MAX_FIELD


def test_every_refusal_is_a_file_refused_before_any_office_reader(
    bombs: dict[str, Path],
) -> None:
    for kind, refusal in EXPECTED.items():
        if refusal is None or kind == "calendar recurrence bomb":
            continue
        with pytest.raises(FileRefused, match=refusal.replace("(", r"\(")):
            list(read_file(bombs[kind], ImportOptions()))


def test_a_sound_workbook_near_the_limits_still_imports(tmp_path: Path) -> None:
    """The checks cost nothing to a real workbook: every row of one imports as before."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Type", "Note"])
    for n in range(2000):
        sheet.append([f"{1 + n % 28:02d}/0{1 + n % 9}/2023", "Home visit", f"Visit {n} " * 20])
    path = tmp_path / "visits.xlsx"
    book.save(path)
    limits.check_package(path, "xlsx")
    with Workspace.open(tmp_path / "w.db") as ws:
        case = add_case(ws, "H-2", "Test Child")
        (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is None and report.imported == 2000
