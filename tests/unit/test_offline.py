"""Offline and private: a whole day's work (import, summary, exports, the window) opens no
network socket."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from chronology.cases import update_case
from chronology.importers.pipeline import run_import
from chronology.models import Case
from chronology.workspace import Workspace
from exports.service import ExportRequest, export_document
from summary.case_summary import generate_summary
from summary.risks import Risk, Urgency, add_risk

ROOT = Path(__file__).resolve().parents[2]


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise NetworkUsed("Throughline tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_import_summary_and_export_work_without_a_network(
    no_network: None, ws: Workspace, case: Case, data_dir: Path, tmp_path: Path
) -> None:
    files = [
        data_dir / "core" / "social_care.csv",
        data_dir / "core" / "health.csv",
        data_dir / "ics" / "outlook_london.ics",
    ]
    reports = run_import(ws, case.id or 0, files)
    assert all(r.error is None for r in reports)
    update_case(
        ws,
        case.ref,
        worker="Amira Shah",
        role="Social Worker",
        employer="Fenwick Council",
        party="the Local Authority",
        court="Family Court at Fenwick",
        court_case_number="FN24P00001",
    )
    add_risk(
        ws,
        Risk(
            case_id=case.id or 0,
            title="Conditional threat",
            if_text="contact changes",
            then_text="harm",
            urgency=Urgency.IMPORTANT,
            primary=True,
        ),
    )
    generate_summary(ws, case.ref, dt.date(2024, 12, 1))
    for document, fmt in (
        ("statement", "docx"),
        ("statement", "pdf"),
        ("court-chronology", "pdf"),
        ("chronology", "csv"),
    ):
        out = tmp_path / f"{document}.{fmt}"
        export_document(ws, case.ref, ExportRequest(document, fmt, out))
        assert out.stat().st_size > 0


# The whole program, in its own process, with every Python socket operation refused: the command
# line's import, summary and export, and the window opened on the case (offscreen).
_GUARD = """
import sys
NETWORK = ("socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo",
           "socket.gethostbyname", "socket.gethostbyaddr", "http.client.connect",
           "urllib.Request", "ftplib.connect", "smtplib.connect")

def refuse(event, args):
    if event in NETWORK:
        sys.stderr.write(f"NETWORK USED: {event}\\n")
        sys.stderr.flush()
        import os
        os._exit(99)

sys.addaudithook(refuse)
sys.argv = ["throughline", *sys.argv[1:]]
import main
sys.exit(main.main(sys.argv[1:]))
"""


def _offline(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, THROUGHLINE_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", _GUARD, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_the_program_opens_no_socket_importing_exporting_or_showing_the_window(
    tmp_path: Path, data_dir: Path
) -> None:
    db = str(tmp_path / "w.db")
    steps = [
        ["case", "add", "--workspace", db, "--ref", "NET-1", "--child", "Mia Hollis"],
        ["case", "edit", "--workspace", db, "--case", "NET-1", "--court", "Family Court at Ashby",
         "--court-case-number", "AS24C00012"],
        ["import", "--workspace", db, "--case", "NET-1", str(data_dir / "core" / "health.csv"),
         str(data_dir / "ics" / "outlook_london.ics"), str(data_dir / "fhir" / "searchset.json")],
        ["summary", "--workspace", db, "--case", "NET-1"],
        ["export", "--workspace", db, "--case", "NET-1", "--document", "chronology",
         "--format", "pdf", "--output", str(tmp_path / "chronology.pdf")],
        ["export", "--workspace", db, "--case", "NET-1", "--document", "summary",
         "--format", "docx", "--output", str(tmp_path / "summary.docx")],
        ["--workspace", db, "--screenshot", str(tmp_path / "window.png")],
    ]  # fmt: skip
    for args in steps:
        result = _offline(args, tmp_path)
        assert "NETWORK USED" not in result.stderr, (args, result.stderr)
        assert result.returncode in (0, 1), (args, result.stderr)
    assert (tmp_path / "chronology.pdf").exists() and (tmp_path / "summary.docx").exists()
    assert (tmp_path / "window.png").stat().st_size > 10_000  # the window really painted
