"""What the checklist needs to know about each case, read in a few queries for many cases at once.

A team view audits every case of a workspace: each fact is read with one query over all the cases
(grouped by case) rather than one query per case, so 200 cases cost little more than one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from chronology.models import Case, Person
from chronology.workspace import Workspace
from summary.audit_model import AuditPeriod
from summary.audit_sources import possible_duplicates_by_case, proceedings_by_case
from summary.cadence import CadenceRule, rules_for
from summary.changes import last_change_id, version_change_id
from summary.dates import entry_when, parse_iso
from summary.proceedings import Proceedings
from summary.risks import _COLUMNS as RISK_COLUMNS
from summary.risks import Risk, RiskStatus
from summary.risks import _attach as attach_risks
from summary.risks import _from_row as risk_from_row
from summary.supervision import Action, SignedMark, last_signed, open_actions
from summary.team_settings import TeamSettings
from summary.tripwires import OTHER_SENSES, Tripwires, _quote_at, phrase_words, tripwires_for

_DAY_PRECISE = ("datetime", "day")


@dataclass
class EntryRef:
    """An entry named as evidence: its id, date as known, type, agency and summary."""

    id: int
    date: str
    type: str
    agency: str
    summary: str
    time: str | None = None
    precision: str = "day"
    approximate: bool = False
    date_end: str | None = None

    @property
    def when(self) -> str:
        return entry_when(self.date, self.time, self.precision, self.approximate)

    @property
    def label(self) -> str:
        return self.type if self.type != "other" else f"{self.agency or 'agency'} record"

    @property
    def seen(self) -> dt.date:
        """The last day the entry could have happened (a fuzzy date's end)."""
        return parse_iso(self.date_end or self.date)


@dataclass
class TripHit:
    """An entry (its duplicate cluster's first record) that matches a risk's trip-wires.

    The search index finds the matches; which phrase matched, and the words around it, are
    worked out only for the trips a checklist spells out (:func:`explain_hit`).
    """

    entry: EntryRef
    member: int  # the record of the cluster whose wording matched
    wires: Tripwires = field(repr=False)
    matched: str = ""
    quote: str = ""


def explain_hit(ws: Workspace, hit: TripHit) -> TripHit:
    """Fill in the phrase (or entry type) a trip matched and a quote around it."""
    if hit.matched:
        return hit
    if not hit.entry.summary:
        head = ws.conn.execute("SELECT summary FROM entries WHERE id=?", (hit.entry.id,)).fetchone()
        hit.entry.summary = head[0] if head else ""
    row = ws.conn.execute(
        "SELECT summary, text, type FROM entries WHERE id=?", (hit.member,)
    ).fetchone()
    if row is None:
        return hit
    for text in row[:2]:
        found = hit.wires.find(text or "")
        if found:
            hit.matched, hit.quote = found[0], _quote_at(text, found[1])
            return hit
    hit.matched = f"entry type: {row[2]}" if row[2] in hit.wires.types else "a trip-wire"
    return hit


@dataclass
class SummaryFacts:
    """The latest saved summary version (as of the period's end) and what came after it."""

    version_id: int | None = None
    generated_at: str = ""
    reviewed: list[tuple[str, str]] = field(default_factory=list)  # (by, at)
    last_import: tuple[str, str] | None = None  # (file, when)
    changed_after: bool = False  # a change to the case was recorded after the version


@dataclass
class AgencyFacts:
    agency: str
    last: str  # ISO date of its latest record
    last_id: int
    count: int


@dataclass
class CaseFacts:
    """Everything one case's checklist is computed from."""

    case: Case
    period: AuditPeriod
    since: SignedMark | None
    proceedings: Proceedings
    rules: list[CadenceRule]
    events: dict[str, list[tuple[dt.date, int]]]
    event_notes: dict[str, str]
    risks: list[Risk]
    trips: dict[int, list[TripHit]]
    summary: SummaryFacts
    quarantine: int
    possible_duplicates: list[int]
    missing_outcomes: list[EntryRef]
    agencies: list[AgencyFacts]
    latest_entry: str | None
    people: list[Person]
    protected_signals: list[tuple[EntryRef, str]]
    actions: list[Action]
    explain: Callable[[TripHit], TripHit] = field(repr=False, default=lambda hit: hit)


def _marks(ids: list[int]) -> str:
    return ",".join("?" * len(ids))


def resolve_periods(
    ws: Workspace,
    cases: list[Case],
    end: dt.date,
    start: dt.date | None,
    *,
    before_record_date: bool = False,
) -> tuple[dict[int, AuditPeriod], dict[int, SignedMark]]:
    """Each case's period: from ``start`` if given, else since its last signed supervision."""
    ids = [c.id or 0 for c in cases]
    signed = last_signed(ws, ids, end, strictly_before=before_record_date)
    periods: dict[int, AuditPeriod] = {}
    for case_id in ids:
        mark = signed.get(case_id)
        if start is not None:
            periods[case_id] = AuditPeriod(start, end, "the dates asked for")
        elif mark is not None:
            periods[case_id] = AuditPeriod(
                mark.date,
                end,
                f"since the supervision of {mark.date.strftime('%d/%m/%Y')} "
                f"(record {mark.record_id})",
                mark.record_id,
            )
        else:
            periods[case_id] = AuditPeriod(None, end, "no signed supervision yet: the whole case")
    return periods, signed


def load_facts(
    ws: Workspace,
    cases: list[Case],
    periods: dict[int, AuditPeriod],
    signed: dict[int, SignedMark],
    settings: TeamSettings,
    today: dt.date,
    *,
    before_record: int | None = None,
) -> list[CaseFacts]:
    """The facts of several cases, each over its own period (every period ends the same day).

    Saved summaries and imports are those of the workspace as it stands, unless the period ends
    before ``today``: then only those made by the period's end count.
    """
    if not cases:
        return []
    ids = [c.id or 0 for c in cases]
    end = max(p.end for p in periods.values())
    proceedings = proceedings_by_case(ws, cases)
    rules = {c.id or 0: rules_for(c, settings.cadence_defaults()) for c in cases}
    events, notes = _events(ws, ids, rules, end)
    risks = _risks(ws, ids, end)
    trips = _trips(ws, risks, periods, end)
    duplicates = possible_duplicates_by_case(ws, ids)
    quarantine = dict(
        ws.conn.execute(
            f"SELECT case_id, count(*) FROM quarantine WHERE status='waiting' "
            f"AND case_id IN ({_marks(ids)}) GROUP BY case_id",
            ids,
        ).fetchall()
    )
    outcomes = _missing_outcomes(
        ws, ids, periods, end - dt.timedelta(settings.int("outcome_grace_days"))
    )
    agencies, latest = _agencies(ws, ids, end)
    people = _people(ws, ids)
    signals = _protected_signals(ws, ids, end)
    actions = open_actions(ws, ids, end, before_record=before_record)
    out = []
    for case in cases:
        cid = case.id or 0
        out.append(
            CaseFacts(
                case=case,
                period=periods[cid],
                since=signed.get(cid),
                proceedings=proceedings[cid],
                rules=rules[cid],
                events=events.get(cid, {}),
                event_notes=notes.get(cid, {}),
                risks=risks.get(cid, []),
                trips=trips,
                summary=_summary_facts(ws, cid, None if end >= today else end),
                quarantine=quarantine.get(cid, 0),
                possible_duplicates=duplicates.get(cid, []),
                missing_outcomes=outcomes.get(cid, []),
                agencies=agencies.get(cid, []),
                latest_entry=latest.get(cid),
                people=people.get(cid, []),
                protected_signals=signals.get(cid, []),
                actions=actions.get(cid, []),
                explain=partial(explain_hit, ws),
            )
        )
    return out


# ---------------------------------------------------------------- cadence
def _events(
    ws: Workspace, ids: list[int], rules: dict[int, list[CadenceRule]], end: dt.date
) -> tuple[dict[int, dict[str, list[tuple[dt.date, int]]]], dict[int, dict[str, str]]]:
    """Per case and rule: the days an event happened, with the first entry recorded that day."""
    from summary.agencies import sector

    types = sorted({r.entry_type for rs in rules.values() for r in rs if r.days > 0})
    found: dict[tuple[int, str], list[tuple[str, int, str]]] = defaultdict(list)
    if types:
        for case_id, type_, date, entry_id, agency in ws.conn.execute(
            f"SELECT case_id, type, date, id, agency FROM entries "
            f"WHERE case_id IN ({_marks(ids)}) AND type IN ({_marks(types)}) "
            f"AND status='active' AND precision IN ('datetime', 'day') AND date <= ?",
            (*ids, *types, end.isoformat()),
        ):
            found[(case_id, type_)].append((date, entry_id, agency))
    signed_days: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for case_id, date, rid in ws.conn.execute(
        f"SELECT case_id, date, id FROM supervision_records WHERE signed_at IS NOT NULL "
        f"AND case_id IN ({_marks(ids)}) AND date <= ?",
        (*ids, end.isoformat()),
    ):
        signed_days[case_id].append((date, -rid))  # a record, not an entry: negative id
    events: dict[int, dict[str, list[tuple[dt.date, int]]]] = defaultdict(dict)
    notes: dict[int, dict[str, str]] = defaultdict(dict)
    for case_id, case_rules in rules.items():
        for rule in case_rules:
            rows = found.get((case_id, rule.entry_type), [])
            if rule.sector:
                kept = [r for r in rows if sector(r[2]) == rule.sector]
                if kept or not rows:
                    rows = kept
                else:
                    notes[case_id][rule.key] = (
                        f"no {rule.sector} agency recorded a {rule.label}: every agency's counted"
                    )
            days: dict[str, int] = {}
            pairs = [(d, i) for d, i, _ in rows]
            if rule.key == "supervision":
                pairs += signed_days.get(case_id, [])
            for date, entry_id in sorted(pairs, key=lambda p: (p[0], p[1] < 0, abs(p[1]))):
                days.setdefault(date, entry_id)
            events[case_id][rule.key] = [(parse_iso(d), i) for d, i in sorted(days.items())]
    return events, notes


# ---------------------------------------------------------------- risks
def _risks(ws: Workspace, ids: list[int], end: dt.date) -> dict[int, list[Risk]]:
    """Open risks recorded by ``end``, with only the reviews made by then."""
    rows = ws.conn.execute(
        f"SELECT {RISK_COLUMNS} FROM risks WHERE case_id IN ({_marks(ids)}) "
        "AND status != 'closed' ORDER BY id",
        ids,
    ).fetchall()
    risks = attach_risks(ws, [risk_from_row(r) for r in rows])
    out: dict[int, list[Risk]] = defaultdict(list)
    for r in risks:
        if r.identified_on and parse_iso(r.identified_on) > end:
            continue
        r.reviews = [v for v in r.reviews if parse_iso(v.date) <= end]
        out[r.case_id].append(r)
    return out


def trip_floor(risk: Risk, period: AuditPeriod) -> dt.date:
    """Trips before this day cannot matter: seen by the last review and before the period."""
    identified = parse_iso(risk.identified_on) if risk.identified_on else dt.date.min
    last = parse_iso(risk.last_review.date) if risk.last_review else identified
    earliest = min(last, period.start) if period.start else identified
    return max(identified, earliest)


def _trips(
    ws: Workspace,
    by_case: dict[int, list[Risk]],
    periods: dict[int, AuditPeriod],
    end: dt.date,
) -> dict[int, list[TripHit]]:
    """Per risk: the entries after its floor that match its trip-wires.

    Risks share trip-wires (a category's defaults), so each distinct set asks the search index
    once for the ids it matches; the candidate entries are then read once for all the sets.
    """
    groups: dict[tuple, list[Risk]] = defaultdict(list)
    wires_of: dict[tuple, Tripwires] = {}
    for case_risks in by_case.values():
        for r in case_risks:
            if r.status == RiskStatus.CLOSED:
                continue
            wires = tripwires_for(r)
            if not wires.empty:
                key = (wires.phrases, tuple(sorted(wires.types)))
                groups[key].append(r)
                wires_of[key] = wires
    if not groups:
        return {}
    floors = {r.id: trip_floor(r, periods[r.case_id]) for rs in groups.values() for r in rs}
    lowest = min(floors.values())
    case_ids = sorted({r.case_id for rs in groups.values() for r in rs})
    phrase_ids: dict[tuple, set[int]] = {}
    for key, wires in wires_of.items():
        if wires.phrases:
            query = "{summary text} : (" + wires.fts_query() + ")"
            phrase_ids[key] = {
                r[0]
                for r in ws.conn.execute(
                    "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?", (query,)
                )
            }
    types = sorted({t for w in wires_of.values() for t in w.types})
    rows, words = _candidate_rows(
        ws, case_ids, types, set().union(*phrase_ids.values()), lowest, end
    )
    out: dict[int, list[TripHit]] = {}
    for key, risks in groups.items():
        wires = wires_of[key]
        ids = phrase_ids.get(key, set())

        def trips(row: tuple, wires: Tripwires = wires, ids: set[int] = ids) -> bool:
            if row[8] in wires.types:
                return True
            if row[0] not in ids:
                return False
            # The index finds the words; whether they are meant in another sense ("hearing
            # aid") is read here, as in summary.tripwires; only when such an expression is
            # there at all does the full match run (it costs a thousand times more).
            summary, text = words.get(row[0], ("", ""))
            if not _may_be_other_sense(f"{summary} {text}"):
                return True
            return bool(wires.find(summary or "") or wires.find(text or ""))

        matched = [r for r in rows.values() if trips(r)]
        hits = _hits(ws, wires, matched)
        for r in risks:
            floor = floors[r.id]
            out[r.id or 0] = [h for h in hits.get(r.case_id, []) if h.entry.seen > floor]
    return out


_SEPARATORS = re.compile(r"[\W_]+")
_OTHER_SENSES = tuple(" " + " ".join(phrase_words(p)) for p in OTHER_SENSES)


def _may_be_other_sense(text: str) -> bool:
    """Could the text hold an expression of :data:`OTHER_SENSES` (a cheap look first)?"""
    plain = " " + _SEPARATORS.sub(" ", text.casefold())
    return any(other in plain for other in _OTHER_SENSES)


# What deciding a trip needs; the wording is read only for the trips a checklist spells out.
_TRIP_COLS = (
    "e.id, e.case_id, e.duplicate_of, e.date, e.time, e.precision, e.approximate, e.date_end, "
    "e.type, e.agency, ''"
)


def _candidate_rows(
    ws: Workspace,
    case_ids: list[int],
    types: list[str],
    ids: set[int],
    floor: dt.date,
    end: dt.date,
) -> tuple[dict[int, tuple], dict[int, tuple[str, str]]]:
    """Active entries of these cases after ``floor`` up to ``end``: of these types, or these ids
    (with the summary and text of the latter, to check what the search index found)."""
    where = (
        f"e.case_id IN ({_marks(case_ids)}) AND e.status='active' "
        "AND COALESCE(e.date_end, e.date) > ? AND e.date <= ?"
    )
    bounds = [*case_ids, floor.isoformat(), end.isoformat()]
    rows: dict[int, tuple] = {}
    words: dict[int, tuple[str, str]] = {}
    if types:
        for row in ws.conn.execute(
            f"SELECT {_TRIP_COLS} FROM entries e WHERE {where} AND e.type IN ({_marks(types)})",
            (*bounds, *types),
        ):
            rows[row[0]] = row
    if ids:
        for row in ws.conn.execute(
            f"SELECT {_TRIP_COLS}, e.summary, e.text FROM json_each(?) j CROSS JOIN entries e "
            f"ON e.id = j.value WHERE {where}",
            (json.dumps(sorted(ids)), *bounds),
        ):
            rows[row[0]] = row[:11]
            words[row[0]] = (row[11], row[12])
    return rows, words


def _hits(ws: Workspace, wires: Tripwires, rows: list[tuple]) -> dict[int, list[TripHit]]:
    """The matching rows as trips, each event once (named by its cluster's first record)."""
    roots: dict[int, tuple] = {r[0]: r for r in rows}
    needed = sorted({r[2] for r in rows if r[2] is not None} - set(roots))
    if needed:
        for row in ws.conn.execute(
            f"SELECT {_TRIP_COLS} FROM json_each(?) j CROSS JOIN entries e ON e.id = j.value "
            "WHERE e.status='active'",
            (json.dumps(needed),),
        ):
            roots[row[0]] = row
    found: dict[int, TripHit] = {}
    case_of: dict[int, int] = {}
    for row in rows:
        head = roots.get(row[2], row) if row[2] is not None else row
        if head[0] in found and row[0] != head[0]:
            continue
        found[head[0]] = TripHit(_ref(head), row[0], wires)
        case_of[head[0]] = head[1]
    out: dict[int, list[TripHit]] = defaultdict(list)
    for hit in sorted(found.values(), key=lambda h: (h.entry.date, h.entry.time or "", h.entry.id)):
        out[case_of[hit.entry.id]].append(hit)
    return out


def fts_matches() -> str:
    """A FROM item of the search index's matches for one query parameter, as ``f.rowid``."""
    return "(SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?) f"


def _ref(row: tuple) -> EntryRef:
    entry_id, _case, _dup, date, time, precision, approximate, date_end, type_, agency = row[:10]
    return EntryRef(
        entry_id, date, type_, agency, row[10], time, precision, bool(approximate), date_end
    )


# ---------------------------------------------------------------- records
def _missing_outcomes(
    ws: Workspace, ids: list[int], periods: dict[int, AuditPeriod], due_by: dt.date
) -> dict[int, list[EntryRef]]:
    """Significant and key events in the period, old enough to have one, with no outcome."""
    rows = ws.conn.execute(
        f"SELECT id, case_id, date, time, precision, approximate, date_end, type, agency, "
        f"summary, significance, duplicate_of, outcome FROM entries WHERE case_id IN "
        f"({_marks(ids)}) AND significance != 'routine' AND status='active' AND date <= ?",
        (*ids, due_by.isoformat()),
    ).fetchall()
    answered = {r[11] or r[0] for r in rows if r[12].strip()}
    out: dict[int, list[EntryRef]] = defaultdict(list)
    for r in rows:
        (eid, case_id, date, time, precision, approx, date_end, type_, agency, summary) = r[:10]
        if r[11] is not None or r[12].strip() or eid in answered:
            continue
        start = periods[case_id].start
        if start and parse_iso(date_end or date) < start:
            continue
        ref = EntryRef(eid, date, type_, agency, summary, time, precision, bool(approx), date_end)
        ref.type = f"{r[10]} {type_}"
        out[case_id].append(ref)
    return out


def _agencies(
    ws: Workspace, ids: list[int], end: dt.date
) -> tuple[dict[int, list[AgencyFacts]], dict[int, str]]:
    """Each agency's latest record and count by case, and each case's latest entry date."""
    out: dict[int, list[AgencyFacts]] = defaultdict(list)
    latest: dict[int, str] = {}
    # SQLite takes a bare column (the id) from the row that gave max(): the latest record.
    for case_id, agency, last, last_id, count in ws.conn.execute(
        f"SELECT case_id, agency, max(date), id, count(*) FROM entries WHERE case_id IN "
        f"({_marks(ids)}) AND status IN ('active', 'cancelled') AND date <= ? "
        "GROUP BY case_id, agency",
        (*ids, end.isoformat()),
    ):
        latest[case_id] = max(latest.get(case_id, ""), last)
        if agency:
            out[case_id].append(AgencyFacts(agency, last, int(last_id), count))
    return out, latest


def _people(ws: Workspace, ids: list[int]) -> dict[int, list[Person]]:
    out: dict[int, list[Person]] = defaultdict(list)
    for pid, case_id, name, role, address, phone, confidential in ws.conn.execute(
        f"SELECT id, case_id, name, role, address, phone, confidential FROM people "
        f"WHERE case_id IN ({_marks(ids)}) ORDER BY id",
        ids,
    ):
        out[case_id].append(Person(case_id, name, role, address, phone, bool(confidential), pid))
    return out


# Words that say an address is kept from someone (a refuge, a C8 form, a non-molestation order).
PROTECTED_PHRASES = (
    "refuge",
    "confidential address",
    "address is confidential",
    "address confidential",
    "address withheld",
    "withhold address",
    "withheld address",
    "do not disclose",
    "not to be disclosed",
    "must not be disclosed",
    "c8",
    "safe house",
    "safe address",
    "non molestation",
    "nonmolestation",
    "fled",
    "fleeing",
)
PROTECTED = Tripwires.build(PROTECTED_PHRASES, ())


def _protected_signals(
    ws: Workspace, ids: list[int], end: dt.date
) -> dict[int, list[tuple[EntryRef, str]]]:
    """Entries that say someone's address is protected (with the entry's text, to find who)."""
    out: dict[int, list[tuple[EntryRef, str]]] = defaultdict(list)
    for row in ws.conn.execute(
        "SELECT e.id, e.case_id, NULL, e.date, e.time, e.precision, e.approximate, e.date_end, "
        f"e.type, e.agency, e.summary, e.text FROM {fts_matches()} CROSS JOIN entries e "
        f"ON e.id = f.rowid WHERE e.case_id IN ({_marks(ids)}) AND e.status='active' "
        "AND e.date <= ?",
        ("{summary text} : (" + PROTECTED.fts_query() + ")", *ids, end.isoformat()),
    ):
        out[row[1]].append((_ref(row), f"{row[10]}\n{row[11]}"))
    return out


# ---------------------------------------------------------------- summary
def _summary_facts(ws: Workspace, case_id: int, end: dt.date | None) -> SummaryFacts:
    """The latest summary version, its reviews and the latest import (made by ``end``, if any)."""
    facts = SummaryFacts()
    upto = (end + dt.timedelta(days=1)).isoformat() if end else "9999"
    latest = ws.conn.execute(
        "SELECT id, generated_at FROM summary_versions WHERE case_id=? AND generated_at < ? "
        "ORDER BY id DESC LIMIT 1",
        (case_id, upto),
    ).fetchone()
    batch = ws.conn.execute(
        "SELECT file, created_at FROM import_batches WHERE case_id=? AND undone_at IS NULL "
        "AND created_at < ? ORDER BY id DESC LIMIT 1",
        (case_id, upto),
    ).fetchone()
    facts.last_import = (batch[0], batch[1]) if batch else None
    if latest is None:
        return facts
    facts.version_id, facts.generated_at = latest
    facts.reviewed = ws.conn.execute(
        "SELECT by, at FROM (SELECT by, at FROM summary_reviews WHERE version_id=:v UNION ALL "
        "SELECT signed_by, signed_at FROM supervision_records WHERE summary_version=:v "
        "AND signed_at IS NOT NULL) WHERE at < :upto ORDER BY at",
        {"v": latest[0], "upto": upto},
    ).fetchall()
    facts.changed_after = last_change_id(ws, case_id) > version_change_id(ws, latest[0])
    return facts
