"""Command-line commands of the risks and the summary: risk, risks, summary, narrative, cadence,
audit. Each handler takes parsed arguments and returns an exit status."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from chronology.cases import get_case
from chronology.commands import emit_json, open_workspace
from chronology.models import Case, EntryType
from chronology.workspace import UK, Workspace
from summary.audit import CaseAudit, audit
from summary.cadence import DEFAULT_CADENCE, cadence_for_case, set_cadence
from summary.case_summary import generate_summary, risk_items
from summary.dates import parse_iso, uk
from summary.model import RiskItem
from summary.narrative import SECTIONS, narrative_sections, set_narrative
from summary.proceedings import find_proceedings
from summary.render import render_text, summary_json
from summary.risks import (
    CATEGORIES,
    REVIEW_DAYS,
    Risk,
    RiskError,
    Urgency,
    add_evidence,
    add_risk,
    close_risk,
    get_risk,
    list_risks,
    record_review,
    reopen_risk,
    risk_history,
    set_primary,
    set_triggers,
    update_risk,
)
from summary.team_settings import describe, load_settings
from summary.versions import (
    diff_versions,
    get_version,
    list_versions,
    mark_reviewed,
    save_version,
)

_TYPES = [t.value for t in EntryType]


def _today(args: argparse.Namespace) -> dt.date:
    """``--today``, else the real date in the UK (only the command line reads the clock)."""
    if getattr(args, "today", None):
        return parse_iso(args.today, "--today")
    return dt.datetime.now(UK).date()


def _risk_of_case(ws: Workspace, case: Case, risk_id: int) -> Risk:
    risk = get_risk(ws, risk_id)
    if risk.case_id != case.id:
        raise RiskError(f"risk {risk_id} belongs to another case, not {case.ref}")
    return risk


# ---------------------------------------------------------------- risk
def cmd_risk_add(args: argparse.Namespace) -> int:
    if args.reviewed:
        parse_iso(args.reviewed, "--reviewed")
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        risk = add_risk(
            ws,
            Risk(
                case_id=case.id or 0,
                title=args.title,
                if_text=args.if_text or "",
                then_text=args.then_text or "",
                category=args.category or "",
                to_whom=args.to_whom or "",
                from_whom=args.from_whom or "",
                urgency=Urgency(args.urgency),
                primary=args.primary,
                review_days=args.review_every,
                identified_on=args.identified or "",
                phrases=args.trigger or [],
                entry_types=args.trigger_type or [],
            ),
            reviewed=args.reviewed,
            # The allocated worker reviews the case's risks; the login name only as a fallback.
            reviewed_by=args.by or case.worker or None,
        )
    if args.json:
        emit_json({"id": risk.id})
    else:
        print(risk.id)
    return 0


def cmd_risk_review(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        _risk_of_case(ws, case, args.risk)
        review = record_review(ws, args.risk, args.date, args.by, args.note or "")
    if args.json:
        emit_json({"id": review.id, "risk": review.risk_id, "date": review.date, "by": review.by})
    else:
        print(f"risk {args.risk} reviewed on {uk(review.date)} by {review.by}")
    return 0


def cmd_risk_pin(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        _risk_of_case(ws, get_case(ws, args.case), args.risk)
        set_primary(ws, args.risk, True, args.reason or "")
    print(f"risk {args.risk} pinned to the top of the summary")
    return 0


def cmd_risk_unpin(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        _risk_of_case(ws, get_case(ws, args.case), args.risk)
        set_primary(ws, args.risk, False, args.reason)
    print(f"risk {args.risk} is no longer primary (reason kept in history)")
    return 0


def cmd_risk_close(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        _risk_of_case(ws, get_case(ws, args.case), args.risk)
        close_risk(ws, args.risk, args.reason)
    print(f"risk {args.risk} closed (reason kept in history)")
    return 0


def cmd_risk_reopen(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        _risk_of_case(ws, get_case(ws, args.case), args.risk)
        reopen_risk(ws, args.risk, args.reason)
    print(f"risk {args.risk} reopened")
    return 0


def cmd_risk_evidence(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        _risk_of_case(ws, get_case(ws, args.case), args.risk)
        add_evidence(ws, args.risk, args.entry, args.note or "")
    print(f"entry {args.entry} linked to risk {args.risk} as evidence")
    return 0


def cmd_risk_edit(args: argparse.Namespace) -> int:
    fields = {
        "title": args.title,
        "if_text": args.if_text,
        "then_text": args.then_text,
        "category": args.category,
        "to_whom": args.to_whom,
        "from_whom": args.from_whom,
        "urgency": args.urgency,
        "review_days": args.review_every,
        "status": args.status,
    }
    changes = {k: v for k, v in fields.items() if v is not None}
    with open_workspace(args) as ws:
        _risk_of_case(ws, get_case(ws, args.case), args.risk)
        if changes:
            update_risk(ws, args.risk, **changes)
        if args.trigger or args.trigger_type or args.default_triggers:
            set_triggers(ws, args.risk, args.trigger or [], args.trigger_type or [])
    print(f"risk {args.risk} updated")
    return 0


def cmd_risk_show(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        risk = _risk_of_case(ws, case, args.risk)
        primary, others = risk_items(ws, [risk], _today(args))
        item = (primary or others)[0]
        history = risk_history(ws, args.risk)
    if args.json:
        emit_json(
            {
                **_item_json(item),
                "reviews": [r.__dict__ for r in risk.reviews],
                "history": [
                    {"at": at, "who": who, "action": action, "old": _load(old), "new": _load(new)}
                    for at, who, action, old, new in history
                ],
            }
        )
        return 0
    _print_item(item)
    print("   Reviews:")
    for r in risk.reviews or []:
        print(f"     {uk(r.date)} by {r.by}{': ' + r.note if r.note else ''}")
    if not risk.reviews:
        print("     none")
    print("   History:")
    for at, who, action, _old, new in history:
        print(f"     {at[:16].replace('T', ' ')} {who}: {action} {_brief(new)}")
    return 0


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _load(text: str | None) -> Any:
    return json.loads(text) if text else None


def _brief(new: str | None) -> str:
    data = _load(new)
    if isinstance(data, dict) and "reason" in data:
        return f"— reason: {data['reason']}"
    return ""


def _item_json(item: RiskItem) -> dict[str, Any]:
    return asdict(item)


def _print_item(item: RiskItem) -> None:
    flags = [
        "PRIMARY" if item.primary else "",
        item.status.upper() if item.status != "active" else "",
        "NEEDS REVIEW" if item.needs_review else "",
    ]
    print(f"{item.id}\t{item.title} [{item.urgency_label}] {' '.join(f for f in flags if f)}")
    if item.statement != item.title:
        print(f"   {item.statement}")
    if item.status == "closed":
        print(f"   closed: {item.status_reason}")
        return
    last = (
        f"last reviewed {uk(item.last_review.date)} by {item.last_review.by}"
        if item.last_review
        else "never reviewed"
    )
    print(f"   {last}; next review due {uk(item.review_due)}")
    for reason in item.review_reasons:
        print(f"   ! {reason}")


def cmd_risks(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        primary, others = risk_items(ws, list_risks(ws, case.id or 0), _today(args))
    if args.json:
        emit_json([_item_json(i) for i in [*primary, *others]])
        return 0
    for item in [*primary, *others]:
        _print_item(item)
    if not primary and not others:
        print(f"no risks recorded for case {case.ref}")
    return 0


# ---------------------------------------------------------------- summary
def cmd_summary(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        if args.versions:
            return _print_versions(ws, case, args.json)
        if args.reviewed_by:
            return _mark_reviewed(ws, case, args.reviewed_by, args.json)
        if args.version is not None:
            version = get_version(ws, args.version)
            if version.case_id != case.id:
                raise RiskError(f"summary version {args.version} belongs to another case")
            if args.json:
                emit_json({"id": version.id, **version.data})
            else:
                print(version.text, end="")
            return 0
        if args.diff:
            a, b = args.diff
            for v in (a, b):
                if get_version(ws, v).case_id != case.id:
                    raise RiskError(f"summary version {v} belongs to another case")
            lines = diff_versions(ws, a, b)
            if args.json:
                emit_json({"from": a, "to": b, "diff": lines})
            else:
                print("\n".join(lines) if lines else f"versions {a} and {b} say the same")
            return 0
        summary = generate_summary(ws, case.ref, _today(args))
        version = None if args.no_save else save_version(ws, summary, only_if_changed=True)
    if args.json:
        emit_json({**summary_json(summary), "version": version})
    else:
        print(render_text(summary), end="")
        if version is not None:
            print(f"\n(summary version {version})")
    return 0


def _mark_reviewed(ws: Workspace, case: Case, by: str, as_json: bool) -> int:
    versions = list_versions(ws, case.id or 0)
    if not versions:
        raise RiskError(f"no summary saved yet for case {case.ref}: generate one first")
    mark = mark_reviewed(ws, versions[-1].id, by)
    if as_json:
        emit_json({"version": versions[-1].id, "reviewed_by": by, "id": mark})
    else:
        print(f"summary version {versions[-1].id} of case {case.ref} marked as read by {by}")
    return 0


def _print_versions(ws: Workspace, case: Case, as_json: bool) -> int:
    versions = list_versions(ws, case.id or 0)
    if as_json:
        emit_json(
            [
                {"id": v.id, "generated_at": v.generated_at, "as_of": v.as_of, "digest": v.digest}
                for v in versions
            ]
        )
    else:
        for v in versions:
            print(f"{v.id}\t{v.generated_at[:16].replace('T', ' ')}\tas of {uk(v.as_of)}")
        if not versions:
            print(f"no summary saved yet for case {case.ref}")
    return 0


def cmd_narrative(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        if args.section:
            if args.text is None and args.file is None:
                raise ValueError("give the section's words with --text TEXT or --file FILE")
            text = args.text if args.text is not None else Path(args.file).read_text("utf-8")
            section = set_narrative(ws, case.ref, args.section, text)
            if not args.json:
                print(f"{section.title} saved for case {case.ref}")
                return 0
        sections = narrative_sections(ws, case.id or 0)
    if args.json:
        emit_json(
            {
                k: {"text": s.text, "updated_at": s.updated_at, "updated_by": s.updated_by}
                for k, s in sections.items()
            }
        )
        return 0
    for s in sections.values():
        print(f"== {s.title} ({s.updated_at[:16].replace('T', ' ')}, {s.updated_by})")
        print(s.text or "(empty)")
    if not sections:
        print(f"no narrative written yet for case {case.ref} (sections: {', '.join(SECTIONS)})")
    return 0


def cmd_cadence(args: argparse.Namespace) -> int:
    days = {
        "cin_meeting": args.cin_meeting,
        "home_visit": args.home_visit,
        "supervision": args.supervision,
    }
    with open_workspace(args) as ws:
        case = get_case(ws, args.case)
        if args.default:
            case = set_cadence(ws, case.ref, **{k: None for k in days})
        changed = {k: v for k, v in days.items() if v is not None}
        if changed:
            case = set_cadence(ws, case.ref, **changed)
        reports = cadence_for_case(ws, case, _today(args), find_proceedings(ws, case))
        team_defaults = {**DEFAULT_CADENCE, **load_settings(ws).cadence_defaults()}
    if args.json:
        emit_json(
            [
                {
                    "rule": r.rule.key,
                    "every_days": r.rule.days,
                    "default_days": team_defaults[r.rule.key],
                    "count": r.count,
                    "last": r.last.isoformat() if r.last else None,
                    "gaps": [
                        {
                            "start": g.start.isoformat(),
                            "end": g.end.isoformat(),
                            "days": g.days,
                            "current": g.current,
                            "proceedings_open": g.proceedings_open,
                            "wording": g.wording,
                        }
                        for g in r.gaps
                    ],
                }
                for r in reports
            ]
        )
        return 0
    for r in reports:
        rule = r.rule
        if rule.days <= 0:
            print(f"{_cap(rule.label)}: not checked for this case")
            continue
        last = f", last {uk(r.last)}" if r.last else ""
        print(f"{_cap(rule.label)}: expected {rule.every}; {r.count} recorded{last}")
        for g in r.gaps:
            print(f"  - {g.wording}")
    return 0


def _optional_day(value: str | None, flag: str) -> dt.date | None:
    return parse_iso(value, flag) if value else None


def cmd_audit(args: argparse.Namespace) -> int:
    today = parse_iso(args.as_of, "--as-of") if args.as_of else _today(args)
    date_from = _optional_day(args.date_from, "--from")
    date_to = _optional_day(args.date_to, "--to")
    with open_workspace(args) as ws:
        settings = load_settings(ws)
        if args.thresholds:
            if args.json:
                emit_json(settings.as_json())
            else:
                print("\n".join(describe(settings)))
            return 0
        audits = audit(
            ws, args.case, today, date_from=date_from, date_to=date_to, settings=settings
        )
    if args.json:
        emit_json([a.as_json() for a in audits])
        return 0
    for a in audits:
        print_audit(a)
    if not audits:
        print("no cases in this workspace")
    else:
        changed = settings.changed()
        print(
            "Team thresholds: "
            + (", ".join(f"{k}={v}" for k, v in changed.items()) if changed else "the defaults")
            + " (audit --thresholds lists them all)"
        )
    return 0


def print_audit(a: CaseAudit) -> None:
    """One case's checklist as text."""
    print(f"{a.case_ref} — {a.child} (worker: {a.worker or '—'}) — {a.level.upper()}")
    print(f"  period: {a.period.describe()}; {a.proceedings}")
    for item in a.items:
        print(f"  [{item.level.upper():5}] {item.title}")
        for f in item.findings:
            mark = "" if f.level == item.level or f.level == "green" else f"({f.level}) "
            print(f"          {mark}{f.text}")


# ---------------------------------------------------------------- parser
def _common(p: argparse.ArgumentParser, *, case: bool = True, json_: bool = False) -> None:
    p.add_argument("--workspace", required=True, metavar="PATH", help="the workspace file")
    if case:
        p.add_argument("--case", required=True, metavar="REF", help="the case reference")
    if json_:
        p.add_argument("--json", action="store_true", help="print one JSON document")


def _today_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="work out reviews and gaps as of this day (default: today)",
    )


def _risk_fields(p: argparse.ArgumentParser, *, adding: bool) -> None:
    p.add_argument("--title", required=adding, help="a short name for the risk")
    p.add_argument("--if", dest="if_text", metavar="TEXT", help="IF … (the circumstances)")
    p.add_argument("--then", dest="then_text", metavar="TEXT", help="THEN … (the harm)")
    p.add_argument(
        "--category",
        metavar="C",
        help=f"its category, which chooses the default trip-wires: {', '.join(CATEGORIES)}",
    )
    p.add_argument("--to", dest="to_whom", metavar="WHOM", help="who is at risk")
    p.add_argument("--from", dest="from_whom", metavar="WHOM", help="who the risk comes from")
    p.add_argument(
        "--urgency",
        choices=[u.value for u in Urgency],
        default="important" if adding else None,
        help="urgent, or important but not urgent (the default)",
    )
    p.add_argument(
        "--review-every",
        type=int,
        metavar="DAYS",
        help=f"days between reviews (default: urgent {REVIEW_DAYS[Urgency.URGENT]}, "
        f"important {REVIEW_DAYS[Urgency.IMPORTANT]})",
    )
    p.add_argument(
        "--trigger",
        action="append",
        metavar="PHRASE",
        help="a trip-wire phrase (repeat for several). With any --trigger or --trigger-type, "
        "the risk uses exactly these trip-wires and none of its category's defaults. Phrases "
        "match whole words, ignoring case: 'contact' does not match 'contacted'",
    )
    p.add_argument(
        "--trigger-type",
        action="append",
        metavar="TYPE",
        choices=_TYPES,
        help="an entry type that trips the risk, e.g. 'court hearing or order' (repeatable)",
    )


def register(sub: argparse._SubParsersAction) -> None:
    """Add the risk and summary commands to the program's parser."""
    risk = sub.add_parser("risk", help="add, review, pin, unpin, close or show a risk")
    risk_sub = risk.add_subparsers(dest="risk_command", required=True, metavar="ACTION")

    p = risk_sub.add_parser("add", help="record a risk; prints its id")
    _common(p, json_=True)
    _risk_fields(p, adding=True)
    p.add_argument("--primary", action="store_true", help="pin it to the top of the summary")
    p.add_argument("--reviewed", metavar="YYYY-MM-DD", help="record a first review on this day")
    p.add_argument("--by", metavar="NAME", help="who made that review (default: the case's worker)")
    p.add_argument(
        "--identified", metavar="YYYY-MM-DD", help="when the risk was identified (default: today)"
    )
    p.set_defaults(func=cmd_risk_add)

    p = risk_sub.add_parser("review", help="record a review of a risk")
    _common(p, json_=True)
    p.add_argument("--risk", type=int, required=True, metavar="ID")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--by", required=True, metavar="NAME")
    p.add_argument("--note", metavar="TEXT", help="what the review concluded")
    p.set_defaults(func=cmd_risk_review)

    for name, func, needs_reason, text in (
        ("pin", cmd_risk_pin, False, "pin a risk to the top of the summary"),
        ("unpin", cmd_risk_unpin, True, "take a risk off the top (a reason is required)"),
        ("close", cmd_risk_close, True, "close a risk (a reason is required)"),
        ("reopen", cmd_risk_reopen, True, "reopen a closed risk (a reason is required)"),
    ):
        p = risk_sub.add_parser(name, help=text)
        _common(p)
        p.add_argument("--risk", type=int, required=True, metavar="ID")
        p.add_argument("--reason", required=needs_reason, metavar="TEXT")
        p.set_defaults(func=func)

    p = risk_sub.add_parser("evidence", help="link a chronology entry to a risk")
    _common(p)
    p.add_argument("--risk", type=int, required=True, metavar="ID")
    p.add_argument("--entry", type=int, required=True, metavar="ID")
    p.add_argument("--note", metavar="TEXT")
    p.set_defaults(func=cmd_risk_evidence)

    p = risk_sub.add_parser("edit", help="change a risk's wording, urgency, interval, trip-wires")
    _common(p)
    p.add_argument("--risk", type=int, required=True, metavar="ID")
    _risk_fields(p, adding=False)
    p.add_argument("--status", choices=("active", "monitoring"))
    p.add_argument(
        "--default-triggers",
        action="store_true",
        help="drop the risk's own trip-wires: its category's defaults apply again",
    )
    p.set_defaults(func=cmd_risk_edit)

    p = risk_sub.add_parser("show", help="one risk with its reviews and history")
    _common(p, json_=True)
    p.add_argument("--risk", type=int, required=True, metavar="ID")
    _today_arg(p)
    p.set_defaults(func=cmd_risk_show)

    p = sub.add_parser("risks", help="list a case's risks, primary first, with what they need")
    _common(p, json_=True)
    _today_arg(p)
    p.set_defaults(func=cmd_risks)

    p = sub.add_parser(
        "summary",
        help="generate the case summary (saved as a version when it changed)",
        description="Generate the case summary. Each run that says something new is saved as a "
        "version; --versions lists them, --version N shows one, --diff A B compares two.",
    )
    _common(p, json_=True)
    _today_arg(p)
    p.add_argument("--no-save", action="store_true", help="do not save this generation")
    p.add_argument("--versions", action="store_true", help="list the saved versions")
    p.add_argument("--version", type=int, metavar="N", help="show saved version N")
    p.add_argument("--diff", type=int, nargs=2, metavar=("A", "B"), help="what changed from A to B")
    p.add_argument(
        "--reviewed-by",
        metavar="NAME",
        help="mark the latest saved version as read and checked by NAME (the audit asks for it)",
    )
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser(
        "narrative",
        help="write the worker's narrative (kept when the summary is regenerated)",
        description="Without --section, lists the case's narrative. Sections: "
        + ", ".join(SECTIONS),
    )
    _common(p, json_=True)
    p.add_argument("--section", metavar="S", help=f"one of {', '.join(SECTIONS)}")
    p.add_argument("--text", metavar="TEXT", help="the section's words ('' clears it)")
    p.add_argument("--file", metavar="FILE", help="read the section's words from a UTF-8 file")
    p.set_defaults(func=cmd_narrative)

    p = sub.add_parser(
        "cadence",
        help="show or change how often meetings, visits and supervision must happen",
        description="0 days switches a rule off for the case; --default puts the defaults back "
        f"({', '.join(f'{k} {v}' for k, v in DEFAULT_CADENCE.items())} days).",
    )
    _common(p, json_=True)
    _today_arg(p)
    p.add_argument("--cin-meeting", type=int, metavar="DAYS")
    p.add_argument("--home-visit", type=int, metavar="DAYS")
    p.add_argument("--supervision", type=int, metavar="DAYS")
    p.add_argument("--default", action="store_true", help="go back to the default intervals")
    p.set_defaults(func=cmd_cadence)

    p = sub.add_parser(
        "audit",
        help="the supervision checklist over a period: red, amber, green per case",
        description="Each item red, amber or green with its evidence, over the period since the "
        "case's last signed supervision (or --from/--to). Gaps that have since ended are listed "
        "too, with whether proceedings were open.",
    )
    _common(p, case=False, json_=True)
    p.add_argument("--case", metavar="REF", help="only this case (default: every case)")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day of the audit (default: today)")
    _today_arg(p)
    p.add_argument(
        "--from",
        dest="date_from",
        metavar="YYYY-MM-DD",
        help="first day of the period (default: the last signed supervision)",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        metavar="YYYY-MM-DD",
        help="last day of the period (default: the audit's day)",
    )
    p.add_argument(
        "--thresholds",
        action="store_true",
        help="show the team's thresholds (change them with 'team settings')",
    )
    p.set_defaults(func=cmd_audit)
