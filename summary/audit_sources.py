"""Where the audit gets proceedings periods and the possible-duplicate queue, for many cases.

Proceedings periods are the case's record (:mod:`chronology.proceedings`: confirmed by the
worker, else suggested from the chronology, read in bulk); the queue is the possible-duplicate
pairs waiting for the worker's decision (:mod:`chronology.duplicate_pairs`).
"""

from __future__ import annotations

from chronology.models import Case
from chronology.proceedings import periods_for_cases
from chronology.workspace import Workspace
from summary.proceedings import Proceedings


def proceedings_by_case(ws: Workspace, cases: list[Case]) -> dict[int, Proceedings]:
    """Each case's proceedings periods (court entries read in two queries for all the cases)."""
    return {case_id: Proceedings(p) for case_id, p in periods_for_cases(ws, cases).items()}


def possible_duplicates_by_case(ws: Workspace, case_ids: list[int]) -> dict[int, list[int]]:
    """The ids of the possible-duplicate pairs waiting for the worker, by case."""
    marks = ",".join("?" * len(case_ids)) or "NULL"
    out: dict[int, list[int]] = {}
    for pair_id, case_id in ws.conn.execute(
        "SELECT p.id, p.case_id FROM duplicate_pairs p JOIN entries ea ON ea.id=p.a "
        "JOIN entries eb ON eb.id=p.b WHERE p.status='possible' "
        f"AND p.case_id IN ({marks}) AND ea.status NOT IN ('undone', 'withdrawn') "
        "AND eb.status NOT IN ('undone', 'withdrawn') ORDER BY p.id",
        case_ids,
    ):
        out.setdefault(case_id, []).append(pair_id)
    return out
