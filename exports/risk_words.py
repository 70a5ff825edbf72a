"""A risk in words a court reads: its IF and THEN as one sentence, no shorthand."""

from __future__ import annotations

import re

from summary.risks import Risk

_SHORTHAND = re.compile(r"^\s*(?:if|then)\b[:\s]*", re.IGNORECASE)
# First words of a clause that are not names, so they lose their capital inside a sentence.
_COMMON_FIRST = frozenset(
    {
        *("the", "a", "an", "she", "he", "they", "it", "there", "this", "that", "her", "his"),
        *("their", "any", "no", "contact", "unsupported", "supervised", "overnight", "mother"),
        *("father", "mum", "dad", "parent", "carer", "child", "baby", "court"),
    }
)


def clause(text: str) -> str:
    """A risk's IF or THEN part as a clause of a sentence: no shorthand, no full stop."""
    text = _SHORTHAND.sub("", text.strip()).rstrip(" .")
    first = text.split(" ", 1)[0]
    if first.lower() in _COMMON_FIRST and not first.isupper():
        return first.lower() + text[len(first) :]
    return text


def risk_sentence(r: Risk) -> str:
    """'if unsupported contact is ordered, the mother may harm herself and the child'."""
    if r.if_text.strip() and r.then_text.strip():
        return f"if {clause(r.if_text)}, {clause(r.then_text)}"
    if r.then_text.strip() or r.if_text.strip():
        return f"there is a risk that {clause(r.then_text or r.if_text)}"
    return f"there is a risk of {clause(r.title)}"
