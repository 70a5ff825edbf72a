"""A possible duplicate's reasons in words and numbers, from what was measured.

Kept apart from the matching itself (and its numerical libraries) so that showing a pair needs
nothing heavy.
"""

from __future__ import annotations


def describe_pair(
    days: int,
    minutes: int | None,
    basis: str,
    shared: int,
    share: float,
    types: str,
    type_a: str,
    type_b: str,
    approximate: bool,
    guard_diff: str,
    link: str,
    agency: str = "",
    reference: str = "",
) -> list[str]:
    """A pair's reasons in words and numbers: 'same day, 40 min apart, 61 % of words shared'."""
    out = ["same day" if days == 0 else f"{days} day{'s' if days > 1 else ''} apart"]
    if basis == "recorded":
        out.append("same time" if minutes == 0 else f"{minutes} min apart")
    elif basis == "words":
        out.append(
            "times fit (one given in words)" if minutes == 0 else f"about {minutes} min apart"
        )
    else:
        out.append(f"time {basis}")
    out.append(f"{round(share * 100)} % of words shared ({shared})")
    out.append(
        f"both {type_a}"
        if types == "same"
        else "types compatible"
        if types == "compatible"
        else f"types differ ({type_a} / {type_b})"
    )
    if approximate:
        out.append("an approximate date")
    if reference:
        out.append(f"the same record of {agency} (reference {reference})")
    if guard_diff:
        out.append(f"only one mentions {guard_diff}: never linked without the worker")
    if link == "reference":
        out.append("the same source record: linked automatically")
    elif link == "identical":
        out.append("near-identical records: linked automatically")
    return out
