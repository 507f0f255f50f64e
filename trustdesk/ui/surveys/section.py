"""The Surveys section of the left navigation: overdue surveys, surveys due soon, the open
follow-up tasks (SUR-2, SUR-3), and the portfolio charts (SUR-4): the scores given per
question, the satisfaction index per month, us against competitors.

Like the Visits section, it is made when the database opens but reads its lists only when
shown; while hidden, a change re-reads only the overdue count shown in the navigation. The
charts (pyqtgraph) are made the first time the section is shown, not at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trustdesk.services import survey_plan, survey_results, surveys
from trustdesk.services.changes import Changes
from trustdesk.services.records import FollowUpData, SurveyPlanRow, SurveyResults
from trustdesk.services.visit_plan import today
from trustdesk.ui.i18n import current_language
from trustdesk.ui.ops import Ops
from trustdesk.ui.surveys import texts
from trustdesk.ui.surveys.dialogs import FollowUpDoneDialog
from trustdesk.ui.visits.rows import LATE, Row, RowsModel, fit_columns, rows_table
from trustdesk.ui.visits.texts import day, in_days, late_days

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from trustdesk.ui.surveys.charts import CompetitorChart, DistributionChart, IndexChart

SECTION_KINDS = frozenset({"survey", "survey_template", "account"})
DUE_DAYS = 30


@dataclass(frozen=True, slots=True)
class SurveyLists:
    overdue: list[SurveyPlanRow]
    due: list[SurveyPlanRow]
    follow_ups: list[FollowUpData]


def survey_lists(session: Session) -> SurveyLists:
    return SurveyLists(
        overdue=survey_plan.overdue_surveys(session),
        due=survey_plan.due_surveys(session, days=DUE_DAYS),
        follow_ups=surveys.follow_ups(session),
    )


class SurveysSection(QWidget):
    """``openRequested(account_id)`` to open a customer; ``countChanged(int)`` with how many
    surveys are overdue; ``message(str)`` for the status bar."""

    openRequested = Signal(str)
    countChanged = Signal(int)
    message = Signal(str)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.overdue_total: int | None = None
        self._stale = True
        self.results: SurveyResults | None = None
        self.title = QLabel()
        self.title.setObjectName("surveysTitle")
        self.templates_button = QPushButton(self.tr("Survey templates…"))
        self.templates_button.clicked.connect(self.edit_templates)
        self.done_button = QPushButton(self.tr("Mark follow-up done…"))
        self.done_button.setEnabled(not ops.store.read_only)
        self.done_button.clicked.connect(self.mark_done)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.done_button)
        top.addWidget(self.templates_button)

        self.overdue = RowsModel(
            [self.tr("Customer"), self.tr("Due"), self.tr("Late"), self.tr("Cycle")], self
        )
        self.due = RowsModel(
            [self.tr("Due"), self.tr("When"), self.tr("Customer"), self.tr("Cycle")], self
        )
        self.follow_ups = RowsModel(
            [
                self.tr("Due"),
                self.tr("Customer"),
                self.tr("Score"),
                self.tr("Question"),
                self.tr("The customer said"),
            ],
            self,
        )
        self.tables: dict[str, QTableView] = {}
        self.boxes: dict[str, QGroupBox] = {}
        lists = QSplitter(Qt.Orientation.Vertical)
        for name, model in (
            ("overdue", self.overdue),
            ("due", self.due),
            ("follow_ups", self.follow_ups),
        ):
            table = rows_table(model, f"survey_{name}List")
            table.activated.connect(self._open_row)
            box = QGroupBox()
            QVBoxLayout(box).addWidget(table)
            lists.addWidget(box)
            self.tables[name] = table
            self.boxes[name] = box
        self.tables["follow_ups"].activated.disconnect(self._open_row)
        self.tables["follow_ups"].activated.connect(lambda _i: self.mark_done())
        self.charts = QTabWidget()
        self.charts.setObjectName("portfolioCharts")
        self.index_chart: IndexChart | None = None
        self.distribution_chart: DistributionChart | None = None
        self.competitor_chart: CompetitorChart | None = None
        columns = QSplitter(Qt.Orientation.Horizontal)
        columns.addWidget(lists)
        columns.addWidget(self.charts)
        columns.setStretchFactor(0, 2)
        columns.setStretchFactor(1, 3)
        self.columns = columns
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(columns, 1)
        self._set_titles()
        ops.bus.changed.connect(self._on_changes)

    # --- reading -------------------------------------------------------------------------

    def refresh_count(self) -> None:
        self.ops.read(survey_plan.overdue_survey_count).success(self._set_count).run(
            self, key="count"
        )

    def _set_count(self, total: int) -> None:
        if total != self.overdue_total:
            self.overdue_total = total
            self.countChanged.emit(total)
        self._set_titles()

    def load(self) -> None:
        self._stale = False
        self._build_charts()
        self.refresh_count()
        self.ops.read(survey_lists).success(self._show_lists).run(self, key="lists")
        self.ops.read(survey_results.survey_results).success(self._show_results).run(
            self, key="results"
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()

    def _on_changes(self, changes: Changes) -> None:
        if not changes.touches(SECTION_KINDS):
            return
        self._stale = True
        if self.isVisible():
            self.load()
        else:
            self.refresh_count()

    def _build_charts(self) -> None:
        if self.index_chart is not None:
            return
        from trustdesk.ui.surveys.charts import CompetitorChart, DistributionChart, IndexChart

        self.index_chart = IndexChart()
        self.distribution_chart = DistributionChart()
        self.competitor_chart = CompetitorChart()
        self.charts.addTab(self.index_chart, self.tr("Satisfaction index"))
        self.charts.addTab(self.distribution_chart, self.tr("Scores per question"))
        self.charts.addTab(self.competitor_chart, self.tr("Competitors"))
        self.charts.setTabToolTip(0, self.index_chart.toolTip())
        # The charts get the larger share: the lists' columns are short.
        total = max(sum(self.columns.sizes()), 1000)
        self.columns.setSizes([int(total * 0.42), int(total * 0.58)])

    def _set_titles(self) -> None:
        captions = {
            "overdue": self.tr("Overdue surveys ({0})"),
            "due": self.tr("Due in the next {1} days ({0})"),
            "follow_ups": self.tr("Open follow-up tasks ({0})"),
        }
        for name, box in self.boxes.items():
            box.setTitle(captions[name].format(self.tables[name].model().rowCount(), DUE_DAYS))
        stamp = today().isoformat()
        index = self.results.index if self.results is not None else None
        text = self.tr("Surveys — today {0}").format(stamp)
        if self.overdue_total:
            text += " · " + self.tr("{0} overdue").format(self.overdue_total)
        if index is not None:
            text += " · " + self.tr("satisfaction index {0:+.0f}").format(index)
        self.title.setText(text)

    def _show_lists(self, lists: SurveyLists) -> None:
        lang = current_language()
        self.overdue.set_rows(
            [
                Row(
                    (
                        p.account_name,
                        day(p.next_survey_due),
                        late_days(p.days_overdue),
                        texts.cycle_text(p.cycle_months),
                    ),
                    p,
                    color=LATE,
                    tip=texts.plan_line(p),
                )
                for p in lists.overdue
            ]
        )
        now = today()
        self.due.set_rows(
            [
                Row(
                    (
                        day(p.next_survey_due),
                        in_days((p.next_survey_due - now).days) if p.next_survey_due else "",
                        p.account_name,
                        texts.cycle_text(p.cycle_months),
                    ),
                    p,
                    tip=texts.plan_line(p),
                )
                for p in lists.due
                if not p.days_overdue
            ]
        )
        self.follow_ups.set_rows(
            [
                Row(
                    (
                        t.due.isoformat(),
                        t.account_name,
                        str(t.score),
                        t.question_zh if lang == "zh" else t.question_en,
                        t.comment,
                    ),
                    t,
                    color=LATE if t.overdue else None,
                    tip=t.comment,
                )
                for t in lists.follow_ups
            ]
        )
        for table in self.tables.values():
            fit_columns(table)
        self._set_titles()

    def _show_results(self, results: SurveyResults) -> None:
        self.results = results
        self._build_charts()
        assert self.index_chart and self.distribution_chart and self.competitor_chart
        self.index_chart.set_data(results.months)
        self.distribution_chart.set_data(results.questions)
        self.competitor_chart.set_data(results.competitors)
        self._set_titles()

    # --- acting on a row -----------------------------------------------------------------

    def _open_row(self) -> None:
        table = self.sender()
        if isinstance(table, QTableView):
            model = table.model()
            assert isinstance(model, RowsModel)
            payload = model.payload(table.currentIndex())
            if payload is not None:
                self.openRequested.emit(payload.account_id)

    def mark_done(self) -> None:
        table = self.tables["follow_ups"]
        task = self.follow_ups.payload(table.currentIndex())
        if task is None or self.ops.store.read_only:
            return
        dialog = FollowUpDoneDialog(self.ops, task, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.message.emit(self.tr("Follow-up done: {0}").format(task.account_name))

    def edit_templates(self) -> None:
        from trustdesk.ui.surveys.templates import TemplatesDialog

        TemplatesDialog(self.ops, self).exec()
