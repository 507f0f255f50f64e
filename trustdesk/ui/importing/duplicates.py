"""The duplicates of an import side by side: each row of the file that seems to be someone
already here (or an earlier row of the same file), the record it matches, why, and what to do
with it. A model, not a table of widgets: a file imported twice has a duplicate per row.

The choice is a combo box drawn in the cell and opened by a click (or F2); a row that repeats
an earlier row of the file has no record to update or merge into, so it offers only Skip and
Import as new."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QWidget,
)

from trustdesk.services.importing.planning import Decision, PlannedRow
from trustdesk.services.importing.review import ImportReview, RecordSummary
from trustdesk.ui.forms import set_combo_data
from trustdesk.ui.i18n import label
from trustdesk.ui.importing.state import cells_text

LINE, IN_FILE, HERE, WHY, DECISION = range(5)
ALLOWED_ROLE = Qt.ItemDataRole.UserRole + 1  # the decisions a row offers
Index = QModelIndex | QPersistentModelIndex
ONLY_NEW_OR_SKIP = (Decision.SKIP, Decision.NEW)


def _person(name: str, customer: str, phone: str, email: str) -> str:
    """Two lines: who and where, then how to reach them."""
    first = cells_text([name, customer if customer != name else ""])
    return "\n".join(x for x in (first, cells_text([phone, email])) if x)


def file_side(row: PlannedRow) -> str:
    person = row.person
    if not person:  # a customer-only row
        customer = row.customer
        return _person(customer.get("name", ""), "", customer.get("phone", ""), "")
    phone = person.get("mobile") or person.get("phone") or ""
    return _person(person["name"], row.customer.get("name", ""), phone, person.get("email", ""))


class DuplicatesModel(QAbstractTableModel):
    """The duplicates of an ``ImportReview`` and the decision taken for each (Skip unless
    the user chose otherwise)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PlannedRow] = []
        self._records: dict[str, RecordSummary] = {}
        self._by_line: dict[int, PlannedRow] = {}
        self._decisions: list[Decision] = []

    def set_review(self, review: ImportReview, decisions: dict[int, Decision]) -> None:
        """Show ``review``; a row keeps a decision taken before (``decisions`` by line) when
        it still offers it."""
        self.beginResetModel()
        self._rows = review.plan.duplicates
        self._records = review.records
        self._by_line = {r.line: r for r in review.plan.rows}
        self._decisions = []
        for row in self._rows:
            chosen = decisions.get(row.line, Decision.SKIP)
            self._decisions.append(chosen if chosen in self.allowed(row) else Decision.SKIP)
        self.endResetModel()

    @staticmethod
    def allowed(row: PlannedRow) -> tuple[Decision, ...]:
        if row.match is None or row.match.record_id is None:
            return ONLY_NEW_OR_SKIP
        return tuple(Decision)

    def decisions(self) -> dict[int, Decision]:
        return {row.line: d for row, d in zip(self._rows, self._decisions, strict=True)}

    def planned(self, row: int) -> PlannedRow:
        return self._rows[row]

    def apply_to_all(self, decision: Decision) -> int:
        """``decision`` for every row offering it; returns how many rows that is."""
        count = 0
        for position, row in enumerate(self._rows):
            if decision in self.allowed(row):
                self._decisions[position] = decision
                count += 1
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, DECISION), self.index(last, DECISION))
        return count

    # --- the model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Line"),
            self.tr("In the file"),
            self.tr("Already in TrustDesk"),
            self.tr("Why"),
            self.tr("What to do"),
        )[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == DECISION:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if column == DECISION:
            decision = self._decisions[index.row()]
            if role == Qt.ItemDataRole.EditRole:
                return decision.code
            if role == ALLOWED_ROLE:
                return self.allowed(row)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return label(decision)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == LINE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        return None

    def _text(self, row: PlannedRow, column: int) -> str:
        match = row.match
        assert match is not None
        if column == LINE:
            return str(row.line)
        if column == IN_FILE:
            return file_side(row)
        if column == WHY:
            reason = label(match.reason)
            if match.line is not None:
                return self.tr("{0}, as line {1} of this file").format(reason, match.line)
            return reason
        if match.line is not None:  # an earlier row of the file
            earlier = self._by_line.get(match.line)
            shown = file_side(earlier) if earlier is not None else match.name
            return self.tr("{0}\n(line {1} of this file)").format(shown.split("\n")[0], match.line)
        record = self._records.get(match.record_id or "")
        if record is None:
            return _person(match.name, match.customer, "", "")
        return _person(record.name, record.customer, record.phone, record.email)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != DECISION or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            decision = Decision.parse(str(value))
        except ValueError:
            return False
        if decision not in self.allowed(self._rows[index.row()]):
            return False
        self._decisions[index.row()] = decision
        self.dataChanged.emit(index, index)
        return True


class DecisionDelegate(QStyledItemDelegate):
    """Draws the decision as a combo box (so it reads as a choice) and edits it with one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._combo_height = QComboBox().sizeHint().height()

    def _combo_rect(self, option: QStyleOptionViewItem) -> QRect:
        cell = option.rect
        height = min(cell.height() - 6, self._combo_height)
        rect = QRect(cell.left() + 4, cell.top() + (cell.height() - height) // 2, 0, height)
        rect.setRight(cell.right() - 4)
        return rect

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        widget: QWidget | None = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        blank = QStyleOptionViewItem(option)  # selection and background, without the text
        self.initStyleOption(blank, index)
        blank.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, blank, painter, widget)
        combo = QStyleOptionComboBox()
        combo.rect = self._combo_rect(option)
        combo.palette = option.palette
        combo.state = QStyle.StateFlag.State_Enabled
        combo.currentText = str(index.data())
        combo.frame = True
        combo.editable = False
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, combo, painter, widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, combo, painter, widget)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("decisionEditor")
        for decision in index.data(ALLOWED_ROLE) or ():
            combo.addItem(label(decision), decision.code)
        combo.activated.connect(lambda _position: self._commit(combo))
        QTimer.singleShot(0, combo.showPopup)  # one click opens the list
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        set_combo_data(editor, index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        editor.setGeometry(self._combo_rect(option))
