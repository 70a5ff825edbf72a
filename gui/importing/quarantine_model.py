"""Quarantined rows (what an import could not read) as a table model."""

from __future__ import annotations

import json

from PySide6.QtCore import QObject

from chronology.models import QuarantineRow
from gui.common.table_model import Column, RecordTableModel

FILE, ROW, REASON, RAW = range(4)


def raw_text(row: QuarantineRow, limit: int = 300) -> str:
    """The source row as the user would recognise it: its cells, joined."""
    try:
        data = json.loads(row.raw)
    except (json.JSONDecodeError, TypeError):
        text = row.raw
    else:
        cells = data.get("row") if isinstance(data, dict) else data
        if isinstance(cells, dict):
            text = " | ".join(f"{k}: {v}" for k, v in cells.items() if v not in (None, ""))
        elif isinstance(cells, list):
            text = " | ".join(str(c) for c in cells if c not in (None, ""))
        else:
            text = str(cells)
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _reason(row: QuarantineRow) -> str:
    return row.reason


class QuarantineTableModel(RecordTableModel[QuarantineRow]):
    """The waiting rows of one case; fixed or discarded rows leave the model."""

    columns = (
        Column("File", lambda r: r.source_file, tooltip=_reason),
        Column(
            "Row",
            lambda r: "" if r.row is None else str(r.row),
            sort=lambda r: r.row or 0,
            tooltip=_reason,
        ),
        Column("Why it was set aside", _reason, tooltip=_reason),
        Column(
            "What the row holds",
            lambda r: raw_text(r, 160),
            sort=lambda r: r.raw,
            tooltip=lambda r: raw_text(r, 2000),
        ),
    )

    def __init__(
        self, rows: list[QuarantineRow] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._records = list(rows or [])

    def set_rows(self, rows: list[QuarantineRow]) -> None:
        self.replace_records(rows)

    def row_at(self, row: int) -> QuarantineRow:
        return self.record_at(row)

    def remove(self, qid: int) -> None:
        """Take a row out after it was fixed or discarded through the core."""
        row = self.find_row(lambda r: r.id == qid)
        if row >= 0:
            self.remove_row(row)
