"""Command line of possible duplicates: ``duplicates`` (the review queue) and
``duplicates confirm|reject --pair ID``."""

from __future__ import annotations

import argparse

from chronology.cases import get_case
from chronology.cli_support import emit_json, open_workspace
from chronology.duplicate_pairs import (
    DuplicatePair,
    PairError,
    confirm_pair,
    list_pairs,
    pair_json,
    reject_pair,
)
from chronology.entries import get_entry
from chronology.workspace import Workspace


def _entry_line(ws: Workspace, entry_id: int) -> str:
    e = get_entry(ws, entry_id)
    day = f"{e.date[8:10]}/{e.date[5:7]}/{e.date[:4]}"
    when = f"{day} {e.time}" if e.time else day
    return f"entry {e.id} ({when}, {e.agency}, {e.type.value}): {e.summary[:70]}"


def _print(ws: Workspace, p: DuplicatePair) -> None:
    print(f"pair {p.id} [{p.status}{', automatic' if p.automatic else ''}]")
    print(f"  a: {_entry_line(ws, p.a)}")
    print(f"  b: {_entry_line(ws, p.b)}")
    print(f"  why: {', '.join(p.reasons)}")


def cmd_duplicates(args: argparse.Namespace) -> int:
    if args.duplicates_command in ("confirm", "reject"):
        return _decide(args)
    if not args.workspace or not args.case:
        raise PairError("duplicates: give --workspace PATH and --case REF")
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        pairs = list_pairs(ws, case.id or 0)
        if args.json:
            emit_json([pair_json(p) for p in pairs])
            return 0
        waiting = [p for p in pairs if p.status == "possible"]
        print(
            f"{len(waiting)} possible duplicate{'s' if len(waiting) != 1 else ''} to review "
            f"for case {case.ref}"
            + (f" ({len(pairs) - len(waiting)} decided)" if len(pairs) > len(waiting) else "")
        )
        for p in pairs:
            _print(ws, p)
    return 0


def _decide(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        if args.duplicates_command == "confirm":
            confirm_pair(ws, args.pair, case_id=case.id)
            print(f"pair {args.pair} confirmed: one event, both records kept and linked")
        else:
            reject_pair(ws, args.pair, case_id=case.id)
            print(f"pair {args.pair} rejected: different events; it will not be proposed again")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``duplicates`` to the program's parser."""
    p = sub.add_parser(
        "duplicates",
        help="the possible duplicates waiting for review; confirm or reject one",
        description="Without an action, lists the case's possible-duplicate pairs (waiting "
        "first) with their reasons. 'confirm' links a pair as one event (both records kept); "
        "'reject' marks them different events, never proposed again, also after re-import.",
    )
    p.add_argument("--workspace", metavar="PATH", help="the workspace file")
    p.add_argument("--case", metavar="REF", help="the case reference")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(func=cmd_duplicates, duplicates_command=None)
    actions = p.add_subparsers(dest="duplicates_command", metavar="ACTION")
    for name, text in (
        ("confirm", "the pair is one event: link it"),
        ("reject", "the pair is two events: never propose it again"),
    ):
        a = actions.add_parser(name, help=text)
        a.add_argument("--workspace", required=True, metavar="PATH", help="the workspace file")
        a.add_argument("--case", required=True, metavar="REF", help="the case reference")
        a.add_argument("--pair", required=True, type=int, metavar="ID", help="the pair's id")
        a.set_defaults(func=cmd_duplicates)
