"""How many entries a case has, counted one way everywhere (window, summary, documents).

An event that two agencies both recorded is one line of the chronology (a linked duplicate shows
on its first-recorded entry), so the count of entries is the count of lines; the agencies'
records behind them are given beside it when they differ. Withdrawn entries are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from chronology.workspace import Workspace


@dataclass(frozen=True)
class EntryCounts:
    """A case's chronology lines, the agency records behind them, and withdrawn lines."""

    entries: int
    records: int
    withdrawn: int = 0

    def label(self) -> str:
        """'152 entries (153 agency records)', the same words in the window and the summary."""
        return count_label(self.entries, self.records, self.withdrawn)


def count_label(entries: int, records: int, withdrawn: int = 0) -> str:
    """The case's count in words: lines, the records behind them, withdrawn ones left out."""
    text = f"{entries:,} {'entry' if entries == 1 else 'entries'}"
    notes = []
    if records != entries:
        notes.append(f"{records:,} agency records")
    if withdrawn:
        notes.append(f"{withdrawn:,} withdrawn not counted")
    return f"{text} ({'; '.join(notes)})" if notes else text


COUNT_EXPLAINED = (
    "Entries are the lines of the chronology. An event recorded by more than one agency is "
    "one entry with each agency's record behind it. Withdrawn entries are not counted."
)


def entry_counts(ws: Workspace, case_id: int) -> EntryCounts:
    """The case's entries (lines), records and withdrawn lines (undone imports never count)."""
    row = ws.conn.execute(
        "SELECT "
        "coalesce(sum(duplicate_of IS NULL AND status != 'withdrawn'), 0), "
        "coalesce(sum(status != 'withdrawn'), 0), "
        "coalesce(sum(duplicate_of IS NULL AND status = 'withdrawn'), 0) "
        "FROM entries WHERE case_id=? AND status != 'undone'",
        (case_id,),
    ).fetchone()
    return EntryCounts(*row)
