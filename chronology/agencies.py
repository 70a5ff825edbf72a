"""Agencies as agencies: a case's list of agencies, each with the other names it goes by.

Exports name a team in one place and the service in another ("Children in Need Team 2",
"Children's Services"); the worker says they are one agency and documents use its name. A person
is not an agency: a source column that names the mother or a registered person is shown as the
person who gave the information, and never counted among the agencies involved.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from chronology.workspace import Workspace

# Words that say a record came from a person around the child, not an organisation.
_PERSON_WORDS = re.compile(
    r"^(?:the )?(?:mother|mum|mom|father|dad|parent|parents|step-?(?:mother|father|dad|mum)"
    r"|(?:maternal |paternal )?(?:grand(?:mother|father|ma|pa|parent)s?|aunt|uncle)"
    r"|carer|foster carer|partner|ex-?partner|sibling|brother|sister|child|neighbour|friend"
    r"|self|family)(?:'s)?$",
    re.IGNORECASE,
)


class AgencyError(ValueError):
    """An agency change that cannot be made (an alias already used, an unknown agency)."""


@dataclass
class Agency:
    """One agency of a case, the names it goes by, and how many entries carry them."""

    name: str
    aliases: list[str] = field(default_factory=list)
    entries: int = 0
    id: int | None = None


@dataclass
class AgencyList:
    """The case's agencies, the names not yet placed, and the names that are people."""

    agencies: list[Agency]
    unplaced: list[tuple[str, int]]  # (name as in the entries, how many entries)
    people: list[tuple[str, int]]

    def resolve(self, name: str) -> str:
        """The agency a name in the entries belongs to (the name itself when not placed)."""
        key = _key(name)
        for agency in self.agencies:
            if key == _key(agency.name) or key in {_key(a) for a in agency.aliases}:
                return agency.name
        return name


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def is_person(name: str, people: list[str] | None = None) -> bool:
    """Whether a source column's 'agency' names a person, not an organisation."""
    text = " ".join(re.sub(r"\([^)]*\)", " ", name).split())  # "Mother (self-report)"
    if not text:
        return False
    if _PERSON_WORDS.match(text):
        return True
    return any(_key(text) == _key(p) for p in people or [] if p.strip())


def _names(ws: Workspace, case_id: int) -> list[tuple[str, int]]:
    return ws.conn.execute(
        "SELECT agency, count(*) FROM entries WHERE case_id=? AND status != 'undone' "
        "AND agency != '' GROUP BY agency ORDER BY agency",
        (case_id,),
    ).fetchall()


def agency_map(ws: Workspace, case_id: int) -> dict[str, str]:
    """Alias (case-folded) -> the agency's name, for every name the worker placed."""
    out: dict[str, str] = {}
    for agency_id, name in ws.conn.execute(
        "SELECT id, name FROM agencies WHERE case_id=?", (case_id,)
    ):
        out[_key(name)] = name
        for (alias,) in ws.conn.execute(
            "SELECT alias FROM agency_aliases WHERE agency_id=?", (agency_id,)
        ):
            out[_key(alias)] = name
    return out


def list_agencies(ws: Workspace, case_id: int) -> AgencyList:
    """The case's agencies with their aliases and counts; names not placed; people."""
    people = [r[0] for r in ws.conn.execute("SELECT name FROM people WHERE case_id=?", (case_id,))]
    counts = dict(_names(ws, case_id))
    mapping = agency_map(ws, case_id)
    agencies: list[Agency] = []
    for agency_id, name in ws.conn.execute(
        "SELECT id, name FROM agencies WHERE case_id=? ORDER BY name", (case_id,)
    ).fetchall():
        aliases = [
            r[0]
            for r in ws.conn.execute(
                "SELECT alias FROM agency_aliases WHERE agency_id=? ORDER BY alias", (agency_id,)
            )
        ]
        keys = {_key(name), *(_key(a) for a in aliases)}
        total = sum(n for raw, n in counts.items() if _key(raw) in keys)
        agencies.append(Agency(name, aliases, total, agency_id))
    unplaced, persons = [], []
    for raw, n in counts.items():
        if _key(raw) in mapping:
            continue
        (persons if is_person(raw, people) else unplaced).append((raw, n))
    return AgencyList(agencies, unplaced, persons)


def add_agency(ws: Workspace, case_id: int, name: str, aliases: list[str] | None = None) -> Agency:
    """Add an agency to the case (or give an existing one more aliases)."""
    name = " ".join(name.split())
    if not name:
        raise AgencyError("an agency needs a name")
    with ws.transaction() as c:
        row = c.execute(
            "SELECT id FROM agencies WHERE case_id=? AND name=?", (case_id, name)
        ).fetchone()
        if row is None:
            agency_id = int(
                c.execute(
                    "INSERT INTO agencies(case_id, name) VALUES (?,?)", (case_id, name)
                ).lastrowid
                or 0
            )
            ws.record_history("agencies", agency_id, "create", None, {"name": name})
        else:
            agency_id = row[0]
        for alias in aliases or []:
            _add_alias(ws, c, case_id, agency_id, name, alias)
    return next(a for a in list_agencies(ws, case_id).agencies if a.id == agency_id)


def _add_alias(
    ws: Workspace, c: sqlite3.Connection, case_id: int, agency_id: int, name: str, alias: str
) -> None:
    alias = " ".join(alias.split())
    if not alias or _key(alias) == _key(name):
        return
    taken = agency_map(ws, case_id).get(_key(alias))
    if taken and taken != name:
        raise AgencyError(f"'{alias}' is already a name of the agency '{taken}'")
    if taken:
        return
    c.execute(
        "INSERT INTO agency_aliases(case_id, agency_id, alias) VALUES (?,?,?)",
        (case_id, agency_id, alias),
    )
    ws.record_history("agencies", agency_id, "alias", None, {"alias": alias})


def remove_alias(ws: Workspace, case_id: int, alias: str) -> bool:
    """Say a name is no longer one of an agency's names."""
    with ws.transaction() as c:
        rows = c.execute(
            "SELECT id, agency_id, alias FROM agency_aliases WHERE case_id=?", (case_id,)
        ).fetchall()
        hit = next((r for r in rows if _key(r[2]) == _key(alias)), None)
        if hit is None:
            return False
        c.execute("DELETE FROM agency_aliases WHERE id=?", (hit[0],))
        ws.record_history("agencies", hit[1], "unalias", {"alias": hit[2]}, None)
    return True


__all__ = [
    "Agency",
    "AgencyError",
    "AgencyList",
    "add_agency",
    "agency_map",
    "is_person",
    "list_agencies",
    "remove_alias",
]
