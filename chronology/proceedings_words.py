"""What an entry's words say about court proceedings: an application, a hearing, an order, an end.

The vocabulary is the general language of family proceedings in England and Wales (applications
and their form numbers, hearings by their usual names, orders, and the ways proceedings end:
a final order, no order, dismissal, withdrawal, discontinuance), not any one record's wording.
Reading is deliberately cautious: when the words point both ways (a "final order" beside a next
hearing) the end is *uncertain* and the worker decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_I = re.IGNORECASE


class Signal(StrEnum):
    """The strongest thing an entry says about proceedings."""

    NONE = "none"
    START = "start"  # an application made, proceedings issued
    HEARING = "hearing"  # a hearing held or listed, an interim step
    ORDER = "order"  # an order made, neither said to be interim nor final
    END = "end"  # a final order, no order, dismissal, withdrawal, conclusion
    UNCERTAIN_END = "uncertain end"  # words of an end next to words of more to come


# Applications and issue: form numbers, "applied for … order", "proceedings were issued".
_START = re.compile(
    r"\b(?:C100|C110A?|C79|FL401)\b"
    r"|\b(?:appl(?:y|ies|ied|ying)|made an application|application (?:was |has been |had been )?"
    r"(?:made|filed|issued|lodged|submitted|received|sent))\b[^.;\n]{0,80}?"
    r"\b(?:order|court|proceedings|contact|arrangements|residence|custody)\b"
    r"|\b(?:issued|issues|commenced|started|began|begun|lodged|filed|initiated)\b[^.;\n]{0,30}?"
    r"\bproceedings\b"
    r"|\bproceedings\b[^.;\n]{0,20}?\b(?:issued|commenced|started|begun|initiated)\b",
    _I,
)
# "pre-proceedings" (the Public Law Outline's letter-before-proceedings stage) is not proceedings.
_PRE = re.compile(r"\bpre[- ]proceedings\b", _I)

_HEARING = re.compile(
    r"\bhearings?\b|\bFHDRA\b|\bDRA\b|\bIRH\b|\bCMH\b|\bdirections\b|\bfact[- ]finding\b"
    r"|\b(?:magistrates?|district judge|circuit judge|the judge|the bench|legal adviser)\b"
    r"|\b(?:listed|relisted|re-listed|adjourned)\b",
    _I,
)
_ORDER_MADE = re.compile(
    r"\border(?:s)?\b[^.;\n]{0,40}?\b(?:made|granted|approved|sealed|issued|agreed|confirmed)\b"
    r"|\b(?:made|granted|approved|sealed|issued)\b[^.;\n]{0,50}?\border\b"
    r"|\bconsent order\b",
    _I,
)
# Something more is to come: these make an order interim and an end uncertain.
_CONTINUING = re.compile(
    r"\binterim\b|\badjourn(?:ed|ment|s)?\b|\bnext hearing\b|\bfurther hearing\b"
    r"|\breturn date\b|\bpart[- ]heard\b|\breview hearing\b|\bre-?listed\b"
    r"|\blisted (?:for|on)\b|\bto be listed\b|\bdirections (?:were |was )?(?:given|made)\b",
    _I,
)
# A future final hearing ("final hearing listed for 3 May") says nothing has ended yet.
_FINAL_AHEAD = re.compile(
    r"\bfinal hearing\b[^.;\n]{0,30}?\b(?:listed|set|fixed|scheduled|booked|arranged|will|is due)\b"
    r"|\b(?:listed|set|fixed|scheduled|booked|arranged)\b[^.;\n]{0,30}?\bfinal hearing\b"
    r"|\b(?:until|before|ahead of|for) the final hearing\b",
    _I,
)
# The ways proceedings end, each with the reason it gives; the first that matches names it.
_ENDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "withdrawn",
        re.compile(
            r"\b(?:application|proceedings|case|claim)\b[^.;\n]{0,40}?\bwithdr[ae]wn?\b"
            r"|\bwithdr(?:ew|awn|awing|aw)\b[^.;\n]{0,40}?\b(?:application|proceedings|case)\b"
            r"|\b(?:permission|leave) to withdraw\b",
            _I,
        ),
    ),
    (
        "dismissed",
        re.compile(
            r"\b(?:application|proceedings|case|claim)\b[^.;\n]{0,40}?"
            r"\b(?:dismissed|struck out|refused)\b"
            r"|\b(?:dismissed|struck out)\b[^.;\n]{0,40}?\b(?:application|proceedings|case)\b",
            _I,
        ),
    ),
    (
        "no order",
        re.compile(
            r"\bno order\b(?! (?:was |has been )?made (?:today|yet|at this))"
            r"|\bmade no order\b|\border of no order\b",
            _I,
        ),
    ),
    (
        "final order",
        re.compile(
            r"\bfinal\b[^.;\n]{0,40}?\border\b|\border\b[^.;\n]{0,40}?\bfinal\b"
            r"|\bon a final basis\b|\bfinal(?:ly)? (?:determined|determination|disposal|decision)\b"
            r"|\bfinal hearing\b.{0,160}?(?:\border(?:s)?\b[^.;\n]{0,30}?"
            r"\b(?:made|granted|approved|sealed)\b|\b(?:made|granted|approved|sealed)\b"
            r"[^.;\n]{0,40}?\border\b)",
            _I | re.DOTALL,
        ),
    ),
    (
        "concluded",
        re.compile(
            r"\b(?:proceedings|case|matter|application)\b[^.;\n]{0,30}?"
            r"\b(?:concluded|ended|closed|completed|finished|finalised|finalized|disposed of|"
            r"discontinued|came to an end|at an end|over)\b"
            r"|\b(?:concluded|ended|closed|discontinued)\b[^.;\n]{0,20}?\b(?:the |these |its )?"
            r"proceedings\b"
            r"|\bno further (?:hearings?|listings?|involvement of the court|court (?:hearings?|"
            r"involvement|dates?))\b"
            r"|\b(?:will|would) not be (?:re-?)?listed\b",
            _I,
        ),
    ),
)
# Outside a court-typed entry, an end or a start counts only beside words of the court.
_COURT_CONTEXT = re.compile(
    r"\bcourts?\b|\bproceedings\b|\bjudge\b|\bmagistrates?\b|\bhearings?\b|\bcafcass\b"
    r"|\bbench\b|\btribunal\b|\bC100\b|\bC110A?\b",
    _I,
)
# A bare "final hearing" held, with nothing about its outcome: an end the worker must confirm.
_FINAL_HEARING = re.compile(r"\bfinal hearing\b", _I)

_PRIVATE = re.compile(
    r"child arrangements|\bC100\b|section 8\b|\bs\.? ?8\b|prohibited steps|specific issue"
    r"|private law|\bcontact order\b|\bresidence order\b|\bFHDRA\b|\bFL401\b|non-molestation",
    _I,
)
_PUBLIC = re.compile(
    r"care order|care proceedings|interim care|section 31\b|\bs\.? ?31\b|supervision order"
    r"|\bC110A?\b|placement order|emergency protection|public law|\bIRH\b|\bCMH\b",
    _I,
)

# Words that find candidate entries in the search index (beyond court-typed entries) before
# the expressions above decide: every start or end above needs one of them.
FTS_CANDIDATES = (
    "C100 OR C110 OR C110A OR C79 OR FL401 OR appl* OR proceedings OR final OR withdr* "
    'OR dismissed OR "struck out" OR (no AND order) OR "no further" OR listed'
)


@dataclass(frozen=True)
class Reading:
    """What one entry says about proceedings, and why (for the worker)."""

    signal: Signal
    reason: str = ""  # the end's reason: 'final order', 'withdrawn', 'dismissed', 'no order'...
    why: str = ""  # the words that decided, quoted


_NEGATED = re.compile(r"\b(?:not|no|never|without)\b[\w ]{0,12}$", _I)


def _continuing(text: str) -> re.Match[str] | None:
    """Words of more to come, unless negated ("will not be relisted")."""
    for m in _CONTINUING.finditer(text):
        if not _NEGATED.search(text[max(0, m.start() - 20) : m.start()]):
            return m
    return None


def _quote(m: re.Match[str] | None) -> str:
    return f"“{m.group(0).strip()}”" if m else ""


def read_entry(text: str, is_court: bool) -> Reading:
    """Read an entry's words (summary and text) for what they say about proceedings.

    ``is_court``: the entry's type is a court hearing or order. Other entries count only for
    what they say plainly (an application made, proceedings issued or ended), never for a
    passing mention of a hearing.
    """
    if not text:
        return Reading(Signal.HEARING if is_court else Signal.NONE)
    text = _PRE.sub(" ", text)
    if not is_court and not _COURT_CONTEXT.search(text):
        return Reading(Signal.NONE)
    # "final hearing listed for …" says nothing has ended yet: those words cannot end anything.
    ends_text = _FINAL_AHEAD.sub(" ", text)
    continuing = _continuing(ends_text)
    for reason, pattern in _ENDS:
        m = pattern.search(ends_text)
        if m is None:
            continue
        if continuing:
            return Reading(
                Signal.UNCERTAIN_END,
                reason,
                f"{_quote(m)}, but also {_quote(continuing)}",
            )
        return Reading(Signal.END, reason, _quote(m))
    start = _START.search(text)
    if is_court:
        final = _FINAL_HEARING.search(ends_text)
        if final and not continuing:
            return Reading(
                Signal.UNCERTAIN_END,
                "final hearing",
                f"{_quote(final)} held, but no order is recorded",
            )
        if start:
            return Reading(Signal.START, "", _quote(start))
        order = _ORDER_MADE.search(text)
        if order and not continuing:
            return Reading(Signal.ORDER, "", _quote(order))
        return Reading(Signal.HEARING, "", _quote(_HEARING.search(text) or continuing))
    if start:
        return Reading(Signal.START, "", _quote(start))
    return Reading(Signal.NONE)


def law_of(texts: list[str]) -> str:
    """'private' or 'public' from the words of a period's entries, '' when they do not say."""
    words = " ".join(texts)
    private, public = len(_PRIVATE.findall(words)), len(_PUBLIC.findall(words))
    if private == public:
        return ""
    return "private" if private > public else "public"
