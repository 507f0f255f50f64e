"""The duplicates dialog's two tables: the pairs found, and the merges done."""

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
from PySide6.QtGui import QColor

from trustdesk.domain.enums import DuplicateKind, DuplicateReason
from trustdesk.services.duplicates import DuplicatePair
from trustdesk.services.merging import MergeData
from trustdesk.ui.i18n import label

Index = QModelIndex | QPersistentModelIndex
WEAK = QColor("#6b6b6b")  # "sounds the same": a weaker sign, shown lighter
UNDONE = QColor("#8a8a8a")

PAIR_COLUMNS = {
    "why": QT_TRANSLATE_NOOP("PairTableModel", "Why"),
    "first": QT_TRANSLATE_NOOP("PairTableModel", "Record"),
    "second": QT_TRANSLATE_NOOP("PairTableModel", "Possible duplicate"),
    "shared": QT_TRANSLATE_NOOP("PairTableModel", "Shared"),
    "customer": QT_TRANSLATE_NOOP("PairTableModel", "Customer"),
}
VARIANT_TIP = QT_TRANSLATE_NOOP(
    "PairTableModel",
    "Written differently: traditional or simplified characters, full or half width, case",
)


class _ColumnsModel(QAbstractTableModel):
    """A flat table of ``items`` whose columns are keys of ``headers`` (translated in the
    subclass's own context)."""

    headers: dict[str, object] = {}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(self.headers)

    def _count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            context = type(self).__name__
            return QCoreApplication.translate(context, str(self.headers[self.columns[section]]))
        return None


class PairTableModel(_ColumnsModel):
    """Pairs of records that look like one, strongest sign first (a few hundred at most:
    loaded whole; a merge reloads the list)."""

    headers = PAIR_COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.pairs: list[DuplicatePair] = []
        self.kind = DuplicateKind.CONTACT

    def set_pairs(self, kind: DuplicateKind, pairs: list[DuplicatePair]) -> None:
        self.beginResetModel()
        self.kind = kind
        self.pairs = pairs
        self.columns = [c for c in PAIR_COLUMNS if kind is DuplicateKind.CONTACT or c != "customer"]
        self.endResetModel()

    def _count(self) -> int:
        return len(self.pairs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        pair = self.pairs[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(pair, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "why":
            lines = [label(r) for r in pair.reasons]
            if DuplicateReason.NAME_VARIANT in pair.reasons:
                lines.append(QCoreApplication.translate("PairTableModel", str(VARIANT_TIP)))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and pair.reason is DuplicateReason.SOUNDS_ALIKE:
            return WEAK
        return None

    def _cell(self, pair: DuplicatePair, column: str) -> str:
        if column == "why":
            return " · ".join(label(r) for r in pair.reasons)
        if column == "first":
            return pair.first.name
        if column == "second":
            return pair.second.name
        if column == "customer":
            if pair.same_account:
                return pair.first.account_name
            return f"{pair.first.account_name} / {pair.second.account_name}"
        return pair.shared


MERGE_COLUMNS = {
    "when": QT_TRANSLATE_NOOP("MergeTableModel", "When"),
    "kind": QT_TRANSLATE_NOOP("MergeTableModel", "Kind"),
    "merged": QT_TRANSLATE_NOOP("MergeTableModel", "From"),
    "kept": QT_TRANSLATE_NOOP("MergeTableModel", "Into"),
    "by": QT_TRANSLATE_NOOP("MergeTableModel", "By"),
    "state": QT_TRANSLATE_NOOP("MergeTableModel", "State"),
}


class MergeTableModel(_ColumnsModel):
    """The merges, newest first; undone ones greyed."""

    headers = MERGE_COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.merges: list[MergeData] = []

    def set_merges(self, merges: list[MergeData]) -> None:
        self.beginResetModel()
        self.merges = merges
        self.endResetModel()

    def _count(self) -> int:
        return len(self.merges)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        merge = self.merges[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(merge, column)
        if role == Qt.ItemDataRole.ForegroundRole and merge.undone_at is not None:
            return UNDONE
        return None

    def _cell(self, merge: MergeData, column: str) -> str:
        if column == "when":
            return merge.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if column == "kind":
            return label(merge.kind)
        if column == "merged":
            return merge.merged_name
        if column == "kept":
            return merge.kept_name
        if column == "by":
            return merge.created_by
        if merge.undone_at is None:
            return QCoreApplication.translate("MergeTableModel", "Merged")
        return QCoreApplication.translate("MergeTableModel", "Undone {0}").format(
            merge.undone_at.astimezone().strftime("%Y-%m-%d %H:%M")
        )
