"""The case summary as plain text (for people, and for comparing versions) and as JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from summary.dates import uk
from summary.model import CaseSummary, RiskItem
from summary.narrative import SECTION_TITLES

# The narrative sections the summary itself shows (the statement uses the others too).
SUMMARY_SECTIONS = ("current_circumstances", "analysis")
_RULE = "=" * 78


def _stamp(iso: str) -> str:
    """'29/11/2025 10:32' from an ISO date-time."""
    if not iso:
        return "—"
    value = dt.datetime.fromisoformat(iso)
    return value.strftime("%d/%m/%Y %H:%M")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _heading(title: str) -> list[str]:
    return ["", title.upper(), "-" * len(title)]


def _risk_lines(n: int, r: RiskItem) -> list[str]:
    flag = " — NEEDS REVIEW" if r.needs_review else ""
    closed = f" — CLOSED: {r.status_reason}" if r.status == "closed" else ""
    status = f" ({r.status})" if r.status == "monitoring" else ""
    lines = [f"{n}. {r.title} [{r.urgency_label}]{status}{flag}{closed}"]
    if r.statement != r.title:
        lines.append(f"   {r.statement}")
    who = ", ".join(
        x
        for x in (
            f"to {r.to_whom}" if r.to_whom else "",
            f"from {r.from_whom}" if r.from_whom else "",
        )
        if x
    )
    if r.category or who:
        lines.append(f"   {'; '.join(x for x in (r.category, who) if x)}")
    if r.status != "closed":
        last = (
            f"{uk(r.last_review.date)} by {r.last_review.by}"
            + (f" — {r.last_review.note}" if r.last_review.note else "")
            if r.last_review
            else "never reviewed"
        )
        lines.append(f"   Last review: {last}")
        lines.append(f"   Review due: {uk(r.review_due)} (every {r.review_every_days} days)")
        lines.append(
            f"   Trip-wires{' (defaults)' if r.default_trip_wires else ''}: "
            f"{', '.join(r.trip_wires) or 'none'}"
        )
    lines.extend(f"   ! {reason}" for reason in r.review_reasons)
    if r.tripped_by:
        shown = ", ".join(str(i) for i in r.tripped_by[:20])
        more = f" and {len(r.tripped_by) - 20} more" if len(r.tripped_by) > 20 else ""
        lines.append(f"   Tripped by entries: {shown}{more}")
    return lines


def render_text(s: CaseSummary) -> str:
    """The whole summary as plain text, in DESIGN.md's order."""
    h = s.header
    out = [
        _RULE,
        f"CASE SUMMARY — {h.case_ref} — {', '.join(c.name for c in h.children)}",
        f"As of {uk(s.as_of)}; generated {_stamp(s.generated_at)}",
        _RULE,
    ]
    for c in h.children:
        born = f", born {uk(c.dob)}" if c.dob else ""
        out.append(f"Child: {c.name}{born}{', aged ' + c.age if c.age else ''}")
    out.append(f"Legal status: {h.legal_status}")
    out.append(
        f"Proceedings: {h.proceedings}"
        + (
            f" ({h.court}{', ' + h.court_case_number if h.court_case_number else ''})"
            if h.court
            else ""
        )
    )
    out.append(f"Allocated worker: {h.worker or '—'}; team manager: {h.team_manager or '—'}")
    span = f", {uk(h.first_entry)}–{uk(h.latest_entry)}" if h.first_entry else ""
    out.append(f"Chronology: {h.entries_label}{span}; last updated {_stamp(h.last_updated)}")

    out += _heading("Primary risks")
    if not s.primary_risks:
        out.append("No primary risk is recorded for this case.")
    for n, r in enumerate(s.primary_risks, 1):
        out += _risk_lines(n, r)

    out += _heading("Alerts")
    out += [f"[{a.level.upper()}] {a.message}" for a in s.alerts] or ["None."]

    out += _heading("Meetings and visits")
    for c in s.cadence:
        if c.every_days <= 0:
            out.append(f"{_cap(c.label)}: not checked for this case")
            continue
        span = f", {uk(c.first)}–{uk(c.last)}" if c.first else ""
        out.append(
            f"{_cap(c.label)} expected {c.every}: {c.count} recorded{span}"
            + (f" ({c.note})" if c.note and c.count else "")
        )
        out += [f"  - {g.wording}" for g in c.gaps]

    for key in SUMMARY_SECTIONS:
        out += _heading(SECTION_TITLES[key])
        out.append(s.narrative.get(key) or "(not written yet)")

    out += _heading("Key events")
    if s.key_events_omitted:
        out.append(f"({s.key_events_omitted} earlier key events are in the chronology)")
    for e in s.key_events:
        out.append(f"{e.when}  {e.type}  {e.agency}: {e.summary}  [entry {e.entry_id}]")
    if not s.key_events:
        out.append("None marked yet.")

    out += _heading("Agency involvement")
    for y in reversed(s.involvement):
        out.append(y.sentence)
        for a in y.agencies:
            kinds = ", ".join(f"{t} {n}" for t, n in sorted(a.types.items(), key=lambda x: -x[1]))
            out.append(f"  {a.agency} ({a.sector}): {a.total} — {kinds}")
    if not s.involvement:
        out.append("No entries yet.")

    out += _heading("Other risks")
    out += [line for n, r in enumerate(s.other_risks, 1) for line in _risk_lines(n, r)] or ["None."]

    out += _heading("Sources and coverage")
    for src in s.sources:
        span = f"{uk(src.first)}–{uk(src.last)}" if src.first else "no dates"
        out.append(
            f"{src.source} — {', '.join(a or '(no agency)' for a in src.agencies[:4])}"
            f"{' and others' if len(src.agencies) > 4 else ''}: {src.count} entries, {span}"
        )
    if s.quarantine_waiting:
        out.append(f"{s.quarantine_waiting} rows waiting in quarantine are not counted above.")
    return "\n".join(out) + "\n"


def summary_json(s: CaseSummary) -> dict[str, Any]:
    """The summary as one JSON-able object (primary risks in display order, alerts…)."""
    data = asdict(s)
    return {
        "case": data["case_ref"],
        "as_of": data["as_of"],
        "generated_at": data["generated_at"],
        "header": data["header"],
        "primary_risks": data["primary_risks"],
        "alerts": data["alerts"],
        "cadence": data["cadence"],
        "narrative": data["narrative"],
        "key_events": data["key_events"],
        "key_events_omitted": data["key_events_omitted"],
        "involvement": data["involvement"],
        "other_risks": data["other_risks"],
        "sources": data["sources"],
        "quarantine_waiting": data["quarantine_waiting"],
    }
