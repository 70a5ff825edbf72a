"""The mapper on tables it has never seen: generated headers (apt, neutral or misleading) over
generated values; the values decide the date, the time and the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from table_maker import table

from chronology.importers.proposal import propose_mapping

# For each kind of column: headers that name it, say nothing, or name something else.
HEADERS: dict[str, list[str]] = {
    "date": ["Date", "Contact date", "Logged", "Occurred", "Entry", "Col D", "When seen"],
    "long_date": ["Date of event", "Received", "Field 2", "Reported at", "Misc date info"],
    "prose": ["Notes", "Narrative", "Time spent (narrative)", "Type of work done", "Col P", "Zq"],
    "comment": ["Comments", "Notes", "Details", "Parent view", "Col C", "Time ok?"],
    "time": ["Time", "Start time", "At", "Col T", "Clock"],
    "type": ["Contact type", "Category", "Kind", "Col K"],
    "outcome": ["Outcome", "Attendance", "Result", "Col O"],
    "worker": ["Worker", "Staff", "Col W", "Entered by"],
    "reference": ["Log number", "Serial", "Col R", "Ref"],
}
OPTIONAL = ["comment", "time", "type", "outcome", "worker", "reference"]


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[str], list[list[object]]]:
    date_kind = draw(st.sampled_from(["date", "long_date"]))
    kinds = [date_kind, "prose"] + draw(st.lists(st.sampled_from(OPTIONAL), unique=True))
    kinds = draw(st.permutations(kinds))
    headers: list[str] = []
    for kind in kinds:
        free = [h for h in HEADERS[kind] if h not in headers]
        headers.append(draw(st.sampled_from(free)))
    rows = table(list(kinds), draw(st.integers(8, 60)), seed=draw(st.integers(0, 10_000)))
    return list(kinds), headers, rows


@settings(max_examples=150, deadline=None)
@given(tables())
def test_values_decide_the_date_the_time_and_the_text(
    generated: tuple[list[str], list[str], list[list[object]]],
) -> None:
    kinds, headers, rows = generated
    proposal = propose_mapping(headers, rows)
    by_kind = dict(zip(kinds, headers, strict=True))
    date_header = by_kind.get("date") or by_kind["long_date"]
    assert proposal.refusal() is None, proposal.refusal()
    assert proposal.column_of("date") == date_header
    assert proposal.column_of("text") == by_kind["prose"]
    # A column is the time only if its values are times.
    assert proposal.column_of("time") in (None, by_kind.get("time"))
    # Every column is somewhere: mapped to one field or kept in the details.
    assert set(proposal.columns) == set(headers)
    mapped = [f for f in proposal.columns.values() if f != "extra"]
    assert len(mapped) == len(set(mapped))
    for choice in proposal.choices.values():
        assert 0 < choice.confidence <= 1 and choice.reasons


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(HEADERS["prose"]), st.sampled_from(["Ab", "Cd"]))
def test_two_long_prose_columns_are_asked_about_unless_a_header_decides(
    seed: int, named: str, other: str
) -> None:
    rows = table(["date", "prose", "prose"], 20, seed=seed)
    proposal = propose_mapping(["Date", other, named], rows)
    text = proposal.column_of("text")
    if named in ("Notes", "Narrative", "Time spent (narrative)"):
        assert text == named  # the header names the text and the other's does not
    else:
        assert text is None and "--map text=COLUMN" in (proposal.refusal() or "")
