"""Command-line commands of the case record: case, cases, person, import, entries, quarantine,
workspace. Each handler takes parsed arguments and returns an exit status."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from chronology.cases import add_case, get_case, list_cases, list_people, update_case
from chronology.cli_support import ask_passphrase, emit_json, open_workspace
from chronology.dates import format_entry_date, is_ongoing
from chronology.entries import EntryFilter, list_entries
from chronology.models import Entry, Party, Person, Precision
from chronology.passphrases import ENVIRONMENT
from chronology.passphrases import known as known_passphrase
from chronology.workspace import Workspace

NEW_ENVIRONMENT = "THROUGHLINE_NEW_PASSPHRASE"  # workspace rekey, in scripts


def iso_as_known(e: Entry) -> str:
    """The entry's date in ISO form, as precise as it is known."""
    if e.precision == Precision.DATETIME and e.time:
        return f"{e.date}T{e.time}"
    if e.precision == Precision.MONTH:
        return e.date[:7]
    if e.precision == Precision.YEAR:
        return e.date[:4]
    return e.date


def entry_json(e: Entry) -> dict[str, Any]:
    return {
        "id": e.id,
        "date": iso_as_known(e),
        "time": e.time,
        "date_end": e.date_end,
        "ongoing": is_ongoing(e.date_assumption),
        "precision": e.precision.value,
        "approximate": e.approximate,
        "date_text": e.date_text,
        "date_assumption": e.date_assumption,
        "agency": e.agency,
        "type": e.type.value,
        "source_type": e.source_type,
        "summary": e.summary,
        "text": e.text,
        "details": e.details,
        "author": e.author,
        "outcome": e.outcome,
        "significance": e.significance.value,
        "significance_status": e.significance_status,
        "significance_reason": e.significance_reason,
        "child_voice": e.child_voice,
        "utc_offset": e.utc_offset,
        "in_court": e.in_court,
        "confidential": e.confidential,
        "source": e.source_file,
        "row": e.source_row,
        "reference": e.source_ref,
        "duplicate_of": e.duplicate_of,
        "status": e.status.value,
        "status_reason": e.status_reason,
        "batch": e.batch_id,
    }


# ---------------------------------------------------------------- handlers
def cmd_case_add(args: argparse.Namespace) -> int:
    with open_workspace(args, create=True) as ws:
        case = add_case(ws, args.ref, args.child, args.dob)
    print(f"case {case.ref} added (child {case.child_names})")
    return 0


def cmd_case_edit(args: argparse.Namespace) -> int:
    fields = {
        "worker": args.worker,
        "role": args.role,
        "employer": args.employer,
        "team_manager": args.team_manager,
        "court": args.court,
        "court_case_number": args.court_case_number,
        "party": args.party,
        "statement_number": args.statement_number,
        "proceedings": args.proceedings,
        "legal_status": args.legal_status,
        "work_address": args.work_address,
    }
    if args.applicant or args.respondent:  # the parties are given together, as a whole
        fields["parties"] = [Party(n, "applicant") for n in args.applicant or []] + [
            Party(n, "respondent") for n in args.respondent or []
        ]
    with open_workspace(args) as ws:
        case = update_case(ws, args.case, **{k: v for k, v in fields.items() if v is not None})
    print(f"case {case.ref} updated")
    return 0


def cmd_cases(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        cases = list_cases(ws)
        counts = dict(
            ws.conn.execute(
                "SELECT case_id, count(*) FROM entries WHERE status!='undone' GROUP BY case_id"
            ).fetchall()
        )
    if args.json:
        emit_json(
            [
                {
                    "ref": c.ref,
                    "children": [{"name": k.name, "dob": k.dob} for k in c.children],
                    "legal_status": c.legal_status,
                    "proceedings": c.proceedings,
                    "worker": c.worker,
                    "team_manager": c.team_manager,
                    "entries": counts.get(c.id, 0),
                }
                for c in cases
            ]
        )
    else:
        for c in cases:
            print(f"{c.ref}\t{c.child_names}\t{counts.get(c.id, 0)} entries")
    return 0


def cmd_person_add(args: argparse.Namespace) -> int:
    from chronology.cases import add_person

    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        person = add_person(
            ws,
            Person(
                case.id or 0,
                args.name,
                args.role,
                args.address or "",
                args.phone or "",
                args.confidential,
            ),
        )
    print(
        f"person {person.id} added: {person.name} ({person.role})"
        + (" — confidential" if person.confidential else "")
    )
    return 0


def cmd_people(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        people = list_people(ws, case.id or 0)
    if args.json:
        emit_json([p.__dict__ for p in people])
    else:
        for p in people:
            print(f"{p.id}\t{p.name}\t{p.role}" + ("\tconfidential" if p.confidential else ""))
    return 0


def _parse_maps(items: list[str] | None) -> dict[str, str]:
    """--map FIELD=COLUMN options as field -> column (refuses an unknown field)."""
    from chronology.importers.records import FIELDS

    chosen: dict[str, str] = {}
    for item in items or []:
        fld, sep, column = item.partition("=")
        fld = fld.strip().lower()
        if fld == "details":
            fld = "extra"
        if not sep or not column.strip():
            raise ValueError(f"--map {item!r}: write it as FIELD=COLUMN, e.g. --map text=Notes")
        if fld not in FIELDS:
            known = ", ".join(f for f in FIELDS if f != "extra")
            raise ValueError(f"--map {item!r}: no field '{fld}' (fields: {known}, details)")
        if fld != "extra" and fld in chosen:
            raise ValueError(f"--map: the {fld} is given twice ({chosen[fld]!r} and {column!r})")
        chosen[fld if fld != "extra" else f"extra:{column.strip()}"] = column.strip()
    return chosen


def cmd_import(args: argparse.Namespace) -> int:
    from chronology.importers.mapping import shipped_profiles
    from chronology.importers.pipeline import FileReport, ImportOptions, import_files

    chosen = _parse_maps(args.map)
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        if not args.dry_run:
            ws.daily_backup()
        profile = None
        if args.profile:
            from chronology.profiles import find_profile

            profile = find_profile(ws, args.profile)
            if profile is None:
                names = ", ".join(p.name for p in shipped_profiles())
                raise ValueError(f"no mapping profile named {args.profile!r} (shipped: {names})")
        options = ImportOptions(
            agency=args.agency,
            profile=profile,
            chosen=chosen or None,
            patient=args.patient or args.person,
            person=args.person,
            dry_run=args.dry_run,
        )
        reports: list[FileReport] = []
        for item in import_files(ws, case.id or 0, args.files, options):
            if isinstance(item, FileReport):
                reports.append(item)
                if not args.json:
                    _print_report(item, args.dry_run)
        if args.save_profile:
            _save_profile(ws, args.save_profile, reports, profile, args.agency)
    good = [r for r in reports if r.error is None]
    keys = ("rows", "imported", "duplicates", "already_imported", "quarantined")
    totals = {k: sum(r.counts()[k] for r in good) for k in keys}
    # Pairs queued for the worker: their entries are counted as imported (rows still add up).
    totals["possible_duplicates"] = sum(r.possible_duplicates for r in good)
    errors = [{"file": r.file, "message": r.error} for r in reports if r.error]
    for r in reports:
        if r.error:
            print(f"{r.path}: {r.error}", file=sys.stderr)
    if args.json:
        emit_json(
            {
                **({"dry_run": True} if args.dry_run else {}),
                "files": [
                    {
                        "file": r.file,
                        "format": r.format,
                        **r.counts(),
                        "possible_duplicates": r.possible_duplicates,
                        "batch": r.batch_id,
                        "agency": _agency_json(r),
                        **({"mapping": r.mapping.to_json()} if r.mapping is not None else {}),
                        "notes": r.notes,
                        **({"error": r.error} if r.error else {}),
                    }
                    for r in reports
                ],
                "totals": totals,
                "errors": errors,
            }
        )
    elif len(good) > 1:
        print("total: " + ", ".join(f"{totals[k]} {k.replace('_', ' ')}" for k in keys))
    if not args.json and totals["possible_duplicates"]:
        n = totals["possible_duplicates"]
        print(
            f"{n} possible duplicate{'s' if n != 1 else ''} to review: "
            f"throughline duplicates --workspace {args.workspace} --case {args.case}"
        )
    return 1 if errors else 0


def _save_profile(
    ws: Workspace, name: str, reports: list[Any], base: Any, agency: str | None
) -> None:
    """--save-profile NAME: keep the columns this import used, for the agency's next export."""
    from chronology.importers.mapping import MappingProfile
    from chronology.profiles import save_profile

    mapped = next((r for r in reports if r.mapping is not None and r.error is None), None)
    if mapped is None:
        raise ValueError(f"--save-profile {name}: no file of this import had columns to keep")
    columns = dict(mapped.mapping.columns)
    profile = MappingProfile(
        name=name,
        agency=agency or (base.agency if base else ""),
        columns=columns,
        day_first=base.day_first if base else True,
        type_vocabulary=dict(base.type_vocabulary) if base else {},
        match_headers=[c for c, f in columns.items() if f != "extra"][:4],
    )
    save_profile(ws, profile)
    print(f"mapping profile '{name}' saved: use it with --profile {name}", file=sys.stderr)


def _agency_json(r: Any) -> dict[str, Any] | None:
    """Which agency a file's entries were given, where it was read, and whether to check it."""
    if r.agency is None:
        return None
    return {"name": r.agency.name, "from": r.agency.source, "suggested": r.agency.suggested}


def _print_report(r: Any, dry_run: bool = False) -> None:
    if r.mapping is not None and (dry_run or r.error):
        for fld, choice in r.mapping.choices.items():
            print(f"  {fld}: '{choice.column}' ({choice.level}: {'; '.join(choice.reasons)})")
    if r.error:
        return
    would = "would be " if dry_run else ""
    n = r.possible_duplicates
    queued = f" ({n} possible duplicates {would or ''}queued)" if n else ""
    print(
        f"{r.file}: {r.rows} rows — {r.imported} {would}imported{queued}, {r.duplicates} "
        f"duplicates {would or ''}linked, {r.already_imported} already imported, "
        f"{r.quarantined} {would}quarantined"
    )
    for note in r.notes:
        print(f"  note: {note}")


def cmd_entries(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        entries = list_entries(ws, case.id or 0, EntryFilter(search=args.search or ""))
    if args.json:
        emit_json([entry_json(e) for e in entries])
    else:
        for e in entries:
            when = format_entry_date(
                e.date,
                e.time,
                e.precision.value,
                e.approximate,
                e.date_end,
                ongoing=is_ongoing(e.date_assumption),
            )
            dup = f" (duplicate of {e.duplicate_of})" if e.duplicate_of else ""
            flag = "" if e.status.value == "active" else f" [{e.status.value}]"
            print(f"{e.id}\t{when}\t{e.agency}\t{e.type.value}\t{e.summary}{dup}{flag}")
    return 0


def cmd_quarantine(args: argparse.Namespace) -> int:
    from chronology.quarantine import Fix, discard_row, fix_row, list_quarantine

    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        if args.fix is not None:
            entry = fix_row(ws, args.fix, Fix(date=args.date or "", time=args.time))
            print(f"quarantine row {args.fix} fixed: entry {entry.id} on {entry.date}")
            return 0
        if args.discard is not None:
            discard_row(ws, args.discard, args.reason or "")
            print(f"quarantine row {args.discard} discarded")
            return 0
        rows = list_quarantine(ws, case.id or 0)
    if args.json:
        out = []
        for q in rows:
            try:
                raw: Any = json.loads(q.raw)
            except json.JSONDecodeError:
                raw = q.raw
            out.append(
                {"id": q.id, "source": q.source_file, "row": q.row, "reason": q.reason, "raw": raw}
            )
        emit_json(out)
    else:
        for q in rows:
            print(f"{q.id}\t{q.source_file} row {q.row}\t{q.reason}")
    return 0


def cmd_undo_import(args: argparse.Namespace) -> int:
    from chronology.batches import undo_batch

    with open_workspace(args) as ws:
        get_case(ws, args.case)
        n = undo_batch(ws, args.batch)
    print(f"import {args.batch} undone: {n} entries taken back")
    return 0


def cmd_workspace(args: argparse.Namespace) -> int:
    from chronology.workspace import latest_backup, restore_backup

    action = args.workspace_command
    if action == "encrypt":
        return _encrypt(args)
    if action == "rekey":
        return _rekey(args)
    if action == "restore":
        source = Path(args.source) if args.source else latest_backup(args.workspace)
        if source is None or not source.is_file():
            raise ValueError(f"{args.workspace}: no backup found to restore")
        kept = restore_backup(source, args.workspace)
        aside = f"; the workspace as it was is kept in {kept}" if kept else ""
        print(f"restored {args.workspace} from {source}{aside}")
        return 0
    # A check, or a backup, of a damaged file too.
    with open_workspace(args, quick_check=False) as ws:
        if action == "backup":
            dest = ws.backup(reason="manual", dest=Path(args.to) if args.to else None)
            print(f"backup written to {dest}")
            return 0
        result = ws.conn.execute("PRAGMA integrity_check").fetchone()[0]
        fts = "ok"
        if ws.read_only:
            fts = "not checked (read-only)"
        else:
            try:
                ws.conn.execute("INSERT INTO entries_fts(entries_fts) VALUES ('integrity-check')")
            except Exception as exc:  # a damaged search index: reported, and rebuildable
                fts = f"search index damaged ({exc})"
        report = ws.check()
        counts = {
            t: ws.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("cases", "entries", "quarantine", "import_batches", "history")
        }
    history = "history in order" if report.ok else "CHANGED OUTSIDE THROUGHLINE"
    print(
        f"{args.workspace}: database {result}; search index {fts}; {history}; "
        + ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in counts.items())
    )
    for problem in report.problems:
        print(f"  - {problem.line()}")
    return 0 if result == "ok" and fts == "ok" and report.ok else 1


def _encrypt(args: argparse.Namespace) -> int:
    from chronology.encryption import encrypt_workspace

    path = Path(args.workspace)
    passphrase = _new_passphrase(path, ENVIRONMENT)
    report = encrypt_workspace(path, passphrase)
    if report.created:
        print(f"{path}: a new encrypted workspace was created")
    else:
        print(f"{path}: encrypted, with {report.backups} backup(s) in its backups folder")
    _say_skipped(report.skipped)
    return 0


def _rekey(args: argparse.Namespace) -> int:
    from chronology.encryption import rekey_workspace

    path = Path(args.workspace)
    old = known_passphrase(path) or ask_passphrase(path, "Current passphrase for {name}: ")
    if not old:
        raise ValueError(
            f"{path}: give the current passphrase in {ENVIRONMENT} (or run in a terminal)"
        )
    new = _new_passphrase(path, NEW_ENVIRONMENT)
    report = rekey_workspace(path, old, new)
    print(f"{path}: passphrase changed, and for {report.backups} backup(s)")
    _say_skipped(report.skipped)
    return 0


def _new_passphrase(path: Path, variable: str) -> str:
    """A new passphrase: from the environment (scripts), else typed twice at the terminal."""
    given = os.environ.get(variable)
    if given:
        return given
    first = ask_passphrase(path, "New passphrase for {name}: ")
    if not first:
        raise ValueError(
            f"{path}: give the new passphrase in {variable} (or run in a terminal to type it)"
        )
    if ask_passphrase(path, "The same passphrase again: ") != first:
        raise ValueError("the two passphrases typed differ; nothing was changed")
    return first


def _say_skipped(skipped: list[Path]) -> None:
    for backup in skipped:
        print(
            f"throughline: warning: {backup}: this backup could not be converted (damaged, or "
            "under another passphrase); it was left as it was",
            file=sys.stderr,
        )


# ---------------------------------------------------------------- parser
def _ws(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workspace", required=True, metavar="PATH", help="the workspace file")


def _case(p: argparse.ArgumentParser) -> None:
    p.add_argument("--case", required=True, metavar="REF", help="the case reference")


def _json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON document")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the case-record commands to the program's parser."""
    case = sub.add_parser("case", help="add or edit a case")
    case_sub = case.add_subparsers(dest="case_command", required=True)
    p = case_sub.add_parser("add", help="add a case")
    _ws(p)
    p.add_argument("--ref", required=True)
    p.add_argument("--child", required=True)
    p.add_argument("--dob", help="the child's date of birth, YYYY-MM-DD")
    p.set_defaults(func=cmd_case_add)
    p = case_sub.add_parser("edit", help="change a case's details")
    _ws(p)
    _case(p)
    for flag in (
        "--worker",
        "--role",
        "--employer",
        "--team-manager",
        "--court",
        "--court-case-number",
        "--party",
        "--legal-status",
        "--work-address",
    ):
        p.add_argument(flag)
    p.add_argument(
        "--applicant",
        action="append",
        metavar="NAME",
        help="a party who applied (repeatable; with --respondent, replaces the parties)",
    )
    p.add_argument(
        "--respondent", action="append", metavar="NAME", help="a respondent (repeatable)"
    )
    p.add_argument("--statement-number", type=int)
    p.add_argument("--proceedings", choices=("private", "public", "none"))
    p.set_defaults(func=cmd_case_edit)
    from chronology import duplicate_commands, proceedings_commands

    proceedings_commands.register(case_sub)
    duplicate_commands.register(sub)

    p = sub.add_parser("cases", help="list the workspace's cases")
    _ws(p)
    _json(p)
    p.set_defaults(func=cmd_cases)

    person = sub.add_parser("person", help="add someone around the child")
    person_sub = person.add_subparsers(dest="person_command", required=True)
    p = person_sub.add_parser("add")
    _ws(p)
    _case(p)
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True)
    p.add_argument("--address")
    p.add_argument("--phone")
    p.add_argument(
        "--confidential",
        action="store_true",
        help="withhold this person's address and phone from every export",
    )
    p.set_defaults(func=cmd_person_add)
    p = sub.add_parser("people", help="list the people of a case")
    _ws(p)
    _case(p)
    _json(p)
    p.set_defaults(func=cmd_people)

    p = sub.add_parser("import", help="import agency exports into a case")
    _ws(p)
    _case(p)
    p.add_argument("--agency", help="the agency these records come from")
    p.add_argument("--profile", help="a named column-mapping profile")
    p.add_argument(
        "--map",
        action="append",
        metavar="FIELD=COLUMN",
        help="read this column as this field (date, time, end, text, summary, type, outcome, "
        "author, agency, location, reference, person, grading, or details); repeatable",
    )
    p.add_argument(
        "--person",
        metavar="VALUE",
        help="files naming several people (patient, child, NHS number): import only this "
        "person's records",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="read and map the files and count what would happen; write nothing",
    )
    p.add_argument(
        "--save-profile",
        metavar="NAME",
        help="save the columns this import used as a mapping profile for --profile NAME",
    )
    p.add_argument(
        "--patient",
        metavar="REF",
        help="FHIR files holding several patients: import this patient's records "
        "(a reference such as Patient/123, an id or a name)",
    )
    _json(p)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("undo-import", help="take back an import batch as a whole")
    _ws(p)
    _case(p)
    p.add_argument("--batch", type=int, required=True)
    p.set_defaults(func=cmd_undo_import)

    p = sub.add_parser("entries", help="list a case's chronology")
    _ws(p)
    _case(p)
    p.add_argument("--search", help="only entries containing these words")
    _json(p)
    p.set_defaults(func=cmd_entries)

    p = sub.add_parser("quarantine", help="rows an import could not read")
    _ws(p)
    _case(p)
    _json(p)
    p.add_argument("--fix", type=int, metavar="ID", help="fix this row with --date [--time]")
    p.add_argument("--date")
    p.add_argument("--time")
    p.add_argument("--discard", type=int, metavar="ID", help="discard this row with --reason")
    p.add_argument("--reason")
    p.set_defaults(func=cmd_quarantine)

    p = sub.add_parser(
        "workspace",
        help="back up, restore, check, encrypt or re-key (change the passphrase of) a workspace",
    )
    p.add_argument("workspace_command", choices=("backup", "restore", "check", "encrypt", "rekey"))
    _ws(p)
    p.add_argument("--to", metavar="PATH", help="backup: where to write the copy")
    p.add_argument(
        "--from",
        dest="source",
        metavar="PATH",
        help="restore: the copy to restore (default: the latest automatic backup)",
    )
    p.set_defaults(func=cmd_workspace)
