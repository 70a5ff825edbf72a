"""The demo case: a fictional family built through the real import pipeline, for trying the app.

Elsie Marlow (born 14/05/2021) lives with her mother Hannah, who has depression and PTSD and was
abused by Elsie's father Craig Dunmore. Open to Wrexley Borough Council as Child in Need from June
2023; Craig applies for contact; Child in Need meetings lapse during the proceedings; Hannah tells
the health visitor of a conditional threat (12/06/2024); a strategy discussion follows; on
04/12/2024 the court grants Craig unsupported contact, which trips the primary risk's trip-wire.
Everything in it is invented: names, council, trust, police force, addresses, references.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from chronology.cases import add_case, add_person, update_case
from chronology.entries import EntryFilter, list_entries, update_entry
from chronology.models import Case, Person, Significance
from chronology.workspace import APP_ID, Workspace

log = logging.getLogger(__name__)

DEMO_REF = "WBC-DEMO-0605"
CHILD = "Elsie Marlow"
CHILD_DOB = "2021-05-14"
WORKER = "Leanne Okafor"
TEAM_MANAGER = "Martin Ellery"
COUNCIL = "Wrexley Borough Council"
CASE_DETAILS: dict[str, object] = {
    "worker": WORKER,
    "role": "Social Worker",
    "employer": COUNCIL,
    "team_manager": TEAM_MANAGER,
    "court": "Family Court sitting at Wrexley",
    "court_case_number": "WX23P00417",
    "party": "the Local Authority",
    "statement_number": 1,
    "proceedings": "private",
    "legal_status": "Child in Need",
}
# (name, role, address, phone, confidential): the mother's address is withheld from Craig.
PEOPLE: tuple[tuple[str, str, str, str, bool], ...] = (
    ("Hannah Marlow", "Mother", "Flat 2, 41 Aldergate, Wrexley WX2 9LP", "07700 900318", True),
    ("Craig Dunmore", "Father", "27 Sorrel Way, Wrexley WX3 5RB", "07700 900764", False),
    (
        "Patricia Marlow",
        "Maternal grandmother",
        "5 Thornbury Road, Wrexley WX1 3HD",
        "07700 900127",
        False,
    ),
)
# (file in resources/demo, agency its records are filed under), in import order.
SOURCES: tuple[tuple[str, str], ...] = (
    ("social_care_case_notes.csv", "Wrexley Children's Services"),
    ("health_visiting.csv", "Wrexley Health Visiting"),
    ("appointments.ics", "Health appointments (calendar)"),
    ("nursery_observations.xlsx", "Rowan Tree Day Nursery"),
    ("police_log.csv", "Southmere Police"),
)


@dataclass(frozen=True)
class Mark:
    """A phrase that finds entries to mark, and how to mark them."""

    phrase: str
    significance: Significance
    in_court: bool = False
    analysis: str = ""


KEY, SIGNIFICANT = Significance.KEY, Significance.SIGNIFICANT
MARKS: tuple[Mark, ...] = (
    Mark("Craig Dunmore arrested for assault", KEY, True),
    Mark("Assessment concluded", SIGNIFICANT, True),
    Mark("Initial Child in Need meeting", SIGNIFICANT),
    Mark("Daddy shout", SIGNIFICANT),
    Mark("applied to the family court for a child arrangements order", KEY, True),
    Mark("First Hearing Dispute Resolution Appointment", SIGNIFICANT, True),
    Mark(
        "review due in January is to be deferred",
        SIGNIFICANT,
        False,
        "From here no Child in Need meeting was held until 26/06/2024, although the health "
        "visitor asked for one on 17/01/2024.",
    ),
    Mark("convicted of assault by beating", SIGNIFICANT, True),
    Mark("Section 7 report filed and served", SIGNIFICANT, True),
    Mark("Court adopted the section 7 recommendation", SIGNIFICANT, True),
    Mark(
        "end it for both of us",
        KEY,
        True,
        "A conditional threat: Hannah links harm to herself and Elsie to one change of "
        "circumstances (Craig having unsupervised time with Elsie). It is important but not "
        "urgent while contact is supervised, and must be reviewed if contact changes.",
    ),
    Mark("section 47 threshold not met", KEY, True),
    Mark("First Child in Need meeting since", SIGNIFICANT),
    Mark("saying she could not go on", KEY, True),
    Mark("move to supported contact at the contact centre", SIGNIFICANT, True),
    Mark(
        "unsupported contact on alternate Saturdays",
        KEY,
        True,
        "This is the change of circumstances the strategy discussion of 13/06/2024 said must "
        "trigger a review of the conditional threat.",
    ),
    Mark("thoughts she shared in June", SIGNIFICANT),
    Mark("verbal argument between parents", SIGNIFICANT, True),
)

THREAT_TRIPWIRES = (
    "unsupported contact",
    "unsupervised contact",
    "overnight contact",
)
THREAT_EVIDENCE = (
    "end it for both of us",
    "section 47 threshold not met",
    "saying she could not go on",
)
ABUSE_EVIDENCE = (
    "Craig Dunmore arrested for assault",
    "arrested for breach of bail",
    "convicted of assault by beating",
    "abusive text messages",
)

NARRATIVE: dict[str, str] = {
    "introduction": (
        "I am the allocated social worker for Elsie Marlow, employed by Wrexley Borough Council. "
        "This summary draws on the records of children's social care, health visiting, Elsie's "
        "health appointments, Rowan Tree Day Nursery and Southmere Police between June 2023 and "
        "February 2025."
    ),
    "background": (
        "Elsie has lived with her mother, Hannah Marlow, since birth. Hannah has a history of "
        "depression and post-traumatic stress disorder. In June 2023 Elsie's father, Craig "
        "Dunmore, assaulted Hannah in Elsie's presence; Hannah and Elsie moved to a refuge and, "
        "in February 2024, to a flat whose address is kept confidential. Elsie has been open as "
        "a Child in Need since July 2023. Craig applied for a child arrangements order in October "
        "2023."
    ),
    "current_circumstances": (
        "On 04/12/2024 the court ordered that Craig have unsupported contact with Elsie on "
        "alternate Saturdays from 11/01/2025. The first handover ended in an argument that "
        "police attended. Hannah presents as low and withdrawn; she declined to discuss the "
        "thoughts she disclosed in June 2024. Elsie is thriving at nursery and her speech has "
        "caught up."
    ),
    "analysis": (
        "On 12/06/2024 Hannah said that if Craig were given unsupervised contact she would have "
        "no choice but to end her own and Elsie's lives. That condition has now been met. The "
        "risk was reviewed in June 2024, when contact was supervised, and not since. Child in "
        "Need meetings lapsed for over eight months during the proceedings. Protective factors "
        "remain (Patricia Marlow's daily support, nursery, Hannah's engagement with mental "
        "health services), but the change of circumstances calls for a fresh assessment now."
    ),
    "recommendations": (
        "A strategy discussion is convened this week to review the conditional threat in the "
        "light of the order. Hannah's mental health is reassessed by the community mental "
        "health team. Child in Need meetings continue every 12 weeks whatever the state of the "
        "proceedings. The court is informed of the conditional threat and the risk it poses "
        "to Elsie."
    ),
}


def is_demo_workspace(path: Path) -> bool:
    """True if the file is a Throughline workspace holding only the demo case."""
    try:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return False
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APP_ID:
                return False
            refs = [r[0] for r in conn.execute("SELECT ref FROM cases")]
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False
    return refs == [DEMO_REF]


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]


def _clear(path: Path) -> None:
    """Make way for a new demo: only an old demo (or an empty file) is ever removed."""
    if path.is_dir():
        raise ValueError(f"{path} is a folder: give a file name for the demo workspace")
    if path.exists() and path.stat().st_size > 0 and not is_demo_workspace(path):
        raise ValueError(
            f"{path} already exists and is not a demo workspace: it was left untouched; "
            "choose another file for the demo"
        )
    for p in (path, *_sidecars(path)):
        p.unlink(missing_ok=True)


def build_demo(path: Path) -> str:
    """Build a fresh demo workspace at ``path`` and return the demo case's reference."""
    path = Path(path).expanduser()
    _clear(path)
    building = path.with_name(path.name + ".building")
    for p in (building, *_sidecars(building)):
        p.unlink(missing_ok=True)
    try:
        with Workspace.open(building, create=True) as ws:
            case = _fill(ws)
            # Fold the write-ahead log into the file so that the file alone can be moved.
            ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        building.replace(path)
    except BaseException:
        for p in (building, *_sidecars(building)):
            p.unlink(missing_ok=True)
        raise
    log.info("demo workspace built")
    return case.ref


def _fill(ws: Workspace) -> Case:
    """Add the case, its people, its imported records, marks, risks and narrative."""
    case = add_case(ws, DEMO_REF, CHILD, CHILD_DOB)
    case = update_case(ws, DEMO_REF, **CASE_DETAILS)
    case_id = case.id or 0
    for name, role, address, phone, confidential in PEOPLE:
        add_person(ws, Person(case_id, name, role, address, phone, confidential))
    import_sources(ws, case_id)
    mark_entries(ws, case_id)
    if _summary_available():
        add_demo_risks(ws, case)
        add_demo_narrative(ws, case)
    else:
        log.warning("demo: the summary package is missing; built without risks or narrative")
    return case


def _summary_available() -> bool:
    try:
        import summary.narrative  # noqa: F401
        import summary.risks  # noqa: F401
    except ImportError:
        return False
    return True


def import_sources(ws: Workspace, case_id: int) -> list[object]:
    """Import the demo's agency exports through the real pipeline, one batch per file."""
    from chronology.importers.pipeline import ImportOptions, run_import

    folder = resources.files("resources.demo")
    reports: list[object] = []
    with contextlib.ExitStack() as stack:
        for name, agency in SOURCES:
            file = stack.enter_context(resources.as_file(folder / name))
            for report in run_import(ws, case_id, [file], ImportOptions(agency=agency)):
                if report.error:
                    raise RuntimeError(f"demo file {name} did not import: {report.error}")
                reports.append(report)
    return reports


def find_entries(ws: Workspace, case_id: int, phrase: str) -> list[int]:
    """Ids of the entries whose summary or text contain ``phrase`` (case-insensitive)."""
    wanted = phrase.lower()
    return [
        e.id or 0
        for e in list_entries(ws, case_id, EntryFilter(search=phrase))
        if wanted in f"{e.summary}\n{e.text}".lower()
    ]


def mark_entries(ws: Workspace, case_id: int) -> int:
    """Mark the story's turning points significant or key, and for the court chronology."""
    marked = 0
    for mark in MARKS:
        ids = find_entries(ws, case_id, mark.phrase)
        if not ids:
            log.warning("demo: no entry holds %r", mark.phrase)
        for entry_id in ids:
            changes: dict[str, object] = {"significance": mark.significance.value}
            if mark.in_court:
                changes["in_court"] = True
            if mark.analysis:
                changes["analysis"] = mark.analysis
            update_entry(ws, entry_id, who=WORKER, **changes)
            marked += 1
    return marked


def add_demo_risks(ws: Workspace, case: Case) -> list[int]:
    """Add the primary conditional-threat risk and a domestic-abuse risk; returns their ids."""
    from summary.risks import Risk, Urgency, add_evidence, add_risk

    case_id = case.id or 0
    threat = add_risk(
        ws,
        Risk(
            case_id=case_id,
            title="Conditional threat: Hannah may harm herself and Elsie if contact changes",
            if_text="Craig Dunmore is granted unsupervised or unsupported contact with Elsie",
            then_text="Hannah Marlow may act on her threat to end her own life and Elsie's",
            category="conditional threat",
            to_whom="Elsie Marlow; Hannah Marlow",
            from_whom="Hannah Marlow",
            urgency=Urgency.IMPORTANT,
            primary=True,
            review_days=84,
            identified_on="2024-06-12",
            phrases=list(THREAT_TRIPWIRES),
        ),
        reviewed="2024-06-26",
        reviewed_by=WORKER,
        note="Reviewed at the reconvened Child in Need meeting: contact is supervised, a safety "
        "plan is in place and Pat checks in daily. Review again on any change to contact.",
        who=WORKER,
    )
    abuse = add_risk(
        ws,
        Risk(
            case_id=case_id,
            title="Domestic abuse by Craig Dunmore",
            if_text="Craig Dunmore meets Hannah at handovers or finds out where she lives",
            then_text="Hannah and Elsie may suffer further abuse, harassment or fear of it",
            category="domestic abuse",
            to_whom="Hannah Marlow; Elsie Marlow",
            from_whom="Craig Dunmore",
            urgency=Urgency.IMPORTANT,
            identified_on="2023-06-05",
            phrases=["domestic incident", "harassment", "breach", "assault", "non-molestation"],
            entry_types=["incident"],
        ),
        reviewed="2024-09-18",
        reviewed_by=WORKER,
        note="Reviewed at the Child in Need meeting: restraining order in place; no incident "
        "since March; contact supervised at the centre.",
        who=WORKER,
    )
    for risk_id, phrases in (
        (threat.id or 0, THREAT_EVIDENCE),
        (abuse.id or 0, ABUSE_EVIDENCE),
    ):
        for phrase in phrases:
            for entry_id in find_entries(ws, case_id, phrase):
                add_evidence(ws, risk_id, entry_id, who=WORKER)
    return [threat.id or 0, abuse.id or 0]


def add_demo_narrative(ws: Workspace, case: Case) -> None:
    """Write the worker's narrative sections of the summary and statement."""
    from summary.narrative import set_narrative

    for section, text in NARRATIVE.items():
        set_narrative(ws, case.ref, section, text, who=WORKER)
