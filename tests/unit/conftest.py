"""Fixtures for the core's tests: real workspaces on disk, never Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronology.cases import add_case
from chronology.models import Case
from chronology.workspace import Workspace

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace.open(tmp_path / "workspace.db")
    yield workspace
    workspace.close()


@pytest.fixture
def case(ws: Workspace) -> Case:
    return add_case(ws, "FEN-001", "Mia Hollis", "2021-05-04")
