"""Confidential details found, not only registered: addresses, phone numbers, NHS numbers,
email addresses and dates of birth in the entries' text and source columns.

Each one found is listed for the worker to mark confidential (withheld from every export, as a
registered confidential address is) or not confidential (left as it stands). Until the worker
decides, an export names it in a warning. Detection uses patterns general to UK records:
postcodes, a house number and a street word, UK phone formats (with +44 or 0), the NHS number's
check digit, email addresses, and a date after "DOB", "date of birth" or "born".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from chronology.workspace import Workspace, current_user, now_iso

KINDS = ("address", "postcode", "phone number", "NHS number", "email address", "date of birth")
STATUSES = ("undecided", "confidential", "not confidential")
FIELDS = ("summary", "text", "details", "outcome", "analysis", "action", "source_ref")

_STREET = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Crescent|Cres|Court|Ct|Place"
    r"|Pl|Gardens|Gdns|Terrace|Tce|Square|Sq|Grove|Way|Walk|Mews|Row|Hill|View|Park|Parade"
    r"|Rise|Green|Croft|Fold|Meadows?|Gate|Wharf|Yard|Boulevard|Hollow|End|Vale|Heights)"
)
_POSTCODE_TEXT = r"(?:[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2})"
_POSTCODE = re.compile(rf"(?<![A-Za-z0-9]){_POSTCODE_TEXT}(?![A-Za-z0-9])")
_ADDRESS = re.compile(
    r"(?<![\w:/.£$])(?P<line>(?:(?:Flat|Apartment|Apt|Unit|Room)[ \t]+\d+[A-Za-z]?,?[ \t]+)?"
    r"\d{1,4}[A-Za-z]?,?[ \t]+(?:[A-Z][a-z'’\-]+[ \t]+){1,3}" + _STREET + r")\b\.?"
    r"(?:,[ \t]*[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)?" + rf"(?:,?[ \t]*{_POSTCODE_TEXT})?"
)
# Courts and the like end in a street word too ("the Family Court"): not addresses.
_NOT_A_STREET = re.compile(
    r"\b(?:Family|Crown|County|Magistrates'?|High|Youth|Combined|Civil|Coroner'?s) Court\b"
)
_PHONE = re.compile(r"(?<![\d+])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s\-)]{0,2}){9,10}(?!\d)")
_NHS = re.compile(r"(?<![\d+])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?!\d)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
_DOB = re.compile(
    r"\b(?:DOB|D\.O\.B\.?|date of birth|born(?: on)?)\s*[:\-]?\s*"
    rf"(\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\s+\d{{4}})",
    re.IGNORECASE,
)
_HINT = re.compile(r"[0-9@]")  # every kind holds a digit or an @


@dataclass(frozen=True)
class Found:
    """One detail found in a piece of text: its kind, as written, and its key."""

    kind: str
    value: str
    key: str  # how it is compared: digits, or letters and digits in lower case


@dataclass
class Detail:
    """One detail of a case with the worker's decision and where it was found."""

    id: int
    kind: str
    value: str
    key: str
    status: str
    by: str
    at: str
    entries: list[int] = field(default_factory=list)


def nhs_check(digits: str) -> bool:
    """Whether ten digits are a valid NHS number (modulus 11 check digit)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _key(kind: str, value: str) -> str:
    if kind in ("phone number", "NHS number"):
        digits = re.sub(r"\D", "", value)
        return (
            digits[2:]
            if digits.startswith("44") and value.lstrip().startswith("+")
            else (digits[1:] if digits.startswith("0") else digits)
        )
    return re.sub(r"[\W_]+", "", value.casefold())


def detect(text: str) -> Iterator[Found]:
    """The contact details in a piece of text (an address once, not also as its postcode)."""
    if not text or not _HINT.search(text):
        return
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return not any(a < m.end() and m.start() < b for a, b in taken)

    for m in _ADDRESS.finditer(text):
        if _NOT_A_STREET.search(m.group("line")):
            continue
        taken.append(m.span())
        value = m.group(0).rstrip(" ,.")
        # One address however much of it is written: the key is its house and street.
        yield Found("address", value, _key("address", m.group("line")))
    for m in _EMAIL.finditer(text):
        taken.append(m.span())
        yield Found("email address", m.group(0), _key("email address", m.group(0)))
    for m in _DOB.finditer(text):
        taken.append(m.span(1))
        yield Found("date of birth", m.group(0), _key("date of birth", m.group(1)))
    for m in _POSTCODE.finditer(text):
        if free(m):
            taken.append(m.span())
            yield Found("postcode", m.group(0), _key("postcode", m.group(0)))
    for m in _NHS.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if free(m) and nhs_check(digits):
            taken.append(m.span())
            yield Found("NHS number", m.group(0), digits)
    for m in _PHONE.finditer(text):
        value = m.group(0).strip(" -)")
        digits = re.sub(r"\D", "", value)
        national = digits[2:] if value.startswith("+") else digits[1:]
        if free(m) and len(national) in (9, 10) and national[:1] in "123578":
            taken.append(m.span())
            yield Found("phone number", value, _key("phone number", value))


def scan_entries(ws: Workspace, case_id: int) -> dict[tuple[str, str], tuple[str, list[int]]]:
    """(kind, key) -> (the first way it was written, the entries holding it), for a case."""
    out: dict[tuple[str, str], tuple[str, list[int]]] = {}
    rows = ws.conn.execute(
        f"SELECT id, {', '.join(FIELDS)} FROM entries WHERE case_id=? AND status != 'undone' "
        "ORDER BY sort_key, id",
        (case_id,),
    )
    for entry_id, *texts in rows:
        for text in texts:
            for found in detect(text or ""):
                value, ids = out.setdefault((found.kind, found.key), (found.value, []))
                if not ids or ids[-1] != entry_id:
                    ids.append(entry_id)
    return out


def record_found(ws: Workspace, case_id: int, found: list[Found]) -> None:
    """Keep details found (e.g. while exporting) as undecided, so the worker can decide."""
    if not found:
        return
    with ws.transaction() as c:
        c.executemany(
            "INSERT OR IGNORE INTO contact_details(case_id, kind, key, value) VALUES (?,?,?,?)",
            [(case_id, f.kind, f.key, f.value) for f in found],
        )


def list_details(ws: Workspace, case_id: int, status: str | None = None) -> list[Detail]:
    """Every detail found in the case's entries, with the worker's decision (stored)."""
    scanned = scan_entries(ws, case_id)
    record_found(ws, case_id, [Found(k, v, key) for (k, key), (v, _ids) in scanned.items()])
    rows = ws.conn.execute(
        "SELECT id, kind, value, key, status, by, at FROM contact_details WHERE case_id=? "
        "ORDER BY id",
        (case_id,),
    ).fetchall()
    out = []
    for row in rows:
        detail = Detail(*row)
        detail.entries = scanned.get((detail.kind, detail.key), ("", []))[1]
        if status is None or detail.status == status:
            out.append(detail)
    return out


def decisions(ws: Workspace, case_id: int) -> dict[tuple[str, str], tuple[str, str]]:
    """(kind, key) -> (status, value) of every detail the case knows."""
    return {
        (kind, key): (status, value)
        for kind, key, status, value in ws.conn.execute(
            "SELECT kind, key, status, value FROM contact_details WHERE case_id=?", (case_id,)
        )
    }


def mark(ws: Workspace, case_id: int, ids: list[int], status: str, who: str | None = None) -> int:
    """The worker's decision on these details: confidential, or not confidential."""
    if status not in STATUSES[1:]:
        raise ValueError(f"mark a detail 'confidential' or 'not confidential', not {status!r}")
    who, stamp = who or current_user(), now_iso()
    known = {
        r[0]: r[1]
        for r in ws.conn.execute(
            "SELECT id, status FROM contact_details WHERE case_id=?", (case_id,)
        )
    }
    missing = [i for i in ids if i not in known]
    if missing:
        raise ValueError(f"no contact detail {missing[0]} in this case (see 'contact-details')")
    with ws.transaction() as c:
        for detail_id in ids:
            c.execute(
                "UPDATE contact_details SET status=?, by=?, at=? WHERE id=?",
                (status, who, stamp, detail_id),
            )
            ws.record_history(
                "contact_details",
                detail_id,
                "decide",
                {"status": known[detail_id]},
                {"status": status},
                who,
            )
    return len(ids)


__all__ = [
    "KINDS",
    "Detail",
    "Found",
    "decisions",
    "detect",
    "list_details",
    "mark",
    "nhs_check",
    "record_found",
    "scan_entries",
]
