"""Supervision records: the checklist as it stood, notes, decisions, actions and the sign-off.

A record is a draft until the team manager signs it; signing seals it (its fingerprint goes into
the record and the hash-chained history) and from then on nothing about it can change: the
database refuses it too. A mistake is put right by a *correction*, a new record that refers to the
old one. Actions are marked done (or open again) by appending an update, so a signed record's
actions keep their wording while their progress is followed; open actions carry forward to the
next supervision and into the case's alerts once overdue.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from chronology.seals import supervision_seal
from chronology.workspace import Workspace, current_user, now_iso
from summary.dates import parse_iso, uk


class SupervisionError(ValueError):
    """A record or action that does not exist, or a change it cannot take (e.g. once signed)."""


@dataclass
class Decision:
    text: str
    rationale: str = ""
    id: int | None = None


@dataclass
class ActionUpdate:
    status: str  # done | open
    on_date: str
    by: str
    note: str = ""
    at: str = ""


@dataclass
class Action:
    """Something to be done by someone by a date, agreed at a supervision."""

    text: str
    owner: str
    due: str  # ISO date
    id: int | None = None
    record_id: int | None = None
    updates: list[ActionUpdate] = field(default_factory=list)

    def status_on(self, day: dt.date | None = None) -> ActionUpdate | None:
        """The latest update on or before ``day`` (any day when None)."""
        kept = [u for u in self.updates if day is None or parse_iso(u.on_date) <= day]
        return kept[-1] if kept else None

    def done_on(self, day: dt.date | None = None) -> bool:
        latest = self.status_on(day)
        return latest is not None and latest.status == "done"

    def overdue_on(self, day: dt.date) -> bool:
        return not self.done_on(day) and parse_iso(self.due) < day

    def describe(self) -> str:
        return f"{self.text} ({self.owner}, due {uk(self.due)})"


@dataclass
class SupervisionRecord:
    """One supervision of one case."""

    case_id: int
    date: str
    manager: str
    worker: str
    checklist: dict[str, Any]
    period_from: str | None = None
    period_to: str = ""
    summary_version: int | None = None
    summary_digest: str = ""
    notes: str = ""
    corrects: int | None = None
    correction_reason: str = ""
    created_at: str = ""
    created_by: str = ""
    signed_at: str | None = None
    signed_by: str | None = None
    seal: str | None = None
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    corrected_by: list[int] = field(default_factory=list)
    id: int | None = None

    @property
    def signed(self) -> bool:
        return self.signed_at is not None

    @property
    def status(self) -> str:
        if not self.signed:
            return "draft"
        return "corrected" if self.corrected_by else "signed"


_COLUMNS = (
    "id, case_id, date, manager, worker, period_from, period_to, checklist, summary_version, "
    "summary_digest, notes, corrects, correction_reason, created_at, created_by, signed_at, "
    "signed_by, seal"
)


def _from_row(row: tuple) -> SupervisionRecord:
    (rid, case_id, date, manager, worker, p_from, p_to, checklist, version, digest) = row[:10]
    (notes, corrects, reason, created_at, created_by, signed_at, signed_by, seal) = row[10:]
    return SupervisionRecord(
        case_id=case_id,
        date=date,
        manager=manager,
        worker=worker,
        checklist=json.loads(checklist),
        period_from=p_from,
        period_to=p_to,
        summary_version=version,
        summary_digest=digest,
        notes=notes,
        corrects=corrects,
        correction_reason=reason,
        created_at=created_at,
        created_by=created_by,
        signed_at=signed_at,
        signed_by=signed_by,
        seal=seal,
        id=rid,
    )


def _attach(ws: Workspace, records: list[SupervisionRecord]) -> list[SupervisionRecord]:
    if not records:
        return records
    by_id = {r.id: r for r in records}
    marks = ",".join("?" * len(by_id))
    ids = list(by_id)
    for rid, text, rationale, did in ws.conn.execute(
        f"SELECT record_id, text, rationale, id FROM supervision_decisions "
        f"WHERE record_id IN ({marks}) ORDER BY id",
        ids,
    ):
        by_id[rid].decisions.append(Decision(text, rationale, did))
    actions = _actions(ws, f"record_id IN ({marks})", ids)
    for action in actions:
        by_id[action.record_id].actions.append(action)
    for corrects, rid in ws.conn.execute(
        f"SELECT corrects, id FROM supervision_records WHERE corrects IN ({marks}) ORDER BY id", ids
    ):
        by_id[corrects].corrected_by.append(rid)
    return records


def _actions(ws: Workspace, where: str, params: list[Any]) -> list[Action]:
    actions = [
        Action(text, owner, due, aid, rid)
        for aid, rid, text, owner, due in ws.conn.execute(
            f"SELECT id, record_id, text, owner, due FROM supervision_actions WHERE {where} "
            "ORDER BY id",
            params,
        )
    ]
    by_id = {a.id: a for a in actions}
    if by_id:
        marks = ",".join("?" * len(by_id))
        for aid, status, on_date, by, note, at in ws.conn.execute(
            f"SELECT action_id, status, on_date, by, note, at FROM supervision_action_updates "
            f"WHERE action_id IN ({marks}) ORDER BY on_date, id",
            list(by_id),
        ):
            by_id[aid].updates.append(ActionUpdate(status, on_date, by, note, at))
    return actions


# ---------------------------------------------------------------- reading
def get_record(ws: Workspace, record_id: int) -> SupervisionRecord:
    """The record with this id, or SupervisionError."""
    row = ws.conn.execute(
        f"SELECT {_COLUMNS} FROM supervision_records WHERE id=?", (record_id,)
    ).fetchone()
    if row is None:
        raise SupervisionError(f"no supervision record {record_id}")
    return _attach(ws, [_from_row(row)])[0]


def list_records(ws: Workspace, case_id: int) -> list[SupervisionRecord]:
    """A case's supervision records, oldest first."""
    rows = ws.conn.execute(
        f"SELECT {_COLUMNS} FROM supervision_records WHERE case_id=? ORDER BY date, id",
        (case_id,),
    ).fetchall()
    return _attach(ws, [_from_row(r) for r in rows])


@dataclass(frozen=True)
class SignedMark:
    """The latest signed supervision of a case: its record, date and when it was signed."""

    record_id: int
    date: dt.date
    signed_at: str


def last_signed(
    ws: Workspace, case_ids: list[int], on_or_before: dt.date, *, strictly_before: bool = False
) -> dict[int, SignedMark]:
    """Each case's latest signed supervision dated on (or strictly before) a day."""
    if not case_ids:
        return {}
    marks = ",".join("?" * len(case_ids))
    op = "<" if strictly_before else "<="
    out: dict[int, SignedMark] = {}
    for case_id, rid, date, signed_at in ws.conn.execute(
        f"SELECT case_id, id, date, signed_at FROM supervision_records "
        f"WHERE signed_at IS NOT NULL AND case_id IN ({marks}) AND date {op} ? "
        "ORDER BY date, id",
        (*case_ids, on_or_before.isoformat()),
    ):
        out[case_id] = SignedMark(rid, parse_iso(date), signed_at)
    return out


def open_actions(
    ws: Workspace, case_ids: list[int], on: dt.date, *, before_record: int | None = None
) -> dict[int, list[Action]]:
    """Actions of signed records not done by ``on``, by case (oldest first).

    A corrected record's actions are left out when its correction is signed: the correction
    carries them.
    """
    if not case_ids:
        return {}
    marks = ",".join("?" * len(case_ids))
    rows = ws.conn.execute(
        f"SELECT r.id, r.case_id FROM supervision_records r WHERE r.signed_at IS NOT NULL "
        f"AND r.case_id IN ({marks}) AND r.date <= ? AND NOT EXISTS (SELECT 1 FROM "
        "supervision_records c WHERE c.corrects = r.id AND c.signed_at IS NOT NULL)",
        (*case_ids, on.isoformat()),
    ).fetchall()
    record_case = {rid: case_id for rid, case_id in rows if rid != before_record}
    if not record_case:
        return {}
    out: dict[int, list[Action]] = defaultdict(list)
    marks = ",".join("?" * len(record_case))
    for action in _actions(ws, f"record_id IN ({marks})", list(record_case)):
        if not action.done_on(on):
            out[record_case[action.record_id or 0]].append(action)
    return dict(out)


# ---------------------------------------------------------------- writing
def _draft(ws: Workspace, record_id: int) -> SupervisionRecord:
    record = get_record(ws, record_id)
    if record.signed:
        raise SupervisionError(
            f"supervision record {record_id} was signed on {_stamp(record.signed_at)} by "
            f"{record.signed_by} and cannot be changed; record a correction instead "
            f"(supervision correct --id {record_id} --reason TEXT)"
        )
    return record


def _stamp(iso: str | None) -> str:
    return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M") if iso else ""


def _text(value: str, what: str) -> str:
    text = " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()
    if not text:
        raise SupervisionError(f"{what} cannot be empty")
    return text


def create_record(ws: Workspace, record: SupervisionRecord, who: str | None = None) -> int:
    """Store a new draft record with its decisions and actions; returns its id."""
    parse_iso(record.date, "the supervision date")
    manager = _text(record.manager, "the manager's name")
    worker = _text(record.worker, "the worker's name")
    stamp = now_iso()
    with ws.transaction() as c:
        cur = c.execute(
            "INSERT INTO supervision_records(case_id, date, manager, worker, period_from, "
            "period_to, checklist, summary_version, summary_digest, notes, corrects, "
            "correction_reason, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                record.case_id,
                parse_iso(record.date).isoformat(),
                manager,
                worker,
                record.period_from,
                record.period_to or record.date,
                json.dumps(record.checklist, ensure_ascii=False),
                record.summary_version,
                record.summary_digest,
                record.notes.strip(),
                record.corrects,
                record.correction_reason.strip(),
                stamp,
                who or current_user(),
            ),
        )
        record_id = int(cur.lastrowid or 0)
        for d in record.decisions:
            _insert_decision(c, record_id, d)
        for a in record.actions:
            _insert_action(c, record_id, a)
        ws.record_history(
            "supervision_records",
            record_id,
            "create",
            None,
            {
                "case_id": record.case_id,
                "date": record.date,
                "manager": manager,
                "worker": worker,
                "corrects": record.corrects,
            },
            who,
        )
    return record_id


def _insert_decision(c: sqlite3.Connection, record_id: int, d: Decision) -> int:
    cur = c.execute(
        "INSERT INTO supervision_decisions(record_id, text, rationale) VALUES (?,?,?)",
        (record_id, _text(d.text, "a decision"), d.rationale.strip()),
    )
    return int(cur.lastrowid or 0)


def _insert_action(c: sqlite3.Connection, record_id: int, a: Action) -> int:
    due = parse_iso(a.due, "the action's due date").isoformat()
    cur = c.execute(
        "INSERT INTO supervision_actions(record_id, text, owner, due) VALUES (?,?,?,?)",
        (record_id, _text(a.text, "an action"), _text(a.owner, "the action's owner"), due),
    )
    return int(cur.lastrowid or 0)


def edit_record(
    ws: Workspace,
    record_id: int,
    who: str | None = None,
    *,
    notes: str | None = None,
    manager: str | None = None,
    worker: str | None = None,
) -> SupervisionRecord:
    """Change a draft's notes, manager or worker (a signed record refuses)."""
    old = _draft(ws, record_id)
    changes: dict[str, str] = {}
    if notes is not None:
        changes["notes"] = notes.strip()
    if manager is not None:
        changes["manager"] = _text(manager, "the manager's name")
    if worker is not None:
        changes["worker"] = _text(worker, "the worker's name")
    if not changes:
        return old
    with ws.transaction() as c:
        c.execute(
            f"UPDATE supervision_records SET {', '.join(f'{k}=?' for k in changes)} WHERE id=?",
            (*changes.values(), record_id),
        )
        ws.record_history(
            "supervision_records",
            record_id,
            "update",
            {k: getattr(old, k) for k in changes},
            changes,
            who,
        )
    return get_record(ws, record_id)


def add_decision(
    ws: Workspace, record_id: int, text: str, rationale: str = "", who: str | None = None
) -> Decision:
    """Add a decision, with its rationale, to a draft."""
    _draft(ws, record_id)
    decision = Decision(text, rationale)
    with ws.transaction() as c:
        decision.id = _insert_decision(c, record_id, decision)
        ws.record_history(
            "supervision_records",
            record_id,
            "decision",
            None,
            {"id": decision.id, "text": decision.text, "rationale": rationale},
            who,
        )
    return decision


def add_action(
    ws: Workspace, record_id: int, text: str, owner: str, due: str, who: str | None = None
) -> Action:
    """Add an action (owner, due date) to a draft."""
    _draft(ws, record_id)
    action = Action(text, owner, due, record_id=record_id)
    with ws.transaction() as c:
        action.id = _insert_action(c, record_id, action)
        ws.record_history(
            "supervision_records",
            record_id,
            "action",
            None,
            {"id": action.id, "text": text, "owner": owner, "due": due},
            who,
        )
    return get_action(ws, action.id)


def remove_item(ws: Workspace, record_id: int, kind: str, item_id: int, who: str | None = None):
    """Take a decision or an action off a draft (the history keeps that it was there)."""
    _draft(ws, record_id)
    table = {"decision": "supervision_decisions", "action": "supervision_actions"}[kind]
    with ws.transaction() as c:
        row = c.execute(
            f"SELECT text FROM {table} WHERE id=? AND record_id=?", (item_id, record_id)
        ).fetchone()
        if row is None:
            raise SupervisionError(f"record {record_id} has no {kind} {item_id}")
        if (
            kind == "action"
            and c.execute(
                "SELECT 1 FROM supervision_action_updates WHERE action_id=?", (item_id,)
            ).fetchone()
        ):
            raise SupervisionError(f"action {item_id} already has progress recorded; keep it")
        c.execute(f"DELETE FROM {table} WHERE id=?", (item_id,))
        ws.record_history(
            "supervision_records", record_id, f"remove {kind}", {"id": item_id, "text": row[0]}
        )


def get_action(ws: Workspace, action_id: int | None) -> Action:
    found = _actions(ws, "id=?", [action_id])
    if not found:
        raise SupervisionError(f"no supervision action {action_id}")
    return found[0]


def sign_record(
    ws: Workspace, record_id: int, by: str, who: str | None = None
) -> SupervisionRecord:
    """The manager signs: the record is sealed and can never change again."""
    record = _draft(ws, record_id)
    name = _text(by, "the name of the manager signing")
    if name.casefold() != record.manager.casefold():
        raise SupervisionError(
            f"supervision record {record_id} is the supervision of {record.manager}; only that "
            f"manager signs it (change the manager on the draft with supervision edit --id "
            f"{record_id} --manager NAME)"
        )
    stamp = now_iso()
    with ws.transaction() as c:
        seal = supervision_seal(c, record_id, stamp, record.manager)
        c.execute(
            "UPDATE supervision_records SET signed_at=?, signed_by=?, seal=? WHERE id=?",
            (stamp, record.manager, seal, record_id),
        )
        ws.record_history(
            "supervision_records",
            record_id,
            "sign",
            None,
            {"signed_at": stamp, "signed_by": record.manager, "seal": seal},
            who,
        )
    return get_record(ws, record_id)


def set_action_status(
    ws: Workspace,
    action_id: int,
    status: str,
    on_date: str,
    by: str,
    note: str = "",
    who: str | None = None,
) -> Action:
    """Mark an action done (or open again) on a day; the update is appended, never overwritten."""
    if status not in ("done", "open"):
        raise SupervisionError("an action is either done or open")
    action = get_action(ws, action_id)
    day = parse_iso(on_date, "the date").isoformat()
    name = _text(by, "the name of the person recording it")
    with ws.transaction() as c:
        c.execute(
            "INSERT INTO supervision_action_updates(action_id, status, on_date, by, note, at) "
            "VALUES (?,?,?,?,?,?)",
            (action_id, status, day, name, note.strip(), now_iso()),
        )
        ws.record_history(
            "supervision_actions",
            action_id,
            status,
            None,
            {"record_id": action.record_id, "on": day, "by": name, "note": note.strip()},
            who,
        )
    return get_action(ws, action_id)


def correct_record(
    ws: Workspace, record_id: int, reason: str, who: str | None = None
) -> SupervisionRecord:
    """A new draft that corrects a signed record: a copy of it to change, then sign."""
    old = get_record(ws, record_id)
    if not old.signed:
        raise SupervisionError(
            f"supervision record {record_id} is a draft: change it directly, no correction needed"
        )
    why = _text(reason, "the reason for the correction")
    new = SupervisionRecord(
        case_id=old.case_id,
        date=old.date,
        manager=old.manager,
        worker=old.worker,
        checklist=old.checklist,
        period_from=old.period_from,
        period_to=old.period_to,
        summary_version=old.summary_version,
        summary_digest=old.summary_digest,
        notes=old.notes,
        corrects=record_id,
        correction_reason=why,
        decisions=[Decision(d.text, d.rationale) for d in old.decisions],
        actions=[Action(a.text, a.owner, a.due) for a in old.actions],
    )
    new_id = create_record(ws, new, who)
    # Progress already recorded on the old record's actions carries over to their copies.
    copies = get_record(ws, new_id).actions
    with ws.transaction() as c:
        for before, after in zip(old.actions, copies, strict=True):
            for u in before.updates:
                c.execute(
                    "INSERT INTO supervision_action_updates(action_id, status, on_date, by, "
                    "note, at) VALUES (?,?,?,?,?,?)",
                    (after.id, u.status, u.on_date, u.by, u.note, u.at),
                )
    return get_record(ws, new_id)
