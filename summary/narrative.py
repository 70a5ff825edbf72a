"""The worker's own words in the summary and the statement: kept across every regeneration."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronology.cases import get_case
from chronology.workspace import Workspace, current_user, now_iso

# Sections the summary and the witness statement use; other plain keys are allowed too.
SECTIONS = ("introduction", "background", "current_circumstances", "analysis", "recommendations")
SECTION_TITLES = {
    "introduction": "Introduction",
    "background": "Background",
    "current_circumstances": "Current circumstances",
    "analysis": "Analysis",
    "recommendations": "Recommendations",
}
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class NarrativeError(ValueError):
    """A section name that is not a plain key."""


@dataclass
class NarrativeSection:
    """One section of the worker's narrative."""

    section: str
    text: str
    updated_at: str
    updated_by: str

    @property
    def title(self) -> str:
        return SECTION_TITLES.get(self.section, self.section.replace("_", " ").capitalize())


def _check(section: str) -> str:
    key = section.strip().lower().replace("-", "_").replace(" ", "_")
    if not _KEY.match(key):
        raise NarrativeError(
            f"{section!r} is not a section name: use letters, digits and underscores "
            f"(e.g. {', '.join(SECTIONS)})"
        )
    return key


def set_narrative(
    ws: Workspace, case_ref: str, section: str, text: str, who: str | None = None
) -> NarrativeSection:
    """Write (or clear, with empty text) one section of a case's narrative."""
    key = _check(section)
    case = get_case(ws, case_ref)
    old = narrative_sections(ws, case.id or 0).get(key)
    body = text.replace("\r\n", "\n").strip()
    stamp, author = now_iso(), who or current_user()
    with ws.transaction() as c:
        c.execute(
            "INSERT INTO narrative(case_id, section, text, updated_at, updated_by) "
            "VALUES (?,?,?,?,?) ON CONFLICT(case_id, section) DO UPDATE SET "
            "text=excluded.text, updated_at=excluded.updated_at, updated_by=excluded.updated_by",
            (case.id, key, body, stamp, author),
        )
        row_id = c.execute(
            "SELECT id FROM narrative WHERE case_id=? AND section=?", (case.id, key)
        ).fetchone()[0]
        ws.record_history(
            "narrative",
            row_id,
            "update" if old else "create",
            {"section": key, "text": old.text} if old else None,
            {"section": key, "text": body},
            who,
        )
    return NarrativeSection(key, body, stamp, author)


def get_narrative(ws: Workspace, case_ref: str, section: str) -> str:
    """The text of one section ('' when the worker has not written it)."""
    case = get_case(ws, case_ref)
    found = narrative_sections(ws, case.id or 0).get(_check(section))
    return found.text if found else ""


def narrative_sections(ws: Workspace, case_id: int) -> dict[str, NarrativeSection]:
    """Every section a case has, known sections first in their order."""
    rows = ws.conn.execute(
        "SELECT section, text, updated_at, updated_by FROM narrative WHERE case_id=?", (case_id,)
    ).fetchall()
    order = {k: i for i, k in enumerate(SECTIONS)}
    rows.sort(key=lambda r: (order.get(r[0], len(order)), r[0]))
    return {r[0]: NarrativeSection(*r) for r in rows}
