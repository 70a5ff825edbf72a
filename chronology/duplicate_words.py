"""The words duplicate matching compares: content words in a common form, safeguarding content,
and a time written in words ("at about 2.30pm", "in the morning").

Records of one event by two agencies share its facts (the people, the place, the service, the
topic) but not their phrasing, so words are compared after light normalisation: lower case,
common endings taken off, function words dropped, and the usual variants of one word brought
together ("phoned", "rang", "telephone" → "call"; "mum" → "mother"). The lists are the general
vocabulary of case recording, not any one record's.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP_TEXT = """a an and the of to in on at for with by from was were is are be been being has had
have he she they it its his her their them this that these those as not no but or so we i me my
our us you your said says about after before during over into up out all any also there then
than which who whom what when where while would could should will can may might must did do
does done very just only today re per via"""
STOP = frozenset(_STOP_TEXT.split())
# Variants of one word in case recording, brought to one form.
_SAME = {
    "call": "phone phoned phoning telephone telephoned rang ring ringing called calls tel "
    "spoke speak spoken conversation",
    "mother": "mum mom mummy mam maternal",
    "father": "dad daddy paternal",
    "child": "baby infant toddler kid kids children",
    "visit": "visited visiting visits",
    "home": "house flat address property",
    "appointment": "appt appointments clinic",
    "meeting": "mtg meet met",
    "hv": "health_visitor",
    "sw": "social_worker",
    "gp": "doctor surgery",
    "hospital": "a&e ed emergency ward",
    "police": "officer officers pc constable",
    "nursery": "preschool pre-school setting creche",
    "court": "judge magistrates bench",
    "attend": "attended attending attendance seen saw",
    "discuss": "discussed discussing discussion talked talk",
}
_CANON = {variant: canon for canon, words in _SAME.items() for variant in words.split()}
_PHRASES = (
    (re.compile(r"\bhealth visitor\b"), "health_visitor"),
    (re.compile(r"\bsocial worker\b"), "social_worker"),
)


PREFIX = 6


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A word's common form: plural and verb endings off, variants brought together."""
    canon = _CANON.get(word)
    if canon:
        return canon[:PREFIX]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    word = _CANON.get(word, word)
    # Six letters say which word it is ("physio" / "physiotherapy", "development" /
    # "developmental"): truncation stemming, as search engines do.
    return word[:PREFIX]


def content_words(text: str) -> list[str]:
    """The content words of a text in their common form, in order (repeats kept)."""
    lowered = text.lower()
    if "health visitor" in lowered or "social worker" in lowered:
        for pattern, token in _PHRASES:
            lowered = pattern.sub(token, lowered)
    stem = _stem
    return [stem(w) for w in _WORD.findall(lowered) if w not in STOP and len(w) > 1]


_SPECIFIC = re.compile(r"(?<![.!?:;]\s)(?<!^)\b([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)\b|\b(\d+)\b")


def specific_words(text: str) -> frozenset[str]:
    """Names, places and numbers: capitalised words inside a sentence, and figures."""
    out = set()
    for m in _SPECIFIC.finditer(text):
        word = m.group(1) or m.group(2)
        stemmed = content_words(word)
        if stemmed:
            out.add(stemmed[0])
    return frozenset(out)


# Safeguarding content, by kind: an entry that has a kind its twin lacks is never linked by
# itself. Broad on purpose (a false alarm only sends a pair to the worker).
GUARDS: dict[str, re.Pattern[str]] = {
    "threat": re.compile(
        r"\bthreat\w*|\bkill\w*|\bend it\b|\btake (?:both |all )?(?:of )?(?:their|our|his|her|"
        r"my) lives\b|\bharm (?:herself|himself|themselves|the child|the baby|him|her|them)\b"
        r"|\bhurt(?:ing)? (?:herself|himself|the child|the baby|him|her|them)\b|\bsuicid\w*"
        r"|\bself[- ]harm\w*|\boverdose\w*|\bif\b[^.]{0,80}\b(?:will|would|going to)\b[^.]{0,40}"
        r"\b(?:die|dead|hurt|harm|disappear|gone)\b",
        re.IGNORECASE,
    ),
    "disclosure": re.compile(
        r"\bdisclos\w*|\btold (?:me|staff|the \w+) (?:that )?(?:he|she|they) (?:was|were|had been)"
        r" (?:hit|hurt|touched|smacked|kicked|punched)\b|\ballegation\w*",
        re.IGNORECASE,
    ),
    "injury": re.compile(
        r"\binjur\w*|\bbruis\w*|\bburns?\b|\bscald\w*|\bfractur\w*|\bbleed\w*|\bcuts?\b"
        r"|\bmarks? on\b|\bswelling\b|\bwound\w*|\bnon[- ]accidental\b",
        re.IGNORECASE,
    ),
    "weapon": re.compile(
        r"\bweapons?\b|\bknife\b|\bknives\b|\bblade\w*|\bgun\w*|\bfirearm\w*|\bmachete\w*"
        r"|\bbat\b|\bstrangl\w*|\bchok(?:e|ed|ing)\b",
        re.IGNORECASE,
    ),
}
GUARD_BITS = {kind: 1 << n for n, kind in enumerate(GUARDS)}
TRIPWIRE_BIT = 1 << len(GUARDS)  # words of one of the case's own trip-wires (one bit per phrase
# would be exact; one bit for "some trip-wire" plus the phrase check below is enough)


def phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """One expression matching any of a case's trip-wire phrases on whole words, any case."""
    parts = []
    for phrase in phrases:
        words = re.findall(r"\w+", phrase.lower())
        if words:
            parts.append(r"\b" + r"\W+".join(map(re.escape, words)) + r"(?:e?s)?\b")
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE)


def guards_of(text: str, tripwires: re.Pattern[str] | None = None) -> tuple[int, frozenset[str]]:
    """Safeguarding kinds present as bits, and the trip-wire phrases found (lower case)."""
    bits = 0
    for kind, pattern in GUARDS.items():
        if pattern.search(text):
            bits |= GUARD_BITS[kind]
    found: frozenset[str] = frozenset()
    if tripwires is not None:
        found = frozenset(m.group(0).lower() for m in tripwires.finditer(text))
        if found:
            bits |= TRIPWIRE_BIT
    return bits, found


def guard_names(bits: int) -> list[str]:
    """The kinds named by a set of bits, in words."""
    names = [kind for kind, bit in GUARD_BITS.items() if bits & bit]
    if bits & TRIPWIRE_BIT:
        names.append("a trip-wire phrase")
    return names


# A time written in words in the text of a date-only record: (minute of the day, give or take).
_CLOCK = re.compile(
    r"\b(?:at|around|about|approx\.?|approximately|c\.|circa|by|from)\s+(?:about\s+|around\s+)?"
    r"(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|hrs|hours|o'clock)?",
    re.IGNORECASE,
)
_HALF = re.compile(
    r"\b(half past|quarter past|quarter to)\s+(one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve)\b",
    re.IGNORECASE,
)
_NUMBER_TEXT = "one two three four five six seven eight nine ten eleven twelve"
_NUMBERS = {w: n for n, w in enumerate(_NUMBER_TEXT.split(), start=1)}
_PARTS = (
    (re.compile(r"\bearly (?:in the )?morning\b", re.IGNORECASE), 8 * 60, 60),
    (re.compile(r"\blate (?:in the )?morning\b", re.IGNORECASE), 11 * 60, 60),
    (re.compile(r"\bmorning\b", re.IGNORECASE), 10 * 60, 120),
    (re.compile(r"\blunch ?time\b|\bmidday\b|\bnoon\b", re.IGNORECASE), 12 * 60 + 30, 60),
    (re.compile(r"\bafternoon\b", re.IGNORECASE), 15 * 60, 150),
    (re.compile(r"\bevening\b|\btonight\b", re.IGNORECASE), 19 * 60, 150),
    (re.compile(r"\bovernight\b|\bnight\b", re.IGNORECASE), 23 * 60, 240),
)


def _daytime(hour: int, minute: int, marker: str) -> int | None:
    marker = marker.lower().replace(".", "")
    if hour > 23 or minute > 59:
        return None
    if marker == "pm" and hour < 12:
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    elif marker not in ("am", "pm") and 1 <= hour <= 7:
        hour += 12  # "at 3", "4 o'clock" in a working day's note is the afternoon
    return hour * 60 + minute


def time_in_words(text: str) -> tuple[int, int] | None:
    """A time the words give (minute of the day, give or take in minutes), or None."""
    m = _CLOCK.search(text)
    if m:
        hour, minute, marker = int(m.group(1)), int(m.group(2) or 0), m.group(3) or ""
        if not marker and not m.group(2) and hour > 12:
            hour = 99  # "at 14" is not a time; "at 14.30" is
        at = _daytime(hour, minute, marker)
        if at is not None and (marker or m.group(2) or m.group(0).lower().startswith("at")):
            # Without am or pm a 12-hour reading is a guess: give it more room.
            sure = marker.lower().replace(".", "") in ("am", "pm") or hour > 12
            return at, 30 if sure else 60
    m = _HALF.search(text)
    if m:
        hour = _NUMBERS[m.group(2).lower()]
        phrase = m.group(1).lower()
        minute = 30 if phrase == "half past" else 15 if phrase == "quarter past" else -15
        at = _daytime(hour, 0, "")
        if at is not None:
            return at + minute, 30
    for pattern, at, give in _PARTS:
        if pattern.search(text):
            return at, give
    return None
