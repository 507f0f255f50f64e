"""A small read-only table model for the visit lists (each at most a few hundred rows, read
whole by one service call) and the table view that shows one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
LATE = QColor("#b3261e")  # overdue dates (the error red of the forms)
QUIET = QColor("#6b6b6b")  # planned, not done yet


@dataclass(frozen=True, slots=True)
class Row:
    """One line: its cells, what it stands for (``payload``), and how it looks."""

    cells: tuple[str, ...]
    payload: Any
    color: QColor | None = None
    tip: str = ""
    italic: bool = False


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def set_headers(self, headers: Sequence[str]) -> None:
        self.headers = list(headers)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()] if index.column() < len(row.cells) else ""
        if role == Qt.ItemDataRole.ForegroundRole and row.color is not None:
            return row.color
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tip or (row.cells[index.column()] if index.column() < len(row.cells) else "")
        if role == Qt.ItemDataRole.FontRole and row.italic:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def payload(self, index: Index) -> Any:
        return self.rows[index.row()].payload if index.isValid() else None


def rows_table(model: RowsModel, name: str, parent: QWidget | None = None) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


MAX_COLUMN = 260  # a long name or note does not push the other columns out of sight


def fit_columns(table: QTableView) -> None:
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count() - 1):
        if header.sectionSize(column) > MAX_COLUMN:
            header.resizeSection(column, MAX_COLUMN)
