"""Possible duplicates: only the near certain linked by itself, the rest asked of the worker, whose
decision is remembered across re-imports and can be taken back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronology.batches import undo_batch
from chronology.cases import add_case
from chronology.duplicate_pairs import (
    PairError,
    confirm_pair,
    count_possible,
    list_pairs,
    reject_pair,
    revert,
)
from chronology.duplicate_words import guards_of, time_in_words
from chronology.duplicates import Candidate, find_duplicates
from chronology.entries import get_entry, link_duplicate, list_entries, unlink_duplicate
from chronology.importers.pipeline import FileReport, ImportOptions, run_import
from chronology.models import Case
from chronology.workspace import Workspace
from summary.case_summary import generate_summary
from summary.risks import Risk, add_risk
from tests.unit.test_cli import run

DUPS = Path(__file__).resolve().parent.parent / "data" / "duplicates"


def _import(ws: Workspace, case: Case, *paths: Path) -> list[FileReport]:
    reports = run_import(ws, case.id or 0, list(paths))
    for r in reports:
        assert r.error is None, r.error
        assert r.rows == r.imported + r.duplicates + r.already_imported + r.quarantined
    return reports


def _entry(ws: Workspace, case: Case, source: str, row: int) -> int:
    (found,) = [
        e.id
        for e in list_entries(ws, case.id or 0)
        if (e.source_file, e.source_row) == (source, row)
    ]
    return found or 0


def _pair_of(ws: Workspace, case: Case, a: int, b: int):
    found = [p for p in list_pairs(ws, case.id or 0) if {p.a, p.b} == {a, b}]
    return found[0] if found else None


def _linked(ws: Workspace, a: int, b: int) -> bool:
    ea, eb = get_entry(ws, a), get_entry(ws, b)
    return (ea.duplicate_of or ea.id) == (eb.duplicate_of or eb.id)


def _calls(folder: Path, threat: str) -> tuple[Path, Path]:
    """Two agencies' records of two calls between the same two professionals, 40 minutes
    apart; the second agency pasted the first's words and, in the second call, added more."""
    sw = folder / "sw.csv"
    sw.write_text(
        "Date,Time,Note Type,Worker,Note\n"
        "14/05/2024,10:00,Telephone Call,Ines Varga,Call between Ines Varga and Oona Petrakis "
        "about the weekend contact handover at Linnet Close and the new nursery days.\n"
        "14/05/2024,10:40,Telephone Call,Ines Varga,Second call between Ines Varga and Oona "
        "Petrakis about the weekend contact handover at Linnet Close and the new nursery days.\n",
        encoding="utf-8",
    )
    hv = folder / "hv.csv"
    hv.write_text(
        "Date,Time,Note Type,Worker,Note\n"
        "14/05/2024,10:00,Telephone Call,Oona Petrakis,Call between Ines Varga and Oona Petrakis "
        "about the weekend contact handover at Linnet Close and the new nursery days.\n"
        "14/05/2024,10:40,Telephone Call,Oona Petrakis,Second call between Ines Varga and Oona "
        "Petrakis about the weekend contact handover at Linnet Close and the new nursery days."
        f"{threat}\n",
        encoding="utf-8",
    )
    return sw, hv


def test_two_calls_one_with_a_conditional_threat_are_never_linked_automatically(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    sw, hv = _calls(tmp_path, " Mother said if the handover goes ahead she will kill herself.")
    _, report = _import(ws, case, sw, hv)
    first_sw, second_sw = _entry(ws, case, "sw.csv", 1), _entry(ws, case, "sw.csv", 2)
    first_hv, threat = _entry(ws, case, "hv.csv", 1), _entry(ws, case, "hv.csv", 2)
    # The first call, the same words at the same time: linked by itself.
    assert _linked(ws, first_sw, first_hv) and report.duplicates == 1
    # The call carrying the threat is linked to nothing: the worker decides.
    assert not _linked(ws, threat, second_sw) and not _linked(ws, threat, first_sw)
    assert get_entry(ws, threat).duplicate_of is None
    same_call = _pair_of(ws, case, second_sw, threat)
    assert same_call is not None and same_call.status == "possible"
    assert any("only one mentions threat" in r for r in same_call.reasons)
    other_call = _pair_of(ws, case, first_sw, threat)
    assert other_call is None or other_call.status == "possible"  # 40 min apart: may be queued
    if other_call is not None:
        assert "40 min apart" in other_call.reasons


def test_without_the_threat_the_same_pasted_records_are_linked(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    sw, hv = _calls(tmp_path, "")
    _, report = _import(ws, case, sw, hv)
    assert report.duplicates == 2
    second_sw, second_hv = _entry(ws, case, "sw.csv", 2), _entry(ws, case, "hv.csv", 2)
    assert _linked(ws, second_sw, second_hv)
    # The link is stored as an automatic decision the worker can see and reject.
    pair = _pair_of(ws, case, second_sw, second_hv)
    assert pair is not None and (pair.status, pair.automatic) == ("confirmed", True)
    # The first call of one record and the second of the other stay apart (40 min).
    first_sw = _entry(ws, case, "sw.csv", 1)
    assert not _linked(ws, first_sw, second_hv)


def test_a_trip_wire_phrase_in_one_record_only_stops_an_automatic_link(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    add_risk(
        ws,
        Risk(case_id=case.id or 0, title="Conditional threat", phrases=["handover goes ahead"]),
    )
    sw, hv = _calls(tmp_path, " She asked whether the handover goes ahead on Friday.")
    _import(ws, case, sw, hv)
    second_sw, second_hv = _entry(ws, case, "sw.csv", 2), _entry(ws, case, "hv.csv", 2)
    assert not _linked(ws, second_sw, second_hv)
    pair = _pair_of(ws, case, second_sw, second_hv)
    assert pair is not None and any("trip-wire" in r for r in pair.reasons)


def test_records_at_other_precisions_and_in_other_words_reach_the_queue(
    ws: Workspace, case: Case
) -> None:
    sw, hv = _import(ws, case, DUPS / "sw_calls.csv", DUPS / "hv_calls.csv")
    assert (sw.possible_duplicates, hv.possible_duplicates) == (0, 6)
    assert hv.imported + hv.duplicates == 5  # queued entries are imported
    # A date with the time in words ("in the afternoon") against a recorded time.
    words = _pair_of(
        ws, case, _entry(ws, case, "sw_calls.csv", 4), _entry(ws, case, "hv_calls.csv", 4)
    )
    assert words is not None and "times fit (one given in words)" in words.reasons
    # An approximate date a day out against an exact one, told in other words (CDC / child
    # development centre).
    approx = _pair_of(
        ws, case, _entry(ws, case, "sw_calls.csv", 5), _entry(ws, case, "hv_calls.csv", 5)
    )
    assert approx is not None and "an approximate date" in approx.reasons
    assert "1 day apart" in approx.reasons
    # Both entries of a waiting pair stay active and visible.
    for p in list_pairs(ws, case.id or 0, "possible"):
        assert get_entry(ws, p.a).status.value == get_entry(ws, p.b).status.value == "active"


def test_confirm_and_reject_are_recorded_and_can_be_taken_back(ws: Workspace, case: Case) -> None:
    _import(ws, case, DUPS / "sw_calls.csv", DUPS / "hv_calls.csv")
    a, b = _entry(ws, case, "sw_calls.csv", 4), _entry(ws, case, "hv_calls.csv", 4)
    pair = _pair_of(ws, case, a, b)
    assert pair is not None
    change = confirm_pair(ws, pair.id, who="Ines Varga")
    assert _linked(ws, a, b) and get_entry(ws, b).text  # both wordings kept
    assert list_pairs(ws, case.id or 0, "confirmed")[0].decided_by in ("Ines Varga",) or any(
        p.id == pair.id and p.decided_by == "Ines Varga"
        for p in list_pairs(ws, case.id or 0, "confirmed")
    )
    revert(ws, change)
    assert not _linked(ws, a, b) and _pair_of(ws, case, a, b).status == "possible"
    change = reject_pair(ws, pair.id, who="Ines Varga")
    assert _pair_of(ws, case, a, b).status == "rejected"
    revert(ws, change)
    assert _pair_of(ws, case, a, b).status == "possible"
    actions = [
        r[0]
        for r in ws.conn.execute(
            "SELECT action FROM history WHERE tbl='duplicate_pairs' AND row_id=? ORDER BY id",
            (pair.id,),
        )
    ]
    assert actions == ["confirm", "undo", "reject", "undo"]


def test_rejecting_an_automatic_link_separates_the_entries(ws: Workspace, case: Case) -> None:
    _import(ws, case, DUPS / "sw_calls.csv", DUPS / "hv_calls.csv")
    a, b = _entry(ws, case, "sw_calls.csv", 3), _entry(ws, case, "hv_calls.csv", 3)
    pair = _pair_of(ws, case, a, b)
    assert pair is not None and pair.automatic and _linked(ws, a, b)
    change = reject_pair(ws, pair.id)
    assert not _linked(ws, a, b)
    revert(ws, change)
    assert _linked(ws, a, b) and _pair_of(ws, case, a, b).status == "confirmed"


def test_separating_or_linking_by_hand_is_a_decision_on_the_pair(ws: Workspace, case: Case) -> None:
    _import(ws, case, DUPS / "sw_calls.csv", DUPS / "hv_calls.csv")
    a, b = _entry(ws, case, "sw_calls.csv", 3), _entry(ws, case, "hv_calls.csv", 3)
    unlink_duplicate(ws, b)
    assert _pair_of(ws, case, a, b).status == "rejected"
    link_duplicate(ws, b, a)
    assert _pair_of(ws, case, a, b).status == "confirmed"


def test_decisions_survive_reimport_and_undo_with_reimport(ws: Workspace, case: Case) -> None:
    _import(ws, case, DUPS / "sw_calls.csv")
    (hv,) = _import(ws, case, DUPS / "hv_calls.csv")
    rejected = _pair_of(
        ws, case, _entry(ws, case, "sw_calls.csv", 4), _entry(ws, case, "hv_calls.csv", 4)
    )
    confirmed = _pair_of(
        ws, case, _entry(ws, case, "sw_calls.csv", 5), _entry(ws, case, "hv_calls.csv", 5)
    )
    reject_pair(ws, rejected.id)
    confirm_pair(ws, confirmed.id)
    waiting = count_possible(ws, case.id or 0)
    # Importing the same file again adds nothing and proposes nothing.
    (again,) = _import(ws, case, DUPS / "hv_calls.csv")
    assert (again.already_imported, again.imported, again.possible_duplicates) == (5, 0, 0)
    # Undo the import and import the file again: new entries, the same decisions.
    undo_batch(ws, hv.batch_id or 0)
    assert count_possible(ws, case.id or 0) == 0  # the undone entries leave the queue
    (back,) = _import(ws, case, DUPS / "hv_calls.csv")
    assert back.possible_duplicates == waiting
    sw4, hv4 = _entry(ws, case, "sw_calls.csv", 4), _entry(ws, case, "hv_calls.csv", 4)
    sw5, hv5 = _entry(ws, case, "sw_calls.csv", 5), _entry(ws, case, "hv_calls.csv", 5)
    assert _pair_of(ws, case, sw4, hv4).status == "rejected" and not _linked(ws, sw4, hv4)
    assert _pair_of(ws, case, sw5, hv5).status == "confirmed" and _linked(ws, sw5, hv5)
    assert count_possible(ws, case.id or 0) == waiting


def test_the_summary_asks_for_the_review(ws: Workspace, case: Case) -> None:
    import datetime as dt

    _import(ws, case, DUPS / "sw_calls.csv", DUPS / "hv_calls.csv")
    summary = generate_summary(ws, case.ref, dt.date(2024, 8, 1))
    (alert,) = [a for a in summary.alerts if a.kind == "duplicates"]
    assert alert.message.startswith("6 possible duplicates to review")
    for p in list_pairs(ws, case.id or 0, "possible"):
        reject_pair(ws, p.id)
    summary = generate_summary(ws, case.ref, dt.date(2024, 8, 1))
    assert not [a for a in summary.alerts if a.kind == "duplicates"]


def test_a_pair_of_another_case_is_refused(ws: Workspace, case: Case) -> None:
    _import(ws, case, DUPS / "sw_calls.csv", DUPS / "hv_calls.csv")
    other = add_case(ws, "OTHER-1", "Wren Abernethy")
    pair = list_pairs(ws, case.id or 0)[0]
    with pytest.raises(PairError, match="another case"):
        confirm_pair(ws, pair.id, case_id=other.id)
    with pytest.raises(PairError, match="no possible-duplicate pair"):
        reject_pair(ws, 9999)


def _cand(ref: int, time: str | None, text: str, key: str, **kw: object) -> Candidate:
    fields: dict[str, object] = {
        "ref": ref,
        "date": "2024-05-14",
        "time": time,
        "approximate": False,
        "agency": "A",
        "source_file": f"{key}.csv",
        "type_": "telephone call",
        "text": text,
        "key": key,
    }
    fields.update(kw)
    return Candidate.from_fields(**fields)  # type: ignore[arg-type]


NOTE = "Call between Ines Varga and Oona Petrakis about the handover at Linnet Close and nursery."


@pytest.mark.parametrize(
    "extra",
    [
        " Mother disclosed that her partner hit her last night.",
        " Bruising seen on the child's arm.",
        " Father had a knife in the kitchen.",
        " Mum said she would rather kill herself than let him go.",
    ],
)
def test_safeguarding_content_in_one_record_only_is_never_linked_by_itself(extra: str) -> None:
    control = find_duplicates([_cand(0, "10:00", NOTE, "n")], [_cand(7, "10:00", NOTE, "o")])
    assert [p.auto for p in control] == [True]
    (p,) = find_duplicates([_cand(0, "10:00", NOTE + extra, "n")], [_cand(7, "10:00", NOTE, "o")])
    assert not p.auto and "never linked without the worker" in p.reasons[-1]


def test_a_stock_phrase_at_one_time_is_not_near_certain() -> None:
    stock = "Child was not brought to the appointment. Letter sent to parent, GP informed."
    (p,) = find_duplicates([_cand(0, "09:30", stock, "n")], [_cand(7, "09:30", stock, "o")])
    assert not p.auto  # it names nobody: two clinics' letters may read the same


def test_times_in_words() -> None:
    assert time_in_words("seen at about 2.30pm") == (14 * 60 + 30, 30)
    assert time_in_words("visited in the afternoon") == (15 * 60, 150)
    assert time_in_words("call at 4 o'clock") == (16 * 60, 60)
    assert time_in_words("half past nine") == (21 * 60 + 30, 30) or time_in_words(
        "half past nine"
    ) == (9 * 60 + 30, 30)
    assert time_in_words("Mother said she is well.") is None
    assert guards_of("he said he would harm the baby")[0]
    assert not guards_of("mother is settled and calm")[0]


def test_command_line_review_queue_end_to_end(tmp_path: Path) -> None:
    ws = str(tmp_path / "w.db")
    run("case", "add", "--workspace", ws, "--ref", "D1", "--child", "Nico Brand", home=tmp_path)
    r = run("import", "--workspace", ws, "--case", "D1", "--json",
            str(DUPS / "sw_calls.csv"), str(DUPS / "hv_calls.csv"), home=tmp_path)  # fmt: skip
    report = json.loads(r.stdout)
    t = report["totals"]
    assert t["possible_duplicates"] == 6 and t["duplicates"] == 1
    assert t["rows"] == t["imported"] + t["duplicates"] + t["already_imported"] + t["quarantined"]

    def pairs() -> list[dict]:
        out = run("duplicates", "--workspace", ws, "--case", "D1", "--json", home=tmp_path)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    listed = pairs()
    waiting = [p for p in listed if p["status"] == "possible"]
    assert len(waiting) == 6 and all(
        {"id", "a", "b", "reasons", "status"} <= set(p) for p in listed
    )
    first, second = waiting[0]["id"], waiting[1]["id"]
    ok = run("duplicates", "confirm", "--workspace", ws, "--case", "D1", "--pair", str(first),
             home=tmp_path)  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    ok = run("duplicates", "reject", "--workspace", ws, "--case", "D1", "--pair", str(second),
             home=tmp_path)  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    status = {p["id"]: p["status"] for p in pairs()}
    assert (status[first], status[second]) == ("confirmed", "rejected")
    entries = json.loads(
        run("entries", "--workspace", ws, "--case", "D1", "--json", home=tmp_path).stdout
    )
    confirmed = next(p for p in listed if p["id"] == first)
    by_id = {e["id"]: e for e in entries}
    assert by_id[confirmed["b"]]["duplicate_of"] == confirmed["a"]
    again = json.loads(
        run(
            "import",
            "--workspace",
            ws,
            "--case",
            "D1",
            "--json",
            str(DUPS / "sw_calls.csv"),
            str(DUPS / "hv_calls.csv"),
            home=tmp_path,
        ).stdout  # fmt: skip
    )["totals"]
    assert (again["imported"], again["duplicates"], again["possible_duplicates"]) == (0, 0, 0)
    assert {p["id"]: p["status"] for p in pairs()}[second] == "rejected"
    bad = run("duplicates", "confirm", "--workspace", ws, "--case", "D1", "--pair", "999",
              home=tmp_path)  # fmt: skip
    assert bad.returncode != 0 and "999" in bad.stderr and "Traceback" not in bad.stderr


def _police(folder: Path, name: str, summary: str) -> Path:
    path = folder / name
    path.write_text(
        "Log Number,Reported,Incident Type,Officer,Summary\n"
        f"QX-2024-0517,14/05/2024 21:10,Domestic Incident,PC 418 Hollins,{summary}\n"
        "QX-2024-0602,02/06/2024 08:05,Concern for welfare,PC 418 Hollins,Welfare check.\n",
        encoding="utf-8",
    )
    return path


def test_an_updated_export_of_the_same_record_is_linked_by_its_reference(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    options = ImportOptions(agency="Marlstone Police")
    first = _police(tmp_path, "log_may.csv", "Neighbour reported shouting at the flat.")
    later = _police(
        tmp_path, "log_june.csv", "Neighbour reported shouting at the flat; officers attended."
    )
    run_import(ws, case.id or 0, [first], options)
    (report,) = run_import(ws, case.id or 0, [later], options)
    assert report.duplicates == 1 and report.already_imported == 1  # the unchanged row
    a, b = _entry(ws, case, "log_may.csv", 1), _entry(ws, case, "log_june.csv", 1)
    assert _linked(ws, a, b)
    pair = _pair_of(ws, case, a, b)
    assert pair is not None and pair.automatic
    assert any("reference QX-2024-0517" in r for r in pair.reasons)


def test_the_same_reference_with_a_weapon_added_still_waits_for_the_worker(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    options = ImportOptions(agency="Marlstone Police")
    first = _police(tmp_path, "log_may.csv", "Neighbour reported shouting at the flat.")
    later = _police(tmp_path, "log_june.csv", "Neighbour reported shouting; a knife was found.")
    run_import(ws, case.id or 0, [first], options)
    (report,) = run_import(ws, case.id or 0, [later], options)
    a, b = _entry(ws, case, "log_may.csv", 1), _entry(ws, case, "log_june.csv", 1)
    assert report.duplicates == 0 and not _linked(ws, a, b)
    pair = _pair_of(ws, case, a, b)
    assert pair is not None and pair.status == "possible"
    assert any("weapon" in r for r in pair.reasons)
