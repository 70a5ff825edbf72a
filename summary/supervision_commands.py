"""The ``supervision`` command: record, sign, list and show supervision records; their decisions,
actions and corrections. Each handler takes parsed arguments and returns an exit status."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from chronology.cases import get_case
from chronology.cli_support import emit_json, open_workspace
from chronology.models import Case
from chronology.workspace import UK, Workspace
from summary.checklist import checklist_items, record_supervision
from summary.dates import uk
from summary.supervision import (
    Action,
    Decision,
    SupervisionError,
    SupervisionRecord,
    add_action,
    add_decision,
    correct_record,
    edit_record,
    get_action,
    get_record,
    list_records,
    set_action_status,
    sign_record,
)


def _stamp(iso: str | None) -> str:
    return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M") if iso else ""


def _record_of_case(ws: Workspace, case: Case, record_id: int) -> SupervisionRecord:
    record = get_record(ws, record_id)
    if record.case_id != case.id:
        raise SupervisionError(f"supervision record {record_id} belongs to another case")
    return record


def _pairs(items: list[str] | None, partners: list[str] | None, what: str) -> list[str]:
    """The partners of repeated options, matched by position (a missing one is refused)."""
    items, partners = items or [], partners or []
    if len(partners) > len(items):
        raise SupervisionError(f"each {what} goes with the option before it: too many given")
    return partners + [""] * (len(items) - len(partners))


def _decisions(args: argparse.Namespace) -> list[Decision]:
    why = _pairs(args.decision, args.rationale, "--rationale")
    return [Decision(text, reason) for text, reason in zip(args.decision or [], why, strict=True)]


def _actions(args: argparse.Namespace) -> list[Action]:
    texts = args.action or []
    owners, dues = args.owner or [], args.due or []
    if len(owners) != len(texts) or len(dues) != len(texts):
        raise SupervisionError(
            "each --action needs its own --owner NAME and --due YYYY-MM-DD, in the same order"
        )
    return [Action(t, o, d) for t, o, d in zip(texts, owners, dues, strict=True)]


def record_json(record: SupervisionRecord) -> dict[str, Any]:
    """A record as JSON: the checklist as stored, with every decision and action."""
    return {
        "id": record.id,
        "case_id": record.case_id,
        "date": record.date,
        "manager": record.manager,
        "worker": record.worker,
        "status": record.status,
        "period": {"from": record.period_from, "to": record.period_to},
        "summary_version": record.summary_version,
        "summary_digest": record.summary_digest,
        "notes": record.notes,
        "decisions": [
            {"id": d.id, "text": d.text, "rationale": d.rationale} for d in record.decisions
        ],
        "actions": [
            {
                "id": a.id,
                "text": a.text,
                "owner": a.owner,
                "due": a.due,
                "done": a.done_on(),
                "updates": [u.__dict__ for u in a.updates],
            }
            for a in record.actions
        ],
        "corrects": record.corrects,
        "correction_reason": record.correction_reason,
        "corrected_by": record.corrected_by,
        "created_at": record.created_at,
        "created_by": record.created_by,
        "signed_at": record.signed_at,
        "signed_by": record.signed_by,
        "seal": record.seal,
        "checklist": record.checklist,
    }


# ---------------------------------------------------------------- handlers
def cmd_record(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        record_id = record_supervision(
            ws,
            args.case,
            args.date,
            args.manager,
            args.worker,
            notes=args.notes or "",
            decisions=_decisions(args),
            actions=_actions(args),
            summary_version=args.summary_version,
        )
        record = get_record(ws, record_id)
    if args.json:
        emit_json({"id": record_id, "level": record.checklist.get("level"), "status": "draft"})
    else:
        print(
            f"supervision record {record_id} made for case {args.case} "
            f"({record.checklist.get('level', 'green').upper()}); sign it with "
            f"'supervision sign --id {record_id} --by {record.manager}'"
        )
    return 0


def cmd_sign(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        _record_of_case(ws, get_case(ws, args.case), args.id)
        record = sign_record(ws, args.id, args.by)
    if args.json:
        emit_json(
            {
                "id": record.id,
                "signed_at": record.signed_at,
                "signed_by": record.signed_by,
                "seal": record.seal,
            }
        )
    else:
        print(
            f"supervision record {record.id} signed by {record.signed_by} on "
            f"{_stamp(record.signed_at)}; it can no longer be changed"
        )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        records = list_records(ws, case.id or 0)
    if args.json:
        emit_json(
            [
                {
                    "id": r.id,
                    "date": r.date,
                    "manager": r.manager,
                    "worker": r.worker,
                    "status": r.status,
                    "level": r.checklist.get("level"),
                    "signed_at": r.signed_at,
                    "corrects": r.corrects,
                    "corrected_by": r.corrected_by,
                    "open_actions": sum(1 for a in r.actions if not a.done_on()),
                }
                for r in records
            ]
        )
        return 0
    for r in records:
        signed = f"signed {_stamp(r.signed_at)} by {r.signed_by}" if r.signed else "DRAFT"
        extra = f"; corrects record {r.corrects}" if r.corrects else ""
        extra += f"; corrected by record {r.corrected_by[-1]}" if r.corrected_by else ""
        print(
            f"{r.id}\t{uk(r.date)}\t{r.manager} with {r.worker}\t"
            f"{str(r.checklist.get('level', '')).upper()}\t{signed}{extra}"
        )
    if not records:
        print(f"no supervision recorded yet for case {case.ref}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        if args.id is None:
            records = list_records(ws, case.id or 0)
            if not records:
                raise SupervisionError(f"no supervision recorded yet for case {case.ref}")
            record = records[-1]
        else:
            record = _record_of_case(ws, case, args.id)
    if args.json:
        emit_json(record_json(record))
        return 0
    print_record(record)
    return 0


def print_record(r: SupervisionRecord) -> None:
    """A record as text: who, when, the checklist as it stood, notes, decisions, actions."""
    print(f"Supervision record {r.id} — {uk(r.date)} — {r.manager} with {r.worker}")
    if r.signed:
        print(f"Signed by {r.signed_by} on {_stamp(r.signed_at)} (seal {str(r.seal)[:16]}…)")
    else:
        print("DRAFT: not signed yet")
    if r.corrects:
        print(f"Corrects record {r.corrects}: {r.correction_reason}")
    if r.corrected_by:
        print(f"Corrected by record {', '.join(str(i) for i in r.corrected_by)}")
    period = r.checklist.get("period", {})
    first = uk(period.get("from")) if period.get("from") else "the start of the case"
    print(f"Period: {first}–{uk(period.get('to'))}; summary version {r.summary_version or '—'}")
    print(f"Checklist as it stood: {str(r.checklist.get('level', '')).upper()}")
    for item in checklist_items(r.checklist):
        print(f"  [{item.level.upper():5}] {item.title}")
        for f in item.findings:
            print(f"          {f.text}")
    print("Notes:")
    print(f"  {r.notes}" if r.notes else "  (none)")
    print("Decisions:")
    for d in r.decisions:
        print(f"  {d.id}. {d.text}" + (f" — because {d.rationale}" if d.rationale else ""))
    if not r.decisions:
        print("  (none)")
    print("Actions:")
    for a in r.actions:
        state = "done " + uk(a.status_on().on_date) if a.done_on() else "open"  # type: ignore[union-attr]
        print(f"  {a.id}. {a.describe()} — {state}")
    if not r.actions:
        print("  (none)")
    carried = r.checklist.get("carried_actions", [])
    if carried:
        print("Carried forward from earlier supervisions:")
        for a in carried:
            late = " OVERDUE" if a.get("overdue") else ""
            print(f"  {a['id']}. {a['text']} ({a['owner']}, due {uk(a['due'])}){late}")


def cmd_edit(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        _record_of_case(ws, get_case(ws, args.case), args.id)
        edit_record(ws, args.id, notes=args.notes, manager=args.manager, worker=args.worker)
    print(f"supervision record {args.id} updated")
    return 0


def cmd_decision(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        _record_of_case(ws, get_case(ws, args.case), args.id)
        decision = add_decision(ws, args.id, args.decision, args.rationale or "")
    if args.json:
        emit_json({"id": decision.id})
    else:
        print(f"decision {decision.id} added to supervision record {args.id}")
    return 0


def cmd_action_add(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        _record_of_case(ws, get_case(ws, args.case), args.id)
        action = add_action(ws, args.id, args.action, args.owner, args.due)
    if args.json:
        emit_json({"id": action.id})
    else:
        print(f"action {action.id} added to supervision record {args.id}")
    return 0


def cmd_action_status(args: argparse.Namespace) -> int:
    status = "done" if args.action_command == "done" else "open"
    day = args.date or dt.datetime.now(UK).date().isoformat()
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        action = get_action(ws, args.action)
        _record_of_case(ws, case, action.record_id or 0)
        action = set_action_status(ws, args.action, status, day, args.by, args.note or "")
    if args.json:
        emit_json({"id": action.id, "done": action.done_on()})
    else:
        print(f"action {action.id} marked {status} on {uk(day)} by {args.by}")
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        _record_of_case(ws, get_case(ws, args.case), args.id)
        record = correct_record(ws, args.id, args.reason)
    if args.json:
        emit_json({"id": record.id, "corrects": args.id})
    else:
        print(
            f"supervision record {record.id} made as a correction of record {args.id}: change "
            f"it, then sign it"
        )
    return 0


# ---------------------------------------------------------------- parser
def _common(p: argparse.ArgumentParser, json_: bool = True) -> None:
    p.add_argument("--workspace", required=True, metavar="PATH", help="the workspace file")
    p.add_argument("--case", required=True, metavar="REF", help="the case reference")
    if json_:
        p.add_argument("--json", action="store_true", help="print one JSON document")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``supervision`` command to the program's parser."""
    sup = sub.add_parser(
        "supervision",
        help="record, sign, list and show supervision records",
        description="A supervision record keeps the case's checklist as it stood, the notes, "
        "decisions (with their rationale) and actions (owner, due date); once the manager "
        "signs it, it cannot change: a correction is a new record that refers to it.",
    )
    s = sup.add_subparsers(dest="supervision_command", required=True, metavar="ACTION")

    p = s.add_parser("record", help="make a draft record with the checklist as it stands")
    _common(p)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the supervision's day")
    p.add_argument("--manager", metavar="NAME", help="default: the case's team manager")
    p.add_argument("--worker", metavar="NAME", help="default: the case's allocated worker")
    p.add_argument("--notes", metavar="TEXT", help="the discussion")
    p.add_argument("--decision", action="append", metavar="TEXT", help="a decision (repeatable)")
    p.add_argument(
        "--rationale", action="append", metavar="TEXT", help="why: goes with the --decision before"
    )
    p.add_argument("--action", action="append", metavar="TEXT", help="an action (repeatable)")
    p.add_argument("--owner", action="append", metavar="NAME", help="who does the --action")
    p.add_argument("--due", action="append", metavar="YYYY-MM-DD", help="by when")
    p.add_argument(
        "--summary-version",
        type=int,
        metavar="N",
        help="the summary version discussed (default: latest)",
    )
    p.set_defaults(func=cmd_record)

    p = s.add_parser("sign", help="the manager signs: the record can no longer change")
    _common(p)
    p.add_argument("--id", type=int, required=True, metavar="N")
    p.add_argument("--by", required=True, metavar="NAME", help="the manager's name")
    p.set_defaults(func=cmd_sign)

    p = s.add_parser("list", help="the case's supervision records")
    _common(p)
    p.set_defaults(func=cmd_list)

    p = s.add_parser("show", help="one record (default: the latest) with its checklist")
    _common(p)
    p.add_argument("--id", type=int, metavar="N")
    p.set_defaults(func=cmd_show)

    p = s.add_parser("edit", help="change a draft's notes, manager or worker")
    _common(p, json_=False)
    p.add_argument("--id", type=int, required=True, metavar="N")
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--manager", metavar="NAME")
    p.add_argument("--worker", metavar="NAME")
    p.set_defaults(func=cmd_edit)

    p = s.add_parser("decision", help="add a decision to a draft")
    _common(p)
    p.add_argument("decision_command", choices=("add",))
    p.add_argument("--id", type=int, required=True, metavar="N", help="the record")
    p.add_argument("--decision", required=True, metavar="TEXT")
    p.add_argument("--rationale", metavar="TEXT")
    p.set_defaults(func=cmd_decision)

    p = s.add_parser("action", help="add an action to a draft, or mark one done or open")
    _common(p)
    p.add_argument("action_command", choices=("add", "done", "reopen"))
    p.add_argument("--id", type=int, metavar="N", help="add: the record")
    p.add_argument("--action", metavar="TEXT|ID", help="add: the action's words; done: its id")
    p.add_argument("--owner", metavar="NAME", help="add: who does it")
    p.add_argument("--due", metavar="YYYY-MM-DD", help="add: by when")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="done/reopen: on which day (default today)")
    p.add_argument("--by", metavar="NAME", help="done/reopen: who says so")
    p.add_argument("--note", metavar="TEXT")
    p.set_defaults(func=cmd_action)

    p = s.add_parser("correct", help="a new draft correcting a signed record")
    _common(p)
    p.add_argument("--id", type=int, required=True, metavar="N", help="the signed record")
    p.add_argument("--reason", required=True, metavar="TEXT", help="what was wrong")
    p.set_defaults(func=cmd_correct)


def cmd_action(args: argparse.Namespace) -> int:
    """``supervision action add|done|reopen``."""
    if args.action_command == "add":
        missing = [
            f
            for f, v in (
                ("--id", args.id),
                ("--action", args.action),
                ("--owner", args.owner),
                ("--due", args.due),
            )
            if not v
        ]
        if missing:
            raise SupervisionError(f"supervision action add needs {', '.join(missing)}")
        return cmd_action_add(args)
    if not args.action or not str(args.action).isdigit():
        raise SupervisionError(f"supervision action {args.action_command} needs --action ID")
    if not args.by:
        raise SupervisionError(f"supervision action {args.action_command} needs --by NAME")
    args.action = int(args.action)
    return cmd_action_status(args)
