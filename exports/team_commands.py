"""The ``team`` command: every case of one or several workspaces audited together, worst first
(``team audit``, optionally written as a report), and the team's thresholds (``team settings``)."""

from __future__ import annotations

import argparse
import datetime as dt
from contextlib import ExitStack
from pathlib import Path

from chronology.cli_support import emit_json, open_workspace
from chronology.workspace import UK, Workspace
from summary.audit_model import CaseAudit
from summary.dates import parse_iso
from summary.team import SORTS, items_at, team_audit
from summary.team_settings import SETTINGS, describe, load_settings, set_setting


def _day(value: str | None, flag: str) -> dt.date | None:
    return parse_iso(value, flag) if value else None


def cmd_team_audit(args: argparse.Namespace) -> int:
    today = _day(args.as_of, "--as-of") or dt.datetime.now(UK).date()
    paths = list(dict.fromkeys(args.workspace))
    with ExitStack() as stack:
        spaces: list[Workspace] = []
        for path in paths:
            one = argparse.Namespace(workspace=path)
            spaces.append(stack.enter_context(open_workspace(one)))
        audits = team_audit(
            spaces,
            today,
            date_from=_day(args.date_from, "--from"),
            date_to=_day(args.date_to, "--to"),
            sort=args.sort,
        )
        report = None
        if args.output:
            from exports.team_audit_doc import write_team_report

            output = Path(args.output)
            fmt = args.format or output.suffix.lower().lstrip(".")
            report = write_team_report(spaces, audits, output, fmt)
    if args.json:
        emit_json(
            {
                "as_of": today.isoformat(),
                "workspaces": paths,
                "cases": [_row(a) for a in audits],
                "report": str(report.path) if report else None,
            }
        )
        return 0
    _print_table(audits, len(paths) > 1)
    if report:
        print(
            f"{report.path}: team audit ({report.fmt}), {report.cases} cases; "
            f"{report.withheld} items withheld, log in {report.redaction_log.name}"
        )
    return 0


def _row(a: CaseAudit) -> dict[str, object]:
    return {
        **a.as_json(),
        "red_items": items_at(a, "red"),
        "amber_items": items_at(a, "amber"),
    }


def _print_table(audits: list[CaseAudit], show_workspace: bool) -> None:
    if not audits:
        print("no cases in these workspaces")
        return
    print(f"{'LEVEL':6} {'R':>2} {'A':>2}  {'CASE':12} {'WORKER':16} CHILD")
    for a in audits:
        counts = a.counts()
        where = f"  [{Path(a.workspace).name}]" if show_workspace else ""
        print(
            f"{a.level.upper():6} {counts['red']:>2} {counts['amber']:>2}  {a.case_ref:12} "
            f"{(a.worker or '-')[:16]:16} {a.child}{where}"
        )
        for level in ("red", "amber"):
            names = items_at(a, level, short=True)
            if names:
                print(f"{'':13}{level}: {', '.join(names)}")


def cmd_team_settings(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        settings = load_settings(ws)
        for key in args.reset or []:
            settings = set_setting(ws, key, None)
        for pair in args.set or []:
            key, sep, value = pair.partition("=")
            if not sep:
                raise ValueError(f"--set takes KEY=VALUE, e.g. cin_meeting_days=56, not {pair!r}")
            settings = set_setting(ws, key, value)
    if args.json:
        emit_json(settings.as_json())
    else:
        print("\n".join(describe(settings)))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``team`` command to the program's parser."""
    team = sub.add_parser(
        "team", help="every case audited together (team audit); the team's thresholds"
    )
    team_sub = team.add_subparsers(dest="team_command", required=True, metavar="ACTION")
    p = team_sub.add_parser(
        "audit",
        help="every case of one or several workspaces, red/amber/green, worst first",
        description="The supervision checklist of every case, one line a case, worst first; "
        "--output writes it as a team audit report (Word or PDF).",
    )
    p.add_argument(
        "--workspace",
        required=True,
        action="append",
        metavar="PATH",
        help="a workspace (repeat to audit several together)",
    )
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day of the audit (default: today)")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    p.add_argument("--sort", choices=SORTS, default="worst", help="worst first (default)")
    p.add_argument("--output", metavar="FILE", help="write the team audit report (.docx or .pdf)")
    p.add_argument("--format", choices=("docx", "pdf"), help="default: from --output's name")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(func=cmd_team_audit)

    p = team_sub.add_parser(
        "settings",
        help="show or change the team's thresholds",
        description="Thresholds the supervision audit uses, kept in the workspace: "
        + "; ".join(f"{s.key} (default {s.default})" for s in SETTINGS),
    )
    p.add_argument("--workspace", required=True, metavar="PATH", help="the workspace file")
    p.add_argument(
        "--set", action="append", metavar="KEY=VALUE", help="change a threshold (repeatable)"
    )
    p.add_argument(
        "--reset", action="append", metavar="KEY", help="put a threshold back to its default"
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(func=cmd_team_settings)
