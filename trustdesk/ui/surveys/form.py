"""SUR-5: filling in a survey during a visit, with the keyboard.

Each question is a block: its text, its editor, its error line. On a 1–5 question the digits 1
to 5 pick the score and the band shows beside it in its colour (5 excellent, 4 satisfied but
at risk, 1–3 dissatisfied); Tab moves to the next question; a follow-up question ("what would
make it a 5?") appears right under its question only while the score is below its threshold;
Ctrl+S saves. A refusal from the service shows under the question it names and nothing typed
is lost. Saving a score of 1–3 creates a follow-up task (the service does it in the same
transaction); the status line says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import QuestionKind
from trustdesk.domain.surveys import band_of, is_shown
from trustdesk.errors import ValidationError
from trustdesk.services import survey_templates, surveys, visits
from trustdesk.services.records import (
    QuestionData,
    SurveyResponseData,
    TemplateData,
)
from trustdesk.ui.forms import ERROR_STYLE, FieldForm, set_value
from trustdesk.ui.i18n import current_language, error_text, label
from trustdesk.ui.ops import Ops, users_mistake
from trustdesk.ui.saving_dialog import SavingDialog
from trustdesk.ui.surveys.texts import BAND_COLORS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
SAVED = QT_TRANSLATE_NOOP("SurveyTexts", "Survey saved for {0}.")
ONE_TASK = QT_TRANSLATE_NOOP(
    "SurveyTexts", "A score of 1–3 was given: 1 follow-up task was created (see its Surveys tab)."
)
TASKS = QT_TRANSLATE_NOOP(
    "SurveyTexts",
    "Scores of 1–3 were given: {0} follow-up tasks were created (see its Surveys tab).",
)


class ScoreInput(QFrame):
    """A 1–5 score: digits 1–5 pick it, 0 / Backspace / Delete clear it, Tab moves on. The
    buttons are for the mouse; the widget itself takes the focus."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._score: int | None = None
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        self.buttons: list[QPushButton] = []
        for score in range(1, 6):
            button = QPushButton(str(score))
            button.setCheckable(True)
            color = BAND_COLORS[band_of(score).code]
            button.setStyleSheet(
                f"QPushButton:checked {{ background: {color}; color: white; font-weight: bold;"
                f" border: 1px solid {color}; border-radius: 3px; }}"
            )
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFixedWidth(40)
            self.group.addButton(button, score)
            row.addWidget(button)
            self.buttons.append(button)
        self.band = QLabel()
        self.band.setObjectName("band")
        font = QFont(self.band.font())
        font.setBold(True)
        self.band.setFont(font)
        self.band.setMinimumWidth(150)
        row.addSpacing(8)
        row.addWidget(self.band)
        row.addStretch(1)
        self.group.idClicked.connect(self._clicked)
        self._show_focus(False)

    @property
    def score(self) -> int | None:
        return self._score

    def set_score(self, score: int | None) -> None:
        self._score = score
        for n, button in enumerate(self.buttons, start=1):
            button.setChecked(n == score)
        if score is None:
            self.band.clear()
        else:
            band = band_of(score)
            self.band.setText(label(band))
            self.band.setStyleSheet(f"color: {BAND_COLORS[band.code]};")
        self.changed.emit()

    def _clicked(self, score: int) -> None:
        self.setFocus()
        self.set_score(None if score == self._score else score)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text in {"1", "2", "3", "4", "5"}:
            self.set_score(int(text))
            return
        if text == "0" or event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.set_score(None)
            return
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Down) and self._score:
            self.set_score(max(1, self._score - 1))
            return
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.set_score(min(5, (self._score or 0) + 1))
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._show_focus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._show_focus(False)

    def _show_focus(self, focused: bool) -> None:
        border = "2px solid #0072B2" if focused else "1px solid #c8c8c8"
        self.setStyleSheet(f"ScoreInput {{ border: {border}; border-radius: 4px; }}")


class QuestionBlock(QWidget):
    """One question: "3. text", its editor and the line for an error."""

    def __init__(self, number: int | None, question: QuestionData, lang: str) -> None:
        super().__init__()
        self.question = question
        self.setObjectName(f"question_{question.key}")
        star = " *" if question.required else ""
        prefix = "↳ " if number is None else f"{number}. "
        self.caption = QLabel(f"{prefix}{question.text(lang)}{star}")
        self.caption.setWordWrap(True)
        font = QFont(self.caption.font())
        font.setBold(question.follows is None)
        self.caption.setFont(font)
        self.editor: QWidget = self._editor(question, lang)
        self.editor.setObjectName(f"answer_{question.key}")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        column = QVBoxLayout(self)
        indent = 28 if question.follows else 0
        column.setContentsMargins(indent, 4, 0, 4)
        column.setSpacing(3)
        column.addWidget(self.caption)
        column.addWidget(self.editor)
        column.addWidget(self.error)

    def _editor(self, question: QuestionData, lang: str) -> QWidget:
        kind = question.kind
        if kind is QuestionKind.SCALE:
            return ScoreInput()
        if kind in (QuestionKind.YES_NO, QuestionKind.CHOICE):
            combo = QComboBox()
            combo.addItem("—", None)
            if kind is QuestionKind.YES_NO:
                combo.addItem(self.tr("Yes"), "yes")
                combo.addItem(self.tr("No"), "no")
            else:
                for n, text in enumerate(question.choice_labels(lang), start=1):
                    combo.addItem(f"{n}. {text}", str(n))
            return combo
        if kind is QuestionKind.DATE:
            line = QLineEdit()
            line.setPlaceholderText(self.tr("YYYY-MM-DD"))
            line.setMaximumWidth(160)
            return line
        free = QPlainTextEdit()
        free.setTabChangesFocus(True)
        free.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        return free

    def value(self) -> Any:
        """The answer in the shape the service takes; None when nothing was given."""
        editor = self.editor
        if isinstance(editor, ScoreInput):
            return editor.score
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QLineEdit):
            return editor.text().strip() or None
        assert isinstance(editor, QPlainTextEdit)
        return editor.toPlainText().strip() or None

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


class SurveyForm(QWidget):
    """The questions of one template version; ``answers()`` what the user gave to the
    questions asked (a hidden follow-up's answer is kept but not sent)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template: TemplateData | None = None
        self.blocks: dict[str, QuestionBlock] = {}
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(8, 4, 8, 4)
        self._column.addStretch(1)

    def set_template(self, template: TemplateData, lang: str | None = None) -> None:
        lang = lang or current_language()
        for block in self.blocks.values():
            self._column.removeWidget(block)
            block.deleteLater()
        self.blocks = {}
        self.template = template
        number = 0
        for question in template.questions:
            # Follow-up questions are not numbered: the numbers stay in sequence whichever
            # follow-ups show.
            if not question.follows:
                number += 1
            block = QuestionBlock(None if question.follows else number, question, lang)
            self._column.insertWidget(self._column.count() - 1, block)
            self.blocks[question.key] = block
            if isinstance(block.editor, ScoreInput):
                block.editor.changed.connect(self._update_shown)
        self._update_shown()

    def score_input(self, key: str) -> ScoreInput:
        editor = self.blocks[key].editor
        assert isinstance(editor, ScoreInput)
        return editor

    def is_asked(self, key: str) -> bool:
        question = self.blocks[key].question
        if not question.follows or question.follows not in self.blocks:
            return True
        parent = self.blocks[question.follows].value()
        return is_shown(question.show_below, parent if isinstance(parent, int) else None)

    def _update_shown(self) -> None:
        for key, block in self.blocks.items():
            block.setHidden(not self.is_asked(key))
        self.changed.emit()

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, block in self.blocks.items():
            value = block.value()
            if value is not None and self.is_asked(key):
                out[key] = value
        return out

    def first_editor(self) -> QWidget | None:
        return next((b.editor for b in self.blocks.values() if not b.isHidden()), None)

    def show_error(self, key: str | None, text: str) -> bool:
        block = self.blocks.get(key or "")
        if block is None:
            return False
        block.show_error(text)
        block.editor.setFocus()
        return True

    def clear_errors(self) -> None:
        for block in self.blocks.values():
            block.show_error("")


@dataclass(frozen=True, slots=True)
class SurveySetup:
    """What the dialog needs before it opens: the customer, its people, the templates."""

    account_id: str
    account_name: str
    people: tuple[tuple[str, str], ...]  # (id, name)
    templates: tuple[TemplateData, ...]
    visit_at: datetime | None


def survey_setup(session: Session, account_id: str, visit_id: str | None = None) -> SurveySetup:
    form = visits.visit_form(session, account_id, visit_id)
    return SurveySetup(
        account_id=form.account_id,
        account_name=form.account_name,
        people=tuple((p.id, p.name) for p in form.people),
        templates=tuple(survey_templates.list_templates(session)),
        visit_at=form.visit.at if form.visit is not None else None,
    )


class SurveyDialog(SavingDialog):
    """``saved`` holds the written survey (``SurveyResponseData``) after Save."""

    def __init__(
        self,
        ops: Ops,
        setup: SurveySetup,
        parent: QWidget | None = None,
        *,
        contact_id: str | None = None,
        visit_id: str | None = None,
        template_id: str | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.setup = setup
        self.visit_id = visit_id
        self.setWindowTitle(self.tr("Survey — {0}").format(setup.account_name))
        self.setMinimumSize(720, 640)
        lang = current_language()

        self.customer = QLabel(setup.account_name)
        self.customer.setObjectName("surveyCustomer")
        big = QFont(self.customer.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setBold(True)
        self.customer.setFont(big)
        head = FieldForm()
        self.template_combo = head.add("template", self.tr("Survey"), QComboBox())
        for template in setup.templates:
            self.template_combo.addItem(template.title(lang), template.id)
        self.contact_combo = head.add("contact", self.tr("Answered by"), QComboBox())
        self.contact_combo.addItem(self.tr("(nobody named)"), None)
        for person_id, name in setup.people:
            self.contact_combo.addItem(name, person_id)
        if contact_id:
            set_value(self.contact_combo, contact_id)
        self.competitor = head.add("competitor", self.tr("About competitor"), QLineEdit())
        self.competitor.setPlaceholderText(
            self.tr("Leave empty when the customer scores us; else the competitor's name")
        )
        self.taken_at = head.add("taken_at", self.tr("Taken on"), QDateTimeEdit())
        self.taken_at.setDisplayFormat(DATETIME_FORMAT)
        self.taken_at.setCalendarPopup(True)
        moment = (setup.visit_at or datetime.now().astimezone()).astimezone()
        self.taken_at.setDateTime(
            QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)
        )
        self.visit_label = QLabel(
            self.tr("Linked to the visit of {0}.").format(moment.strftime("%Y-%m-%d %H:%M"))
            if visit_id
            else ""
        )
        self.visit_label.setVisible(bool(visit_id))
        self.visit_label.setObjectName("visitLink")
        head.layout_.addRow("", self.visit_label)
        self.head = head
        self.forms = (head,)

        self.hint = QLabel(
            self.tr(
                "Keys: 1–5 pick a score · Tab next question · Ctrl+S save. "
                "5 excellent · 4 satisfied but at risk · 1–3 dissatisfied (a follow-up task)."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555;")
        self.general_error = QLabel()
        self.general_error.setObjectName("surveyError")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.form = SurveyForm()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area = scroll

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.save_button.setEnabled(not ops.store.read_only and bool(setup.templates))
        self.save_button.setAutoDefault(False)
        self.save_button.setDefault(False)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.customer)
        layout.addWidget(head)
        layout.addWidget(self.hint)
        layout.addWidget(self.general_error)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

        self.template_combo.currentIndexChanged.connect(self._template_chosen)
        if template_id:
            set_value(self.template_combo, template_id)
        self._template_chosen()
        self.form.changed.connect(lambda: self.form.adjustSize())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        first = self.form.first_editor()
        if first is not None:
            first.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+S from any question (also when the window is not the active one)."""
        if event.matches(QKeySequence.StandardKey.Save):
            self.accept()
            return
        super().keyPressEvent(event)

    def _template_chosen(self) -> None:
        template_id = self.template_combo.currentData()
        template = next((t for t in self.setup.templates if t.id == template_id), None)
        if template is not None:
            self.form.set_template(template)
            # Tab walks the header, then the questions in order, then the buttons.
            previous: QWidget = self.taken_at
            for block in self.form.blocks.values():
                QWidget.setTabOrder(previous, block.editor)
                previous = block.editor
            QWidget.setTabOrder(previous, self.save_button)

    def answers(self) -> dict[str, Any]:
        return self.form.answers()

    def clear_errors(self) -> None:
        self.head.clear_errors()
        self.form.clear_errors()
        self.general_error.hide()

    def accept(self) -> None:
        """Save on the worker; the dialog closes once written, or shows why not under the
        question (everything given stays)."""
        self.clear_errors()
        template_id = self.template_combo.currentData()
        if template_id is None:
            self.head.show_error("template", self.tr("Choose a survey first."))
            return
        op = self._ops.write(
            surveys.fill_survey,
            self.setup.account_id,
            template_id,
            self.answers(),
            contact_id=self.contact_combo.currentData(),
            visit_id=self.visit_id,
            taken_at=self.taken_at.dateTime().toPython(),
            competitor=self.competitor.text(),
        )
        self.save_with(op)

    def _on_refused(self, error: BaseException) -> None:
        self.setEnabled(True)
        mistake = users_mistake(error)
        if mistake is None:
            self._ops.report_failure(error)
            return
        field = mistake.field if isinstance(mistake, ValidationError) else None
        text = error_text(mistake)
        if not (self.form.show_error(field, text) or self.head.show_error(field, text)):
            self.general_error.setText(text)
            self.general_error.show()


def saved_message(response: SurveyResponseData) -> str:
    """The status line after a save: says when low scores became follow-up tasks."""
    text = QCoreApplication.translate("SurveyTexts", str(SAVED)).format(response.account_name)
    if response.follow_ups == 1:
        text += " " + QCoreApplication.translate("SurveyTexts", str(ONE_TASK))
    elif response.follow_ups > 1:
        text += " " + QCoreApplication.translate("SurveyTexts", str(TASKS)).format(
            response.follow_ups
        )
    return text


def open_survey(
    owner: QWidget,
    ops: Ops,
    account_id: str,
    *,
    contact_id: str | None = None,
    visit_id: str | None = None,
    done: Callable[[SurveyResponseData], None] | None = None,
) -> None:
    """Open the survey form for ``account_id`` once its people and the templates are read;
    ``done(response)`` after a save."""

    def show(setup: SurveySetup) -> None:
        dialog = SurveyDialog(ops, setup, owner, contact_id=contact_id, visit_id=visit_id)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted and dialog.saved is not None and done is not None:
            done(dialog.saved)

    ops.read(survey_setup, account_id, visit_id).success(show).run(owner)
