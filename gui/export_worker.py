"""Writes one export in the background, in its own connection to the workspace."""

from __future__ import annotations

import logging
from pathlib import Path

from chronology.workspace import Workspace
from gui.workers import Worker

log = logging.getLogger(__name__)


class ExportWorker(Worker):
    """Runs ``exports.service.export_document``; the result is an ExportResult (None if the
    export was cancelled before it started)."""

    def __init__(self, path: Path, case_ref: str, request: object) -> None:
        super().__init__()
        self.path = path
        self.case_ref = case_ref
        self.request = request

    def work(self) -> object:
        if self.cancelled():
            return None
        from exports.service import export_document

        self.signals.progress.emit(0, 0, "Building the document…")
        with Workspace.open(self.path, create=False) as ws:
            return export_document(ws, self.case_ref, self.request)  # type: ignore[arg-type]

    def describe_error(self, exc: Exception) -> str:
        return describe_export_error(exc, getattr(self.request, "output", None))


def describe_export_error(exc: Exception, output: Path | None) -> str:
    """What went wrong with an export, in plain words, with what to do next."""
    from exports.common import MissingDetails
    from exports.leakscan import LeakError

    name = output.name if output is not None else "the file"
    if isinstance(exc, MissingDetails):
        return (
            "The document needs more of the case's details first. Fill in the statement "
            "details in this window (witness, role, employer, party, court, case number) "
            "and export again."
        )
    if isinstance(exc, LeakError):
        return (
            f"{name} was not written: the check after writing found text that should have "
            "been withheld. Nothing was saved. Please tell your IT support; details are in "
            "the log file."
        )
    if isinstance(exc, PermissionError):
        return (
            f"{name} could not be written: permission was refused. If the file is open in "
            "Word or a PDF reader, close it; or choose another folder."
        )
    if isinstance(exc, OSError):
        return (
            f"{name} could not be written ({exc.strerror or 'the disk refused it'}). Check "
            "that the folder exists and there is space, or choose another folder."
        )
    if isinstance(exc, ValueError):  # ExportError, CaseError, DateError: already plain words
        text = str(exc)
        return f"The document was not written: {text[:1].lower()}{text[1:]}."
    return (
        f"{name} was not written because of an unexpected problem. Nothing else was "
        "changed; details are in the log file."
    )
