"""Supervision records: the checklist as it stood, sign-off, immutability, corrections, actions."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from casebuilder import CaseBuilder, cin_gap_during_proceedings
from clirun import cli, cli_json

from chronology.models import EntryType
from chronology.workspace import Workspace
from summary.audit import audit
from summary.case_summary import generate_summary
from summary.checklist import checklist_items, record_supervision
from summary.supervision import (
    Action,
    Decision,
    SupervisionError,
    add_action,
    add_decision,
    correct_record,
    edit_record,
    get_record,
    open_actions,
    set_action_status,
    sign_record,
)

D = dt.date


def _case(ws: Workspace) -> CaseBuilder:
    return cin_gap_during_proceedings(ws, "SV-1")


def test_the_checklist_is_kept_as_it_stood(ws: Workspace) -> None:
    b = _case(ws)
    rid = record_supervision(
        ws,
        "SV-1",
        "2023-09-01",
        notes="Discussed the lapse in meetings while the court case runs.",
        decisions=[Decision("Convene a Child in Need meeting", "none held for ten months")],
        actions=[Action("Book the meeting room and invite the nursery", "Opal Wren", "2023-09-15")],
    )
    record = get_record(ws, rid)
    assert (record.manager, record.worker) == ("Saul Kemble", "Opal Wren")  # from the case
    items = {i.key: i for i in checklist_items(record.checklist)}
    assert items["cin_meeting"].level == "red"
    assert record.checklist["period"]["to"] == "2023-09-01"
    # Meetings added later do not change what the record says.
    b.entry("2023-08-20", EntryType.CIN_MEETING)
    again = get_record(ws, rid)
    assert again.checklist == record.checklist
    now = audit(ws, "SV-1", D(2023, 9, 1))[0].item("cin_meeting")
    assert [f.end for f in now.findings if f.kind == "gap"] == ["2023-08-20"]


def test_signing_seals_the_record_and_nothing_changes_it_after(ws: Workspace) -> None:
    _case(ws)
    rid = record_supervision(ws, "SV-1", "2024-05-01", "Saul Kemble", "Opal Wren", notes="Draft")
    add_decision(ws, rid, "Keep the case open as Child in Need", "risks remain")
    add_action(ws, rid, "Update the safety plan", "Opal Wren", "2024-05-20")
    edit_record(ws, rid, notes="Discussed contact arrangements and the safety plan.")
    with pytest.raises(SupervisionError, match="only that manager"):
        sign_record(ws, rid, "Opal Wren")
    signed = sign_record(ws, rid, "saul kemble")
    assert signed.signed and signed.signed_by == "Saul Kemble" and len(signed.seal or "") == 64
    for change in (
        lambda: edit_record(ws, rid, notes="changed"),
        lambda: add_decision(ws, rid, "another"),
        lambda: add_action(ws, rid, "another", "X", "2024-06-01"),
        lambda: sign_record(ws, rid, "Saul Kemble"),
    ):
        with pytest.raises(SupervisionError, match="cannot be changed"):
            change()
    # The database refuses too, whatever program tries.
    for sql in (
        "UPDATE supervision_records SET notes='changed' WHERE id=?",
        "DELETE FROM supervision_records WHERE id=?",
        "UPDATE supervision_decisions SET text='changed' WHERE record_id=?",
        "DELETE FROM supervision_actions WHERE record_id=?",
        "INSERT INTO supervision_decisions(record_id, text) VALUES (?, 'slipped in')",
    ):
        with pytest.raises(sqlite3.DatabaseError, match="signed supervision record|never deleted"):
            ws.conn.execute(sql, (rid,))
    assert get_record(ws, rid).notes == "Discussed contact arrangements and the safety plan."


def test_a_correction_is_a_new_record_that_refers_to_the_old(ws: Workspace) -> None:
    _case(ws)
    rid = record_supervision(
        ws, "SV-1", "2024-05-01", actions=[Action("Visit the nursery", "Opal Wren", "2024-05-10")]
    )
    sign_record(ws, rid, "Saul Kemble")
    with pytest.raises(SupervisionError, match="draft"):
        correct_record(ws, record_supervision(ws, "SV-1", "2024-05-02"), "typo")
    fix = correct_record(ws, rid, "the action's owner was wrong")
    assert fix.corrects == rid and not fix.signed
    assert fix.checklist == get_record(ws, rid).checklist  # the checklist as it stood then
    assert get_record(ws, rid).corrected_by == [fix.id]
    assert [a.text for a in fix.actions] == ["Visit the nursery"]
    sign_record(ws, fix.id or 0, "Saul Kemble")
    carried = open_actions(ws, [fix.case_id], D(2024, 6, 1))[fix.case_id]
    assert [a.record_id for a in carried] == [fix.id]  # the old record's copy no longer counts


def test_open_actions_carry_forward_and_reach_the_alerts_when_overdue(ws: Workspace) -> None:
    _case(ws)
    first = record_supervision(
        ws,
        "SV-1",
        "2024-03-01",
        actions=[
            Action("Convene a Child in Need meeting", "Opal Wren", "2024-03-20"),
            Action("Request the GP's records", "Opal Wren", "2024-06-30"),
        ],
    )
    sign_record(ws, first, "Saul Kemble")
    second = get_record(ws, record_supervision(ws, "SV-1", "2024-04-02"))
    carried = second.checklist["carried_actions"]
    assert [(a["text"], a["overdue"]) for a in carried] == [
        ("Convene a Child in Need meeting", True),
        ("Request the GP's records", False),
    ]
    actions = {i.key: i for i in checklist_items(second.checklist)}["supervision_actions"]
    assert actions.level == "red" and "overdue: Convene" in actions.evidence[0]
    alerts = generate_summary(ws, "SV-1", D(2024, 4, 2)).alerts
    assert any(a.kind == "supervision_action" and "Convene" in a.message for a in alerts)
    action_id = get_record(ws, first).actions[0].id or 0
    set_action_status(ws, action_id, "done", "2024-03-25", "Opal Wren", "held on 25/03")
    alerts = generate_summary(ws, "SV-1", D(2024, 4, 2)).alerts
    assert not any(a.kind == "supervision_action" for a in alerts)
    third = get_record(ws, record_supervision(ws, "SV-1", "2024-04-03"))
    assert [a["text"] for a in third.checklist["carried_actions"]] == ["Request the GP's records"]


def test_the_period_starts_at_the_last_signed_supervision(ws: Workspace) -> None:
    _case(ws)
    rid = record_supervision(ws, "SV-1", "2024-01-15")
    assert get_record(ws, rid).checklist["period"]["from"] is None
    sign_record(ws, rid, "Saul Kemble")
    later = get_record(ws, record_supervision(ws, "SV-1", "2024-09-30"))
    assert later.checklist["period"]["from"] == "2024-01-15"
    cin = {i.key: i for i in checklist_items(later.checklist)}["cin_meeting"]
    assert cin.level == "green"  # the year-long gap ended before this period
    (now,) = audit(ws, "SV-1", D(2024, 9, 30))
    assert now.period.since_record == rid


def test_a_signed_supervision_counts_for_the_supervision_cadence(ws: Workspace) -> None:
    b = CaseBuilder.new(ws, "SC-2", worker="Opal Wren", team_manager="Saul Kemble")
    for day in ("2024-01-10", "2024-02-08", "2024-03-08"):
        sign_record(ws, record_supervision(ws, "SC-2", day), "Saul Kemble")
    item = audit(ws, b.case.ref, D(2024, 3, 20), date_from=D(2024, 1, 1))[0].item("supervision")
    assert item.level == "green"
    assert "supervision record" in item.findings[0].text


def test_a_supervision_cannot_be_dated_in_the_future(ws: Workspace) -> None:
    _case(ws)
    with pytest.raises(SupervisionError, match="still to come"):
        record_supervision(ws, "SV-1", "2024-05-02", today=D(2024, 5, 1))


def test_the_command_line_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "sv.db")
    with Workspace.open(path) as ws:
        _case(ws)
    w = ("--workspace", path, "--case", "SV-1")
    made = cli_json(
        capsys,
        "supervision",
        "record",
        *w,
        "--date",
        "2024-09-30",
        "--manager",
        "Saul Kemble",
        "--worker",
        "Opal Wren",
        "--notes",
        "Reviewed contact.",
        "--decision",
        "Step down to universal services in 3 months",
        "--rationale",
        "meetings held, risks reviewed",
        "--decision",
        "Keep the risk primary",
        "--action",
        "Write to the school",
        "--owner",
        "Opal Wren",
        "--due",
        "2024-10-14",
    )
    rid = str(made["id"])
    shown = cli_json(capsys, "supervision", "show", *w, "--id", rid)
    assert shown["status"] == "draft" and shown["notes"] == "Reviewed contact."
    assert [d["rationale"] for d in shown["decisions"]] == ["meetings held, risks reviewed", ""]
    assert shown["actions"][0]["owner"] == "Opal Wren" and shown["actions"][0]["done"] is False
    assert {i["key"] for i in shown["checklist"]["items"]} >= {"cin_meeting", "primary_reviews"}
    status, out, _ = cli(capsys, "supervision", "sign", *w, "--id", rid, "--by", "Saul Kemble")
    assert status == 0 and "can no longer be changed" in out
    for argv in (
        ("supervision", "edit", *w, "--id", rid, "--notes", "rewritten"),
        ("supervision", "decision", "add", *w, "--id", rid, "--decision", "late idea"),
        ("supervision", "sign", *w, "--id", rid, "--by", "Saul Kemble"),
    ):
        status, _, err = cli(capsys, *argv)
        assert status == 2 and "cannot be changed" in err and err.count("\n") == 1
    listed = cli_json(capsys, "supervision", "list", *w)
    assert [(r["id"], r["status"]) for r in listed] == [(int(rid), "signed")]
    action = str(shown["actions"][0]["id"])
    status, out, _ = cli(
        capsys,
        "supervision",
        "action",
        "done",
        *w,
        "--action",
        action,
        "--date",
        "2024-10-10",
        "--by",
        "Opal Wren",
    )
    assert status == 0
    assert cli_json(capsys, "supervision", "show", *w)["actions"][0]["done"] is True
    fix = cli_json(capsys, "supervision", "correct", *w, "--id", rid, "--reason", "wrong date")
    status, out, _ = cli(capsys, "supervision", "show", *w, "--id", str(fix["id"]))
    assert f"Corrects record {rid}: wrong date" in out and "DRAFT" in out
    status, _, err = cli(capsys, "supervision", "record", *w, "--date", "2024-09-31")
    assert status == 2 and "real date" in err
    status, _, err = cli(
        capsys, "supervision", "record", *w, "--date", "2024-09-30", "--action", "x", "--owner", "y"
    )
    assert status == 2 and "--due" in err
