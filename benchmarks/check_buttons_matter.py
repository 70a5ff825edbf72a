"""Would the GUI tests notice a dead button? Disconnect each one in turn and run them.

    python benchmarks/check_buttons_matter.py [--button NAME ...] [--tests tests/gui]

For each button in ``benchmarks/disconnect_plugin.py`` (the wizard's Import, Export, the
quarantine's Fix, the Save of the entry editor, the risk dialog and the case details, Add risk,
Undo import, Regenerate, and a few more) the GUI tests run once with that button cut from its
slot; at least one test must fail, or the suite would pass with the button doing nothing. A first
run with nothing disconnected must pass. Prints a table; exits 1 if a button goes unnoticed.

Slow (a run of the GUI tests per button), so not part of the test run or CI.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.disconnect_plugin import BUTTONS  # noqa: E402

FAILED = re.compile(r"^(?:FAILED|ERROR) (\S+?)(?: - .*)?$", re.MULTILINE)


def run_tests(tests: list[str], button: str) -> tuple[int, list[str], float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "THROUGHLINE_DISCONNECT": button}
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rfE",
            "-p",
            "no:cacheprovider",
            "-p",
            "benchmarks.disconnect_plugin",
            "--timeout=120",
            *tests,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return done.returncode, FAILED.findall(done.stdout), time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--button", action="append", choices=sorted(BUTTONS))
    parser.add_argument("--tests", action="append", help="test paths (default: tests/gui)")
    args = parser.parse_args()
    tests = args.tests or ["tests/gui"]
    buttons = args.button or list(BUTTONS)

    code, failed, seconds = run_tests(tests, "")
    print(f"Nothing disconnected: {'all pass' if code == 0 else 'FAILURES'} ({seconds:.0f} s)")
    if code != 0:
        print("\n".join(f"  {t}" for t in failed))
        return 2
    print()
    header = f"{'button disconnected':24} {'tests failing':>13}  first failing test"
    print(header)
    print("-" * len(header))
    unnoticed = []
    for button in buttons:
        code, failed, _seconds = run_tests(tests, button)
        first = failed[0] if failed else "-- none: the tests did not notice --"
        if not failed:
            unnoticed.append(button)
        print(f"{button:24} {len(failed):>13}  {first}")
    print()
    if unnoticed:
        print(f"Unnoticed: {', '.join(unnoticed)}")
        return 1
    print(f"Every one of the {len(buttons)} buttons is pressed by a test that fails without it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
