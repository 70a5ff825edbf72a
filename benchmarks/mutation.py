"""Mutation testing of the core's decision points with mutmut: the score per module.

    python benchmarks/mutation.py [--module NAME ...] [--max-children N] [--workdir DIR]
                                  [--survivors FILE]

Copies the project (the files git knows, as they are in the working tree) into a work folder,
lets mutmut plant one small bug at a time in each module below (a flipped comparison, a changed
constant, a dropped argument…) and runs the unit tests that reach the mutated function. A mutant
is *killed* when a test fails; the score is killed / (mutants - skipped). Budget: 85 % per module.
Survivors are listed with their diff (``--survivors`` writes them to a file); each one is either
killed by a test or explained in ``benchmarks/mutation_survivors.md``.

Slow (tens of minutes on two cores) and so not part of the test run or CI. It never touches the
working tree: mutmut's ``mutants/`` folder lives in the work folder.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 0.85
# SQL text is not mutated: SQL ignores the case of its keywords and names (so those mutants are
# equivalent), and any other change to it is a syntax error that every test touching it reports.
SQL_LINE = r"[\"'].*\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|FROM|WHERE|VALUES|GROUP BY|UNION)\b"


@dataclass(frozen=True)
class Module:
    """One decision point: the file mutated, the functions that count, the tests that judge."""

    name: str
    path: str
    functions: tuple[str, ...] = ("*",)  # mutmut's function names (``x_name``, ``xǁClassǁname``)
    tests: tuple[str, ...] = ("tests/unit",)

    @property
    def dotted(self) -> str:
        return self.path.removesuffix(".py").replace("/", ".")

    def patterns(self) -> list[str]:
        return [f"{self.dotted}.{f}__mutmut_*" for f in self.functions]

    def owns(self, key: str) -> bool:
        return any(fnmatch.fnmatchcase(key, p) for p in self.patterns())


MODULES = (
    Module("trip-wires", "summary/tripwires.py"),
    Module("cadence", "summary/cadence.py"),
    # The import transaction: one batch written all or nothing, re-import adds nothing, every
    # row counted (imported, duplicate, already there, quarantined).
    Module(
        "import transaction (pipeline)",
        "chronology/importers/pipeline.py",
        ("x__write", "x_import_file", "x_import_files", "x_run_import"),
    ),
    Module("import transaction (writer)", "chronology/importers/writer.py"),
    Module("duplicates", "chronology/duplicates.py"),
    Module("dates", "chronology/dates.py"),
    Module("redaction", "exports/redaction.py"),
)
# mutmut's verdicts that count as caught: a test failed, or the run hung or crashed on it.
CAUGHT = ("killed", "timeout", "segfault", "caught by type check")


def status(code: int | None) -> str:
    from mutmut.stats import status_by_exit_code

    return status_by_exit_code[code]


def copy_project(dest: Path) -> None:
    """The files git knows (tracked and new, not ignored), as they are on disk now."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for raw in listed:
        if not raw:
            continue
        rel = Path(raw.decode())
        src = ROOT / rel
        if not src.is_file():
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)


def configure(dest: Path, modules: list[Module]) -> None:
    """mutmut's settings, appended to the copy's pyproject.toml."""
    files = sorted({m.path for m in modules})
    tests = sorted({t for m in modules for t in m.tests})

    def toml_list(items: list[str]) -> str:
        return "[" + ", ".join(json.dumps(i) for i in items) + "]"

    with (dest / "pyproject.toml").open("a", encoding="utf-8") as f:
        f.write(
            "\n[tool.mutmut]\n"
            f'source_paths = ["chronology", "summary", "exports"]\n'
            f"only_mutate = {toml_list(files)}\n"
            f'also_copy = ["main.py", "resources", "gui", "benchmarks"]\n'
            f"pytest_add_cli_args_test_selection = {toml_list(tests)}\n"
            'pytest_add_cli_args = ["-p", "no:cacheprovider", "-p", "no:randomly", "-x"]\n'
            "use_git_change_detection = false\n"
            f"do_not_mutate_patterns = [{json.dumps(SQL_LINE)}]\n"
        )


def run_mutmut(dest: Path, modules: list[Module], max_children: int, log: Path) -> int:
    patterns = [p for m in modules for p in m.patterns()]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "THROUGHLINE_HOME": str(dest / "home")}
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            ["mutmut", "run", "--max-children", str(max_children), *patterns],
            cwd=dest,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return done.returncode


def results(dest: Path, module: Module) -> dict[str, int]:
    meta = dest / "mutants" / f"{module.path}.meta"
    data = json.loads(meta.read_text(encoding="utf-8"))
    codes = {k: v for k, v in data["exit_code_by_key"].items() if module.owns(k)}
    counts = {"mutants": len(codes), "killed": 0, "survived": 0, "no tests": 0, "skipped": 0}
    for code in codes.values():
        verdict = status(code)
        if verdict in CAUGHT:
            counts["killed"] += 1
        elif verdict in ("no tests", "skipped"):
            counts[verdict] += 1
        else:  # survived, suspicious, or not checked: not killed either way
            counts["survived"] += 1
    return counts


def survivors(dest: Path, module: Module) -> list[str]:
    meta = dest / "mutants" / f"{module.path}.meta"
    data = json.loads(meta.read_text(encoding="utf-8"))
    return sorted(
        k
        for k, v in data["exit_code_by_key"].items()
        if module.owns(k) and status(v) not in (*CAUGHT, "skipped")
    )


def diff_of(dest: Path, key: str) -> str:
    shown = subprocess.run(["mutmut", "show", key], cwd=dest, capture_output=True, text=True)
    return shown.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", help="only these (name or path)")
    parser.add_argument("--max-children", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    parser.add_argument("--workdir", type=Path, help="keep the copy and mutants/ here")
    parser.add_argument("--survivors", type=Path, help="write every survivor's diff here")
    args = parser.parse_args()
    chosen = [
        m
        for m in MODULES
        if not args.module or any(w in (m.name, m.path) or w in m.name for w in args.module)
    ]
    if not chosen:
        parser.error(f"no such module; known: {', '.join(m.name for m in MODULES)}")
    missing = [m.path for m in chosen if not (ROOT / m.path).is_file()]
    if missing:
        parser.error(f"not in this checkout: {', '.join(missing)}")

    dest = args.workdir or Path(tempfile.mkdtemp(prefix="throughline-mutation-"))
    if dest.exists() and any(dest.iterdir()):
        shutil.rmtree(dest)
    dest.mkdir(parents=True, exist_ok=True)
    copy_project(dest)
    configure(dest, chosen)
    log = dest / "mutmut.log"
    started = time.monotonic()
    code = run_mutmut(dest, chosen, args.max_children, log)
    minutes = (time.monotonic() - started) / 60
    if code != 0:
        print(f"mutmut stopped with status {code}; its log: {log}")
        print(log.read_text(encoding="utf-8")[-3000:])
        return 2

    print(f"Mutation testing with mutmut ({minutes:.0f} min, work folder {dest})\n")
    header = (
        f"{'module':34} {'mutants':>7} {'killed':>7} {'survived':>8} {'no tests':>8} {'score':>7}"
    )
    print(header)
    print("-" * len(header))
    failing = []
    lines: list[str] = []
    for m in chosen:
        c = results(dest, m)
        tested = c["mutants"] - c["skipped"]
        score = c["killed"] / tested if tested else 1.0
        mark = "" if score >= BUDGET else "  < 85 %"
        if score < BUDGET:
            failing.append(m.name)
        print(
            f"{m.name:34} {c['mutants']:7} {c['killed']:7} {c['survived']:8} "
            f"{c['no tests']:8} {score:6.1%}{mark}"
        )
        for key in survivors(dest, m):
            lines.append(diff_of(dest, key) if args.survivors else key)
    print(f"\nBudget: {BUDGET:.0%} killed in each module.")
    if args.survivors:
        args.survivors.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        print(f"Survivors' diffs: {args.survivors}")
    elif lines:
        print("\nSurvivors (see each with `mutmut show NAME` in the work folder):")
        print("\n".join(f"  {k}" for k in lines))
    if not args.workdir:
        print(f"(work folder kept for `mutmut show`: {dest})")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
