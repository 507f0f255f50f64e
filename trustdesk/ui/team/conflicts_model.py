"""The open conflicts as a table: the record, the field, the value the server kept and the
other one, each with the laptop that made it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from trustdesk.sync.conflicts import ConflictView
from trustdesk.ui.team import texts

Index = QModelIndex | QPersistentModelIndex
RECORD, FIELD, KEPT, OTHER = range(4)


def kept_text(c: ConflictView) -> str:
    """The server's choice, as the table shows it."""
    if c.kind == "delete":
        return texts.tr(texts.KEPT_RECORD)
    return texts.value_label(c.table_name, c.field, c.winner_value)


def other_text(c: ConflictView) -> str:
    if c.kind == "delete":
        return texts.tr(texts.DELETED)
    return texts.value_label(c.table_name, c.field, c.loser_value)


def field_text(c: ConflictView) -> str:
    if c.kind == "delete":
        return texts.tr(texts.DELETED_OR_EDITED)
    return texts.field_label(c.table_name, c.field)


class ConflictTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.conflicts: list[ConflictView] = []

    def set_conflicts(self, conflicts: list[ConflictView]) -> None:
        self.beginResetModel()
        self.conflicts = list(conflicts)
        self.endResetModel()

    def conflict(self, row: int) -> ConflictView | None:
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Record"),
            self.tr("Field"),
            self.tr("Kept by the server"),
            self.tr("Other value"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        c = self.conflict(index.row()) if index.isValid() else None
        if c is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == RECORD:
                return texts.record_label(c.table_name, c.record_id, c.record_label)
            if column == FIELD:
                return field_text(c)
            if column == KEPT:
                return f"{kept_text(c)}  ({c.winner_device})"
            return f"{other_text(c)}  ({c.loser_device})"
        if role == Qt.ItemDataRole.ToolTipRole and column in (KEPT, OTHER):
            device, at = (
                (c.winner_device, c.winner_at) if column == KEPT else (c.loser_device, c.loser_at)
            )
            return self.tr("On {0}, {1}").format(device, texts.moment(at))
        return None
