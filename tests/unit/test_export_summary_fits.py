"""The case summary document keeps within the court's 6 pages when the case has many events."""

from __future__ import annotations

from pathlib import Path

from test_export_fixtures import build_case, export, pdf_pages

from chronology.entries import add_entry
from chronology.models import Entry, EntryType, Precision, Significance
from chronology.workspace import Workspace


def test_a_long_case_summary_lists_the_latest_key_events_and_fits(ws: Workspace, tmp_path: Path):
    case = build_case(ws)
    for i in range(90):
        add_entry(
            ws,
            Entry(
                case_id=case.id or 0,
                date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                precision=Precision.DAY,
                type=EntryType.INCIDENT,
                agency="Police",
                significance=Significance.KEY,
                source_file="police.csv",
                source_row=i + 1,
                summary=f"Incident {i}: officers attended after a neighbour called about shouting "
                "at the flat; the child was seen and was safe; advice was given.",
            ),
        )
    result = export(ws, tmp_path, "summary", "pdf")
    assert result.page_limit == 6
    assert result.pages is not None and result.pages <= 6
    text = " ".join(" ".join(pdf_pages(result.path)).split())
    assert "below are the hearings and the events the issues rest on" in text
    for heading in ("The parties and the child", "Background", "The issues", "Orders sought"):
        assert heading in text
    assert "Key dates" in text and "Alerts" not in text
