"""Significance that means something: suggested from content and coding, with the reason kept,
confirmed or changed by the worker in bulk. Phrasings are generated, not copied from a case."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronology.cases import add_case
from chronology.entries import EntryFilter, get_entry, list_entries, update_entry
from chronology.importers.pipeline import run_import
from chronology.models import Case, EntryType, Significance
from chronology.significance import (
    confirm,
    missed_pattern_updates,
    review_list,
    set_level,
    suggest_again,
)
from chronology.significance_rules import must_show, suggest
from chronology.workspace import Workspace

PARENTS = ["Mum", "Dad", "The mother", "The father", "Stepdad", "Ms Arden", "Mr Bello"]
CHILDREN = ["the baby", "the children", "the boy", "the girl", "him", "her", "both of us"]
CONDITIONS = [
    "if the court gives him overnight stays",
    "unless the contact stops",
    "should the placement end",
    "if they take the kids away",
    "if he gets unsupervised time",
]
THREAT_ACTS = [
    "would have no choice but to kill {c}",
    "will end up hurting {c}",
    "is going to harm {c}",
    "would have no other option than to smother {c}",
    "could take {c} out of the picture",
]
NEUTRAL = [
    "Weighed at clinic, on the 9th centile.",
    "Discussed bedtime routine and screen time.",
    "Nursery place confirmed for September.",
    "Advised on teething gel and fluids.",
    "Reviewed the feeding plan; eating well.",
]


def threat_sentence(rnd: random.Random) -> str:
    who = rnd.choice(PARENTS)
    act = rnd.choice(THREAT_ACTS).format(c=rnd.choice(CHILDREN))
    cond = rnd.choice(CONDITIONS)
    if rnd.random() < 0.5:
        return f"{who} said that {cond} she {act}."
    return f"{who} told me she {act} {cond}."


@pytest.mark.parametrize("seed", range(25))
def test_generated_conditional_threats_are_key_whatever_the_note_is_typed(seed: int):
    rnd = random.Random(seed)
    kind = rnd.choice(
        [EntryType.APPOINTMENT_ATTENDED, EntryType.TELEPHONE_CALL, EntryType.HOME_VISIT]
    )
    note = " ".join([rnd.choice(NEUTRAL), threat_sentence(rnd), rnd.choice(NEUTRAL)])
    found = suggest(kind, "Contact", note)
    assert found.significance == Significance.KEY
    assert found.reason.startswith("a conditional threat to harm")
    assert found.type == EntryType.DISCLOSURE  # a better type than the contact's
    assert f"type: {kind.value} → disclosure" in found.reason


@given(st.lists(st.sampled_from(NEUTRAL), min_size=1, max_size=6))
@settings(max_examples=60)
def test_ordinary_notes_stay_routine_with_no_reason(sentences: list[str]):
    found = suggest(EntryType.HOME_VISIT, "Visit", " ".join(sentences))
    assert (found.significance, found.reason, found.type) == (
        Significance.ROUTINE,
        "",
        EntryType.HOME_VISIT,
    )


@pytest.mark.parametrize(
    "text",
    [
        "She said she would never hurt the baby.",
        "Denied any thoughts of harming herself or the children.",
        "No marks or bruising seen when changed.",
        "Referral to the dietitian sent today.",
        "Neighbour complained about loud music; words of advice given.",
        "Mum has no choice but to move to her sister's if the flat goes.",
    ],
)
def test_negations_and_ordinary_referrals_are_not_raised(text: str):
    found = suggest(EntryType.OTHER, "Note", text)
    assert found.significance == Significance.ROUTINE, found.reason


@pytest.mark.parametrize(
    ("kind", "text", "level", "reason", "must"),
    [
        (
            EntryType.TELEPHONE_CALL,
            "Rang the duty desk at children's social care to make a "
            "referral about today's comments.",
            "significant",
            "a referral",
            True,
        ),
        (
            EntryType.OTHER,
            "Threshold met for Section 47 enquiries.",
            "key",
            "a Section 47 enquiry",
            True,
        ),
        (
            EntryType.HOME_VISIT,
            "Joint visit agreed at the strategy meeting this morning.",
            "key",
            "a strategy discussion",
            True,
        ),
        (
            EntryType.COURT,
            "Listing: review in 6 weeks; interim supervision order made.",
            "key",
            "a court order",
            True,
        ),
        (
            EntryType.COURT,
            "Listed for a further hearing in the spring.",
            "significant",
            "a court hearing",
            True,
        ),
        (
            EntryType.INCIDENT,
            "Domestic incident. Partner arrested for assault at the flat.",
            "key",
            "the incident records",
            False,
        ),
        (
            EntryType.HOME_VISIT,
            "Fingertip bruising to both upper arms, no explanation given.",
            "significant",
            "an injury",
            False,
        ),
        (
            EntryType.APPOINTMENT_ATTENDED,
            "Child disclosed that his uncle hits him with a belt.",
            "significant",
            "a disclosure",
            False,
        ),
    ],
)
def test_safeguarding_events_are_found_with_their_reason(
    kind: EntryType, text: str, level: str, reason: str, must: bool
):
    found = suggest(kind, "Note", text)
    assert found.significance.value == level
    assert reason in found.reason
    assert found.must_show is must
    assert must_show(found.type, found.reason) is must


def test_the_sources_own_grading_counts_with_its_column_named():
    found = suggest(EntryType.OTHER, "Obs", "Played outside.", details="Risk rating: Amber")
    assert found.significance == Significance.SIGNIFICANT
    assert found.reason == "the source graded it 'Amber' (Risk rating)"
    assert suggest(EntryType.OTHER, "Obs", "x", details="Location: Amber Road").reason == ""


def test_missed_appointments_count_only_in_a_pattern():
    rows = [
        (1, "2024-01-05", "routine", "suggested"),
        (2, "2024-06-01", "routine", "suggested"),
        (3, "2024-06-20", "routine", "suggested"),
        (4, "2024-07-30", "routine", "confirmed"),  # the worker decided: left alone
        (5, "2024-12-01", "routine", "suggested"),
    ]
    updates = missed_pattern_updates(rows)
    assert set(updates) == {2, 3}
    assert "3 not brought between 01/06/2024 and 30/07/2024" in updates[2]


# ------------------------------------------------------------------ through the import


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Date", "Contact Type", "Outcome", "Notes"])
        w.writerows(rows)
    return path


@pytest.fixture
def imported(ws: Workspace, case: Case, tmp_path: Path) -> Case:
    rnd = random.Random(4)
    rows = [
        ["02/02/2024 10:00", "Clinic", "Attended", f"{rnd.choice(NEUTRAL)} {threat_sentence(rnd)}"],
        [
            "02/02/2024 15:30",
            "Telephone",
            "",
            "Phoned the police public protection desk and made a referral about the threat.",
        ],
        ["05/02/2024 09:00", "Home Visit", "Attended", "Noise complaint from the flat upstairs."],
        ["12/02/2024 09:00", "Clinic", "Was Not Brought", "Not brought to clinic."],
        ["04/03/2024 09:00", "Clinic", "Was Not Brought", "Not brought to clinic."],
        ["08/04/2024 09:00", "Clinic", "Was Not Brought", "Not brought to clinic."],
    ]
    path = _write_csv(tmp_path / "hv.csv", rows)
    (report,) = run_import(ws, case.id or 0, [path])
    assert report.error is None and report.imported == 6
    return case


def test_import_suggests_with_reasons_and_better_types(ws: Workspace, imported: Case):
    entries = list_entries(ws, imported.id or 0, EntryFilter())
    threat, referral, noise, *missed = entries
    assert (threat.type, threat.significance) == (EntryType.DISCLOSURE, Significance.KEY)
    assert threat.significance_reason.startswith("a conditional threat to harm: '")
    assert (referral.type, referral.significance) == (EntryType.REFERRAL, Significance.SIGNIFICANT)
    assert must_show(referral.type, referral.significance_reason)
    assert (noise.significance, noise.significance_reason) == (Significance.ROUTINE, "")
    assert all(m.significance == Significance.SIGNIFICANT for m in missed)
    assert all("missed appointments in a pattern" in m.significance_reason for m in missed)
    assert {e.significance_status for e in entries} == {"suggested"}


def test_the_worker_confirms_in_bulk_and_changes_with_a_reason(ws: Workspace, imported: Case):
    cid = imported.id or 0
    queue = review_list(ws, cid)
    assert len(queue) == 5  # the noise complaint found nothing: not in the queue
    n = confirm(ws, cid, [queue[0].entry_id, queue[1].entry_id], who="A. Worker")
    assert n == 2
    assert len(review_list(ws, cid)) == 3
    threat = get_entry(ws, queue[0].entry_id)
    assert (threat.significance_status, threat.significance_by) == ("confirmed", "A. Worker")
    assert threat.significance_at
    set_level(ws, cid, [queue[2].entry_id], "routine", who="A. Worker", reason="a single miss")
    changed = get_entry(ws, queue[2].entry_id)
    assert changed.significance == Significance.ROUTINE
    # the rules' reason is kept, the worker's after it
    assert changed.significance_reason.startswith("missed appointments in a pattern")
    assert changed.significance_reason.endswith("; set by A. Worker: a single miss")
    history = ws.conn.execute(
        "SELECT action, old, new FROM history WHERE tbl='entries' AND row_id=?",
        (queue[2].entry_id,),
    ).fetchall()
    assert history[-1][0] == "significance" and '"routine"' in history[-1][2]
    assert confirm(ws, cid, None, who="A. Worker") == 3  # the rest, routine ones included
    assert review_list(ws, cid) == []
    # a decision survives running the rules again
    assert suggest_again(ws, cid) == 0
    assert get_entry(ws, queue[2].entry_id).significance == Significance.ROUTINE


def test_editing_significance_is_a_confirmed_decision(ws: Workspace, imported: Case):
    first = list_entries(ws, imported.id or 0, EntryFilter())[2]
    after = update_entry(ws, first.id or 0, who="B. Manager", significance="key")
    assert (after.significance_status, after.significance_by) == ("confirmed", "B. Manager")


def test_significance_command_lists_confirms_and_sets(
    ws: Workspace, imported: Case, capsys: pytest.CaptureFixture[str]
):
    import json

    from main import main

    path = str(ws.path)
    assert (
        main(["significance", "list", "--workspace", path, "--case", imported.ref, "--json"]) == 0
    )
    listed = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in listed] == ["suggested"] * 5
    assert listed[0]["reason"].startswith("a conditional threat")
    ids = [str(r["id"]) for r in listed[:2]]
    assert (
        main(
            [
                "significance",
                "set",
                "--workspace",
                path,
                "--case",
                imported.ref,
                "--entry",
                ids[0],
                "--entry",
                ids[1],
                "--level",
                "key",
                "--reason",
                "central to the case",
                "--by",
                "C. Worker",
            ]
        )
        == 0
    )
    assert (
        main(["significance", "confirm", "--workspace", path, "--case", imported.ref, "--all"]) == 0
    )
    capsys.readouterr()
    assert (
        main(
            [
                "significance",
                "list",
                "--workspace",
                path,
                "--case",
                imported.ref,
                "--status",
                "confirmed",
                "--json",
            ]
        )
        == 0
    )
    done = json.loads(capsys.readouterr().out)
    assert {r["status"] for r in done} == {"confirmed"}
    assert [r["significance"] for r in done[:2]] == ["key", "key"]
    assert (
        main(["significance", "set", "--workspace", path, "--case", imported.ref, "--level", "key"])
        == 2
    )
    assert "--entry" in capsys.readouterr().err


def test_an_entry_of_another_case_cannot_be_changed(ws: Workspace, imported: Case):
    other = add_case(ws, "OTHER-1", "Someone Else")
    first = list_entries(ws, imported.id or 0, EntryFilter())[0]
    with pytest.raises(ValueError, match=f"no entry {first.id}"):
        set_level(ws, other.id or 0, [first.id or 0], "key")
