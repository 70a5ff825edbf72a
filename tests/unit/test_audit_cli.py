"""``audit`` and ``team settings`` on the command line, with --json."""

from __future__ import annotations

from pathlib import Path

import pytest
from casebuilder import CaseBuilder, cin_gap_during_proceedings
from clirun import cli, cli_json

from chronology.models import EntryType
from chronology.workspace import Workspace


@pytest.fixture
def path(tmp_path: Path) -> str:
    return str(tmp_path / "team.db")


def test_audit_json_shows_an_ended_gap_during_proceedings_red(
    path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(path) as ws:
        cin_gap_during_proceedings(ws, "WX-100")
    (case,) = cli_json(
        capsys, "audit", "--workspace", path, "--case", "WX-100", "--as-of", "2024-09-30"
    )
    assert case["period"] == {
        "from": None,
        "to": "2024-09-30",
        "basis": "no signed supervision yet: the whole case",
        "since_record": None,
    }
    cin = next(i for i in case["items"] if i["key"] == "cin_meeting")
    assert cin["level"] == "red"
    gaps = [f for f in cin["findings"] if f["kind"] == "gap"]
    assert len(gaps) == 1
    gap = gaps[0]
    assert gap["date"] == "2022-10-17" and gap["end"] == "2023-11-06"
    assert gap["level"] == "red" and gap["during_proceedings"] is True
    assert "during proceedings" in gap["text"]
    assert not any(f["kind"] == "gap" and f["end"] == "2024-09-30" for f in cin["findings"])
    assert case["thresholds"]["cin_meeting_days"] == 84
    # Text output names the period, the gap and the thresholds.
    status, out, _ = cli(capsys, "audit", "--workspace", path, "--as-of", "2024-09-30")
    assert status == 0
    assert "no Child in Need meeting for 55 weeks" in out and "Team thresholds: the defaults" in out


def test_a_period_with_from_and_to(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    with Workspace.open(path) as ws:
        cin_gap_during_proceedings(ws, "WX-100")
    (case,) = cli_json(
        capsys, "audit", "--workspace", path, "--as-of", "2024-09-30", "--from", "2024-01-01"
    )
    assert case["period"]["from"] == "2024-01-01"
    assert next(i for i in case["items"] if i["key"] == "cin_meeting")["level"] == "green"
    status, _, err = cli(
        capsys, "audit", "--workspace", path, "--as-of", "2024-09-30", "--to", "2024-10-31"
    )
    assert status == 2 and "after the day of the audit" in err
    status, _, err = cli(capsys, "audit", "--workspace", path, "--from", "2024-02-31")
    assert status == 2 and "--from" in err and err[-1] == "\n" and err.count("\n") == 1


def test_team_settings_are_kept_and_shown(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    with Workspace.open(path) as ws:
        b = CaseBuilder.new(ws, "HV-1")
        b.every(EntryType.HOME_VISIT, "2024-01-01", "2024-06-30", 21)
    shown = cli_json(
        capsys,
        "team",
        "settings",
        "--workspace",
        path,
        "--set",
        "home-visit-days=10",
        "--set",
        "proceedings_gap_red=no",
    )
    assert shown["home_visit_days"] == 10 and shown["proceedings_gap_red"] is False
    assert cli_json(capsys, "audit", "--workspace", path, "--thresholds")["home_visit_days"] == 10
    (case,) = cli_json(capsys, "audit", "--workspace", path, "--as-of", "2024-07-01")
    assert next(i for i in case["items"] if i["key"] == "home_visit")["level"] == "red"
    status, out, _ = cli(capsys, "audit", "--workspace", path, "--as-of", "2024-07-01")
    assert "home_visit_days=10" in out
    status, out, _ = cli(
        capsys, "team", "settings", "--workspace", path, "--reset", "home_visit_days"
    )
    assert "home_visit_days = 28 " in out
    status, _, err = cli(capsys, "team", "settings", "--workspace", path, "--set", "gap=3")
    assert status == 2 and "unknown setting 'gap'" in err
    status, _, err = cli(
        capsys, "team", "settings", "--workspace", path, "--set", "home_visit_days=often"
    )
    assert status == 2 and "whole number" in err
