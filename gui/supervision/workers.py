"""Checklists worked out off the window's thread: one case's, or every case of the team's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gui.common.workers import Worker


class CaseAuditWorker(Worker):
    """Today's checklist of one case (a CaseAudit)."""

    def __init__(self, path: Path, case_ref: str, today: dt.date | None = None) -> None:
        super().__init__()
        self.path, self.case_ref = path, case_ref
        self.today = today or dt.date.today()

    def work(self) -> object:
        from chronology.cases import get_case
        from chronology.workspace import Workspace
        from summary.audit import audit_case

        with Workspace.open(self.path, create=False, check=False) as ws:
            return audit_case(ws, get_case(ws, self.case_ref), self.today)

    def describe_error(self, exc: Exception) -> str:
        return f"The checklist could not be worked out ({type(exc).__name__})."


class TeamAuditWorker(Worker):
    """Every case of these workspaces, worst first (a list of CaseAudit)."""

    def __init__(self, paths: list[Path], today: dt.date | None = None) -> None:
        super().__init__()
        self.paths = list(paths)
        self.today = today or dt.date.today()

    def work(self) -> object:
        from contextlib import ExitStack

        from chronology.workspace import Workspace
        from summary.team import team_audit

        with ExitStack() as stack:
            spaces = [
                stack.enter_context(Workspace.open(p, create=False, check=False))
                for p in self.paths
            ]
            return team_audit(spaces, self.today)

    def describe_error(self, exc: Exception) -> str:
        return f"The team's checklists could not be worked out ({exc})."


class TeamReportWorker(Worker):
    """Writes the team audit report (Word or PDF) for these workspaces."""

    def __init__(self, paths: list[Path], output: Path, today: dt.date | None = None) -> None:
        super().__init__()
        self.paths, self.output = list(paths), output
        self.today = today or dt.date.today()

    def work(self) -> object:
        from contextlib import ExitStack

        from chronology.workspace import Workspace
        from exports.team_audit_doc import write_team_report
        from summary.team import team_audit

        with ExitStack() as stack:
            spaces = [
                stack.enter_context(Workspace.open(p, create=False, check=False))
                for p in self.paths
            ]
            audits = team_audit(spaces, self.today)
            fmt = self.output.suffix.lower().lstrip(".") or "pdf"
            return write_team_report(spaces, audits, self.output, fmt)

    def describe_error(self, exc: Exception) -> str:
        return f"The team audit report could not be written: {exc}"
