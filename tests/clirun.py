"""Run the real command line in this process (the parser and handlers ``main.py`` uses)."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from main import build_parser, main, run_command


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


def run_main(
    *argv: str, home: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python main.py ARGV`` run in this process, through ``main.main`` itself (its logging,
    parser, handlers and one-line refusals): stdout, stderr and the exit status a process would
    give, without the second or so a new interpreter takes to start and import the program.
    The environment and the logging handlers ``main`` adds are put back afterwards."""
    out, err = io.StringIO(), io.StringIO()
    saved_env = dict(os.environ)
    os.environ.update(env or {})
    if home is not None:
        os.environ["THROUGHLINE_HOME"] = str(home)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(argv))
            except SystemExit as exc:  # argparse refuses a command line this way
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["main.py", *argv], code, out.getvalue(), err.getvalue())
