"""The Suggestions section of the left navigation (ACC-4, WIN-2).

Above, the stage changes the evidence suggests, each with its evidence in one sentence: the
user accepts one with one click (the stage history gets the sentence as its reason) or
dismisses it; nothing moves without that click. Below, the win-back plans under way (how far
along the seven steps) and the customers won back.

Both lists are read when the section is shown, never at start-up (finding the silent
customers passes over every customer), and again after a change while it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import StepStatus, WinBackStatus
from trustdesk.services import stage_suggestions, winback
from trustdesk.services.changes import Changes
from trustdesk.services.records import StageSuggestionData, WinBackPlanData
from trustdesk.ui.account.stage_advice import accept_tip
from trustdesk.ui.account.winback_tab import day_of, steps_done
from trustdesk.ui.i18n import current_language, error_text, label
from trustdesk.ui.ops import Ops, users_mistake
from trustdesk.ui.visits.rows import Row, RowsModel, fit_columns, rows_table

SECTION_KINDS = frozenset(
    {"suggestion", "winback", "account", "stage", "visit", "survey", "complaint"}
)
PLAN_ORDER = {WinBackStatus.ACTIVE: 0, WinBackStatus.WON_BACK: 1, WinBackStatus.ABANDONED: 2}
PLAN_COLOR = {WinBackStatus.WON_BACK: QColor("#3b6e3b"), WinBackStatus.ABANDONED: QColor("#6b6b6b")}


def plans_to_show(session: object) -> list[WinBackPlanData]:
    """Plans under way first (the newest first), then the ones won back, then given up."""
    plans = winback.list_plans(session)  # type: ignore[arg-type]
    return sorted(plans, key=lambda p: PLAN_ORDER[p.status])


class SuggestionsSection(QWidget):
    """``openRequested(account_id)`` opens a customer; ``winBackRequested(account_id)`` opens
    it on its Win back tab; ``message(str)`` for the status bar."""

    openRequested = Signal(str)
    winBackRequested = Signal(str)
    message = Signal(str)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self._stale = True
        self.suggestions: list[StageSuggestionData] = []
        self.plans: list[WinBackPlanData] = []

        hint = QLabel(
            self.tr(
                "What the evidence suggests about each customer's stage. Nothing moves until "
                "you accept: the stage history then keeps the evidence as the reason. "
                "Enter opens the customer."
            )
        )
        hint.setWordWrap(True)
        self.stage_model = RowsModel(
            [
                self.tr("Customer"),
                self.tr("Stage now"),
                self.tr("Suggested"),
                self.tr("Evidence"),
            ],
            self,
        )
        self.stage_table = rows_table(self.stage_model, "stageSuggestionList")
        self.stage_table.activated.connect(self._open_suggestion)
        self.accept_button = QPushButton(self.tr("&Accept"))
        self.accept_button.setObjectName("acceptSuggestion")
        self.dismiss_button = QPushButton(self.tr("&Dismiss"))
        self.dismiss_button.setObjectName("dismissSuggestion")
        self.dismiss_button.setToolTip(self.tr("Not now: it comes back when the evidence changes"))
        self.accept_button.clicked.connect(self.accept)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.stage_table.selectionModel().currentRowChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.dismiss_button)
        self.stage_box = QGroupBox()
        stage_layout = QVBoxLayout(self.stage_box)
        stage_layout.addWidget(hint)
        stage_layout.addWidget(self.stage_table, 1)
        stage_layout.addLayout(buttons)

        self.plan_model = RowsModel(
            [
                self.tr("Customer"),
                self.tr("Plan"),
                self.tr("Steps done"),
                self.tr("Started"),
                self.tr("Closed"),
                self.tr("Next step"),
            ],
            self,
        )
        self.plan_table = rows_table(self.plan_model, "winbackPlanList")
        self.plan_table.activated.connect(self._open_plan)
        self.plan_box = QGroupBox()
        QVBoxLayout(self.plan_box).addWidget(self.plan_table)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.stage_box)
        split.addWidget(self.plan_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self._set_titles()
        self._update_buttons()
        ops.bus.changed.connect(self._on_changes)

    # --- reading -------------------------------------------------------------------------

    def load(self) -> None:
        self._stale = False
        self.ops.read(stage_suggestions.list_suggestions).success(self._show_suggestions).run(
            self, key="suggestions"
        )
        self.ops.read(plans_to_show).success(self._show_plans).run(self, key="plans")

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

    def _set_titles(self) -> None:
        self.stage_box.setTitle(self.tr("Stage suggestions ({0})").format(len(self.suggestions)))
        active = sum(1 for p in self.plans if p.status is WinBackStatus.ACTIVE)
        won = sum(1 for p in self.plans if p.status is WinBackStatus.WON_BACK)
        self.plan_box.setTitle(
            self.tr("Win-back plans: {0} under way, {1} won back").format(active, won)
        )

    def _show_suggestions(self, found: list[StageSuggestionData]) -> None:
        current = self._current()
        self.suggestions = found
        lang = current_language()
        self.stage_model.set_rows(
            [
                Row(
                    (s.account_name, label(s.stage), label(s.to_stage), s.sentence(lang)),
                    s,
                    tip=s.sentence(lang),
                )
                for s in found
            ]
        )
        fit_columns(self.stage_table)
        keep = next(
            (i for i, s in enumerate(found) if current and s.account_id == current.account_id),
            0,
        )
        if found:
            self.stage_table.selectRow(keep)
        self._set_titles()
        self._update_buttons()

    def _show_plans(self, plans: list[WinBackPlanData]) -> None:
        self.plans = plans
        rows = []
        for p in plans:
            upcoming = next((s for s in p.steps if s.status is not StepStatus.DONE), None)
            next_step = (
                label(upcoming.step)
                if upcoming is not None and p.status is WinBackStatus.ACTIVE
                else ""
            )
            rows.append(
                Row(
                    (
                        p.account_name,
                        label(p.status),
                        f"{steps_done(p)}/7",
                        day_of(p.started_at),
                        day_of(p.closed_at),
                        next_step,
                    ),
                    p,
                    color=PLAN_COLOR.get(p.status),
                )
            )
        self.plan_model.set_rows(rows)
        fit_columns(self.plan_table)
        self._set_titles()

    # --- acting ----------------------------------------------------------------------------

    def _current(self) -> StageSuggestionData | None:
        found = self.stage_model.payload(self.stage_table.currentIndex())
        return found if isinstance(found, StageSuggestionData) else None

    def _update_buttons(self, *_args: object) -> None:
        s = self._current()
        writable = not self.ops.store.read_only
        self.accept_button.setEnabled(s is not None and writable)
        self.dismiss_button.setEnabled(s is not None and writable)
        self.accept_button.setToolTip(accept_tip(s) if s is not None else "")

    def _open_suggestion(self, index: QModelIndex) -> None:
        found = self.stage_model.payload(index)
        if isinstance(found, StageSuggestionData):
            self.openRequested.emit(found.account_id)

    def _open_plan(self, index: QModelIndex) -> None:
        found = self.plan_model.payload(index)
        if isinstance(found, WinBackPlanData):
            self.winBackRequested.emit(found.account_id)

    def _drop(self, s: StageSuggestionData) -> None:
        """Take the answered suggestion off at once (the reload from the bus confirms it)."""
        row = next((i for i, x in enumerate(self.suggestions) if x is s), -1)
        self._show_suggestions([x for x in self.suggestions if x is not s])
        if self.suggestions:
            self.stage_table.selectRow(min(max(row, 0), len(self.suggestions) - 1))
        self.stage_table.setFocus()

    def accept(self) -> None:
        s = self._current()
        if s is None:
            return

        def done(saved: object) -> None:
            self._drop(s)
            self.message.emit(self.tr("{0} is now {1}.").format(s.account_name, label(s.to_stage)))

        self.ops.write(
            stage_suggestions.accept, s.account_id, s.rule, lang=current_language()
        ).success(done).failure(self._refused).run(self)

    def dismiss(self) -> None:
        s = self._current()
        if s is None:
            return

        def done(_none: object) -> None:
            self._drop(s)
            self.message.emit(
                self.tr("Suggestion dismissed; {0} stays {1}.").format(
                    s.account_name, label(s.stage)
                )
            )

        self.ops.write(stage_suggestions.dismiss, s.account_id, s.rule).success(done).failure(
            self._refused
        ).run(self)

    def _refused(self, error: BaseException) -> None:
        mistake = users_mistake(error)
        if mistake is None:
            self.ops.report_failure(error)
        else:  # the evidence changed meanwhile: say so and read the list again
            self.message.emit(error_text(mistake))
            self.load()
