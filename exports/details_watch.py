"""Contact details seen in what an export writes, that the worker has not yet decided about.

The redactor hands every string it lets through to ``DetailWatch.see``; details found there
that the worker marked "not confidential" pass quietly, those marked confidential were already
withheld, and the rest (undecided) are named in a warning, in ``--json`` and in the redaction
log, and kept on the case for the worker to decide (``contact-details``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chronology.contact_details import Found, detect

_ENTRY = re.compile(r"^(entry \d+)")
SHOWN = 8  # details named in the one-line warning (all are in --json and the log)


@dataclass
class Seen:
    """An undecided detail and the places of the document it appears."""

    found: Found
    places: list[str] = field(default_factory=list)
    id: int | None = None


@dataclass
class DetailWatch:
    """Collects undecided contact details from the strings an export writes."""

    decided: dict[tuple[str, str], str]  # (kind, key) -> 'confidential' | 'not confidential'
    seen: dict[tuple[str, str], Seen] = field(default_factory=dict)

    def see(self, text: str, where: str) -> None:
        for found in detect(text):
            key = (found.kind, found.key)
            if self.decided.get(key, "undecided") != "undecided":
                continue
            item = self.seen.setdefault(key, Seen(found))
            m = _ENTRY.match(where)
            place = m.group(1) if m else where.split(",")[0]
            if place not in item.places:
                item.places.append(place)

    @property
    def undecided(self) -> list[Seen]:
        return list(self.seen.values())

    def warning(self) -> str:
        """One line naming the undecided details (empty when there are none)."""
        items = self.undecided
        if not items:
            return ""
        named = "; ".join(
            f"{s.found.kind} '{s.found.value}' ({', '.join(s.places[:3])}"
            + (f" and {len(s.places) - 3} more" if len(s.places) > 3 else "")
            + ")"
            for s in items[:SHOWN]
        )
        more = f"; and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
        return (
            f"{len(items)} contact detail{'s' if len(items) != 1 else ''} found in the text "
            f"{'are' if len(items) != 1 else 'is'} not marked confidential or not, and "
            f"{'were' if len(items) != 1 else 'was'} written as recorded: {named}{more}. "
            "Decide with 'throughline contact-details mark' (or in the window)"
        )
