"""The risk register: risks, their reviews, trip-wires and evidence, with every change in history.

A risk is pinned to the top of the summary while it is *primary*; it leaves the top only by a
recorded decision with a reason (:func:`set_primary` to unpin, :func:`close_risk` to close).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from chronology.models import EntryType
from chronology.workspace import Workspace, current_user, now_iso
from summary.dates import parse_iso


class Urgency(StrEnum):
    URGENT = "urgent"
    IMPORTANT = "important"  # important but not urgent


class RiskStatus(StrEnum):
    ACTIVE = "active"
    MONITORING = "monitoring"
    CLOSED = "closed"


# Default review intervals, in days: the one place they are set. A risk may set its own.
REVIEW_DAYS: dict[Urgency, int] = {Urgency.URGENT: 14, Urgency.IMPORTANT: 56}
URGENCY_LABELS = {Urgency.URGENT: "urgent", Urgency.IMPORTANT: "important but not urgent"}
CATEGORIES = (
    "conditional threat",
    "domestic abuse",
    "parental mental health",
    "neglect",
    "developmental needs",
)
EDITABLE = {
    "title",
    "if_text",
    "then_text",
    "category",
    "to_whom",
    "from_whom",
    "urgency",
    "review_days",
    "status",
    "identified_on",
}
_WORD = re.compile(r"[^\W_]")
_TYPES = {t.value for t in EntryType}


class RiskError(ValueError):
    """A risk that does not exist, or a change it cannot take (e.g. unpinning with no reason)."""


@dataclass
class Review:
    """One review of a risk: when it happened, who did it, and what they concluded."""

    risk_id: int
    date: str  # ISO date of the review
    by: str
    note: str = ""
    at: str = ""  # when it was recorded
    id: int | None = None


@dataclass
class Risk:
    """A risk to the child: 'IF … THEN …', urgency, review interval and trip-wires."""

    case_id: int
    title: str
    if_text: str = ""
    then_text: str = ""
    category: str = ""
    to_whom: str = ""
    from_whom: str = ""
    urgency: Urgency = Urgency.IMPORTANT
    status: RiskStatus = RiskStatus.ACTIVE
    status_reason: str = ""
    primary: bool = False
    review_days: int | None = None  # None: the urgency's default (REVIEW_DAYS)
    identified_on: str = ""  # ISO date the risk was recorded; the review clock starts here
    phrases: list[str] = field(default_factory=list)  # the risk's own trip-wire phrases
    entry_types: list[str] = field(default_factory=list)  # the risk's own trip-wire entry types
    reviews: list[Review] = field(default_factory=list)  # oldest first (by date)
    evidence: list[int] = field(default_factory=list)  # linked entry ids
    created_at: str = ""
    updated_at: str = ""
    id: int | None = None

    @property
    def interval(self) -> int:
        """Days between reviews."""
        return self.review_days or REVIEW_DAYS[self.urgency]

    @property
    def statement(self) -> str:
        """The conditional statement, 'IF … THEN …' (or the title when there is none)."""
        if self.if_text and self.then_text:
            return f"IF {self.if_text} THEN {self.then_text}"
        if self.if_text or self.then_text:
            return f"IF {self.if_text or '…'} THEN {self.then_text or '…'}"
        return self.title

    @property
    def last_review(self) -> Review | None:
        return self.reviews[-1] if self.reviews else None

    @property
    def has_own_triggers(self) -> bool:
        """True when the worker chose the trip-wires (the category's defaults then do not apply)."""
        return bool(self.phrases or self.entry_types)

    @property
    def is_open(self) -> bool:
        return self.status != RiskStatus.CLOSED


# ---------------------------------------------------------------- reading
_COLUMNS = (
    "id, case_id, title, if_text, then_text, category, to_whom, from_whom, urgency, status, "
    "status_reason, primary_pinned, review_days, identified_on, created_at, updated_at"
)


def _from_row(row: tuple) -> Risk:
    (
        rid,
        case_id,
        title,
        if_text,
        then_text,
        category,
        to_whom,
        from_whom,
        urgency,
        status,
        reason,
        pinned,
        review_days,
        identified_on,
        created_at,
        updated_at,
    ) = row
    return Risk(
        case_id=case_id,
        title=title,
        if_text=if_text,
        then_text=then_text,
        category=category,
        to_whom=to_whom,
        from_whom=from_whom,
        urgency=Urgency(urgency),
        status=RiskStatus(status),
        status_reason=reason,
        primary=bool(pinned),
        review_days=review_days,
        identified_on=identified_on,
        created_at=created_at,
        updated_at=updated_at,
        id=rid,
    )


def _attach(ws: Workspace, risks: list[Risk]) -> list[Risk]:
    """Fill in reviews, trip-wires and evidence for several risks in three queries."""
    if not risks:
        return risks
    by_id = {r.id: r for r in risks}
    marks = ",".join("?" * len(by_id))
    ids = list(by_id)
    for rid, date, by, note, at, review_id in ws.conn.execute(
        f"SELECT risk_id, date, by, note, at, id FROM risk_reviews WHERE risk_id IN ({marks}) "
        "ORDER BY date, id",
        ids,
    ):
        by_id[rid].reviews.append(Review(rid, date, by, note, at, review_id))
    for rid, kind, value in ws.conn.execute(
        f"SELECT risk_id, kind, value FROM risk_triggers WHERE risk_id IN ({marks}) ORDER BY id",
        ids,
    ):
        (by_id[rid].phrases if kind == "phrase" else by_id[rid].entry_types).append(value)
    for rid, entry_id in ws.conn.execute(
        f"SELECT risk_id, entry_id FROM risk_evidence WHERE risk_id IN ({marks}) ORDER BY id",
        ids,
    ):
        by_id[rid].evidence.append(entry_id)
    return risks


def get_risk(ws: Workspace, risk_id: int) -> Risk:
    """The risk with this id, or RiskError."""
    row = ws.conn.execute(f"SELECT {_COLUMNS} FROM risks WHERE id=?", (risk_id,)).fetchone()
    if row is None:
        raise RiskError(f"no risk with id {risk_id}")
    return _attach(ws, [_from_row(row)])[0]


def list_risks(ws: Workspace, case_id: int, *, include_closed: bool = True) -> list[Risk]:
    """A case's risks in the order they were recorded."""
    sql = f"SELECT {_COLUMNS} FROM risks WHERE case_id=?"
    if not include_closed:
        sql += " AND status != 'closed'"
    return _attach(ws, [_from_row(r) for r in ws.conn.execute(sql + " ORDER BY id", (case_id,))])


# ---------------------------------------------------------------- validation
def clean_phrases(phrases: list[str]) -> list[str]:
    """Trip-wire phrases stripped, de-duplicated ignoring case; each must contain a word."""
    out: list[str] = []
    seen: set[str] = set()
    for phrase in phrases:
        text = " ".join(str(phrase).split())
        if not _WORD.search(text):
            raise RiskError(f"a trip-wire phrase needs at least one word, not {phrase!r}")
        if text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return out


def clean_types(types: list[str]) -> list[str]:
    """Trip-wire entry types, each one of the chronology's entry types."""
    out: list[str] = []
    for value in types:
        text = str(value).strip().lower()
        if text not in _TYPES:
            raise RiskError(
                f"{value!r} is not an entry type; use one of: {', '.join(sorted(_TYPES))}"
            )
        if text not in out:
            out.append(text)
    return out


def _check_fields(risk: Risk) -> None:
    if not risk.title.strip():
        raise RiskError("a risk needs a title")
    try:
        Urgency(risk.urgency)
    except ValueError:
        raise RiskError("urgency must be 'urgent' or 'important'") from None
    if risk.review_days is not None and int(risk.review_days) <= 0:
        raise RiskError("the review interval must be a positive number of days")
    if risk.identified_on:
        parse_iso(risk.identified_on, "the date the risk was identified")


def _snapshot(risk: Risk) -> dict[str, object]:
    data = asdict(risk)
    data.pop("reviews")
    return {k: (v.value if isinstance(v, StrEnum) else v) for k, v in data.items()}


# ---------------------------------------------------------------- changes
def add_risk(
    ws: Workspace,
    risk: Risk,
    *,
    reviewed: str | None = None,
    reviewed_by: str | None = None,
    note: str = "",
    who: str | None = None,
) -> Risk:
    """Record a new risk (with its own trip-wires, if any, and optionally a first review)."""
    _check_fields(risk)
    risk.phrases = clean_phrases(risk.phrases)
    risk.entry_types = clean_types(risk.entry_types)
    if risk.status == RiskStatus.CLOSED:
        raise RiskError("a new risk cannot be closed")
    stamp = now_iso()
    identified = risk.identified_on or stamp[:10]
    with ws.transaction() as c:
        if c.execute("SELECT 1 FROM cases WHERE id=?", (risk.case_id,)).fetchone() is None:
            raise RiskError(f"no case with id {risk.case_id}")
        cur = c.execute(
            "INSERT INTO risks(case_id, title, if_text, then_text, category, to_whom, from_whom, "
            "urgency, status, status_reason, primary_pinned, review_days, identified_on, "
            "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                risk.case_id,
                risk.title.strip(),
                risk.if_text.strip(),
                risk.then_text.strip(),
                risk.category.strip().lower(),
                risk.to_whom.strip(),
                risk.from_whom.strip(),
                Urgency(risk.urgency).value,
                RiskStatus(risk.status).value,
                risk.status_reason,
                int(risk.primary),
                risk.review_days,
                identified,
                stamp,
                stamp,
            ),
        )
        risk_id = int(cur.lastrowid or 0)
        _write_triggers(c, risk_id, risk.phrases, risk.entry_types)
        created = get_risk(ws, risk_id)
        ws.record_history("risks", risk_id, "create", None, _snapshot(created), who)
        if reviewed:
            record_review(
                ws,
                risk_id,
                reviewed,
                reviewed_by or who or current_user(),
                note or "recorded when the risk was added",
                who=who,
            )
    return get_risk(ws, risk_id)


def _write_triggers(
    c: sqlite3.Connection, risk_id: int, phrases: list[str], types: list[str]
) -> None:
    c.execute("DELETE FROM risk_triggers WHERE risk_id=?", (risk_id,))
    c.executemany(
        "INSERT INTO risk_triggers(risk_id, kind, value) VALUES (?,?,?)",
        [(risk_id, "phrase", p) for p in phrases] + [(risk_id, "type", t) for t in types],
    )


def update_risk(ws: Workspace, risk_id: int, who: str | None = None, **changes: object) -> Risk:
    """Change a risk's wording, category, urgency, interval or status (not to closed)."""
    bad = set(changes) - EDITABLE
    if bad:
        raise RiskError(f"these risk fields cannot be changed here: {', '.join(sorted(bad))}")
    old = get_risk(ws, risk_id)
    if changes.get("status") == RiskStatus.CLOSED.value:
        raise RiskError("closing a risk needs a reason: use close_risk")
    if "status" in changes:
        try:
            changes["status"] = RiskStatus(str(changes["status"])).value
        except ValueError:
            raise RiskError("status must be 'active' or 'monitoring'") from None
    if "category" in changes:
        changes["category"] = str(changes["category"]).strip().lower()
    new = Risk(**{**asdict(old), "reviews": old.reviews, **changes})  # type: ignore[arg-type]
    _check_fields(new)
    if "urgency" in changes:
        changes["urgency"] = Urgency(str(changes["urgency"])).value
    if not changes:
        return old
    with ws.transaction() as c:
        c.execute(
            f"UPDATE risks SET {', '.join(f'{k}=?' for k in changes)}, updated_at=? WHERE id=?",
            (*changes.values(), now_iso(), risk_id),
        )
        ws.record_history(
            "risks",
            risk_id,
            "update",
            {k: _plain(getattr(old, k)) for k in changes},
            {k: _plain(v) for k, v in changes.items()},
            who,
        )
    return get_risk(ws, risk_id)


def set_triggers(
    ws: Workspace,
    risk_id: int,
    phrases: list[str],
    entry_types: list[str],
    who: str | None = None,
) -> Risk:
    """Replace a risk's own trip-wires; with none, its category's defaults apply again."""
    old = get_risk(ws, risk_id)
    phrases, entry_types = clean_phrases(phrases), clean_types(entry_types)
    with ws.transaction() as c:
        _write_triggers(c, risk_id, phrases, entry_types)
        c.execute("UPDATE risks SET updated_at=? WHERE id=?", (now_iso(), risk_id))
        ws.record_history(
            "risks",
            risk_id,
            "triggers",
            {"phrases": old.phrases, "entry_types": old.entry_types},
            {"phrases": phrases, "entry_types": entry_types},
            who,
        )
    return get_risk(ws, risk_id)


def record_review(
    ws: Workspace, risk_id: int, date: str, by: str, note: str = "", who: str | None = None
) -> Review:
    """Record that a risk was reviewed on a date, by whom, with what conclusion."""
    day = parse_iso(date, "the review date")
    if not by.strip():
        raise RiskError("a review needs the name of the person who reviewed the risk")
    risk = get_risk(ws, risk_id)
    if risk.status == RiskStatus.CLOSED:
        raise RiskError(f"risk {risk_id} is closed; reopen it before recording a review")
    stamp = now_iso()
    with ws.transaction() as c:
        cur = c.execute(
            "INSERT INTO risk_reviews(risk_id, date, by, note, at) VALUES (?,?,?,?,?)",
            (risk_id, day.isoformat(), by.strip(), note.strip(), stamp),
        )
        c.execute("UPDATE risks SET updated_at=? WHERE id=?", (stamp, risk_id))
        review = Review(
            risk_id, day.isoformat(), by.strip(), note.strip(), stamp, int(cur.lastrowid or 0)
        )
        ws.record_history("risks", risk_id, "review", None, asdict(review), who)
    return review


def set_primary(
    ws: Workspace, risk_id: int, primary: bool, reason: str = "", who: str | None = None
) -> Risk:
    """Pin a risk to the top of the summary, or unpin it (unpinning needs a reason)."""
    risk = get_risk(ws, risk_id)
    if not primary and risk.primary and not reason.strip():
        raise RiskError("taking a primary risk off the top of the summary needs a reason")
    if primary and risk.status == RiskStatus.CLOSED:
        raise RiskError(f"risk {risk_id} is closed; reopen it before pinning it")
    if risk.primary == primary:
        return risk
    with ws.transaction() as c:
        c.execute(
            "UPDATE risks SET primary_pinned=?, updated_at=? WHERE id=?",
            (int(primary), now_iso(), risk_id),
        )
        ws.record_history(
            "risks",
            risk_id,
            "pin" if primary else "unpin",
            {"primary": risk.primary},
            {"primary": primary, "reason": reason.strip()},
            who,
        )
    return get_risk(ws, risk_id)


def close_risk(ws: Workspace, risk_id: int, reason: str, who: str | None = None) -> Risk:
    """Close a risk with a reason; a closed risk is no longer primary."""
    if not reason.strip():
        raise RiskError("closing a risk needs a reason")
    risk = get_risk(ws, risk_id)
    if risk.status == RiskStatus.CLOSED:
        raise RiskError(f"risk {risk_id} is already closed")
    with ws.transaction() as c:
        c.execute(
            "UPDATE risks SET status='closed', status_reason=?, primary_pinned=0, updated_at=? "
            "WHERE id=?",
            (reason.strip(), now_iso(), risk_id),
        )
        ws.record_history(
            "risks",
            risk_id,
            "close",
            {"status": risk.status.value, "primary": risk.primary},
            {"status": "closed", "primary": False, "reason": reason.strip()},
            who,
        )
    return get_risk(ws, risk_id)


def reopen_risk(ws: Workspace, risk_id: int, reason: str, who: str | None = None) -> Risk:
    """Reopen a closed risk (active again, not pinned) with a reason."""
    if not reason.strip():
        raise RiskError("reopening a risk needs a reason")
    risk = get_risk(ws, risk_id)
    if risk.status != RiskStatus.CLOSED:
        raise RiskError(f"risk {risk_id} is not closed")
    with ws.transaction() as c:
        c.execute(
            "UPDATE risks SET status='active', status_reason=?, updated_at=? WHERE id=?",
            (reason.strip(), now_iso(), risk_id),
        )
        ws.record_history(
            "risks",
            risk_id,
            "reopen",
            {"status": "closed"},
            {"status": "active", "reason": reason.strip()},
            who,
        )
    return get_risk(ws, risk_id)


def add_evidence(
    ws: Workspace, risk_id: int, entry_id: int, note: str = "", who: str | None = None
) -> Risk:
    """Link a chronology entry to a risk as evidence for it."""
    risk = get_risk(ws, risk_id)
    row = ws.conn.execute("SELECT case_id FROM entries WHERE id=?", (entry_id,)).fetchone()
    if row is None:
        raise RiskError(f"no entry with id {entry_id}")
    if row[0] != risk.case_id:
        raise RiskError(f"entry {entry_id} belongs to another case")
    if entry_id in risk.evidence:
        return risk
    stamp = now_iso()
    with ws.transaction() as c:
        c.execute(
            "INSERT INTO risk_evidence(risk_id, entry_id, note, at) VALUES (?,?,?,?)",
            (risk_id, entry_id, note.strip(), stamp),
        )
        c.execute("UPDATE risks SET updated_at=? WHERE id=?", (stamp, risk_id))
        ws.record_history(
            "risks", risk_id, "evidence", None, {"entry_id": entry_id, "note": note.strip()}, who
        )
    return get_risk(ws, risk_id)


def remove_evidence(ws: Workspace, risk_id: int, entry_id: int, who: str | None = None) -> Risk:
    """Take an entry off a risk's evidence (the link and its removal stay in history)."""
    risk = get_risk(ws, risk_id)
    if entry_id not in risk.evidence:
        raise RiskError(f"entry {entry_id} is not linked to risk {risk_id} as evidence")
    stamp = now_iso()
    with ws.transaction() as c:
        c.execute("DELETE FROM risk_evidence WHERE risk_id=? AND entry_id=?", (risk_id, entry_id))
        c.execute("UPDATE risks SET updated_at=? WHERE id=?", (stamp, risk_id))
        ws.record_history("risks", risk_id, "unlink evidence", {"entry_id": entry_id}, None, who)
    return get_risk(ws, risk_id)


def withdraw_review(ws: Workspace, review_id: int, who: str | None = None) -> Review:
    """Take back a review just recorded (undo): the review stays in the risk's history."""
    row = ws.conn.execute(
        "SELECT risk_id, date, by, note, at, id FROM risk_reviews WHERE id=?", (review_id,)
    ).fetchone()
    if row is None:
        raise RiskError(f"no review with id {review_id}")
    review = Review(*row)
    with ws.transaction() as c:
        c.execute("DELETE FROM risk_reviews WHERE id=?", (review_id,))
        c.execute("UPDATE risks SET updated_at=? WHERE id=?", (now_iso(), review.risk_id))
        ws.record_history("risks", review.risk_id, "review withdrawn", asdict(review), None, who)
    return review


def restore_review(ws: Workspace, review: Review, who: str | None = None) -> Review:
    """Put back a withdrawn review as it was (redo), with its id and the time it was recorded."""
    if review.id is None:
        raise RiskError("only a review that was recorded can be restored")
    risk = get_risk(ws, review.risk_id)
    if risk.status == RiskStatus.CLOSED:
        raise RiskError(f"risk {risk.id} is closed; reopen it before restoring a review")
    taken = ws.conn.execute("SELECT 1 FROM risk_reviews WHERE id=?", (review.id,)).fetchone()
    with ws.transaction() as c:
        cur = c.execute(
            "INSERT INTO risk_reviews(id, risk_id, date, by, note, at) VALUES (?,?,?,?,?,?)",
            (
                None if taken else review.id,
                review.risk_id,
                review.date,
                review.by,
                review.note,
                review.at,
            ),
        )
        review = Review(
            review.risk_id, review.date, review.by, review.note, review.at, int(cur.lastrowid or 0)
        )
        c.execute("UPDATE risks SET updated_at=? WHERE id=?", (now_iso(), review.risk_id))
        ws.record_history("risks", review.risk_id, "review restored", None, asdict(review), who)
    return review


def risk_history(ws: Workspace, risk_id: int) -> list[tuple[str, str, str, str | None, str | None]]:
    """(when, who, action, old, new) for one risk, oldest first."""
    return ws.conn.execute(
        "SELECT at, who, action, old, new FROM history WHERE tbl='risks' AND row_id=? ORDER BY id",
        (risk_id,),
    ).fetchall()


def review_due(risk: Risk) -> dt.date:
    """The date the next review is due: the last review (or the identification) + interval."""
    start = risk.last_review.date if risk.last_review else risk.identified_on
    return parse_iso(start) + dt.timedelta(days=risk.interval)


def _plain(value: object) -> object:
    return value.value if isinstance(value, StrEnum) else value
