"""The supervision record as a document: the checklist as it stood with its evidence, the
discussion, decisions with their rationale, actions, and the manager's sign-off.

It prints a stored record (by default the case's latest), never a recomputed checklist. A case
with no record yet gets the checklist as it stands today, marked as a form to fill in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from exports.common import ExportContext, uk_date
from exports.document import Block, Document, Heading, KeepTogether, Paragraph, Run, Table

BLANK = "........................................................................"


def _stamp(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return str(iso)


def supervision_record(ctx: ExportContext, record_id: int | None = None) -> Document:
    """The document of record ``record_id`` (default: the case's latest)."""
    from summary.supervision import SupervisionError, get_record, list_records

    if record_id is not None:
        record = get_record(ctx.ws, record_id)
        if record.case_id != ctx.case_id:
            raise SupervisionError(f"supervision record {record_id} belongs to another case")
    else:
        records = list_records(ctx.ws, ctx.case_id)
        if not records:
            return _blank_form(ctx)
        record = records[-1]
    return _record_document(ctx, record)


def _checklist_rows(ctx: ExportContext, items: list[Any]) -> list[list[str]]:
    """Item, colour and evidence; the green lines that only list events one by one are left
    out (the record keeps them all)."""
    rows = []
    for item in items:
        lines = [f.text for f in item.findings if f.level != "green" or not f.text.startswith("  ")]
        evidence = ctx.scrub("\n".join(line.strip() for line in lines) or "-", item.title)
        rows.append([item.title, item.level.upper(), evidence])
    return rows


def _record_document(ctx: ExportContext, r: Any) -> Document:
    from summary.checklist import checklist_items

    snapshot = r.checklist
    period = snapshot.get("period", {})
    first = uk_date(period.get("from")) if period.get("from") else "the start of the case"
    if r.signed:
        status = f"Signed by {r.signed_by} on {_stamp(r.signed_at)}"
    else:
        status = "DRAFT: not signed"
    version = (
        f"version {r.summary_version} (fingerprint {r.summary_digest[:12]})"
        if r.summary_version
        else "none saved when the supervision was recorded"
    )
    blocks: list[Block] = [Heading("SUPERVISION RECORD", level=0, align="centre")]
    if not r.signed:
        blocks.append(Paragraph([Run("DRAFT — NOT SIGNED", bold=True)], align="centre"))
    if r.corrects:
        blocks.append(
            Paragraph.of(
                f"This record corrects supervision record {r.corrects}: "
                + ctx.scrub(r.correction_reason, "correction reason")
            )
        )
    if r.corrected_by:
        blocks.append(
            Paragraph(
                [
                    Run(
                        "Corrected by supervision record "
                        f"{', '.join(str(i) for i in r.corrected_by)}: read that record too.",
                        bold=True,
                    )
                ]
            )
        )
    blocks += [
        Table(
            ["Case", ctx.case.ref],
            [
                ["Child", ctx.case.child_names],
                ["Worker", r.worker],
                ["Team manager", r.manager],
                ["Date of supervision", uk_date(r.date)],
                ["Period audited", f"{first} to {uk_date(period.get('to'))}"],
                ["Proceedings", str(snapshot.get("proceedings", "")) or "-"],
                ["Case summary discussed", version],
                ["Checklist overall", str(snapshot.get("level", "")).upper()],
                ["Record", f"{r.id}: {status}"],
            ],
            [1.6, 3],
        ),
        Heading(f"Checklist as it stood on {uk_date(r.date)}"),
        Table(
            ["Item", "Status", "Evidence"],
            _checklist_rows(ctx, checklist_items(snapshot)),
            [3.6, 2.0, 8.4],
            font_size=10,
            line_spacing=1.15,
        ),
    ]
    thresholds = snapshot.get("thresholds", {})
    if thresholds:
        blocks.append(
            Paragraph.of(
                "Team thresholds in force: "
                + ", ".join(f"{k.replace('_', ' ')} {_value(v)}" for k, v in thresholds.items())
            )
        )
    carried = snapshot.get("carried_actions", [])
    if carried:
        blocks += [
            Heading("Actions carried forward from earlier supervisions", 2),
            Table(
                ["Action", "Owner", "Due", "Agreed at", "Then"],
                [
                    [
                        ctx.scrub(a["text"], "carried action"),
                        a["owner"],
                        uk_date(a["due"]),
                        f"record {a['record_id']}",
                        "OVERDUE" if a.get("overdue") else "open",
                    ]
                    for a in carried
                ],
                [5.2, 2.4, 2.6, 2.2, 2.2],
            ),
        ]
    blocks.append(Heading("Discussion"))
    notes = ctx.scrub(r.notes, "discussion notes").strip()
    blocks += (
        [Paragraph.of(p) for p in notes.split("\n\n")]
        if notes
        else [Paragraph.of("No discussion notes were recorded.")]
    )
    blocks.append(Heading("Decisions"))
    if r.decisions:
        blocks.append(
            Table(
                ["No.", "Decision", "Rationale"],
                [
                    [
                        str(n),
                        ctx.scrub(d.text, "decision"),
                        ctx.scrub(d.rationale, "rationale") or "-",
                    ]
                    for n, d in enumerate(r.decisions, 1)
                ],
                [1.3, 6.1, 6.6],
            )
        )
    else:
        blocks.append(Paragraph.of("No decisions were recorded."))
    blocks.append(Heading("Actions"))
    if r.actions:
        blocks.append(
            Table(
                ["No.", "Action", "Owner", "Due", "Progress"],
                [
                    [
                        str(n),
                        ctx.scrub(a.text, "action"),
                        a.owner,
                        uk_date(a.due),
                        _progress(a),
                    ]
                    for n, a in enumerate(r.actions, 1)
                ],
                [1.3, 5.0, 2.6, 2.6, 2.9],
            )
        )
    else:
        blocks.append(Paragraph.of("No actions were agreed."))
    if r.signed:
        sign_off = [
            Heading("Sign-off"),
            Paragraph.of(f"Team manager: {r.signed_by}"),
            Paragraph.of(f"Signed on: {_stamp(r.signed_at)}"),
            Paragraph.of(
                f"Seal: {r.seal}. Throughline keeps this fingerprint of the record in its "
                "tamper-evident history; a record changed after signing no longer matches it."
            ),
        ]
    else:
        sign_off = [
            Heading("Sign-off"),
            Paragraph.of(f"Team manager: {r.manager}"),
            Paragraph.of("Signed: ........................................"),
            Paragraph.of("Date and time: ........................................"),
        ]
    blocks.append(KeepTogether(sign_off))
    return Document(
        kind="supervision",
        title=f"Supervision record: {ctx.case.child_names}",
        author=r.manager,
        subject=f"Case {ctx.case.ref}, supervision of {uk_date(r.date)}",
        blocks=blocks,
        endorsement=f"Case {ctx.case.ref} | supervision {uk_date(r.date)} | record {r.id}"
        + ("" if r.signed else " | DRAFT"),
        created=ctx.created,
    )


def _value(v: object) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


def _progress(action: Any) -> str:
    latest = action.status_on()
    if latest is None:
        return "open"
    if latest.status == "done":
        return f"done {uk_date(latest.on_date)} ({latest.by})"
    return f"reopened {uk_date(latest.on_date)} ({latest.by})"


def _blank_form(ctx: ExportContext) -> Document:
    """No record yet: today's checklist, with room for the discussion and the sign-off."""
    from summary.audit import audit_case

    audit = audit_case(ctx.ws, ctx.case, ctx.made)
    blocks: list[Block] = [
        Heading("SUPERVISION RECORD", level=0, align="centre"),
        Paragraph(
            [Run("No supervision has been recorded for this case yet: a form to fill in.", True)],
            align="centre",
        ),
        Table(
            ["Case", ctx.case.ref],
            [
                ["Child", audit.child],
                ["Allocated worker", audit.worker or "-"],
                ["Team manager", audit.team_manager or "-"],
                ["Date", uk_date(ctx.made)],
                ["Period audited", audit.period.describe()],
                ["Overall", audit.level.upper()],
            ],
            [1.6, 3],
        ),
        Heading("Checklist"),
        Table(
            ["Item", "Status", "Evidence"],
            _checklist_rows(ctx, audit.items),
            [3.6, 2.0, 8.4],
            font_size=10,
            line_spacing=1.15,
        ),
        Heading("Discussion"),
        Paragraph.of(BLANK + "\n" + BLANK + "\n" + BLANK),
        Heading("Decisions"),
        Paragraph.of(BLANK + "\n" + BLANK),
        Heading("Actions"),
        Table(["Action", "Owner", "Due date"], [["", "", ""] for _ in range(4)], [8, 3, 2.6]),
        KeepTogether(
            [
                Heading("Sign-off"),
                Paragraph.of("Team manager: ........................................"),
                Paragraph.of("Signed: ........................................"),
                Paragraph.of("Date and time: ........................................"),
            ]
        ),
    ]
    return Document(
        kind="supervision",
        title=f"Supervision record: {ctx.case.child_names}",
        author=ctx.case.team_manager or ctx.case.worker,
        subject=f"Case {ctx.case.ref}",
        blocks=blocks,
        endorsement=f"Case {ctx.case.ref} | supervision {uk_date(ctx.made)}",
        created=ctx.created,
    )
