"""Proceedings periods suggested from the chronology: where they start, where they seem to end.

The walk, in date order over the entries that say something about proceedings
(see :mod:`chronology.proceedings_words`):

* a period **starts** at the first such entry while none is open (an application, a hearing);
* it **ends** at an entry recording a final order, no order, a dismissal, a withdrawal or the
  conclusion of the proceedings;
* when an entry reads like an end but also speaks of more to come, or a final hearing is recorded
  without its outcome, the end is **uncertain**: if no court entry follows, the period is
  suggested to end there, marked uncertain, for the worker to decide;
* when the chronology runs on for :data:`QUIET_DAYS` or more after a period's last court entry
  with nothing more from the court, the period is suggested to end at that entry, marked
  uncertain (the chronology does not say; the worker does); a silence *between* court entries
  does not split a period (chronologies record proceedings patchily), but a new application
  after one is pointed out;
* a court entry after an end starts a new period;
* when the chronology holds no court entries but the case record says there are private or
  public law proceedings, one period open throughout is suggested, from the case record.

Every suggestion carries its reason in words and a stable key (its first entry's source
identity), so a worker's decision on it survives re-import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chronology.models import Case, EntryType
from chronology.proceedings_words import FTS_CANDIDATES, Reading, Signal, law_of, read_entry
from chronology.workspace import Workspace

# A year of chronology with nothing from the court after a period's last court entry: its end is
# suggested there (uncertain). Family proceedings are listed far more often than yearly, so a
# shorter silence is taken as a pause, a longer one as proceedings that ended unrecorded. It
# never ends a period silently: the suggestion says "uncertain" and the worker confirms or edits.
QUIET_DAYS = 365
_DATED = ("datetime", "day", "week")
CASE_RECORD_KEY = "case-record"


@dataclass
class CourtEvent:
    """An entry that says something about proceedings, as the walk reads it."""

    entry_id: int
    date: dt.date
    key: str  # the entry's stable source identity
    text: str
    reading: Reading


@dataclass
class Suggestion:
    """A period the chronology suggests, with its reasons."""

    key: str
    type: str  # 'private' | 'public' | ''
    start: dt.date | None
    end: dt.date | None = None
    end_reason: str = ""
    end_uncertain: bool = False
    start_entry: int | None = None
    end_entry: int | None = None
    reasons: list[str] = field(default_factory=list)
    events: list[CourtEvent] = field(default_factory=list)

    @property
    def basis(self) -> str:
        return "; ".join(self.reasons)


def entry_key(entry_id: int, record_key: int | None) -> str:
    """An entry's identity that survives undo and re-import: its source record, else its id."""
    return f"record:{record_key}" if record_key is not None else f"entry:{entry_id}"


def court_events(ws: Workspace, case_ids: list[int]) -> dict[int, list[CourtEvent]]:
    """Each case's active, dated entries that say something about proceedings, in date order
    (two index lookups for all the cases at once)."""
    court = EntryType.COURT.value
    marks = ",".join("?" * len(case_ids)) or "NULL"
    rows = ws.conn.execute(
        "SELECT id, case_id, date, summary || ' ' || text, type, precision, record_key "
        f"FROM entries WHERE type=? AND status='active' AND case_id IN ({marks}) "
        "UNION ALL SELECT id, case_id, date, summary || ' ' || text, type, precision, record_key "
        "FROM entries WHERE id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?) "
        f"AND type != ? AND status='active' AND case_id IN ({marks})",
        (court, *case_ids, "{summary text} : (" + FTS_CANDIDATES + ")", court, *case_ids),
    ).fetchall()
    events: dict[int, list[CourtEvent]] = {c: [] for c in case_ids}
    for entry_id, case_id, date, text, type_, precision, record_key in rows:
        if precision not in _DATED:
            continue
        reading = read_entry(text, type_ == court)
        if reading.signal != Signal.NONE:
            events[case_id].append(
                CourtEvent(
                    entry_id,
                    dt.date.fromisoformat(date),
                    entry_key(entry_id, record_key),
                    text,
                    reading,
                )
            )
    for found in events.values():
        found.sort(key=lambda e: (e.date, e.entry_id))
    return events


def _uk(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def walk(events: list[CourtEvent], latest: dt.date | None, case_type: str = "") -> list[Suggestion]:
    """Suggested periods from court events in date order (pure; see the module's rule).

    ``latest``: the date of the chronology's latest entry, to see a silence after the last court
    entry. ``case_type``: the case record's 'private' / 'public', used when the words do not say.
    """
    periods: list[Suggestion] = []
    current: Suggestion | None = None
    maybe_end: CourtEvent | None = None

    def close(at: CourtEvent, reason: str, uncertain: bool, why: str) -> None:
        nonlocal current, maybe_end
        assert current is not None
        current.end, current.end_entry = at.date, at.entry_id
        current.end_reason, current.end_uncertain = reason, uncertain
        current.reasons.append(why)
        current = maybe_end = None

    for ev in events:
        signal = ev.reading.signal
        if current is not None and signal == Signal.START:
            last = current.events[-1]
            if (ev.date - last.date).days >= QUIET_DAYS:
                # Proceedings run long with gaps in what a chronology records: the period goes
                # on, but the worker is told where it may have been two.
                current.reasons.append(
                    f"a new application at entry {ev.entry_id} ({_uk(ev.date)}) after "
                    f"{(ev.date - last.date).days // 30} months with no court entry: check "
                    "whether these were separate proceedings"
                )
        if current is None:
            current = Suggestion(ev.key, "", ev.date, start_entry=ev.entry_id)
            current.reasons.append(
                f"starts at entry {ev.entry_id} ({_uk(ev.date)}): {ev.reading.why or 'court entry'}"
            )
            periods.append(current)
        current.events.append(ev)
        if signal == Signal.END:
            close(
                ev,
                ev.reading.reason,
                False,
                f"ends at entry {ev.entry_id} ({_uk(ev.date)}): {ev.reading.why}",
            )
        elif signal == Signal.UNCERTAIN_END:
            maybe_end = ev
        elif maybe_end is not None:
            maybe_end = None  # more came after what read like an end: it was not one
    if current is not None:
        last = current.events[-1]
        if maybe_end is not None:
            close(
                maybe_end,
                maybe_end.reading.reason,
                True,
                f"end uncertain at entry {maybe_end.entry_id} ({_uk(maybe_end.date)}): "
                f"{maybe_end.reading.why}; no court entry after it",
            )
        elif latest is not None and (latest - last.date).days >= QUIET_DAYS:
            close(
                last,
                "not recorded",
                True,
                f"end uncertain: the chronology runs on to {_uk(latest)} with no court entry "
                f"after entry {last.entry_id} ({_uk(last.date)})",
            )
        else:
            current.reasons.append("no end recorded: still open")
    for p in periods:
        p.type = law_of([e.text for e in p.events]) or (
            case_type if case_type in ("private", "public") else ""
        )
    if not periods and case_type in ("private", "public"):
        periods.append(
            Suggestion(
                CASE_RECORD_KEY,
                case_type,
                None,
                reasons=[
                    f"the case record says {case_type} law proceedings; the chronology holds "
                    "no court entry to date them"
                ],
            )
        )
    return periods


def suggest(ws: Workspace, cases: list[Case]) -> dict[int, list[Suggestion]]:
    """The periods each case's chronology suggests now."""
    ids = [c.id or 0 for c in cases]
    events = court_events(ws, ids)
    latest: dict[int, str] = {}
    for case_id in ids:
        # sort_key begins with the date: its index answers at once.
        row = ws.conn.execute(
            "SELECT max(sort_key) FROM entries WHERE case_id=? AND status='active'", (case_id,)
        ).fetchone()
        if row[0]:
            latest[case_id] = row[0][:10]
    return {
        c.id or 0: walk(
            events[c.id or 0],
            dt.date.fromisoformat(latest[c.id or 0]) if c.id in latest else None,
            c.proceedings,
        )
        for c in cases
    }
