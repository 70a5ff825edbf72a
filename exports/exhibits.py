"""Exhibit marks: the witness's initials and a number that runs on across their statements."""

from __future__ import annotations

from dataclasses import dataclass

from chronology.workspace import Workspace, now_iso


@dataclass(frozen=True)
class Exhibit:
    """One exhibit: "HO/3", what it is, and the statement that first produced it."""

    witness: str
    number: int
    statement_number: int
    description: str

    @property
    def mark(self) -> str:
        return f"{self.witness}/{self.number}"


def exhibit_for(
    ws: Workspace, case_id: int, witness: str, statement_number: int, description: str
) -> Exhibit:
    """The exhibit this statement gives this description, numbered on from earlier statements.

    Exporting the same statement again reuses its mark, so re-exports do not use up numbers.
    Nothing is stored until ``record_exhibit`` (after the file is safely written).
    """
    row = ws.conn.execute(
        "SELECT number FROM exhibits WHERE case_id=? AND witness=? AND statement_number=? "
        "AND description=?",
        (case_id, witness, statement_number, description),
    ).fetchone()
    if row:
        return Exhibit(witness, row[0], statement_number, description)
    last = ws.conn.execute(
        "SELECT coalesce(max(number), 0) FROM exhibits WHERE case_id=? AND witness=?",
        (case_id, witness),
    ).fetchone()[0]
    return Exhibit(witness, last + 1, statement_number, description)


def record_exhibit(ws: Workspace, case_id: int, exhibit: Exhibit) -> None:
    """Keep the exhibit's number so that the next statement carries on after it."""
    with ws.transaction() as c:
        cur = c.execute(
            "INSERT OR IGNORE INTO exhibits(case_id, witness, number, statement_number, "
            "description, created_at) VALUES (?,?,?,?,?,?)",
            (
                case_id,
                exhibit.witness,
                exhibit.number,
                exhibit.statement_number,
                exhibit.description,
                now_iso(),
            ),
        )
        if cur.rowcount:
            ws.record_history(
                "exhibits",
                int(cur.lastrowid or 0),
                "create",
                None,
                {"mark": exhibit.mark, "description": exhibit.description},
            )


def list_exhibits(ws: Workspace, case_id: int) -> list[Exhibit]:
    """Every exhibit recorded for the case, in order."""
    rows = ws.conn.execute(
        "SELECT witness, number, statement_number, description FROM exhibits WHERE case_id=? "
        "ORDER BY witness, number",
        (case_id,),
    ).fetchall()
    return [Exhibit(*r) for r in rows]
