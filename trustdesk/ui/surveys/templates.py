"""SUR-1: the survey templates and their editor.

Saving an edited template makes a new version: the surveys already filled keep the questions
(and wording) they were asked, and the results group answers across versions while a
question's wording is unchanged. The editor keeps each question's key so an unchanged
question stays the same question.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from uuid import uuid4

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import QuestionKind
from trustdesk.domain.surveys import DEFAULT_SHOW_BELOW
from trustdesk.services import survey_templates
from trustdesk.services.records import TemplateData
from trustdesk.services.survey_templates import QuestionDraft
from trustdesk.ui.forms import ERROR_STYLE, FieldForm, enum_combo, set_value
from trustdesk.ui.i18n import current_language, label
from trustdesk.ui.ops import Ops
from trustdesk.ui.saving_dialog import SavingDialog


@dataclass(slots=True)
class _Question:
    """A question being edited."""

    kind: QuestionKind = QuestionKind.SCALE
    text_zh: str = ""
    text_en: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)
    required: bool = False
    follows: str | None = None
    show_below: int | None = None
    key: str = ""

    def draft(self) -> QuestionDraft:
        return QuestionDraft(
            kind=self.kind,
            text_zh=self.text_zh,
            text_en=self.text_en,
            choices=tuple(self.choices),
            required=self.required,
            follows=self.follows,
            show_below=self.show_below if self.follows else None,
            key=self.key,
        )


def _choices_text(choices: list[tuple[str, str]]) -> str:
    return "\n".join(f"{zh} | {en}" for zh, en in choices)


def _parse_choices(text: str) -> list[tuple[str, str]]:
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        zh, _, en = line.partition("|")
        out.append((zh.strip(), en.strip()))
    return out


class TemplateEditDialog(SavingDialog):
    """Edit a template (``template`` None: a new one). ``saved``: the new version."""

    def __init__(
        self, ops: Ops, template: TemplateData | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ops, parent)
        self.template = template
        lang = current_language()
        self.setWindowTitle(
            self.tr("Edit survey: {0}").format(template.title(lang))
            if template
            else self.tr("New survey")
        )
        self.setMinimumSize(900, 620)
        self.questions: list[_Question] = [
            _Question(
                q.kind,
                q.text_zh,
                q.text_en,
                list(q.choices),
                q.required,
                q.follows,
                q.show_below,
                q.key,
            )
            for q in (template.questions if template else ())
        ]
        self._loading = False

        head = FieldForm()
        self.title_zh = head.add("title", self.tr("Title (Chinese)"), QLineEdit())
        self.title_en = head.add("title_en", self.tr("Title (English)"), QLineEdit())
        if template:
            self.title_zh.setText(template.title_zh)
            self.title_en.setText(template.title_en)
        self.version_note = QLabel(
            self.tr(
                "Saving makes version {0}: surveys already filled in keep the questions they "
                "were asked (version {1} stays for them)."
            ).format(template.version + 1, template.version)
            if template
            else self.tr("Saving makes version 1 of a new survey.")
        )
        self.version_note.setObjectName("versionNote")
        self.version_note.setWordWrap(True)
        self.version_note.setStyleSheet("color: #8a5a00;")

        self.list = QListWidget()
        self.list.setObjectName("questionList")
        self.list.currentRowChanged.connect(self._show_question)
        self.add_button = QPushButton(self.tr("Add question"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Up"))
        self.down_button = QPushButton(self.tr("Down"))
        self.add_button.clicked.connect(self.add_question)
        self.remove_button.clicked.connect(self.remove_question)
        self.up_button.clicked.connect(lambda: self.move_question(-1))
        self.down_button.clicked.connect(lambda: self.move_question(1))
        QShortcut(QKeySequence("Ctrl+Up"), self, lambda: self.move_question(-1))
        QShortcut(QKeySequence("Ctrl+Down"), self, lambda: self.move_question(1))
        self.up_button.setToolTip("Ctrl+Up")
        self.down_button.setToolTip("Ctrl+Down")
        list_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            list_buttons.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(list_buttons)

        detail = FieldForm()
        self.kind = detail.add("kind", self.tr("Kind"), enum_combo(QuestionKind))
        self.text_zh = detail.add("text", self.tr("Question (Chinese)"), QLineEdit())
        self.text_en = detail.add("text_en", self.tr("Question (English)"), QLineEdit())
        self.choices = detail.add("choices", self.tr("Choices"), QPlainTextEdit())
        self.choices.setTabChangesFocus(True)
        self.choices.setPlaceholderText(self.tr("One per line: 中文 | English"))
        self.choices.setFixedHeight(self.fontMetrics().height() * 5 + 12)
        self.required = detail.add("required", "", QCheckBox(self.tr("Required")))
        self.follows = detail.add("follows", self.tr("Ask only after"), QComboBox())
        self.show_below = detail.add("show_below", self.tr("…scores below"), QSpinBox())
        self.show_below.setRange(2, 5)
        self.show_below.setValue(DEFAULT_SHOW_BELOW)
        self.detail = detail
        for signal in (
            self.kind.currentIndexChanged,
            self.text_zh.textChanged,
            self.text_en.textChanged,
            self.choices.textChanged,
            self.required.toggled,
            self.follows.currentIndexChanged,
            self.show_below.valueChanged,
        ):
            signal.connect(self._edited)
        self.forms = (head, detail)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(detail, 3)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not ops.store.read_only)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.version_note)
        layout.addLayout(columns, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self._fill_list()
        if self.questions:
            self.list.setCurrentRow(0)
        else:
            self.add_question()

    # --- the list --------------------------------------------------------------------------

    def _caption(self, number: int, q: _Question) -> str:
        lang = current_language()
        text = (q.text_zh if lang == "zh" else q.text_en) or q.text_zh or q.text_en or "…"
        indent = "    ↳ " if q.follows else ""
        return f"{indent}{number}. [{label(q.kind)}] {text}"

    def _fill_list(self) -> None:
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for number, q in enumerate(self.questions, start=1):
            self.list.addItem(QListWidgetItem(self._caption(number, q)))
        self.list.blockSignals(False)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)

    def current(self) -> _Question | None:
        row = self.list.currentRow()
        return self.questions[row] if 0 <= row < len(self.questions) else None

    def add_question(self) -> None:
        # A key from the start, so a follow-up can name it before the template is saved.
        self.questions.append(_Question(key=f"q{uuid4().hex[:8]}"))
        self._fill_list()
        self.list.setCurrentRow(len(self.questions) - 1)
        self.text_zh.setFocus()

    def remove_question(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.questions):
            gone = self.questions.pop(row).key
            for i, q in enumerate(self.questions):  # a follow-up of it is asked always now
                if gone and q.follows == gone:
                    self.questions[i] = replace(q, follows=None, show_below=None)
            self._fill_list()
            self.list.setCurrentRow(min(row, len(self.questions) - 1))

    def move_question(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if 0 <= row < len(self.questions) and 0 <= target < len(self.questions):
            qs = self.questions
            qs[row], qs[target] = qs[target], qs[row]
            self._fill_list()
            self.list.setCurrentRow(target)

    # --- one question ------------------------------------------------------------------------

    def _show_question(self, row: int) -> None:
        q = self.current()
        if q is None:
            return
        self._loading = True
        set_value(self.kind, q.kind)
        self.text_zh.setText(q.text_zh)
        self.text_en.setText(q.text_en)
        self.choices.setPlainText(_choices_text(q.choices))
        self.required.setChecked(q.required)
        self.follows.clear()
        self.follows.addItem(self.tr("(always asked)"), None)
        lang = current_language()
        for number, earlier in enumerate(self.questions[:row], start=1):
            if earlier.kind is QuestionKind.SCALE and earlier.key:
                text = (earlier.text_zh if lang == "zh" else earlier.text_en) or earlier.key
                self.follows.addItem(f"{number}. {text}", earlier.key)
        set_value(self.follows, q.follows)
        self.show_below.setValue(q.show_below or DEFAULT_SHOW_BELOW)
        self._loading = False
        self._update_enabled()

    def _update_enabled(self) -> None:
        q = self.current()
        choice = q is not None and q.kind is QuestionKind.CHOICE
        box = self.choices.parentWidget()
        if box is not None:
            self.detail.layout_.setRowVisible(box, choice)
        self.show_below.setEnabled(self.follows.currentData() is not None)

    def _edited(self) -> None:
        if self._loading:
            return
        q = self.current()
        if q is None:
            return
        q.kind = QuestionKind.parse(self.kind.currentData())
        q.text_zh = self.text_zh.text()
        q.text_en = self.text_en.text()
        q.choices = _parse_choices(self.choices.toPlainText())
        q.required = self.required.isChecked()
        q.follows = self.follows.currentData()
        q.show_below = self.show_below.value() if q.follows else None
        item = self.list.currentItem()
        if item is not None:
            item.setText(self._caption(self.list.currentRow() + 1, q))
        self._update_enabled()

    def drafts(self) -> list[QuestionDraft]:
        return [q.draft() for q in self.questions]

    def accept(self) -> None:
        for form in self.forms:
            form.clear_errors()
        self.general_error.hide()
        self.save_with(
            self._ops.write(
                survey_templates.save_template,
                self.title_zh.text(),
                self.title_en.text(),
                self.drafts(),
                family=self.template.family if self.template else None,
            )
        )

    def _on_refused(self, error: BaseException) -> None:
        """A refusal names the question by number; it shows under the editor's fields."""
        from trustdesk.ui.i18n import error_text
        from trustdesk.ui.ops import users_mistake

        self.setEnabled(True)
        mistake = users_mistake(error)
        if mistake is None:
            self._ops.report_failure(error)
            return
        self.general_error.setText(error_text(mistake))
        self.general_error.show()


class TemplatesDialog(QDialog):
    """The survey templates: the current version of each, new and edit."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.templates: list[TemplateData] = []
        self.setWindowTitle(self.tr("Survey templates"))
        self.resize(640, 420)
        self.list = QListWidget()
        self.list.setObjectName("templateList")
        self.list.itemActivated.connect(lambda _i: self.edit())
        self.new_button = QPushButton(self.tr("New…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        writable = not ops.store.read_only
        self.new_button.setEnabled(writable)
        self.edit_button.setEnabled(writable)
        self.new_button.clicked.connect(lambda: self.edit(new=True))
        self.edit_button.clicked.connect(lambda: self.edit())
        self.note = QLabel()
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note)
        layout.addLayout(row)
        ops.bus.changed.connect(self._on_changes)
        self.load()

    def _on_changes(self, changes: object) -> None:
        touches = getattr(changes, "touches", None)
        if touches is not None and touches({"survey_template", "survey"}):
            self.load()

    def load(self) -> None:
        self.ops.read(survey_templates.list_templates).success(self._show).run(self, key="load")

    def _show(self, templates: list[TemplateData]) -> None:
        self.templates = templates
        lang = current_language()
        row = max(self.list.currentRow(), 0)
        self.list.clear()
        for t in templates:
            builtin = self.tr(" · built-in") if t.builtin else ""
            text = self.tr("{0} — version {1} · {2} questions · {3} filled{4}").format(
                t.title(lang), t.version, len(t.questions), t.responses, builtin
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))

    def edit(self, *, new: bool = False) -> None:
        if self.ops.store.read_only:
            return
        template = None
        if not new:
            row = self.list.currentRow()
            if not 0 <= row < len(self.templates):
                return
            template = self.templates[row]
        dialog = TemplateEditDialog(self.ops, template, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and isinstance(dialog.saved, TemplateData):
            saved = dialog.saved
            self.note.setText(
                self.tr("Saved version {0} of “{1}”.").format(
                    saved.version, saved.title(current_language())
                )
            )
