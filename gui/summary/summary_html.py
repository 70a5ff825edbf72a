"""The case summary page as HTML: the header, primary risks boxed at the top (red when a review is
needed), alerts, meetings and visits, then key events, involvement, other risks and sources."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any


def uk_stamp(iso: str) -> str:
    """'29/11/2025 10:32' from an ISO date-time; other text as it is, '—' for none."""
    try:
        return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except (TypeError, ValueError):
        return iso or "—"


RED, RED_TEXT = "#B3261E", "#FFFFFF"
AMBER, AMBER_TEXT, AMBER_EDGE = "#FFE3A3", "#3D2B00", "#C77C00"
_LEVEL_COLOUR = {"red": "#B3261E", "amber": "#B26A00"}


def _uk(iso: str | None) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if iso and len(iso) >= 10 else ""


def _h(title: str) -> str:
    return f"<h3 style='margin-top:14px; margin-bottom:4px'>{escape(title)}</h3>"


def _header(s: Any) -> str:
    h = s.header
    names = ", ".join(escape(c.name) for c in h.children) or escape(h.case_ref)
    born = "; ".join(
        f"born {_uk(c.dob)}" + (f", aged {escape(c.age)}" if c.age else "")
        for c in h.children
        if c.dob
    )
    court = ""
    if h.court:
        number = f", {escape(h.court_case_number)}" if h.court_case_number else ""
        court = f" ({escape(h.court)}{number})"
    span = f", {_uk(h.first_entry)}–{_uk(h.latest_entry)}" if h.first_entry else ""
    lines = [
        f"{escape(h.case_ref)}{' · ' + born if born else ''}",
        f"{escape(h.legal_status)} · {escape(h.proceedings)}{court}",
        f"Worker: {escape(h.worker or '—')} · Team manager: {escape(h.team_manager or '—')}",
        f"{escape(h.entries_label)}{span} · last changed {uk_stamp(h.last_updated)}",
    ]
    return f"<h2 style='margin:0'>{names}</h2><p style='margin-top:2px'>{'<br>'.join(lines)}</p>"


def _risk_box(r: Any) -> str:
    red = bool(r.needs_review)
    bg, fg = (RED, RED_TEXT) if red else (AMBER, AMBER_TEXT)
    edge = RED if red else AMBER_EDGE
    last = (
        f"{_uk(r.last_review.date)} by {escape(r.last_review.by)}"
        if r.last_review
        else "never reviewed"
    )
    parts = [f"<b>⚑ {escape(r.title)}</b> [{escape(r.urgency_label)}]"]
    if r.statement and r.statement != r.title:
        parts.append(escape(r.statement))
    parts.append(f"Last review: {last} · Review due: {_uk(r.review_due)}")
    if red:
        reasons = "".join(f"<li>{escape(x)}</li>" for x in r.review_reasons)
        parts.append(f"<b>NEEDS REVIEW</b><ul style='margin-top:0; margin-bottom:0'>{reasons}</ul>")
    if r.tripped_by:
        n = len(r.tripped_by)
        parts.append(
            f"<a href='trips:{r.id}' style='color:{fg}'>Show the {n} "
            f"{'entry' if n == 1 else 'entries'} that tripped it</a>"
        )
    return (
        f"<table width='100%' cellspacing='0' cellpadding='6' border='1' "
        f"style='border-color:{edge}; border-style:solid; margin-bottom:4px'>"
        f"<tr><td style='background-color:{bg}; color:{fg}'>{'<br>'.join(parts)}</td></tr></table>"
    )


def _primary(s: Any) -> str:
    if not s.primary_risks:
        return (
            _h("Primary risks")
            + "<p><i>No primary risk is recorded for this case. Record one in the "
            "<a href='risks:'>risk register</a> (Ctrl+R).</i></p>"
        )
    return _h("Primary risks") + "".join(_risk_box(r) for r in s.primary_risks)


def _alerts(s: Any) -> str:
    if not s.alerts:
        return _h("Alerts") + "<p>None.</p>"
    items = "".join(
        f"<li><span style='color:{_LEVEL_COLOUR.get(a.level, '#555555')}'>"
        f"<b>{escape(a.level.upper())}</b></span> {escape(a.message)}</li>"
        for a in s.alerts
    )
    return _h("Alerts") + f"<ul style='margin-top:0'>{items}</ul>"


def _cadence(s: Any) -> str:
    items = []
    for c in s.cadence:
        label = escape(c.label[:1].upper() + c.label[1:])
        if c.every_days <= 0:
            items.append(f"<li>{label}: not checked for this case</li>")
            continue
        span = f", {_uk(c.first)}–{_uk(c.last)}" if c.first else ""
        longest = max(c.gaps, key=lambda g: g.days, default=None)
        gap = ""
        if longest is not None:
            colour = _LEVEL_COLOUR.get(longest.level, "inherit")
            gap = (
                f"; <span style='color:{colour}'>longest gap {longest.weeks} weeks "
                f"({_uk(longest.start)}–{_uk(longest.end)})</span>"
            )
        items.append(f"<li>{label} expected {escape(c.every)}: {c.count} recorded{span}{gap}</li>")
    return _h("Meetings and visits") + f"<ul style='margin-top:0'>{''.join(items)}</ul>"


def top_html(s: Any) -> str:
    """Header, primary risks (boxed, red when a review is needed), alerts, meetings."""
    return _header(s) + _primary(s) + _alerts(s) + _cadence(s)


def _key_events(s: Any) -> str:
    out = [_h("Key events")]
    if s.key_events_omitted:
        out.append(
            f"<p><i>{s.key_events_omitted} earlier key events are in the chronology.</i></p>"
        )
    if not s.key_events:
        out.append("<p>None marked yet: mark entries significant or key in the chronology.</p>")
    for e in s.key_events:
        key = " <b>KEY</b>" if e.significance == "key" else ""
        out.append(
            f"<p style='margin-top:0; margin-bottom:6px'><a href='entry:{e.entry_id}'>"
            f"{escape(e.when)}</a> · {escape(e.type)} · {escape(e.agency)}{key}<br>"
            f"{escape(e.summary)}</p>"
        )
    return "".join(out)


def _involvement(s: Any) -> str:
    out = [_h("Agency involvement")]
    if not s.involvement:
        out.append("<p>No entries yet.</p>")
    for y in reversed(s.involvement):
        rows = "".join(
            f"<tr><td>{escape(a.agency)}</td><td align='right'>{a.total}</td>"
            f"<td align='right'>{a.missed or ''}</td></tr>"
            for a in y.agencies
        )
        out.append(
            f"<p style='margin-bottom:2px'>{escape(y.sentence)}</p>"
            "<table cellspacing='0' cellpadding='2' style='margin-bottom:8px'>"
            "<tr><th align='left'>Agency</th><th align='right'>Records</th>"
            f"<th align='right'>Not brought</th></tr>{rows}</table>"
        )
    return "".join(out)


def _other_risks(s: Any) -> str:
    out = [_h("Other risks")]
    if not s.other_risks:
        out.append("<p>None.</p>")
    for r in s.other_risks:
        closed = r.status == "closed"
        colour = "gray" if closed else (RED if r.needs_review else "inherit")
        state = f"closed: {escape(r.status_reason)}" if closed else escape(r.status)
        lines = [
            f"<b>{escape(r.title)}</b> [{escape(r.urgency_label)}] ({state})",
        ]
        if r.statement != r.title:
            lines.append(escape(r.statement))
        if not closed:
            lines.append(f"Review due: {_uk(r.review_due)}")
        if r.needs_review and not closed:
            reasons = "; ".join(escape(x) for x in r.review_reasons)
            lines.append(f"<span style='color:{RED}'><b>Needs review:</b> {reasons}</span>")
        if r.tripped_by and not closed:
            lines.append(f"<a href='trips:{r.id}'>Show the entries that tripped it</a>")
        out.append(f"<p style='color:{colour}; margin-top:0'>{'<br>'.join(lines)}</p>")
    return "".join(out)


def _sources(s: Any) -> str:
    items = []
    for src in s.sources:
        span = f"{_uk(src.first)}–{_uk(src.last)}" if src.first else "no dates"
        agencies = ", ".join(escape(a or "(no agency)") for a in src.agencies[:4])
        more = " and others" if len(src.agencies) > 4 else ""
        items.append(
            f"<li>{escape(src.source)} — {agencies}{more}: {src.count} entries, {span}</li>"
        )
    if s.quarantine_waiting:
        items.append(
            f"<li>{s.quarantine_waiting} rows waiting in quarantine are not counted above.</li>"
        )
    return _h("Sources and coverage") + f"<ul style='margin-top:0'>{''.join(items)}</ul>"


def bottom_html(s: Any) -> str:
    """Key events, agency involvement, other risks, sources and coverage."""
    return _key_events(s) + _involvement(s) + _other_risks(s) + _sources(s)
