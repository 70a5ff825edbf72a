"""Would the GUI tests notice a dead button? Disconnect each one in turn and run them.

    python benchmarks/check_buttons_matter.py [--button NAME ...] [--all-tests]

For each button in ``benchmarks/disconnect_plugin.py`` (the wizard's Import, Export, the
quarantine's Fix, the Save of the entry editor, the risk dialog and the case details, Add risk,
Undo import, Regenerate, and the other windows' working buttons) the GUI test files that press
it (all GUI tests with ``--all-tests``) run once with that button cut from its slot; at least
one test must fail, or the suite would pass with the button doing nothing. A first
run with nothing disconnected must pass; a run with a button cut stops at its first failing test
(``-x``), which the table names. Prints a table; exits 1 if a button goes unnoticed.

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

# A run still going after this long waits for something the dead button never gives.
HUNG_AFTER_S = 600
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
            "--timeout=300",  # above the tests' own waits (up to 120 s)
            *(["-x"] if button else []),  # one failing test is enough to show it matters
            *tests,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=HUNG_AFTER_S,
    )
    return done.returncode, FAILED.findall(done.stdout), time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--button", action="append", choices=sorted(BUTTONS))
    parser.add_argument(
        "--all-tests",
        action="store_true",
        help="run every GUI test for each button, not only the files that press it",
    )
    args = parser.parse_args()
    buttons = args.button or list(BUTTONS)

    def tests_for(button: str) -> list[str]:
        return (
            ["tests/gui"]
            if args.all_tests or not BUTTONS[button].tests
            else [*BUTTONS[button].tests]
        )

    every = sorted({t for b in buttons for t in tests_for(b)})
    code, failed, seconds = run_tests(every, "")
    print(
        f"Nothing disconnected: {'all pass' if code == 0 else 'FAILURES'} ({seconds:.0f} s)",
        flush=True,
    )
    if code != 0:
        print("\n".join(f"  {t}" for t in failed))
        return 2
    print()
    header = f"{'button disconnected':30} {'seconds':>7}  first failing test"
    print(header)
    print("-" * len(header))
    unnoticed = []
    for button in buttons:
        try:
            code, failed, seconds = run_tests(tests_for(button), button)
        except subprocess.TimeoutExpired:
            failed, seconds = [f"-- the tests hung (stopped after {HUNG_AFTER_S} s) --"], 0.0
        first = failed[0] if failed else "-- none: the tests did not notice --"
        if not failed:
            unnoticed.append(button)
        print(f"{button:30} {seconds:7.0f}  {first}", flush=True)
    print()
    if unnoticed:
        print(f"Unnoticed: {', '.join(unnoticed)}")
        return 1
    print(f"Every one of the {len(buttons)} buttons is pressed by a test that fails without it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
