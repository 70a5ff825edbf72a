"""An entry's history (who changed what, when) as a read-only table model."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QObject

from chronology.entries import HistoryRow  # (when, who, action, old, new)
from gui.common.date_text import uk_date_time
from gui.common.table_model import Column, RecordTableModel

_ACTIONS = {
    "create": "Created",
    "update": "Edited",
    "status": "Status changed",
    "link": "Linked as duplicate",
    "unlink": "Separated from duplicate",
}


def _values(text: str | None) -> str:
    if not text:
        return ""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return text
    if isinstance(data, dict):
        return "; ".join(f"{k}: {'' if v is None else v}" for k, v in data.items())
    return str(data)


def _column(
    header: str, text: Callable[[HistoryRow], str], raw: Callable[[HistoryRow], str]
) -> Column[HistoryRow]:
    return Column(header, text, sort=raw, tooltip=text)


class EntryHistoryModel(RecordTableModel[HistoryRow]):
    """Rows of (when, who, action, old, new), oldest first."""

    columns = (
        _column("When", lambda r: uk_date_time(r[0]), lambda r: r[0]),
        _column("Who", lambda r: r[1], lambda r: r[1]),
        _column("What", lambda r: _ACTIONS.get(r[2], r[2].capitalize()), lambda r: r[2]),
        _column("Before", lambda r: _values(r[3]), lambda r: r[3] or ""),
        _column("After", lambda r: _values(r[4]), lambda r: r[4] or ""),
    )

    def __init__(self, rows: list[HistoryRow] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records = list(rows or [])

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self.replace_records(rows)
