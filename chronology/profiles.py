"""Named mapping profiles: shipped with Throughline, or saved by the user in the workspace."""

from __future__ import annotations

from chronology.importers.mapping import (
    MappingProfile,
    profile_from_json,
    profile_to_json,
    shipped_profiles,
)
from chronology.workspace import Workspace


def saved_profiles(ws: Workspace) -> list[MappingProfile]:
    """Profiles the user saved in this workspace."""
    return [
        profile_from_json(body)
        for (body,) in ws.conn.execute("SELECT body FROM mapping_profiles ORDER BY name")
    ]


def all_profiles(ws: Workspace) -> list[MappingProfile]:
    """The user's profiles first (they override a shipped one of the same name)."""
    saved = saved_profiles(ws)
    names = {p.name for p in saved}
    return saved + [p for p in shipped_profiles() if p.name not in names]


def find_profile(ws: Workspace, name: str) -> MappingProfile | None:
    wanted = name.strip().lower()
    return next((p for p in all_profiles(ws) if p.name.lower() == wanted), None)


def save_profile(ws: Workspace, profile: MappingProfile) -> None:
    """Save (or replace) a named profile in the workspace."""
    if not profile.name.strip():
        raise ValueError("a mapping profile needs a name")
    with ws.transaction() as c:
        c.execute(
            "INSERT INTO mapping_profiles(name, body) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET body=excluded.body",
            (profile.name, profile_to_json(profile)),
        )
        ws.record_history("mapping_profiles", 0, "save", None, {"name": profile.name})
