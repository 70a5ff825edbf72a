"""One export, end to end: build the document, write it atomically, check it, log redaction.

The command line and the GUI's background worker both call ``export_document``.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from chronology.cases import get_case, list_people
from chronology.entries import EntryFilter
from chronology.protected_paths import refuse_protected
from chronology.workspace import Workspace
from exports.atomic import atomic_target, write_text_atomic
from exports.common import COURT_DETAILS, ExportContext, require_details
from exports.document import Document
from exports.leakscan import LeakError, find_leaks, verify_no_leaks
from exports.pagecount import PageCount, page_count
from exports.redaction import RedactionPolicy, Redactor

log = logging.getLogger(__name__)
UK = ZoneInfo("Europe/London")
FORMATS = {
    "statement": ("docx", "pdf"),
    "court-chronology": ("docx", "pdf"),
    "chronology": ("docx", "pdf", "csv"),
    "summary": ("docx", "pdf"),
    "internal-summary": ("docx", "pdf"),
    "supervision": ("docx", "pdf"),
}
NAMES = {
    "statement": "witness statement",
    "court-chronology": "court chronology",
    "chronology": "chronology",
    "summary": "case summary",
    "internal-summary": "internal case summary",
    "supervision": "supervision record",
}


class ExportError(ValueError):
    """An export that cannot be made as asked (the message says why, in plain words)."""


@dataclass
class ExportRequest:
    """What to export, where, and with which dates and filters."""

    document: str
    fmt: str
    output: Path
    date_from: str | None = None
    date_to: str | None = None
    redact: bool = True
    made: dt.date | None = None  # the date the document is made (default: today, UK)
    agencies: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    significance: list[str] = field(default_factory=list)
    confidential_names: bool = False
    record: int | None = None  # supervision: the record to print (default: the latest)


@dataclass
class ExportResult:
    """What was written: the file, its page count against the limit, warnings, redaction."""

    path: Path
    document: str
    fmt: str
    pages: int | None
    counted_pages: int | None
    page_limit: int | None
    warnings: list[str]
    redacted: bool
    withheld: int
    redaction_log: Path
    exhibit: str | None = None
    undecided_details: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "document": self.document,
            "format": self.fmt,
            "pages": self.pages,
            "counted_pages": self.counted_pages,
            "page_limit": self.page_limit,
            "over_limit": bool(self.page_limit and (self.counted_pages or 0) > self.page_limit),
            "warnings": self.warnings,
            "redacted": self.redacted,
            "withheld": self.withheld,
            "redaction_log": str(self.redaction_log),
            "exhibit": self.exhibit,
            "undecided_details": self.undecided_details,
        }


def _iso(value: str | None, flag: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ExportError(f"{flag} must be a date written YYYY-MM-DD, not {value!r}") from None


def _check(req: ExportRequest) -> None:
    if req.document not in FORMATS:
        raise ExportError(f"unknown document {req.document!r}: use one of {', '.join(FORMATS)}")
    if req.fmt not in FORMATS[req.document]:
        raise ExportError(
            f"a {NAMES[req.document]} can be written as "
            f"{' or '.join(FORMATS[req.document])}, not {req.fmt}"
        )
    suffix = req.output.suffix.lower().lstrip(".")
    if suffix in ("docx", "pdf", "csv") and suffix != req.fmt:
        raise ExportError(
            f"{req.output.name}: the name ends in .{suffix} but the format is {req.fmt}"
        )
    if req.output.is_dir():
        raise ExportError(f"{req.output}: is a folder; give a file name")
    from chronology.models import EntryType

    known = {t.value for t in EntryType}
    unknown = [t for t in req.types if t not in known]
    if unknown:
        raise ExportError(
            f"unknown entry type {unknown[0]!r}: use one of {', '.join(sorted(known))}"
        )


def log_path(output: Path) -> Path:
    """Where the redaction log of an export goes: beside it, named after it."""
    return output.with_name(f"{output.name}.redaction-log.txt")


def make_context(
    ws: Workspace,
    case_ref: str,
    made: dt.date | None = None,
    policy: RedactionPolicy | None = None,
) -> ExportContext:
    """The case, its people and a fresh redactor, for building one document."""
    from chronology.contact_details import decisions
    from exports.details_watch import DetailWatch

    case = get_case(ws, case_ref)
    people = list_people(ws, case.id or 0)
    now = dt.datetime.now(UK).replace(microsecond=0)
    known = decisions(ws, case.id or 0)
    secret = [(kind, value) for (kind, _k), (st, value) in known.items() if st == "confidential"]
    redactor = Redactor.for_people(people, policy, secret)
    redactor.watch = DetailWatch({key: status for key, (status, _v) in known.items()})
    return ExportContext(ws, case, people, redactor, made or now.date(), now)


def count_pages(ws: Workspace, case_ref: str, req: ExportRequest) -> PageCount | None:
    """How many pages the document would have, without writing anything (None for CSV)."""
    from exports.layout import lay_out

    _check(req)
    date_from = _iso(req.date_from, "--from")
    date_to = _iso(req.date_to, "--to")
    policy = RedactionPolicy(enabled=req.redact, confidential_names=req.confidential_names)
    if req.fmt == "csv":
        return None
    if req.document == "summary":
        _ctx, doc = _fitted_summary(ws, case_ref, req, policy)
    else:
        doc, _exhibit = _build(
            make_context(ws, case_ref, req.made, policy), req, date_from, date_to
        )
    assert doc is not None
    return page_count(doc, lay_out(doc))


def export_document(ws: Workspace, case_ref: str, req: ExportRequest) -> ExportResult:
    """Make one document of one case and write it to ``req.output`` (atomically)."""
    _check(req)
    for target in (req.output, log_path(req.output)):
        refuse_protected(target, ws.path, "document")
    date_from = _iso(req.date_from, "--from")
    date_to = _iso(req.date_to, "--to")
    if date_from and date_to and date_from > date_to:
        raise ExportError("--from must not be after --to")
    policy = RedactionPolicy(enabled=req.redact, confidential_names=req.confidential_names)
    ctx = make_context(ws, case_ref, req.made, policy)
    if req.document == "summary":
        ctx, doc = _fitted_summary(ws, case_ref, req, policy)
        exhibit = None
    else:
        doc, exhibit = _build(ctx, req, date_from, date_to)
    needles = ctx.redactor.scan_list()
    count: PageCount | None = None
    if req.fmt == "csv":
        _write_csv(ctx, req, date_from, date_to, needles)
    else:
        assert doc is not None
        count = _write(doc, req, needles)
        if count:
            ctx.warnings.extend(count.warnings(NAMES[req.document]))
    if exhibit is not None:
        from exports.exhibits import record_exhibit

        record_exhibit(ws, ctx.case_id, exhibit)
    undecided = _undecided(ws, ctx)
    log_file = log_path(req.output)
    _write_log(log_file, ctx, req, needles)
    return ExportResult(
        path=req.output,
        document=req.document,
        fmt=req.fmt,
        pages=count.total if count else None,
        counted_pages=count.counted if count else None,
        page_limit=count.limit if count else None,
        warnings=ctx.warnings,
        redacted=req.redact,
        withheld=len(ctx.redactor.log),
        redaction_log=log_file,
        exhibit=exhibit.mark if exhibit else None,
        undecided_details=undecided,
    )


def _undecided(ws: Workspace, ctx: ExportContext) -> list[dict[str, Any]]:
    """The contact details written as they stand because nobody decided: kept and named."""
    from chronology.contact_details import record_found

    watch = ctx.redactor.watch
    if watch is None or not watch.undecided:
        return []
    record_found(ws, ctx.case_id, [s.found for s in watch.undecided])
    ids = {
        (kind, key): detail_id
        for detail_id, kind, key in ws.conn.execute(
            "SELECT id, kind, key FROM contact_details WHERE case_id=?", (ctx.case_id,)
        )
    }
    ctx.warnings.append(watch.warning())
    return [
        {
            "id": ids.get((s.found.kind, s.found.key)),
            "kind": s.found.kind,
            "value": s.found.value,
            "where": s.places,
        }
        for s in watch.undecided
    ]


def _build(
    ctx: ExportContext, req: ExportRequest, date_from: str | None, date_to: str | None
) -> tuple[Document | None, Any]:
    if req.document == "statement":
        from exports.statement import witness_statement

        return witness_statement(ctx, date_from, date_to)
    if req.document == "court-chronology":
        from exports.chronology_doc import court_chronology

        require_details(ctx.case, COURT_DETAILS, "court chronology")
        return court_chronology(ctx, date_from, date_to), None
    if req.document == "chronology":
        if req.fmt == "csv":
            return None, None
        from exports.chronology_doc import full_chronology

        return full_chronology(ctx, _filter(req, date_from, date_to)), None
    if req.document == "internal-summary":
        from exports.internal_summary import internal_summary

        return internal_summary(ctx), None
    from exports.supervision_doc import supervision_record

    return supervision_record(ctx, req.record), None


def _fitted_summary(
    ws: Workspace, case_ref: str, req: ExportRequest, policy: RedactionPolicy
) -> tuple[ExportContext, Document]:
    """The court's case summary with as many key dates as keep it within 6 pages."""
    from exports.court_summary import KEY_DATE_STEPS, court_case_summary
    from exports.layout import lay_out

    require_details(
        make_context(ws, case_ref, req.made, policy).case, COURT_DETAILS, "case summary"
    )
    for n in KEY_DATE_STEPS:
        ctx = make_context(ws, case_ref, req.made, policy)  # a fresh redaction log each try
        doc = court_case_summary(ctx, limit=n)
        if not page_count(doc, lay_out(doc)).over:
            break
    return ctx, doc


def _filter(req: ExportRequest, date_from: str | None, date_to: str | None) -> EntryFilter:
    return EntryFilter(
        agencies=list(req.agencies),
        types=list(req.types),
        significance=list(req.significance),
        date_from=date_from,
        date_to=date_to,
    )


def _write(doc: Document, req: ExportRequest, needles: list[tuple[str, str]]) -> PageCount | None:
    from exports.layout import lay_out

    # The PDF needs the layout anyway; a Word court document is laid out only to be counted.
    laid = lay_out(doc) if (req.fmt == "pdf" or doc.page_limit) else None
    count = page_count(doc, laid) if laid else None
    with atomic_target(req.output) as tmp:
        if req.fmt == "pdf":
            from exports.pdf_writer import write_pdf

            drawn = write_pdf(doc, tmp, laid).drawn
            verify_no_leaks(tmp, "pdf", needles, drawn, req.output.name)
        else:
            from exports.docx_writer import write_docx

            write_docx(doc, tmp)
            verify_no_leaks(tmp, "docx", needles, name=req.output.name)
    return count


def _write_csv(
    ctx: ExportContext,
    req: ExportRequest,
    date_from: str | None,
    date_to: str | None,
    needles: list[tuple[str, str]],
) -> None:
    from exports.chronology_doc import CSV_COLUMNS, csv_rows
    from exports.csv_writer import write_csv

    rows = csv_rows(ctx, _filter(req, date_from, date_to))
    needles[:] = ctx.redactor.scan_list()  # confidential entries seen while building the rows
    with atomic_target(req.output) as tmp:
        write_csv(CSV_COLUMNS, rows, tmp)
        verify_no_leaks(tmp, "csv", needles, name=req.output.name)


def _write_log(
    path: Path, ctx: ExportContext, req: ExportRequest, needles: list[tuple[str, str]]
) -> None:
    case = ctx.case
    lines = [
        f"Redaction log for {req.output.name}",
        f"Document: {NAMES[req.document]} ({req.fmt}), case {case.ref}",
        f"Made: {ctx.created.strftime('%d/%m/%Y %H:%M')} (UK time)",
        "",
    ]
    if not req.redact:
        lines.append(
            "Redaction was switched OFF for this export by the user: addresses, phone "
            "numbers and confidential entries were written as recorded."
        )
    else:
        lines.append(
            "Withheld text was replaced by [REDACTED] before the file was written. "
            "This log says what was withheld and where, never the text itself."
        )
        lines.append(
            f"After writing, the file was checked for {len(needles)} withheld "
            "strings: none was found."
        )
        lines.append("")
        if ctx.redactor.log:
            lines.extend(f"- {w.line()}" for w in ctx.redactor.log)
        else:
            lines.append(
                "Nothing was withheld: no person on the case and no detail found in the text "
                "is marked confidential for what this document holds."
            )
    watch = ctx.redactor.watch
    if watch is not None and watch.undecided:
        lines += [
            "",
            "Contact details found in the text that nobody has marked confidential or not "
            "confidential; they were written as recorded:",
        ]
        lines += [
            f"- {s.found.kind} '{s.found.value}' in {', '.join(s.places)}" for s in watch.undecided
        ]
    text = "\n".join(lines) + "\n"
    if req.redact and find_leaks(text, needles):
        raise LeakError("the redaction log would have quoted withheld text; it was not written")
    write_text_atomic(path, text)
