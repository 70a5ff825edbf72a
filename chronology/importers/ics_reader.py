"""iCalendar (.ics) reader: each event, and each occurrence of a repeating one, in UK local time."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
import x_wr_timezone
from icalendar.prop import vBroken

from chronology.dates import UnreadableDate, from_datetime, resolve_zone
from chronology.importers.html_text import html_to_text, plain
from chronology.importers.limits import check_occurrences, clip_long_ics_lines
from chronology.importers.mapping import calendar_agency
from chronology.importers.records import FileRefused, Progress, ReaderInfo, SourceRecord

log = logging.getLogger(__name__)

FORMAT = "ics"
PROGRESS_EVERY = 1000
UK = ZoneInfo("Europe/London")
MAX_YEARS_AHEAD = 5  # a series is never expanded further than this past the file's own events
OPEN_SERIES_YEARS = 1  # a series with no end is expanded at least this far past its start
SUB_DAILY_DAYS = 31  # an hourly series is expanded for a month at most
MAX_OCCURRENCES = 10_000  # per series: a chronology is not a clock
FIRST_YEAR, LAST_YEAR = 1800, 2200  # outside these a start is a placeholder or a typing slip
_ROW_TAG = "X-THROUGHLINE-ROW"  # carried through copies made by x-wr-timezone and the expansion
_ONCE_ONLY = ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID")  # RFC 5545: at most once
_DATE_PROPERTIES = ("DTSTART", "DTEND", "DTSTAMP", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE")
_UNITS = {
    "secondly": "seconds",
    "minutely": "minutes",
    "hourly": "hours",
    "daily": "days",
    "weekly": "weeks",
    "monthly": "months",
    "yearly": "years",
}
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_BAD_VALUE = re.compile(r"(?:got|format|value)\W*'?([^']*?)'?\s*$", re.IGNORECASE)


@dataclass
class _Line:
    number: int  # 1-based physical line where the (unfolded) content line starts
    text: str

    @property
    def name(self) -> str:
        return re.split(r"[;:]", self.text, maxsplit=1)[0].strip().upper()

    @property
    def value(self) -> str:
        return self.text.split(":", 1)[1] if ":" in self.text else ""


@dataclass
class _Block:
    """One VEVENT as it stands in the file: its own content lines and its original text."""

    begin: int
    lines: list[_Line] = field(default_factory=list)
    text: str = ""

    def line_of(
        self, name: str, value: str | None = None, skip: set[int] | None = None
    ) -> _Line | None:
        """The content line of a property, preferring the one holding ``value``."""
        named = [ln for ln in self.lines if ln.name == name and ln.number not in (skip or ())]
        if value is not None:
            for ln in named:
                if ln.value.strip() == value:
                    return ln
        return named[0] if named else None


@dataclass
class _Event:
    row: int
    component: icalendar.Component
    block: _Block | None
    errors: list[tuple[str, str]]
    problem: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def uid(self) -> str:
        return str(self.component.get("UID", "")).strip()

    @property
    def summary(self) -> str:
        return _text(self.component.get("SUMMARY"))

    @property
    def recurring(self) -> bool:
        c = self.component
        return "RRULE" in c or "RDATE" in c or "RECURRENCE-ID" in c

    @property
    def raw(self) -> str:
        return (
            self.block.text if self.block else self.component.to_ical().decode("utf-8", "replace")
        )


@dataclass
class _Series:
    """The events sharing one UID that repeat, with the window they are expanded in."""

    events: list[_Event]
    start: dt.date
    end: dt.date  # inclusive
    open_ended: bool = False  # no COUNT or UNTIL: already noted in the ReaderInfo


def read(path: Path) -> Iterator[ReaderInfo | SourceRecord | Progress]:
    """Read a calendar file: a ReaderInfo, then one record per event occurrence, with progress."""
    text, encoding = _decode(Path(path).read_bytes())
    text = clip_long_ics_lines(text) or text  # unfolding a 50 MB property would take hours
    lines = _content_lines(text)
    tidied, fixed = _tidy_rules(lines)
    calendars = _parse(tidied or text, lines)
    blocks = _event_blocks(lines, text)
    info = ReaderInfo(format=FORMAT, encoding=encoding)
    if fixed:
        info.notes.append(
            f"{fixed} repeat rule(s) or date list(s) were written with spaces or in lower case "
            "(as some calendar servers write them): read without the spaces"
        )
    events, cancel_method = _collect(calendars, blocks, info)
    if not events:
        raise FileRefused("the calendar has no events")
    good = [e for e in events if e.problem is None]
    if not good:
        raise FileRefused(f"not a readable calendar: {events[0].problem}")
    plan = _plan(good, info)
    expanded: dict[int, list[SourceRecord]] = {}
    occurrences = 0
    for series in plan.values():
        first_row = series.events[0].row
        if first_row not in expanded:
            expanded[first_row] = _expand(series, cancel_method, info)
            occurrences += len(expanded[first_row])
            check_occurrences(occurrences)
    yield info
    done = 0
    emitted: set[str] = set()
    for event in events:
        group = plan.get(event.row)
        if event.problem:
            records = [_problem(event)]
        elif group is None:
            records = [_single(event, cancel_method)]
        elif group.events[0] is event:
            records = expanded[event.row]
        else:
            continue  # yielded with its series
        for record in records:
            record.key = _unique(record.key, record.row, emitted)
            yield record
            done += 1
            if done % PROGRESS_EVERY == 0:
                yield Progress(done, 0, f"{done} calendar events read")
    yield Progress(done, done, f"{done} calendar events read")


# --- reading the file --------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    if b"\x00" in data:
        raise FileRefused("not a calendar file: it holds binary data")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8 (BOM)"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace"), "windows-1252"


def _content_lines(text: str) -> list[_Line]:
    """Unfold RFC 5545 continuation lines, keeping the physical line each one starts on."""
    out: list[_Line] = []
    for number, physical in enumerate(_LINE_BREAK.split(text), 1):
        if physical[:1] in (" ", "\t") and out:
            out[-1].text += physical[1:]
        elif physical.strip():
            out.append(_Line(number, physical))
    return out


def _event_blocks(lines: list[_Line], text: str) -> list[_Block]:
    """Every VEVENT's own lines and original text, in file order."""
    physical = _LINE_BREAK.split(text)
    blocks: list[_Block] = []
    stack: list[str] = []
    current: _Block | None = None
    depth = 0
    for ln in lines:
        upper = ln.text.strip().upper()
        if upper.startswith("BEGIN:"):
            stack.append(upper[6:])
            if upper[6:] == "VEVENT" and current is None:
                current = _Block(begin=ln.number)
                depth = len(stack)
            continue
        if upper.startswith("END:"):
            if current is not None and len(stack) == depth and upper[4:] == "VEVENT":
                current.text = "\n".join(physical[current.begin - 1 : ln.number])
                blocks.append(current)
                current = None
            if stack:
                stack.pop()
            continue
        if current is not None and len(stack) == depth:
            current.lines.append(ln)
    return blocks


_RULE_PROPERTIES = frozenset({"RRULE", "EXRULE", "RDATE", "EXDATE"})
_SPACE = re.compile(r"\s+")


def _tidy_rules(lines: list[_Line]) -> tuple[str | None, int]:
    """The calendar's text with repeat rules and date lists written without spaces and in upper
    case ("FREQ=WEEKLY; COUNT=6", "freq = weekly"), or None when none needs it; and how many."""
    fixed = 0
    out: list[str] = []
    for ln in lines:
        text = ln.text
        if ln.name in _RULE_PROPERTIES and ":" in text:
            head, value = text.split(":", 1)
            tidy = _SPACE.sub("", value)
            if ln.name in ("RRULE", "EXRULE"):
                tidy = tidy.upper()
            if tidy != value:
                fixed += 1
                text = f"{head.strip()}:{tidy}"
        out.append(text)
    return ("\r\n".join(out) + "\r\n", fixed) if fixed else (None, 0)


def _parse(text: str, lines: list[_Line]) -> list[icalendar.Calendar]:
    first = lines[0].text.strip() if lines else ""
    if first.upper() != "BEGIN:VCALENDAR":
        shown = first if len(first) <= 40 else first[:40] + "…"
        raise FileRefused(
            "not a calendar file: it should begin with BEGIN:VCALENDAR"
            + (f" but begins with '{shown}'" if shown else " but it is empty")
        )
    if not any(ln.text.strip().upper() == "END:VCALENDAR" for ln in lines):
        raise FileRefused(
            "not a readable calendar: it ends without END:VCALENDAR, so it may have been cut short"
        )
    try:
        parsed = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # icalendar raises several types on damaged input
        raise FileRefused(_refusal(exc, lines)) from None
    calendars = [c for c in parsed if c.name == "VCALENDAR"]
    if not calendars:
        raise FileRefused("not a calendar file: no VCALENDAR could be read")
    return calendars


def _refusal(exc: Exception, lines: list[_Line]) -> str:
    """A plain message naming the property and line that stopped the parser."""
    message = str(exc)
    match = _BAD_VALUE.search(message)
    value = match.group(1).strip() if match else ""
    if value:
        candidates = [ln for ln in lines if ln.value.strip() == value or value in ln.value]
        candidates.sort(key=lambda ln: (ln.name != "DTSTART", ln.number))
        if candidates:
            ln = candidates[0]
            if ln.name in _DATE_PROPERTIES or ln.name == "FREEBUSY":
                problem = f"{ln.name} '{value}' on line {ln.number} is not a date"
            else:
                problem = f"{ln.name} on line {ln.number} cannot be read ({message})"
            return f"not a readable calendar: {problem}"
    return f"not a readable calendar: {message}"


def _collect(
    calendars: list[icalendar.Calendar], blocks: list[_Block], info: ReaderInfo
) -> tuple[list[_Event], bool]:
    """The VEVENTs of every calendar in the file, with problems found and time zones applied."""
    events: list[_Event] = []
    ignored: dict[str, int] = {}
    cancel_method = False
    for cal in calendars:
        for name, message in cal.errors:
            info.notes.append(f"calendar property {name} could not be read ({message})")
        prodid = _text(cal.get("PRODID"))
        if prodid and f"written by {prodid}" not in info.notes:
            info.notes.append(f"written by {prodid}")
        if _text(cal.get("METHOD")).upper() == "CANCEL":
            cancel_method = True
            info.notes.append(
                "the calendar is a cancellation (METHOD:CANCEL): events are cancelled"
            )
        before = len(events)
        for comp in cal.walk():
            if comp.name == "VEVENT":
                row = len(events) + 1
                block = blocks[row - 1] if len(blocks) >= row else None
                events.append(_Event(row, comp, block, list(comp.errors)))
                comp.add(_ROW_TAG, str(row))
            elif comp.name in ("VTODO", "VJOURNAL", "VFREEBUSY"):
                ignored[comp.name] = ignored.get(comp.name, 0) + 1
        for event in events[before:]:
            _check(event)
            _strip_broken(event.component)
        zone = _text(cal.get("X-WR-TIMEZONE"))
        if zone and len(events) > before:
            _apply_wr_timezone(cal, zone, events[before:], info)
    if len(blocks) != len(events):
        log.warning("found %d VEVENT blocks but icalendar read %d", len(blocks), len(events))
        for event in events:
            event.block = None
    for name, count in ignored.items():
        info.notes.append(f"{count} {name} component(s) ignored: only events (VEVENT) are imported")
    info.agency = _agency(calendars, events)
    return events, cancel_method


def _agency(calendars: list[icalendar.Calendar], events: list[_Event]) -> Any:
    """Who the calendar says it belongs to (its name, organiser or PRODID), if it says."""
    name = next((_text(c.get("X-WR-CALNAME")) for c in calendars if c.get("X-WR-CALNAME")), "")
    counts: dict[str, int] = {}
    for event in events:
        organiser = _organizer(event.component.get("ORGANIZER"))
        if organiser:
            counts[organiser] = counts.get(organiser, 0) + 1
    organisers = sorted(counts, key=lambda o: -counts[o])
    product = next((_text(c.get("PRODID")) for c in calendars if c.get("PRODID")), "")
    return calendar_agency(name, organisers, product)


def _check(event: _Event) -> None:
    """Set the event's problem when its start cannot be read; turn other errors into notes."""
    comp = event.component
    start = comp.get("DTSTART")
    used: set[int] = set()
    for name, message in event.errors:
        if not name:  # a line icalendar could not split into name and value
            bad = (
                next((ln for ln in event.block.lines if f"'{ln.text}'" in message), None)
                if event.block
                else None
            )
            if bad is not None:
                text = f"line {bad.number} could not be read and was ignored: '{bad.text.strip()}'"
            else:
                text = f"a line could not be read and was ignored ({message})"
            event.notes.append(text)
            continue
        match = _BAD_VALUE.search(message)
        value = match.group(1).strip() if match else ""
        line = event.block.line_of(name, value, skip=used) if event.block else None
        if line is not None:
            used.add(line.number)
        where = f" on line {line.number}" if line else ""
        if name == "DTSTART":
            event.problem = f"DTSTART '{value}'{where} is not a date"
        else:
            event.notes.append(f"{name}{where} could not be read and was ignored ('{value}')")
    if event.problem:
        return
    twice = next((name for name in _ONCE_ONLY if isinstance(comp.get(name), list)), None)
    if twice is not None:  # two events run together, or a damaged one: never guessed between
        event.problem = f"the event gives {twice} more than once, so which one holds is unclear"
        return
    if start is None:
        event.problem = "the event has no start date (DTSTART)"
    elif isinstance(start, vBroken) or not isinstance(getattr(start, "dt", None), dt.date):
        line = event.block.line_of("DTSTART") if event.block else None
        where = f" on line {line.number}" if line else ""
        event.problem = f"DTSTART '{line.value if line else start}'{where} is not a date"
    elif not FIRST_YEAR <= start.dt.year <= LAST_YEAR:
        line = event.block.line_of("DTSTART") if event.block else None
        where = f" on line {line.number}" if line else ""
        event.problem = (
            f"DTSTART '{line.value if line else start.dt}'{where} is out of range "
            f"(year {start.dt.year})"
        )


def _strip_broken(comp: icalendar.Component) -> None:
    """Drop unreadable properties so that the expansion and zone conversion can go on."""
    for name in list(comp.keys()):
        value = comp[name]
        if isinstance(value, vBroken):
            del comp[name]
        elif isinstance(value, list):
            kept = [v for v in value if not isinstance(v, vBroken)]
            if len(kept) != len(value):
                if kept:
                    comp[name] = kept if len(kept) > 1 else kept[0]
                else:
                    del comp[name]


def _apply_wr_timezone(
    cal: icalendar.Calendar, zone: str, events: list[_Event], info: ReaderInfo
) -> None:
    """Google-style X-WR-TIMEZONE: put UTC and floating times into the calendar's own zone."""
    try:
        converted = x_wr_timezone.to_standard(cal)
    except Exception as exc:  # an unknown zone name must not stop the import
        info.notes.append(
            f"the calendar's time zone X-WR-TIMEZONE '{zone}' was not applied ({exc})"
        )
        return
    by_row = {e.row: e for e in events}
    for comp in converted.walk("VEVENT"):
        event = by_row.get(int(str(comp.get(_ROW_TAG, "0"))))
        if event is not None:
            event.component = comp
    info.notes.append(f"calendar time zone X-WR-TIMEZONE '{zone}' applied before reading times")


# --- repeating events --------------------------------------------------------------------------


def _plan(events: list[_Event], info: ReaderInfo) -> dict[int, _Series]:
    """Group repeating events by UID and choose how far each series is expanded."""
    starts = {e.row: _local_date(e.component["DTSTART"].dt) for e in events}
    first = min(starts.values())
    groups: dict[str, list[_Event]] = {}
    for e in events:
        groups.setdefault(e.uid or f"\0{e.row}", []).append(e)
    one_off = [
        starts[e.row] for e in events if not ("RRULE" in e.component or "RDATE" in e.component)
    ]
    latest_one_off = max(one_off) if one_off else None
    plan: dict[int, _Series] = {}
    for members in groups.values():
        if not any(m.recurring for m in members):
            continue
        master = next((m for m in members if "RECURRENCE-ID" not in m.component), members[0])
        series_start = starts[master.row]
        cap = _add_years(max(latest_one_off or series_start, series_start), MAX_YEARS_AHEAD)
        rules = master.component.get("RRULE")
        rules = rules if isinstance(rules, list) else [rules] if rules is not None else []
        open_ended = any("COUNT" not in r and "UNTIL" not in r for r in rules)
        freqs = {str(f).upper() for r in rules for f in r.get("FREQ", [])}
        if freqs & {"SECONDLY", "MINUTELY"}:
            info.notes.append(
                f"'{master.summary or 'untitled event'}' (event {master.row}) repeats every "
                "second or minute: only the dates written in the file were imported"
            )
            del master.component["RRULE"]
            open_ended = False
        end = cap
        if "HOURLY" in freqs:
            end = min(cap, series_start + dt.timedelta(days=SUB_DAILY_DAYS))
            open_ended = False
            info.notes.append(
                f"'{master.summary or 'untitled event'}' (event {master.row}) repeats every "
                f"hour: its occurrences were imported up to {end:%d/%m/%Y}"
            )
        if open_ended:
            rows = {m.row for m in members}
            others = [d for r, d in starts.items() if r not in rows]
            end = min(
                cap,
                max(max(others, default=series_start), _add_years(series_start, OPEN_SERIES_YEARS)),
            )
            info.notes.append(
                f"'{master.summary or 'untitled event'}' (event {master.row}) repeats with no end "
                f"date: its occurrences were imported up to {end:%d/%m/%Y}"
            )
        explicit = [starts[m.row] for m in members]
        for m in members:
            rid = m.component.get("RECURRENCE-ID")
            if rid is not None:
                explicit.append(_local_date(rid.dt))
        series = _Series(members, min(first, *explicit), max(end, *explicit), open_ended)
        for m in members:
            plan[m.row] = series
    return plan


def _expand(series: _Series, cancel_method: bool, info: ReaderInfo) -> list[SourceRecord]:
    """The occurrences of one series in its window, EXDATEs removed and overrides applied."""
    members = series.events
    by_row = {m.row: m for m in members}
    master = next((m for m in members if "RECURRENCE-ID" not in m.component), members[0])
    cal = icalendar.Calendar()
    for m in members:
        cal.add_component(m.component)
    window_end = series.end + dt.timedelta(days=1)
    try:
        query = recurring_ical_events.of(cal)
        occurrences = list(query.between(series.start - dt.timedelta(days=1), window_end))
        beyond = next(iter(query.after(window_end)), None)
        if len(occurrences) > MAX_OCCURRENCES:
            occurrences.sort(key=lambda o: _sort_key(o["DTSTART"].dt))
            beyond, occurrences = occurrences[MAX_OCCURRENCES], occurrences[:MAX_OCCURRENCES]
    except Exception as exc:  # a rule the library cannot expand: keep each event as written
        log.info("series %r could not be expanded: %s", master.uid, exc)
        records = []
        for m in members:
            record = _single(m, cancel_method)
            record.notes.append(f"its repeat rule could not be expanded ({exc}): first date only")
            records.append(record)
        return records
    written = _written_beyond(query, master, window_end, occurrences)
    if written:
        occurrences += written
        kept = {_sort_key(o["DTSTART"].dt) for o in written}
        beyond = None
        for occ in query.after(window_end):  # the first one after the window not written out
            if _sort_key(occ["DTSTART"].dt) not in kept:
                beyond = occ
                break
    occurrences.sort(key=lambda o: _sort_key(o["DTSTART"].dt))
    records = []
    seen_rows: set[int] = set()
    rule = _rule_text(master.component)
    for number, occ in enumerate(occurrences, 1):
        row = int(str(occ.get(_ROW_TAG, master.row)))
        source = by_row.get(row, master)
        seen_rows.add(source.row)
        rid = occ.get("RECURRENCE-ID")
        stamp = _stamp(rid.dt if rid is not None else occ["DTSTART"].dt)
        notes = list(source.notes)
        if "RECURRENCE-ID" in source.component:
            original = source.component["RECURRENCE-ID"].dt
            if rid is not None and _sort_key(original) != _sort_key(occ["DTSTART"].dt):
                if not isinstance(occ["DTSTART"].dt, dt.datetime):
                    original = _local_date(original)
                notes.append(f"moved from {_shown(original)}, its usual date in the series")
        if source.recurring:
            notes.append(f"occurrence {number} of {len(occurrences)} of a repeating event{rule}")
        records.append(_record(source, occ, _key(source, stamp), notes, cancel_method))
    if beyond is not None and not series.open_ended:
        title = master.summary or "untitled event"
        last = _shown(_local_date(occurrences[-1]["DTSTART"].dt)) if occurrences else "its start"
        info.notes.append(
            f"'{title}' (event {master.row}) repeats beyond {last}: later occurrences were not "
            "imported"
        )
    for m in members:
        if m.row not in seen_rows and "RECURRENCE-ID" in m.component:
            records.append(_single(m, cancel_method))  # an override the expansion did not place
    return records


def _written_beyond(
    query: Any, master: _Event, window_end: dt.date, occurrences: list[Any]
) -> list[Any]:
    """Occurrences the file names by date (RDATE) after the expansion window: always kept,
    since a date written out is a record, not a rule that could run for ever."""
    rdates = master.component.get("RDATE")
    days: set[dt.date] = set()
    for item in rdates if isinstance(rdates, list) else [rdates] if rdates is not None else []:
        for entry in getattr(item, "dts", []):
            value = entry.dt[0] if isinstance(entry.dt, tuple) else entry.dt
            if isinstance(value, dt.date) and _local_date(value) >= window_end:
                days.add(_local_date(value))
    if not days:
        return []
    have = {_sort_key(o["DTSTART"].dt) for o in occurrences}
    found: list[Any] = []
    for day in sorted(days):
        try:
            for occ in query.between(day - dt.timedelta(days=1), day + dt.timedelta(days=2)):
                key = _sort_key(occ["DTSTART"].dt)
                if key[0] == day and key not in have:
                    have.add(key)
                    found.append(occ)
        except Exception as exc:  # the library could not place it: said, not hidden
            log.info("RDATE %s of %r not expanded: %s", day, master.uid, exc)
    return found


# --- building records --------------------------------------------------------------------------


def _unique(key: str, row: int, emitted: set[str]) -> str:
    """The key, made distinct when a sloppy export reuses a UID for different events."""
    candidate, n = key, 1
    while candidate in emitted:
        n += 1
        candidate = f"{key}#{row}" if n == 2 else f"{key}#{row}.{n}"
    emitted.add(candidate)
    return candidate


def _problem(event: _Event) -> SourceRecord:
    """An event whose start cannot be read: the pipeline quarantines it with the reason."""
    return SourceRecord(
        row=event.row,
        values=_values(event.component),
        raw=event.raw,
        mapped=True,
        problem=event.problem,
        key=_key_base(event),
        notes=list(event.notes),
    )


def _single(event: _Event, cancel_method: bool) -> SourceRecord:
    comp = event.component
    key = _key_base(event)
    return _record(event, comp, key, list(event.notes), cancel_method)


def _record(
    event: _Event, occ: icalendar.Component, key: str, notes: list[str], cancel_method: bool
) -> SourceRecord:
    """One SourceRecord for an occurrence ``occ`` of ``event`` (the event itself when single)."""
    start_prop = occ["DTSTART"]
    tzid = _tzid(event.component.get("DTSTART"))
    start = _zoned(start_prop.dt, tzid, notes)
    line = event.block.line_of("DTSTART") if event.block else None
    if line is not None and _sort_key(_zoned(event.component["DTSTART"].dt, tzid, [])) == _sort_key(
        start
    ):
        original = line.text.strip()
    else:
        original = _ical_line("DTSTART", start_prop, tzid)
    end_value = _end_of(occ, start)
    end_text = ""
    ends: Any = None
    try:
        when = from_datetime(start, original)
    except UnreadableDate as exc:
        return SourceRecord(
            row=event.row,
            values=_values(occ),
            raw=event.raw,
            mapped=True,
            problem=f"DTSTART: {exc.reason}",
            key=key,
            notes=notes,
        )
    if isinstance(start, dt.datetime):
        if isinstance(end_value, dt.datetime):
            end_local = _london(_zoned(end_value, _tzid(occ.get("DTEND")) or tzid, []))
            end_text = end_local.strftime("%d/%m/%Y %H:%M")
            ends = end_local
    elif isinstance(end_value, dt.date) and not isinstance(end_value, dt.datetime):
        last = end_value - dt.timedelta(days=1)  # DTEND of an all-day event is exclusive
        if last > start:
            when = replace(when, end=last)
            end_text = last.strftime("%d/%m/%Y")
            ends = last
    values = _values(occ)
    values["end"] = end_text
    status = "active"
    if cancel_method or _text(occ.get("STATUS")).upper() == "CANCELLED":
        status = "cancelled"
        values["outcome"] = "Cancelled"  # as the FHIR reader says it: the entry type follows
    return SourceRecord(
        row=event.row,
        values=values,
        raw=event.raw,
        mapped=True,
        date=when,
        status=status,
        key=key,
        notes=notes,
        end=ends,
    )


def _values(comp: icalendar.Component) -> dict[str, Any]:
    summary = plain(_text(comp.get("SUMMARY")))
    description = plain(_text(comp.get("DESCRIPTION")))
    if not description.strip():  # Outlook's HTML copy of the description, when it is the only one
        alt = comp.get("X-ALT-DESC")
        if alt is not None and "html" in str(getattr(alt, "params", {}).get("FMTTYPE", "")):
            description = html_to_text(_text(alt))
    categories: list[str] = []
    raw_categories = comp.get("CATEGORIES")
    for item in raw_categories if isinstance(raw_categories, list) else [raw_categories]:
        if item is None or isinstance(item, vBroken):
            continue
        cats = getattr(item, "cats", None)
        categories.extend(str(c).strip() for c in (cats if cats is not None else [item]))
    return {
        "summary": summary,
        "text": description if description.strip() else summary,
        "type": ", ".join(c for c in categories if c) or "Appointment",
        "location": plain(_text(comp.get("LOCATION"))),
        "author": _organizer(comp.get("ORGANIZER")),
        "reference": _text(comp.get("UID")),
    }


def _organizer(prop: Any) -> str:
    if prop is None or isinstance(prop, vBroken):
        return ""
    name = str(getattr(prop, "params", {}).get("CN", "")).strip().strip('"')
    if name:
        return name
    address = str(prop).strip()
    return address[7:] if address.lower().startswith("mailto:") else address


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value if _text(v))
    return str(value).strip()


def _key_base(event: _Event) -> str:
    """A single event's identity: its UID, or a digest of its text when it has none."""
    if event.uid:
        return event.uid
    return "sha1:" + hashlib.sha1(event.raw.encode("utf-8", "replace")).hexdigest()[:20]


def _key(event: _Event, stamp: str) -> str:
    return f"{_key_base(event)}/{stamp}"


# --- dates and zones ---------------------------------------------------------------------------


def _tzid(prop: Any) -> str | None:
    params = getattr(prop, "params", None)
    tzid = params.get("TZID") if params else None
    return str(tzid) if tzid else None


def _zoned(value: Any, tzid: str | None, notes: list[str]) -> Any:
    """Attach the zone a naive time was written in (TZID), if the TZID was not already applied."""
    if isinstance(value, dt.datetime) and value.tzinfo is None and tzid:
        zone = resolve_zone(tzid)
        if zone is not None:
            return value.replace(tzinfo=zone)
        note = f"time zone '{tzid}' is not known: the time was taken as UK local time"
        if note not in notes:
            notes.append(note)
    return value


def _is_utc(value: dt.datetime) -> bool:
    return value.utcoffset() == dt.timedelta(0) and str(value.tzinfo) in ("UTC", "UTC+00:00")


def _london(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        return value  # floating: already UK wall-clock time
    return value.astimezone(UK)


def _local_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return _london(value).date()
    return value


def _sort_key(value: Any) -> tuple[dt.date, dt.time]:
    if isinstance(value, dt.datetime):
        local = _london(value)
        return local.date(), local.time().replace(tzinfo=None)
    return value, dt.time(0)


def _rule_text(comp: icalendar.Component) -> str:
    """A short description of a repeat rule, e.g. ' (weekly, 8 times)'."""
    rule = comp.get("RRULE")
    rule = rule[0] if isinstance(rule, list) and rule else rule
    if rule is None or isinstance(rule, vBroken):
        return ""
    parts = [str(f).lower() for f in rule.get("FREQ", [])]
    interval = rule.get("INTERVAL", [1])[0]
    if parts and interval and int(interval) > 1:
        parts = [f"every {interval} {_UNITS.get(parts[0], parts[0])}"]
    if rule.get("COUNT"):
        count = int(rule["COUNT"][0])
        parts.append("once" if count == 1 else f"{count} times")
    if rule.get("UNTIL"):
        parts.append(f"until {_shown(rule['UNTIL'][0])}")
    exdates = comp.get("EXDATE")
    excluded = sum(
        len(getattr(e, "dts", []))
        for e in (exdates if isinstance(exdates, list) else [exdates] if exdates else [])
    )
    if excluded:
        parts.append(f"{excluded} date{'s' if excluded > 1 else ''} excluded")
    return f" ({', '.join(parts)})" if parts else ""


def _shown(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return _london(value).strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


def _stamp(value: Any) -> str:
    """A stable text form of an occurrence's identity (its RECURRENCE-ID or start)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


def _end_of(comp: icalendar.Component, start: Any) -> Any:
    end = comp.get("DTEND")
    if end is not None and isinstance(getattr(end, "dt", None), dt.date):
        return end.dt
    duration = comp.get("DURATION")
    if duration is not None and isinstance(getattr(duration, "dt", None), dt.timedelta):
        return start + duration.dt
    return None


def _ical_line(name: str, prop: Any, tzid: str | None) -> str:
    """The content line an occurrence would have had, e.g. DTSTART;TZID=Europe/London:2024…."""
    value = prop.dt
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and _is_utc(value):
            return f"{name}:{value:%Y%m%dT%H%M%S}Z"
        zone = tzid or (getattr(value.tzinfo, "key", None) if value.tzinfo else None)
        params = f";TZID={zone}" if zone else ""
        return f"{name}{params}:{value:%Y%m%dT%H%M%S}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


__all__ = ["read"]
