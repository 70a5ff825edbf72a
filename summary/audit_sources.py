"""Where the audit gets proceedings periods and the possible-duplicate queue, for many cases.

Both come from other parts of the app that are still changing: proceedings periods confirmed by
the worker, and the queue of possible duplicates waiting for a decision. The audit reads them only
through the two functions here, so switching to the confirmed records is a change in one place.
Until then proceedings come from the chronology (:mod:`summary.proceedings`, read in bulk) and the
possible-duplicate queue counts as empty.
"""

from __future__ import annotations

from collections import defaultdict

from chronology.models import Case, EntryType
from chronology.workspace import Workspace
from summary.dates import parse_iso
from summary.proceedings import (
    _APPLICATION,
    _DATED,
    _FINAL,
    _FTS_CANDIDATES,
    CourtEvent,
    Proceedings,
    proceedings_from,
)


def proceedings_by_case(ws: Workspace, cases: list[Case]) -> dict[int, Proceedings]:
    """Each case's proceedings periods (court entries read in two queries for all the cases)."""
    ids = [c.id or 0 for c in cases]
    events: dict[int, list[CourtEvent]] = defaultdict(list)
    court = EntryType.COURT.value
    marks = ",".join("?" * len(ids))
    rows = ws.conn.execute(
        f"SELECT id, case_id, date, summary || ' ' || text, type, precision FROM entries "
        f"WHERE type=? AND status='active' AND case_id IN ({marks}) "
        f"UNION ALL SELECT id, case_id, date, summary || ' ' || text, type, precision FROM entries "
        f"WHERE id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?) "
        f"AND type != ? AND status='active' AND case_id IN ({marks})",
        (court, *ids, "{summary text} : (" + _FTS_CANDIDATES + ")", court, *ids),
    ).fetchall()
    for entry_id, case_id, date, text, type_, precision in rows:
        if precision not in _DATED:
            continue
        is_court = type_ == court
        if is_court or _APPLICATION.search(text) or _FINAL.search(text):
            events[case_id].append(CourtEvent(entry_id, parse_iso(date), text, is_court))
    return {c.id or 0: proceedings_from(events.get(c.id or 0, []), c.proceedings) for c in cases}


def possible_duplicates_by_case(ws: Workspace, case_ids: list[int]) -> dict[int, list[int]]:
    """The possible-duplicate pairs waiting for the worker, by case (none until the queue is)."""
    return {}
