"""Complaints in the GUI (CMP-1..4, TCH-2): logged, answered with an apology and resolved
through the dialogs; overdue ones in red with the time over; a complaint opened from a low
survey score keeps the answer; an improvement done lists the customers to tell until told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from trustdesk.domain.enums import ComplaintSeverity, RecoverySatisfaction
from trustdesk.services import complaints, improvements, service_log, survey_templates, surveys
from trustdesk.ui.account.complaints_tab import ComplaintsTab
from trustdesk.ui.complaints import actions
from trustdesk.ui.complaints.dialog import NewComplaintDialog, ResolveDialog, RespondDialog
from trustdesk.ui.complaints.feedback import (
    FollowUpPicker,
    InformDialog,
    LinkImprovementDialog,
    ServiceRecordDialog,
)
from trustdesk.ui.forms import set_combo_data
from trustdesk.ui.visits.rows import LATE

from .helpers import settle


def when_modal(qtbot, *steps):
    """Run each step on the next modal dialog that opens, in turn (a failing step closes its
    dialog, so the test fails instead of waiting)."""
    done: list = []
    queue = list(steps)

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None or (done and dialog is done[-1]) or not queue:
            if queue:
                QTimer.singleShot(10, poll)
            return
        step = queue.pop(0)
        try:
            step(dialog)
        except BaseException:
            dialog.reject()
            raise
        done.append(dialog)
        QTimer.singleShot(5000, lambda d=dialog: _give_up(d))
        if queue:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return done


def _give_up(dialog) -> None:
    if shiboken6.isValid(dialog) and dialog.isVisible():
        shown = [form.error_text(f) for form in dialog.forms for f in form.editors]
        dialog.reject()
        raise AssertionError(f"the dialog stayed open: {[t for t in shown if t]}")


def write(window, fn, *args, **kwargs):
    """A write through the window's worker, so that its views hear of it on the bus."""
    got: list = []
    window.ops.write(fn, *args, **kwargs).success(got.append).run()
    settle(window)
    return got[0]


@pytest.fixture
def tab(window, huake) -> ComplaintsTab:
    window.open_account(huake.id)
    settle(window)
    found = window.workspace.tab(ComplaintsTab)
    window.workspace.tabs.setCurrentWidget(found)
    settle(window)
    return found


def test_complaint_logged_answered_with_an_apology_and_resolved_is_saved_with_its_timers(
    qtbot, window, tab, huake, store
):
    def fill_new(dialog: NewComplaintDialog) -> None:
        assert dialog.customer_label.text() == "深圳华科电子有限公司"
        set_combo_data(dialog.severity, ComplaintSeverity.MAJOR.code)
        dialog.description.setPlainText("第二批货晚到了五天")
        dialog.accept()

    when_modal(qtbot, fill_new)
    tab.new_button.click()
    settle(window)
    [made] = store.read(complaints.list_complaints, account_id=huake.id)
    assert made.severity is ComplaintSeverity.MAJOR and made.first_response_at is None
    assert tab.model.rowCount() == 1 and tab.title() == "Complaints (1)"
    assert "left" in tab.model.rows[0].cells[4]  # the response timer is running

    tab.table.setCurrentIndex(tab.model.index(0, 0))

    def apologise(dialog: RespondDialog) -> None:
        assert "first person" in dialog.apology.placeholderText()
        dialog.apology.setPlainText("王经理，我很抱歉，这次是我没有跟进好。")
        dialog.accept()

    when_modal(qtbot, apologise)
    tab.respond_button.click()
    settle(window)

    tab.table.setCurrentIndex(tab.model.index(0, 0))

    def put_right(dialog: ResolveDialog) -> None:
        dialog.resolution.setPlainText("补发并承担运费")
        set_combo_data(dialog.satisfied, RecoverySatisfaction.YES.code)
        dialog.accept()

    when_modal(qtbot, put_right)
    tab.resolve_button.click()
    settle(window)

    [saved] = store.read(complaints.list_complaints, account_id=huake.id)
    assert saved.apology_given and saved.apology_words.startswith("王经理，我很抱歉")
    assert saved.first_response_at is not None and saved.resolved_at is not None
    assert saved.resolution == "补发并承担运费" and saved.satisfied is RecoverySatisfaction.YES
    assert saved.response_seconds >= 0 and saved.resolve_seconds >= saved.response_seconds
    cells = tab.model.rows[0].cells
    assert cells[4].startswith("answered in") and cells[5].startswith("resolved in")
    assert cells[6] == "yes" and cells[7] == "Satisfied"
    assert tab.sentence.text() == "One failure, put right well: normal."

    # TCH-2: the good service delivered, pre-filled from the resolved complaint
    tab.table.setCurrentIndex(tab.model.index(0, 0))

    def record(dialog: ServiceRecordDialog) -> None:
        assert dialog.what.toPlainText() == "补发并承担运费"
        dialog.value.setText("产线没有停")
        dialog.accept()

    when_modal(qtbot, record)
    tab.service_button.click()
    settle(window)
    [kept] = store.read(service_log.list_service_records, huake.id)
    assert kept.complaint_id == saved.id and kept.value == "产线没有停"
    assert tab.service_model.rows[0].cells[1:] == ("补发并承担运费", "产线没有停")


def test_a_refused_complaint_keeps_what_was_typed_and_says_why(qtbot, window, tab, huake, store):
    def empty(dialog: NewComplaintDialog) -> None:
        dialog.accept()
        settle(window)
        assert dialog.isVisible() and dialog.forms[0].error_text("description")
        dialog.description.setPlainText("发票开错了")
        dialog.accept()

    when_modal(qtbot, empty)
    tab.new_button.click()
    settle(window)
    assert [c.description for c in store.read(complaints.list_complaints)] == ["发票开错了"]


def test_an_overdue_complaint_shows_in_red_with_the_time_over(qtbot, window, huake, store):
    long_ago = datetime.now(UTC) - timedelta(days=6, hours=2)
    made = write(
        window,
        complaints.add_complaint,
        huake.id,
        description="报价单一直没回",
        received_at=long_ago,
    )
    assert window.complaints_item.text() == "Complaints · 1 overdue"
    window.nav.setCurrentItem(window.complaints_item)
    settle(window)
    section = window.complaints
    assert section.isVisible()
    [row] = section.overdue.rows
    read = store.read(complaints.get_complaint, made.id)
    days = read.response_over_seconds // 86400
    assert row.color == LATE
    assert row.cells[0] == "深圳华科电子有限公司" and row.cells[2] == "no first response"
    assert row.cells[1].startswith(f"{days} d") and row.cells[1].endswith(" over")
    assert section.open.rowCount() == 0
    assert section.boxes["overdue"].title() == "Overdue (1)"


def test_a_complaint_opened_from_a_low_survey_score_keeps_the_answer(qtbot, window, huake, store):
    template = next(
        t
        for t in store.read(survey_templates.list_templates)
        if t.title_en.startswith("Customer score")
    )
    store.write(
        surveys.fill_survey, huake.id, template.id, {"overall": 2, "buy_again": 5, "recommend": 5}
    )
    [task] = store.read(surveys.follow_ups, account_id=huake.id)
    window.nav.setCurrentItem(window.complaints_item)
    settle(window)

    def pick(dialog: FollowUpPicker) -> None:
        settle(window)
        assert dialog.model.rows[0].cells[:2] == ("深圳华科电子有限公司", "2")
        dialog.accept()

    def confirm(dialog: NewComplaintDialog) -> None:
        settle(window)
        assert dialog.answer_id == task.answer_id
        assert "2/5" in dialog.description.toPlainText()
        dialog.accept()

    when_modal(qtbot, pick, confirm)
    window.complaints.survey_button.click()
    settle(window)
    [made] = store.read(complaints.list_complaints, account_id=huake.id)
    assert made.survey_answer_id == task.answer_id


def test_an_improvement_done_lists_the_customers_to_tell_until_marked(qtbot, window, huake, store):
    made = write(window, complaints.add_complaint, huake.id, description="交期总是变")
    window.nav.setCurrentItem(window.complaints_item)
    settle(window)
    section = window.complaints

    def new_action(dialog: LinkImprovementDialog) -> None:
        assert dialog.action.currentData() is None  # no improvement yet: a new one
        dialog.what.setPlainText("交期书面确认")
        dialog.accept()

    when_modal(qtbot, new_action)
    actions.link_improvement(section, window.ops, made, section._say)  # the context menu's
    settle(window)
    [action] = section.actions_model.rows
    assert (
        action.cells[0] == "交期书面确认" and "深圳华科电子有限公司: 交期总是变" in action.cells[5]
    )
    assert section.inform.rowCount() == 0  # not done yet: nobody to tell

    section.tables["actions"].setCurrentIndex(section.actions_model.index(0, 0))
    section.done_button.click()
    settle(window)
    assert [r.cells[:2] for r in section.inform.rows] == [("深圳华科电子有限公司", "交期书面确认")]
    assert section.boxes["inform"].title() == "Customers still to tell (1)"

    section.tables["inform"].setCurrentIndex(section.inform.index(0, 0))

    def told(dialog: InformDialog) -> None:
        dialog.how.setText("电话告知采购")
        dialog.accept()

    when_modal(qtbot, told)
    section.informed_button.click()
    settle(window)
    assert section.inform.rowCount() == 0
    assert store.read(improvements.customers_to_inform) == []
    [done] = store.read(improvements.list_actions)
    assert done.customers[0].how == "电话告知采购" and done.customers[0].informed_at is not None
