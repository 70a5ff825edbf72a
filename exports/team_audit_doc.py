"""The team audit report: every case in one table, worst first, then what each case needs.

An internal document for the team manager (no court heading), laid out like the others (A4,
header on every page, "Page X of Y" in PDF). Evidence is redacted case by case with that case's
people, as in every export, and the written file is checked for withheld text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from chronology.protected_paths import refuse_protected
from chronology.workspace import Workspace
from exports.atomic import atomic_target, write_text_atomic
from exports.common import ExportContext, uk_date
from exports.document import Block, Document, Heading, PageSetup, Paragraph, Table
from exports.leakscan import LeakError, find_leaks, verify_no_leaks
from exports.service import make_context
from summary.audit_model import CaseAudit
from summary.team import items_at

FORMATS = ("docx", "pdf")


@dataclass
class TeamReport:
    """What was written."""

    path: Path
    fmt: str
    cases: int
    withheld: int
    redaction_log: Path


def _period(audits: Sequence[CaseAudit]) -> str:
    bases = {a.period.basis for a in audits}
    if len(bases) == 1 and audits[0].period.start is not None and "asked" in audits[0].period.basis:
        return f"{uk_date(audits[0].period.start)} to {uk_date(audits[0].period.end)}"
    return "for each case, since its last signed supervision (the whole case if none)"


def team_document(
    audits: Sequence[CaseAudit], contexts: dict[tuple[str, str], ExportContext], made: dt.datetime
) -> Document:
    """The report's document model (evidence scrubbed with each case's own redactor)."""
    as_of = audits[0].as_of if audits else made.date().isoformat()
    workspaces = sorted({a.workspace for a in audits if a.workspace})
    rows = []
    for n, a in enumerate(audits, 1):
        counts = a.counts()
        rows.append(
            [
                str(n),
                a.case_ref,
                a.child,
                a.worker or "-",
                a.level.upper(),
                str(counts["red"]),
                str(counts["amber"]),
                ", ".join(items_at(a, "red", short=True)) or "-",
            ]
        )
    blocks: list[Block] = [
        Heading("TEAM AUDIT", level=0, align="centre"),
        Paragraph.of(
            f"As of {uk_date(as_of)}: {len(audits)} case{'s' if len(audits) != 1 else ''}"
            + (f" from {len(workspaces)} workspaces" if len(workspaces) > 1 else "")
            + f". Period: {_period(audits)}. Worst first."
        ),
        Table(
            ["No.", "Case", "Child", "Worker", "Overall", "Red", "Amber", "Red items"],
            rows,
            [0.9, 2.2, 3.2, 2.8, 1.7, 1, 1.2, 6.6],
            font_size=9,
            line_spacing=1.15,
        ),
    ]
    if audits:
        shown = audits[0].thresholds.items()
        blocks.append(
            Paragraph.of(
                "Thresholds: " + ", ".join(f"{k.replace('_', ' ')} {_value(v)}" for k, v in shown)
            )
        )
    attention = [a for a in audits if a.level != "green"]
    if attention:
        blocks.append(Heading("What each case needs"))
    for a in attention:
        ctx = contexts[(a.workspace, a.case_ref)]
        blocks.append(
            Heading(f"{a.case_ref} — {a.child} ({a.worker or 'no worker'}): {a.level.upper()}", 2)
        )
        said = a.proceedings[:1].upper() + a.proceedings[1:]
        blocks.append(Paragraph.of(f"Period: {a.period.describe()}. {said}."))
        item_rows = []
        for item in a.items:
            if item.level == "green":
                continue
            lines = [f.text for f in item.findings if f.level != "green"] or item.evidence[:1]
            evidence = ctx.scrub("\n".join(lines), f"team audit {a.case_ref}: {item.title}")
            item_rows.append([item.title, item.level.upper(), evidence])
        blocks.append(Table(["Item", "Status", "Evidence"], item_rows, [4.5, 1.6, 13.9], 9, 1.15))
    return Document(
        kind="team-audit",
        title="Team audit",
        author=audits[0].team_manager if audits and audits[0].team_manager else "",
        subject=f"Team audit as of {uk_date(as_of)}",
        blocks=blocks,
        setup=PageSetup(landscape=True, margin_cm=2.0, font_size=10, line_spacing=1.15),
        endorsement=f"Team audit | {uk_date(as_of)} | internal: not for court",
        created=made,
    )


def _value(v: object) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


def write_team_report(
    sources: Sequence[Workspace], audits: Sequence[CaseAudit], output: Path, fmt: str
) -> TeamReport:
    """Write the report atomically (Word or PDF) with its redaction log beside it."""
    if fmt not in FORMATS:
        raise ValueError(f"a team audit report is written as docx or pdf, not {fmt}")
    suffix = output.suffix.lower().lstrip(".")
    if suffix in ("docx", "pdf", "csv") and suffix != fmt:
        raise ValueError(f"{output.name}: the name ends in .{suffix} but the format is {fmt}")
    log_file = output.with_name(f"{output.name}.redaction-log.txt")
    for ws in sources:
        for target in (output, log_file):
            refuse_protected(target, ws.path, "document")
    by_path = {str(ws.path) if ws.path else "": ws for ws in sources}
    contexts = {
        (a.workspace, a.case_ref): make_context(by_path[a.workspace], a.case_ref) for a in audits
    }
    made = dt.datetime.now(dt.UTC).astimezone().replace(microsecond=0)
    doc = team_document(audits, contexts, made)
    needles = sorted({n for c in contexts.values() for n in c.redactor.scan_list()})
    from exports.layout import lay_out

    with atomic_target(output) as tmp:
        if fmt == "pdf":
            from exports.pdf_writer import write_pdf

            drawn = write_pdf(doc, tmp, lay_out(doc)).drawn
            verify_no_leaks(tmp, "pdf", needles, drawn, output.name)
        else:
            from exports.docx_writer import write_docx

            write_docx(doc, tmp)
            verify_no_leaks(tmp, "docx", needles, name=output.name)
    withheld = [w for c in contexts.values() for w in c.redactor.log]
    lines = [
        f"Redaction log for {output.name}",
        f"Document: team audit ({fmt}), {len(audits)} cases",
        f"Made: {made.strftime('%d/%m/%Y %H:%M')}",
        "",
        "Withheld text was replaced by [REDACTED] before the file was written; this log says "
        "what was withheld and where, never the text itself.",
        "",
        *(
            [f"- {w.line()}" for w in withheld]
            or ["Nothing in this document needed to be withheld."]
        ),
    ]
    text = "\n".join(lines) + "\n"
    if find_leaks(text, needles):
        raise LeakError("the redaction log would have quoted withheld text; it was not written")
    write_text_atomic(log_file, text)
    return TeamReport(output, fmt, len(audits), len(withheld), log_file)
