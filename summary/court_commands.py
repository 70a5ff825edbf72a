"""Commands for what the court sees: the selection, the worker's exclusions, the bundle index,
the child's voice, and the case's agencies.

  court list       the court chronology's events, why each is in, and what was taken out
  court exclude    take an entry out of the court documents (a reason is required)
  court restore    put it back
  court bundle     the bundle page of an entry's record (or a CSV index: entry,page)
  child-voice      tag entries that record the child's wishes and feelings (or untag them)
  agencies         the case's agencies, their other names, and names that are people
  agency add       an agency with the other names it goes by (--alias, repeatable)
  agency unalias   a name is no longer one of an agency's names
  contact-details  addresses, phones, NHS numbers, emails, dates of birth found in the records
                   (list), marked confidential or not (mark)
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any

from chronology.agencies import add_agency, list_agencies, remove_alias
from chronology.cases import get_case
from chronology.commands import emit_json, entry_json, open_workspace
from chronology.entries import get_entry, update_entry
from summary.court_selection import (
    SelectionError,
    court_selection,
    exclude,
    restore,
    set_bundle_page,
)


def _case_id(ws: Any, ref: str) -> int:
    return get_case(ws, ref).id or 0


def cmd_court(args: argparse.Namespace) -> int:
    action = args.court_command
    with open_workspace(args) as ws:
        case_id = _case_id(ws, args.case)
        if action == "exclude":
            x = exclude(ws, case_id, args.entry, args.reason or "", args.by)
            print(f"entry {x.entry_id} taken out of the court documents: {x.reason}")
            return 0
        if action == "restore":
            done = restore(ws, case_id, args.entry, args.by)
            print(f"entry {args.entry} " + ("put back" if done else "was not taken out"))
            return 0
        if action == "bundle":
            return _bundle(ws, case_id, args)
        sel = court_selection(ws, case_id, args.date_from, args.date_to)
    if args.json:
        emit_json(
            {
                "period": {
                    "from": sel.period.date_from,
                    "to": sel.period.date_to,
                    "basis": sel.period.basis,
                },
                "events": [
                    {
                        "number": ev.number,
                        "entries": ev.ids,
                        "date": ev.entry.date,
                        "time": ev.entry.time,
                        "summary": ev.entry.summary,
                        "why": ev.why,
                    }
                    for ev in sel.events
                ],
                "excluded": [
                    {"entry": x.entry_id, "reason": x.reason, "by": x.by, "at": x.at}
                    for x in sel.excluded
                ],
            }
        )
        return 0
    print(f"{len(sel.events)} events {sel.period.words()} ({sel.period.basis})")
    for ev in sel.events:
        print(f"{ev.number}\t{ev.entry.date}\t{ev.entry.summary[:60]}\t{'; '.join(ev.why)}")
    for x in sel.excluded:
        print(f"taken out: entry {x.entry_id} by {x.by} on {x.at[:10]}: {x.reason}")
    return 0


def _bundle(ws: Any, case_id: int, args: argparse.Namespace) -> int:
    if args.index:
        path = Path(args.index)
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh))
        done = 0
        for number, row in enumerate(rows, start=1):
            if not row or number == 1 and not row[0].strip().isdigit():
                continue  # a header row
            if len(row) < 2 or not row[0].strip().isdigit():
                raise SelectionError(f"{path.name}, row {number}: give an entry id and a page")
            set_bundle_page(ws, case_id, int(row[0]), row[1], args.by)
            done += 1
        print(f"{done} bundle pages recorded from {path.name}")
        return 0
    if args.entry is None or args.page is None:
        raise SelectionError("court bundle needs --entry ID --page PAGE, or --index FILE")
    set_bundle_page(ws, case_id, args.entry, args.page, args.by)
    print(f"entry {args.entry}: bundle page {args.page or '(cleared)'}")
    return 0


def cmd_child_voice(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case_id = _case_id(ws, args.case)
        for entry_id in args.entry or []:
            if get_entry(ws, entry_id).case_id != case_id:
                raise SelectionError(f"no entry {entry_id} in this case")
            update_entry(ws, entry_id, args.by, child_voice=not args.remove)
        rows = ws.conn.execute(
            "SELECT id FROM entries WHERE case_id=? AND child_voice=1 AND status != 'undone' "
            "ORDER BY sort_key, id",
            (case_id,),
        ).fetchall()
        tagged = [get_entry(ws, r[0]) for r in rows]
    if args.json:
        emit_json([entry_json(e) for e in tagged])
    elif not args.entry:
        for e in tagged:
            print(f"{e.id}\t{e.date}\t{e.summary}")
    else:
        print(f"{len(tagged)} entries record {'the child' if tagged else 'nothing of'}'s voice")
    return 0


def cmd_agencies(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        found = list_agencies(ws, _case_id(ws, args.case))
    if args.json:
        emit_json(
            {
                "agencies": [
                    {"name": a.name, "aliases": a.aliases, "entries": a.entries}
                    for a in found.agencies
                ],
                "unplaced": [{"name": n, "entries": c} for n, c in found.unplaced],
                "people": [{"name": n, "entries": c} for n, c in found.people],
            }
        )
        return 0
    for a in found.agencies:
        also = f" (also: {', '.join(a.aliases)})" if a.aliases else ""
        print(f"{a.name}{also}\t{a.entries} entries")
    for name, count in found.unplaced:
        print(f"{name}\t{count} entries\tnot yet on the case's agency list")
    for name, count in found.people:
        print(f"{name}\t{count} entries\ta person, not an agency")
    return 0


def cmd_agency(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case_id = _case_id(ws, args.case)
        if args.agency_command == "unalias":
            done = remove_alias(ws, case_id, args.alias)
            print(f"'{args.alias}' " + ("removed" if done else "was not an agency's name"))
            return 0
        agency = add_agency(ws, case_id, args.name, args.alias or [])
    also = f" (also: {', '.join(agency.aliases)})" if agency.aliases else ""
    print(f"agency {agency.name}{also}: {agency.entries} entries")
    return 0


def cmd_contact_details(args: argparse.Namespace) -> int:
    from chronology.contact_details import list_details, mark

    with open_workspace(args) as ws:
        case_id = _case_id(ws, args.case)
        if args.details_command == "mark":
            status = "confidential" if args.confidential else "not confidential"
            n = mark(ws, case_id, args.id, status, args.by)
            print(f"{n} contact detail{'s' if n != 1 else ''} marked {status}")
            return 0
        status = None if args.status == "all" else args.status
        details = list_details(ws, case_id, status)
    if args.json:
        emit_json(
            [
                {
                    "id": d.id,
                    "kind": d.kind,
                    "value": d.value,
                    "status": d.status,
                    "by": d.by,
                    "at": d.at,
                    "entries": d.entries,
                }
                for d in details
            ]
        )
        return 0
    if not details:
        print("no contact details to decide" if status == "undecided" else "none found")
    for d in details:
        where = ", ".join(str(i) for i in d.entries[:6]) + ("…" if len(d.entries) > 6 else "")
        print(f"{d.id}\t{d.kind}\t{d.value}\t{d.status}\tentries {where or '(none now)'}")
    return 0


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workspace", required=True, metavar="PATH", help="the workspace file")
    p.add_argument("--case", required=True, metavar="REF", help="the case reference")


def register(sub: argparse._SubParsersAction) -> None:
    """Add court, child-voice, agencies and agency to the program's parser."""
    court = sub.add_parser("court", help="what the court documents show")
    inner = court.add_subparsers(dest="court_command", required=True)
    p = inner.add_parser("list", help="the court chronology's events and why each is in")
    _common(p)
    p.add_argument("--from", dest="date_from", metavar="DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(func=cmd_court)
    for name, helptext in (
        ("exclude", "take an entry out of the court documents (with --reason)"),
        ("restore", "put an entry taken out back"),
    ):
        p = inner.add_parser(name, help=helptext)
        _common(p)
        p.add_argument("--entry", type=int, required=True, metavar="ID")
        if name == "exclude":
            p.add_argument("--reason", required=True)
        p.add_argument("--by", metavar="NAME")
        p.set_defaults(func=cmd_court)
    p = inner.add_parser("bundle", help="the court bundle page of an entry's record")
    _common(p)
    p.add_argument("--entry", type=int, metavar="ID")
    p.add_argument("--page", metavar="PAGE", help="e.g. C12 (empty to clear)")
    p.add_argument("--index", metavar="FILE", help="a CSV of entry id, page")
    p.add_argument("--by", metavar="NAME")
    p.set_defaults(func=cmd_court)

    p = sub.add_parser("child-voice", help="entries recording the child's wishes and feelings")
    _common(p)
    p.add_argument("--entry", type=int, action="append", metavar="ID")
    p.add_argument("--remove", action="store_true", help="untag the entries given")
    p.add_argument("--by", metavar="NAME")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(func=cmd_child_voice)

    details = sub.add_parser(
        "contact-details", help="addresses, phones and the like found in the records"
    )
    inner = details.add_subparsers(dest="details_command", required=True)
    p = inner.add_parser("list", help="the details found and the decisions on them")
    _common(p)
    p.add_argument(
        "--status",
        choices=("undecided", "confidential", "not confidential", "all"),
        default="undecided",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(func=cmd_contact_details)
    p = inner.add_parser("mark", help="mark details confidential (withheld) or not")
    _common(p)
    p.add_argument("--id", type=int, action="append", required=True, metavar="N")
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument("--confidential", action="store_true")
    choice.add_argument("--not-confidential", action="store_true")
    p.add_argument("--by", metavar="NAME")
    p.set_defaults(func=cmd_contact_details)

    p = sub.add_parser("agencies", help="the case's agencies and the other names they go by")
    _common(p)
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(func=cmd_agencies)
    agency = sub.add_parser("agency", help="add an agency or its other names")
    inner = agency.add_subparsers(dest="agency_command", required=True)
    p = inner.add_parser("add", help="an agency and the other names it goes by")
    _common(p)
    p.add_argument("--name", required=True)
    p.add_argument("--alias", action="append", metavar="NAME", help="another name (repeatable)")
    p.set_defaults(func=cmd_agency)
    p = inner.add_parser("unalias", help="a name is no longer one of an agency's names")
    _common(p)
    p.add_argument("--alias", required=True, metavar="NAME")
    p.set_defaults(func=cmd_agency)
