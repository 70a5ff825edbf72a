"""Is the workspace as Throughline left it? The history chain, signed supervisions, risk reviews.

``verify`` reads the history chain row by row and recomputes every seal (0.3 s to 1.3 s for
100,000 rows on the development machine, depending on its load; see
``benchmarks/bench_integrity.py``). Opening a workspace checks the whole chain when it is short
and otherwise the rows after the last checkpoint, a point up to which a full check found
everything in order; ``workspace check`` always checks it all. Signed
supervision records and risk reviews are few, and are checked in full every time:

* a signed record's content must still give the seal written into the history when it was signed;
* every risk review must be the one the history recorded (a review slipped into the table, or
  one whose date was moved, would make an overdue risk look reviewed).
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import datetime

from chronology.history_chain import COLUMNS, GENESIS, row_seal
from chronology.seals import supervision_seal

# Up to this many history rows, opening a workspace checks the whole chain (about 25 ms on the
# development machine); a longer history is checked from its checkpoint.
FULL_ON_OPEN = 5_000
# Opening moves the checkpoint on when it has checked at least this many new rows.
CHECKPOINT_EVERY = 1_000
_NAMES = {
    "entries": "entry",
    "risks": "risk",
    "cases": "case",
    "people": "person",
    "children": "child",
    "quarantine": "quarantined row",
    "import_batches": "import",
    "supervision_records": "supervision record",
    "supervision_actions": "supervision action",
    "summary_versions": "summary version",
    "narrative": "narrative",
    "team_settings": "team settings",
}


@dataclass
class Problem:
    """One thing changed outside Throughline, naming the record it concerns."""

    record: str  # e.g. 'supervision record 3', 'history row 120 (entry 55)'
    detail: str

    def line(self) -> str:
        return f"{self.record}: {self.detail}"


@dataclass
class IntegrityReport:
    """What a check found."""

    problems: list[Problem] = field(default_factory=list)
    history_rows: int = 0
    checked_from: int = 0  # the history id after which the chain was checked
    full: bool = True
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line for a message: what was changed, or that all is in order."""
        if self.ok:
            scope = "all" if self.full else f"the {self.history_rows - self.checked_from} newest"
            return f"history in order ({scope} of {self.history_rows} rows checked)"
        first = self.problems[0].line()
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        return f"changed outside Throughline: {first}{more}"


def _when(at: str | None) -> str:
    try:
        return datetime.fromisoformat(str(at)).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return str(at)


def _row_name(row: tuple) -> str:
    rid, tbl, row_id, action, who, at = row[:6]
    thing = _NAMES.get(str(tbl), str(tbl))
    return f"history row {rid} ({action} of {thing} {row_id} by {who}, {_when(at)})"


def checkpoint(conn: sqlite3.Connection) -> tuple[int, str] | None:
    row = conn.execute("SELECT history_id, hash FROM history_checkpoint WHERE id=1").fetchone()
    return (int(row[0]), str(row[1])) if row else None


def verify(conn: sqlite3.Connection, *, full: bool = False) -> IntegrityReport:
    """Check the workspace; ``full`` checks the whole history chain, else as on opening."""
    started = time.perf_counter()
    report = IntegrityReport()
    # Row ids run on without gaps (a gap is itself reported), so the last id is the count.
    last_id = int(conn.execute("SELECT max(id) FROM history").fetchone()[0] or 0)
    report.history_rows = last_id
    point = None if full or last_id <= FULL_ON_OPEN else checkpoint(conn)
    _check_chain(conn, report, point, last_id)
    _check_supervision(conn, report)
    _check_reviews(conn, report)
    report.seconds = time.perf_counter() - started
    return report


def _check_chain(
    conn: sqlite3.Connection, report: IntegrityReport, point: tuple[int, str] | None, last_id: int
) -> None:
    start, prev = 0, GENESIS
    if point is not None:
        start, prev = point
        stored = conn.execute("SELECT hash FROM history WHERE id=?", (start,)).fetchone()
        if start > last_id or stored is None:
            report.problems.append(
                Problem(f"history rows up to {start}", "rows checked before are missing: deleted")
            )
            start, prev = 0, GENESIS
        elif stored[0] != prev:
            report.problems.append(
                Problem(f"history row {start}", "changed since it was last checked")
            )
    report.checked_from = start
    report.full = start == 0
    expected = start + 1
    cur = conn.execute(f"SELECT {COLUMNS}, hash FROM history WHERE id > ? ORDER BY id", (start,))
    while True:
        rows = cur.fetchmany(4096)
        if not rows:
            break
        for row in rows:
            rid = row[0]
            if rid != expected:
                span = f"{expected}" if rid == expected + 1 else f"{expected}–{rid - 1}"
                report.problems.append(
                    Problem(
                        f"history row{'s' if rid > expected + 1 else ''} {span}",
                        "missing: deleted outside Throughline",
                    )
                )
            seal = row[8]
            if seal is None:
                report.problems.append(
                    Problem(_row_name(row), "has no seal: written outside Throughline")
                )
            elif row_seal(prev, row[:8]) != seal:
                report.problems.append(
                    Problem(_row_name(row), "does not match its seal: changed outside Throughline")
                )
            prev = seal or prev
            expected = rid + 1


def _check_supervision(conn: sqlite3.Connection, report: IntegrityReport) -> None:
    signed_in_history: dict[int, dict] = {}
    for row_id, new in conn.execute(
        "SELECT row_id, new FROM history WHERE tbl='supervision_records' AND action='sign' "
        "ORDER BY id"
    ):
        try:
            signed_in_history[int(row_id)] = json.loads(new or "{}")
        except (ValueError, TypeError):
            signed_in_history[int(row_id)] = {}
    rows = conn.execute(
        "SELECT r.id, r.date, r.signed_at, r.signed_by, r.seal, c.ref FROM supervision_records r "
        "LEFT JOIN cases c ON c.id = r.case_id ORDER BY r.id"
    ).fetchall()
    present = set()
    for rid, date, signed_at, signed_by, seal, ref in rows:
        present.add(rid)
        name = f"supervision record {rid} (case {ref}, {_day(date)})"
        signed = signed_in_history.get(rid)
        if signed is None:
            if signed_at is not None:
                report.problems.append(
                    Problem(name, "shows as signed, but the history holds no signing of it")
                )
            continue
        if signed_at is None:
            report.problems.append(
                Problem(
                    name,
                    f"was signed by {signed.get('signed_by')} on "
                    f"{_when(signed.get('signed_at'))} but now shows as unsigned",
                )
            )
            continue
        if supervision_seal(conn, rid) != signed.get("seal") or seal != signed.get("seal"):
            report.problems.append(
                Problem(name, f"changed after {signed_by} signed it on {_when(signed_at)}")
            )
    for rid in sorted(set(signed_in_history) - present):
        report.problems.append(Problem(f"supervision record {rid}", "signed, then deleted"))


def _day(iso: str | None) -> str:
    try:
        return datetime.fromisoformat(str(iso)).strftime("%d/%m/%Y")
    except ValueError:
        return str(iso)


# The reviews as the history tells them: recorded, withdrawn (undo) and restored (redo).
_REVIEWS_RECORDED = (
    "SELECT action, json_extract(j, '$.id'), json_extract(j, '$.risk_id'), "
    "json_extract(j, '$.date'), json_extract(j, '$.by'), json_extract(j, '$.note') "
    "FROM (SELECT id AS h, action, CASE action WHEN 'review withdrawn' THEN old ELSE new END AS j "
    "FROM history WHERE tbl='risks' AND action IN ('review', 'review withdrawn', "
    "'review restored')) WHERE json_valid(j) ORDER BY h"
)


def _check_reviews(conn: sqlite3.Connection, report: IntegrityReport) -> None:
    """Each risk review is the one the history recorded (a review added, moved or deleted)."""
    recorded: dict[int, tuple] = {}
    for action, rid, *review in conn.execute(_REVIEWS_RECORDED):
        if not isinstance(rid, int):
            continue
        if action == "review withdrawn":
            recorded.pop(rid, None)
        else:
            recorded[rid] = tuple(review)
    seen = set()
    for rid, risk_id, date, by, note in conn.execute(
        "SELECT id, risk_id, date, by, note FROM risk_reviews ORDER BY id"
    ):
        seen.add(rid)
        kept = recorded.get(rid)
        if kept == (risk_id, date, by, note):
            continue
        name = f"risk review {rid} (risk {risk_id}, dated {_day(date)} by {by})"
        if kept is None:
            report.problems.append(
                Problem(name, "is not in the history: added outside Throughline")
            )
        else:
            report.problems.append(
                Problem(
                    name,
                    f"changed outside Throughline: the history records risk {kept[0]}, "
                    f"dated {_day(kept[1])} by {kept[2]}",
                )
            )
    for rid in sorted(set(recorded) - seen):
        report.problems.append(
            Problem(f"risk review {rid} (risk {recorded[rid][0]})", "deleted outside Throughline")
        )


def save_checkpoint(conn: sqlite3.Connection, at: str) -> None:
    """Remember the head of a chain just found in order, so opening need not check it again."""
    row = conn.execute("SELECT id, hash FROM history ORDER BY id DESC LIMIT 1").fetchone()
    if row is None or row[1] is None:
        return
    conn.execute(
        "INSERT INTO history_checkpoint(id, history_id, hash, at) VALUES (1, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET history_id=excluded.history_id, hash=excluded.hash, "
        "at=excluded.at",
        (row[0], row[1], at),
    )
