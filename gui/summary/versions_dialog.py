"""Saved versions of a case's summary, and what changed between two of them."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QItemSelection, QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from chronology.models import Case
from chronology.workspace import Workspace
from gui.common.table_model import Column, RecordTableModel
from gui.common.table_view import record_table
from summary.versions import SummaryVersion, diff_versions, get_version, list_versions

NUMBER, GENERATED, AS_OF = range(3)
ADDED_BG, ADDED_FG = "#E6F4EA", "#1E4620"
REMOVED_BG, REMOVED_FG = "#FCE8E6", "#8C1D18"


def _stamp(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


def _as_of(v: SummaryVersion) -> str:
    return f"{v.as_of[8:10]}/{v.as_of[5:7]}/{v.as_of[:4]}" if v.as_of else ""


class VersionsModel(RecordTableModel[SummaryVersion]):
    """A case's saved summary versions, newest first."""

    columns = (
        Column("Version", lambda v: str(v.id), sort=lambda v: v.id),
        Column("Generated", lambda v: _stamp(v.generated_at), sort=lambda v: v.generated_at),
        Column("As of", _as_of, sort=lambda v: v.as_of),
    )

    def __init__(
        self, versions: list[SummaryVersion] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.set_versions(versions or [])

    def set_versions(self, versions: list[SummaryVersion]) -> None:
        self.replace_records(sorted(versions, key=lambda v: -v.id))

    def version_at(self, row: int) -> SummaryVersion:
        return self.record_at(row)


def diff_html(lines: list[str]) -> str:
    """Diff lines as coloured HTML: additions green, removals red, positions grey."""
    if not lines:
        return "<p><i>The two versions say the same.</i></p>"
    out = []
    for line in lines:
        text = escape(line) or "&nbsp;"
        if line.startswith(("+++", "---")):
            out.append(f"<div><b>{text}</b></div>")
        elif line.startswith("@@"):
            out.append(f"<div style='color:gray; margin-top:8px'>{text}</div>")
        elif line.startswith("+"):
            out.append(f"<div style='background-color:{ADDED_BG}; color:{ADDED_FG}'>{text}</div>")
        elif line.startswith("-"):
            out.append(
                f"<div style='background-color:{REMOVED_BG}; color:{REMOVED_FG}'>{text}</div>"
            )
        else:
            out.append(f"<div>{text}</div>")
    return f"<div style='font-family:monospace; white-space:pre-wrap'>{''.join(out)}</div>"


class VersionsDialog(QDialog):
    """Pick one version to read it beside the one before; pick two to compare them."""

    def __init__(self, ws: Workspace, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._case = case
        self.model = VersionsModel(list_versions(ws, case.id or 0), self)
        self._build_ui()
        self._connect()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.view.setHtml(
                "<p><i>No version has been kept yet. Press <b>Regenerate</b> above the "
                "summary to keep one.</i></p>"
            )

    def _build_ui(self) -> None:
        self.setWindowTitle(f"Summary versions — {self._case.ref}")
        self.resize(980, 680)
        self.hint = QLabel(
            "Choose a version to see what changed since the one before it; choose two "
            "(Ctrl+click) to compare them. <span style='background-color:#E6F4EA'>Green</span>: "
            "added in the later version; <span style='background-color:#FCE8E6'>red</span>: "
            "removed."
        )
        self.hint.setWordWrap(True)
        self.table = record_table(self.model, "Saved versions of the summary", multiple=True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.view = QTextBrowser()
        self.view.setAccessibleName("What changed between the versions")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.caption)
        right_layout.addWidget(self.view, 1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([300, 680])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(self._selected)

    def selected_versions(self) -> list[SummaryVersion]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return sorted((self.model.version_at(r) for r in rows), key=lambda v: v.id)

    def compare(self, older_id: int, newer_id: int) -> list[str]:
        """Show what changed from one version to another; returns the diff lines."""
        lines = diff_versions(self._ws, older_id, newer_id)
        self.caption.setText(f"What changed from version {older_id} to version {newer_id}")
        self.view.setHtml(diff_html(lines))
        return lines

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        chosen = self.selected_versions()
        if len(chosen) >= 2:
            self.compare(chosen[0].id, chosen[-1].id)
            return
        if not chosen:
            return
        version = chosen[0]
        older = [self.model.version_at(r) for r in range(self.model.rowCount())]
        before = [v for v in older if v.id < version.id]
        if before:
            self.compare(before[0].id, version.id)
            return
        text = get_version(self._ws, version.id).text
        self.caption.setText(f"Version {version.id}: the first version kept")
        self.view.setHtml(
            f"<div style='font-family:monospace; white-space:pre-wrap'>{escape(text)}</div>"
        )
