"""The supervision record: the case's checklist (red, amber, green with the evidence), and room
for the manager's discussion, decisions, actions and sign-off."""

from __future__ import annotations

from exports.common import ExportContext, uk_date
from exports.document import Block, Document, Heading, KeepTogether, Paragraph, Table

BLANK = "........................................................................"


def supervision_record(ctx: ExportContext) -> Document:
    """The checklist computed from the case on the date the record is made."""
    from summary.audit import audit_case

    audit = audit_case(ctx.ws, ctx.case, ctx.made)
    rows = [
        [
            item.title,
            item.level.upper(),
            ctx.scrub("\n".join(item.evidence) or "-", f"checklist: {item.title}"),
        ]
        for item in audit.items
    ]
    blocks: list[Block] = [
        Heading("SUPERVISION RECORD", level=0, align="centre"),
        Table(
            ["Case", ctx.case.ref],
            [
                ["Child", audit.child],
                ["Allocated worker", audit.worker or "-"],
                ["Team manager", audit.team_manager or "-"],
                ["Date", uk_date(ctx.made)],
                ["Overall", audit.level.upper()],
            ],
            [1.4, 3],
        ),
        Heading("Checklist"),
        Table(["Item", "Status", "Evidence"], rows, [3.8, 2.4, 7.8]),
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
