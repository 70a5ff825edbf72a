"""The ``significance`` command: the worker reviews suggested significance, in bulk.

significance list     what was suggested and why (the queue), or every entry's
significance confirm  accept the suggestions (of some entries, or all still suggested)
significance set      choose the level of some entries yourself, with a reason
significance suggest  run the rules again over entries nobody has confirmed (older imports)
"""

from __future__ import annotations

import argparse
from typing import Any

from chronology.cases import get_case
from chronology.commands import emit_json, open_workspace
from chronology.dates import format_entry_date
from chronology.significance import (
    Review,
    confirm,
    review_list,
    set_level,
    suggest_again,
)


def review_json(r: Review) -> dict[str, Any]:
    return {
        "id": r.entry_id,
        "date": r.date,
        "time": r.time,
        "agency": r.agency,
        "type": r.type,
        "summary": r.summary,
        "significance": r.significance,
        "status": r.status,
        "reason": r.reason,
        "by": r.by,
        "at": r.at,
    }


def cmd_significance(args: argparse.Namespace) -> int:
    action = args.significance_command
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        case_id = case.id or 0
        if action == "confirm":
            ids = None if args.all else _ids(args)
            n = confirm(ws, case_id, ids, args.by)
            print(f"{n} entr{'y' if n == 1 else 'ies'}' significance confirmed")
            return 0
        if action == "set":
            n = set_level(ws, case_id, _ids(args), args.level, args.by, args.reason or "")
            print(f"{n} entr{'y' if n == 1 else 'ies'} set to {args.level}")
            return 0
        if action == "suggest":
            n = suggest_again(ws, case_id)
            print(f"{n} entr{'y' if n == 1 else 'ies'} given a new suggestion")
            return 0
        status = None if args.status == "all" else args.status
        rows = review_list(ws, case_id, status, everything=args.everything)
    if args.json:
        emit_json([review_json(r) for r in rows])
        return 0
    if not rows:
        print("nothing waits for a decision" if status == "suggested" else "no entries")
    for r in rows:
        when = format_entry_date(r.date, r.time, "datetime" if r.time else "day", False, None)
        print(
            f"{r.entry_id}\t{when}\t{r.significance}\t{r.status}"
            + (f" by {r.by}" if r.by else "")
            + f"\t{r.summary}\t{r.reason or '(no reason: nothing found)'}"
        )
    return 0


def _ids(args: argparse.Namespace) -> list[int]:
    if not args.entry:
        raise ValueError("name the entries with --entry ID (repeatable), or use --all")
    return list(dict.fromkeys(args.entry))


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``significance`` command to the program's parser."""
    p = sub.add_parser(
        "significance", help="review suggested significance: list, confirm, set, suggest"
    )
    inner = p.add_subparsers(dest="significance_command", required=True)
    for name, helptext in (
        ("list", "what was suggested and why"),
        ("confirm", "accept the suggested significance"),
        ("set", "choose the significance of entries yourself"),
        ("suggest", "run the rules again over entries nobody has confirmed"),
    ):
        q = inner.add_parser(name, help=helptext)
        q.add_argument("--workspace", required=True, metavar="PATH", help="the workspace file")
        q.add_argument("--case", required=True, metavar="REF", help="the case reference")
        if name in ("confirm", "set"):
            q.add_argument("--entry", type=int, action="append", metavar="ID")
            q.add_argument("--by", metavar="NAME", help="who decides (default: you)")
        if name == "confirm":
            q.add_argument("--all", action="store_true", help="every entry still suggested")
        if name == "set":
            q.add_argument("--level", required=True, choices=("routine", "significant", "key"))
            q.add_argument("--reason", help="why (kept with the entry)")
        if name == "list":
            q.add_argument(
                "--status", choices=("suggested", "confirmed", "all"), default="suggested"
            )
            q.add_argument(
                "--everything",
                action="store_true",
                help="also entries where nothing was found (routine, no reason)",
            )
            q.add_argument("--json", action="store_true", help="print one JSON document")
        q.set_defaults(func=cmd_significance)
