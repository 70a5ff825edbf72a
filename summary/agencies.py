"""Which sector an agency belongs to, from its name (health, social care, police…)."""

from __future__ import annotations

import re
from functools import lru_cache

# Checked in order: the first sector whose words appear in the agency's name wins.
SECTORS: tuple[tuple[str, str], ...] = (
    ("court", r"court|cafcass|judge|legal"),
    ("police", r"police|constabulary"),
    (
        "social care",
        r"social (?:care|work(?:er)?)|children'?s services|children and families|children in need"
        r"|\bcin\b|\bcsc\b|\bmash\b|front door|local authority|council|safeguarding team"
        r"|family support|early help",
    ),
    (
        "education",
        r"nursery|school|early years|education|college|portage|pre-?school|childminder|\bsenco\b",
    ),
    (
        "health",
        r"health|\bnhs\b|\bgp\b|hospital|paediatric|clinic|midwi|nurse|therap|audiolog|dietit"
        r"|medical|surgery|camhs|psychiat|physio|speech|\bsalt\b|orthop|orthoptic|optic|dental"
        r"|dentist|pharmac|a&e|ambulance|doctor|\bent\b|neuro|maternity|appointment",
    ),
    ("housing", r"housing|landlord|homeless"),
)
_COMPILED = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in SECTORS)


# Entry types that are appointments: an agency of unknown name whose records are mostly these
# is counted as health (a calendar export of "GP and hospital appointments").
APPOINTMENT_TYPES = frozenset({"appointment attended", "was not brought", "cancelled"})


@lru_cache(maxsize=1024)
def sector(agency: str) -> str:
    """'health', 'social care', 'police', 'education', 'court', 'housing' or 'other'."""
    for name, pattern in _COMPILED:
        if pattern.search(agency or ""):
            return name
    return "other"


def sector_by_records(agency: str, types: dict[str, int]) -> str:
    """The agency's sector from its name, else 'health' if most of its records are appointments."""
    named = sector(agency)
    if named != "other":
        return named
    total = sum(types.values())
    appointments = sum(n for t, n in types.items() if t in APPOINTMENT_TYPES)
    return "health" if total and appointments * 2 > total else "other"
