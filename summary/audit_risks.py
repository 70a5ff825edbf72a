"""Checklist items about risks: a primary risk recorded, reviewed on time and after each trip-wire.

A trip-wire *fires* when an entry matching it is dated after the risk was recorded. A review deals
with it only when the review is dated on or after the entry (an entry on the review's own day
counts as seen by it, as in :mod:`summary.tripwires`); a review dated before the entry does not.
"""

from __future__ import annotations

import datetime as dt

from summary.audit_facts import CaseFacts, TripHit
from summary.audit_model import AuditItem, AuditPeriod
from summary.dates import parse_iso, uk, weeks_and_days
from summary.risks import URGENCY_LABELS, Review, Risk, review_due
from summary.team_settings import TeamSettings

# How many unreviewed trips an item spells out for one risk (the count says how many in all).
TRIPS_SHOWN = 4


def primary_risk_item(facts: CaseFacts, settings: TeamSettings) -> AuditItem:
    item = AuditItem("primary_risk", "A primary risk is recorded")
    primary = [r for r in facts.risks if r.primary]
    if not primary:
        item.add(
            "no primary risk is recorded for this case: what could seriously harm the child, "
            "and if what happens?",
            str(settings.values["no_primary_risk"]),
        )
    for r in primary:
        kind = f"{r.category}, " if r.category else ""
        item.add(
            f"'{r.title}' ({kind}{URGENCY_LABELS[r.urgency]}): {r.statement}",
            kind="risk",
            risk_id=r.id,
        )
    return item


def _review_for(reviews: list[Review], seen: dt.date) -> Review | None:
    """The first review dated on or after the day an entry was seen."""
    return next((v for v in reviews if parse_iso(v.date) >= seen), None)


def _last(r: Risk) -> str:
    if r.last_review:
        return f"last reviewed {uk(r.last_review.date)} by {r.last_review.by}"
    return f"never reviewed (recorded {uk(r.identified_on)})"


def _hit_text(hit: TripHit) -> str:
    said = f"'{hit.quote}'" if hit.quote else hit.entry.summary[:80]
    return f"{hit.entry.when} {hit.entry.label} (entry {hit.entry.id}) — {said}"


def _shown(hits: list[TripHit]) -> list[TripHit]:
    if len(hits) <= TRIPS_SHOWN:
        return hits
    return [*hits[:1], *hits[-(TRIPS_SHOWN - 1) :]]


def _interval_lapses(r: Risk, period: AuditPeriod, red_factor: float) -> list[tuple]:
    """Stretches in the period between reviews longer than the risk's interval (past ones)."""
    days = [parse_iso(r.identified_on)] if r.identified_on else []
    days += [parse_iso(v.date) for v in r.reviews]
    days = sorted(set(days))
    lapses = []
    for a, b in zip(days, days[1:], strict=False):
        span = (b - a).days
        if span > r.interval and period.covers(a + dt.timedelta(r.interval), b):
            lapses.append((a, b, span, "red" if span > r.interval * red_factor else "amber"))
    return lapses


def primary_reviews_item(facts: CaseFacts, settings: TeamSettings) -> AuditItem:
    item = AuditItem(
        "primary_reviews",
        "Every primary risk reviewed within its interval and after each trip-wire",
    )
    end = facts.period.end
    primary = [r for r in facts.risks if r.primary]
    if not primary:
        item.add("no primary risk to review", "green")
        return item
    soon = settings.int("review_due_soon_days")
    late_after = settings.int("trip_review_days")
    factor = settings.int("gap_red_percent") / 100
    for r in primary:
        due = review_due(r)
        if due < end:
            item.add(
                f"'{r.title}': {_last(r)}; review overdue since {uk(due)} "
                f"({weeks_and_days((end - due).days)})",
                "red",
                kind="risk",
                risk_id=r.id,
                date=due.isoformat(),
            )
        elif (due - end).days <= soon:
            item.add(
                f"'{r.title}': {_last(r)}; review due {uk(due)}", "amber", kind="risk", risk_id=r.id
            )
        else:
            item.add(
                f"'{r.title}': {_last(r)}; next review due {uk(due)}", kind="risk", risk_id=r.id
            )
        for a, b, span, level in _interval_lapses(r, facts.period, factor):
            item.add(
                f"'{r.title}': {weeks_and_days(span)} between reviews ({uk(a)}–{uk(b)}); "
                f"it is to be reviewed every {r.interval} days",
                level,
                kind="risk",
                risk_id=r.id,
                date=a.isoformat(),
                end=b.isoformat(),
                days=span,
            )
        waiting, late = [], []
        for hit in facts.trips.get(r.id or 0, []):
            review = _review_for(r.reviews, hit.entry.seen)
            if review is None:
                waiting.append(hit)
            elif facts.period.contains(parse_iso(hit.entry.date)):
                delay = (parse_iso(review.date) - hit.entry.seen).days
                if delay > late_after:
                    late.append((hit, review, delay))
        if waiting:
            item.add(
                f"'{r.title}': circumstances changed and it has not been reviewed since: "
                f"{len(waiting)} {'entry' if len(waiting) == 1 else 'entries'} after "
                f"{'the last review' if r.last_review else 'it was recorded'} "
                f"{'matches' if len(waiting) == 1 else 'match'} its trip-wires",
                "red",
                kind="risk",
                risk_id=r.id,
                entry_ids=[h.entry.id for h in waiting],
            )
            for hit in _shown(waiting):
                facts.explain(hit)
                item.add(
                    f"  not reviewed after {_hit_text(hit)}",
                    "red",
                    kind="entry",
                    risk_id=r.id,
                    date=hit.entry.date,
                    entry_ids=[hit.entry.id],
                )
        for hit, review, delay in late[:TRIPS_SHOWN]:
            facts.explain(hit)
            item.add(
                f"'{r.title}': reviewed on {uk(review.date)}, {delay} days after {_hit_text(hit)}",
                "amber",
                kind="entry",
                risk_id=r.id,
                date=hit.entry.date,
                entry_ids=[hit.entry.id],
            )
    return item


def trip_wires_item(facts: CaseFacts) -> AuditItem:
    item = AuditItem("trip_wires", "No trip-wire waiting for a review")
    for r in facts.risks:
        waiting = [
            h
            for h in facts.trips.get(r.id or 0, [])
            if _review_for(r.reviews, h.entry.seen) is None
        ]
        if not waiting:
            continue
        level = "red" if r.primary else "amber"
        since = f"the review of {uk(r.last_review.date)}" if r.last_review else "it was recorded"
        item.add(
            f"'{r.title}'{' (primary)' if r.primary else ''}: {len(waiting)} "
            f"{'entry' if len(waiting) == 1 else 'entries'} since {since} "
            f"{'matches' if len(waiting) == 1 else 'match'} its trip-wires",
            level,
            kind="risk",
            risk_id=r.id,
            entry_ids=[h.entry.id for h in waiting],
        )
        for hit in _shown(waiting):
            facts.explain(hit)
            item.add(
                f"  {_hit_text(hit)}; trip-wire '{hit.matched}'",
                level,
                kind="entry",
                risk_id=r.id,
                date=hit.entry.date,
                entry_ids=[hit.entry.id],
            )
    if not item.findings:
        n = len(facts.risks)
        item.add(
            f"no entry since the last reviews matches a trip-wire ({n} open "
            f"risk{'' if n == 1 else 's'})"
        )
    return item
