"""The library of standard answers: add, edit and delete (VIS-5)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import AnswerCategory
from trustdesk.services import answers
from trustdesk.services.changes import Changes
from trustdesk.services.records import AnswerData
from trustdesk.ui.answers.quick import ANSWER_KINDS
from trustdesk.ui.forms import FieldForm, enum_combo, set_value, text_of
from trustdesk.ui.i18n import current_language, label
from trustdesk.ui.ops import Ops
from trustdesk.ui.saving_dialog import SavingDialog


class AnswerDialog(SavingDialog):
    """A new answer (``answer`` None) or an edit; ``saved`` holds the written answer."""

    def __init__(self, ops: Ops, answer: AnswerData | None, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self._answer = answer
        self.setWindowTitle(self.tr("Edit answer") if answer else self.tr("New answer"))
        self.setMinimumWidth(560)
        form = FieldForm()
        self.forms = (form,)
        self.category = form.add("category", self.tr("Category"), enum_combo(AnswerCategory))
        self.lang = form.add("lang", self.tr("Language"), QComboBox())
        self.lang.addItem(self.tr("Any"), "")
        self.lang.addItem("中文", "zh")
        self.lang.addItem("English", "en")
        self.question = form.add("question", self.tr("Question"), QLineEdit())
        self.text = form.add("answer", self.tr("Answer"), QPlainTextEdit())
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.fontMetrics().height() * 8)
        self.tags = form.add("tags", self.tr("Tags"), QLineEdit())
        self.tags.setPlaceholderText(self.tr("Words that should find it, e.g. 折扣 discount"))
        if answer is not None:
            set_value(self.category, answer.category)
            set_value(self.lang, answer.lang)
            self.lang.setEnabled(False)  # the language is chosen when the answer is made
            set_value(self.question, answer.question)
            set_value(self.text, answer.answer)
            set_value(self.tags, answer.tags)
        else:
            set_value(self.lang, current_language())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not ops.store.read_only)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(buttons)
        self.question.setFocus()

    def accept(self) -> None:
        self.forms[0].clear_errors()
        values = {
            "category": text_of(self.category),
            "question": text_of(self.question),
            "answer": text_of(self.text),
            "tags": text_of(self.tags),
        }
        if self._answer is None:
            op = self._ops.write(
                answers.add_answer,
                values.pop("category"),
                values.pop("question"),
                values.pop("answer"),
                tags=values["tags"],
                lang=text_of(self.lang),
            )
        else:
            op = self._ops.write(answers.update_answer, self._answer.id, **values)
        self.save_with(op)


class ManageAnswersDialog(QDialog):
    """Every answer in a table; Add, Edit (or double-click), Delete."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.answers: list[AnswerData] = []
        self.setWindowTitle(self.tr("Manage standard answers"))
        self.resize(860, 480)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("answerTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Category"), self.tr("Language"), self.tr("Question"), self.tr("Tags")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        writable = not ops.store.read_only
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.add_button.setEnabled(writable)
        self.delete_button.setEnabled(writable)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        ops.bus.changed.connect(self._on_changes)
        self.load()

    def load(self) -> None:
        self.ops.read(answers.list_answers, lang=current_language()).success(self._show).run(
            self, key="load"
        )

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(ANSWER_KINDS):
            self.load()

    def _show(self, found: list[AnswerData]) -> None:
        chosen = self.selected()
        self.answers = found
        languages = {"": self.tr("Any"), "zh": "中文", "en": "English"}
        self.table.setRowCount(len(found))
        for r, a in enumerate(found):
            cells = (label(a.category), languages.get(a.lang, a.lang), a.question, a.tags)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(a.answer if c == 2 else text)
                self.table.setItem(r, c, item)
            if chosen is not None and a.id == chosen.id:
                self.table.selectRow(r)

    def selected(self) -> AnswerData | None:
        rows = self.table.selectionModel().selectedRows()
        return self.answers[rows[0].row()] if rows and rows[0].row() < len(self.answers) else None

    def add(self) -> None:
        AnswerDialog(self.ops, None, self).exec()

    def edit_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            AnswerDialog(self.ops, chosen, self).exec()

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete answer"), self.tr("Delete “{0}”?").format(chosen.question)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ops.write(answers.delete_answer, chosen.id).run(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and not self.ops.store.read_only:
            self.delete_selected()
            return
        super().keyPressEvent(event)
