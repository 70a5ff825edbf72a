"""The court's page limits (PD27A: statement 25, chronology 10, summary 6) either side of each:
within, at, and over; the chronology exhibited to a statement, which keeps its own 10; and an
export's date range, which includes both of its ends."""

from __future__ import annotations

import pytest

from exports.pagecount import PageCount

LIMITS = {"witness statement": 25, "court chronology": 10, "case summary": 6}


@pytest.mark.parametrize(("document", "limit"), LIMITS.items())
@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_either_side_of_each_limit(document: str, limit: int, offset: int) -> None:
    count = PageCount(total=limit + offset, counted=limit + offset, limit=limit)
    warnings = count.warnings(document)
    assert count.over is (offset > 0) and count.at_limit is (offset == 0)
    if offset < 0:
        assert warnings == []
    elif offset == 0:
        assert warnings == [
            f"the {document} is at the court's limit of {limit} pages: anything added will "
            "take it over"
        ]
    else:
        assert warnings == [
            f"the {document} runs to {limit + 1} pages, over the court's limit of {limit}: "
            "shorten it before filing"
        ]


@pytest.mark.parametrize(("exhibit", "warned"), [(10, False), (11, True)])
def test_the_exhibited_chronology_keeps_its_own_limit(exhibit: int, warned: bool) -> None:
    count = PageCount(total=20 + exhibit, counted=20, limit=25, exhibit_pages=exhibit)
    warnings = count.warnings("witness statement")
    assert not count.over
    assert [w for w in warnings if "exhibited chronology" in w] == (
        [
            f"the exhibited chronology runs to {exhibit} pages, over the limit of 10: narrow "
            "its dates with --from/--to"
        ]
        if warned
        else []
    )


def test_pages_outside_the_limit_do_not_count() -> None:
    """The statement's exhibits follow its own pages: only those count against its 25."""
    count = PageCount(total=40, counted=25, limit=25, exhibit_pages=10)
    assert count.at_limit and not count.over


def test_a_document_without_a_limit_is_never_over() -> None:
    count = PageCount(total=400, counted=400, limit=None)
    assert not count.over and not count.at_limit and count.warnings("full chronology") == []


# ------------------------------------------------------------------ date ranges of an export
def test_an_exports_dates_include_both_ends_and_nothing_outside(ws, tmp_path) -> None:
    from chronology.cases import add_case
    from chronology.entries import add_entry
    from chronology.models import Entry, Precision
    from exports.service import ExportRequest, export_document

    case = add_case(ws, "DR-1", "Ada Wren")
    for day in ("2024-01-31", "2024-02-01", "2024-02-29", "2024-03-01"):
        add_entry(ws, Entry(case.id or 0, day, Precision.DAY, f"Event of {day}", agency="CSC"))
    out = tmp_path / "range.csv"
    request = ExportRequest(
        "chronology", "csv", out, date_from="2024-02-01", date_to="2024-02-29", redact=False
    )
    export_document(ws, "DR-1", request)
    text = out.read_text(encoding="utf-8-sig")
    assert "Event of 2024-02-01" in text and "Event of 2024-02-29" in text
    assert "Event of 2024-01-31" not in text and "Event of 2024-03-01" not in text
