"""Tamper-evident history: changes made outside Throughline are named on opening and by
``workspace check``, and the workspace then opens read-only for inspection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from casebuilder import CaseBuilder, cin_gap_during_proceedings
from clirun import cli, cli_json

import chronology.integrity as integrity
from chronology.cases import get_case
from chronology.history_chain import GENESIS, row_seal
from chronology.models import EntryType
from chronology.schema import MIGRATIONS
from chronology.workspace import Workspace, WorkspaceError, _split_sql
from summary.checklist import record_supervision
from summary.supervision import Decision, sign_record


@pytest.fixture
def signed(tmp_path: Path) -> tuple[str, int]:
    """A workspace with a case, a risk and a signed supervision record."""
    path = str(tmp_path / "sealed.db")
    with Workspace.open(path) as ws:
        b = cin_gap_during_proceedings(ws, "TP-1")
        risk = b.risk(
            "Threat if contact changes",
            category="conditional threat",
            identified="2024-01-05",
            reviewed="2024-01-05",
        )
        b.review(risk, "2024-02-20")
        rid = record_supervision(
            ws,
            "TP-1",
            "2024-03-01",
            notes="Meetings resumed; contact to stay supervised.",
            decisions=[Decision("Contact stays supervised", "risk reviewed after the hearing")],
        )
        sign_record(ws, rid, "Saul Kemble")
    return path, rid


def _shell(path: str, *sql: str) -> None:
    """What someone with the sqlite3 shell could do to the file."""
    conn = sqlite3.connect(path)
    try:
        for statement in sql:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.rollback()
        conn.close()


def test_an_untouched_workspace_opens_normally(signed: tuple[str, int]) -> None:
    path, _ = signed
    with Workspace.open(path) as ws:
        assert ws.integrity is not None and ws.integrity.ok and not ws.read_only
        assert ws.integrity.full and ws.integrity.history_rows > 50
        assert ws.check().ok


def test_editing_a_signed_record_in_the_file_is_named_on_opening(
    signed: tuple[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, rid = signed
    with pytest.raises(sqlite3.DatabaseError, match="signed supervision record"):
        _shell(
            path,
            f"UPDATE supervision_records SET notes='Contact can be unsupervised.' WHERE id={rid}",
        )
    _shell(
        path,
        "DROP TRIGGER supervision_signed_no_update",
        f"UPDATE supervision_records SET notes='Contact can be unsupervised.' WHERE id={rid}",
    )
    with Workspace.open(path) as ws:
        assert ws.read_only
        (problem,) = ws.integrity.problems  # type: ignore[union-attr]
        assert problem.record == f"supervision record {rid} (case TP-1, 01/03/2024)"
        assert "changed after Saul Kemble signed it" in problem.detail
        # Still open for inspection: reading works, changing is refused with a reason.
        assert ws.conn.execute("SELECT count(*) FROM entries").fetchone()[0] > 50
        with pytest.raises(WorkspaceError, match="read-only for inspection"):
            CaseBuilder(ws, get_case(ws, "TP-1")).entry("2024-03-02", EntryType.HOME_VISIT)
    # The command line says so on every opening, and refuses changes in one line.
    status, out, err = cli(capsys, "supervision", "list", "--workspace", path, "--case", "TP-1")
    assert (
        status == 0 and "changed outside Throughline" in err and f"supervision record {rid}" in err
    )
    status, _, err = cli(
        capsys,
        "supervision",
        "record",
        "--workspace",
        path,
        "--case",
        "TP-1",
        "--date",
        "2024-03-05",
    )
    assert status == 2 and "read-only for inspection" in err
    status, out, _ = cli(capsys, "workspace", "check", "--workspace", path)
    assert status == 1 and "CHANGED OUTSIDE THROUGHLINE" in out
    assert f"supervision record {rid} (case TP-1, 01/03/2024): changed after" in out


def test_editing_a_history_row_after_dropping_its_trigger(
    signed: tuple[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = signed
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        _shell(path, "UPDATE history SET who='someone else' WHERE id=3")
    target = (
        sqlite3.connect(path)
        .execute("SELECT id, row_id FROM history WHERE tbl='risks' AND action='review' ORDER BY id")
        .fetchall()[-1]
    )
    _shell(
        path,
        "DROP TRIGGER history_no_update",
        f"UPDATE history SET new=replace(new, 'Opal Wren', 'Saul Kemble') WHERE id={target[0]}",
    )
    with Workspace.open(path) as ws:
        names = [p.record for p in ws.integrity.problems]  # type: ignore[union-attr]
        assert any(
            n.startswith(f"history row {target[0]} (review of risk {target[1]}") for n in names
        )
    status, out, _ = cli(capsys, "workspace", "check", "--workspace", path)
    assert status == 1 and f"history row {target[0]}" in out and "changed outside" in out


def test_deleted_and_slipped_in_rows_are_found(signed: tuple[str, int]) -> None:
    path, _ = signed
    _shell(path, "DROP TRIGGER history_no_delete", "DELETE FROM history WHERE id=10")
    with Workspace.open(path) as ws:
        lines = [p.line() for p in ws.integrity.problems]  # type: ignore[union-attr]
    assert "history row 10: missing: deleted outside Throughline" in lines
    assert any(line.startswith("history row 11 ") and "seal" in line for line in lines)


def test_a_review_slipped_into_the_table_is_found(signed: tuple[str, int]) -> None:
    path, _ = signed
    _shell(
        path,
        "INSERT INTO risk_reviews(risk_id, date, by, note, at) "
        "VALUES (1, '2024-09-01', 'Opal Wren', '', '2024-09-01T10:00:00+01:00')",
    )
    with Workspace.open(path) as ws:
        (problem,) = ws.integrity.problems  # type: ignore[union-attr]
    assert problem.record.startswith("risk review") and "dated 01/09/2024" in problem.record
    assert "added outside Throughline" in problem.detail


def test_unsigning_a_record_is_found(signed: tuple[str, int]) -> None:
    path, rid = signed
    _shell(
        path,
        "DROP TRIGGER supervision_signed_no_update",
        f"UPDATE supervision_records SET signed_at=NULL, signed_by=NULL WHERE id={rid}",
    )
    with Workspace.open(path) as ws:
        (problem,) = ws.integrity.problems  # type: ignore[union-attr]
    assert "now shows as unsigned" in problem.detail


def test_a_long_history_is_checked_from_its_checkpoint_on_opening(
    signed: tuple[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = signed
    monkeypatch.setattr(integrity, "FULL_ON_OPEN", 20)
    with Workspace.open(path) as ws:
        assert ws.check().ok  # a full check leaves a checkpoint at the head
        head = ws.conn.execute("SELECT max(id) FROM history").fetchone()[0]
        CaseBuilder(ws, get_case(ws, "TP-1")).entry("2024-03-04", EntryType.HOME_VISIT)
    with Workspace.open(path) as ws:
        assert ws.integrity.ok and not ws.integrity.full  # type: ignore[union-attr]
        assert ws.integrity.checked_from == head  # type: ignore[union-attr]
    # An edit after the checkpoint is seen on opening; one before it by the full check.
    who = sqlite3.connect(path).execute(f"SELECT who FROM history WHERE id={head + 1}").fetchone()
    _shell(
        path, "DROP TRIGGER history_no_update", f"UPDATE history SET who='x' WHERE id={head + 1}"
    )
    with Workspace.open(path) as ws:
        assert [p.record.split(" (")[0] for p in ws.integrity.problems] == [  # type: ignore[union-attr]
            f"history row {head + 1}"
        ]
    _shell(path, f"UPDATE history SET who='{who[0]}' WHERE id={head + 1}")
    _shell(path, "UPDATE history SET who='x' WHERE id=5")
    with Workspace.open(path) as ws:
        assert ws.integrity.ok  # type: ignore[union-attr]
        assert [p.record.split(" (")[0] for p in ws.check().problems] == ["history row 5"]


def test_an_older_workspace_is_chained_when_it_migrates(tmp_path: Path) -> None:
    """A workspace of schema 7 (no seals yet) migrates: its history is sealed in order."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:7]:
        assert isinstance(step, str)
        for statement in _split_sql(step):
            conn.execute(statement)
    conn.execute("PRAGMA user_version=7")
    conn.execute("PRAGMA application_id=1414024270")
    conn.execute("INSERT INTO cases(ref, created_at, updated_at) VALUES ('OLD-7', 'x', 'x')")
    for i in range(5):
        conn.execute(
            "INSERT INTO history(tbl, row_id, action, who, at, old, new) "
            "VALUES ('cases', 1, 'update', 'Old Hand', ?, NULL, ?)",
            (f"2023-01-0{i + 1}T10:00:00+00:00", f'{{"step": {i}}}'),
        )
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.integrity.ok and ws.integrity.history_rows == 5  # type: ignore[union-attr]
        rows = ws.conn.execute(
            "SELECT id, tbl, row_id, action, who, at, old, new, hash FROM history ORDER BY id"
        ).fetchall()
        prev = GENESIS
        for row in rows:
            assert row[8] == row_seal(prev, row[:8])
            prev = row[8]
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            ws.conn.execute("UPDATE history SET who='x' WHERE id=1")


def test_check_on_the_command_line_when_all_is_in_order(
    signed: tuple[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, rid = signed
    status, out, err = cli(capsys, "workspace", "check", "--workspace", path)
    assert status == 0 and "history in order" in out and not err
    shown = cli_json(capsys, "supervision", "show", "--workspace", path, "--case", "TP-1")
    assert shown["id"] == rid and shown["status"] == "signed"


def test_a_review_withdrawn_and_restored_in_the_app_is_in_order(signed: tuple[str, int]) -> None:
    from summary.risks import record_review, restore_review, withdraw_review

    path, _ = signed
    with Workspace.open(path) as ws:
        review = record_review(ws, 1, "2024-03-10", "Opal Wren", "after the hearing")
        withdraw_review(ws, review.id or 0)
        assert ws.check().ok
        restore_review(ws, review)
        assert ws.check().ok
    _shell(path, f"DELETE FROM risk_reviews WHERE id={review.id}")
    with Workspace.open(path) as ws:
        (problem,) = ws.integrity.problems  # type: ignore[union-attr]
    assert problem.line() == f"risk review {review.id} (risk 1): deleted outside Throughline"
