"""When court proceedings were open, worked out from the chronology (pragmatically).

The rule, in order of the chronology:

* proceedings **open** at the first entry that is a court hearing or order, or that records an
  application being made (a C100/C110A, "applied for a child arrangements order", "care
  proceedings issued"…), when none are open already;
* they **close** at an entry recording the final order ("final order", "final hearing … order
  made", "proceedings concluded", "application withdrawn"); a later court entry opens a new
  period;
* a period with no final order is still open;
* when the chronology holds no court entries but the case record says proceedings are private or
  public, they are taken as open throughout.

Whether they were private or public law comes from the case record, else from the words of the
court entries (a child arrangements order is private law; a care or supervision order public).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from chronology.models import Case, EntryType
from chronology.workspace import Workspace
from summary.dates import parse_iso, uk

_APPLICATION = re.compile(
    r"\b(?:C100|C110A?)\b"
    r"|\b(?:appl(?:y|ies|ied)|made an application|application (?:was |has been )?(?:made|filed"
    r"|issued|lodged))\b[^.\n]{0,80}?\border\b"
    r"|\b(?:issued|issues) (?:care |public law )?proceedings\b|\bproceedings (?:were |have been )?"
    r"issued\b",
    re.IGNORECASE,
)
_FINAL = re.compile(
    r"\bfinal (?:child arrangements |care |supervision |placement )?order\b"
    r"|\bfinal hearing\b.{0,160}?\border(?:s)? (?:was |were )?(?:made|granted)\b"
    r"|\bproceedings (?:have |were )?(?:concluded|ended)\b"
    r"|\bapplication (?:was |has been )?withdrawn\b|\bwithdr(?:ew|awn) (?:the|his|her|their) "
    r"application\b",
    re.IGNORECASE | re.DOTALL,
)
_PRIVATE = re.compile(
    r"child arrangements|\bC100\b|section 8\b|prohibited steps|specific issue|private law",
    re.IGNORECASE,
)
_PUBLIC = re.compile(
    r"care order|care proceedings|interim care|section 31\b|supervision order|\bC110A?\b"
    r"|placement order|emergency protection|public law",
    re.IGNORECASE,
)
# Words that find candidate entries in the search index before the expressions above decide.
_FTS_CANDIDATES = (
    'C100 OR C110 OR C110A OR "final order" OR "final hearing" OR "proceedings concluded" '
    "OR withdrawn OR (applied AND order) OR (applies AND order) OR (application AND order) "
    "OR (issued AND proceedings)"
)


_DATED = ("datetime", "day", "week")
# How many court entries are read to tell private from public law when the first say nothing.
KIND_SAMPLE = 50


@dataclass
class CourtEvent:
    """An entry that opens or closes proceedings."""

    entry_id: int
    date: dt.date
    text: str
    is_court: bool  # the entry's type is 'court hearing or order'


@dataclass
class Period:
    """One stretch of proceedings; ``end`` None while still open."""

    start: dt.date | None  # None: open before the chronology's first entry (case record only)
    end: dt.date | None
    start_entry: int | None = None
    end_entry: int | None = None

    def overlap(self, a: dt.date, b: dt.date) -> int:
        """Days of [a, b] that fall inside this period."""
        lo = max(a, self.start) if self.start else a
        hi = min(b, self.end) if self.end else b
        return max(0, (hi - lo).days)


@dataclass
class Proceedings:
    """The case's proceedings: their kind and the periods they were open."""

    kind: str = ""  # 'private law' | 'public law' | ''
    periods: list[Period] = field(default_factory=list)
    basis: str = ""

    @property
    def label(self) -> str:
        return f"{self.kind} proceedings" if self.kind else "court proceedings"

    @property
    def open_now(self) -> bool:
        return bool(self.periods) and self.periods[-1].end is None

    def overlap(self, a: dt.date, b: dt.date) -> int:
        """Days of [a, b] during which proceedings were open."""
        return sum(p.overlap(a, b) for p in self.periods)

    def describe(self) -> str:
        """'private law proceedings open 16/01/2023–19/11/2024' (or 'none found')."""
        if not self.periods:
            return "no proceedings found in the chronology"
        spans = [
            f"{uk(p.start) if p.start else 'before the first entry'}–"
            f"{uk(p.end) if p.end else 'still open'}"
            for p in self.periods
        ]
        return f"{self.label}: {', '.join(spans)}"


def proceedings_from(events: list[CourtEvent], case_proceedings: str = "none") -> Proceedings:
    """Work out the periods from court events in any order (pure; see the module's rule)."""
    periods: list[Period] = []
    current: Period | None = None
    events = sorted(events, key=lambda e: (e.date, e.entry_id))
    for ev in events:
        final = bool(_FINAL.search(ev.text))
        starts = ev.is_court or bool(_APPLICATION.search(ev.text))
        if final and ev.is_court or final and current is not None:
            if current is None:
                current = Period(ev.date, None, ev.entry_id)
                periods.append(current)
            current.end, current.end_entry = ev.date, ev.entry_id
            current = None
        elif starts and current is None:
            current = Period(ev.date, None, ev.entry_id)
            periods.append(current)
    basis = "court entries in the chronology" if periods else ""
    if not periods and case_proceedings in ("private", "public"):
        periods.append(Period(None, None))
        basis = "the case record (no court entries in the chronology)"
    kind = f"{case_proceedings} law" if case_proceedings in ("private", "public") else ""
    if not kind and periods:
        kind = _kind(events, periods)
    return Proceedings(kind, periods, basis)


def _kind(events: list[CourtEvent], periods: list[Period]) -> str:
    """Private or public law, from the entries that open and close the periods (then others)."""
    marks = {p.start_entry for p in periods} | {p.end_entry for p in periods}
    ordered = [e for e in events if e.entry_id in marks] + [
        e for e in events if e.entry_id not in marks
    ]
    for batch in (ordered[: len(marks)], ordered[:KIND_SAMPLE]):
        words = " ".join(e.text for e in batch)
        private, public = len(_PRIVATE.findall(words)), len(_PUBLIC.findall(words))
        if private != public:
            return "private law" if private > public else "public law"
    return ""


def find_proceedings(ws: Workspace, case: Case) -> Proceedings:
    """The case's proceedings from its active entries and its record."""
    court = EntryType.COURT.value
    # Court entries through the type index, other candidates through the search index.
    rows = ws.conn.execute(
        "SELECT id, date, summary || ' ' || text, type, precision FROM entries "
        "WHERE case_id=? AND type=? AND status='active' "
        "UNION ALL SELECT id, date, summary || ' ' || text, type, precision FROM entries "
        "WHERE id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?) "
        "AND case_id=? AND type != ? AND status='active'",
        (case.id, court, "{summary text} : (" + _FTS_CANDIDATES + ")", case.id, court),
    ).fetchall()
    rows = [r for r in rows if r[4] in _DATED]
    events = [
        CourtEvent(r[0], parse_iso(r[1]), r[2], r[3] == EntryType.COURT.value)
        for r in rows
        if r[3] == EntryType.COURT.value or _APPLICATION.search(r[2]) or _FINAL.search(r[2])
    ]
    return proceedings_from(events, case.proceedings)
