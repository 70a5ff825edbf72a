"""Possible duplicates: pairs of entries that may be one event, and the worker's decision on each.

A pair holds its two entries (``a`` the one held first, ``b`` the newer), the reasons in words and
numbers, a score for ordering, and a status: ``possible`` (waiting for the worker; both entries
stay active and visible), ``confirmed`` (linked as one event, both wordings kept) or ``rejected``
(different events: never proposed again). An automatic link is stored as a confirmed pair marked
``automatic``, so the worker can see why and reject it.

A decision is keyed on both records' stable source identities (``pair_key``), not only on entry
ids, so it survives re-import, also after an import is undone and the file imported again.
Every decision goes to the history, and each has its inverse (:func:`revert`) for undo.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from chronology.duplicate_reasons import describe_pair
from chronology.workspace import Workspace, current_user, now_iso

POSSIBLE, CONFIRMED, REJECTED = "possible", "confirmed", "rejected"
AUTOMATIC = "Throughline (automatic)"
_COLUMNS = (
    "p.id, p.case_id, p.a, p.b, ea.record_key, eb.record_key, p.score, p.status, p.automatic, "
    "p.decided_by, p.decided_at, p.days_apart, p.minutes_apart, p.time_basis, p.words_shared, "
    "p.words_share, p.types, ea.type, eb.type, p.approximate, p.guard_diff, p.link_reason, "
    "eb.agency, eb.source_ref, p.note"
)
_FROM = "FROM duplicate_pairs p JOIN entries ea ON ea.id=p.a JOIN entries eb ON eb.id=p.b"


def record_identity(entry_id: int, record_key: int | None) -> str:
    """An entry's identity that survives undo and re-import: its source record, else its id."""
    return f"record:{record_key}" if record_key is not None else f"entry:{entry_id}"


def pair_key(a: str, b: str) -> str:
    """The identity of a pair of records, the same whichever comes first."""
    return f"{a}|{b}" if a < b else f"{b}|{a}"


class PairError(ValueError):
    """A pair that does not exist, or a decision it cannot take."""


@dataclass
class DuplicatePair:
    """Two entries that may record one event, with the reasons and the decision."""

    id: int
    case_id: int
    a: int
    b: int
    key_a: str
    key_b: str
    pair_key: str
    reasons: list[str]
    score: float
    status: str
    automatic: bool
    decided_by: str
    decided_at: str


@dataclass
class PairChange:
    """What a decision changed, so that it can be taken back exactly."""

    pair_id: int
    old_status: str
    old_by: str
    old_at: str
    links: dict[int, int | None] = field(default_factory=dict)  # entry id -> old duplicate_of


def _pair(r: tuple) -> DuplicatePair:
    (id_, case_id, a, b, record_a, record_b, score, status, automatic, by, at) = r[:11]
    (days, minutes, basis, shared, share, types, type_a, type_b, approx, guard, link) = r[11:22]
    agency, reference, note = r[22:]
    if not basis and note:  # a pair made before what was measured was kept: its words as written
        reasons = list(json.loads(note))
    else:
        reasons = describe_pair(
            days, minutes, basis, shared, share, types, type_a, type_b, bool(approx), guard,
            link, agency, reference if link == "reference" else "",
        )  # fmt: skip
    key_a, key_b = record_identity(a, record_a), record_identity(b, record_b)
    return DuplicatePair(
        id_, case_id, a, b, key_a, key_b, pair_key(key_a, key_b), reasons, score, status,
        bool(automatic), by, at,
    )  # fmt: skip


def get_pair(ws: Workspace, pair_id: int) -> DuplicatePair:
    row = ws.conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE p.id=?", (pair_id,)).fetchone()
    if row is None:
        raise PairError(f"no possible-duplicate pair {pair_id}")
    return _pair(row)


def list_pairs(ws: Workspace, case_id: int, status: str | None = None) -> list[DuplicatePair]:
    """The case's pairs whose entries are both still in the chronology; waiting ones first."""
    where = "AND p.status=?" if status else ""
    params: tuple = (case_id, status) if status else (case_id,)
    rows = ws.conn.execute(
        f"SELECT {_COLUMNS} {_FROM} WHERE p.case_id=? {where} "
        "AND ea.status NOT IN ('undone', 'withdrawn') AND eb.status NOT IN ('undone', 'withdrawn') "
        "ORDER BY p.status != 'possible', p.status, -p.score, p.id",
        params,
    ).fetchall()
    return [_pair(r) for r in rows]


def count_possible(ws: Workspace, case_id: int) -> int:
    """How many pairs wait for the worker."""
    return ws.conn.execute(
        "SELECT count(*) FROM duplicate_pairs p JOIN entries ea ON ea.id=p.a "
        "JOIN entries eb ON eb.id=p.b WHERE p.case_id=? AND p.status='possible' "
        "AND ea.status NOT IN ('undone', 'withdrawn') AND eb.status NOT IN ('undone', 'withdrawn')",
        (case_id,),
    ).fetchone()[0]


def _root(ws: Workspace, entry_id: int) -> int:
    row = ws.conn.execute("SELECT duplicate_of FROM entries WHERE id=?", (entry_id,)).fetchone()
    return row[0] or entry_id if row else entry_id


def _set_link(ws: Workspace, change: PairChange, entry_id: int, to: int | None) -> None:
    old = ws.conn.execute("SELECT duplicate_of FROM entries WHERE id=?", (entry_id,)).fetchone()[0]
    if old == to:
        return
    change.links.setdefault(entry_id, old)
    ws.conn.execute("UPDATE entries SET duplicate_of=? WHERE id=?", (to, entry_id))


def _link(ws: Workspace, change: PairChange, a: int, b: int) -> None:
    """Put b's cluster into a's (the first-recorded entry stays the cluster's root)."""
    root_a, root_b = _root(ws, a), _root(ws, b)
    if root_a == root_b:
        return
    target, moved = sorted((root_a, root_b))
    members = [
        r[0] for r in ws.conn.execute("SELECT id FROM entries WHERE duplicate_of=?", (moved,))
    ]
    for entry_id in [moved, *members]:
        _set_link(ws, change, entry_id, target)


def _unlink(ws: Workspace, change: PairChange, a: int, b: int) -> None:
    """Separate the pair: whichever of the two is not its cluster's root stands alone."""
    if _root(ws, a) != _root(ws, b):
        return
    for entry_id in (b, a):
        if _root(ws, entry_id) != entry_id:
            _set_link(ws, change, entry_id, None)
            return


def _decide(
    ws: Workspace, pair: DuplicatePair, status: str, who: str, change: PairChange, action: str
) -> None:
    ws.conn.execute(
        "UPDATE duplicate_pairs SET status=?, decided_by=?, decided_at=?, automatic=0 WHERE id=?",
        (status, who, now_iso(), pair.id),
    )
    ws.record_history(
        "duplicate_pairs",
        pair.id,
        action,
        {"status": pair.status, "a": pair.a, "b": pair.b},
        {"status": status, "links": {str(k): v for k, v in change.links.items()}},
        who,
    )


def _change(pair: DuplicatePair) -> PairChange:
    return PairChange(pair.id, pair.status, pair.decided_by, pair.decided_at)


def _of_case(ws: Workspace, pair_id: int, case_id: int | None) -> DuplicatePair:
    pair = get_pair(ws, pair_id)
    if case_id is not None and pair.case_id != case_id:
        raise PairError(f"pair {pair_id} belongs to another case")
    return pair


def confirm_pair(
    ws: Workspace, pair_id: int, who: str | None = None, case_id: int | None = None
) -> PairChange:
    """The worker says one event: the entries are linked (both wordings kept)."""
    pair = _of_case(ws, pair_id, case_id)
    who = who or current_user()
    change = _change(pair)
    with ws.transaction():
        _link(ws, change, pair.a, pair.b)
        _decide(ws, pair, CONFIRMED, who, change, "confirm")
    return change


def reject_pair(
    ws: Workspace, pair_id: int, who: str | None = None, case_id: int | None = None
) -> PairChange:
    """The worker says different events: never proposed again (a link made before is undone)."""
    pair = _of_case(ws, pair_id, case_id)
    who = who or current_user()
    change = _change(pair)
    with ws.transaction():
        if pair.status == CONFIRMED:
            _unlink(ws, change, pair.a, pair.b)
        _decide(ws, pair, REJECTED, who, change, "reject")
    return change


def revert(ws: Workspace, change: PairChange, who: str | None = None) -> None:
    """Take a decision back exactly: the links and the status as they were before it."""
    with ws.transaction() as c:
        for entry_id, old in change.links.items():
            c.execute("UPDATE entries SET duplicate_of=? WHERE id=?", (old, entry_id))
        c.execute(
            "UPDATE duplicate_pairs SET status=?, decided_by=?, decided_at=? WHERE id=?",
            (change.old_status, change.old_by, change.old_at, change.pair_id),
        )
        ws.record_history(
            "duplicate_pairs",
            change.pair_id,
            "undo",
            None,
            {"status": change.old_status, "links": {str(k): v for k, v in change.links.items()}},
            who,
        )


HAND_NOTE = json.dumps(["decided by the worker by hand; not proposed by the duplicate finder"])


def mark_decided(ws: Workspace, x: int, y: int, status: str, who: str | None = None) -> None:
    """A link made or taken apart by hand is the worker's decision on that pair, if it is one."""
    ws.conn.execute(
        "UPDATE duplicate_pairs SET status=?, decided_by=?, decided_at=?, automatic=0 "
        "WHERE id IN (SELECT id FROM duplicate_pairs WHERE b=? AND a=? "
        "UNION ALL SELECT id FROM duplicate_pairs WHERE b=? AND a=?) AND status != ?",
        (status, who or current_user(), now_iso(), x, y, y, x, status),
    )
    known = ws.conn.execute(
        "SELECT 1 FROM duplicate_pairs WHERE (a=? AND b=?) OR (a=? AND b=?)", (x, y, y, x)
    ).fetchone()
    if known is None:
        # A pair the matcher never proposed: the worker's decision is recorded all the same, so
        # that it holds when one side's import is undone and the file imported again.
        case_id = ws.conn.execute("SELECT case_id FROM entries WHERE id=?", (x,)).fetchone()[0]
        stamp = now_iso()
        ws.conn.execute(
            "INSERT INTO duplicate_pairs(case_id, a, b, note, status, automatic, decided_by, "
            "decided_at, created_at) VALUES (?,?,?,?,?,0,?,?,?)",
            (case_id, min(x, y), max(x, y), HAND_NOTE, status, who or current_user(),
             stamp, stamp),
        )  # fmt: skip


def pair_json(p: DuplicatePair) -> dict[str, object]:
    """A pair as the command line prints it."""
    return {
        "id": p.id,
        "a": p.a,
        "b": p.b,
        "reasons": p.reasons,
        "score": p.score,
        "status": p.status,
        "automatic": p.automatic,
        "decided_by": p.decided_by,
        "decided_at": p.decided_at,
    }
