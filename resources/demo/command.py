"""The ``demo`` command: build the demo workspace without a window."""

from __future__ import annotations

import argparse
from pathlib import Path


def cmd_demo(args: argparse.Namespace) -> int:
    from resources.demo.build import build_demo

    path = Path(args.workspace)
    ref = build_demo(path)
    print(f"demo workspace written to {path} (case {ref})")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``demo`` command to the program's parser."""
    p = sub.add_parser("demo", help="build the demo workspace")
    p.add_argument("--workspace", required=True, metavar="PATH", help="the workspace file")
    p.set_defaults(func=cmd_demo)
