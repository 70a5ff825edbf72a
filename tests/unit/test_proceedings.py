"""Proceedings periods: suggested from the chronology's words, confirmed or edited by the worker,
used by the summary and the cadence checks, and never open after their end."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronology.batches import undo_batch
from chronology.cases import get_case, update_case
from chronology.entries import add_entry
from chronology.importers.pipeline import run_import
from chronology.models import Case, Entry, EntryType, Precision
from chronology.proceedings import (
    ProceedingsError,
    add_period,
    confirm_period,
    edit_period,
    open_on,
    periods_for,
    reject_period,
)
from chronology.proceedings_suggest import CourtEvent, walk
from chronology.proceedings_words import Signal, read_entry
from chronology.workspace import Workspace
from summary.case_summary import generate_summary
from tests.unit.test_cli import run

D = dt.date


def _entry(ws: Workspace, case: Case, date: str, type_: EntryType, text: str) -> Entry:
    return add_entry(
        ws,
        Entry(
            case_id=case.id or 0,
            date=date,
            precision=Precision.DAY,
            summary=text[:60],
            text=text,
            type=type_,
            agency="Larkbridge Children's Services",
        ),
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("The magistrates made the arrangements order on a final basis.", "final order"),
        ("District judge approved the consent order; proceedings concluded today.", "concluded"),
        ("Father's application was dismissed after the hearing.", "dismissed"),
        ("Mother withdrew her application with the court's permission.", "withdrawn"),
        ("The court made no order: the parents had agreed the arrangements.", "no order"),
        ("Matter closed by the court; no further hearings.", "concluded"),
        ("Arrangements agreed before the bench, the case will not be relisted.", "concluded"),
    ],
)
def test_the_ways_proceedings_end_are_read_in_many_wordings(text: str, reason: str) -> None:
    reading = read_entry(text, is_court=True)
    assert (reading.signal, reading.reason) == (Signal.END, reason)
    assert reading.why  # the words that decided are quoted for the worker


@pytest.mark.parametrize(
    "text",
    [
        "Hearing adjourned; interim order for supervised contact; next hearing in the spring.",
        "Final hearing listed for 4 March; statements to be filed before the final hearing.",
        "Directions given for a fact-finding hearing.",
    ],
)
def test_hearings_that_lead_on_do_not_end_anything(text: str) -> None:
    assert read_entry(text, is_court=True).signal == Signal.HEARING


def test_words_of_an_end_beside_more_to_come_are_an_uncertain_end() -> None:
    reading = read_entry("Final order made; review hearing in six months.", is_court=True)
    assert reading.signal == Signal.UNCERTAIN_END and "review hearing" in reading.why
    held = read_entry("Final hearing today at the family court.", is_court=True)
    assert held.signal == Signal.UNCERTAIN_END and "no order is recorded" in held.why


def test_other_entries_count_only_when_they_speak_of_the_court() -> None:
    assert read_entry("Case closed to early help.", is_court=False).signal == Signal.NONE
    assert read_entry("Nursery application withdrawn.", is_court=False).signal == Signal.NONE
    assert read_entry("PLO pre-proceedings meeting held.", is_court=False).signal == Signal.NONE
    assert read_entry("Local authority issued care proceedings.", is_court=False).signal == (
        Signal.START
    )
    ended = read_entry("Father withdrew his court application.", is_court=False)
    assert ended.signal == Signal.END


def _event(n: int, day: dt.date, text: str) -> CourtEvent:
    return CourtEvent(n, day, f"entry:{n}", text, read_entry(text, True))


def test_a_long_silence_after_the_last_court_entry_suggests_an_uncertain_end() -> None:
    events = [
        _event(1, D(2021, 5, 3), "Application for a child arrangements order issued."),
        _event(2, D(2021, 7, 9), "Hearing: interim order, supervised contact."),
    ]
    (period,) = walk(events, latest=D(2023, 1, 1))
    assert (period.end, period.end_uncertain, period.end_entry) == (D(2021, 7, 9), True, 2)
    assert "no court entry" in period.basis
    (still_open,) = walk(events, latest=D(2021, 12, 1))
    assert still_open.end is None and not still_open.end_uncertain


def test_a_court_entry_after_an_end_starts_a_new_period_of_its_own_kind() -> None:
    events = [
        _event(1, D(2020, 2, 3), "C100 application for a child arrangements order."),
        _event(2, D(2020, 9, 9), "Final child arrangements order made."),
        _event(3, D(2022, 4, 1), "Local authority issued care proceedings; interim care order."),
    ]
    first, second = walk(events, latest=D(2022, 5, 1))
    assert (first.type, first.start, first.end, first.end_reason) == (
        "private",
        D(2020, 2, 3),
        D(2020, 9, 9),
        "final order",
    )
    assert (second.type, second.start, second.end) == ("public", D(2022, 4, 1), None)


def test_the_case_record_alone_suggests_an_open_period() -> None:
    (period,) = walk([], None, "public")
    assert (period.type, period.start, period.end) == ("public", None, None)
    assert "case record" in period.basis
    assert walk([], None, "none") == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 2000),
            st.sampled_from(
                [
                    "Application for a child arrangements order issued.",
                    "Hearing adjourned; next hearing listed for later.",
                    "Final order made.",
                    "Final hearing today.",
                    "Application withdrawn.",
                    "Order made: contact on Saturdays.",
                ]
            ),
        ),
        max_size=12,
    ),
    st.integers(0, 3000),
)
def test_suggested_periods_never_overlap_and_never_end_before_they_start(
    raw: list[tuple[int, str]], latest_offset: int
) -> None:
    base = D(2018, 1, 1)
    events = sorted(
        (_event(i, base + dt.timedelta(days=d), text) for i, (d, text) in enumerate(raw)),
        key=lambda e: (e.date, e.entry_id),
    )
    latest = max([base + dt.timedelta(days=latest_offset), *(e.date for e in events)])
    periods = walk(events, latest)
    for p in periods:
        assert p.start is not None and (p.end is None or p.end >= p.start)
    for a, b in zip(periods, periods[1:], strict=False):
        assert a.end is not None and a.end <= b.start  # only the last can be open
    # Every court event falls in a suggested period.
    for e in events:
        assert any(p.start <= e.date <= (p.end or D.max) for p in periods)


def _story(ws: Workspace, case: Case, ending: str) -> None:
    _entry(
        ws, case, "2022-02-03", EntryType.COURT, "C100: mother applies for an arrangements order."
    )
    _entry(ws, case, "2022-04-14", EntryType.COURT, "First hearing; interim order; next hearing.")
    _entry(ws, case, "2022-10-11", EntryType.COURT, ending)
    _entry(ws, case, "2023-01-10", EntryType.CIN_MEETING, "Review meeting at school.")
    _entry(ws, case, "2023-11-20", EntryType.CIN_MEETING, "Review meeting at home.")


def test_an_unusually_worded_final_order_is_suggested_and_once_confirmed_ends_the_period(
    ws: Workspace, case: Case
) -> None:
    _story(
        ws,
        case,
        "Bench approved the parents' agreed arrangements, making the order on a final basis.",
    )
    (period,) = periods_for(ws, case.id or 0)
    assert (period.status, period.start, period.end, period.end_reason) == (
        "suggested",
        "2022-02-03",
        "2022-10-11",
        "final order",
    )
    summary = generate_summary(ws, case.ref, D(2024, 1, 15))
    assert "suggested" in summary.header.proceedings
    confirm_period(ws, period.id or 0, who="Ada Brennan")
    summary = generate_summary(ws, case.ref, D(2024, 1, 15))
    assert summary.header.proceedings == (
        "private law proceedings 03/02/2022–11/10/2022 (final order)"
    )
    assert not summary.header.proceedings_open
    gaps = [g for c in summary.cadence for g in c.gaps]
    assert any(g.start >= "2022-10-11" for g in gaps)  # there are later gaps…
    assert not any(g.proceedings_open for g in gaps if g.start >= "2022-10-11")
    assert not any("proceedings" in a.message for a in summary.alerts if a.kind == "cadence")
    assert not any(a.kind == "proceedings" for a in summary.alerts)


def test_an_end_the_words_do_not_make_plain_is_left_to_the_worker(
    ws: Workspace, case: Case
) -> None:
    _story(ws, case, "Final hearing at the family court today.")
    (period,) = periods_for(ws, case.id or 0)
    assert period.end == "2022-10-11" and period.end_uncertain
    summary = generate_summary(ws, case.ref, D(2024, 1, 15))
    (alert,) = [a for a in summary.alerts if a.kind == "proceedings"]
    assert "uncertain" in alert.message
    # The worker knows better: the proceedings went on; the edit is a decision.
    edited = edit_period(ws, period.id or 0, end=None)
    assert edited.status == "confirmed" and edited.end is None and not edited.end_uncertain
    (again,) = periods_for(ws, case.id or 0)
    assert again.id == period.id and again.end is None
    assert open_on([again], "2023-06-01") is again


def test_open_on_never_returns_a_period_after_its_end(ws: Workspace, case: Case) -> None:
    p = add_period(ws, case.id or 0, "public", "2023-01-01", "2023-06-30", "final order")
    assert open_on([p], D(2023, 6, 30)) is p
    assert open_on([p], D(2023, 7, 1)) is None
    assert open_on([p], D(2022, 12, 31)) is None


def test_a_confirmed_period_takes_the_place_of_suggestions_it_overlaps(
    ws: Workspace, case: Case
) -> None:
    _story(ws, case, "Hearing; interim order continues.")
    (suggested,) = periods_for(ws, case.id or 0)
    assert suggested.start == "2022-02-03" and suggested.suggested
    added = add_period(ws, case.id or 0, "private", "2022-01-20", "2022-12-01", "withdrawn")
    assert [p.id for p in periods_for(ws, case.id or 0)] == [added.id]


def test_bad_periods_are_refused(ws: Workspace, case: Case) -> None:
    with pytest.raises(ProceedingsError, match="before the start"):
        add_period(ws, case.id or 0, "private", "2023-05-01", "2023-01-01")
    with pytest.raises(ProceedingsError, match="private or public"):
        add_period(ws, case.id or 0, "civil", "2023-05-01")


def _csv(path: Path, ending: str) -> Path:
    path.write_text(
        "Date,Type,Note\n"
        "03/02/2022,Court,Application for a child arrangements order issued (C100).\n"
        "14/04/2022,Court,First hearing: interim order; next hearing in the autumn.\n"
        f"11/10/2022,Court,{ending}\n"
        "10/01/2023,Child in Need meeting,Review meeting at school.\n",
        encoding="utf-8",
    )
    return path


def test_a_rejected_suggestion_stays_rejected_after_undo_and_reimport(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    source = _csv(tmp_path / "court.csv", "Hearing: the order was made.")
    (report,) = run_import(ws, case.id or 0, [source])
    (period,) = periods_for(ws, case.id or 0)
    reject_period(ws, period.id or 0, "these were not proceedings about this child")
    assert periods_for(ws, case.id or 0) == []
    undo_batch(ws, report.batch_id or 0)
    run_import(ws, case.id or 0, [source])
    assert periods_for(ws, case.id or 0) == []
    history = ws.conn.execute(
        "SELECT action FROM history WHERE tbl='proceedings_periods' ORDER BY id"
    ).fetchall()
    assert [h[0] for h in history] == ["reject"]


def test_the_case_record_still_names_the_kind(ws: Workspace, case: Case) -> None:
    update_case(ws, case.ref, proceedings="public")
    (period,) = periods_for(ws, case.id or 0)
    assert (period.type, period.start, period.suggested) == ("public", None, True)
    _entry(ws, case, "2023-03-01", EntryType.COURT, "Hearing before the district judge.")
    (period,) = periods_for(ws, get_case(ws, case.ref).id or 0)
    assert (period.type, period.start) == ("public", "2023-03-01")


def test_command_line_list_confirm_edit_add_reject(tmp_path: Path) -> None:
    ws = str(tmp_path / "w.db")
    assert run("case", "add", "--workspace", ws, "--ref", "P1", "--child", "Tamsin Okafor",
               home=tmp_path).returncode == 0  # fmt: skip
    source = _csv(tmp_path / "court.csv", "The court made no order; matter closed.")
    imported = run("import", "--workspace", ws, "--case", "P1", str(source), home=tmp_path)
    assert imported.returncode == 0, imported.stderr

    def listed() -> list[dict]:
        r = run("case", "proceedings", "list", "--workspace", ws, "--case", "P1", "--json",
                home=tmp_path)  # fmt: skip
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)

    (period,) = listed()
    assert {k: period[k] for k in ("type", "start", "end", "end_reason", "status")} == {
        "type": "private",
        "start": "2022-02-03",
        "end": "2022-10-11",
        "end_reason": "no order",
        "status": "suggested",
    }
    assert period["basis"] and "court" not in period["basis"].split(":")[0]
    pid = str(period["id"])
    r = run("case", "proceedings", "confirm", "--workspace", ws, "--case", "P1", "--period", pid,
            home=tmp_path)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert listed()[0]["status"] == "confirmed" and listed()[0]["decided_by"]
    r = run("case", "proceedings", "edit", "--workspace", ws, "--case", "P1", "--period", pid,
            "--court", "Family Court at Larkbridge", "--case-number", "LB22P00417",
            home=tmp_path)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert listed()[0]["court"] == "Family Court at Larkbridge"
    r = run("case", "proceedings", "add", "--workspace", ws, "--case", "P1", "--type", "public",
            "--start", "01/09/2023", "--json", home=tmp_path)  # fmt: skip
    added = json.loads(r.stdout)
    assert (added["start"], added["end"], added["status"]) == ("2023-09-01", None, "confirmed")
    assert [p["type"] for p in listed()] == ["private", "public"]
    r = run("case", "proceedings", "reject", "--workspace", ws, "--case", "P1",
            "--period", str(added["id"]), "--reason", "entered on the wrong case",
            home=tmp_path)  # fmt: skip
    assert r.returncode == 0 and len(listed()) == 1
    bad = run("case", "proceedings", "add", "--workspace", ws, "--case", "P1", "--type",
              "private", "--start", "yesterday", home=tmp_path)  # fmt: skip
    assert bad.returncode != 0 and "--start" in bad.stderr and "Traceback" not in bad.stderr
    summary = json.loads(
        run(
            "summary",
            "--workspace",
            ws,
            "--case",
            "P1",
            "--json",
            "--today",
            "2024-02-01",
            home=tmp_path,
        ).stdout  # fmt: skip
    )
    assert summary["header"]["proceedings_periods"][0]["status"] == "confirmed"
