"""Writes one export in the background, in its own connection to the workspace; and the words
around an export: what will be withheld, what was written, what went wrong."""

from __future__ import annotations

import logging
import re
from html import escape
from pathlib import Path
from typing import Any

from chronology.cases import list_people
from chronology.models import Case
from chronology.workspace import Workspace
from gui.common.workers import Worker

log = logging.getLogger(__name__)
_PART = re.compile(r" \((postcode|street|street name)\)$")


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


class PageCountWorker(Worker):
    """Counts the pages the chosen document would have, writing nothing (a PageCount, or None
    for CSV)."""

    def __init__(self, path: Path, case_ref: str, request: object) -> None:
        super().__init__()
        self.path = path
        self.case_ref = case_ref
        self.request = request

    def work(self) -> object:
        from exports.service import count_pages

        with Workspace.open(self.path, create=False) as ws:
            return count_pages(ws, self.case_ref, self.request)  # type: ignore[arg-type]

    def describe_error(self, exc: Exception) -> str:
        return describe_export_error(exc, None)


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


def withheld_preview(ws: Workspace, case: Case, names: bool = False) -> list[str]:
    """What redaction will withhold from this case's documents, in plain words."""
    from exports.redaction import RedactionPolicy, Redactor

    people = list_people(ws, case.id or 0)
    redactor = Redactor.for_people(people, RedactionPolicy(confidential_names=names))
    items = list(dict.fromkeys(_PART.sub("", n.label) for n in redactor.needles))
    secret = ws.conn.execute(
        "SELECT count(*) FROM entries WHERE case_id=? AND confidential=1 AND status!='undone'",
        (case.id,),
    ).fetchone()[0]
    if secret:
        items.append(
            f"the text of {secret} {'entry' if secret == 1 else 'entries'} marked confidential "
            "(the rows stay, their words are removed)"
        )
    return items


def result_html(result: Any) -> str:
    """What was written: the file, the pages against the court's limit, redaction, warnings."""
    from exports.service import NAMES

    name = NAMES.get(result.document, result.document)
    parts = [
        f"<p><b>{escape(result.path.name)}</b><br>"
        f"<span style='color:gray'>{escape(str(result.path.parent))}</span></p>"
    ]
    if result.pages:
        pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
        if result.page_limit:
            counted = result.counted_pages or result.pages
            over = counted > result.page_limit
            line = f"{name.capitalize()}: {pages}"
            if counted != result.pages:
                line += f", of which {counted} count against the court's limit"
            line += f" — court limit {result.page_limit} pages."
            if over:
                line += " Over the limit: shorten it before filing."
            style = "color:#B3261E; font-weight:bold" if over else ""
            parts.append(f"<p style='{style}'>{escape(line)}</p>")
        else:
            parts.append(f"<p>{escape(name.capitalize())}: {pages}.</p>")
    if result.redacted:
        parts.append(
            f"<p>{result.withheld} item{'s' if result.withheld != 1 else ''} withheld; "
            f"the redaction log is {escape(result.redaction_log.name)}.</p>"
        )
    else:
        parts.append("<p style='color:#B3261E'>Redaction was off: nothing was withheld.</p>")
    if result.exhibit:
        parts.append(f"<p>The court chronology is exhibited as {escape(result.exhibit)}.</p>")
    warnings = [w for w in result.warnings if "over the court's limit" not in w]  # said above
    if warnings:
        items = "".join(f"<li>{escape(w)}</li>" for w in warnings)
        parts.append(f"<p style='color:#B26A00'><b>Please check:</b></p><ul>{items}</ul>")
    return "".join(parts)
