"""The rules that suggest an entry's significance (and a better type), each with its reason.

What is looked for is general to children's safeguarding records in England and Wales, not to
one case: threats (conditional ones too), disclosures, self-harm, injuries, referrals to
children's social care or the police, strategy discussions, Section 47 enquiries, child
protection conferences, court hearings and orders, police domestic incidents, and the source's
own coding (its type word, its grading columns, its significance column). Negated mentions ("no
marks seen", "denied any thoughts of harming", "would never hurt") do not count.

Text is matched in lower case; each content rule has the search-index words that can trip it
(``RULES``), so an import reads with the rules only the notes the index finds a trigger word in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from chronology.models import EntryType, Significance

RANK = {Significance.ROUTINE: 0, Significance.SIGNIFICANT: 1, Significance.KEY: 2}
SNIPPET = 90  # characters of the sentence that tripped a rule, quoted in the reason


@dataclass(frozen=True)
class Suggestion:
    """What the rules suggest for one entry: significance, perhaps a better type, and why."""

    significance: Significance
    type: EntryType
    reason: str  # "" when nothing was found (routine, nobody needs to look)
    must_show: bool = False  # a referral, Section 47 step, hearing or order: always for court


# Kinds of contact whose type tells the court little about a safeguarding event recorded in it.
_GENERIC = frozenset(
    {
        EntryType.APPOINTMENT_ATTENDED,
        EntryType.TELEPHONE_CALL,
        EntryType.HOME_VISIT,
        EntryType.OTHER,
        EntryType.SUPERVISION,
    }
)
MUST_SHOW_TYPES = frozenset(
    {EntryType.COURT, EntryType.REFERRAL, EntryType.STRATEGY_DISCUSSION, EntryType.CP_CONFERENCE}
)
# Reasons (from the rules below) that make an entry one the court always sees.
MUST_SHOW_REASONS = (
    "a Section 47 enquiry",
    "a referral",
    "a strategy discussion",
    "a court order",
    "an application to the court",
)

_PRONOUN = (
    r"(?:her|him|them|my|his|their|our|your)(?:self|selves)?|me|us|you|the (?:child|children"
    r"|baby|kids?|boy|girl|family|twins)|both of (?:us|them)"
)
_HARM_VERB = r"(?:kill|harm|hurt|stab|strangle|smother|poison|drown|shoot|murder)"
_HARM = re.compile(
    r"\b(?:would|will|'ll|going to|gonna|could|might|threat(?:s|en(?:ed|s|ing)?)? to"
    r"|wants? to|no (?:other )?(?:option|choice) (?:than|but) to)\s"
    rf"(?P<mid>(?:\w+\s){{0,3}}?){_HARM_VERB}(?:s|ed|ing)?\b"
    rf"|\b{_HARM_VERB}(?:s|ed|ing)?\s(?:{_PRONOUN})\b"
    r"|\b(?:take|end) (?:her|his|my|their) (?:own )?li(?:fe|ves)\b"
    # The ways people say it without the word: "take both of us out of the picture", "end it all"
    r"|\b(?:take|put|get) (?:[\w']+ ){1,3}out of (?:the picture|this world)\b"
    r"|\b(?:take|put|get) (?:both of us|the two of us|us both|us|ourselves|myself|herself"
    r"|himself)(?: both| all)? out of (?:this|it|here)\b"
    r"|\bend it all\b|\bwe(?:'d| would) (?:both )?be better off dead\b"
)
_MID_NEGATION = re.compile(r"\b(?:not|never|no longer)\b")
_CONDITION = re.compile(r"\b(?:if|unless|should|were|when(?:ever)?|in case)\b")
_SELF_HARM = re.compile(r"\bsuicid\w*|\bself[- ]harm\w*|\boverdos\w*")
_DISCLOSURE = re.compile(
    r"\bdisclos(?:ed|es|ing|ure)\b|\balleg(?:ed|es|ation)\w*\b"
    r"|\b(?:told|said to|informed) (?:\w+ ){0,3}that (?:\w+ ){0,4}(?:hit|hurt|punched|kicked"
    r"|slapped|touched|abused|assaulted|raped|strangled|choked|threatened)\b"
)
_INJURY = re.compile(
    r"\b(?:bruis\w*|fractur\w*|injur(?:y|ies|ed)|lacerations?|burns?|scald\w*|bite marks?"
    r"|black eye|bleeding|non[- ]accidental|swelling)\b"
)
_REFERRAL = re.compile(
    r"\b(?:referr(?:al|als|ed|ing)|ppn|public protection notice|safeguarding (?:concern|alert)"
    r"|(?:mash|front door) (?:contact|enquiry))\b"
)
_SOCIAL_CARE = (
    *("social care", "social services", "children's services", "childrens services", "csc"),
    *("mash", "front door", "safeguarding", "police", "lado", "marac", "social work", "ppn"),
    "public protection notice",
)
_STRATEGY = re.compile(r"\bstrategy (?:discussion|meeting|call)s?\b")
_SECTION_47 = re.compile(r"\b(?:section|s\.?)\s?47\b|\bchild protection enquir(?:y|ies)\b")
_CONFERENCE = re.compile(
    r"\b(?:(?:initial|review) )?child protection (?:case )?conference\b|\bicpc\b|\brcpc\b"
    r"|\bchild protection plan\b"
)
_ORDER = re.compile(
    r"\b(?:order(?:s|ed)? (?:was |were |has been )?(?:made|granted|ordered|approved|discharged"
    r"|extended|refused)|(?:final|interim|care|supervision|child arrangements|prohibited steps"
    r"|specific issue|non[- ]molestation|occupation|emergency protection|placement) orders?"
    r"|court (?:ordered|granted|directed|approved|made))\b"
)
_HEARING_WORDS = ("hearing", "fhdra", "directions", "court", "judge", "magistrate", "cafcass")
_ORDER_MADE = re.compile(
    r"\b(?:order(?:s|ed)? (?:was |were |has been )?(?:made|granted|approved|discharged|extended)"
    r"|court (?:ordered|granted|made|approved))\b"
)
_ORDER_MADE_WORDS = ("order", "court")
_APPLICATION = re.compile(
    r"\b(?:c100|c110a?)\b|\bappl(?:y|ies|ied|ying|ication)\b[^.;\n]{0,40}?\b(?:child arrangements"
    r"|care|supervision|prohibited steps|specific issue|non[- ]molestation|emergency protection"
    r"|placement|occupation) order\b|\b(?:care )?proceedings (?:were |have been )?issued\b"
)
_APPLICATION_WORDS = ("c100", "c110", "appl", "proceedings")
_DOMESTIC = re.compile(
    r"\b(?:domestic(?: abuse| violence| incident)?|dash|marac|coercive|controlling behaviour"
    r"|non[- ]molestation)\b"
)
_SERIOUS = re.compile(
    r"\b(?:arrest(?:ed)?|charged|assault\w*|weapon|knife|strangl\w*|choked?|high risk"
    r"|marac|breach(?:ed)? (?:of )?(?:the )?(?:order|bail))\b"
)
_NEGATION = re.compile(r"\b(?:no|not|nor|never|without|denied|denies|deny|none|nil)\b")
_NOT_A_DENIAL = re.compile(r"\bno (?:other )?(?:option|choice|way out)\b")
NEGATION_WINDOW = 40  # characters before a mention, in its sentence, that can negate it
_GRADE_HEADER = re.compile(
    r"\b(?:grad(?:e|ing)|level|priority|risk|rag|severity|concern|significance|urgency"
    r"|importance|category)\b"
)
_GRADE_KEY = re.compile(r"^(?:high|very high|critical|severe|red|key|urgent|immediate)\b")
_GRADE_SIGNIFICANT = re.compile(r"^(?:medium|moderate|amber|significant|elevated|raised)\b")
_SAFEGUARDING_WORD = re.compile(
    r"\b(?:safeguarding|child protection|welfare concern|cause for concern)\b"
)


# A referral counts when social care or the police are named within this many words of it.
REFERRAL_NEAR = 10
# Words (lower case, stems) that every match of each expression contains.
_HARM_WORDS = (
    *("kill", "harm", "hurt", "stab", "strangl", "smother", "poison", "drown", "shoot"),
    *("murder", "life", "lives", " out of ", "end it all", "better off dead"),
)
_DISCLOSURE_WORDS = ("disclos", "alleg", "told", "said to", "informed")
_SELF_HARM_WORDS = ("suicid", "self-harm", "self harm", "overdos")
_INJURY_WORDS = (
    *("bruis", "fractur", "injur", "lacerat", "burn", "scald", "bite", "black eye"),
    *("bleeding", "non-accidental", "non accidental", "swelling"),
)
_ORDER_WORDS = (
    *("order", "final", "interim", "care", "supervision", "child arrangements", "prohibited"),
    *("specific issue", "non-molestation", "non molestation", "occupation", "emergency"),
    *("placement", "court"),
)
_SECTION_47_WORDS = ("section", "s47", "s.47", "s 47", "child protection enquir")
_CONFERENCE_WORDS = ("initial", "review", "child protection", "icpc", "rcpc")
_REFERRAL_WORDS = ("referr", "ppn", "public protection", "safeguarding", "mash", "front door")
_DOMESTIC_WORDS = ("domestic", "dash", "marac", "coercive", "controlling", "molestation")
_SERIOUS_WORDS = (
    *("arrest", "charged", "assault", "weapon", "knife", "strangl", "chok", "high risk"),
    *("marac", "breach"),
)


_STOPS = (". ", ".\u201d ", '." ', ".' ", ".\u2019 ", "? ", "! ", "\n")


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding text[start:end] starts and ends."""
    first = max(
        (i + len(stop) for stop in _STOPS if (i := text.rfind(stop, 0, start)) >= 0), default=0
    )
    ends = [i + len(stop) - 1 for stop in _STOPS if (i := text.find(stop, end)) >= 0]
    return first, min(ends) if ends else len(text)


class _Text:
    """A note as the rules read it: lower case for matching, as written for quoting."""

    def __init__(self, written: str) -> None:
        self.written = written
        self.low = written.lower()
        self.same = len(self.low) == len(written)  # lower() kept every position

    def first(
        self, pattern: re.Pattern[str], anchors: tuple[str, ...], starts: bool = True
    ) -> re.Match[str] | None:
        """The first match that is not negated ("no bruising seen" does not count).

        Only where one of ``anchors`` stands is the expression tried: finding a word is fast,
        running an expression over a whole note is not. ``starts``: every match begins with
        one of the anchors (tried right there); else the anchor's sentence is searched.
        """
        low = self.low
        for anchor in anchors:
            at = low.find(anchor)
            while at >= 0:
                if starts:
                    match = pattern.match(low, at) if at == 0 or not low[at - 1].isalnum() else None
                    if match is not None and not self._negated(match):
                        return match
                    at = low.find(anchor, at + 1)
                    continue
                start, end = _bounds(low, at, at + len(anchor))
                for match in pattern.finditer(low, start, end):
                    if not self._negated(match):
                        return match
                at = low.find(anchor, end)
        return None

    def has(self, words: tuple[str, ...]) -> bool:
        """Whether the note holds any of these words (or stems)."""
        return any(w in self.low for w in words)

    def _negated(self, match: re.Match[str]) -> bool:
        low, at = self.low, match.start()
        start = max(low.rfind(". ", 0, at), low.rfind("\n", 0, at), at - NEGATION_WINDOW - 1)
        window = low[start + 1 : at]
        if ";" in window:
            window = window[window.rfind(";") + 1 :]
        if "no " in window:  # "no option but to" says the opposite of a denial
            window = _NOT_A_DENIAL.sub(" ", window)
        if _NEGATION.search(window):
            return True
        mid = match.groupdict().get("mid")
        return bool(mid and _MID_NEGATION.search(mid))  # "would never hurt"

    def sentence(self, match: re.Match[str]) -> str:
        start, end = _bounds(self.low, match.start(), match.end())
        return self.low[start:end]

    def quote(self, match: re.Match[str]) -> str:
        """The sentence around a match as written, cut to about SNIPPET characters."""
        text = self.written if self.same else self.low
        start, end = _bounds(text, match.start(), match.end())
        lead = max(start, match.start() - SNIPPET // 3)
        stop = min(end, lead + SNIPPET)
        if lead > start:  # begin at a word
            space = text.find(" ", lead, match.start())
            lead = space + 1 if space >= 0 else lead
        if stop < end:
            space = text.rfind(" ", match.end(), stop)
            stop = space if space >= 0 else stop
        cut = " ".join(text[lead:stop].split())
        return ("…" if lead > start else "") + cut + ("…" if stop < end else "")


class _Found:
    """What the rules have found so far: the level, the reasons, the type, always-for-court."""

    def __init__(self, base: Suggestion) -> None:
        self.level = base.significance
        self.reasons = [r for r in base.reason.split("; ") if r and not r.startswith("type: ")]
        self.was = base.type
        self.type = base.type
        self.must = base.must_show

    def raise_to(self, to: Significance, why: str) -> None:
        if RANK[to] > RANK[self.level]:
            self.level = to
        self.reasons.append(why)

    def retype(self, to: EntryType) -> None:
        if self.type in _GENERIC:
            self.type = to

    def result(self, base: Suggestion) -> Suggestion:
        kept = [r for r in base.reason.split("; ") if r.startswith("type: ")]
        if self.type != self.was:
            kept.append(f"type: {self.was.value} → {self.type.value}")
        reason = "; ".join(dict.fromkeys([*self.reasons, *kept]))
        return Suggestion(self.level, self.type, reason, self.must)


def _grading(details: str) -> tuple[Significance, str] | None:
    """The source's own grading among its other columns ("Concern level: High")."""
    best: tuple[Significance, str] | None = None
    for line in details.splitlines():
        label, sep, value = line.partition(":")
        value = value.strip()
        if not sep or not value or not _GRADE_HEADER.search(label.lower()):
            continue
        low = value.lower()
        if _GRADE_KEY.match(low):
            level = Significance.KEY
        elif _GRADE_SIGNIFICANT.match(low):
            level = Significance.SIGNIFICANT
        else:
            continue
        if best is None or RANK[level] > RANK[best[0]]:
            best = (level, f"the source graded it '{value[:30]}' ({label.strip()[:30]})")
    return best


def suggest_coded(
    entry_type: EntryType,
    source_type: str = "",
    details: str = "",
    source_level: Significance | None = None,
) -> Suggestion:
    """What the source's own coding says: its type, its grading columns, its significance."""
    f = _Found(Suggestion(Significance.ROUTINE, entry_type, ""))
    if source_level is not None and source_level != Significance.ROUTINE:
        f.raise_to(source_level, f"the source marked it {source_level.value}")
    graded = _grading(details) if details else None
    if graded:
        f.raise_to(*graded)
    coding = source_type.lower()
    if coding and _SAFEGUARDING_WORD.search(coding):
        f.raise_to(Significance.SIGNIFICANT, f"the source coded it '{source_type[:40]}'")
    if coding and _SECTION_47.search(coding):
        f.must = True
        f.raise_to(Significance.KEY, "a Section 47 enquiry")
    if entry_type == EntryType.COURT:
        f.must = True
        f.raise_to(Significance.SIGNIFICANT, "a court hearing")
    elif entry_type == EntryType.REFERRAL:
        f.must = True
        f.raise_to(Significance.SIGNIFICANT, "a referral")
    elif entry_type == EntryType.STRATEGY_DISCUSSION:
        f.must = True
        f.raise_to(Significance.KEY, "a strategy discussion")
    elif entry_type == EntryType.CP_CONFERENCE:
        f.must = True
        f.raise_to(Significance.KEY, "a child protection conference")
    elif entry_type == EntryType.DISCLOSURE:
        f.raise_to(Significance.SIGNIFICANT, "a disclosure")
    elif entry_type == EntryType.INCIDENT and coding and _DOMESTIC.search(coding):
        f.raise_to(Significance.SIGNIFICANT, "a domestic incident")
    return f.result(Suggestion(Significance.ROUTINE, entry_type, ""))


# ---------------------------------------------------------------- content rules
def _threat(t: _Text, f: _Found) -> None:
    threat = t.first(_HARM, _HARM_WORDS, starts=False)
    if threat:
        kind = "a conditional threat" if _CONDITION.search(t.sentence(threat)) else "a threat"
        f.raise_to(Significance.KEY, f"{kind} to harm: '{t.quote(threat)}'")
        f.retype(EntryType.DISCLOSURE)


def _disclosure(t: _Text, f: _Found) -> None:
    found = t.first(_DISCLOSURE, _DISCLOSURE_WORDS)
    if found and "to harm:" not in " ".join(f.reasons):
        f.raise_to(Significance.SIGNIFICANT, f"a disclosure: '{t.quote(found)}'")
        f.retype(EntryType.DISCLOSURE)


def _self_harm(t: _Text, f: _Found) -> None:
    found = t.first(_SELF_HARM, _SELF_HARM_WORDS)
    if found:
        f.raise_to(Significance.SIGNIFICANT, f"self-harm or suicide: '{t.quote(found)}'")


def _injury(t: _Text, f: _Found) -> None:
    found = t.first(_INJURY, _INJURY_WORDS)
    if found:
        f.raise_to(Significance.SIGNIFICANT, f"an injury: '{t.quote(found)}'")


def _section_47(t: _Text, f: _Found) -> None:
    if t.first(_SECTION_47, _SECTION_47_WORDS):
        f.must = True
        f.raise_to(Significance.KEY, "a Section 47 enquiry")
        f.retype(EntryType.ASSESSMENT)


def _strategy(t: _Text, f: _Found) -> None:
    found = t.first(_STRATEGY, ("strategy",))
    if found and f.was != EntryType.STRATEGY_DISCUSSION:
        f.must = True
        f.raise_to(Significance.KEY, f"a strategy discussion: '{t.quote(found)}'")
        f.retype(EntryType.STRATEGY_DISCUSSION)


def _conference(t: _Text, f: _Found) -> None:
    found = t.first(_CONFERENCE, _CONFERENCE_WORDS)
    if found and f.was != EntryType.CP_CONFERENCE:
        f.raise_to(Significance.KEY, f"child protection: '{t.quote(found)}'")


def _referral(t: _Text, f: _Found) -> None:
    found = t.first(_REFERRAL, _REFERRAL_WORDS)
    if found is None or f.was == EntryType.REFERRAL:
        return
    sentence = t.sentence(found)
    if found.group(0).startswith("referr"):  # the words around it say to or from whom
        start, end = found.start(), found.end()
        sentence = t.low[max(start - 8 * REFERRAL_NEAR, 0) : end + 8 * REFERRAL_NEAR]
    if any(w in sentence for w in _SOCIAL_CARE):  # to social care or the police, not to a clinic
        f.must = True
        f.raise_to(Significance.SIGNIFICANT, f"a referral: '{t.quote(found)}'")
        f.retype(EntryType.REFERRAL)


def _order(t: _Text, f: _Found) -> None:
    # A hearing's record naming an order is enough; elsewhere the order must have been made
    # ("an application for a care order" in a meeting's minutes is not an order).
    if f.was == EntryType.COURT:
        found = t.first(_ORDER, _ORDER_WORDS)
    else:
        found = t.first(_ORDER_MADE, _ORDER_MADE_WORDS)
    if found and (f.was == EntryType.COURT or t.has(_HEARING_WORDS)):
        f.must = True
        f.raise_to(Significance.KEY, f"a court order: '{t.quote(found)}'")
        f.retype(EntryType.COURT)


def _application(t: _Text, f: _Found) -> None:
    found = t.first(_APPLICATION, _APPLICATION_WORDS, starts=False)
    if found:
        f.must = True
        f.raise_to(Significance.SIGNIFICANT, f"an application to the court: '{t.quote(found)}'")
        f.retype(EntryType.COURT)


def _incident(t: _Text, f: _Found) -> None:
    if EntryType.INCIDENT not in (f.was, f.type):
        return
    domestic = t.first(_DOMESTIC, _DOMESTIC_WORDS)
    serious = t.first(_SERIOUS, _SERIOUS_WORDS)
    if domestic:
        f.raise_to(Significance.SIGNIFICANT, "a domestic incident")
    if serious:
        level = Significance.KEY if domestic else Significance.SIGNIFICANT
        f.raise_to(level, f"the incident records '{t.quote(serious)}'")


# Each rule with the search-index words that can trip it (prefixes end in *).
RULES: dict[str, tuple[Callable[[_Text, _Found], None], str]] = {
    "threat": (
        _threat,
        "kill* harm* hurt* stab* strangl* smother* poison* drown* shoot* murder* life lives "
        '"out of the picture" "out of this" "out of here" "out of it" "end it all" '
        '"better off dead"',
    ),
    "disclosure": (
        _disclosure,
        "disclos* alleg* hit hurt* punch* kick* slap* touch* abus* assault* rape* strangl* "
        "choke* threaten*",
    ),
    "self_harm": (_self_harm, "suicid* harm* overdos*"),
    "injury": (
        _injury,
        "bruis* fractur* injur* lacerat* burn* scald* bite black bleeding accidental swelling",
    ),
    "section_47": (_section_47, '47 s47 "child protection"'),
    "strategy": (_strategy, "strategy"),
    "conference": (_conference, 'conference icpc rcpc "child protection"'),
    # A referral counts when its sentence names social care or the police: the index looks for
    # the two near each other (a referral to a clinic is not a safeguarding step).
    "referral": (
        _referral,
        'ppn safeguarding "front door" "public protection notice" mash '
        + " ".join(
            f"NEAR(referr* {w}, {REFERRAL_NEAR})"
            for w in (
                *("police", "csc", "lado", "marac", '"social care"', '"social services"'),
                *('"children s services"', '"childrens services"', '"social work"*'),
            )
        ),
    ),
    "order": (_order, "order*"),
    "application": (_application, "c100 c110 c110a appl* issued"),
    "incident": (
        _incident,
        "domestic dash marac coercive controlling molestation arrest* charged assault* weapon* "
        "knife strangl* chok* high breach*",
    ),
}


def fts_query(words: str) -> str:
    """A search-index query finding any of ``words`` in an entry's summary or text."""
    terms = re.findall(r'NEAR\([^)]*\)|"[^"]+"|\S+', words)
    return "{summary text} : (" + " OR ".join(terms) + ")"


# One cheap look first for text not found through the index: words no rule can trip on.
_ANY_WORDS = tuple(
    dict.fromkeys(
        _HARM_WORDS
        + _DISCLOSURE_WORDS
        + _SELF_HARM_WORDS
        + _INJURY_WORDS
        + _SECTION_47_WORDS
        + ("strategy", "order")
        + ("disclos", "alleg", "47")
        + _APPLICATION_WORDS
        + _CONFERENCE_WORDS
        + _REFERRAL_WORDS
        + _DOMESTIC_WORDS
        + _SERIOUS_WORDS
    )
)


def suggest_content(
    base: Suggestion,
    summary: str,
    text: str = "",
    source_type: str = "",
    rules: Iterable[str] | None = None,
) -> Suggestion:
    """What the words of the record add to ``base`` (the coding's or the stored suggestion).

    ``rules``: only these (the index found their words); None runs every rule that might apply.
    """
    body = f"{summary}\n{text}" if text and text != summary else summary
    note = _Text(f"{source_type}\n{body}" if source_type else body)
    if rules is None:
        if not note.has(_ANY_WORDS):
            return base
        rules = RULES
    f = _Found(base)
    for name in rules:
        RULES[name][0](note, f)
    found = f.result(base)
    return base if found == base else found


def suggest(
    entry_type: EntryType,
    summary: str,
    text: str = "",
    details: str = "",
    source_type: str = "",
    source_level: Significance | None = None,
) -> Suggestion:
    """Significance, a better type where the record shows one, and the reason, for one entry."""
    coded = suggest_coded(entry_type, source_type, details, source_level)
    return suggest_content(coded, summary, text, source_type)


def must_show(entry_type: EntryType, reason: str) -> bool:
    """Whether an entry is always in the court chronology (unless the worker takes it out)."""
    return entry_type in MUST_SHOW_TYPES or any(word in reason for word in MUST_SHOW_REASONS)


__all__ = [
    "MUST_SHOW_TYPES",
    "RULES",
    "Suggestion",
    "fts_query",
    "must_show",
    "suggest",
    "suggest_coded",
    "suggest_content",
]
