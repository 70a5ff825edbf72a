"""Checklist items about the record: summary, queues, outcomes, agencies, addresses, actions."""

from __future__ import annotations

import datetime as dt
import re

from chronology.models import Person
from summary.audit_facts import PROTECTED, CaseFacts, EntryRef
from summary.audit_model import AuditItem
from summary.changes import instant
from summary.dates import parse_iso, uk
from summary.team_settings import TeamSettings

# How many entries an item names one by one (the count says how many in all).
ENTRIES_SHOWN = 6


def _stamp(iso: str) -> str:
    return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M") if iso else "unknown"


def summary_item(facts: CaseFacts) -> AuditItem:
    """Regenerated since the last import and the last supervision, and read by someone since."""
    item = AuditItem(
        "summary_current",
        "Case summary regenerated and reviewed since the last import and supervision",
    )
    s = facts.summary
    if s.version_id is None:
        item.add("no summary has been generated for this case", "red")
        return item
    saved = f"summary version {s.version_id} ({_stamp(s.generated_at)})"
    made = instant(s.generated_at)
    if s.last_import and instant(s.last_import[1]) > made:
        item.add(
            f"{saved} is older than the import of {s.last_import[0]} on {_stamp(s.last_import[1])}",
            "red",
            kind="version",
            ref=s.version_id,
        )
    elif s.changed_after:
        item.add(
            f"{saved} is older than the latest change to the case",
            "amber",
            kind="version",
            ref=s.version_id,
        )
    else:
        item.add(
            f"{saved} is newer than every change to the case", kind="version", ref=s.version_id
        )
    if facts.since and instant(facts.since.signed_at) > made:
        item.add(
            f"{saved} was generated before the supervision of {uk(facts.since.date)} was "
            f"signed ({_stamp(facts.since.signed_at)}); regenerate it for this supervision",
            "amber",
            kind="version",
            ref=s.version_id,
        )
    if s.reviewed:
        by, at = s.reviewed[-1]
        item.add(f"read and checked by {by} on {_stamp(at)}", kind="version", ref=s.version_id)
    else:
        item.add(
            f"nobody has marked {saved} as read and checked",
            "amber",
            kind="version",
            ref=s.version_id,
        )
    return item


def quarantine_item(facts: CaseFacts) -> AuditItem:
    item = AuditItem("quarantine_empty", "Quarantine empty")
    n = facts.quarantine
    if n:
        item.add(f"{n} {'row is' if n == 1 else 'rows are'} waiting in quarantine", "amber")
    else:
        item.add("no rows waiting in quarantine")
    return item


def duplicates_item(facts: CaseFacts) -> AuditItem:
    item = AuditItem("possible_duplicates", "No possible duplicate waiting for a decision")
    pairs = facts.possible_duplicates
    if pairs:
        item.add(
            f"{len(pairs)} possible duplicate pair{'s' if len(pairs) != 1 else ''} waiting for "
            "the worker's decision",
            "amber",
        )
        for pair in pairs[:ENTRIES_SHOWN]:
            item.add(f"  pair {pair}", "amber", ref=pair)
    else:
        item.add("no possible duplicate waiting")
    return item


def _entry_line(ref: EntryRef) -> str:
    return f"{ref.when} {ref.label} (entry {ref.id}): {ref.summary[:80]}"


def outcomes_item(facts: CaseFacts, settings: TeamSettings) -> AuditItem:
    item = AuditItem("outcomes", "Significant and key events have an outcome recorded")
    missing = facts.missing_outcomes
    grace = settings.int("outcome_grace_days")
    if not missing:
        item.add(f"every significant or key event in the period older than {grace} days has one")
        return item
    key = [m for m in missing if m.type.startswith("key ")]
    item.add(
        f"{len(missing)} significant or key event{'s' if len(missing) != 1 else ''} in the "
        f"period {'have' if len(missing) != 1 else 'has'} no outcome recorded "
        f"({len(key)} key)",
        "red" if key else "amber",
        entry_ids=[m.id for m in missing],
    )
    for ref in sorted(missing, key=lambda m: (not m.type.startswith("key "), m.date))[
        :ENTRIES_SHOWN
    ]:
        level = "red" if ref.type.startswith("key ") else "amber"
        item.add(f"  {_entry_line(ref)}", level, kind="entry", date=ref.date, entry_ids=[ref.id])
    return item


def silent_agencies_item(facts: CaseFacts, settings: TeamSettings) -> AuditItem:
    item = AuditItem("silent_agencies", "No involved agency has fallen silent")
    if not facts.latest_entry:
        item.add("the chronology holds no entries yet")
        return item
    latest = parse_iso(facts.latest_entry)
    cutoff = latest - dt.timedelta(days=settings.int("silent_agency_days"))
    least = settings.int("silent_agency_min_records")
    for a in sorted(facts.agencies, key=lambda a: a.last):
        if a.count < least or parse_iso(a.last) >= cutoff:
            continue
        entry_id = a.last_id
        item.add(
            f"no records from {a.agency} since {uk(a.last)} (entry {entry_id}; {a.count} "
            f"records before that; the latest entry of the case is dated {uk(latest)})",
            "amber",
            kind="agency",
            date=a.last,
            entry_ids=[entry_id] if entry_id else [],
        )
    if not item.findings:
        item.add(f"every agency with records has recorded something since {uk(cutoff)}")
    return item


def _mentions(person: Person, text: str) -> bool:
    """The person's full name, or their surname, appears in the text as whole words."""
    words = re.findall(r"[^\W\d_]+", person.name)
    names = [person.name.strip()]
    if len(words) > 1 and len(words[-1]) >= 3:
        names.append(words[-1])
    return any(
        re.search(rf"(?<![^\W_]){re.escape(n)}(?![^\W_])", text, re.IGNORECASE) for n in names if n
    )


def confidential_item(facts: CaseFacts) -> AuditItem:
    item = AuditItem(
        "confidential_addresses", "Confidential details marked on people with a protected address"
    )
    if not facts.people:
        item.add("no people are recorded around the child")
        return item
    for p in facts.people:
        own = PROTECTED.find(f"{p.address}\n{p.role}")
        signals = [(ref, text) for ref, text in facts.protected_signals if _mentions(p, text)]
        if not own and not signals:
            continue
        has_details = bool(p.address.strip() or p.phone.strip())
        if own:
            why = f"their own record says '{own[0]}'"
        else:
            ref, text = signals[0]
            said = PROTECTED.find(text)
            why = f"entry {ref.id} ({ref.when}) mentions them with '{said[0] if said else ''}'"
        ids = [ref.id for ref, _ in signals[:ENTRIES_SHOWN]]
        if p.confidential:
            item.add(
                f"{p.name} ({p.role}): address may be protected ({why}); marked confidential",
                kind="person",
                ref=p.id,
                entry_ids=ids,
            )
        elif not has_details:
            item.add(
                f"{p.name} ({p.role}): address may be protected ({why}); no address or "
                "phone recorded",
                kind="person",
                ref=p.id,
                entry_ids=ids,
            )
        else:
            item.add(
                f"{p.name} ({p.role}): address may be protected ({why}) but the address and "
                "phone are NOT marked confidential: they would reach court documents",
                "red" if own else "amber",
                kind="person",
                ref=p.id,
                entry_ids=ids,
            )
    if not item.findings:
        marked = sum(1 for p in facts.people if p.confidential)
        item.add(
            f"nothing suggests a protected address; {marked} of {len(facts.people)} people "
            "marked confidential"
        )
    return item


def actions_item(facts: CaseFacts) -> AuditItem:
    item = AuditItem("supervision_actions", "Actions from supervision done by their due date")
    end = facts.period.end
    if not facts.actions:
        item.add("no action from an earlier supervision is open")
        return item
    for a in facts.actions:
        overdue = parse_iso(a.due) < end
        item.add(
            f"{'overdue' if overdue else 'open'}: {a.describe()} — agreed at supervision record "
            f"{a.record_id}",
            "red" if overdue else "green",
            kind="action",
            ref=a.id,
            date=a.due,
        )
    return item
