"""Reading one filled-in survey, and marking a follow-up task done with its outcome."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trustdesk.services import surveys
from trustdesk.services.records import FollowUpData, SurveyResponseData
from trustdesk.ui.forms import FieldForm
from trustdesk.ui.i18n import current_language, label
from trustdesk.ui.ops import Ops
from trustdesk.ui.saving_dialog import SavingDialog
from trustdesk.ui.surveys.texts import BAND_COLORS
from trustdesk.ui.visits.texts import when


def response_html(response: SurveyResponseData, lang: str) -> str:
    """The questions as they were asked (the template version answered) and the answers."""
    rows = []
    for number, answer in enumerate(response.answers, start=1):
        question = answer.text_zh if lang == "zh" and answer.text_zh else answer.text_en
        question = question or answer.text_zh
        if answer.score is not None and answer.band is not None:
            color = BAND_COLORS[answer.band.code]
            given = f'<b>{answer.score}</b> <span style="color:{color}">{label(answer.band)}</span>'
        else:
            value = answer.value
            if "|" in value:  # a choice's label is stored as zh|en
                zh, _, en = value.partition("|")
                value = zh if lang == "zh" else en
            given = escape(value).replace("\n", "<br>")
        rows.append(f"<p><b>{number}. {escape(question)}</b><br>{given}</p>")
    return "".join(rows)


class ResponseDialog(QDialog):
    def __init__(self, response: SurveyResponseData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lang = current_language()
        self.setWindowTitle(self.tr("Survey of {0}").format(when(response.taken_at)))
        self.resize(640, 560)
        about = (
            self.tr("About competitor: {0}").format(response.competitor)
            if response.competitor
            else self.tr("About us")
        )
        head = QLabel(
            " · ".join(
                p
                for p in (
                    response.title(lang),
                    response.account_name,
                    response.contact_name,
                    about,
                    response.owner,
                )
                if p
            )
        )
        head.setWordWrap(True)
        self.body = QTextBrowser()
        self.body.setObjectName("responseBody")
        self.body.setHtml(response_html(response, lang))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)


class FollowUpDoneDialog(SavingDialog):
    """Mark a follow-up task done: what was done about it (Ctrl+S or Ctrl+Enter saves)."""

    def __init__(self, ops: Ops, task: FollowUpData, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.task = task
        self.setWindowTitle(self.tr("Follow-up done"))
        self.setMinimumWidth(520)
        lang = current_language()
        question = task.question_zh if lang == "zh" else task.question_en
        what = QLabel(
            self.tr("{0}: {1} — score {2}").format(task.account_name, question, task.score)
        )
        what.setWordWrap(True)
        said = QLabel(self.tr("The customer said: {0}").format(task.comment))
        said.setWordWrap(True)
        said.setVisible(bool(task.comment))
        form = FieldForm()
        self.outcome = form.add("outcome", self.tr("What was done"), QPlainTextEdit())
        self.outcome.setTabChangesFocus(True)
        self.forms = (form,)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return"):
            QShortcut(QKeySequence(keys), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(said)
        layout.addWidget(form)
        layout.addWidget(buttons)
        self.outcome.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        self.forms[0].clear_errors()
        self.save_with(
            self._ops.write(surveys.complete_follow_up, self.task.id, self.outcome.toPlainText())
        )
