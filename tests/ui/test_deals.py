"""Deals, orders, installed products and referrals in the GUI (DEA-1..4): what the user types
in the dialogs is saved and shown; a lost deal keeps why; the pipeline puts each deal in its
stage's column with the column's total; a typo in an amount is named and nothing is saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from trustdesk.domain.enums import DealRole, DealStage, SalesChannel
from trustdesk.services import deals, orders, referrals
from trustdesk.services.visit_plan import today
from trustdesk.ui.account.deals_tab import DealsTab
from trustdesk.ui.account.orders_tab import OrdersTab
from trustdesk.ui.deals.dialogs import DealDialog, MoveDialog, TeamDialog
from trustdesk.ui.deals.order_dialogs import InstalledDialog, OrderDialog, ReferralDialog
from trustdesk.ui.forms import set_combo_data
from trustdesk.ui.visits.rows import LATE

from .helpers import settle


def when_modal(qtbot, *steps):
    """Run each step on the next modal dialog that opens, in turn; a dialog still open 5 s
    later is closed and fails the test with the errors it shows."""
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
        forms = getattr(dialog, "forms", ())
        shown = [form.error_text(f) for form in forms for f in form.editors]
        dialog.reject()
        raise AssertionError(f"the dialog stayed open: {[t for t in shown if t]}")


def write(window, fn, *args, **kwargs):
    """A write through the window's worker, so that its views hear of it on the bus."""
    got: list = []
    window.ops.write(fn, *args, **kwargs).success(got.append).run()
    settle(window)
    return got[0]


def open_tab(window, account_id, tab_type):
    window.open_account(account_id)
    settle(window)
    found = window.workspace.tab(tab_type)
    window.workspace.tabs.setCurrentWidget(found)
    settle(window)
    return found


@pytest.fixture
def deals_tab(window, huake) -> DealsTab:
    return open_tab(window, huake.id, DealsTab)


@pytest.fixture
def orders_tab(window, huake) -> OrdersTab:
    return open_tab(window, huake.id, OrdersTab)


def cells(model, row):
    return model.rows[row].cells


def test_a_deal_typed_in_the_dialog_is_saved_and_shows_in_the_tab(
    qtbot, window, deals_tab, huake, store
):
    def fill(dialog: DealDialog) -> None:
        dialog.title_edit.setText("两条包装线改造")
        set_combo_data(dialog.channel, SalesChannel.DISTRIBUTOR.code)
        dialog.amount.setText("1,280,000.50")
        dialog.expected.setText("2099-03-31")
        dialog.accept()

    done = when_modal(qtbot, fill)
    deals_tab.new_button.click()
    settle(window)
    assert done
    [made] = store.read(deals.list_deals, huake.id)
    assert (made.title, made.amount, made.channel) == (
        "两条包装线改造",
        128000050,
        SalesChannel.DISTRIBUTOR,
    )
    assert made.stage is DealStage.LEAD and str(made.expected_close) == "2099-03-31"
    row = cells(deals_tab.model, 0)
    assert row[:5] == ("两条包装线改造", "Lead", "Distributor", "¥1,280,000.50", "2099-03-31")
    assert deals_tab.title() == "Deals (1 open)"
    assert "1 open, worth ¥1,280,000.50" in deals_tab.summary.text()


@pytest.mark.parametrize("typed", ["12,3,4", "-5"])
def test_a_bad_amount_is_named_beside_the_field_and_nothing_is_saved(
    qtbot, ops, huake, store, typed
):
    dialog = DealDialog(ops, huake.id)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("年度耗材框架协议")
    dialog.amount.setText(typed)
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.isEnabled())
    error = dialog.forms[0].error_text("amount")
    assert "must be an amount like 12,000 or 12000.50" in error
    assert dialog.result() == 0 and store.read(deals.list_deals, huake.id) == []


def test_moving_a_deal_to_lost_asks_why_and_keeps_the_reason(
    qtbot, window, deals_tab, huake, store
):
    opened = today() - timedelta(days=30)
    deal = write(
        window, deals.add_deal, huake.id, "检测设备更新", amount="420,000", opened_on=opened
    )
    deals_tab.select(deal.id)
    closing = today() - timedelta(days=1)
    seen: dict = {}

    def no_reason(dialog: MoveDialog) -> None:
        set_combo_data(dialog.stage, DealStage.LOST.code)
        seen["reason shown"] = dialog.reason.isVisibleTo(dialog)
        seen["day shown"] = dialog.closed.isVisibleTo(dialog)
        dialog.accept()  # no reason: refused, the dialog stays
        seen["refusal"] = dialog.forms[0].error_text("lost_reason")
        dialog.closed.setDate(closing)
        dialog.reason.setText("价格比对手高 8%")
        dialog.accept()

    done = when_modal(qtbot, no_reason)
    deals_tab.move_button.click()
    settle(window)
    assert done and seen["reason shown"] and seen["day shown"]
    assert seen["refusal"].startswith("Say why the deal was lost")
    [lost] = store.read(deals.list_deals, huake.id)
    assert lost.stage is DealStage.LOST and lost.lost_reason == "价格比对手高 8%"
    assert lost.closed_on == closing
    row = cells(deals_tab.model, 0)
    assert row[1] == "Lost" and row[5] == closing.isoformat() and row[8] == "价格比对手高 8%"
    assert deals_tab.title() == "Deals"  # none open now


def test_the_team_typed_by_role_is_saved_and_shown(qtbot, window, deals_tab, huake, store):
    deal = write(window, deals.add_deal, huake.id, "MES 系统升级", amount="95000")
    deals_tab.select(deal.id)

    def fill(dialog: TeamDialog) -> None:
        dialog.roles[DealRole.SALES_REP].setText("王伟、李娜")
        dialog.roles[DealRole.GENERAL_MANAGER].setText("周总")
        dialog.accept()

    when_modal(qtbot, fill)
    deals_tab.team_button.click()
    settle(window)
    team = store.read(deals.get_deal, deal.id).team
    assert [(m.role, m.name) for m in team] == [
        (DealRole.GENERAL_MANAGER, "周总"),
        (DealRole.SALES_REP, "李娜"),
        (DealRole.SALES_REP, "王伟"),
    ]
    assert cells(deals_tab.model, 0)[7] == (
        "周总 (General manager), 李娜 (Sales rep), 王伟 (Sales rep)"
    )


def test_deleting_a_deal_asks_first_and_removes_it(qtbot, window, deals_tab, huake, store):
    deal = write(window, deals.add_deal, huake.id, "仓储自动化一期")
    deals_tab.select(deal.id)
    when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    deals_tab.delete_button.click()
    settle(window)
    assert store.read(deals.list_deals, huake.id) == [] and deals_tab.model.rowCount() == 0


def test_the_pipeline_puts_each_deal_in_its_stage_with_the_columns_total(
    qtbot, window, huake, store
):
    write(window, deals.add_deal, huake.id, "两条包装线改造", amount="120,000")
    write(window, deals.add_deal, huake.id, "冷链物流服务", amount="30,000.50")
    proposal = write(window, deals.add_deal, huake.id, "MES 系统升级", amount="800,000")
    write(window, deals.move_deal, proposal.id, DealStage.PROPOSAL)
    window.nav.setCurrentItem(window.deals_item)
    settle(window)
    section = window.deals
    lead = section.column(DealStage.LEAD)
    assert lead.list.count() == 2
    assert lead.list.item(0).text().splitlines()[:2] == ["深圳华科电子有限公司", "两条包装线改造"]
    assert "2 deals · <b>¥150,000.50</b>" in lead.heading.text()
    column = section.column(DealStage.PROPOSAL)
    assert column.list.count() == 1 and "MES 系统升级" in column.list.item(0).text()
    assert "1 deal · <b>¥800,000</b>" in column.heading.text()
    assert section.column(DealStage.WON).list.count() == 0
    assert "3 open deals</b> worth <b>¥950,000.50" in section.summary.text()

    # a move elsewhere shows at once; Enter on a deal opens its customer
    write(window, deals.move_deal, proposal.id, DealStage.WON)
    assert section.column(DealStage.WON).list.count() == 1
    assert section.column(DealStage.PROPOSAL).list.count() == 0
    won = section.column(DealStage.WON).list
    won.itemActivated.emit(won.item(0))
    settle(window)
    assert window.workspace.account_id == huake.id


def test_the_pipeline_filters_by_owner(qtbot, window, huake, store, monkeypatch):
    write(window, deals.add_deal, huake.id, "备件年度采购", amount="10,000")
    monkeypatch.setenv("TRUSTDESK_USER", "lina")
    write(window, deals.add_deal, huake.id, "检测设备更新", amount="20,000")
    window.nav.setCurrentItem(window.deals_item)
    settle(window)
    section = window.deals
    owners = [section.owner.itemText(i) for i in range(section.owner.count())]
    assert owners[0] == "Everyone" and len(owners) == 3
    assert section.column(DealStage.LEAD).list.count() == 2
    [mine] = store.read(deals.list_deals, huake.id)[:1]
    section.owner.setCurrentIndex(section.owner.findData(mine.owner))
    settle(window)
    shown = section.column(DealStage.LEAD)
    assert shown.list.count() == 1 and "¥" in shown.heading.text()


def test_an_order_of_two_lines_is_saved_and_shows_its_total(
    qtbot, window, orders_tab, huake, store
):
    def fill(dialog: OrderDialog) -> None:
        dialog.number.setText("PO-2026-118")
        dialog.set_line(0, "伺服电机 SV-200", "12", "4,800")
        dialog.set_line(1, "PLC 控制柜", "1", "36,500.50", "9,000")
        assert dialog.total.text() == "Total: ¥41,300.50"
        dialog.accept()

    done = when_modal(qtbot, fill)
    orders_tab.new_order_button.click()
    settle(window)
    assert done
    [order] = store.read(orders.list_orders, huake.id)
    assert [(line.product, line.quantity, line.amount) for line in order.lines] == [
        ("伺服电机 SV-200", 12.0, 480000),
        ("PLC 控制柜", 1.0, 3650050),
    ]
    top = orders_tab.tree.topLevelItem(0)
    assert top.text(1) == "PO-2026-118 · 2 lines" and top.text(3) == "¥41,300.50"
    assert [top.child(i).text(1) for i in range(top.childCount())] == [
        "伺服电机 SV-200",
        "PLC 控制柜",
    ]
    assert orders_tab.summary.text() == "1 order, ¥41,300.50 in all"


@pytest.mark.parametrize("typed", ["12,3,4", "-5"])
def test_a_bad_line_amount_is_named_with_its_line_and_nothing_is_saved(
    qtbot, ops, huake, store, typed
):
    dialog = OrderDialog(ops, huake.id)
    qtbot.addWidget(dialog)
    dialog.set_line(0, "备件包", "5", "2,750")
    dialog.set_line(1, "传感器套件", "40", typed)
    dialog.accept()
    error = dialog.forms[0].error_text("lines")
    assert error.startswith(f"Line 2: the amount “{typed}” is not an amount")
    assert dialog.isEnabled() and dialog.result() == 0
    ops.wait_idle()
    assert store.read(orders.list_orders, huake.id) == []


def test_a_product_due_for_replacement_stands_out(qtbot, window, orders_tab, huake, store):
    soon = today() + timedelta(days=10)  # inside the notice: offer it now
    later = today() + timedelta(days=1000)

    def fill(dialog: InstalledDialog) -> None:
        dialog.product.setText("CT 扫描仪 Revolution")
        dialog.installed.setText("2021-06-02")
        dialog.replace_by.setText(soon.isoformat())
        dialog.accept()

    when_modal(qtbot, fill)
    orders_tab.add_installed_button.click()
    settle(window)
    write(window, orders.add_installed, huake.id, "包装线 PL-3", replace_by=later)
    model = orders_tab.installed_model
    assert [r.cells[0] for r in model.rows] == ["CT 扫描仪 Revolution", "包装线 PL-3"]
    assert model.rows[0].color == LATE and model.rows[0].cells[3].startswith("⚠")
    assert "offer it now" in model.rows[0].cells[3]
    assert model.rows[1].color is None and not model.rows[1].cells[3].startswith("⚠")
    assert orders_tab.due_label.text() == "1 to offer a replacement now"
    index = window.workspace.tabs.indexOf(orders_tab)
    assert window.workspace.tabs.tabText(index) == "Orders && products · 1 to replace"


def test_a_referral_added_with_the_picker_shows_on_both_customers(
    qtbot, window, deals_tab, huake, store
):
    def fill(dialog: ReferralDialog) -> None:
        picker = dialog.picker
        picker.search.setText("Northwind")
        qtbot.waitUntil(lambda: picker.matches.count() == 1)
        picker.matches.setCurrentRow(0)
        dialog.notes.setPlainText("行业协会年会上介绍")
        dialog.accept()

    done = when_modal(qtbot, fill)
    deals_tab.add_referral_button.click()
    settle(window)
    assert done
    [made] = store.read(referrals.list_referrals, huake.id)
    assert (made.referred_name, made.by_account_name) == (
        "深圳华科电子有限公司",
        "Northwind Logistics Ltd",
    )
    assert cells(deals_tab.referral_model, 0)[:2] == ("Referred by", "Northwind Logistics Ltd")
    assert deals_tab.referral_box.title() == "Referrals (1)"
    window.open_account(made.by_account_id)
    settle(window)
    assert cells(deals_tab.referral_model, 0)[:2] == ("Referred", "深圳华科电子有限公司")


def test_an_open_deal_past_its_expected_close_shows_red_on_the_tab_and_the_pipeline(
    qtbot, window, deals_tab, huake
):
    opened = today() - timedelta(days=40)
    late = today() - timedelta(days=3)
    write(window, deals.add_deal, huake.id, "冷链物流服务", opened_on=opened, expected_close=late)
    write(window, deals.add_deal, huake.id, "备件年度采购", expected_close=today() + timedelta(30))
    assert [r.cells[0] for r in deals_tab.model.rows] == ["冷链物流服务", "备件年度采购"]
    assert deals_tab.model.rows[0].color == LATE and deals_tab.model.rows[1].color is None
    assert deals_tab.model.rows[0].cells[6] == "40 d so far"
    window.nav.setCurrentItem(window.deals_item)
    settle(window)
    lead = window.deals.column(DealStage.LEAD)
    assert "1 past expected close" in lead.heading.text()
    colours = {
        lead.list.item(i).text().splitlines()[1]: lead.list.item(i).foreground().color()
        for i in range(lead.list.count())
    }
    assert colours["冷链物流服务"] == LATE and colours["备件年度采购"] != LATE
