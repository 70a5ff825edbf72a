"""When court proceedings were open, from the case's proceedings periods.

The periods are the case's record (:mod:`chronology.proceedings`): those the worker confirmed,
added or edited, and the chronology's suggestions where the worker has not decided, which are
always labelled "suggested". Nothing here guesses that proceedings are open after an end.

For other parts of the program (court documents, the supervision audit):

* ``periods_for(ws, case_id) -> list[ProceedingsPeriod]`` — the case's periods, in date order;
* ``open_on(periods, date) -> ProceedingsPeriod | None`` — the period open on a day;
* ``find_proceedings(ws, case) -> Proceedings`` — the same periods with what the summary and the
  cadence checks ask of them (overlap with a gap, a one-line description).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chronology.models import Case
from chronology.proceedings import ProceedingsPeriod, open_on, periods_for
from chronology.workspace import Workspace

__all__ = ["Proceedings", "ProceedingsPeriod", "find_proceedings", "open_on", "periods_for"]


@dataclass
class Overlap:
    """How much of a stretch of days fell inside proceedings, and which ones."""

    days: int = 0
    label: str = ""  # 'private law proceedings', or 'court proceedings' when of several kinds
    suggested: bool = False  # some of those days are only in a suggested period


@dataclass
class Proceedings:
    """The case's proceedings periods, as the summary and the cadence checks use them."""

    periods: list[ProceedingsPeriod] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """'private law' / 'public law' when every period is of that kind, else ''."""
        kinds = {p.type for p in self.periods}
        return f"{kinds.pop()} law" if len(kinds) == 1 and "" not in kinds else ""

    @property
    def label(self) -> str:
        return f"{self.kind} proceedings" if self.kind else "court proceedings"

    @property
    def open_now(self) -> bool:
        """A period has no end recorded (confirmed or suggested)."""
        return any(p.end is None for p in self.periods)

    @property
    def suggested(self) -> list[ProceedingsPeriod]:
        return [p for p in self.periods if p.suggested]

    def during(self, a: dt.date, b: dt.date) -> Overlap:
        """Days of [a, b) inside a period; never a day after a period's end."""
        hits = [(p, p.overlap(a, b)) for p in self.periods]
        hits = [(p, n) for p, n in hits if n > 0]
        if not hits:
            return Overlap()
        kinds = {p.type for p, _ in hits}
        label = f"{kinds.pop()} law proceedings" if len(kinds) == 1 and "" not in kinds else ""
        # Periods do not overlap one another once decided; suggestions may touch: cap at the span.
        days = min(sum(n for _, n in hits), (b - a).days)
        return Overlap(days, label or "court proceedings", any(p.suggested for p, _ in hits))

    def overlap(self, a: dt.date, b: dt.date) -> int:
        """Days of [a, b) during which proceedings were open."""
        return self.during(a, b).days

    def describe(self) -> str:
        """'private law proceedings 16/01/2023–19/11/2024 (final order)' (or 'none recorded')."""
        if not self.periods:
            return "no proceedings recorded or found in the chronology"
        return "; ".join(p.describe() for p in self.periods)


def find_proceedings(ws: Workspace, case: Case) -> Proceedings:
    """The case's proceedings periods (confirmed, else suggested) for the summary and cadence."""
    return Proceedings(periods_for(ws, case.id or 0))
