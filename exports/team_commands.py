"""The ``team`` command: the team's audit thresholds (``team settings``)."""

from __future__ import annotations

import argparse

from chronology.commands import emit_json, open_workspace
from summary.team_settings import SETTINGS, describe, load_settings, set_setting


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
    team = sub.add_parser("team", help="the team's audit thresholds and cadence defaults")
    team_sub = team.add_subparsers(dest="team_command", required=True, metavar="ACTION")
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
