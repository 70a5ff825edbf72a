"""Cases, their children and the people around them."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict

from chronology.models import Case, Child, Party, Person
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


class CaseError(ValueError):
    """A case that does not exist, or a change a case cannot take."""


def add_case(ws: Workspace, ref: str, child: str, dob: str | None = None, **fields: object) -> Case:
    """Create a case with its first child; the reference must be new."""
    ref = ref.strip()
    if not ref:
        raise CaseError("a case needs a reference")
    if not child.strip():
        raise CaseError("a case needs the child's name")
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
    if "parties" in fields and fields["parties"] is not None:
        fields["parties"] = [
            asdict(p) if isinstance(p, Party) else dict(p)  # type: ignore[call-overload]
            for p in fields["parties"]  # type: ignore[attr-defined]
        ]
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
    with ws.transaction() as c:
        cur = c.execute(
            "INSERT INTO children(case_id, name, dob) VALUES (?,?,?)", (case_id, name, dob)
        )
        ws.record_history("children", int(cur.lastrowid or 0), "create", None, {"name": name})
    return Child(name=name, dob=dob, id=cur.lastrowid)


def add_person(ws: Workspace, person: Person) -> Person:
    """Record someone around the child; a confidential address is withheld from exports."""
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
