"""Redaction for real: withheld text is replaced by "[REDACTED]" before any writer sees it.

What is withheld (FPR 29.1; DESIGN.md "Court documents"), unless the user turns redaction off
for one export:

- the address and phone number of every person recorded on the case, wherever they occur,
  entry text included. DESIGN.md requires this for people marked confidential; the issue asks
  for "people's addresses and contact details" generally, and a court document rarely needs
  anyone's address, so the safe default is to withhold them all. The log says which were
  marked confidential.
- every free-text field of an entry marked confidential (summary, text, outcome, analysis,
  action): the row stays, so the court sees that something happened and was withheld.
- a confidential person's *name* stays by default: the court must know who the statement is
  about, and form C8 protects where a person lives and how to reach them, not who they are.
  ``RedactionPolicy(confidential_names=True)`` withholds the names too (an anonymous referrer).

Matching is case-insensitive and tolerant of spacing, line breaks and punctuation ("12, Acacia
Ave." finds "12 Acacia Avenue"); an address is also withheld in parts: the street line, the
street name, the postcode. A town on its own is not withheld (it would also remove the
council's name). Phone numbers match with any spacing and with +44 or 0.

The redaction log lists *what* was withheld and where, never the withheld text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from chronology.models import Entry, Person
from exports.text import REDACTED

if TYPE_CHECKING:
    from exports.details_watch import DetailWatch

STREET_WORDS: dict[str, tuple[str, ...]] = {
    "road": ("rd",),
    "street": ("st",),
    "avenue": ("ave", "av"),
    "lane": ("ln",),
    "close": ("cl",),
    "drive": ("dr",),
    "crescent": ("cres", "cr"),
    "court": ("ct",),
    "place": ("pl",),
    "gardens": ("gdns",),
    "terrace": ("tce", "terr"),
    "square": ("sq",),
    "grove": ("gr",),
    "way": (),
    "walk": (),
    "mews": (),
    "row": (),
    "hill": (),
    "view": (),
    "park": ("pk",),
    "parade": ("pde",),
    "flat": ("flt",),
    "apartment": ("apt",),
    "house": ("ho",),
}
_ABBREV_OF = {a: full for full, abbrevs in STREET_WORDS.items() for a in abbrevs}
_SEP = r"[\W_]*"
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)
_PHONE_LIKE = re.compile(r"\+?\d[\d\s\-().]{4,}\d")
_ENTRY_FIELDS = ("summary", "text", "details", "outcome", "analysis", "action")
_WORD = re.compile(r"\w+")
QUOTE_WORDS = 4  # a quotation this many words long from a confidential entry is withheld
_DIGIT = re.compile(r"\d")
_NON_DIGITS = re.compile(r"\D+")
MIN_SCAN = 6  # shorter needles (normalised) are replaced but not scanned for: too many false hits


_ASCII_NOISE = str.maketrans("", "", "".join(chr(i) for i in range(128) if not chr(i).isalnum()))
_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Letters and digits only, case-folded: how the leak scan compares text."""
    # translate() drops ASCII punctuation and spaces fast; the regex mops up the rest.
    out = text.casefold().translate(_ASCII_NOISE)
    return out if out.isascii() else _NOT_WORD.sub("", out)


@dataclass(frozen=True)
class Needle:
    """One string to withhold: a pattern to replace, and a normalised form to scan files for."""

    label: str
    pattern: str
    scan: str
    # A cheap first test, so the slow tolerant pattern runs only on the few texts that might
    # hold the needle: a word the lower-cased text must contain, or (for phone numbers) digits
    # the text's digits must contain.
    hint: str = ""
    digits: bool = False


@dataclass(frozen=True)
class Withheld:
    """One line of the redaction log: where, and what kind of thing was withheld."""

    where: str
    what: str

    def line(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass
class RedactionPolicy:
    """Choices an export can make about redaction."""

    enabled: bool = True
    confidential_names: bool = False


@dataclass
class Redactor:
    """Built from a case's people; applied to every string that goes into a document."""

    needles: list[Needle]
    policy: RedactionPolicy = field(default_factory=RedactionPolicy)
    log: list[Withheld] = field(default_factory=list)
    extra_scan: list[tuple[str, str]] = field(default_factory=list)
    watch: DetailWatch | None = None  # contact details found in what is written

    def __post_init__(self) -> None:
        self._watched: set[int | None] = set()
        self._grams: set[tuple[str, ...]] = set()  # word runs of confidential entries
        self.secrets_known = False
        ordered = sorted(self.needles, key=lambda n: len(n.pattern), reverse=True)
        self._labels = [n.label for n in ordered]
        hints = [n.hint for n in ordered]
        self._words = sorted({n.hint for n in ordered if not n.digits})
        self._digits = sorted({n.hint for n in ordered if n.digits})
        self._hinted = "" not in hints
        self._regex = (
            re.compile("|".join(f"({n.pattern})" for n in ordered), re.IGNORECASE)
            if ordered and self.policy.enabled
            else None
        )

    @classmethod
    def for_people(
        cls,
        people: list[Person],
        policy: RedactionPolicy | None = None,
        details: list[tuple[str, str]] | None = None,
    ) -> Redactor:
        """A redactor withholding these people's contact details (and names, if asked), and
        the ``details`` (kind, value) found in the text that the worker marked confidential."""
        policy = policy or RedactionPolicy()
        needles: list[Needle] = []
        for kind, value in details or []:
            label = f"the {kind} found in the records, marked confidential"
            if kind in ("address", "postcode"):
                needles.extend(address_needles(value, label))
            elif kind in ("phone number", "NHS number"):
                needles.extend(phone_needles(value, label))
            else:
                needles.append(_words_needle(value, label))
        for person in people:
            who = _describe(person, hide_name=person.confidential and policy.confidential_names)
            if person.address.strip():
                needles.extend(address_needles(person.address, f"the address of {who}"))
            if person.phone.strip():
                needles.extend(phone_needles(person.phone, f"the phone number of {who}"))
            if person.confidential and policy.confidential_names and person.name.strip():
                needles.append(_words_needle(person.name, f"the name of {who}"))
        return cls(needles, policy)

    @property
    def enabled(self) -> bool:
        return self.policy.enabled

    def text(self, text: str, where: str) -> str:
        """``text`` with every withheld string replaced; each replacement is logged."""
        out = self.redact(text, where)
        if self.watch is not None and out:
            self.watch.see(out, where)
        return out

    def seen(self, text: str, where: str) -> str:
        """Text already redacted, as written: watched for undecided contact details."""
        if self.watch is not None and text:
            self.watch.see(text, where)
        return text

    def redact(self, text: str, where: str) -> str:
        """``text`` redacted, not watched for contact details (see ``text``)."""
        if self._regex is None or not text:
            return text
        if self._hinted and not self._might_hold(text):
            return text
        found: set[str] = set()

        def swap(match: re.Match[str]) -> str:
            found.add(self._labels[(match.lastindex or 1) - 1])
            return REDACTED

        out = self._regex.sub(swap, text)
        for label in sorted(found):
            self.log.append(Withheld(where, label))
        return out

    def _might_hold(self, text: str) -> bool:
        low = text.lower()
        if any(h in low for h in self._words):
            return True
        if self._digits and _DIGIT.search(text):
            digits = _NON_DIGITS.sub("", text)
            return any(h in digits for h in self._digits)
        return False

    def withhold(self, where: str, what: str) -> str:
        """Withhold a whole piece of text: log it and give the fixed replacement."""
        self.log.append(Withheld(where, what))
        return REDACTED

    def entry(self, entry: Entry, where: str) -> Entry:
        """A copy of the entry fit to export: confidential ones lose all their free text."""
        if not self.enabled:
            return entry
        if entry.confidential:
            fields = [f for f in _ENTRY_FIELDS if getattr(entry, f)]
            self.log.append(
                Withheld(where, f"entry marked confidential: {', '.join(fields) or 'no text'}")
            )
            return replace(entry, **{f: REDACTED for f in fields})
        changes = {}
        for name in (*_ENTRY_FIELDS, "author"):
            value = getattr(entry, name)
            if value:
                # Not watched here: only what a document writes is (``text``, ``seen``).
                new = self.redact(value, f"{where}, {name}")
                if new != value:
                    changes[name] = new
        return replace(entry, **changes) if changes else entry

    def watch_confidential(self, entries: list[Entry], label: str = "entry") -> None:
        """Scan the written file for the wording of confidential entries too.

        Wording that also stands in an entry *not* marked confidential is exported there, so it
        cannot be scanned for; the log says so, without quoting it.
        """
        if not self.enabled:
            return
        self.secrets_known = True
        secret = [e for e in entries if e.confidential and e.id not in self._watched]
        if not secret:
            return
        self._watched.update(e.id for e in secret)
        for e in secret:
            for name in _ENTRY_FIELDS:
                keys = [w.casefold() for w in _WORD.findall(getattr(e, name))]
                self._grams.update(
                    tuple(keys[i : i + QUOTE_WORDS]) for i in range(len(keys) - QUOTE_WORDS + 1)
                )
        public = normalise(
            " ".join(getattr(e, f) for e in entries if not e.confidential for f in _ENTRY_FIELDS)
        )
        for e in secret:
            for name in _ENTRY_FIELDS:
                key = normalise(getattr(e, name))
                if len(key) < 12 or normalise(REDACTED) == key:
                    continue
                if key in public:
                    self.log.append(
                        Withheld(
                            f"{label} {e.id}",
                            f"its {name} also appears in an entry not marked "
                            "confidential, which was exported as it stands",
                        )
                    )
                    continue
                self.extra_scan.append((f"the {name} of confidential {label} {e.id}", key))

    def quotes(self, text: str, where: str) -> str:
        """Withhold any run of words quoted from the wording of a confidential entry.

        Generated text (a risk's review reasons, the audit's evidence) quotes the entries that
        tripped a risk; a run of QUOTE_WORDS or more words found in a confidential entry goes.
        """
        if not self._grams or not self.enabled:
            return text
        words = list(_WORD.finditer(text))
        keys = [w.group(0).casefold() for w in words]
        spans: list[list[int]] = []
        for i in range(len(words) - QUOTE_WORDS + 1):
            if tuple(keys[i : i + QUOTE_WORDS]) in self._grams:
                start, stop = words[i].start(), words[i + QUOTE_WORDS - 1].end()
                if spans and start <= spans[-1][1] + 1:
                    spans[-1][1] = stop
                else:
                    spans.append([start, stop])
        if not spans:
            return text
        self.log.append(Withheld(where, "a quotation from an entry marked confidential"))
        out, last = [], 0
        for start, stop in spans:
            out += [text[last:start], REDACTED]
            last = stop
        out.append(text[last:])
        return "".join(out)

    def scan_list(self) -> list[tuple[str, str]]:
        """(label, normalised text) pairs the written file must not contain."""
        if not self.enabled:
            return []
        seen: dict[str, str] = {}
        for n in self.needles:
            if len(n.scan) >= MIN_SCAN:
                seen.setdefault(n.scan, n.label)
        for label, key in self.extra_scan:
            seen.setdefault(key, label)
        return [(label, key) for key, label in seen.items()]


def _describe(person: Person, hide_name: bool = False) -> str:
    """How the log names a person (never by a name that is itself withheld)."""
    flag = "; marked confidential" if person.confidential else ""
    role = f"{person.role}{flag}" if person.role else flag.lstrip("; ")
    name = f"person {person.id}" if hide_name else person.name
    return f"{name} ({role})" if role else name


def _token(word: str) -> str:
    low = word.lower()
    full = _ABBREV_OF.get(low, low)
    forms = {low, full, *STREET_WORDS.get(full, ())}
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return f"(?:{alts})" if len(forms) > 1 else re.escape(low)


def _words_needle(text: str, label: str) -> Needle:
    words = re.findall(r"\w+", text)
    pattern = r"(?<!\w)" + _SEP.join(_token(w) for w in words) + r"(?!\w)"
    # The longest word without abbreviated forms always appears as it is in a match.
    plain = [w.lower() for w in words if _ABBREV_OF.get(w.lower(), w.lower()) not in STREET_WORDS]
    hint = max(plain, key=len) if plain else ""
    return Needle(label, pattern, normalise(text), hint)


def address_needles(address: str, label: str) -> list[Needle]:
    """Patterns for an address: the whole of it, its street line and name, its postcode."""
    needles: list[Needle] = []
    if re.findall(r"\w+", address):
        needles.append(_words_needle(address, label))
    for outward, inward in _POSTCODE.findall(address):
        pattern = rf"(?<!\w){re.escape(outward)}\s*{re.escape(inward)}(?!\w)"
        key = normalise(outward + inward)
        needles.append(Needle(f"{label} (postcode)", pattern, key, outward.lower()))
    without_postcode = _POSTCODE.sub(" ", address)
    parts = [p.strip() for p in re.split(r"[,;\n]+", without_postcode) if p.strip()]
    for i, part in enumerate(parts):
        words = re.findall(r"\w+", part)
        if len(parts) == 1 and len(words) < 2:
            continue
        has_number = any(ch.isdigit() for ch in part)
        street = (
            bool(words) and _ABBREV_OF.get(words[-1].lower(), words[-1].lower()) in STREET_WORDS
        )
        if not (has_number or street) or len(words) < 2:
            continue
        needles.append(_words_needle(part, f"{label} (street)"))
        name_only = [w for w in words if not any(ch.isdigit() for ch in w)]
        if street and len(name_only) >= 2 and name_only != words:
            needles.append(_words_needle(" ".join(name_only), f"{label} (street name)"))
        if i + 1 < len(parts) and has_number and len(words) <= 2:
            # "Flat 3, 12 Acacia Avenue": the flat and street together as well
            needles.append(_words_needle(f"{part} {parts[i + 1]}", f"{label} (street)"))
    return needles


def phone_needles(phone: str, label: str) -> list[Needle]:
    """Patterns for each number in a phone field, with any spacing and with +44 or 0."""
    needles: list[Needle] = []
    for candidate in _PHONE_LIKE.findall(phone) or [phone]:
        digits = re.sub(r"\D", "", candidate)
        if len(digits) < 6:
            if candidate.strip():
                needles.append(_words_needle(candidate, label))
            continue
        if digits.startswith("44") and candidate.lstrip().startswith(("+", "00")):
            national = digits[2:]
        elif digits.startswith("0044"):
            national = digits[4:]
        else:
            national = digits[1:] if digits.startswith("0") else digits
        body = r"[\s\-.()]*".join(national)
        prefix = r"(?:(?:\+|00)\s*44\s*(?:\(\s*0\s*\)\s*)?|0\s*)?"
        needles.append(
            Needle(label, rf"(?<![\d+]){prefix}{body}(?!\d)", national, national, digits=True)
        )
    if "@" in phone:
        for email in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", phone):
            needles.append(Needle(label, re.escape(email), normalise(email), email.lower()))
    return needles
