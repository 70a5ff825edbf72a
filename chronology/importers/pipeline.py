"""The one import pipeline every format and every front end goes through.

Reading and mapping happen first (cancellable, nothing written); then one transaction writes the
batch, its entries (with duplicate links) and its quarantine rows, or nothing at all.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronology.dates import (
    DateValue,
    UnreadableDate,
    check_day_month_order,
    from_datetime,
    parse_date,
)
from chronology.importers import limits
from chronology.importers import mapping as mapping_mod
from chronology.importers.duplicate_matching import match_rows, save_pairs
from chronology.importers.ends import NO_END, ONGOING_NOTE, end_of
from chronology.importers.entry_types import normalise_type, outcome_status, type_from_word
from chronology.importers.grading import GRADING, grading_label
from chronology.importers.people import PersonFilter
from chronology.importers.proposal import FieldChoice, MappingProposal, propose_mapping
from chronology.importers.records import (
    AgencySuggestion,
    FileRefused,
    Progress,
    ReaderInfo,
    SourceRecord,
)
from chronology.importers.writer import COLUMN, insert_import_rows, sort_key
from chronology.models import EntryStatus, EntryType, Precision, Significance
from chronology.moment import repeated_hour, utc_offset
from chronology.significance import suggest_for_import
from chronology.significance_rules import Suggestion, suggest_coded
from chronology.storage import disk_problem
from chronology.workspace import Workspace, now_iso

log = logging.getLogger(__name__)

FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".ics": "ics",
    ".ical": "ics",
    ".ifb": "ics",
    ".docx": "docx",
    ".json": "fhir",
    ".ndjson": "fhir",
}
SUMMARY_LENGTH = 120
_SIGNIFICANCE_WORDS = {
    "key": Significance.KEY,
    "high": Significance.KEY,
    "critical": Significance.KEY,
    "significant": Significance.SIGNIFICANT,
    "medium": Significance.SIGNIFICANT,
    "moderate": Significance.SIGNIFICANT,
    "routine": Significance.ROUTINE,
    "low": Significance.ROUTINE,
    "none": Significance.ROUTINE,
}


class ImportCancelled(Exception):
    """The user cancelled: nothing was written."""


@dataclass
class FileReport:
    """The outcome of importing one file; counts add up (rows = the other four)."""

    file: str
    path: str
    format: str = ""
    rows: int = 0
    imported: int = 0
    duplicates: int = 0
    already_imported: int = 0
    quarantined: int = 0
    possible_duplicates: int = 0  # pairs queued for the worker (their entries count as imported)
    batch_id: int | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    info: ReaderInfo | None = None
    agency: AgencySuggestion | None = None  # the agency given to entries, and where it came from
    mapping: MappingProposal | None = None  # a table's columns, with confidences and reasons

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "already_imported": self.already_imported,
            "quarantined": self.quarantined,
        }


@dataclass
class ImportOptions:
    agency: str | None = None  # overrides the file's own agency
    profile: mapping_mod.MappingProfile | None = None
    mapping: dict[str, str] | None = None  # header -> field, chosen in the wizard
    chosen: dict[str, str] | None = None  # field -> column (--map), the rest detected
    patient: str | None = None  # FHIR: which patient, when a file holds several
    person: str | None = None  # a table naming several people: import this one's rows
    day_first: bool = True
    dry_run: bool = False  # read, map and count, then write nothing


@dataclass
class _Prepared:
    entries: list[tuple[Any, ...]] = field(default_factory=list)  # import rows (IMPORT_COLUMNS)
    quarantine: list[tuple[int | None, str, str, int]] = field(default_factory=list)
    rows: int = 0
    notes: list[str] = field(default_factory=list)


def _proposal(
    info: ReaderInfo, options: ImportOptions, profile: mapping_mod.MappingProfile | None
) -> MappingProposal:
    """The worker's mapping (wizard), else one proposed from the values, headers and --map."""
    if options.mapping:
        chosen = {c: f for c, f in options.mapping.items() if c in info.columns}
        return MappingProposal(
            {c: chosen.get(c, "extra") for c in info.columns},
            {
                f: FieldChoice(f, c, 1.0, ["chosen by the worker"])
                for c, f in chosen.items()
                if f != "extra"
            },
        )
    if not info.columns:
        return MappingProposal({})
    chosen = _resolve_chosen(options.chosen or {}, info.columns)
    return propose_mapping(info.columns, info.sample, profile, chosen)


def _resolve_chosen(chosen: dict[str, str], columns: list[str]) -> dict[str, str]:
    """--map FIELD=COLUMN with the file's own spelling of COLUMN; refuses an unknown column."""
    by_name = {mapping_mod.normalise_header(c): c for c in columns}
    out: dict[str, str] = {}
    for fld, wanted in chosen.items():
        column = wanted if wanted in columns else by_name.get(mapping_mod.normalise_header(wanted))
        if column is None:
            shown = ", ".join(f"'{c}'" for c in columns[:12])
            named = "details" if fld.startswith("extra") else fld
            raise FileRefused(
                f"--map {named}={wanted}: the file has no column '{wanted}' (its columns: {shown})"
            )
        out[fld] = column
    return out


def detect_format(path: Path) -> str:
    """The reader for a file, from its extension (and a look inside when that is vague)."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        try:
            head = path.read_bytes()[:64]
        except OSError as exc:
            raise FileRefused(f"cannot be opened ({exc.strerror})") from None
        if head.startswith(b"BEGIN:VCALENDAR"):
            return "ics"
        if head.startswith(b"PK"):
            raise FileRefused("a zipped document of an unknown kind: save it as .xlsx or .docx")
        raise FileRefused(
            f"files of type '{path.suffix or 'without extension'}' cannot be imported: "
            "use CSV, Excel (.xlsx), calendar (.ics), Word (.docx) or FHIR (.json)"
        )
    return fmt


def _reader(fmt: str) -> Callable[..., Iterator[ReaderInfo | SourceRecord | Progress]]:
    if fmt == "csv":
        from chronology.importers import csv_reader as mod
    elif fmt == "xlsx":
        from chronology.importers import xlsx_reader as mod
    elif fmt == "ics":
        from chronology.importers import ics_reader as mod
    elif fmt == "docx":
        from chronology.importers import docx_reader as mod
    else:
        from chronology.importers import fhir_reader as mod
    return mod.read


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _as_text(value: Any) -> str:
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


def _record_date(
    rec: SourceRecord, date_col: str | None, time_col: str | None, day_first: bool
) -> DateValue:
    if rec.date is not None:
        return rec.date
    if date_col is None:
        raise UnreadableDate("no date")
    value = rec.values.get(date_col)
    time_value = rec.values.get(time_col) if time_col else None
    if type(value) is str and (time_value is None or type(time_value) is str):
        return parse_date(value, time_value or None, day_first=day_first)
    time_text = (
        time_value.strftime("%H:%M")
        if isinstance(time_value, dt.time)
        else (_as_text(time_value) or None)
    )
    if isinstance(value, dt.datetime):
        if time_text and value.time() == dt.time(0):  # a date cell beside a time cell
            return parse_date(value.strftime("%Y-%m-%d"), time_text)
        return from_datetime(value, _as_text(value), date_only_if_midnight=True)
    if isinstance(value, dt.date):
        if time_text:
            return parse_date(value.strftime("%Y-%m-%d"), time_text)
        return from_datetime(value, _as_text(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise UnreadableDate(f"the number {value!r} is not a date")
    return parse_date(_as_text(value), time_text, day_first=day_first)


def _summary_of(text: str) -> str:
    first = text.strip().split("\n", 1)[0]
    if len(first) <= SUMMARY_LENGTH:
        return first
    cut = first[:SUMMARY_LENGTH].rsplit(" ", 1)[0]
    return cut + "…"


_ROW_FIELDS = ("text", "summary", "type", "outcome", "author", "location", "agency", "reference")


class _Mapper:
    """Turns source records into entries or quarantine rows for one file."""

    def __init__(
        self, ws: Workspace, case_id: int, path: Path, info: ReaderInfo, options: ImportOptions
    ) -> None:
        self.case_id = case_id
        self.file = path.name
        self.options = options
        self.info = info
        profile = options.profile or mapping_mod.best_profile(info.columns)
        self.profile = profile
        self.proposal = _proposal(info, options, profile)
        self.mapping = self.proposal.columns
        by_field: dict[str, str] = {}
        for header, fld in self.mapping.items():
            if fld != "extra" and fld not in by_field:
                by_field[fld] = header
        self.col = by_field
        self.extras = [h for h, f in self.mapping.items() if f in ("extra", GRADING)]
        self.sig_header = next((h for h in self.extras if h.lower() == "significance"), None)
        self.extra_cols = [h for h in self.extras if h != self.sig_header]
        # A grading column is kept under a label the significance rules read as the source's own.
        self.labels = {
            h: grading_label(h) if self.mapping[h] == GRADING else h for h in self.extra_cols
        }
        self.day_first = profile.day_first if profile else options.day_first
        self.vocabulary = {
            k.lower(): v for k, v in (profile.type_vocabulary if profile else {}).items()
        }
        self._types: dict[tuple[str, str], tuple[EntryType, bool]] = {}
        self.date_col = self.col.get("date")
        self.time_col = self.col.get("time")
        self.end_col = self.col.get("end")
        # The columns feeding text, summary, type, outcome, author, location, agency, reference.
        self.field_cols = [self.col.get(f) for f in _ROW_FIELDS]
        self.date_texts: list[Any] = []  # to report a column that mixes date orders
        # For rows whose agency cell is empty, and files without an agency column.
        fallback = mapping_mod.suggest_agency(profile, self.file, info.agency)
        self._agency_default: str | None = fallback.name
        self.suggestion = self._suggest_agency(fallback)
        self._type_infos: dict[tuple[str, str], _TypeInfo] = {}
        self._dates: dict[tuple[str, str | None], _When | str] = {}
        self._coded: dict[tuple[EntryType, str, str, Significance | None], Suggestion] = {}

    def _suggest_agency(self, fallback: AgencySuggestion) -> AgencySuggestion:
        """The agency entries get, where it was read, and whether the worker should check it."""
        if self.options.agency:
            return AgencySuggestion(self.options.agency, "the agency chosen for this import", False)
        column = self.col.get("agency")
        if column:
            return AgencySuggestion("", f"the column '{column}' (per row)", False)
        return fallback

    def fields(self, rec: SourceRecord) -> dict[str, str]:
        if rec.mapped:
            return {k: _as_text(v) for k, v in rec.values.items()}
        values = rec.values
        return {f: _as_text(values.get(h)) for f, h in self.col.items()}

    def _type_of(self, source_type: str, outcome: str, text: str) -> tuple[EntryType, bool]:
        """The entry type and whether the outcome says cancelled; cached per distinct word."""
        key = (source_type, outcome)
        known = self._types.get(key)
        if known is not None:
            return known
        vocab = self.vocabulary.get(source_type.lower())
        word = vocab or source_type
        cancelled = outcome_status(outcome) == "cancelled"
        if type_from_word(word) is None:  # the word says nothing: the text decides, per row
            return normalise_type(word, outcome, text), cancelled
        result = (normalise_type(word, outcome, ""), cancelled)
        self._types[key] = result
        return result

    def agency(self, fields: dict[str, str], rec: SourceRecord) -> str:
        if self.options.agency:
            return self.options.agency
        if fields.get("agency"):
            return fields["agency"]
        return self._agency_default or ""

    def _type_info(self, source_type: str, outcome: str, text: str) -> _TypeInfo:
        """Type, whether cancelled, starting significance and source type, per distinct words."""
        key = (source_type, outcome)
        known = self._type_infos.get(key)
        if known is not None:
            return known
        entry_type, cancelled = self._type_of(source_type, outcome, text)
        joined = " / ".join(x for x in (source_type, outcome) if x)
        info = (entry_type, cancelled, joined)
        if key in self._types:  # else the text decided the type: this row only
            self._type_infos[key] = info
        return info

    def _when(self, rec: SourceRecord) -> _When | str:
        """The record's date as the columns an entry keeps, or why it cannot be read."""
        values = rec.values
        if not rec.mapped and rec.date is None and self.date_col is not None:
            value = values.get(self.date_col)
            time_value = values.get(self.time_col) if self.time_col else None
            if type(value) is str and (time_value is None or type(time_value) is str):
                # parse_date reads text alone, so the same cells always give the same answer.
                cell = (value, time_value or None)
                known = self._dates.get(cell)
                if known is None:
                    try:
                        known = _when_of(
                            parse_date(value, time_value or None, day_first=self.day_first)
                        )
                    except UnreadableDate as exc:
                        known = f"{self.col.get('date', 'date')}: {exc}"
                    self._dates[cell] = known
                return known
        try:
            return _when_of(
                _record_date(
                    rec,
                    None if rec.mapped else self.date_col,
                    None if rec.mapped else self.time_col,
                    self.day_first,
                )
            )
        except UnreadableDate as exc:
            return f"{self.col.get('date', 'date')}: {exc}"

    def _with_end(
        self, rec: SourceRecord, ending: Any, when: _When, details: str
    ) -> tuple[str | None, str, str]:
        """The entry's date_end, details and date assumption once its end is read."""
        iso, hhmm, end, assumption = when[0], when[1], when[2], when[6]
        found = end_of(ending, iso, hhmm, self.day_first) if ending is not None else NO_END
        if found.date_end and (end is None or found.date_end > end):
            end = found.date_end
        if found.detail:
            details = f"{details}\n{found.detail}" if details else found.detail
        if (found.ongoing or rec.ongoing) and not found.date_end:
            assumption = f"{assumption}; {ONGOING_NOTE}" if assumption else ONGOING_NOTE
        return end, details, assumption

    def row(self, rec: SourceRecord, key: int) -> tuple[Any, ...] | str:
        """The entry as an import row (writer.IMPORT_COLUMNS), or why it must be quarantined."""
        if rec.problem:
            return rec.problem
        if rec.mapped:
            fields = self.fields(rec)
            get = fields.get
            text = get("text", "")
            summary = get("summary", "")
            source_type = get("type", "")
            outcome = get("outcome", "")
            author = get("author", "")
            location = get("location", "")
            agency = get("agency", "")
            reference = get("reference", "")
            extras: list[str] = []
        else:
            values = rec.values
            self.date_texts.append(values.get(self.date_col))
            text, summary, source_type, outcome, author, location, agency, reference = [
                "" if h is None else v.strip() if type(v := values.get(h)) is str else _as_text(v)
                for h in self.field_cols
            ]
            extras = (
                [
                    f"{self.labels[h]}: {v}"
                    for h in self.extra_cols
                    if (v := _as_text(values.get(h)))
                ]
                if self.extra_cols
                else []
            )
        when = self._when(rec)
        if type(when) is str:
            return when
        if location:
            extras.append(f"Location: {location}")
        details = "\n".join(extras)  # kept apart from the note: not part of the event's text
        summary = summary or _summary_of(text or source_type)
        if not text:
            text = summary
        entry_type, cancelled, joined = self._type_info(source_type, outcome, text)
        active = not (cancelled or rec.status == "cancelled")
        analysis = ""
        level = None
        if self.sig_header:
            said = _as_text(rec.values.get(self.sig_header))
            level = _SIGNIFICANCE_WORDS.get(said.lower())
            if level is None and said:  # a sentence on why it matters: the source's analysis
                analysis = f"{self.sig_header} (from {self.file}): {said}"
        # The source's own coding suggests significance, with the reason kept for the worker to
        # confirm; the words of the note are read after the insert (suggest_from_content).
        coded_key = (entry_type, source_type, details, level)
        suggestion = self._coded.get(coded_key)
        if suggestion is None:
            if len(self._coded) > 50_000:  # details that differ on every row
                self._coded.clear()
            suggestion = suggest_coded(entry_type, source_type, details, level)
            self._coded[coded_key] = suggestion
        iso, hhmm, end, precision, approximate, original, assumption, order, offset = when
        ending = rec.end if rec.mapped else (values.get(self.end_col) if self.end_col else None)
        if ending is not None or rec.ongoing:
            end, details, assumption = self._with_end(rec, ending, when, details)
        notes = "; ".join(n for n in (assumption, *rec.notes) if n) if rec.notes else assumption
        return (
            self.case_id,
            iso,
            hhmm,
            end,
            precision,
            approximate,
            original,
            notes,
            order,
            self.options.agency or agency or self._agency_default or self.agency({}, rec),
            suggestion.type.value,
            joined,
            summary,
            text,
            author,
            outcome,
            suggestion.significance.value,
            analysis,
            _ACTIVE if active else _CANCELLED,
            "" if active else "cancelled in the source",
            None,
            self.file,
            rec.row,
            key,
            # Tabular rows are kept whole in the entry's own fields (every column is mapped);
            # calendar and FHIR records keep their source text too.
            rec_json(rec) if rec.mapped else "",
            details,
            reference,
            offset,
            suggestion.reason,
        )


# A date as the entry columns it fills: date, time, date_end, precision, approximate,
# date_text, date_assumption, sort_key, utc_offset.
_When = tuple[str, str | None, str | None, str, int, str, str, str, int | None]
# An entry type, whether the outcome says cancelled, the source's type and outcome words.
_TypeInfo = tuple[EntryType, bool, str]
_ACTIVE = EntryStatus.ACTIVE.value
_CANCELLED = EntryStatus.CANCELLED.value
_DATE = COLUMN["date"]
_DUPLICATE_OF = COLUMN["duplicate_of"]
_KEY = COLUMN["record_key"]


def _when_of(when: DateValue) -> _When:
    """The columns an entry keeps of a date: ISO date, time, end, precision... and sort key."""
    iso, clock, end = when.start.isoformat(), when.time, when.end
    offset = None
    if clock is None:
        hhmm = None
        order = iso + "T"  # writer.sort_key: date-only entries first in their day
    else:
        hhmm = f"{clock.hour:02d}:{clock.minute:02d}"  # DateValue.hhmm
        # The second 01:30 on the night the clocks go back sorts after the first (by the moment).
        second = bool(clock.fold) and repeated_hour(iso, hhmm)
        order = sort_key(iso, hhmm, second)
        offset = utc_offset(iso, hhmm, second)
    return (
        iso,
        hhmm,
        None if end is None else end.isoformat(),
        when.precision.value,
        int(when.approximate),
        when.original,
        when.assumption,
        order,
        offset,
    )


def rec_json(rec: SourceRecord) -> str:
    """The source record as JSON text (computed once per record)."""
    cached = getattr(rec, "_json", None)
    if cached is None:
        cached = json.dumps({"row": rec.raw}, ensure_ascii=False, default=str)
        rec._json = cached  # type: ignore[attr-defined]
    return cached


_blake2b = hashlib.blake2b


def _key(rec: SourceRecord, seen: dict[bytes, int], text_cells: bool = False) -> int:
    """A stable identity of a record, so that importing it again adds nothing.

    ``text_cells``: the reader's raw rows are lists of plain str (CSV), so need no check.
    """
    raw = rec.raw
    if rec.key:
        base = rec.key
    elif type(raw) is list and (text_cells or all(type(c) is str for c in raw)):
        base = "\x1f".join(raw)
    else:
        base = rec_json(rec)
    digest = _blake2b(base.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    n = seen.get(digest)
    if n is None:
        seen[digest] = 1
    else:  # the same row again in one file: its second copy is a record of its own
        seen[digest] = n + 1
        digest = _blake2b(digest + n.to_bytes(4, "big"), digest_size=8).digest()
    # 64 bits as an integer: a small, fast index (collisions ~1e-8 in a million-row case).
    return int.from_bytes(digest, "big", signed=True)


def read_file(
    path: Path, options: ImportOptions, cancel: Callable[[], bool] | None = None
) -> Iterator[ReaderInfo | SourceRecord | Progress]:
    """The records of one file through its format's reader (raises FileRefused).

    The file's size is checked first, and a record with a field too long to keep goes to
    quarantine with only its start (see limits).
    """
    fmt = detect_format(path)
    read = _reader(fmt)
    limits.check_size(path)
    items = read(path, patient=options.patient) if fmt == "fhir" else read(path)
    # A field cannot hold more characters than a text file has bytes.
    clip = fmt in ("xlsx", "docx") or path.stat().st_size > limits.MAX_FIELD
    records = 0
    for item in items:
        if type(item) is SourceRecord:
            records += 1
            if records > limits.MAX_RECORDS:
                raise FileRefused(limits.too_many_records())
            if clip:
                limits.clip_oversized(item)
        elif clip and type(item) is ReaderInfo:
            item.sample = limits.clip_cells(item.sample)  # read for the columns' content
        yield item


def preview(
    path: Path, options: ImportOptions | None = None, limit: int = 20
) -> tuple[ReaderInfo, list[SourceRecord], dict[str, str]]:
    """The first records of a file with the detected mapping, for the import wizard."""
    options = options or ImportOptions()
    info: ReaderInfo | None = None
    records: list[SourceRecord] = []
    for item in read_file(path, options):
        if isinstance(item, ReaderInfo):
            info = item
        elif isinstance(item, SourceRecord):
            records.append(item)
            if len(records) >= limit:
                break
    assert info is not None
    return info, records, propose_for(info, options).columns


def people_named(
    path: Path, column: str, options: ImportOptions | None = None
) -> list[tuple[str, int]]:
    """The people a table's person column names, most records first: (as written, records)."""
    counter = PersonFilter(column)
    for item in read_file(path, options or ImportOptions()):
        if isinstance(item, SourceRecord) and not item.mapped:
            counter.keep(item.values.get(column))
    return sorted(counter.seen.values(), key=lambda p: (-p[1], p[0].lower()))


def propose_for(info: ReaderInfo, options: ImportOptions | None = None) -> MappingProposal:
    """The mapping an import of this file would use, with confidences and any questions."""
    options = options or ImportOptions()
    profile = options.profile or mapping_mod.best_profile(info.columns)
    return _proposal(info, options, profile)


def _prepare(
    ws: Workspace,
    case_id: int,
    path: Path,
    options: ImportOptions,
    report: FileReport,
    cancel: Callable[[], bool] | None,
) -> Iterator[Progress | _Prepared]:
    prepared = _Prepared()
    entries = prepared.entries
    mapper: _Mapper | None = None
    seen: dict[bytes, int] = {}
    text_cells = False
    rows = 0
    people: PersonFilter | None = None
    unnamed: list[SourceRecord] = []  # rows naming no person: decided once all are read

    def take(item: SourceRecord, reason: str | None = None, key: int | None = None) -> None:
        """Build (or, with a reason, quarantine) one record."""
        assert mapper is not None
        if key is None:
            key = _key(item, seen, text_cells)
        built = reason or mapper.row(item, key)
        if type(built) is tuple:
            entries.append(built)
        else:
            raw = json.dumps(
                {
                    "row": item.raw,
                    "fields": mapper.fields(item),
                    "agency": mapper.agency(mapper.fields(item), item),
                },
                ensure_ascii=False,
                default=str,
            )
            prepared.quarantine.append((item.row, built, raw, key))

    for item in read_file(path, options, cancel):
        if cancel and cancel():
            raise ImportCancelled
        if isinstance(item, SourceRecord):  # the common case first
            if people is not None and not item.mapped:
                keep = people.keep(item.values.get(people.column))
                if keep is None:
                    unnamed.append(item)
                if not keep:
                    continue  # another person's record: not this case's (counted in a note)
            rows += 1
            assert mapper is not None
            key = _key(item, seen, text_cells)
            built = mapper.row(item, key)
            if type(built) is tuple:  # the common case inline: a call less per row
                entries.append(built)
            else:
                take(item, built, key)
        elif isinstance(item, ReaderInfo):
            report.info = item
            report.format = item.format
            prepared.notes.extend(item.notes)
            mapper = _Mapper(ws, case_id, path, item, options)
            report.agency = mapper.suggestion
            if item.columns:
                report.mapping = mapper.proposal
                prepared.notes.extend(mapper.proposal.notes)
            if mapper.suggestion.suggested:
                prepared.notes.append(
                    f"agency '{mapper.suggestion.name}' taken from {mapper.suggestion.source}: "
                    "change it if these records come from another agency (--agency NAME)"
                )
            # The csv module gives every row as a list of plain str.
            text_cells = item.format == "csv"
            if item.columns and item.format not in ("ics", "fhir"):
                refusal = mapper.proposal.refusal()
                if refusal:
                    raise FileRefused(refusal)
                person_column = mapper.col.get("person")
                if person_column:
                    people = PersonFilter(person_column, options.person)
                elif options.person:
                    prepared.notes.append(
                        f"--person {options.person} not used: no column of this file names people"
                    )
        else:
            yield item
    if people is not None:
        prepared.notes.extend(people.check())
        for item in unnamed:
            rows += 1
            if people.several():
                take(item, f"no one named in '{people.column}': check whose record this is")
            else:
                take(item)
        if unnamed and not people.several() and people.seen:
            (name, _n), *_ = people.seen.values()
            prepared.notes.append(
                f"{len(unnamed)} record(s) name no one in '{people.column}': taken as {name}'s"
            )
    prepared.rows = rows
    if prepared.rows == 0:
        raise FileRefused("the file holds no records to import")
    if mapper is not None and any("impossible" in q[1] for q in prepared.quarantine):
        mixed = check_day_month_order(mapper.date_texts)
        if mixed:
            prepared.notes.append(f"{mapper.date_col}: {mixed}")
    yield prepared


def _write(
    ws: Workspace,
    case_id: int,
    path: Path,
    sha: str,
    options: ImportOptions,
    report: FileReport,
    prepared: _Prepared,
) -> None:
    with ws.transaction() as c:
        held = {
            r[0]
            for r in c.execute(
                "SELECT record_key FROM entries WHERE case_id=? AND record_key IS NOT NULL "
                "AND status != 'undone' UNION ALL SELECT record_key FROM quarantine "
                "WHERE case_id=? AND record_key IS NOT NULL AND status != 'undone'",
                (case_id, case_id),
            )
        }
        cur = c.execute(
            "INSERT INTO import_batches(case_id, file, sha256, format, profile, agency, created_at,"
            " source_author, source_title) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                case_id,
                path.name,
                sha,
                report.format,
                options.profile.name if options.profile else "",
                options.agency or "",
                now_iso(),
                report.info.author if report.info else "",
                report.info.title if report.info else "",
            ),
        )
        batch_id = int(cur.lastrowid or 0)
        rows = prepared.entries
        keys = {r[_KEY] for r in rows}
        if not held and len(keys) == len(rows):  # the usual first import: every row is new
            held = keys
            new_rows = rows
        else:
            new_rows = []
            for r in rows:
                key = r[_KEY]
                if key in held:
                    report.already_imported += 1
                    continue
                held.add(key)
                new_rows.append(r)
        # Duplicates across agencies, against what the workspace already holds: the near
        # certain linked, the possible queued for the worker, earlier decisions kept.
        match = match_rows(ws, case_id, new_rows)
        new_rows = match.apply(new_rows)
        first_id = insert_import_rows(ws, new_rows, batch_id)
        if first_id:  # what the notes say, read through the search index (significance)
            suggest_for_import(c, case_id, first_id)
        save_pairs(ws, case_id, match, first_id)
        report.duplicates = len(match.links)
        report.possible_duplicates = match.queued
        report.imported = len(new_rows) - len(match.links)
        quarantine_rows = []
        for row, reason, raw, key in prepared.quarantine:
            if key in held:
                report.already_imported += 1
                continue
            held.add(key)
            quarantine_rows.append((case_id, batch_id, path.name, row, reason, raw, key))
        c.executemany(
            "INSERT INTO quarantine(case_id, batch_id, source_file, row, reason, raw, record_key)"
            " VALUES (?,?,?,?,?,?,?)",
            quarantine_rows,
        )
        report.quarantined = len(quarantine_rows)
        report.rows = prepared.rows
        report.batch_id = batch_id
        c.execute(
            "UPDATE import_batches SET rows=?, imported=?, duplicates=?, already_imported=?, "
            "quarantined=? WHERE id=?",
            (
                report.rows,
                report.imported,
                report.duplicates,
                report.already_imported,
                report.quarantined,
                batch_id,
            ),
        )
        ws.record_history(
            "import_batches", batch_id, "import", None, {"file": path.name, **report.counts()}
        )


class _NothingWritten(Exception):
    """Raised inside a dry run's transaction so that it rolls back."""


def _count_only(
    ws: Workspace,
    case_id: int,
    path: Path,
    sha: str,
    options: ImportOptions,
    report: FileReport,
    prepared: _Prepared,
) -> None:
    """A dry run: the whole write, duplicates found and counted, then rolled back."""
    try:
        with ws.transaction():
            _write(ws, case_id, path, sha, options, report, prepared)
            raise _NothingWritten
    except _NothingWritten:
        report.batch_id = None


def import_file(
    ws: Workspace,
    case_id: int,
    path: str | Path,
    options: ImportOptions | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[Progress | FileReport]:
    """Import one file: yields progress, then its FileReport (with ``error`` if refused)."""
    p = Path(path)
    options = options or ImportOptions()
    report = FileReport(file=p.name, path=str(p))
    nested = ws.conn.in_transaction  # inside the caller's transaction (the window: all files)
    try:
        if not p.is_file():
            raise FileRefused("no such file" if not p.exists() else "not a file")
        sha = file_sha256(p)
        prepared: _Prepared | None = None
        # Hundreds of thousands of small objects, none cyclic: the cyclic collector only slows
        # a bulk import down (about a quarter of its time), so it waits until the end.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for item in _prepare(ws, case_id, p, options, report, cancel):
                if isinstance(item, _Prepared):
                    prepared = item
                else:
                    yield item
            if cancel and cancel():
                raise ImportCancelled
            assert prepared is not None
            report.notes = prepared.notes
            yield Progress(prepared.rows, prepared.rows, "saving")
            if options.dry_run:
                _count_only(ws, case_id, p, sha, options, report, prepared)
            else:
                _write(ws, case_id, p, sha, options, report, prepared)
        finally:
            if gc_was_enabled:
                gc.enable()
    except FileRefused as exc:
        report.error = str(exc)
        _nothing(report)
    except sqlite3.Error as exc:
        problem = disk_problem(exc)
        if problem is None or nested:
            raise  # the caller's transaction rolls every file back, and says why
        # The transaction was rolled back: the workspace is as it was before this file.
        log.warning("import stopped by the disk: %s", type(exc).__name__)
        report.error = f"{problem}: nothing was imported"
        _nothing(report)
    except (OSError, UnicodeError) as exc:
        report.error = f"cannot be read ({exc})"
    yield report


def _nothing(report: FileReport) -> None:
    report.rows = report.imported = report.duplicates = 0
    report.already_imported = report.quarantined = 0
    report.batch_id = None


def import_files(
    ws: Workspace,
    case_id: int,
    paths: list[str | Path],
    options: ImportOptions | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[Progress | FileReport]:
    """Import several files in turn; each is its own all-or-nothing batch."""
    for path in paths:
        yield from import_file(ws, case_id, path, options, cancel)


def run_import(
    ws: Workspace, case_id: int, paths: list[str | Path], options: ImportOptions | None = None
) -> list[FileReport]:
    """Import without progress reporting (command line, tests)."""
    return [r for r in import_files(ws, case_id, paths, options) if isinstance(r, FileReport)]


__all__ = [
    "FileReport",
    "ImportCancelled",
    "ImportOptions",
    "Precision",
    "detect_format",
    "import_file",
    "import_files",
    "people_named",
    "preview",
    "propose_for",
    "run_import",
]
