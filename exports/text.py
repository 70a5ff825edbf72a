"""Text clean-up shared by every writer: XML-illegal characters out, line breaks kept."""

from __future__ import annotations

import re

REDACTED = "[REDACTED]"

# C0 controls other than tab and newline, DEL and C1 controls, lone surrogates and the two
# non-characters are illegal in Word's XML (and meaningless in a PDF): they are dropped. So are
# the bidi embedding, override and isolate controls, which can make a court document show text
# in an order other than the one it holds.
_ILLEGAL = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
ENDORSEMENT_CHARS = 120  # a page header's endorsement: case number and initials, not a paragraph
# Vertical tab, form feed, NEL and the Unicode line/paragraph separators are line breaks.
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def clean(text: str | None) -> str:
    """Text safe for any writer: line breaks as newlines, control characters removed."""
    if not text:
        return ""
    if text.isascii() and text.isprintable():
        return text
    text = _BREAKS.sub("\n", text)
    return _ILLEGAL.sub("", text)


def shorten(text: str, most: int) -> str:
    """``text`` cut to at most ``most`` characters, ending in an ellipsis when it was cut."""
    return text if len(text) <= most else text[: most - 1] + "…"


def has_rtl(text: str) -> bool:
    """Whether the text holds any right-to-left (Hebrew, Arabic...) character."""
    return not text.isascii() and _RTL.search(text) is not None


def ordinal(n: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th"."""
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# A party named by its role in the proceedings reads with "the" in a sentence.
_ROLE_PARTY = re.compile(
    r"^(?:local authority|applicants?|(?:first |second |third )?respondents?|mother|father"
    r"|(?:the )?child(?:'s|ren's)? guardian|guardian|intervener|council)\b",
    re.IGNORECASE,
)


def party_in_sentence(party: str) -> str:
    """'Local Authority' -> 'the Local Authority'; a name ('Ashby Council') as it is."""
    party = party.strip()
    return f"the {party}" if _ROLE_PARTY.match(party) else party


def initials(name: str) -> str:
    """The initials of a name, for exhibit marks: "Morwenna Tate" -> "MT"."""
    parts = [p for p in re.split(r"[\s\-]+", name.strip()) if p]
    return "".join(p[0].upper() for p in parts if p[0].isalpha())


def initials_and_surname(name: str) -> str:
    """How the top-right block names the witness: "Morwenna Jane Tate" -> "M J Tate"."""
    parts = name.split()
    if len(parts) < 2:
        return name.strip()
    first = " ".join(initials(p) for p in parts[:-1])
    return f"{first} {parts[-1]}"


_RTL_CLASS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RTL_RUN = re.compile(f"[{_RTL_CLASS}](?:[{_RTL_CLASS}\\s\\d.,:;!?'\"()\\[\\]\\-]*[{_RTL_CLASS}])?")
_NUMBERS = re.compile(r"(\d+(?:[.,:/]\d+)*)")
_CLUSTER = re.compile(".[\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]*", re.DOTALL)
_MIRROR = str.maketrans("()[]<>{}", ")(][><}{")


def visual_order(line: str) -> str:
    """A line in display order for a left-to-right page: right-to-left runs reversed.

    A small subset of the Unicode bidirectional algorithm, enough for names and phrases in
    Hebrew or Arabic inside English text: numbers inside a right-to-left run keep their order,
    combining marks stay with their letter, brackets are mirrored.
    """
    if not has_rtl(line):
        return line
    return _RTL_RUN.sub(_reverse_run, line)


def _reverse_run(match: re.Match[str]) -> str:
    parts = _NUMBERS.split(match.group(0))
    out = []
    for part in reversed(parts):
        if part[:1].isdigit():
            out.append(part)
        else:
            out.append("".join(reversed(_CLUSTER.findall(part))).translate(_MIRROR))
    return "".join(out)
