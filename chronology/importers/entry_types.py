"""The sources' own words for a kind of contact, mapped onto the chronology's vocabulary."""

from __future__ import annotations

import re
from functools import lru_cache

from chronology.models import EntryType

_NORMALISE = re.compile(r"[^0-9a-z]+")

# Kinds whose type an outcome never turns into an appointment or a missed one: a Child in Need
# meeting the mother did not attend was still held.
_KEEP_ON_OUTCOME = frozenset(
    {
        EntryType.CIN_MEETING,
        EntryType.CORE_GROUP,
        EntryType.STRATEGY_DISCUSSION,
        EntryType.CP_CONFERENCE,
        EntryType.COURT,
        EntryType.REFERRAL,
        EntryType.ASSESSMENT,
        EntryType.INCIDENT,
        EntryType.DISCLOSURE,
        EntryType.SUPERVISION,
    }
)

# Phrases matched at word boundaries on normalised text (lower case, punctuation as spaces).
# Order is priority: in a type column the first kind that matches wins ("CIN home visit" is a
# home visit, "Telephone referral" a referral).
_KINDS: tuple[tuple[EntryType, str], ...] = (
    # A letter about a clinic is not an appointment.
    (EntryType.OTHER, r"(?:clinic|gp|hospital|discharge|outpatient|consultant) letter"),
    (
        EntryType.CP_CONFERENCE,
        r"child protection (?:case )?conference|(?:initial|review) cp conference|cp conference"
        r"|icpc|rcpc|case conference",
    ),
    (EntryType.STRATEGY_DISCUSSION, r"strategy (?:discussion|meeting|call)"),
    (EntryType.CORE_GROUP, r"core group(?: meeting)?"),
    (
        EntryType.CIN_MEETING,
        r"(?:child in need|cin)(?: plan)? (?:meeting|review(?: meeting)?)|cin review"
        r"|child in need meeting",
    ),
    (
        EntryType.COURT,
        r"court|court hearing|hearing(?! (?:test|aid|aids|loss|check|assessment|screen\w*"
        r"|impair\w*))|fhdra|dra|directions hearing|final hearing|order made"
        r"|(?:child arrangements|interim care|care|supervision|emergency protection|"
        r"non molestation|prohibited steps|specific issue) order|c100|legal hearing",
    ),
    (
        EntryType.WAS_NOT_BROUGHT,
        r"was not brought|not brought|wnb|dna|did not attend|failed to attend|no show",
    ),
    (EntryType.CANCELLED, r"cancelled|canceled|cancellation"),
    (
        EntryType.REFERRAL,
        r"referral|contact referral|ppn|public protection notice|mash (?:contact|enquiry)"
        r"|referred",
    ),
    (
        EntryType.APPOINTMENT_ATTENDED,
        r"(?:neuro)?developmental assessment|autism assessment|hearing assessment",
    ),
    (
        EntryType.ASSESSMENT,
        r"assessment|c and f assessment|single assessment|section 47(?: enquiry)?|s47",
    ),
    (
        EntryType.HOME_VISIT,
        r"home visit|statutory visit|unannounced visit|announced visit|cin visit"
        r"|child in need visit|visited the home|visit to the home|visit to home",
    ),
    (EntryType.DISCLOSURE, r"disclosure|disclosed"),
    (
        EntryType.INCIDENT,
        r"incident|domestic|concern for welfare|harassment|public order|suspicious"
        r"(?: circumstances)?|assault|police attended|breach of (?:the )?peace|missing person"
        r"|anti social behaviour|disturbance|criminal damage",
    ),
    (EntryType.SUPERVISION, r"supervision|case supervision|reflective supervision"),
    (
        EntryType.TELEPHONE_CALL,
        r"telephone(?: call| contact)?|phone call|phone|call|phoned|rang",
    ),
    (
        EntryType.APPOINTMENT_ATTENDED,
        r"appointment|clinic|outpatients?|consultation|attended appointment"
        r"|appointment attended|gp appointment|developmental review|health review|check up"
        r"|hearing test|audiology|physiotherapy|occupational therapy|speech and language therapy"
        r"|dietitian review|orthoptics|orthotics|day case admission|paediatrics? review",
    ),
)
_KIND_PATTERNS = tuple((kind, re.compile(rf"\b(?:{pattern})\b")) for kind, pattern in _KINDS)
# One alternation for free text: the leftmost phrase wins, ties go to the earlier kind.
_TEXT_PATTERN = re.compile(
    "|".join(rf"(?P<k{i}>\b(?:{pattern})\b)" for i, (_kind, pattern) in enumerate(_KINDS))
)

# Words recognised as "other": a type column saying one of these is not guessed from the text.
_KNOWN_OTHER = frozenset(
    {
        "other",
        "case note",
        "note",
        "notes",
        "multi agency liaison",
        "liaison",
        "management oversight",
        "email",
        "e mail",
        "letter",
        "text message",
        "text",
        "sms",
        "visit to setting",
        "school visit",
        "nursery visit",
        "meeting",
        "professionals meeting",
        "observation",
        "chronology",
        "record",
        "information sharing",
        "standard",
        "general",
        "contact",
        "contact centre",
        "visit",
        "document",
        "recording",
        "update",
    }
)
_EXACT: dict[str, EntryType] = {
    **{t.value: t for t in EntryType},
    "strategy": EntryType.STRATEGY_DISCUSSION,
    "core group": EntryType.CORE_GROUP,
    "legal": EntryType.OTHER,
    "legal planning meeting": EntryType.OTHER,
    "attended": EntryType.APPOINTMENT_ATTENDED,
}

_ATTENDED = re.compile(r"\b(?:attended|arrived)\b")
_NOT_BROUGHT = re.compile(
    r"\b(?:was not brought|not brought|wnb|dna|did not attend|didn t attend|failed to attend"
    r"|no show|not attended|did not arrive)\b"
)
_CANCELLED = re.compile(r"\b(?:cancelled|canceled|cancellation|cancel)\b")
_TEXT_WINDOW = 160


def _normalise(text: str) -> str:
    return _NORMALISE.sub(" ", text.lower()).strip()


@lru_cache(maxsize=4096)
def _word_type(source_word: str) -> EntryType | None:
    """The kind a type column's word names, or None when the word is not recognised."""
    norm = _normalise(source_word)
    if not norm:
        return None
    if norm in _EXACT:
        return _EXACT[norm]
    if norm in _KNOWN_OTHER:
        return EntryType.OTHER
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(norm):
            return kind
    return None


def _text_type(text: str) -> EntryType:
    """The kind the opening words of a note suggest (the earliest phrase found)."""
    head = text[:_TEXT_WINDOW]
    # Only the first sentence: later ones mention other events ("as agreed at the last review").
    cut = re.search(r"[.!?;:\n](?:\s|$)", head)
    if cut:
        head = head[: cut.start()]
    match = _TEXT_PATTERN.search(_normalise(head))
    if match is None or match.lastgroup is None:
        return EntryType.OTHER
    return _KINDS[int(match.lastgroup[1:])][0]


@lru_cache(maxsize=1024)
def _outcome_kind(outcome: str) -> EntryType | None:
    norm = _normalise(outcome)
    if not norm:
        return None
    if _CANCELLED.search(norm):
        return EntryType.CANCELLED
    if _NOT_BROUGHT.search(norm):
        return EntryType.WAS_NOT_BROUGHT
    if _ATTENDED.search(norm):
        return EntryType.APPOINTMENT_ATTENDED
    return None


def normalise_type(source_word: str, outcome: str = "", text: str = "") -> EntryType:
    """The entry type for a source's word, its outcome and (when the word says nothing) its text.

    The outcome decides for appointments and visits: "Was Not Brought", "DNA" -> was not brought;
    "Cancelled by parent" -> cancelled (for every kind: a cancelled meeting was not held);
    "Attended" -> appointment attended, except for meetings, hearings and other events that are
    not appointments.
    """
    kind = _word_type(source_word or "")
    if kind is None and text:
        kind = _text_type(text)
    kind = kind or EntryType.OTHER
    happened = _outcome_kind(outcome or "")
    if happened is EntryType.CANCELLED:
        return EntryType.CANCELLED
    if happened is not None and kind not in _KEEP_ON_OUTCOME:
        return happened
    return kind


def type_from_word(source_word: str) -> EntryType | None:
    """The type a source's own word names, or None when the word alone does not say."""
    return _word_type(source_word or "")


def outcome_status(outcome: str) -> str:
    """'cancelled' for an outcome that says the event was cancelled, else 'active'."""
    return "cancelled" if _outcome_kind(outcome or "") is EntryType.CANCELLED else "active"


__all__ = ["normalise_type", "outcome_status", "type_from_word"]
