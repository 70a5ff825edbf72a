"""The house keeps its shape: import-linter's contracts in pyproject.toml hold (layers one way, no
Qt in the core, the demo builder on top, the window's rooms, only the shell's main window module
knows the main window, no cycle inside a package), and no import cycle exists anywhere in the
project's packages. Each check is also shown failing on a deliberate back-import."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CONFIG = PYPROJECT["tool"]["importlinter"]
PACKAGES: tuple[str, ...] = tuple(CONFIG["root_packages"])
CONTRACTS = {c["id"]: c["name"] for c in CONFIG["contracts"]}
LINT = (
    "import sys\n"
    "from importlinter.cli import lint_imports\n"
    "sys.exit(lint_imports(no_cache=True, no_logo=True))\n"
)


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the project at ``root`` with its pyproject.toml (a fresh process, so
    the packages are read from ``root`` and nothing already imported gets in the way)."""
    return subprocess.run(
        [sys.executable, "-c", LINT], cwd=root, capture_output=True, text=True, timeout=120
    )


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every import cycle among the graph's modules, as ``[a, b, …, a]``: one per group of
    modules that reach each other (strongly connected components, Tarjan's method)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, _imported_by(graph, start))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, imported = work[-1]
            for other in imported:
                if other not in index:
                    index[other] = low[other] = len(index)
                    stack.append(other)
                    on_stack.add(other)
                    work.append((other, _imported_by(graph, other)))
                    break
                if other in on_stack:
                    low[module] = min(low[module], index[other])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == index[module]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == module:
                            break
                    if len(group) > 1 or graph.direct_import_exists(
                        importer=module, imported=module
                    ):
                        groups.append(sorted(group))
    return [_cycle_through(graph, group) for group in groups]


def _imported_by(graph: grimp.ImportGraph, module: str) -> Iterator[str]:
    return iter(sorted(graph.find_modules_directly_imported_by(module)))


def _cycle_through(graph: grimp.ImportGraph, group: list[str]) -> list[str]:
    """One concrete cycle inside a group of modules that reach each other, to show the reader."""
    first = group[0]
    for imported in sorted(graph.find_modules_directly_imported_by(first)):
        if imported in group:
            back = graph.find_shortest_chain(importer=imported, imported=first)
            return [first, *(back or (imported, first))]
    return [first, first]


def _copy_project(dest: Path) -> Path:
    """The project's packages and pyproject.toml (Python files only) in a throwaway folder."""
    skip = shutil.ignore_patterns("__pycache__", "*.csv", "*.xlsx", "*.ics", "*.json", "*.png")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, dest / package, ignore=skip)
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def _add_import(root: Path, module: str, statement: str) -> None:
    path = root / (module.replace(".", "/") + ".py")
    assert path.exists(), f"{module} is not in the project any more: choose another module"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{statement}\n", encoding="utf-8")


def _write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'"""{name}."""\n{text}', encoding="utf-8")


# ------------------------------------------------------------------ the project
def test_the_import_contracts_hold() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in CONTRACTS.values():
        assert f"{name} KEPT" in done.stdout


def test_no_import_cycle_anywhere_in_the_project() -> None:
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    assert len(graph.modules) > 100  # the whole project was read, not an empty stand-in
    cycles = import_cycles(graph)
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


# ---------------------------------------------------- the checks catch a back-import
@pytest.mark.parametrize(
    ("module", "statement", "broken", "shown"),
    [
        (
            "chronology.cases",
            "from summary import risks",
            "layers",
            "chronology.cases -> summary.risks",
        ),
        ("exports.text", "import PySide6.QtCore", "core-without-qt", "exports.text -> PySide6"),
        (
            "summary.cadence",
            "from resources.demo import build",
            "demo-builder-on-top",
            "summary.cadence -> resources.demo.build",
        ),
        (
            "gui.risks.risk_panel",
            "from gui.shell.main_window import MainWindow",
            "main-window-alone",
            "gui.risks.risk_panel -> gui.shell.main_window",
        ),
        (
            "gui.common.workers",
            "from gui.summary import summary_view",
            "window-rooms",
            "gui.common.workers -> gui.summary.summary_view",
        ),
        (
            "chronology.date_value",
            "from chronology import dates",
            "no-cycles",
            "No cycles are allowed in chronology",
        ),
    ],
)
def test_a_deliberate_back_import_breaks_a_contract(
    tmp_path: Path, module: str, statement: str, broken: str, shown: str
) -> None:
    project = _copy_project(tmp_path / "project")
    assert lint_imports(project).returncode == 0  # the copy is as clean as the project
    _add_import(project, module, statement)
    done = lint_imports(project)
    assert done.returncode != 0
    assert f"{CONTRACTS[broken]} BROKEN" in done.stdout, done.stdout + done.stderr
    assert shown in done.stdout, done.stdout


def test_the_cycle_search_finds_a_cycle_and_names_its_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_tree(
        tmp_path,
        {
            "houseprobe_core/__init__.py": "",
            "houseprobe_core/store.py": "from houseprobe_core import model\n",
            "houseprobe_core/model.py": "import houseprobe_core.text\n",
            "houseprobe_core/text.py": "",
            "houseprobe_window/__init__.py": "",
            "houseprobe_window/panel.py": "from houseprobe_core import store\n",
            "houseprobe_window/main.py": "from houseprobe_window import panel\n",
        },
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    clean = grimp.build_graph("houseprobe_core", "houseprobe_window", cache_dir=None)
    assert import_cycles(clean) == []

    # A panel that imports the main window back, and a core module that imports its importer.
    (tmp_path / "houseprobe_window/panel.py").write_text(
        "from houseprobe_core import store\nfrom houseprobe_window import main\n", encoding="utf-8"
    )
    (tmp_path / "houseprobe_core/text.py").write_text(
        "from houseprobe_core import store\n", encoding="utf-8"
    )
    graph = grimp.build_graph("houseprobe_core", "houseprobe_window", cache_dir=None)
    cycles = import_cycles(graph)
    assert sorted(cycles) == [
        [
            "houseprobe_core.model",
            "houseprobe_core.text",
            "houseprobe_core.store",
            "houseprobe_core.model",
        ],
        ["houseprobe_window.main", "houseprobe_window.panel", "houseprobe_window.main"],
    ]
