"""The table view of a list of records, as the dialogs and panels show them."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from gui.common.keys import enter_activates


def record_table(
    model: QAbstractItemModel, name: str, *, multiple: bool = False, wrap: bool = True
) -> QTableView:
    """A table that selects whole rows (one, or several with ``multiple``), without row numbers.

    Tab moves on to the next control rather than from cell to cell; Enter activates the current
    row and goes no further (in a dialog, Qt would also press the default button).
    """
    table = QTableView()
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    mode = QAbstractItemView.SelectionMode
    table.setSelectionMode(mode.ExtendedSelection if multiple else mode.SingleSelection)
    table.setWordWrap(wrap)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move in it
    table.verticalHeader().setVisible(False)
    return enter_activates(table)  # Enter opens the row, never also the dialog's default
