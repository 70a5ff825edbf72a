"""Command line of proceedings periods: ``case proceedings add|edit|list|confirm|reject``."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from chronology.cases import get_case
from chronology.cli_support import emit_json, open_workspace
from chronology.dates import UnreadableDate, parse_date
from chronology.models import Precision
from chronology.proceedings import (
    ProceedingsError,
    ProceedingsPeriod,
    add_period,
    confirm_period,
    edit_period,
    get_period,
    periods_for,
    reject_period,
)
from chronology.workspace import Workspace


def _day(text: str | None, what: str) -> str | None:
    """A day the worker typed (2024-11-19 or 19/11/2024, read day-first) as ISO."""
    if text is None or not text.strip():
        return None
    try:
        value = parse_date(text)
    except UnreadableDate as exc:
        raise ProceedingsError(f"--{what} {text!r}: {exc.reason}") from None
    if value.precision not in (Precision.DAY, Precision.DATETIME):
        raise ProceedingsError(f"--{what} {text!r}: give a day, e.g. 19/11/2024")
    return value.start.isoformat()


def period_json(p: ProceedingsPeriod) -> dict[str, Any]:
    data = asdict(p)
    return {
        "id": data.pop("id"),
        **data,
        "description": p.describe(),
    }


def _of_case(ws: Workspace, case_id: int, period_id: int) -> ProceedingsPeriod:
    p = get_period(ws, period_id)
    if p.case_id != case_id:
        raise ProceedingsError(f"proceedings period {period_id} belongs to another case")
    return p


def _print(p: ProceedingsPeriod) -> None:
    court = ", ".join(x for x in (p.court, p.case_number) if x)
    print(f"{p.id}\t{p.status}\t{p.describe()}" + (f"\t{court}" if court else ""))
    if p.suggested and p.basis:
        print(f"\twhy: {p.basis}")


def cmd_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        periods = periods_for(ws, case.id or 0)
    if args.json:
        emit_json([period_json(p) for p in periods])
        return 0
    for p in periods:
        _print(p)
    if not periods:
        print(f"no proceedings recorded or suggested for case {case.ref}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        p = add_period(
            ws,
            case.id or 0,
            args.type,
            _day(args.start, "start"),
            _day(args.end, "end"),
            args.end_reason or "",
            args.court or "",
            args.case_number or "",
        )
    if args.json:
        emit_json(period_json(p))
    else:
        print(f"proceedings period {p.id} added: {p.describe()}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    changes: dict[str, object] = {}
    for name in ("type", "court", "case_number", "end_reason"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = value
    if args.start is not None:
        changes["start"] = _day(args.start, "start")
    if args.open:
        changes["end"] = None
    elif args.end is not None:
        changes["end"] = _day(args.end, "end")
    if not changes:
        raise ProceedingsError(
            "nothing to change: give --type, --court, --case-number, --start, --end, --open "
            "or --end-reason"
        )
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        periods_for(ws, case.id or 0)  # the suggestion as the chronology has it now
        _of_case(ws, case.id or 0, args.period)
        p = edit_period(ws, args.period, **changes)
    print(f"proceedings period {p.id} edited and confirmed: {p.describe()}")
    return 0


def cmd_confirm(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        periods_for(ws, case.id or 0)
        _of_case(ws, case.id or 0, args.period)
        p = confirm_period(ws, args.period)
    print(f"proceedings period {p.id} confirmed: {p.describe()}")
    return 0


def cmd_reject(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        periods_for(ws, case.id or 0)
        _of_case(ws, case.id or 0, args.period)
        p = reject_period(ws, args.period, args.reason or "")
    print(f"proceedings period {p.id} rejected: it is no longer used or suggested")
    return 0


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workspace", required=True, metavar="PATH", help="the workspace file")
    p.add_argument("--case", required=True, metavar="REF", help="the case reference")


def _details(p: argparse.ArgumentParser, *, adding: bool) -> None:
    p.add_argument(
        "--type", choices=("private", "public"), required=adding, help="private or public law"
    )
    p.add_argument("--start", metavar="DATE", required=adding, help="e.g. 16/01/2023")
    p.add_argument("--end", metavar="DATE", help="the day they ended (final order, withdrawal…)")
    p.add_argument(
        "--end-reason", metavar="TEXT", help="final order, withdrawn, dismissed, no order…"
    )
    p.add_argument("--court", metavar="TEXT")
    p.add_argument("--case-number", metavar="TEXT")


def register(case_sub: argparse._SubParsersAction) -> None:
    """Add ``case proceedings …`` under the ``case`` command."""
    proceedings = case_sub.add_parser(
        "proceedings",
        help="list, add, edit, confirm or reject the case's proceedings periods",
        description="Proceedings periods: suggested from the chronology (applications, "
        "hearings, orders) until the worker confirms or edits them. The summary, cadence checks "
        "and documents use them and say 'suggested' until they are confirmed.",
    )
    sub = proceedings.add_subparsers(dest="proceedings_command", required=True, metavar="ACTION")
    p = sub.add_parser("list", help="the case's periods, confirmed and suggested")
    _common(p)
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("add", help="record a period (confirmed)")
    _common(p)
    _details(p, adding=True)
    p.add_argument("--json", action="store_true", help="print the new period as JSON")
    p.set_defaults(func=cmd_add)
    p = sub.add_parser("edit", help="change a period (an edited suggestion becomes confirmed)")
    _common(p)
    p.add_argument("--period", type=int, required=True, metavar="ID")
    _details(p, adding=False)
    p.add_argument("--open", action="store_true", help="the period has not ended: clear its end")
    p.set_defaults(func=cmd_edit)
    p = sub.add_parser("confirm", help="confirm a suggested period as it stands")
    _common(p)
    p.add_argument("--period", type=int, required=True, metavar="ID")
    p.set_defaults(func=cmd_confirm)
    p = sub.add_parser("reject", help="a suggested period is wrong: never use or suggest it again")
    _common(p)
    p.add_argument("--period", type=int, required=True, metavar="ID")
    p.add_argument("--reason", metavar="TEXT")
    p.set_defaults(func=cmd_reject)
