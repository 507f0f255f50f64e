"""The account workspace's Surveys tab: the customer's surveys newest first, its open follow-up
tasks, its survey cycle with the next due date, and each score question's trend (SUR-2..5)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import SurveyCycle
from trustdesk.services import survey_plan, survey_results, surveys
from trustdesk.services.records import (
    FollowUpData,
    SurveyPlanRow,
    SurveyResponseData,
    SurveyResults,
)
from trustdesk.ui.account.tab import AccountTab
from trustdesk.ui.forms import set_value
from trustdesk.ui.i18n import current_language, label
from trustdesk.ui.ops import Ops
from trustdesk.ui.surveys import texts
from trustdesk.ui.surveys.dialogs import FollowUpDoneDialog, ResponseDialog
from trustdesk.ui.surveys.form import open_survey, saved_message
from trustdesk.ui.visits.rows import LATE, Row, RowsModel, fit_columns, rows_table
from trustdesk.ui.visits.texts import when

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from trustdesk.ui.surveys.charts import TrendChart


@dataclass(frozen=True, slots=True)
class AccountSurveys:
    plan: SurveyPlanRow
    cycle: SurveyCycle | None  # the customer's own; None: the team's default
    responses: list[SurveyResponseData]
    follow_ups: list[FollowUpData]
    results: SurveyResults


def account_surveys(session: Session, account_id: str) -> AccountSurveys:
    from trustdesk.services import accounts

    account = accounts.load(session, account_id)
    return AccountSurveys(
        plan=survey_plan.survey_plan_of(session, account_id),
        cycle=account.survey_cycle,
        responses=surveys.list_responses(session, account_id),
        follow_ups=surveys.follow_ups(session, account_id=account_id),
        results=survey_results.survey_results(session, account_id=account_id),
    )


class SurveysTab(AccountTab):
    KINDS = frozenset({"survey", "survey_template", "account", "contact"})

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.data: AccountSurveys | None = None
        writable = not ops.store.read_only
        self.plan_label = QLabel()
        self.plan_label.setObjectName("surveyPlanLine")
        self.cycle_combo = QComboBox()
        self.cycle_combo.setObjectName("surveyCycle")
        self.cycle_combo.addItem(self.tr("Team default"), None)
        for cycle in SurveyCycle:
            self.cycle_combo.addItem(label(cycle), cycle.code)
        self.cycle_combo.setEnabled(writable)
        self.cycle_combo.activated.connect(self._cycle_chosen)
        self.fill_button = QPushButton(self.tr("Fill survey…"))
        self.fill_button.setEnabled(writable)
        self.fill_button.clicked.connect(lambda: self.fill())
        self.done_button = QPushButton(self.tr("Mark follow-up done…"))
        self.done_button.setEnabled(writable)
        self.done_button.clicked.connect(self.mark_done)
        self.complaint_button = QPushButton(self.tr("Open a complaint from this…"))
        self.complaint_button.setToolTip(
            self.tr("A score of 1–3: record it as a complaint, linked to the answer (CMP-1).")
        )
        self.complaint_button.setEnabled(writable)
        self.complaint_button.clicked.connect(self.open_complaint)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Survey cycle:")))
        top.addWidget(self.cycle_combo)
        top.addWidget(self.plan_label, 1)
        top.addWidget(self.fill_button)

        self.responses = RowsModel(
            [
                self.tr("When"),
                self.tr("Survey"),
                self.tr("Answered by"),
                self.tr("About"),
                self.tr("Scores"),
            ],
            self,
        )
        self.response_table = rows_table(self.responses, "surveyTable")
        self.response_table.activated.connect(lambda _i: self.open_response())
        self.response_table.doubleClicked.connect(lambda _i: self.open_response())
        self.tasks = RowsModel(
            [self.tr("Due"), self.tr("Question"), self.tr("Score"), self.tr("The customer said")],
            self,
        )
        self.task_table = rows_table(self.tasks, "followUpTable")
        self.task_table.activated.connect(lambda _i: self.mark_done())
        self.tasks_box = QGroupBox()
        tasks_column = QVBoxLayout(self.tasks_box)
        tasks_column.addWidget(self.task_table)
        done_row = QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.complaint_button)
        done_row.addWidget(self.done_button)
        tasks_column.addLayout(done_row)
        self.responses_box = QGroupBox()
        QVBoxLayout(self.responses_box).addWidget(self.response_table)
        self.chart_place = QVBoxLayout()
        chart_holder = QWidget()
        chart_holder.setLayout(self.chart_place)
        self.chart: TrendChart | None = None
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.responses_box)
        left.addWidget(self.tasks_box)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(chart_holder)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._set_titles()

    def title(self) -> str:
        return self.tr("Surveys")

    def _set_titles(self) -> None:
        self.responses_box.setTitle(
            self.tr("Surveys, newest first ({0})").format(self.responses.rowCount())
        )
        self.tasks_box.setTitle(self.tr("Open follow-up tasks ({0})").format(self.tasks.rowCount()))

    def load(self) -> None:
        self.ops.read(account_surveys, self.account_id).success(self._show).run(self, key="load")

    def trend_chart(self) -> TrendChart:
        """The chart, made on first use (pyqtgraph loads then, not at start-up)."""
        if self.chart is None:
            from trustdesk.ui.surveys.charts import TrendChart

            self.chart = TrendChart()
            self.chart_place.addWidget(self.chart)
        return self.chart

    def _show(self, data: AccountSurveys) -> None:
        self.data = data
        lang = current_language()
        set_value(self.cycle_combo, data.cycle.code if data.cycle else None)
        self.plan_label.setText(
            f"{texts.cycle_text(data.plan.cycle_months)} · {texts.plan_line(data.plan)}"
        )
        self.plan_label.setStyleSheet(f"color: {LATE.name()};" if data.plan.days_overdue else "")
        self.responses.set_rows(
            [
                Row(
                    (
                        when(r.taken_at),
                        r.title(lang),
                        r.contact_name,
                        r.competitor or self.tr("us"),
                        texts.scores_text(r),
                    ),
                    r,
                    color=LATE if r.follow_ups else None,
                )
                for r in data.responses
            ]
        )
        self.tasks.set_rows(
            [
                Row(
                    (
                        t.due.isoformat(),
                        t.question_zh if lang == "zh" else t.question_en,
                        str(t.score),
                        t.comment,
                    ),
                    t,
                    color=LATE if t.overdue else None,
                    tip=t.comment,
                )
                for t in data.follow_ups
            ]
        )
        fit_columns(self.response_table)
        fit_columns(self.task_table)
        self.trend_chart().set_data(data.results.trend, data.results.questions)
        self._set_titles()

    def _cycle_chosen(self) -> None:
        if self.account_id is None:
            return
        self.ops.write(
            surveys.set_survey_cycle, self.account_id, self.cycle_combo.currentData()
        ).run(self)

    def fill(self, contact_id: str | None = None) -> None:
        if self.account_id is not None:
            open_survey(
                self,
                self.ops,
                self.account_id,
                contact_id=contact_id,
                done=lambda response: self.message.emit(saved_message(response)),
            )

    def open_response(self) -> None:
        response = self.responses.payload(self.response_table.currentIndex())
        if response is not None:
            ResponseDialog(response, self).exec()

    def _chosen_task(self) -> FollowUpData | None:
        task = self.tasks.payload(self.task_table.currentIndex())
        if task is None and self.tasks.rowCount():
            task = self.tasks.rows[0].payload
        return task

    def open_complaint(self) -> None:
        """CMP-1: the dissatisfied answer of the chosen follow-up task becomes a complaint
        that keeps the answer; what the customer said starts its description."""
        from trustdesk.ui.complaints.dialog import open_complaint_from_answer

        task = self._chosen_task()
        if task is None or self.ops.store.read_only:
            return
        zh = current_language() == "zh"
        question = (
            (task.question_zh or task.question_en) if zh else (task.question_en or task.question_zh)
        )
        said = task.comment or question
        text = self.tr("Scored {0}: {1}").format(task.score, said)
        open_complaint_from_answer(self, self.ops, task.account_id, task.answer_id, text)

    def mark_done(self) -> None:
        task = self._chosen_task()
        if task is None or self.ops.store.read_only:
            return
        dialog = FollowUpDoneDialog(self.ops, task, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.message.emit(self.tr("Follow-up done: {0}").format(task.account_name))
