"""Proceedings periods on the case: suggested from the chronology, confirmed or edited by a worker.

The API the summary, cadence, audit and court documents use:

* :func:`periods_for` — the case's periods now: every period the worker confirmed, added or
  edited, and the chronology's suggestions for the stretches the worker has not decided
  (``status == 'suggested'``; say so wherever they are shown), in date order;
* :func:`open_on` — the period open on a day, if any (never one that ended before it).

A suggestion is stored so that it has an id the worker can confirm, edit or reject; it is
refreshed from the chronology each time the periods are read (an import, an undo or an edit
changes what the chronology suggests). A suggestion is keyed on its first entry's source
identity, so a decision on it survives re-import. A worker's decision always wins: a suggestion
overlapping a confirmed period, or one the worker rejected, is not suggested again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace

from chronology.cases import get_case_by_id
from chronology.models import Case
from chronology.proceedings_suggest import Suggestion, suggest
from chronology.workspace import Workspace, current_user, now_iso

TYPES = ("private", "public")
SUGGESTED, CONFIRMED, REJECTED, SUPERSEDED = "suggested", "confirmed", "rejected", "superseded"
_COLUMNS = (
    "id, case_id, type, court, case_number, start_date, end_date, end_reason, end_uncertain, "
    "status, basis, suggestion_key, start_entry, end_entry, decided_by, decided_at"
)


class ProceedingsError(ValueError):
    """A period that does not exist, or a change it cannot take."""


@dataclass
class ProceedingsPeriod:
    """One stretch of court proceedings about the child."""

    case_id: int
    type: str = ""  # 'private' | 'public' | '' (not known)
    court: str = ""
    case_number: str = ""
    start: str | None = None  # ISO date; None: open before the chronology's first entry
    end: str | None = None  # ISO date; None: still open
    end_reason: str = ""  # 'final order', 'withdrawn', 'dismissed', 'no order', 'concluded'…
    end_uncertain: bool = False  # a suggested end the chronology does not make plain
    status: str = SUGGESTED  # suggested | confirmed | rejected
    basis: str = ""  # why it was suggested, in words
    suggestion_key: str = ""  # the suggestion it came from ('' when the worker added it)
    start_entry: int | None = None
    end_entry: int | None = None
    decided_by: str = ""
    decided_at: str = ""
    id: int | None = None

    @property
    def suggested(self) -> bool:
        return self.status == SUGGESTED

    @property
    def start_day(self) -> dt.date | None:
        return dt.date.fromisoformat(self.start) if self.start else None

    @property
    def end_day(self) -> dt.date | None:
        return dt.date.fromisoformat(self.end) if self.end else None

    @property
    def label(self) -> str:
        """'private law proceedings' / 'court proceedings'."""
        return f"{self.type} law proceedings" if self.type else "court proceedings"

    def is_open_on(self, day: dt.date) -> bool:
        """Open on ``day``: on or after its start and on or before its end."""
        start, end = self.start_day, self.end_day
        return (start is None or start <= day) and (end is None or day <= end)

    def overlap(self, a: dt.date, b: dt.date) -> int:
        """Days of [a, b) inside this period (never a day after its end)."""
        start, end = self.start_day, self.end_day
        lo = max(a, start) if start else a
        hi = min(b, end) if end else b
        return max(0, (hi - lo).days)

    def describe(self) -> str:
        """'private law proceedings 16/01/2023–19/11/2024 (final order; suggested)'."""
        start = _uk(self.start) if self.start else "before the first entry"
        if self.end:
            end = _uk(self.end)
        else:
            end = "still open"
        notes = [
            self.end_reason if self.end and self.end_reason else "",
            "end uncertain" if self.end_uncertain else "",
            "suggested" if self.suggested else "",
        ]
        note = "; ".join(n for n in notes if n)
        return f"{self.label} {start}–{end}" + (f" ({note})" if note else "")


def _uk(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")


def _row(r: tuple) -> ProceedingsPeriod:
    (id_, case_id, type_, court, number, start, end, reason, uncertain, status, basis, key) = r[:12]
    start_entry, end_entry, by, at = r[12:]
    return ProceedingsPeriod(
        case_id,
        type_,
        court,
        number,
        start,
        end,
        reason,
        bool(uncertain),
        status,
        basis,
        key,
        start_entry,
        end_entry,
        by,
        at,
        id_,
    )


def _stored(ws: Workspace, case_ids: list[int]) -> dict[int, list[ProceedingsPeriod]]:
    marks = ",".join("?" * len(case_ids)) or "NULL"
    rows = ws.conn.execute(
        f"SELECT {_COLUMNS} FROM proceedings_periods WHERE case_id IN ({marks}) AND status != ? "
        "ORDER BY id",
        (*case_ids, SUPERSEDED),
    ).fetchall()
    out: dict[int, list[ProceedingsPeriod]] = {c: [] for c in case_ids}
    for r in rows:
        out[r[1]].append(_row(r))
    return out


def get_period(ws: Workspace, period_id: int) -> ProceedingsPeriod:
    row = ws.conn.execute(
        f"SELECT {_COLUMNS} FROM proceedings_periods WHERE id=?", (period_id,)
    ).fetchone()
    if row is None:
        raise ProceedingsError(f"no proceedings period {period_id}")
    return _row(row)


def _span(p: ProceedingsPeriod | Suggestion) -> tuple[dt.date, dt.date]:
    if isinstance(p, Suggestion):
        start, end = p.start, p.end
    else:
        start, end = p.start_day, p.end_day
    return start or dt.date.min, end or dt.date.max


def _overlaps(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _from_suggestion(case_id: int, s: Suggestion) -> ProceedingsPeriod:
    return ProceedingsPeriod(
        case_id,
        s.type,
        start=s.start.isoformat() if s.start else None,
        end=s.end.isoformat() if s.end else None,
        end_reason=s.end_reason,
        end_uncertain=s.end_uncertain,
        status=SUGGESTED,
        basis=s.basis,
        suggestion_key=s.key,
        start_entry=s.start_entry,
        end_entry=s.end_entry,
    )


_SUGGESTED_FIELDS = (
    "type",
    "start",
    "end",
    "end_reason",
    "end_uncertain",
    "basis",
    "start_entry",
    "end_entry",
)


def refresh_suggestions(ws: Workspace, cases: list[Case]) -> dict[int, list[ProceedingsPeriod]]:
    """Bring the stored suggestions in line with the chronology; returns each case's periods.

    Writes only when something changed. A decided suggestion (confirmed or rejected) is never
    touched; a suggestion overlapping a confirmed period is dropped (the worker decided that
    stretch).
    """
    fresh_by_case = suggest(ws, cases)
    stored_by_case = _stored(ws, [c.id or 0 for c in cases])
    inserts: list[ProceedingsPeriod] = []
    updates: list[ProceedingsPeriod] = []
    gone: list[ProceedingsPeriod] = []
    for case in cases:
        case_id = case.id or 0
        stored = stored_by_case[case_id]
        decided = {p.suggestion_key for p in stored if p.status != SUGGESTED and p.suggestion_key}
        confirmed = [_span(p) for p in stored if p.status == CONFIRMED]
        waiting = {p.suggestion_key: p for p in stored if p.status == SUGGESTED}
        keep: set[str] = set()
        for s in fresh_by_case[case_id]:
            if s.key in decided or any(_overlaps(_span(s), c) for c in confirmed):
                continue
            new = _from_suggestion(case_id, s)
            old = waiting.get(s.key)
            if old is None:
                inserts.append(new)
            else:
                keep.add(s.key)
                if any(getattr(old, f) != getattr(new, f) for f in _SUGGESTED_FIELDS):
                    kept = {"id": old.id, "court": old.court, "case_number": old.case_number}
                    updates.append(replace(new, **kept))
        gone.extend(p for k, p in waiting.items() if k not in keep)
    if inserts or updates or gone:
        with ws.transaction() as c:
            for p in gone:
                c.execute("UPDATE proceedings_periods SET status=? WHERE id=?", (SUPERSEDED, p.id))
            for p in updates:
                _write(ws, p)
            for p in inserts:
                _insert(ws, p)
        stored_by_case = _stored(ws, [c.id or 0 for c in cases])
    return stored_by_case


def _values(p: ProceedingsPeriod) -> tuple:
    return (
        p.type,
        p.court,
        p.case_number,
        p.start,
        p.end,
        p.end_reason,
        int(p.end_uncertain),
        p.status,
        p.basis,
        p.suggestion_key,
        p.start_entry,
        p.end_entry,
        p.decided_by,
        p.decided_at,
    )


_SET = (
    "type=?, court=?, case_number=?, start_date=?, end_date=?, end_reason=?, end_uncertain=?, "
    "status=?, basis=?, suggestion_key=?, start_entry=?, end_entry=?, decided_by=?, decided_at=?"
)


def _write(ws: Workspace, p: ProceedingsPeriod) -> None:
    ws.conn.execute(f"UPDATE proceedings_periods SET {_SET} WHERE id=?", (*_values(p), p.id))


def _insert(ws: Workspace, p: ProceedingsPeriod) -> int:
    cur = ws.conn.execute(
        "INSERT INTO proceedings_periods(case_id, type, court, case_number, start_date, end_date, "
        "end_reason, end_uncertain, status, basis, suggestion_key, start_entry, end_entry, "
        "decided_by, decided_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (p.case_id, *_values(p), now_iso()),
    )
    p.id = int(cur.lastrowid or 0)
    return p.id


def periods_for(ws: Workspace, case_id: int) -> list[ProceedingsPeriod]:
    """The case's periods: confirmed ones, and suggestions where the worker has not decided.

    In date order (a period open before the chronology's first entry first). Rejected periods
    are left out.
    """
    return periods_for_cases(ws, [get_case_by_id(ws, case_id)])[case_id]


def periods_for_cases(ws: Workspace, cases: list[Case]) -> dict[int, list[ProceedingsPeriod]]:
    """:func:`periods_for` for many cases at once (the team audit reads them in bulk)."""
    out = {}
    for case_id, stored in refresh_suggestions(ws, cases).items():
        live = [p for p in stored if p.status in (SUGGESTED, CONFIRMED)]
        out[case_id] = sorted(live, key=lambda p: (p.start or "", p.id or 0))
    return out


def open_on(periods: list[ProceedingsPeriod], day: dt.date | str) -> ProceedingsPeriod | None:
    """The period open on ``day`` (a confirmed one before a suggestion), or None."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    found = [p for p in periods if p.status in (SUGGESTED, CONFIRMED) and p.is_open_on(day)]
    found.sort(key=lambda p: p.status != CONFIRMED)
    return found[0] if found else None


# ------------------------------------------------------------------ the worker's decisions
def _check(p: ProceedingsPeriod) -> None:
    if p.type not in (*TYPES, ""):
        raise ProceedingsError(f"the type of proceedings must be private or public, not {p.type!r}")
    for what, value in (("start", p.start), ("end", p.end)):
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ProceedingsError(
                    f"the {what} must be a real date written YYYY-MM-DD, not {value!r}"
                ) from None
    if p.start and p.end and p.end < p.start:
        raise ProceedingsError(f"the end ({_uk(p.end)}) is before the start ({_uk(p.start)})")


def _plain(p: ProceedingsPeriod) -> dict[str, object]:
    return {k: v for k, v in asdict(p).items() if k not in ("basis",)}


def add_period(
    ws: Workspace,
    case_id: int,
    type_: str,
    start: str | None,
    end: str | None = None,
    end_reason: str = "",
    court: str = "",
    case_number: str = "",
    who: str | None = None,
) -> ProceedingsPeriod:
    """Record a period the worker knows of (confirmed as it is entered)."""
    who = who or current_user()
    p = ProceedingsPeriod(
        case_id,
        type_,
        court.strip(),
        case_number.strip(),
        start or None,
        end or None,
        end_reason.strip(),
        status=CONFIRMED,
        basis="added by the worker",
        decided_by=who,
        decided_at=now_iso(),
    )
    _check(p)
    with ws.transaction():
        _insert(ws, p)
        ws.record_history("proceedings_periods", p.id or 0, "add", None, _plain(p), who)
    return p


EDITABLE = ("type", "court", "case_number", "start", "end", "end_reason")


def edit_period(
    ws: Workspace, period_id: int, who: str | None = None, **changes: object
) -> ProceedingsPeriod:
    """Change a period's details; an edited suggestion becomes the worker's (confirmed)."""
    bad = set(changes) - set(EDITABLE)
    if bad:
        raise ProceedingsError(f"these details of a period cannot be edited: {', '.join(bad)}")
    old = get_period(ws, period_id)
    if old.status == SUPERSEDED:
        raise ProceedingsError(
            f"period {period_id} is no longer suggested by the chronology; list the periods again"
        )
    who = who or current_user()
    new = replace(old, **changes)  # type: ignore[arg-type]
    new.start = new.start or None
    new.end = new.end or None
    if "end" in changes:
        new.end_uncertain = False
        if not new.end:
            new.end_reason = str(changes.get("end_reason") or "")
    new.status, new.decided_by, new.decided_at = CONFIRMED, who, now_iso()
    _check(new)
    with ws.transaction():
        _write(ws, new)
        ws.record_history("proceedings_periods", period_id, "edit", _plain(old), _plain(new), who)
    return new


def confirm_period(ws: Workspace, period_id: int, who: str | None = None) -> ProceedingsPeriod:
    """The worker confirms a suggested period as it stands (an uncertain end included)."""
    old = get_period(ws, period_id)
    if old.status == CONFIRMED:
        return old
    if old.status == SUPERSEDED:
        raise ProceedingsError(
            f"period {period_id} is no longer suggested by the chronology; list the periods again"
        )
    who = who or current_user()
    new = replace(old, status=CONFIRMED, end_uncertain=False, decided_by=who, decided_at=now_iso())
    with ws.transaction():
        _write(ws, new)
        ws.record_history(
            "proceedings_periods", period_id, "confirm", _plain(old), _plain(new), who
        )
    return new


def reject_period(
    ws: Workspace, period_id: int, reason: str = "", who: str | None = None
) -> ProceedingsPeriod:
    """The worker says a period is wrong: it is no longer used nor suggested again."""
    old = get_period(ws, period_id)
    who = who or current_user()
    new = replace(old, status=REJECTED, decided_by=who, decided_at=now_iso())
    with ws.transaction():
        _write(ws, new)
        ws.record_history(
            "proceedings_periods",
            period_id,
            "reject",
            _plain(old),
            {**_plain(new), "reason": reason},
            who,
        )
    return new


def restore_period(ws: Workspace, period: ProceedingsPeriod, who: str | None = None) -> None:
    """Put a period back as it was (the inverse of an edit, confirm or reject, for undo)."""
    current = get_period(ws, period.id or 0)
    with ws.transaction():
        _write(ws, period)
        ws.record_history(
            "proceedings_periods", period.id or 0, "restore", _plain(current), _plain(period), who
        )
