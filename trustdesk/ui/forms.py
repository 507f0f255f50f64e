"""Form helpers: a field's editor with its error message right beneath it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import LabeledEnum
from trustdesk.errors import TrustDeskError, ValidationError
from trustdesk.ui.i18n import error_text, label

W = TypeVar("W", bound=QWidget)

ERROR_STYLE = "color: #b3261e;"


def enum_combo(enum_cls: type[LabeledEnum], empty: str | None = None) -> QComboBox:
    """A combo box of a domain vocabulary; item data is the code (None for ``empty``)."""
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for member in enum_cls:
        combo.addItem(label(member), member.code)
    return combo


def set_combo_data(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


class FieldForm(QWidget):
    """A QFormLayout whose rows know their field name and can show an error under the editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.editors: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}

    def add(self, field: str, caption: str, editor: W) -> W:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        error = QLabel()
        error.setObjectName(f"error_{field}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        editor.setObjectName(f"field_{field}")
        self.layout_.addRow(caption, box)
        self.editors[field] = editor
        self._errors[field] = error
        return editor

    def show_error(self, field: str | None, message: str) -> bool:
        """Show ``message`` under ``field``'s editor; False if the form has no such field."""
        if field not in self._errors:
            return False
        error = self._errors[field]
        error.setText(message)
        error.show()
        self.editors[field].setFocus()
        return True

    def clear_errors(self) -> None:
        for error in self._errors.values():
            error.clear()
            error.hide()

    def error_text(self, field: str) -> str:
        error = self._errors[field]
        return error.text() if error.isVisible() or error.text() else ""


def text_of(widget: QWidget) -> Any:
    """The value an editor holds, in the shape the services take."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    raise TypeError(f"no value for {type(widget).__name__}")


def set_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
        widget.setCursorPosition(0)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QComboBox):
        set_combo_data(widget, value.code if isinstance(value, LabeledEnum) else value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    else:
        raise TypeError(f"cannot set {type(widget).__name__}")


def history_table(headers: list[str], stretch_column: int, visible_rows: int = 8) -> QTableWidget:
    """A read-only table for a history (stage moves, level changes)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        mode = QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    row = table.verticalHeader().defaultSectionSize()
    chrome = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 4
    table.setMinimumHeight(chrome + row * min(visible_rows, 4))
    table.setMaximumHeight(chrome + row * visible_rows)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)


def show_refusal(forms: Sequence[FieldForm], error: TrustDeskError, fallback: str = "name") -> None:
    """A service refused a save: its sentence goes beside the field it names, else beside
    ``fallback`` (the first form's), so the user sees it where they are typing."""
    field = error.field if isinstance(error, ValidationError) else None
    if not any(form.show_error(field, error_text(error)) for form in forms):
        forms[0].show_error(fallback, error_text(error))
