"""What every command-line module needs: the workspace named on the command line, JSON out.

Kept apart from ``chronology.commands`` so that the command modules it registers can use them
without importing it back.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from chronology.workspace import Workspace

__all__ = ["ask_passphrase", "emit_json", "open_workspace"]


def open_workspace(
    args: argparse.Namespace, *, create: bool = False, quick_check: bool = True
) -> Workspace:
    """The workspace named on the command line (created only by commands that make things).

    An encrypted one takes THROUGHLINE_PASSPHRASE, or asks in a terminal. A warning about its
    place (a synced folder, a network share) is said on stderr. A workspace changed outside
    Throughline opens read-only; the command says so on stderr.
    """
    ws = Workspace.open(args.workspace, create=create, ask=ask_passphrase, quick_check=quick_check)
    for warning in ws.warnings:
        print(f"throughline: warning: {warning}", file=sys.stderr)
    if ws.read_only and ws.integrity is not None:
        print(
            f"throughline: warning: {args.workspace}: {ws.integrity.summary()}; opened "
            "read-only for inspection ('workspace check' lists every change)",
            file=sys.stderr,
        )
    return ws


def ask_passphrase(path: Path, prompt: str = "Passphrase for {name}: ") -> str | None:
    """Ask for a passphrase at the terminal, without echo; None when no one is there to ask."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None
    import getpass

    try:
        return getpass.getpass(prompt.format(name=path.name)) or None
    except (EOFError, KeyboardInterrupt):
        return None


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
