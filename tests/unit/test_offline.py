"""Offline and private: a whole day's work (import, summary, exports) opens no network socket."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest

from chronology.cases import update_case
from chronology.importers.pipeline import run_import
from chronology.models import Case
from chronology.workspace import Workspace
from exports.service import ExportRequest, export_document
from summary.case_summary import generate_summary
from summary.risks import Risk, Urgency, add_risk


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
