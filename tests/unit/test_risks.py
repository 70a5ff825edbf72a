"""The risk register: recording, reviewing, pinning and closing risks, with history kept."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from chronology.models import Case
from chronology.workspace import Workspace
from summary.dates import DateError
from summary.risks import (
    REVIEW_DAYS,
    Risk,
    RiskError,
    RiskStatus,
    Urgency,
    add_evidence,
    add_risk,
    close_risk,
    get_risk,
    list_risks,
    record_review,
    reopen_risk,
    review_due,
    risk_history,
    set_primary,
    set_triggers,
    update_risk,
)
from summary.tripwires import assess


def _risk(case: Case, **kw: object) -> Risk:
    fields: dict[str, object] = {"case_id": case.id, "title": "Conditional threat"}
    fields.update(kw)
    return Risk(**fields)  # type: ignore[arg-type]


def test_a_risk_is_stored_with_its_statement_and_trip_wires(ws: Workspace, case: Case) -> None:
    risk = add_risk(
        ws,
        _risk(
            case,
            if_text="unsupported contact is granted",
            then_text="the mother may harm herself and the child",
            category="Conditional threat",
            to_whom="Mia",
            from_whom="mother",
            primary=True,
            phrases=["unsupported contact", "  Final   hearing "],
            entry_types=["court hearing or order"],
            identified_on="2024-01-18",
        ),
    )
    again = get_risk(ws, risk.id or 0)
    assert again.statement == (
        "IF unsupported contact is granted THEN the mother may harm herself and the child"
    )
    assert again.category == "conditional threat"
    assert again.phrases == ["unsupported contact", "Final hearing"]
    assert again.entry_types == ["court hearing or order"]
    assert again.primary and again.status == RiskStatus.ACTIVE
    assert [r.id for r in list_risks(ws, case.id or 0)] == [risk.id]


def test_bad_risks_are_refused(ws: Workspace, case: Case) -> None:
    with pytest.raises(RiskError, match="title"):
        add_risk(ws, _risk(case, title="  "))
    with pytest.raises(RiskError, match="entry type"):
        add_risk(ws, _risk(case, entry_types=["court"]))
    with pytest.raises(RiskError, match="word"):
        add_risk(ws, _risk(case, phrases=["--"]))
    with pytest.raises(RiskError, match="positive"):
        add_risk(ws, _risk(case, review_days=0))
    with pytest.raises(RiskError, match="no case"):
        add_risk(ws, Risk(case_id=999, title="x"))


def test_default_review_intervals_and_custom_ones(ws: Workspace, case: Case) -> None:
    urgent = add_risk(ws, _risk(case, urgency=Urgency.URGENT, identified_on="2024-01-01"))
    important = add_risk(ws, _risk(case, identified_on="2024-01-01"))
    custom = add_risk(ws, _risk(case, review_days=10, identified_on="2024-01-01"))
    assert REVIEW_DAYS == {Urgency.URGENT: 14, Urgency.IMPORTANT: 56}
    assert review_due(urgent) == dt.date(2024, 1, 15)
    assert review_due(important) == dt.date(2024, 2, 26)
    assert review_due(custom) == dt.date(2024, 1, 11)


def test_review_clock_runs_from_the_last_review(ws: Workspace, case: Case) -> None:
    risk = add_risk(ws, _risk(case), reviewed="2024-02-01", reviewed_by="Hannah Okafor")
    assert review_due(risk) == dt.date(2024, 3, 28)
    assert not assess(risk, dt.date(2024, 3, 28), []).overdue  # due that day, not yet overdue
    late = assess(risk, dt.date(2024, 3, 29), [])
    assert late.overdue and late.needs_review
    assert late.reasons == ["review overdue since 28/03/2024"]
    record_review(ws, risk.id or 0, "2024-04-02", "Priya Sandhu", "discussed at supervision")
    risk = get_risk(ws, risk.id or 0)
    assert risk.last_review is not None and risk.last_review.by == "Priya Sandhu"
    assert not assess(risk, dt.date(2024, 4, 3), []).needs_review
    assert review_due(risk) == dt.date(2024, 5, 28)


def test_a_never_reviewed_risk_says_so(ws: Workspace, case: Case) -> None:
    risk = add_risk(ws, _risk(case, urgency=Urgency.URGENT, identified_on="2024-01-01"))
    state = assess(risk, dt.date(2024, 2, 1), [])
    assert state.overdue
    assert state.reasons[0].startswith("never reviewed since it was recorded on 01/01/2024")


def test_reviews_are_ordered_by_their_date_not_entry_order(ws: Workspace, case: Case) -> None:
    risk = add_risk(ws, _risk(case))
    record_review(ws, risk.id or 0, "2024-05-01", "A")
    record_review(ws, risk.id or 0, "2024-03-01", "B")  # recorded late
    assert get_risk(ws, risk.id or 0).last_review.by == "A"  # type: ignore[union-attr]


def test_a_review_needs_a_real_date_and_a_name(ws: Workspace, case: Case) -> None:
    risk = add_risk(ws, _risk(case))
    with pytest.raises(DateError):
        record_review(ws, risk.id or 0, "31/02/2024", "A")
    with pytest.raises(RiskError, match="name"):
        record_review(ws, risk.id or 0, "2024-02-01", " ")


def test_unpinning_a_primary_risk_needs_a_reason_kept_in_history(ws: Workspace, case: Case) -> None:
    risk = add_risk(ws, _risk(case, primary=True))
    with pytest.raises(RiskError, match="needs a reason"):
        set_primary(ws, risk.id or 0, False, "")
    assert get_risk(ws, risk.id or 0).primary
    set_primary(ws, risk.id or 0, False, "Father's contact ended; threat withdrawn", who="PS")
    assert not get_risk(ws, risk.id or 0).primary
    at, who, action, old, new = risk_history(ws, risk.id or 0)[-1]
    assert (who, action) == ("PS", "unpin")
    assert json.loads(new)["reason"] == "Father's contact ended; threat withdrawn"
    assert json.loads(old) == {"primary": True}


def test_closing_needs_a_reason_and_takes_the_risk_off_the_top(ws: Workspace, case: Case) -> None:
    risk = add_risk(ws, _risk(case, primary=True))
    with pytest.raises(RiskError, match="needs a reason"):
        close_risk(ws, risk.id or 0, "  ")
    closed = close_risk(ws, risk.id or 0, "Family moved abroad; case closed")
    assert closed.status == RiskStatus.CLOSED and not closed.primary
    assert closed.status_reason == "Family moved abroad; case closed"
    actions = [(h[2], json.loads(h[4] or "null")) for h in risk_history(ws, risk.id or 0)]
    assert actions[-1][0] == "close"
    assert actions[-1][1]["reason"] == "Family moved abroad; case closed"
    with pytest.raises(RiskError, match="closed"):
        record_review(ws, risk.id or 0, "2024-05-01", "A")
    with pytest.raises(RiskError, match="closed"):
        set_primary(ws, risk.id or 0, True)
    with pytest.raises(RiskError, match="reason"):
        reopen_risk(ws, risk.id or 0, "")
    assert reopen_risk(ws, risk.id or 0, "new concerns").status == RiskStatus.ACTIVE


def test_history_of_a_risk_cannot_be_rewritten(ws: Workspace, case: Case) -> None:
    risk = add_risk(ws, _risk(case, primary=True))
    set_primary(ws, risk.id or 0, False, "reason")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        ws.conn.execute("DELETE FROM history WHERE tbl='risks'")


def test_edits_triggers_and_evidence_are_recorded(ws: Workspace, case: Case) -> None:
    from chronology.entries import add_entry
    from chronology.models import Entry, Precision

    risk = add_risk(ws, _risk(case))
    update_risk(ws, risk.id or 0, urgency="urgent", review_days=7, status="monitoring")
    set_triggers(ws, risk.id or 0, ["moved house"], [])
    entry = add_entry(ws, Entry(case.id or 0, "2024-01-18", Precision.DAY, "Disclosure"))
    add_evidence(ws, risk.id or 0, entry.id or 0, "the threat itself")
    again = get_risk(ws, risk.id or 0)
    assert (again.urgency, again.interval, again.status) == (
        Urgency.URGENT,
        7,
        RiskStatus.MONITORING,
    )
    assert again.phrases == ["moved house"] and again.evidence == [entry.id]
    assert [h[2] for h in risk_history(ws, risk.id or 0)] == [
        "create",
        "update",
        "triggers",
        "evidence",
    ]
    with pytest.raises(RiskError, match="close_risk"):
        update_risk(ws, risk.id or 0, status="closed")
    with pytest.raises(RiskError, match="cannot be changed"):
        update_risk(ws, risk.id or 0, primary=False)
    with pytest.raises(RiskError, match="no entry"):
        add_evidence(ws, risk.id or 0, 999)
