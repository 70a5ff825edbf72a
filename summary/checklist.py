"""A supervision's checklist, taken once when the record is made and kept as it stood.

The record stores the audit as JSON: the items with their colours and evidence, the period, the
thresholds, the proceedings as read, and the actions carried forward from earlier supervisions.
It is never recomputed: what the manager and worker saw is what the record keeps.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from chronology.cases import get_case
from chronology.models import Case
from chronology.workspace import UK, Workspace
from summary.audit import audit_cases
from summary.audit_model import AuditItem
from summary.dates import parse_iso
from summary.supervision import (
    Action,
    Decision,
    SupervisionError,
    SupervisionRecord,
    create_record,
    open_actions,
)
from summary.versions import get_version, list_versions


def take_checklist(ws: Workspace, case: Case, day: dt.date) -> dict[str, Any]:
    """The checklist of a supervision held on ``day`` (the period since the one before it)."""
    (result,) = audit_cases(ws, [case], day, before_record=0)
    carried = open_actions(ws, [case.id or 0], day).get(case.id or 0, [])
    return {
        **result.as_json(),
        "carried_actions": [
            {
                "id": a.id,
                "record_id": a.record_id,
                "text": a.text,
                "owner": a.owner,
                "due": a.due,
                "overdue": a.overdue_on(day),
            }
            for a in carried
        ],
    }


def checklist_items(snapshot: dict[str, Any]) -> list[AuditItem]:
    """The items of a stored checklist, as they stood."""
    return [AuditItem.from_json(i) for i in snapshot.get("items", [])]


def snapshot_level(snapshot: dict[str, Any]) -> str:
    return str(snapshot.get("level", "green"))


def record_supervision(
    ws: Workspace,
    case_ref: str,
    date: str,
    manager: str | None = None,
    worker: str | None = None,
    *,
    notes: str = "",
    decisions: list[Decision] | None = None,
    actions: list[Action] | None = None,
    summary_version: int | None = None,
    who: str | None = None,
    today: dt.date | None = None,
) -> int:
    """Make a draft supervision record with its checklist as it stands; returns its id."""
    case = get_case(ws, case_ref)
    day = parse_iso(date, "the supervision date")
    now = today or dt.datetime.now(UK).date()
    if day > now:
        raise SupervisionError(
            f"a supervision cannot be recorded for a day still to come ({day.strftime('%d/%m/%Y')})"
        )
    manager = (manager or case.team_manager).strip()
    worker = (worker or case.worker).strip()
    if not manager:
        raise SupervisionError(
            f"who is the manager? give --manager NAME (case {case.ref} names no team manager)"
        )
    if not worker:
        raise SupervisionError(
            f"whose supervision is it? give --worker NAME (case {case.ref} names no worker)"
        )
    version_id, digest = _version(ws, case.id or 0, summary_version)
    snapshot = take_checklist(ws, case, day)
    period = snapshot["period"]
    return create_record(
        ws,
        SupervisionRecord(
            case_id=case.id or 0,
            date=day.isoformat(),
            manager=manager,
            worker=worker,
            checklist=snapshot,
            period_from=period["from"],
            period_to=period["to"],
            summary_version=version_id,
            summary_digest=digest,
            notes=notes,
            decisions=decisions or [],
            actions=actions or [],
        ),
        who,
    )


def _version(ws: Workspace, case_id: int, wanted: int | None) -> tuple[int | None, str]:
    """The summary version discussed: the one asked for, else the latest saved one."""
    if wanted is not None:
        version = get_version(ws, wanted)
        if version.case_id != case_id:
            raise SupervisionError(f"summary version {wanted} belongs to another case")
        return version.id, version.digest
    versions = list_versions(ws, case_id)
    if not versions:
        return None, ""
    return versions[-1].id, versions[-1].digest
