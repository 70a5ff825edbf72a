"""What a case reference and a name may hold: printable text of a sensible length.

A control character (an escape sequence, a bell) or a bidi override (which makes text display in
another order than it is stored) typed into a reference or a name would be echoed to the
terminal and written into court documents, so they are refused with a message that shows them.
"""

from __future__ import annotations

import unicodedata

MAX_REFERENCE = 60  # a case reference or court case number (e.g. FN24P00001): about 10-20
MAX_NAME = 200  # a person's or a court's name, a role, an employer

# Bidi marks, embeddings, overrides and isolates: invisible, and they reorder what is shown.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


class NameRefused(ValueError):
    """A reference or name that holds characters it must not, or is too long."""


def shown(text: str) -> str:
    """``text`` safe to print: control, bidi and other invisible characters as U+XXXX."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else f"<U+{ord(ch):04X}>" for ch in text)


def check_text(value: str, what: str, most: int = MAX_NAME) -> str:
    """``value`` stripped, or NameRefused naming the first bad character or the length."""
    value = value.strip()
    for ch in value:
        if ch in BIDI_CONTROLS:
            raise NameRefused(
                f"the {what} holds an invisible direction-changing character "
                f"(U+{ord(ch):04X}, {_char_name(ch)}) that can make it read differently in a "
                f"document: {shown(value)!r}; type it again without it"
            )
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            raise NameRefused(
                f"the {what} holds a control character (U+{ord(ch):04X}, {_char_name(ch)}), "
                f"which a {what} never does: {shown(value)!r}; type it again without it"
            )
    if len(value) > most:
        raise NameRefused(
            f"the {what} is {len(value):,} characters long; it may be at most {most}: "
            f"{shown(value[:40])!r}…"
        )
    return value


def check_reference(value: str, what: str = "case reference") -> str:
    """A reference (case, court case number): printable, at most MAX_REFERENCE characters."""
    return check_text(value, what, MAX_REFERENCE)


def _char_name(ch: str) -> str:
    names = {"\x1b": "escape", "\x07": "bell", "\t": "tab", "\n": "line break", "\r": "return"}
    return names.get(ch) or unicodedata.name(ch, "control").lower()
