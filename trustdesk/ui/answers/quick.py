"""Ctrl+K: find a standard answer while the customer is on the phone, Enter copies it.

Seed 001: the first contact point is the phone, and the approved words for price, complaint
and competitor questions are what keeps the answer consistent. So the search box has the
focus, arrow keys move through the matches without leaving it, and Enter puts the answer on
the clipboard and closes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import AnswerCategory
from trustdesk.services import answers
from trustdesk.services.changes import Changes
from trustdesk.services.records import AnswerData
from trustdesk.ui.forms import enum_combo
from trustdesk.ui.i18n import current_language, label
from trustdesk.ui.ops import Ops

ANSWER_KINDS = frozenset({"standard_answer", "answer"})
MOVES = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_PageUp: -5,
    Qt.Key.Key_PageDown: 5,
}


class QuickAnswersDialog(QDialog):
    """``copied`` holds the answer put on the clipboard (None until Enter)."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.copied: AnswerData | None = None
        self.setWindowTitle(self.tr("Standard answers"))
        self.resize(760, 480)
        self.search = QLineEdit()
        self.search.setObjectName("answerSearch")
        self.search.setPlaceholderText(self.tr("Type words of the question, e.g. discount, 价格"))
        self.search.setClearButtonEnabled(True)
        self.category = enum_combo(AnswerCategory, self.tr("All categories"))
        self.category.setObjectName("answerCategory")
        self.results = QListWidget()
        self.results.setObjectName("answerResults")
        self.results.setWordWrap(True)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the typing stays in the box
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("answerPreview")
        self.preview.setReadOnly(True)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.count = QLabel()
        self.manage_button = QPushButton(self.tr("Manage…"))
        self.manage_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.manage_button.setAutoDefault(False)  # Enter copies, it never opens the editor
        self.manage_button.clicked.connect(self.manage)
        hint = QLabel(self.tr("↑↓ choose · Enter copies · Esc closes"))
        hint.setStyleSheet("color: #666;")

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.category)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.results)
        split.addWidget(self.preview)
        split.setSizes([330, 430])
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(hint)
        bottom.addWidget(self.manage_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self.search.textChanged.connect(lambda _t: self.load())
        self.search.installEventFilter(self)
        self.category.currentIndexChanged.connect(lambda _i: self.load())
        self.results.currentRowChanged.connect(self._on_row)
        self.results.itemDoubleClicked.connect(lambda _item: self.copy_selected())
        ops.bus.changed.connect(self._on_changes)
        self.search.setFocus()
        self.load()

    def load(self) -> None:
        self.ops.read(
            answers.list_answers,
            search=self.search.text(),
            category=self.category.currentData(),
            lang=current_language(),
        ).success(self._show).run(self, key="load")

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(ANSWER_KINDS):
            self.load()

    def _show(self, found: list[AnswerData]) -> None:
        self.results.clear()
        for answer in found:
            item = QListWidgetItem(f"{answer.question}\n[{label(answer.category)}]")
            item.setData(Qt.ItemDataRole.UserRole, answer)
            item.setToolTip(answer.answer)
            self.results.addItem(item)
        n = len(found)
        self.count.setText(self.tr("1 answer") if n == 1 else self.tr("{0} answers").format(n))
        if found:
            self.results.setCurrentRow(0)
        else:
            self.preview.setPlainText(self.tr("No answer matches."))

    def selected(self) -> AnswerData | None:
        item = self.results.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _on_row(self, _row: int) -> None:
        answer = self.selected()
        if answer is not None:
            self.preview.setPlainText(answer.answer)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = MOVES.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                row = self.results.currentRow() + step
                self.results.setCurrentRow(max(0, min(row, self.results.count() - 1)))
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.copy_selected()
            return
        super().keyPressEvent(event)

    def copy_selected(self) -> None:
        """The answer goes to the clipboard and the dialog closes (the caller says Copied)."""
        answer = self.selected()
        if answer is None or self.copied is not None:
            return
        QGuiApplication.clipboard().setText(answer.answer)
        self.copied = answer
        self.accept()

    def manage(self) -> None:
        from trustdesk.ui.answers.manage import ManageAnswersDialog

        ManageAnswersDialog(self.ops, self).exec()
        self.search.setFocus()
