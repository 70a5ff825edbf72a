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
    """The workspace named on the command line (created only by commands that make things)."""
    return Workspace.open(args.workspace, create=create)


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
