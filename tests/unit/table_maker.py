"""Fictional agency tables for the column-mapping tests: values of each kind, written here.

Nothing in it comes from the shared corpus: the words, names and codes are made up for the tests.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

_OPENINGS = (
    "Visited the family at home",
    "Telephone call with the mother",
    "Met the child at the nursery",
    "Discussed the plan with the grandmother",
    "Received an email from the school nurse",
    "Joint visit with the family support worker",
    "The child was seen in the clinic",
    "Spoke with the father by phone",
)
_MIDDLES = (
    "the kitchen was tidy and there was food in the cupboards",
    "she said the new routine at bedtime is working better than before",
    "he was playing with building blocks and chatted about his brother",
    "concerns were raised about missed appointments over the summer",
    "the flat was cold because the meter had run out of credit",
    "the child's weight has gone up since the last review",
    "they agreed to a referral for help with speech and language",
    "nobody answered the door although the curtains moved",
)
_ENDINGS = (
    "Next visit booked in two weeks.",
    "Advice given about safe sleeping.",
    "Manager informed the same day.",
    "Plan reviewed and shared with the family.",
    "Will follow up with the health visitor.",
    "Letter sent to confirm what was agreed.",
)
_COMMENTS = (
    "Happy with progress",
    "Mum agrees",
    "Dad not present",
    "No comment",
    "Wants more help",
    "Thanks staff",
    "Will call back",
    "Worried about sleep",
)
_TYPES = ("Home Visit", "Telephone Call", "Case Note", "Child in Need Meeting", "Supervision")
_OUTCOMES = ("Attended", "Was Not Brought", "Cancelled by parent", "Attended")
_WORKERS = ("Tamsin Roe", "Idris Vale", "Priya Nand", "Colm Hart", "Bea Okafor")
_TEAMS = ("Family Support Team", "Early Help Hub", "Locality Team North")


def prose(rng: random.Random) -> str:
    """A note of two or three sentences, different each time."""
    parts = [f"{rng.choice(_OPENINGS)} on a {rng.choice(('wet', 'busy', 'quiet'))} morning;"]
    parts.append(f"{rng.choice(_MIDDLES)}, and {rng.choice(_MIDDLES)}.")
    parts.append(rng.choice(_ENDINGS))
    return " ".join(parts)


def comment(rng: random.Random) -> str:
    return rng.choice(_COMMENTS)


def day(rng: random.Random) -> dt.date:
    return dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(700))


def uk_date(rng: random.Random) -> str:
    return day(rng).strftime("%d/%m/%Y")


def long_date(rng: random.Random) -> str:
    return day(rng).strftime("%d %b %Y")


def clock(rng: random.Random) -> str:
    return f"{rng.randrange(8, 18):02d}:{rng.choice((0, 15, 30, 45)):02d}"


def entry_type(rng: random.Random) -> str:
    return rng.choice(_TYPES)


def outcome(rng: random.Random) -> str:
    return rng.choice(_OUTCOMES)


def worker(rng: random.Random) -> str:
    return rng.choice(_WORKERS)


def team(rng: random.Random) -> str:
    return rng.choice(_TEAMS)


def log_number(rng: random.Random) -> str:
    return f"LG-{rng.randrange(10, 99)}-{rng.randrange(10000, 99999)}"


def nhs_number(rng: random.Random) -> str:
    """A 10-digit number in the 999 test range with a valid check digit."""
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        total = sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        check = 0 if check == 11 else check
        if check != 10:
            text = "".join(map(str, digits + [check]))
            return f"{text[:3]} {text[3:6]} {text[6:]}"


KINDS: dict[str, Callable[[random.Random], object]] = {
    "prose": prose,
    "comment": comment,
    "date": uk_date,
    "long_date": long_date,
    "time": clock,
    "type": entry_type,
    "outcome": outcome,
    "worker": worker,
    "team": team,
    "reference": log_number,
}


def table(kinds: list[str], rows: int, seed: int = 1) -> list[list[object]]:
    """Rows whose columns hold values of the given kinds."""
    rng = random.Random(seed)
    return [[KINDS[k](rng) for k in kinds] for _ in range(rows)]
