"""Checklist items about cadence: every gap in the period, also gaps that have since ended.

A gap longer than the rule is amber, longer than the team's red percentage of it red, and (by
default) red whenever court proceedings were open for any of it: meetings must go on during
proceedings (the review that Throughline grew from found exactly such a gap).
"""

from __future__ import annotations

from summary.audit_facts import CaseFacts
from summary.audit_model import AuditItem
from summary.cadence import CadenceRule, Gap, find_gaps
from summary.dates import uk, weeks_and_days
from summary.team_settings import TeamSettings

TITLES = {
    "cin_meeting": "Child in Need meetings held within the cadence",
    "home_visit": "Home visits within the cadence",
    "supervision": "Supervision within the cadence",
}
# How many of the period's events an item lists by date (all are counted).
EVENTS_SHOWN = 6


def gap_text(gap: Gap, label: str) -> str:
    """'no Child in Need meeting for 52 weeks (…): during proceedings (private law …)'."""
    span = (
        f"since {uk(gap.start)}, to {uk(gap.end)}"
        if gap.current
        else f"{uk(gap.start)}–{uk(gap.end)}"
    )
    text = f"no {gap.label} for {weeks_and_days(gap.days)} ({span})"
    if not gap.current:
        text += f"; it ended with the {label} of {uk(gap.end)}"
    if gap.proceedings_days >= gap.days:
        text += f": during proceedings ({gap.proceedings_label} were open throughout)"
    elif gap.proceedings_days:
        text += (
            f": partly during proceedings ({gap.proceedings_label} were open for "
            f"{weeks_and_days(gap.proceedings_days)} of it)"
        )
    return text


def cadence_item(facts: CaseFacts, rule: CadenceRule, settings: TeamSettings) -> AuditItem:
    item = AuditItem(rule.key, TITLES[rule.key])
    period = facts.period
    if rule.days <= 0:
        item.add("not checked for this case (its cadence is switched off)")
        return item
    events = facts.events.get(rule.key, [])
    ids = {day: entry_id for day, entry_id in events}
    if not events:
        item.add(f"no {rule.label} recorded (expected {rule.every})", "amber")
        return item
    note = facts.event_notes.get(rule.key)
    if note:
        item.add(note, "amber")
    factor = settings.int("gap_red_percent") / 100
    report = find_gaps(rule, [d for d, _ in events], period.end, facts.proceedings, factor)
    in_period = [d for d, _ in events if period.contains(d)]
    last, last_id = events[-1]
    item.add(
        f"{len(in_period)} {rule.plural if len(in_period) != 1 else rule.label} in the period; "
        f"last {uk(last)}{_source(last_id)}; expected {rule.every}",
        kind="entry" if last_id > 0 else "note",
        date=last.isoformat(),
        entry_ids=[last_id] if last_id > 0 else [],
        ref=-last_id if last_id < 0 else None,
    )
    for day in in_period[-EVENTS_SHOWN:] if len(in_period) > 1 else []:
        entry_id = ids[day]
        item.add(
            f"  {rule.label} {uk(day)}{_source(entry_id)}",
            kind="entry" if entry_id > 0 else "note",
            date=day.isoformat(),
            entry_ids=[entry_id] if entry_id > 0 else [],
            ref=-entry_id if entry_id < 0 else None,
        )
    for gap in report.gaps:
        if not period.covers(gap.start, gap.end):
            continue
        level = gap.level
        if gap.proceedings_open and settings.flag("proceedings_gap_red"):
            level = "red"
        bounds = [ids[gap.start]] + ([] if gap.current else [ids[gap.end]])
        item.add(
            gap_text(gap, rule.label),
            level,
            kind="gap",
            date=gap.start.isoformat(),
            end=gap.end.isoformat(),
            days=gap.days,
            entry_ids=[i for i in bounds if i > 0],
            during_proceedings=gap.proceedings_open,
            proceedings_days=gap.proceedings_days,
        )
    if item.level == "green":
        since = (period.end - last).days
        item.add(f"{weeks_and_days(since)} since the last one; no gap in the period")
    return item


def _source(entry_id: int) -> str:
    """' (entry 12)' or ' (supervision record 3)': record ids are stored negative."""
    if entry_id > 0:
        return f" (entry {entry_id})"
    return f" (supervision record {-entry_id})"
