"""The one selection of events the court sees: the court chronology, the statement's references
to it and the case summary's key dates all come from ``court_selection``.

An event is in when it falls in the period and any record of it is:

* the evidence of a primary risk, or an entry that tripped one (DESIGN.md: always in);
* a hearing or order, a referral, a strategy discussion, a child protection conference or a
  Section 47 step (``must_show``: always in);
* significant or key — suggested with its reason, or set by the worker (a level nobody set, from
  an older import, counts only once suggested again or confirmed) — or flagged for court;
* a record of the child's voice the worker tagged (the statement refers to it);

unless the worker took it out with a reason (``exclude``; listed, and reversible). An event
recorded by several agencies is one event (its records linked as the same event), shown once.

The default period runs from the start of the proceedings (or the first entry when there are
none), or from the earliest evidence of a primary risk if that is earlier, to the latest entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronology.cases import get_case_by_id
from chronology.entries import ENTRY_COLUMNS, entry_from_row
from chronology.models import Case, Entry, EntryStatus, EntryType, Precision, Significance
from chronology.significance_rules import MUST_SHOW_REASONS, MUST_SHOW_TYPES
from chronology.workspace import Workspace, current_user, now_iso
from summary.risks import Risk, list_risks

if TYPE_CHECKING:
    from summary.proceedings import Proceedings


class SelectionError(ValueError):
    """A change to the selection that cannot be made (no such entry, no reason given)."""


@dataclass
class Period:
    """The dates a court chronology covers (ISO) and what fixed its start."""

    date_from: str | None
    date_to: str | None
    basis: str = ""  # 'the start of the proceedings', 'the first entry', 'given'...

    @property
    def default(self) -> bool:
        return self.basis != "given"

    def words(self) -> str:
        """'from 03/02/2023 to 29/01/2025'."""
        if self.date_from and self.date_to:
            return f"from {_uk(self.date_from)} to {_uk(self.date_to)}"
        if self.date_from:
            return f"from {_uk(self.date_from)}"
        if self.date_to:
            return f"up to {_uk(self.date_to)}"
        return "over the whole of the records"


@dataclass
class CourtEvent:
    """One event of the court chronology: its number, its records, why it is in."""

    number: int
    entry: Entry  # the record shown (the first recorded of the event)
    others: list[Entry]  # the same event's other records
    why: list[str]

    @property
    def ids(self) -> list[int]:
        return [e.id or 0 for e in (self.entry, *self.others)]


@dataclass
class Exclusion:
    """An entry the worker took out of the court documents, with the reason."""

    entry_id: int
    reason: str
    by: str
    at: str


@dataclass
class CourtSelection:
    """The events in order, the period, and what the worker took out."""

    period: Period
    events: list[CourtEvent]
    excluded: list[Exclusion] = field(default_factory=list)

    def number_of(self, entry_id: int) -> int | None:
        """The event number of an entry (any record of the event), or None."""
        for event in self.events:
            if entry_id in event.ids:
                return event.number
        return None

    def numbers(self, entry_ids: list[int]) -> list[int]:
        """The event numbers of these entries, in order, each once."""
        index = {i: ev.number for ev in self.events for i in ev.ids}
        return sorted({index[i] for i in entry_ids if i in index})


def _json(ids: list[int]) -> str:
    return "[" + ",".join(map(str, ids)) + "]"


def _uk(iso: str) -> str:
    return dt.date.fromisoformat(iso[:10]).strftime("%d/%m/%Y")


# ---------------------------------------------------------------- switchable inputs
def proceedings_start(
    ws: Workspace, case: Case, proceedings: Proceedings | None = None
) -> dt.date | None:
    """Where the proceedings began: the start of the case's first proceedings period."""
    from summary.proceedings import find_proceedings

    found = proceedings if proceedings is not None else find_proceedings(ws, case)
    starts = []
    for period in found.periods:
        day = getattr(period, "start_day", period.start)
        if isinstance(day, str):
            day = dt.date.fromisoformat(day[:10])
        if day is not None:
            starts.append(day)
    return min(starts) if starts else None


def event_root(entry: Entry) -> int:
    """The id naming the event an entry records (records linked as the same event share it)."""
    return entry.duplicate_of or entry.id or 0


def primary_risk_entries(ws: Workspace, risks: list[Risk], today: dt.date) -> dict[int, str]:
    """Entry id -> why, for the evidence of each open primary risk and what tripped it."""
    from summary.tripwires import risk_states

    primary = [r for r in risks if r.primary and r.is_open]
    out: dict[int, str] = {}
    for risk in primary:
        for entry_id in risk.evidence:
            out.setdefault(entry_id, f"evidence of the primary risk '{risk.title}'")
    internal = {
        r[0]
        for r in ws.conn.execute(
            "SELECT id FROM entries WHERE case_id=? AND type=?",
            (primary[0].case_id if primary else 0, EntryType.SUPERVISION.value),
        )
    }
    for risk_id, state in risk_states(ws, primary, today).items():
        title = next(r.title for r in primary if r.id == risk_id)
        for entry_id in state.tripped_by:
            if entry_id not in internal:  # a supervision record is the team's, not evidence
                out.setdefault(entry_id, f"tripped the primary risk '{title}'")
    return out


# ---------------------------------------------------------------- the selection
def default_period(
    ws: Workspace,
    case: Case,
    earliest_evidence: str | None = None,
    proceedings: Proceedings | None = None,
) -> Period:
    """From the start of the proceedings (or the first entry) to the latest entry."""
    # Through the (case, sort_key) index: the first and the latest entry, not a scan of them all.
    ends = [
        ws.conn.execute(
            "SELECT date, coalesce(date_end, date) FROM entries WHERE case_id=? "
            f"AND status IN ('active', 'cancelled') ORDER BY sort_key {order}, id {order} LIMIT 1",
            (case.id,),
        ).fetchone()
        for order in ("ASC", "DESC")
    ]
    if ends[0] is None or ends[1] is None:
        return Period(None, None, "no entries")
    first, last = ends[0][0], ends[1][1]
    start = proceedings_start(ws, case, proceedings)
    if start is not None:
        date_from, basis = start.isoformat(), "the start of the proceedings"
    else:
        date_from, basis = first, "the first entry"
    if earliest_evidence and earliest_evidence < date_from:
        date_from, basis = earliest_evidence, "the first record of a primary risk"
    return Period(date_from, last[:10], basis)


def court_selection(
    ws: Workspace,
    case_id: int,
    date_from: str | None = None,
    date_to: str | None = None,
    today: dt.date | None = None,
    pinned: dict[int, str] | None = None,
    proceedings: Proceedings | None = None,
    light: bool = False,
) -> CourtSelection:
    """The events the court sees, numbered, in the order they happened.

    ``pinned`` (entry id -> why) and ``proceedings``: when the caller has them already;
    ``light``: the entries without their notes (the summary's key events need no more).
    """
    case = get_case_by_id(ws, case_id)
    today = today or dt.date.today()
    if pinned is None:
        pinned = primary_risk_entries(ws, list_risks(ws, case_id), today)
    evidence_dates = _dates(ws, list(pinned))
    if date_from or date_to:
        period = Period(date_from, date_to, "given")
    else:
        earliest = min(evidence_dates.values(), default=None)
        period = default_period(ws, case, earliest, proceedings)
    excluded = list_exclusions(ws, case_id)
    out_ids = {x.entry_id for x in excluded}
    rows = _candidates(ws, case_id, period, list(pinned), light)
    chosen: dict[int, list[str]] = {}
    for e in rows:
        why = _why(e, pinned)
        if why and (e.id or 0) not in out_ids:
            chosen[e.id or 0] = why
    events = _group(ws, case_id, rows, chosen, out_ids, light)
    return CourtSelection(period, events, excluded)


def _dates(ws: Workspace, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(
        ws.conn.execute(
            "SELECT id, date FROM entries WHERE id IN (SELECT value FROM json_each(?)) "
            "AND status='active'",
            (_json(ids),),
        ).fetchall()
    )


# What the selection itself reads of an entry: the light columns (no note text), for the summary.
_LIGHT = (
    "id, case_id, date, time, date_end, precision, approximate, agency, type, summary, "
    "significance, in_court, status, duplicate_of, batch_id, utc_offset, significance_status, "
    "significance_reason, child_voice"
)


def _light(row: tuple) -> Entry:
    (id_, case_id, date, time, end, precision, approx, agency, type_, summary, level, in_court,
     status, dup, batch, offset, sig_status, reason, voice) = row  # fmt: skip
    return Entry(
        case_id=case_id,
        date=date,
        precision=Precision(precision),
        summary=summary,
        time=time,
        date_end=end,
        approximate=bool(approx),
        agency=agency,
        type=_TYPES.get(type_, EntryType.OTHER),
        significance=Significance(level),
        in_court=bool(in_court),
        status=EntryStatus(status),
        duplicate_of=dup,
        batch_id=batch,
        utc_offset=offset,
        significance_status=sig_status,
        significance_reason=reason,
        child_voice=bool(voice),
        id=id_,
    )


_TYPES = {t.value: t for t in EntryType}


def _reader(light: bool) -> tuple[str, Callable[[tuple], Entry]]:
    return (_LIGHT, _light) if light else (ENTRY_COLUMNS, entry_from_row)


def _candidates(
    ws: Workspace, case_id: int, period: Period, pinned: list[int], light: bool = False
) -> list[Entry]:
    """Entries that may be for the court, found through indexes (a 100,000-entry case is never
    scanned whole): significant or key, of a type always shown, flagged, with a reason that says
    always shown, or pinned by a primary risk; in the period."""
    args: dict[str, object] = {"case": case_id, "pinned": _json(pinned)}
    types = sorted(t.value for t in MUST_SHOW_TYPES)
    args.update({f"t{i}": t for i, t in enumerate(types)})
    args.update({f"r{i}": f"%{r}%" for i, r in enumerate(MUST_SHOW_REASONS)})
    type_list = ",".join(f":t{i}" for i in range(len(types)))
    reasons = " OR ".join(f"significance_reason LIKE :r{i}" for i in range(len(MUST_SHOW_REASONS)))
    ids = (
        "SELECT id FROM entries WHERE case_id=:case AND significance != 'routine' "
        "AND significance IN ('significant', 'key') "
        f"UNION SELECT id FROM entries WHERE case_id=:case AND type IN ({type_list}) "
        "UNION SELECT id FROM entries WHERE case_id=:case AND (in_court = 1 OR child_voice = 1) "
        "UNION SELECT id FROM entries WHERE case_id=:case AND significance_reason != '' "
        f"AND ({reasons}) UNION SELECT value FROM json_each(:pinned)"
    )
    clauses = ["e.case_id = :case", "e.status IN ('active', 'cancelled')"]
    if period.date_from:
        clauses.append("COALESCE(e.date_end, e.date) >= :date_from")
        args["date_from"] = period.date_from
    if period.date_to:
        clauses.append("e.sort_key < :date_to")
        args["date_to"] = period.date_to + "U"
    columns, make = _reader(light)
    sql = (
        f"SELECT {columns} FROM entries e WHERE e.id IN ({ids}) AND {' AND '.join(clauses)} "
        "ORDER BY e.sort_key, e.id"
    )
    return [make(r) for r in ws.conn.execute(sql, args)]


def _why(e: Entry, pinned: dict[int, str]) -> list[str]:
    """Why an entry is in the court chronology (empty: it is not)."""
    why = []
    if (e.id or 0) in pinned:
        why.append(pinned[e.id or 0])
    if e.status == EntryStatus.CANCELLED and not e.in_court and not why:
        return []  # a cancelled event is in only when the worker or a risk says so
    if e.type in MUST_SHOW_TYPES or any(r in e.significance_reason for r in MUST_SHOW_REASONS):
        why.append(f"always shown: {e.type.value}")
    if e.in_court:
        why.append("flagged for court by the worker")
    if e.child_voice:
        why.append("the child's voice")
    # A level counts when someone set it (confirmed) or the rules gave their reason; one nobody
    # set (an older import's default) selects nothing until suggested again or confirmed.
    if e.significance != Significance.ROUTINE and (
        e.significance_status == "confirmed" or e.significance_reason
    ):
        how = "confirmed" if e.significance_status == "confirmed" else "suggested"
        reason = f": {e.significance_reason}" if e.significance_reason else ""
        why.append(f"{e.significance.value} ({how}){reason}")
    return why


def _group(
    ws: Workspace,
    case_id: int,
    rows: list[Entry],
    chosen: dict[int, list[str]],
    out: set[int],
    light: bool = False,
) -> list[CourtEvent]:
    """Each chosen event once, with its other records, numbered in the order of the moment."""
    roots: dict[int, list[str]] = {}
    for e in rows:
        if (e.id or 0) in chosen:
            roots.setdefault(event_root(e), []).extend(chosen[e.id or 0])
    roots = {r: w for r, w in roots.items() if r not in out}
    if not roots:
        return []
    loaded = {e.id or 0: e for e in rows}
    wanted = [
        r[0]
        for r in ws.conn.execute(
            "SELECT value FROM json_each(?1) UNION SELECT id FROM entries "
            "WHERE duplicate_of IN (SELECT value FROM json_each(?1))",
            (_json(list(roots)),),
        )
    ]
    missing = [i for i in wanted if i not in loaded]
    columns, make = _reader(light)
    for i in range(0, len(missing), 20_000):
        for r in ws.conn.execute(
            f"SELECT {columns} FROM entries WHERE id IN (SELECT value FROM json_each(?))",
            (_json(missing[i : i + 20_000]),),
        ):
            entry = make(r)
            loaded[entry.id or 0] = entry
    by_root: dict[int, list[Entry]] = {}
    for entry_id in wanted:
        e = loaded.get(entry_id)
        if e is None or e.case_id != case_id or e.status.value in ("undone", "withdrawn"):
            continue
        by_root.setdefault(event_root(e), []).append(e)
    events = []
    for root, records in by_root.items():
        records.sort(key=lambda x: (x.id != root, x.id or 0))
        shown = next((x for x in records if x.status == EntryStatus.ACTIVE), records[0])
        others = [x for x in records if x is not shown]
        events.append((shown, others, list(dict.fromkeys(roots.get(root, [])))))
    events.sort(key=lambda ev: (_order(ev[0]), ev[0].id or 0))
    return [CourtEvent(n, e, o, w) for n, (e, o, w) in enumerate(events, start=1)]


def _order(e: Entry) -> str:
    from chronology.importers.writer import sort_key
    from chronology.moment import repeated_hour

    second = e.utc_offset == 0 and e.date[5:7] == "10" and repeated_hour(e.date, e.time)
    return sort_key(e.date, e.time, second)


# ---------------------------------------------------------------- the worker's choices
def list_exclusions(ws: Workspace, case_id: int) -> list[Exclusion]:
    """The entries the worker took out of the court documents, with their reasons."""
    return [
        Exclusion(*r)
        for r in ws.conn.execute(
            "SELECT entry_id, reason, by, at FROM court_exclusions WHERE case_id=? ORDER BY id",
            (case_id,),
        )
    ]


def exclude(
    ws: Workspace, case_id: int, entry_id: int, reason: str, who: str | None = None
) -> Exclusion:
    """Take an entry out of the court documents; a reason is required and kept."""
    if not reason.strip():
        raise SelectionError("taking an entry out of the court chronology needs a reason")
    _check_entry(ws, case_id, entry_id)
    who, stamp = who or current_user(), now_iso()
    with ws.transaction() as c:
        c.execute(
            "INSERT INTO court_exclusions(case_id, entry_id, reason, by, at) VALUES (?,?,?,?,?) "
            "ON CONFLICT(case_id, entry_id) DO UPDATE SET reason=excluded.reason, "
            "by=excluded.by, at=excluded.at",
            (case_id, entry_id, reason.strip(), who, stamp),
        )
        ws.record_history(
            "entries", entry_id, "court exclude", None, {"reason": reason.strip()}, who
        )
    return Exclusion(entry_id, reason.strip(), who, stamp)


def restore(ws: Workspace, case_id: int, entry_id: int, who: str | None = None) -> bool:
    """Put an entry the worker took out back in (if the selection wants it)."""
    _check_entry(ws, case_id, entry_id)
    with ws.transaction() as c:
        row = c.execute(
            "SELECT reason FROM court_exclusions WHERE case_id=? AND entry_id=?",
            (case_id, entry_id),
        ).fetchone()
        if row is None:
            return False
        c.execute(
            "DELETE FROM court_exclusions WHERE case_id=? AND entry_id=?", (case_id, entry_id)
        )
        ws.record_history("entries", entry_id, "court restore", {"reason": row[0]}, None, who)
    return True


def bundle_pages(ws: Workspace, case_id: int) -> dict[int, str]:
    """Entry id -> the page of the court bundle where its record is (as the worker entered)."""
    return dict(
        ws.conn.execute("SELECT entry_id, page FROM bundle_pages WHERE case_id=?", (case_id,))
    )


def set_bundle_page(
    ws: Workspace, case_id: int, entry_id: int, page: str, who: str | None = None
) -> None:
    """Record (or, with an empty page, clear) where an event's record is in the court bundle."""
    _check_entry(ws, case_id, entry_id)
    page = " ".join(page.split())
    old = bundle_pages(ws, case_id).get(entry_id)
    with ws.transaction() as c:
        if page:
            c.execute(
                "INSERT INTO bundle_pages(case_id, entry_id, page) VALUES (?,?,?) "
                "ON CONFLICT(case_id, entry_id) DO UPDATE SET page=excluded.page",
                (case_id, entry_id, page[:40]),
            )
        else:
            c.execute(
                "DELETE FROM bundle_pages WHERE case_id=? AND entry_id=?", (case_id, entry_id)
            )
        ws.record_history("entries", entry_id, "bundle page", {"page": old}, {"page": page}, who)


def _check_entry(ws: Workspace, case_id: int, entry_id: int) -> None:
    row = ws.conn.execute(
        "SELECT case_id FROM entries WHERE id=? AND status != 'undone'", (entry_id,)
    ).fetchone()
    if row is None or row[0] != case_id:
        raise SelectionError(f"no entry {entry_id} in this case")


__all__ = [
    "bundle_pages",
    "set_bundle_page",
    "CourtEvent",
    "CourtSelection",
    "Exclusion",
    "Period",
    "SelectionError",
    "court_selection",
    "default_period",
    "event_root",
    "exclude",
    "list_exclusions",
    "restore",
]
