"""What every command-line module needs: the workspace named on the command line, JSON out.

Kept apart from ``chronology.commands`` so that the command modules it registers can use them
without importing it back.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from chronology.workspace import Workspace

__all__ = ["emit_json", "open_workspace"]


def open_workspace(args: argparse.Namespace, *, create: bool = False) -> Workspace:
    """The workspace named on the command line (created only by commands that make things).

    A workspace changed outside Throughline opens read-only; the command says so on stderr.
    """
    ws = Workspace.open(args.workspace, create=create)
    if ws.read_only and ws.integrity is not None:
        print(
            f"throughline: warning: {args.workspace}: {ws.integrity.summary()}; opened "
            "read-only for inspection ('workspace check' lists every change)",
            file=sys.stderr,
        )
    return ws


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
