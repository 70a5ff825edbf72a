"""The ``export`` command: a court-ready document of one case, written atomically."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from chronology.commands import emit_json, open_workspace
from exports.service import FORMATS, ExportRequest, export_document


def cmd_export(args: argparse.Namespace) -> int:
    made = None
    if args.dated:
        try:
            made = dt.date.fromisoformat(args.dated)
        except ValueError:
            raise ValueError(
                f"--dated must be a date written YYYY-MM-DD, not {args.dated!r}"
            ) from None
    req = ExportRequest(
        document=args.document,
        fmt=args.format,
        output=Path(args.output or f"count-only.{args.format}"),
        date_from=args.date_from,
        date_to=args.date_to,
        redact=not args.no_redact,
        made=made,
        agencies=args.agency or [],
        types=args.type or [],
        significance=args.significance or [],
        confidential_names=args.withhold_confidential_names,
        record=args.id,
    )
    if args.count_pages:
        from exports.service import count_pages

        with open_workspace(args) as ws:
            count = count_pages(ws, args.case, req)
        if count is None:
            raise ValueError("a CSV file has no pages to count")
        limit = f" (the court's limit is {count.limit})" if count.limit else ""
        if args.json:
            emit_json(
                {"pages": count.total, "counted_pages": count.counted, "page_limit": count.limit}
            )
        else:
            print(f"{count.total} pages{limit}; nothing was written")
        return 0
    if not args.output:
        raise ValueError("give --output FILE (or --count-pages to count the pages only)")
    with open_workspace(args) as ws:
        result = export_document(ws, args.case, req)
    for warning in result.warnings:
        print(f"throughline: warning: {warning}", file=sys.stderr)
    if args.json:
        emit_json(result.as_json())
        return 0
    pages = ""
    if result.pages:
        pages = f", {result.pages} pages"
        if result.page_limit:
            pages += f" ({result.counted_pages} of the court's limit of {result.page_limit})"
    redaction = f"{result.withheld} items withheld" if result.redacted else "redaction switched off"
    exhibit = f"; exhibit {result.exhibit}" if result.exhibit else ""
    print(
        f"{result.path}: {result.document} ({result.fmt}){pages}; {redaction}, "
        f"log in {result.redaction_log.name}{exhibit}"
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``export`` command to the program's parser."""
    p = sub.add_parser("export", help="write a court-ready document (Word, PDF or CSV)")
    p.add_argument("--workspace", required=True, metavar="PATH", help="the workspace file")
    p.add_argument("--case", required=True, metavar="REF", help="the case reference")
    p.add_argument("--document", required=True, choices=tuple(FORMATS))
    p.add_argument("--format", required=True, choices=("docx", "pdf", "csv"))
    p.add_argument("--output", metavar="FILE", help="the file to write")
    p.add_argument(
        "--count-pages",
        action="store_true",
        help="say how many pages the document would have, and write nothing",
    )
    p.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="first date to include, YYYY-MM-DD (chronologies)",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        metavar="DATE",
        help="last date to include, YYYY-MM-DD (chronologies)",
    )
    p.add_argument(
        "--no-redact",
        action="store_true",
        help="write addresses, phone numbers and confidential entries as recorded",
    )
    p.add_argument(
        "--agency",
        action="append",
        metavar="NAME",
        help="full chronology: only this agency (repeatable)",
    )
    p.add_argument(
        "--type",
        action="append",
        metavar="TYPE",
        help="full chronology: only this entry type (repeatable)",
    )
    p.add_argument(
        "--significance",
        action="append",
        choices=("routine", "significant", "key"),
        help="full chronology: only this significance (repeatable)",
    )
    p.add_argument(
        "--dated", metavar="DATE", help="the date the document is made, YYYY-MM-DD (default: today)"
    )
    p.add_argument(
        "--withhold-confidential-names",
        action="store_true",
        help="also withhold the names of people marked confidential",
    )
    p.add_argument(
        "--id",
        type=int,
        metavar="N",
        help="supervision: the record to export (default: the case's latest)",
    )
    p.add_argument("--json", action="store_true", help="print the result as one JSON document")
    p.set_defaults(func=cmd_export)
