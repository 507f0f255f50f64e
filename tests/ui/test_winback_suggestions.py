"""Issue 14 in the window: winning back a lost customer (WIN-1/2) and the stage suggestions
(ACC-4) — what the user does, and what is saved and shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from trustdesk.db.models import Account
from trustdesk.domain.enums import Stage, StepStatus, WinBackStatus, WinBackStep
from trustdesk.services import accounts, stage_suggestions, visits, winback
from trustdesk.ui.account.overview import OverviewTab
from trustdesk.ui.account.winback_tab import WinBackTab

from .helpers import settle, when_modal


def lost_customer(store, name="成都远源医疗器械股份有限公司"):
    acc = store.write(accounts.create_account, name, stage="regular")
    store.write(accounts.change_stage, acc.id, "lost", "被竞争对手挖走", lost_reason="competitor")
    return acc


def silent_customer(store, name="久未联系公司"):
    """A regular patron with no visit nor contact for 400 days."""
    old = datetime.now(UTC) - timedelta(days=400)
    acc = store.write(accounts.create_account, name, stage="regular")
    store.write(visits.log_visit, acc.id, channel="phone", functions=["care"], at=old)

    def age(session, account_id):
        session.get(Account, account_id).created_at = old

    store.write(age, acc.id)
    return acc


def winback_tab(window, account_id) -> WinBackTab:
    window.open_account(account_id)
    settle(window)
    tab = window.workspace.tab(WinBackTab)
    tabs = window.workspace.tabs
    assert tabs.isTabVisible(tabs.indexOf(tab)), "a lost customer shows the Win back tab"
    tabs.setCurrentWidget(tab)
    settle(window)
    return tab


def cells(table, column):
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_the_win_back_tab_shows_only_for_lost_customers(window, store, huake):
    window.open_account(huake.id)
    settle(window)
    tabs = window.workspace.tabs
    tab = window.workspace.tab(WinBackTab)
    assert not tabs.isTabVisible(tabs.indexOf(tab))
    window.ops.write(
        accounts.change_stage, huake.id, "lost", "没有续约", lost_reason="neglect"
    ).run(window)
    settle(window)
    assert tabs.isTabVisible(tabs.indexOf(tab))


def test_a_plan_started_in_the_window_keeps_its_value_and_a_step_done_with_notes(
    qtbot, window, store
):
    acc = lost_customer(store)
    tab = winback_tab(window, acc.id)
    assert tab.invitation.isVisible(), "no plan yet: the invitation to check"
    assert "Competitor offensive" in tab.lost_why.text() and "被竞争对手挖走" in tab.lost_why.text()
    assert not tab.start_button.isEnabled(), "no start before the check"

    qtbot.keyClicks(tab.past_value, "186000")
    qtbot.keyClick(tab.past_value, Qt.Key.Key_Return)  # Enter checks
    settle(window)
    assert tab.verdict.text() == (
        "Past value 186,000 yuan and a reason we can answer: worth winning back."
    )
    assert tab.start_button.isEnabled()
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    settle(window)

    [plan] = store.read(winback.plans_of_account, acc.id)
    assert plan.status is WinBackStatus.ACTIVE and plan.past_value == 186000
    assert window.statusBar().currentMessage() == f"Win-back plan started for {acc.name}."
    assert tab.plan_box.isVisible() and not tab.check_box.isVisible()
    assert cells(tab.steps, 1) == [step.en for step in WinBackStep], "the seven steps in order"
    assert cells(tab.steps, 2) == ["To do"] * 7

    # The first step, done on a given day with what the customer said (keyboard only).
    tab.steps.setFocus()
    tab.steps.setCurrentCell(0, 1)
    tab.step_status.setCurrentIndex(tab.step_status.findData(StepStatus.DONE.code))
    tab.step_date.setText("2026-11-03")
    tab.step_notes.setFocus()
    tab.step_notes.setPlainText("交期要稳定在 7 天内")  # (QTest types ASCII only)
    qtbot.keyClick(tab.step_notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(window)

    [plan] = store.read(winback.plans_of_account, acc.id)
    first = plan.steps[0]
    assert (first.status, first.done_on.isoformat(), first.notes) == (
        StepStatus.DONE,
        "2026-11-03",
        "交期要稳定在 7 天内",
    )
    assert all(s.status is StepStatus.TODO for s in plan.steps[1:])
    assert cells(tab.steps, 2)[:2] == ["Done", "To do"]
    assert cells(tab.steps, 3)[0] == "2026-11-03"
    assert tab.headline.text() == f"Winning back {acc.name}: 1 of 7 steps done."


def test_a_bad_date_is_refused_beside_the_step(qtbot, window, store):
    acc = lost_customer(store)
    store.write(winback.start_winback, acc.id, past_value=50_000)
    tab = winback_tab(window, acc.id)
    tab.steps.setCurrentCell(1, 1)
    tab.step_status.setCurrentIndex(tab.step_status.findData(StepStatus.DONE.code))
    tab.step_date.setText("3rd of May")
    tab.save_step()
    settle(window)
    assert tab.step_error.isVisible() and tab.step_error.text()
    [plan] = store.read(winback.plans_of_account, acc.id)
    assert plan.steps[1].status is StepStatus.TODO, "nothing saved"


def test_moving_back_to_repeat_shows_the_plan_won_back(qtbot, window, store):
    acc = lost_customer(store)
    plan = store.write(winback.start_winback, acc.id, past_value=52_000)
    store.write(winback.set_step, plan.id, "ask", status="done", notes="希望交期缩短")
    tab = winback_tab(window, acc.id)
    overview = window.workspace.tab(OverviewTab)
    window.workspace.tabs.setCurrentWidget(overview)
    settle(window)

    def move(dialog):
        dialog.stage.setCurrentIndex(dialog.stage.findData(Stage.REPEAT.code))
        dialog.reason.setText("签了新的季度订单")
        dialog.accept()

    when_modal(qtbot, move)
    window.workspace.change_stage()
    settle(window)

    [closed] = store.read(winback.plans_of_account, acc.id)
    assert closed.status is WinBackStatus.WON_BACK
    assert window.statusBar().currentMessage() == f"Win-back plan closed: {acc.name} is won back."
    history = cells(overview.history, 2)
    assert "签了新的季度订单" in history[0] and "won back" in history[0]
    tabs = window.workspace.tabs
    assert tabs.isTabVisible(tabs.indexOf(tab)), "the record of how it came back stays"
    tabs.setCurrentWidget(tab)
    settle(window)
    assert tab.summary.text().startswith("Won back on ")
    assert not tab.editor.isVisible() and not tab.give_up_button.isVisible()

    window.nav.setCurrentRow(window.nav.row(window.suggestions_item))
    settle(window)
    rows = window.suggestions.plan_model.rows
    assert [(r.cells[0], r.cells[1], r.cells[2]) for r in rows] == [(acc.name, "Won back", "1/7")]
    plans = window.suggestions.plan_table
    plans.activated.emit(window.suggestions.plan_model.index(0, 0))  # Enter on the row
    settle(window)
    assert window.nav.currentItem() is window.customers_item
    assert window.workspace.account_id == acc.id
    assert window.workspace.tabs.currentWidget() is tab, "opened on its Win back tab"


def test_giving_up_asks_why_and_closes_the_plan(qtbot, window, store):
    acc = lost_customer(store)
    store.write(winback.start_winback, acc.id, past_value=30_000)
    tab = winback_tab(window, acc.id)

    def give_up(dialog):
        dialog.accept()  # no reason: refused, the dialog stays
        assert dialog.error.isVisible() and dialog.isVisible()
        dialog.reason.setPlainText("客户已被收购，采购转到集团")
        dialog.accept()

    when_modal(qtbot, give_up)
    tab.give_up()
    settle(window)
    [plan] = store.read(winback.plans_of_account, acc.id)
    assert plan.status is WinBackStatus.ABANDONED and "客户已被收购" in plan.worth_reason
    assert tab.summary.text().startswith("Given up on ")


def test_a_suggestion_accepted_with_one_click_writes_the_evidence_into_the_history(
    qtbot, window, store
):
    silent = silent_customer(store)
    window.nav.setCurrentRow(window.nav.row(window.suggestions_item))
    settle(window)
    section = window.suggestions
    model = section.stage_model
    assert [r.cells[:3] for r in model.rows] == [(silent.name, "Regular patron", "Lost customer")]
    evidence = model.rows[0].cells[3]
    assert "400 days" in evidence
    assert store.read(accounts.get_account, silent.id).stage is Stage.REGULAR, "nothing moved"

    qtbot.mouseClick(section.accept_button, Qt.MouseButton.LeftButton)
    settle(window)
    now = store.read(accounts.get_account, silent.id)
    assert now.stage is Stage.LOST
    [latest, *_] = store.read(accounts.stage_history, silent.id)
    assert latest.to_stage is Stage.LOST and latest.reason == evidence
    assert model.rowCount() == 0
    assert window.statusBar().currentMessage() == f"{silent.name} is now Lost customer."


def test_a_dismissed_suggestion_goes_away_and_nothing_changes(qtbot, window, store):
    silent = silent_customer(store)
    before = store.read(accounts.stage_history, silent.id)
    window.nav.setCurrentRow(window.nav.row(window.suggestions_item))
    settle(window)
    section = window.suggestions
    assert section.stage_model.rowCount() == 1
    qtbot.mouseClick(section.dismiss_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert section.stage_model.rowCount() == 0
    assert store.read(stage_suggestions.list_suggestions) == []
    assert store.read(accounts.get_account, silent.id).stage is Stage.REGULAR
    assert store.read(accounts.stage_history, silent.id) == before


def test_the_overview_offers_its_own_suggestion_and_the_three_chances_finding(qtbot, window, store):
    silent = silent_customer(store)
    window.open_account(silent.id)
    settle(window)
    advice = window.workspace.tab(OverviewTab).advice
    assert advice.frame.isVisible()
    assert advice.text.text().startswith("Regular patron → Lost customer: ")
    assert advice.failures.text() == "No complaints on record."
    qtbot.mouseClick(advice.accept_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert store.read(accounts.get_account, silent.id).stage is Stage.LOST
    assert not advice.frame.isVisible(), "answered: no suggestion left"
    tabs = window.workspace.tabs
    assert tabs.isTabVisible(tabs.indexOf(window.workspace.tab(WinBackTab))), "now lost"
