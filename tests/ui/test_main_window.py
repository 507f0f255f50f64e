"""The main window as a salesperson uses it (pytest-qt, offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from trustdesk import demo
from trustdesk.domain.enums import Stage
from trustdesk.services import accounts
from trustdesk.ui.account.overview import OverviewTab
from trustdesk.ui.customers.model import COLUMN_OF, PAGE_SIZE, AccountTableModel
from trustdesk.ui.main_window import MainWindow
from trustdesk.ui.ops import Ops

from .helpers import painted_cell, settle, when_modal


def names_shown(window: MainWindow) -> list[str]:
    model = window.customers.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_new_customer_dialog_adds_a_row_and_saves_it(qtbot, window, store):
    def fill(dialog):
        dialog.findChild(QLineEdit, "field_name").setText("深圳华科电子有限公司")
        dialog.findChild(QLineEdit, "field_region").setText("深圳")
        dialog.findChild(QLineEdit, "field_tags").setText("重点,OEM")
        dialog.findChild(QComboBox, "field_stage").setCurrentIndex(1)
        dialog.accept()

    done = when_modal(qtbot, fill)
    window.new_action.trigger()
    assert done
    settle(window)
    assert names_shown(window) == ["深圳华科电子有限公司"]
    assert window.customers.current_account_id() == store.read(accounts.list_accounts).rows[0].id
    saved = store.read(accounts.list_accounts).rows
    assert [(a.name, a.region, a.stage) for a in saved] == [
        ("深圳华科电子有限公司", "深圳", Stage.EXPLORER)
    ]
    assert store.read(accounts.get_account, saved[0].id).tags == ("OEM", "重点")
    assert window.workspace.isVisible()
    assert window.workspace.title.text() == "深圳华科电子有限公司"
    assert window.count_label.text() == "1 customer"


def test_new_customer_needs_a_name(qtbot, window, store):
    def fill(dialog):
        dialog.accept()
        assert dialog.isVisible(), "the dialog stays open"
        assert dialog.form.error_text("name") == "Enter the customer's name."
        dialog.reject()

    done = when_modal(qtbot, fill)
    window.new_action.trigger()
    assert done
    assert store.read(accounts.count_accounts) == 0


def test_stage_change_asks_reason_writes_history_and_shows_it(qtbot, huake, window, store):

    def fill(dialog):
        dialog.stage.setCurrentIndex(dialog.stage.findData("first-time"))
        dialog.reason.setText("收到第一笔订单")
        dialog.accept()

    window.open_account(huake.id)
    settle(window)
    done = when_modal(qtbot, fill)
    window.stage_action.trigger()
    assert done
    settle(window)
    history = store.read(accounts.stage_history, huake.id)
    assert (history[0].to_stage, history[0].reason) == (Stage.FIRST_TIME, "收到第一笔订单")
    table = window.workspace.tab(OverviewTab).history
    assert table.rowCount() == 2
    assert table.item(0, 1).text() == "First-time customer"
    assert table.item(0, 2).text() == "收到第一笔订单"
    assert "First-time customer" in window.workspace.tab(OverviewTab).stage_label.text()
    assert "Keep trust" in window.workspace.tab(OverviewTab).stage_label.text()
    row = window.customers.model.row_of(huake.id)
    assert window.customers.model.index(row, 1).data() == "First-time customer"


def test_typing_initials_filters_to_the_contacts_account(qtbot, huake, window):
    assert len(names_shown(window)) == 2
    window.find_action.trigger()
    assert window.customers.search.hasFocus()
    qtbot.keyClicks(window.customers.search, "zs")
    qtbot.waitUntil(lambda: names_shown(window) == ["深圳华科电子有限公司"], timeout=2000)
    window.customers.search.clear()
    qtbot.waitUntil(lambda: len(names_shown(window)) == 2, timeout=2000)


def test_enter_opens_and_ctrl_w_closes(qtbot, huake, window):
    table = window.customers.table
    table.setFocus()
    table.selectRow(window.customers.model.row_of(huake.id))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    settle(window)
    assert window.workspace.isVisible()
    assert window.workspace.title.text() == "深圳华科电子有限公司"
    assert window.workspace.account_id == huake.id
    window.close_action.trigger()
    assert not window.workspace.isVisible()


def test_save_refuses_empty_name_and_changes_nothing(qtbot, huake, window, store):
    window.open_account(huake.id)
    settle(window)
    overview = window.workspace.tab(OverviewTab)
    overview.form.editors["name"].setText("  ")
    overview.form.editors["region"].setText("广州")
    window.save_action.trigger()
    settle(window)
    assert overview.form.error_text("name") == "Enter the customer's name."
    assert store.read(accounts.get_account, huake.id).region == "深圳"


def test_ctrl_s_saves_edits_and_esc_reverts(qtbot, huake, window, store):
    window.open_account(huake.id)
    settle(window)
    overview = window.workspace.tab(OverviewTab)
    overview.form.editors["region"].setText("广州")
    window.save_action.trigger()
    settle(window)
    assert store.read(accounts.get_account, huake.id).region == "广州"
    row = window.customers.model.row_of(huake.id)
    region = window.customers.model.index(row, COLUMN_OF["region"])
    assert region.data() == "广州", "the list row follows"
    overview.form.editors["region"].setText("北京")
    window.revert_action.trigger()
    assert overview.form.editors["region"].text() == "广州"


def test_do_not_serve_needs_a_reason(qtbot, huake, window, store):
    window.open_account(huake.id)
    settle(window)
    overview = window.workspace.tab(OverviewTab)
    overview.dns_check.setChecked(True)
    overview.save()
    settle(window)
    assert overview.dns_error.text()
    assert not store.read(accounts.get_account, huake.id).do_not_serve
    overview.dns_reason.setText("恶意拖欠货款")
    overview.save()
    settle(window)
    saved = store.read(accounts.get_account, huake.id)
    assert saved.do_not_serve and saved.do_not_serve_reason == "恶意拖欠货款"
    assert "Do not serve" in window.workspace.subtitle.text()
    row = window.customers.model.row_of(huake.id)
    name, colour, struck = painted_cell(window.customers.table, row, 0)
    assert name == huake.name and colour == "#8a8a8a" and struck, "greyed and struck out"
    other = window.customers.model.index(1 - row, 0).data()
    assert painted_cell(window.customers.table, 1 - row, 0) != (other, "#8a8a8a", True)


def test_model_pages_ten_thousand_accounts(qtbot, modeltester, store, english):
    store.write(demo.generate, 10_000, seed=3, contacts_per_account=(0, 0), batch_size=5000)
    ops = Ops(store)
    model = AccountTableModel(ops)
    assert ops.wait_idle()
    assert model.total == 10_000
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    modeltester.check(model, force_py=True)
    ops.shutdown()

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    settle(window)
    table = window.customers.table
    assert window.customers.model.rowCount() == PAGE_SIZE
    for _ in range(3):
        table.scrollToBottom()
        QApplication.processEvents()
    assert window.customers.model.rowCount() >= 3 * PAGE_SIZE
    assert window.customers.model.rowCount() < 10_000
    # Page after page in name order, no customer twice and none skipped: exactly what the
    # service returns for the same range.
    shown = [window.customers.model.account_id(r) for r in range(window.customers.model.rowCount())]
    expected = store.read(accounts.list_accounts, limit=len(shown), with_total=False).rows
    assert shown == [a.id for a in expected]


def test_sorting_by_header_sorts_in_sql(qtbot, huake, window, store):
    store.write(accounts.change_stage, huake.id, "regular", "orders every month")
    window.customers.model.reload()
    window.customers.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    settle(window)
    stages = [window.customers.model.index(r, 1).data() for r in range(2)]
    assert stages == ["Regular patron", "Skeptic"]


def test_layout_is_restored(qtbot, store, english):
    first = MainWindow(store)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 560)  # inside the offscreen screen (800x800)
    first.main_split.setSizes([180, 580])
    first.close()
    second = MainWindow(store)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (760, 560)
    assert second.main_split.sizes()[0] == 180


def test_the_stage_history_fills_the_free_height(qtbot, huake, window, store):
    for stage in ("explorer", "first-time", "repeat", "regular", "advocate"):
        store.write(accounts.change_stage, huake.id, stage, "next step")
    window.resize(1400, 1000)
    window.open_account(huake.id)
    settle(window)
    history = window.workspace.tab(OverviewTab).history
    row = history.verticalHeader().defaultSectionSize()
    assert history.rowCount() == 6
    # not the old box of at most eight rows: the table reaches down the column
    assert history.height() > 12 * row
