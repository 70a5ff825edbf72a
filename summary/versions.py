"""Every generated summary kept as a version with its time, and what changed between two."""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass

from chronology.workspace import Workspace, now_iso
from summary.model import CaseSummary
from summary.render import render_text, summary_json


class VersionError(ValueError):
    """A summary version that does not exist."""


@dataclass
class SummaryVersion:
    """One saved generation of a case's summary."""

    id: int
    case_id: int
    generated_at: str
    as_of: str
    digest: str
    text: str = ""
    body: str = ""  # JSON text

    @property
    def data(self) -> dict:
        return json.loads(self.body) if self.body else {}


def content_digest(body: dict) -> str:
    """A fingerprint of what a summary says (not of when, or for which day, it was generated)."""
    content = {k: v for k, v in body.items() if k not in ("generated_at", "as_of", "version")}
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    ).hexdigest()


def save_version(
    ws: Workspace, summary: CaseSummary, *, only_if_changed: bool = False, who: str | None = None
) -> int:
    """Keep this generation as a version; returns its id (or the latest's, if unchanged)."""
    body = summary_json(summary)
    digest = content_digest(body)
    row = ws.conn.execute("SELECT id FROM cases WHERE ref=?", (summary.case_ref,)).fetchone()
    if row is None:
        raise VersionError(f"no case with reference {summary.case_ref!r}")
    case_id = row[0]
    if only_if_changed:
        latest = ws.conn.execute(
            "SELECT id, digest FROM summary_versions WHERE case_id=? ORDER BY id DESC LIMIT 1",
            (case_id,),
        ).fetchone()
        if latest and latest[1] == digest:
            return int(latest[0])
    with ws.transaction() as c:
        cur = c.execute(
            "INSERT INTO summary_versions(case_id, generated_at, as_of, digest, body, text) "
            "VALUES (?,?,?,?,?,?)",
            (
                case_id,
                summary.generated_at,
                summary.as_of,
                digest,
                json.dumps(body, ensure_ascii=False, default=str),
                render_text(summary),
            ),
        )
        version_id = int(cur.lastrowid or 0)
        ws.record_history(
            "summary_versions",
            version_id,
            "generate",
            None,
            {"case_id": case_id, "as_of": summary.as_of, "digest": digest},
            who,
        )
    return version_id


def list_versions(ws: Workspace, case_id: int) -> list[SummaryVersion]:
    """A case's saved versions, oldest first (without their bodies)."""
    rows = ws.conn.execute(
        "SELECT id, case_id, generated_at, as_of, digest FROM summary_versions WHERE case_id=? "
        "ORDER BY id",
        (case_id,),
    ).fetchall()
    return [SummaryVersion(*r) for r in rows]


def get_version(ws: Workspace, version_id: int) -> SummaryVersion:
    """One saved version with its text and JSON body."""
    row = ws.conn.execute(
        "SELECT id, case_id, generated_at, as_of, digest, text, body FROM summary_versions "
        "WHERE id=?",
        (version_id,),
    ).fetchone()
    if row is None:
        raise VersionError(f"no saved summary version {version_id}")
    return SummaryVersion(*row)


def diff_versions(ws: Workspace, a_id: int, b_id: int) -> list[str]:
    """What changed from version a to version b, as readable diff lines ('-' old, '+' new)."""
    a, b = get_version(ws, a_id), get_version(ws, b_id)
    if a.case_id != b.case_id:
        raise VersionError(f"versions {a_id} and {b_id} belong to different cases")
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(
            a.text.splitlines(),
            b.text.splitlines(),
            fromfile=f"version {a.id} ({a.generated_at})",
            tofile=f"version {b.id} ({b.generated_at})",
            lineterm="",
            n=1,
        )
    ]


def mark_reviewed(
    ws: Workspace, version_id: int, by: str, note: str = "", who: str | None = None
) -> int:
    """Record that someone read and checked a saved version; returns the mark's id."""
    get_version(ws, version_id)
    name = " ".join(by.split())
    if not name:
        raise VersionError("marking a summary as reviewed needs the reviewer's name")
    with ws.transaction() as c:
        cur = c.execute(
            "INSERT INTO summary_reviews(version_id, by, at, note) VALUES (?,?,?,?)",
            (version_id, name, now_iso(), note.strip()),
        )
        mark = int(cur.lastrowid or 0)
        ws.record_history(
            "summary_versions", version_id, "reviewed", None, {"by": name, "note": note}, who
        )
    return mark
