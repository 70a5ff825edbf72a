"""The command line for what the court sees: selection, exclusions, bundle, the child's voice,
agencies, contact details, parties, and the page count before export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from court_case_gen import GeneratedCase, add_primary_risk, make_case

from chronology.workspace import Workspace
from main import main


@pytest.fixture
def g(ws: Workspace, tmp_path: Path) -> GeneratedCase:
    made = make_case(ws, tmp_path, 7)
    add_primary_risk(ws, made)
    return made


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_court_list_exclude_restore_and_bundle(
    ws: Workspace, g: GeneratedCase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    base = ("--workspace", str(ws.path), "--case", g.ref)
    code, out, _ = run(capsys, "court", "list", *base, "--json")
    listed = json.loads(out)
    assert code == 0 and listed["period"]["basis"] == "the start of the proceedings"
    threat = next(e for e in listed["events"] if g.threat_entry in e["entries"])
    assert any("evidence of the primary risk" in w for w in threat["why"])
    code, _, err = run(
        capsys, "court", "exclude", *base, "--entry", str(g.threat_entry), "--reason", " "
    )
    assert code == 2 and "needs a reason" in err
    assert (
        run(
            capsys,
            "court",
            "exclude",
            *base,
            "--entry",
            str(g.referral_entry),
            "--reason",
            "duplicate of the social care record",
        )[0]
        == 0
    )
    listed = json.loads(run(capsys, "court", "list", *base, "--json")[1])
    assert [x["entry"] for x in listed["excluded"]] == [g.referral_entry]
    assert not any(g.referral_entry in e["entries"] for e in listed["events"])
    assert run(capsys, "court", "restore", *base, "--entry", str(g.referral_entry))[0] == 0
    index = tmp_path / "bundle.csv"
    index.write_text(f"entry,page\n{g.threat_entry},E12\n{g.referral_entry},E14\n")
    code, out, _ = run(capsys, "court", "bundle", *base, "--index", str(index))
    assert code == 0 and "2 bundle pages" in out
    code, _, err = run(capsys, "court", "bundle", *base, "--entry", "999999", "--page", "A1")
    assert code == 2 and "no entry 999999" in err


def test_child_voice_agencies_and_contact_details(
    ws: Workspace, g: GeneratedCase, capsys: pytest.CaptureFixture[str]
):
    base = ("--workspace", str(ws.path), "--case", g.ref)
    said = ws.conn.execute(
        "SELECT id FROM entries WHERE case_id=? AND text LIKE '%want to stay%'", (g.case.id,)
    ).fetchone()[0]
    assert run(capsys, "child-voice", *base, "--entry", str(said))[0] == 0
    tagged = json.loads(run(capsys, "child-voice", *base, "--json")[1])
    assert [e["id"] for e in tagged] == [said] and tagged[0]["child_voice"] is True
    agencies = json.loads(run(capsys, "agencies", *base, "--json")[1])
    assert g.health in [a["name"] for a in agencies["unplaced"]]
    assert (
        run(capsys, "agency", "add", *base, "--name", "Health visiting", "--alias", g.health)[0]
        == 0
    )
    agencies = json.loads(run(capsys, "agencies", *base, "--json")[1])
    assert agencies["agencies"][0]["aliases"] == [g.health]
    assert agencies["agencies"][0]["entries"] == 5
    details = json.loads(run(capsys, "contact-details", "list", *base, "--json")[1])
    address = next(d for d in details if d["kind"] == "address")
    assert g.address_street in address["value"] and address["status"] == "undecided"
    assert (
        run(
            capsys,
            "contact-details",
            "mark",
            *base,
            "--id",
            str(address["id"]),
            "--not-confidential",
        )[0]
        == 0
    )
    left = json.loads(run(capsys, "contact-details", "list", *base, "--json")[1])
    assert address["id"] not in [d["id"] for d in left]


def test_parties_work_address_and_page_count(
    ws: Workspace, g: GeneratedCase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    base = ("--workspace", str(ws.path), "--case", g.ref)
    assert (
        run(
            capsys,
            "case",
            "edit",
            "--workspace",
            str(ws.path),
            "--case",
            g.ref,
            "--applicant",
            "A Parent",
            "--respondent",
            "B Parent",
            "--respondent",
            "The Child (by the guardian)",
            "--work-address",
            "1 Civic Way",
        )[0]
        == 0
    )
    from chronology.cases import get_case

    case = get_case(ws, g.ref)
    assert [(p.name, p.role) for p in case.parties] == [
        ("A Parent", "applicant"),
        ("B Parent", "respondent"),
        ("The Child (by the guardian)", "respondent"),
    ]
    assert case.work_address == "1 Civic Way"
    code, out, _ = run(
        capsys,
        "export",
        *base,
        "--document",
        "court-chronology",
        "--format",
        "pdf",
        "--count-pages",
        "--json",
    )
    counted = json.loads(out)
    assert code == 0 and counted["page_limit"] == 10
    assert not list(tmp_path.glob("*.pdf"))  # nothing written
    out_file = tmp_path / "cc.pdf"
    code, out, _ = run(
        capsys,
        "export",
        *base,
        "--document",
        "court-chronology",
        "--format",
        "pdf",
        "--output",
        str(out_file),
        "--json",
    )
    assert json.loads(out)["pages"] == counted["pages"]
