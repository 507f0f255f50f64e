"""WIN-1/2 in the account workspace: winning back a lost customer.

The tab shows for a lost customer (the workspace's header says so: no read of its own when a
customer opens); it stays while the customer just won back is open, and the plans list of the
Suggestions section opens any customer's plan here.

First the worth-it check (past value, why the customer was lost, do-not-serve) with its
sentence; then the seven steps of seed 000 in order, each with its status, the day it was
done and notes. Moving the customer back to a buying stage (Change stage) closes the plan as
won back: the service does it, this tab shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import Stage, StepStatus, WinBackStatus
from trustdesk.domain.stage_suggestions import WorthCheck
from trustdesk.services import accounts, winback
from trustdesk.services.changes import Changes
from trustdesk.services.records import AccountData, StageChangeData, WinBackPlanData
from trustdesk.ui.account.tab import AccountTab
from trustdesk.ui.forms import enum_combo, history_table, set_combo_data
from trustdesk.ui.i18n import current_language, error_text, label
from trustdesk.ui.ops import Ops, users_mistake

GOOD = "#3b6e3b"
BAD = "#b3261e"
DOING = "#1f5fa8"
STATUS_COLOR = {StepStatus.DONE: GOOD, StepStatus.DOING: DOING}


@dataclass(frozen=True, slots=True)
class WinBackView:
    """What the tab shows: the customer, the move that lost it, its plans (newest first)."""

    account: AccountData
    lost_change: StageChangeData | None
    plans: list[WinBackPlanData]


def winback_view(session: Any, account_id: str) -> WinBackView:
    """The tab's one read."""
    overview = accounts.account_overview(session, account_id)
    lost = next((c for c in overview.stage_history if c.to_stage is Stage.LOST), None)
    return WinBackView(overview.account, lost, winback.plans_of_account(session, account_id))


def steps_done(plan: WinBackPlanData) -> int:
    return sum(1 for s in plan.steps if s.status is StepStatus.DONE)


def day_of(moment: Any) -> str:
    return moment.astimezone().strftime("%Y-%m-%d") if moment is not None else ""


class GiveUpDialog(QDialog):
    """Giving up a plan asks why (kept in the plan)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Give up winning back"))
        self.setMinimumWidth(420)
        intro = QLabel(self.tr("Why give up winning back {0}?").format(name))
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("giveUpReason")
        self.reason.setFixedHeight(self.fontMetrics().height() * 4)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {BAD};")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Give up"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def accept(self) -> None:
        if not self.reason.toPlainText().strip():
            self.error.setText(self.tr("Say why, so that the next person knows."))
            self.error.show()
            return
        super().accept()


class WinBackTab(AccountTab):
    """``relevantChanged(bool)``: whether the tab is worth showing for the open customer (lost,
    or with a plan on record); the workspace hides it otherwise. Like every tab it reads only
    when shown."""

    KINDS = frozenset({"winback", "account", "stage"})
    relevantChanged = Signal(bool)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.view: WinBackView | None = None
        self.plan: WinBackPlanData | None = None  # the one shown (active, else the newest)
        self._checked: tuple[str, WorthCheck] | None = None  # (value text, its check)
        self._statuses: dict[str, WinBackStatus] = {}
        writable = not ops.store.read_only

        self.headline = QLabel()
        self.headline.setObjectName("winbackHeadline")
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)

        # The worth-it check (WIN-1)
        self.invitation = QLabel(
            self.tr(
                "This customer is lost. Before spending effort, check whether winning them "
                "back is worth it: enter what they bought from us in the past."
            )
        )
        self.invitation.setObjectName("winbackInvitation")
        self.invitation.setWordWrap(True)
        self.past_value = QLineEdit()
        self.past_value.setObjectName("pastValue")
        self.past_value.setPlaceholderText(self.tr("e.g. 120000"))
        self.past_value.textEdited.connect(self._on_value_edited)
        self.past_value.returnPressed.connect(self.check)
        self.check_button = QPushButton(self.tr("&Check"))
        self.check_button.setObjectName("checkWorth")
        self.check_button.clicked.connect(self.check)
        value_row = QHBoxLayout()
        value_row.addWidget(self.past_value, 1)
        value_row.addWidget(self.check_button)
        self.lost_why = QLabel()
        self.lost_why.setObjectName("lostWhy")
        self.lost_why.setWordWrap(True)
        self.dns = QLabel()
        self.dns.setObjectName("winbackDoNotServe")
        self.dns.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setObjectName("worthVerdict")
        self.verdict.setWordWrap(True)
        self.why = QLineEdit()
        self.why.setObjectName("winbackWhy")
        self.why.setPlaceholderText(self.tr("Optional: why this customer is worth it to you"))
        self.start_button = QPushButton(self.tr("&Start win-back plan"))
        self.start_button.setObjectName("startWinback")
        self.start_button.setEnabled(False)
        self.start_button.clicked.connect(self.start)
        check_form = QFormLayout()
        check_form.addRow(self.tr("Past value (yuan)"), value_row)
        check_form.addRow(self.tr("Why it was lost"), self.lost_why)
        check_form.addRow(self.tr("Do not serve"), self.dns)
        check_form.addRow(self.tr("Verdict"), self.verdict)
        check_form.addRow(self.tr("Why win it back"), self.why)
        start_row = QHBoxLayout()
        start_row.addStretch(1)
        start_row.addWidget(self.start_button)
        self.check_box = QGroupBox(self.tr("Is it worth winning back?"))
        check_layout = QVBoxLayout(self.check_box)
        check_layout.addWidget(self.invitation)
        check_layout.addLayout(check_form)
        check_layout.addLayout(start_row)

        # The plan (WIN-2)
        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        self.steps = history_table(
            ["#", self.tr("Step"), self.tr("Status"), self.tr("Done on"), self.tr("Notes")],
            1,
            visible_rows=7,
        )
        self.steps.setObjectName("winbackSteps")
        self.steps.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        # All seven steps in sight, their sentences whole: long ones wrap onto a second line.
        self.steps.setWordWrap(True)
        self.steps.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.steps.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self._fit_steps())
        self.steps.currentCellChanged.connect(lambda row, *_: self._edit_step(row))
        self.step_title = QLabel()
        self.step_title.setObjectName("stepTitle")
        self.step_title.setWordWrap(True)
        self.step_status = enum_combo(StepStatus)
        self.step_status.setObjectName("stepStatus")
        self.steps.activated.connect(lambda _index: self.step_status.setFocus())
        self.step_date = QLineEdit()
        self.step_date.setObjectName("stepDate")
        self.step_date.setPlaceholderText(
            self.tr("YYYY-MM-DD, for a step done (today when left empty)")
        )
        self.step_notes = QPlainTextEdit()
        self.step_notes.setObjectName("stepNotes")
        self.step_notes.setTabChangesFocus(True)
        self.step_notes.setFixedHeight(self.fontMetrics().height() * 4)
        self.step_notes.setPlaceholderText(
            self.tr("What the customer said, what we did, what comes next")
        )
        self.step_error = QLabel()
        self.step_error.setStyleSheet(f"color: {BAD};")
        self.step_error.setWordWrap(True)
        self.step_error.hide()
        self.save_step_button = QPushButton(self.tr("Save step"))
        self.save_step_button.setObjectName("saveStep")
        self.save_step_button.setToolTip("Ctrl+Enter")
        self.save_step_button.clicked.connect(self.save_step)
        self.give_up_button = QPushButton(self.tr("&Give up…"))
        self.give_up_button.setObjectName("giveUp")
        self.give_up_button.clicked.connect(self.give_up)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save_step)
        editor_form = QFormLayout()
        editor_form.addRow(self.tr("Status"), self.step_status)
        editor_form.addRow(self.tr("Done on"), self.step_date)
        editor_form.addRow(self.tr("Notes"), self.step_notes)
        editor_buttons = QHBoxLayout()
        editor_buttons.addWidget(self.step_error, 1)
        editor_buttons.addStretch(0)
        editor_buttons.addWidget(self.save_step_button)
        self.editor = QGroupBox(self.tr("Selected step"))
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.addWidget(self.step_title)
        editor_layout.addLayout(editor_form)
        editor_layout.addLayout(editor_buttons)
        plan_buttons = QHBoxLayout()
        plan_buttons.addStretch(1)
        plan_buttons.addWidget(self.give_up_button)
        self.earlier = QLabel()
        self.earlier.setObjectName("earlierPlans")
        self.earlier.setWordWrap(True)
        self.plan_box = QGroupBox(self.tr("Win-back plan"))
        plan_layout = QVBoxLayout(self.plan_box)
        plan_layout.addWidget(self.summary)
        plan_layout.addWidget(self.steps)
        plan_layout.addWidget(self.editor)
        plan_layout.addLayout(plan_buttons)
        plan_layout.addWidget(self.earlier)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.headline)
        body_layout.addWidget(self.check_box)
        body_layout.addWidget(self.plan_box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setTabOrder(self.steps, self.step_status)
        self.setTabOrder(self.step_status, self.step_date)
        self.setTabOrder(self.step_date, self.step_notes)
        self.setTabOrder(self.step_notes, self.save_step_button)
        for widget in (
            self.past_value,
            self.check_button,
            self.why,
            self.step_status,
            self.step_date,
            self.step_notes,
            self.save_step_button,
            self.give_up_button,
        ):
            widget.setEnabled(writable and widget.isEnabled())
        self._writable = writable
        self.check_box.hide()
        self.plan_box.hide()

    # --- loading -------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Win back")

    def header_shown(self, account: AccountData) -> None:
        """The workspace read the customer's header: the tab shows for a lost customer, and
        stays for one whose plan it has shown (won back just now). Nothing is read here, so
        opening a customer costs no more than before."""
        view = self.view
        has_plan = view is not None and view.account.id == account.id and bool(view.plans)
        self.relevantChanged.emit(account.stage is Stage.LOST or has_plan)

    def on_changes(self, changes: Changes) -> None:
        """A plan of this customer changed while one was under way (Change stage back to a
        buying stage closes it as won back): read at once, even when hidden, to say so."""
        if not self.wants(changes):
            return
        under_way = WinBackStatus.ACTIVE in self._statuses.values()
        if under_way and "winback" in changes.kinds and not self.isVisible():
            self.refresh()
        else:
            self.mark_stale()

    def show_account(self, account_id: str) -> None:
        if account_id != self.account_id:
            self.view, self.plan, self._checked = None, None, None
            self.past_value.clear()
            self.why.clear()
            self.verdict.clear()
            self.start_button.setEnabled(False)
            self._statuses = {}
        super().show_account(account_id)

    def load(self) -> None:
        assert self.account_id is not None
        self.ops.read(winback_view, self.account_id).success(self._show).failure(
            self._not_shown
        ).run(self, key="load")

    def _not_shown(self, error: BaseException) -> None:
        if users_mistake(error) is None:
            self.ops.report_failure(error)
        self.relevantChanged.emit(False)  # the customer is gone: the workspace says so

    def _show(self, view: WinBackView) -> None:
        before, self.view = self._statuses, view
        self._statuses = {p.id: p.status for p in view.plans}
        account = view.account
        lost = account.stage is Stage.LOST
        active = next((p for p in view.plans if p.status is WinBackStatus.ACTIVE), None)
        self.plan = active or (view.plans[0] if view.plans else None)
        for plan in view.plans:
            was = before.get(plan.id)
            if was is WinBackStatus.ACTIVE and plan.status is WinBackStatus.WON_BACK:
                self.message.emit(
                    self.tr("Win-back plan closed: {0} is won back.").format(account.name)
                )
        self.relevantChanged.emit(lost or bool(view.plans))
        self._show_headline(account, active)
        self.check_box.setVisible(lost and active is None)
        if lost and active is None:
            self._show_check(view)
        self.plan_box.setVisible(self.plan is not None)
        if self.plan is not None:
            self._show_plan(self.plan, view.plans)

    def _show_headline(self, account: AccountData, active: WinBackPlanData | None) -> None:
        if account.stage is not Stage.LOST:
            self.headline.setText(
                self.tr("{0} is a {1} now.").format(account.name, label(account.stage))
            )
        elif active is not None:
            self.headline.setText(
                self.tr("Winning back {0}: {1} of 7 steps done.").format(
                    account.name, steps_done(active)
                )
            )
        else:
            self.headline.setText(self.tr("{0} is a lost customer.").format(account.name))

    def _show_check(self, view: WinBackView) -> None:
        account, change = view.account, view.lost_change
        why = label(account.lost_reason) if account.lost_reason else self.tr("Not recorded")
        if change is not None and change.reason:
            why = self.tr("{0} — “{1}” ({2})").format(why, change.reason, day_of(change.changed_at))
        self.lost_why.setText(why)
        if account.do_not_serve:
            self.dns.setText(self.tr("Yes — {0}").format(account.do_not_serve_reason))
            self.dns.setStyleSheet(f"color: {BAD};")
        else:
            self.dns.setText(self.tr("No"))
            self.dns.setStyleSheet("")
        self._show_verdict()

    def _show_plan(self, plan: WinBackPlanData, plans: list[WinBackPlanData]) -> None:
        done = steps_done(plan)
        value = (
            self.tr("{0:,.0f} yuan").format(plan.past_value)
            if plan.past_value is not None
            else self.tr("not recorded")
        )
        if plan.status is WinBackStatus.ACTIVE:
            state = self.tr("Under way since {0}").format(day_of(plan.started_at))
            color = DOING
        elif plan.status is WinBackStatus.WON_BACK:
            state = self.tr("Won back on {0} (started {1})").format(
                day_of(plan.closed_at), day_of(plan.started_at)
            )
            color = GOOD
        else:
            state = self.tr("Given up on {0} (started {1})").format(
                day_of(plan.closed_at), day_of(plan.started_at)
            )
            color = BAD
        if plan.status is WinBackStatus.ACTIVE:  # the headline above counts the steps
            lines = [self.tr("{0} · past value {1}").format(state, value)]
        else:
            lines = [
                self.tr("{0} · {1} of 7 steps done · past value {2}").format(state, done, value)
            ]
        if plan.worth_reason:
            lines.append(self.tr("Why: {0}").format(plan.worth_reason.replace("\n", " — ")))
        self.summary.setText("\n".join(lines))
        self.summary.setStyleSheet(f"color: {color};")
        current = max(self.steps.currentRow(), 0)
        self.steps.setRowCount(len(plan.steps))
        for row, step in enumerate(plan.steps):
            cells = (
                str(step.step.position + 1),
                label(step.step),
                label(step.status),
                step.done_on.isoformat() if step.done_on else "",
                " ".join(step.notes.split()),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(step.notes if column == 4 and step.notes else text)
                if column == 2 and step.status in STATUS_COLOR:
                    item.setForeground(QColor(STATUS_COLOR[step.status]))
                self.steps.setItem(row, column, item)
        self._fit_steps()
        open_plan = plan.status is WinBackStatus.ACTIVE
        self.editor.setVisible(open_plan)
        self.give_up_button.setVisible(open_plan)
        if open_plan:
            if self.steps.currentRow() != current:
                self.steps.setCurrentCell(current, 1)
            self._edit_step(current)
        earlier = [p for p in plans if p.id != plan.id]
        self.earlier.setVisible(bool(earlier))
        self.earlier.setText(
            self.tr("Earlier plans: {0}").format(
                "; ".join(
                    f"{label(p.status)} {day_of(p.closed_at or p.started_at)}" for p in earlier
                )
            )
        )

    def _fit_steps(self) -> None:
        """Rows as tall as their wrapped text; the table as tall as its rows (no scrolling)."""
        self.steps.resizeRowsToContents()
        rows = sum(self.steps.rowHeight(r) for r in range(self.steps.rowCount()))
        chrome = self.steps.horizontalHeader().height() + 2 * self.steps.frameWidth()
        self.steps.setFixedHeight(rows + chrome + 2)

    def _edit_step(self, row: int) -> None:
        plan = self.plan
        self.step_error.hide()
        if plan is None or not 0 <= row < len(plan.steps):
            return
        step = plan.steps[row]
        self.step_title.setText(f"{step.step.position + 1}. {label(step.step)}")
        set_combo_data(self.step_status, step.status.code)
        self.step_date.setText(step.done_on.isoformat() if step.done_on else "")
        self.step_notes.setPlainText(step.notes)

    # --- the worth-it check ----------------------------------------------------------------

    def _on_value_edited(self, _text: str) -> None:
        self._show_verdict()

    def _show_verdict(self) -> None:
        found = self._checked
        current = self.past_value.text().strip()
        if found is None or found[0] != current:
            self.verdict.setText(self.tr("Enter the past value and press Check (Enter)."))
            self.verdict.setStyleSheet("color: #6b6b6b;")
            self.start_button.setEnabled(False)
            return
        check = found[1]
        self.verdict.setText(check.zh if current_language().startswith("zh") else check.en)
        self.verdict.setStyleSheet(f"color: {GOOD if check.worth_it else BAD};")
        self.start_button.setEnabled(check.worth_it and self._writable)

    def check(self) -> None:
        if self.account_id is None:
            return
        value = self.past_value.text().strip()

        def show(found: WorthCheck) -> None:
            self._checked = (value, found)
            self._show_verdict()
            if found.worth_it:
                self.start_button.setFocus()

        self.ops.read(winback.worth_check, self.account_id, value or None).success(show).failure(
            self._refused_value
        ).run(self, key="check")

    def _refused_value(self, error: BaseException) -> None:
        mistake = users_mistake(error)
        if mistake is None:
            self.ops.report_failure(error)
            return
        self._checked = None
        self._show_verdict()
        self.verdict.setText(error_text(mistake))
        self.verdict.setStyleSheet(f"color: {BAD};")

    def start(self) -> None:
        view = self.view
        if view is None or self._checked is None or not self._checked[1].worth_it:
            return
        (
            self.ops.write(
                winback.start_winback,
                view.account.id,
                past_value=self._checked[0],
                reason=self.why.text().strip(),
            )
            .success(lambda plan: self._started(plan, self.tr("Win-back plan started for {0}.")))
            .failure(self._refused_value)
            .run(self)
        )

    def _started(self, plan: WinBackPlanData, message: str) -> None:
        self.message.emit(message.format(plan.account_name))
        self.steps.setCurrentCell(0, 1)
        self.steps.setFocus()

    # --- the steps ---------------------------------------------------------------------------

    def save_step(self) -> None:
        plan = self.plan
        row = self.steps.currentRow()
        if plan is None or plan.status is not WinBackStatus.ACTIVE or not 0 <= row < 7:
            return
        step = plan.steps[row]
        status = self.step_status.currentData()
        date_text = self.step_date.text().strip()
        self.step_error.hide()
        (
            self.ops.write(
                winback.set_step,
                plan.id,
                step.step,
                status=status,
                done_on=date_text or None,
                notes=self.step_notes.toPlainText(),
            )
            .success(
                lambda _saved: self.message.emit(
                    self.tr("Step {0} saved: {1}.").format(
                        step.step.position + 1, label(StepStatus.parse(status))
                    )
                )
            )
            .failure(self._refused_step)
            .run(self)
        )

    def _refused_step(self, error: BaseException) -> None:
        mistake = users_mistake(error)
        if mistake is None:
            self.ops.report_failure(error)
            return
        self.step_error.setText(error_text(mistake))
        self.step_error.show()

    def give_up(self) -> None:
        plan = self.plan
        if plan is None or plan.status is not WinBackStatus.ACTIVE:
            return
        dialog = GiveUpDialog(plan.account_name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.ops.write(winback.abandon, plan.id, dialog.reason.toPlainText().strip()).success(
            lambda saved: self.message.emit(
                self.tr("Gave up winning back {0}.").format(saved.account_name)
            )
        ).failure(self._refused_step).run(self)
