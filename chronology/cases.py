"""Cases, their children and the people around them."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import asdict

from chronology.date_value import UnreadableDate
from chronology.dates import parse_date
from chronology.models import Case, Child, Party, Person, Precision
from chronology.names import MAX_NAME, MAX_REFERENCE, NameRefused, check_text
from chronology.workspace import Workspace, now_iso

CASE_FIELDS = (
    "legal_status",
    "proceedings",
    "court",
    "court_case_number",
    "party",
    "statement_number",
    "worker",
    "role",
    "employer",
    "team_manager",
    "work_address",
)
PROCEEDINGS = ("private", "public", "none")
CHILD_AGE_LIMIT = 18  # children's services work with children; older means a mistyped year


class CaseError(ValueError):
    """A case that does not exist, or a change a case cannot take."""


# What each text field of a case is called in a refusal, and how long it may be.
_TEXT_FIELDS = {
    "court": ("court", MAX_NAME),
    "court_case_number": ("court case number", MAX_REFERENCE),
    "party": ("party", MAX_NAME),
    "worker": ("worker's name", MAX_NAME),
    "role": ("worker's role", MAX_NAME),
    "employer": ("employer", MAX_NAME),
    "team_manager": ("team manager's name", MAX_NAME),
    "legal_status": ("legal status", MAX_NAME),
}


def checked(value: str, what: str, most: int = MAX_NAME) -> str:
    """A reference or name stripped, or CaseError: no control or bidi character, not too long."""
    try:
        return check_text(value, what, most)
    except NameRefused as exc:
        raise CaseError(str(exc)) from None


def add_case(ws: Workspace, ref: str, child: str, dob: str | None = None, **fields: object) -> Case:
    """Create a case with its first child; the reference must be new."""
    ref = checked(ref, "case reference", MAX_REFERENCE)
    if not ref:
        raise CaseError("a case needs a reference")
    if not checked(child, "child's name"):
        raise CaseError("a case needs the child's name")
    dob = check_dob(dob)
    stamp = now_iso()
    with ws.transaction() as c:
        try:
            cur = c.execute(
                "INSERT INTO cases(ref, created_at, updated_at) VALUES (?,?,?)", (ref, stamp, stamp)
            )
        except sqlite3.IntegrityError:
            raise CaseError(f"a case with reference {ref!r} already exists") from None
        case_id = int(cur.lastrowid or 0)
        c.execute(
            "INSERT INTO children(case_id, name, dob) VALUES (?,?,?)", (case_id, child.strip(), dob)
        )
        ws.record_history("cases", case_id, "create", None, {"ref": ref, "child": child})
        if fields:
            update_case(ws, ref, **fields)
    return get_case(ws, ref)


def update_case(ws: Workspace, ref: str, **fields: object) -> Case:
    """Change a case's details; every change is kept in history."""
    case = get_case(ws, ref)
    unknown = set(fields) - set(CASE_FIELDS) - {"cadence", "parties"}
    if unknown:
        raise CaseError(f"unknown case field(s): {', '.join(sorted(unknown))}")
    if "proceedings" in fields and fields["proceedings"] not in PROCEEDINGS:
        raise CaseError(f"proceedings must be one of {', '.join(PROCEEDINGS)}")
    for key, (what, most) in _TEXT_FIELDS.items():
        if isinstance(fields.get(key), str):
            fields[key] = checked(str(fields[key]), what, most)
    if isinstance(fields.get("work_address"), str):
        for line in str(fields["work_address"]).split("\n"):
            checked(line, "work address")  # it may run over several lines
    if "parties" in fields and fields["parties"] is not None:
        fields["parties"] = [
            asdict(p) if isinstance(p, Party) else dict(p)  # type: ignore[call-overload]
            for p in fields["parties"]  # type: ignore[attr-defined]
        ]
        for party in fields["parties"]:  # type: ignore[attr-defined]
            party["name"] = checked(str(party.get("name", "")), "party's name")
            party["role"] = checked(str(party.get("role", "")), "party's role")
    old = {
        k: [asdict(p) for p in case.parties] if k == "parties" else getattr(case, k) for k in fields
    }
    values = {
        k: (json.dumps(v) if k in ("cadence", "parties") else v)
        for k, v in fields.items()
        if v is not None
    }
    if not values:
        return case
    sets = ", ".join(f"{k}=?" for k in values)
    with ws.transaction() as c:
        c.execute(
            f"UPDATE cases SET {sets}, updated_at=? WHERE id=?",
            (*values.values(), now_iso(), case.id),
        )
        ws.record_history("cases", case.id or 0, "update", old, fields)
    return get_case(ws, ref)


def _case_from_row(ws: Workspace, row: sqlite3.Row | tuple, cols: list[str]) -> Case:
    data = dict(zip(cols, row, strict=True))
    kids = [
        Child(name=n, dob=d, id=i)
        for i, n, d in ws.conn.execute(
            "SELECT id, name, dob FROM children WHERE case_id=? ORDER BY id", (data["id"],)
        )
    ]
    data["cadence"] = json.loads(data.get("cadence") or "{}")
    data["parties"] = [
        Party(str(p.get("name", "")), str(p.get("role", "")))
        for p in json.loads(data.get("parties") or "[]")
        if isinstance(p, dict)
    ]
    return Case(children=kids, **data)


def get_case(ws: Workspace, ref: str) -> Case:
    """The case with this reference, or CaseError naming it."""
    cur = ws.conn.execute("SELECT * FROM cases WHERE ref=?", (ref,))
    row = cur.fetchone()
    if row is None:
        raise CaseError(f"no case with reference {ref!r} in this workspace")
    return _case_from_row(ws, row, [d[0] for d in cur.description])


def get_case_by_id(ws: Workspace, case_id: int) -> Case:
    cur = ws.conn.execute("SELECT * FROM cases WHERE id=?", (case_id,))
    row = cur.fetchone()
    if row is None:
        raise CaseError(f"no case with id {case_id}")
    return _case_from_row(ws, row, [d[0] for d in cur.description])


def list_cases(ws: Workspace) -> list[Case]:
    cur = ws.conn.execute("SELECT * FROM cases ORDER BY ref")
    cols = [d[0] for d in cur.description]
    return [_case_from_row(ws, row, cols) for row in cur.fetchall()]


def add_child(ws: Workspace, case_id: int, name: str, dob: str | None = None) -> Child:
    """Add a child to a case (a sibling); the name is needed, the date of birth may be unknown."""
    if not checked(name, "child's name"):
        raise CaseError("a child needs a name")
    name, dob = name.strip(), check_dob(dob)
    with ws.transaction() as c:
        cur = c.execute(
            "INSERT INTO children(case_id, name, dob) VALUES (?,?,?)", (case_id, name, dob)
        )
        ws.record_history(
            "children", int(cur.lastrowid or 0), "create", None, {"name": name, "dob": dob}
        )
    return Child(name=name, dob=dob, id=cur.lastrowid)


def check_dob(dob: str | None) -> str | None:
    """A date of birth as an ISO date, None when unknown; CaseError when it is not a date."""
    if dob is None or not str(dob).strip():
        return None
    try:
        return dt.date.fromisoformat(str(dob).strip()).isoformat()
    except ValueError:
        raise CaseError(f"the date of birth {dob!r} is not a date (YYYY-MM-DD)") from None


def read_dob(text: str) -> str | None:
    """A date of birth as typed (UK day-first: 14/05/2021, 14 May 2021, 2021-05-14) as an ISO
    date; None when left empty; CaseError when it is not one exact day."""
    if not text.strip():
        return None
    try:
        value = parse_date(text.strip())
    except UnreadableDate as exc:
        raise CaseError(f"the date of birth {text.strip()!r} cannot be read: {exc}") from None
    if value.precision != Precision.DAY or value.approximate or value.end is not None:
        raise CaseError(
            f"the date of birth {text.strip()!r} is not one exact day: type it as 14/05/2021"
        )
    return value.iso_date


def dob_warning(dob: str | None, today: dt.date) -> str:
    """Why a date of birth looks wrong for a child (a warning to confirm), or '' when plausible."""
    if not dob:
        return ""
    born = dt.date.fromisoformat(dob)
    if born > today:
        return (
            f"{born:%d/%m/%Y} is in the future: is this an unborn baby's expected date of "
            "delivery? Otherwise check the year."
        )
    if born == today:
        return "the date of birth is today's date: check it was typed, not left as it came."
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if years >= CHILD_AGE_LIMIT:
        return f"born {born:%d/%m/%Y}, the child would be {years} years old: check the year."
    return ""


def get_child(ws: Workspace, child_id: int) -> Child:
    row = ws.conn.execute("SELECT name, dob, id FROM children WHERE id=?", (child_id,)).fetchone()
    if row is None:
        raise CaseError(f"no child with id {child_id}")
    return Child(*row)


def update_child(
    ws: Workspace, child_id: int, name: str, dob: str | None, who: str | None = None
) -> Child:
    """Correct a child's name or date of birth (None: not known); the change is kept in history."""
    if not checked(name, "child's name"):
        raise CaseError("a child needs a name")
    dob = check_dob(dob)
    old = get_child(ws, child_id)
    new = Child(name=name.strip(), dob=dob, id=child_id)
    if (old.name, old.dob) == (new.name, new.dob):
        return old
    with ws.transaction() as c:
        c.execute("UPDATE children SET name=?, dob=? WHERE id=?", (new.name, new.dob, child_id))
        ws.record_history(
            "children",
            child_id,
            "update",
            {"name": old.name, "dob": old.dob},
            {"name": new.name, "dob": new.dob},
            who,
        )
    return new


def child_history(
    ws: Workspace, child_id: int
) -> list[tuple[str, str, str, str | None, str | None]]:
    """(when, who, action, old, new) for one child's record, oldest first."""
    return ws.conn.execute(
        "SELECT at, who, action, old, new FROM history WHERE tbl='children' AND row_id=? "
        "ORDER BY id",
        (child_id,),
    ).fetchall()


def add_person(ws: Workspace, person: Person) -> Person:
    """Record someone around the child; a confidential address is withheld from exports."""
    _check_person(person)
    if not person.name.strip():
        raise CaseError("a person needs a name")
    with ws.transaction() as c:
        cur = c.execute(
            "INSERT INTO people(case_id, name, role, address, phone, confidential) "
            "VALUES (?,?,?,?,?,?)",
            (
                person.case_id,
                person.name,
                person.role,
                person.address,
                person.phone,
                int(person.confidential),
            ),
        )
        person.id = int(cur.lastrowid or 0)
        ws.record_history("people", person.id, "create", None, asdict(person))
    return person


def update_person(ws: Workspace, person: Person) -> Person:
    _check_person(person)
    old = get_person(ws, person.id or 0)
    with ws.transaction() as c:
        c.execute(
            "UPDATE people SET name=?, role=?, address=?, phone=?, confidential=? WHERE id=?",
            (
                person.name,
                person.role,
                person.address,
                person.phone,
                int(person.confidential),
                person.id,
            ),
        )
        ws.record_history("people", person.id or 0, "update", asdict(old), asdict(person))
    return person


def _check_person(person: Person) -> None:
    """A person's name, role and phone are checked; the address may run over several lines."""
    person.name = checked(person.name, "person's name")
    person.role = checked(person.role or "", "person's role")
    person.phone = checked(person.phone or "", "phone number", MAX_REFERENCE)
    address = person.address or ""
    for line in address.split("\n"):
        checked(line, "address")


def get_person(ws: Workspace, person_id: int) -> Person:
    row = ws.conn.execute(
        "SELECT case_id, name, role, address, phone, confidential, id FROM people WHERE id=?",
        (person_id,),
    ).fetchone()
    if row is None:
        raise CaseError(f"no person with id {person_id}")
    return Person(*row[:5], confidential=bool(row[5]), id=row[6])


def list_people(ws: Workspace, case_id: int) -> list[Person]:
    rows = ws.conn.execute(
        "SELECT case_id, name, role, address, phone, confidential, id FROM people "
        "WHERE case_id=? ORDER BY id",
        (case_id,),
    ).fetchall()
    return [Person(*r[:5], confidential=bool(r[5]), id=r[6]) for r in rows]
