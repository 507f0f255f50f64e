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
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
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
        self.resize(860, 500)
        self.search = QLineEdit()
        self.search.setObjectName("answerSearch")
        self.search.setPlaceholderText(self.tr("Type words of the question, e.g. discount, 价格"))
        self.search.setClearButtonEnabled(True)
        self.category = enum_combo(AnswerCategory, self.tr("All categories"))
        self.category.setObjectName("answerCategory")
        self.results = QTreeWidget()
        self.results.setObjectName("answerResults")
        self.results.setColumnCount(2)
        self.results.setHeaderLabels([self.tr("Question"), self.tr("Category")])
        self.results.setRootIsDecorated(False)
        self.results.setAlternatingRowColors(True)
        header = self.results.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
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
        split.setSizes([440, 420])
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
        self.results.currentItemChanged.connect(lambda *_: self._on_row())
        self.results.itemDoubleClicked.connect(lambda *_: self.copy_selected())
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
            item = QTreeWidgetItem([answer.question, label(answer.category)])
            item.setData(0, Qt.ItemDataRole.UserRole, answer)
            item.setToolTip(0, answer.answer)
            self.results.addTopLevelItem(item)
        n = len(found)
        self.count.setText(self.tr("1 answer") if n == 1 else self.tr("{0} answers").format(n))
        first = self.results.topLevelItem(0)
        if first is not None:
            self.results.setCurrentItem(first)
        else:
            self.preview.setPlainText(self.tr("No answer matches."))

    def selected(self) -> AnswerData | None:
        item = self.results.currentItem()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def _on_row(self) -> None:
        answer = self.selected()
        if answer is not None:
            self.preview.setPlainText(answer.answer)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = MOVES.get(Qt.Key(event.key()))
            count = self.results.topLevelItemCount()
            if step is not None and count:
                current = self.results.currentItem()
                row = (self.results.indexOfTopLevelItem(current) if current else 0) + step
                target = self.results.topLevelItem(max(0, min(row, count - 1)))
                if target is not None:
                    self.results.setCurrentItem(target)
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
