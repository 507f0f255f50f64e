"""Promises in a table: what, to whom, by whom, due, status, approval; overdue in red.

Shared by the Commitments tab (one customer) and the approval list (every customer, with a
Customer column in front).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from trustdesk.domain.enums import CommitmentStatus
from trustdesk.services.records import CommitmentData
from trustdesk.ui.commitments.dialogs import due_text, limit_text
from trustdesk.ui.i18n import label

Index = QModelIndex | QPersistentModelIndex
CTX = "CommitmentTableModel"
COLUMNS = {
    "account": QT_TRANSLATE_NOOP("CommitmentTableModel", "Customer"),
    "what": QT_TRANSLATE_NOOP("CommitmentTableModel", "What"),
    "to": QT_TRANSLATE_NOOP("CommitmentTableModel", "To whom"),
    "by": QT_TRANSLATE_NOOP("CommitmentTableModel", "By"),
    "due": QT_TRANSLATE_NOOP("CommitmentTableModel", "Due"),
    "status": QT_TRANSLATE_NOOP("CommitmentTableModel", "Status"),
    "approval": QT_TRANSLATE_NOOP("CommitmentTableModel", "Approval"),
}
OVERDUE_TEXT = QT_TRANSLATE_NOOP("CommitmentTableModel", "Overdue")
NEEDS_APPROVAL = QT_TRANSLATE_NOOP("CommitmentTableModel", "Needs approval")
APPROVED = QT_TRANSLATE_NOOP("CommitmentTableModel", "Approved")
PAST_DUE = QT_TRANSLATE_NOOP("CommitmentTableModel", "Open and past its due date")
OVERDUE = QColor("#b3261e")
APPROVAL = QColor("#8a5a00")
CLOSED = QColor("#7a7a7a")


def tr(text: object) -> str:
    return QCoreApplication.translate(CTX, str(text))


def stated(promise: CommitmentData) -> str:
    """ "Maximum discount 18 %" — the value a promise states against a bottom line."""
    line, value = promise.bottom_line, promise.stated_value
    if line is None or value is None:
        return ""
    number = int(value) if float(value).is_integer() else value
    return f"{label(line)} {limit_text(line, number)}"  # type: ignore[arg-type]


class CommitmentTableModel(QAbstractTableModel):
    """A customer's promises (dozens: loaded whole)."""

    def __init__(self, parent: Any = None, *, with_account: bool = False) -> None:
        super().__init__(parent)
        self.columns = [c for c in COLUMNS if with_account or c != "account"]
        self.promises: list[CommitmentData] = []

    def set_promises(self, promises: list[CommitmentData]) -> None:
        self.beginResetModel()
        self.promises = promises
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.promises)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
            return tr(str(COLUMNS[self.columns[section]]))
        return None

    def status_text(self, p: CommitmentData) -> str:
        if p.overdue:
            return tr(OVERDUE_TEXT)
        return label(p.status)

    def cell(self, p: CommitmentData, column: str) -> str:
        if column == "account":
            return p.account_name
        if column == "what":
            return p.what.replace("\n", " ")
        if column == "to":
            return p.contact_name
        if column == "by":
            return p.owner
        if column == "due":
            return due_text(p.due)
        if column == "status":
            return self.status_text(p)
        if p.needs_approval:
            return tr(NEEDS_APPROVAL)
        return tr(APPROVED) if p.approved_at is not None else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self.promises[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(p, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if p.overdue or p.status is CommitmentStatus.BROKEN:
                return OVERDUE
            if column == "approval" and p.needs_approval:
                return APPROVAL
            if p.status in (CommitmentStatus.KEPT, CommitmentStatus.WITHDRAWN):
                return CLOSED
        if role == Qt.ItemDataRole.FontRole and (
            (column == "approval" and p.needs_approval) or (column == "status" and p.overdue)
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [p.what]
            if p.overdue:
                lines.append(tr(PAST_DUE))
            if p.bottom_line is not None:
                lines.append(stated(p))
            return "\n".join(lines)
        return None
