"""Throughline's composition root: parse the command line, then open the window or run a command.

``python main.py ARGS`` and the installed ``throughline ARGS`` are the same program.
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from chronology.workspace import Workspace
    from gui.shell.settings import Settings

log = logging.getLogger("throughline")

GUI_FLAGS = ("--workspace", "--demo", "--screenshot")


def _setup() -> None:
    """Files readable by the user only; a quiet log file; left-over temporary files swept."""
    if hasattr(os, "umask"):
        os.umask(0o077)  # every file the program makes (workspace, backups, exports, log): 0600
    from chronology.logfile import setup_logging
    from chronology.paths import log_file
    from chronology.pending import sweep

    try:
        setup_logging(log_file())
    except OSError:  # no data folder: run without a log rather than not at all
        logging.getLogger().addHandler(logging.NullHandler())
    try:
        sweep()
    except OSError:
        pass


def say(message: str) -> None:
    """One message on stderr, with control and bidi characters shown as codes, never obeyed."""
    from chronology.names import shown

    lines = str(message).split("\n")
    print("throughline: " + "\n".join(shown(line) for line in lines), file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    from chronology import commands as chronology_commands
    from resources.demo import command as demo_command

    parser = argparse.ArgumentParser(
        prog="throughline",
        description="One chronology from every agency's records; primary risks kept in sight; "
        "court-ready documents.",
    )
    parser.add_argument(
        "--workspace",
        dest="gui_workspace",
        metavar="PATH",
        help="open the desktop app on this workspace",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a freshly built demo workspace"
    )
    parser.add_argument(
        "--screenshot",
        metavar="PNG",
        help="render the main window to this PNG once the case has loaded, then exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    chronology_commands.register(sub)
    demo_command.register(sub)
    for module in (
        "chronology.significance_commands",
        "summary.commands",
        "summary.supervision_commands",
        "summary.court_commands",
        "exports.commands",
        "exports.team_commands",
    ):
        try:
            mod = __import__(module, fromlist=["register"])
        except ModuleNotFoundError:
            continue
        mod.register(sub)
    return parser


def run_command(args: argparse.Namespace) -> int:
    """Run one command; bad input gets a one-line message and a non-zero exit, not a traceback."""
    from chronology.storage import disk_problem
    from chronology.workspace import WorkspaceError

    try:
        return int(args.func(args) or 0)
    except WorkspaceError as exc:
        say(str(exc))
        return 2
    except sqlite3.Error as exc:
        problem = disk_problem(exc)
        log.info("command %s refused: %s", args.command, type(exc).__name__)
        if problem is None:
            say(str(exc))
        else:  # every change runs in a transaction: a failed one leaves the workspace as it was
            say(f"{getattr(args, 'workspace', '')}: {problem}: {_nothing_done(args)}")
        return 2
    except (ValueError, KeyError) as exc:
        log.info("command %s refused: %s", args.command, type(exc).__name__)
        say(str(exc))
        return 2
    except BrokenPipeError:  # output piped into `head`: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        problem = disk_problem(exc)
        name = exc.filename or getattr(args, "output", None) or getattr(args, "workspace", "")
        if problem is None:
            say(f"{name}: {exc.strerror or exc}")
        else:
            say(f"{name}: {problem}: {_nothing_done(args)}")
        return 2
    except KeyboardInterrupt:
        say("interrupted; nothing half-written was kept")
        return 130
    except Exception:
        from chronology.paths import log_file

        log.exception("command %s failed", args.command)
        say(f"an internal error stopped the command; details are in {log_file()}")
        return 3


def _nothing_done(args: argparse.Namespace) -> str:
    """What a command that failed on the disk left undone, in its own words."""
    if args.command == "import":
        return "nothing was imported"
    if args.command == "export":
        return "the document was not written"
    return "nothing was changed"


def _main_window(ws: Workspace, settings: Settings) -> QMainWindow:
    """The desktop app's main window on an open workspace (imported when the window opens)."""
    from gui.shell.main_window import MainWindow

    return MainWindow(ws, settings)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _setup()
    if not argv or argv[0] in GUI_FLAGS or argv[0].startswith(GUI_FLAGS):
        # The window: parse only our few flags here so Qt starts fast.
        parser = argparse.ArgumentParser(prog="throughline")
        parser.add_argument("--workspace", metavar="PATH")
        parser.add_argument("--demo", action="store_true")
        parser.add_argument("--screenshot", metavar="PNG")
        args, qt_args = parser.parse_known_args(argv)
        from gui.shell.app import run_app

        return run_app(
            _main_window,
            workspace=args.workspace,
            demo=args.demo,
            screenshot=args.screenshot,
            qt_args=qt_args,
        )
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
