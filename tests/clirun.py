"""Run the real command line in this process (the parser and handlers ``main.py`` uses)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from main import build_parser, run_command


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of ``throughline ARGV``."""
    capsys.readouterr()
    args = build_parser().parse_args(list(argv))
    status = run_command(args)
    out = capsys.readouterr()
    return status, out.out, out.err


def cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    status, out, err = cli(capsys, *argv, "--json")
    assert status == 0, err
    return json.loads(out)
