"""TIER-1..3 and DEA-4 in the GUI: the Tier column and its sort, the referral mark, the value
tiers window's Recompute, saved views in the navigation, and the tier settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from trustdesk.domain.enums import Stage, Tier
from trustdesk.services import accounts, orders, referrals, saved_views, team_settings, tiers
from trustdesk.services.accounts import AccountFilter
from trustdesk.ui.customers.model import COLUMN_OF, KEY_BACKGROUND
from trustdesk.ui.customers.saved_views import VIEW_ROLE, ViewDialog
from trustdesk.ui.settings_dialog import SettingsDialog
from trustdesk.ui.tiers.window import TiersWindow

from .helpers import settle, when_modal

TIER = COLUMN_OF["tier"]
# Six buying customers, 600 down to 100 of revenue: the top 20% (2) are key accounts, the
# bottom 30% (1) low value, the rest standard; a prospect has no tier.
BOOK = (
    ("甲公司", "深圳", 600, Tier.KEY),
    ("乙公司", "广州", 500, Tier.KEY),
    ("丙公司", "深圳", 400, Tier.STANDARD),
    ("丁公司", "深圳", 300, Tier.STANDARD),
    ("戊公司", "广州", 200, Tier.STANDARD),
    ("己公司", "深圳", 100, Tier.LOW),
)
WORDS = {Tier.KEY: "Key", Tier.STANDARD: "Standard", Tier.LOW: "Low", None: ""}


def _book(session):
    made = {}
    for name, region, amount, _tier in BOOK:
        account = accounts.create_account(session, name, region=region, stage=Stage.REPEAT)
        orders.add_order(
            session, account.id, [{"product": "机床", "quantity": 1, "amount": amount}]
        )
        made[name] = account.id
    made["庚公司"] = accounts.create_account(session, "庚公司", region="深圳").id  # a prospect
    referrals.add_referral(session, made["丙公司"], made["甲公司"])
    return made


def shown(window) -> dict[str, str]:
    """Name → the Tier cell, as the list shows them."""
    model = window.customers.model
    return {model.index(r, 0).data(): model.index(r, TIER).data() for r in range(model.rowCount())}


def names_shown(window) -> list[str]:
    model = window.customers.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def expected_tiers() -> dict[str, str]:
    return {name: WORDS[tier] for name, _r, _a, tier in BOOK} | {"庚公司": ""}


def painted(window, row: int, column: int) -> QStyleOptionViewItem:
    """A cell's style option as the delegate fills it (through ``multiData``)."""
    table = window.customers.table
    index = window.customers.model.index(row, column)
    option = QStyleOptionViewItem()
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    return option


def test_tier_column_shows_each_tier_and_sorts_key_standard_low_untiered(qtbot, window, store):
    store.write(_book)
    store.write(tiers.recompute_tiers)
    window.customers.model.reload()
    settle(window)
    assert window.customers.model.headerData(TIER, Qt.Orientation.Horizontal) == "Tier"
    assert shown(window) == expected_tiers()

    # Key accounts stand out as painted (amber, bold); a standard one is plain.
    rows = {name: r for r, name in enumerate(names_shown(window))}
    key, standard = painted(window, rows["甲公司"], TIER), painted(window, rows["丙公司"], TIER)
    assert key.text == "Key" and key.font.bold()
    assert key.backgroundBrush.color() == KEY_BACKGROUND.color()
    assert standard.text == "Standard" and not standard.font.bold()
    assert standard.backgroundBrush.color() != KEY_BACKGROUND.color()

    header = window.customers.table.horizontalHeader()
    header.setSortIndicator(TIER, Qt.SortOrder.AscendingOrder)
    settle(window)
    column = [window.customers.model.index(r, TIER).data() for r in range(7)]
    assert column == ["Key", "Key", "Standard", "Standard", "Standard", "Low", ""]
    header.setSortIndicator(TIER, Qt.SortOrder.DescendingOrder)
    settle(window)
    column = [window.customers.model.index(r, TIER).data() for r in range(7)]
    assert column == ["", "Low", "Standard", "Standard", "Standard", "Key", "Key"]


def test_a_referred_customer_is_marked_once_the_risks_are_read(qtbot, window, store):
    store.write(_book)
    window.customers.model.reload()
    settle(window)
    model = window.customers.model
    qtbot.waitUntil(lambda: not model.risks_pending and not window.ops.busy, timeout=3000)
    settle(window)
    rows = {name: r for r, name in enumerate(names_shown(window))}
    referred, other = painted(window, rows["丙公司"], 0), painted(window, rows["甲公司"], 0)
    assert not referred.icon.isNull() and other.icon.isNull()
    assert (
        model.index(rows["丙公司"], 0).data(Qt.ItemDataRole.ToolTipRole) == "Came by a referral"
    )  # the tooltip
    assert model.index(rows["甲公司"], 0).data(Qt.ItemDataRole.ToolTipRole) is None


def test_recompute_in_the_tiers_window_updates_the_tier_column(qtbot, window, store):
    store.write(_book)
    window.customers.model.reload()
    settle(window)
    assert set(shown(window).values()) == {""}, "no tier before the first recompute"
    dialog = TiersWindow(window.ops, window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(window)
    assert dialog.table.item(0, 1).text() == "0"
    dialog.recompute_button.click()
    settle(window)
    assert shown(window) == expected_tiers(), "the list follows the recompute"
    counts = [dialog.table.item(r, 1).text() for r in range(4)]
    assert counts == ["2", "3", "1", "6"]
    assert [dialog.table.item(r, 2).text() for r in range(4)] == [
        "¥1,100",
        "¥900",
        "¥100",
        "¥2,100",
    ]
    assert dialog.chart.key_label == "Key accounts: 52% of value"  # 1,100 of 2,100
    assert dialog.chart.curve[-1] == (100.0, 100.0)
    assert dialog.basis.text().startswith("Basis: Revenue, orders from ")
    assert dialog.basis.text().endswith(" · 6 customers tiered")
    assert dialog.status.text() == "Recomputed: 6 customer(s) changed tier."
    assert {a.tier for a in store.read(accounts.list_accounts).rows} == {*Tier, None}


def test_a_saved_view_lists_exactly_the_rows_of_its_filter(qtbot, window, store):
    store.write(_book)
    store.write(tiers.recompute_tiers)
    window.customers.model.reload()
    settle(window)

    def build(dialog: ViewDialog) -> None:
        dialog.name.setText("深圳重点")
        dialog.tier_checks[Tier.KEY].setChecked(True)
        dialog.tier_checks[Tier.STANDARD].setChecked(True)
        dialog.region.setText("深圳")
        dialog.save()

    done = when_modal(qtbot, build)
    window.new_view_action.trigger()
    assert done
    settle(window)
    spec = {"tiers": ["key", "standard"], "region": "深圳"}
    assert store.read(saved_views.get_view, "深圳重点").filter == saved_views.filter_of(spec)
    item = window.nav.currentItem()
    assert item.data(VIEW_ROLE) == "深圳重点", "the new view is shown"
    assert item.toolTip() == "tier: Key account, Standard; region: 深圳"
    wanted = store.read(accounts.list_accounts, saved_views.filter_of(spec)).rows
    assert names_shown(window) == [r.name for r in wanted] == ["丙公司", "丁公司", "甲公司"]
    assert window.customers.view_line.isVisible()
    assert "深圳重点" in window.customers.view_label.text()
    assert window.pages.currentWidget() is window.customer_split

    window.customers.show_all.click()
    settle(window)
    assert window.nav.currentItem() is window.customers_item
    assert len(names_shown(window)) == 7 and not window.customers.view_line.isVisible()

    # Another section still opens its own page with a view's entry above it.
    window.nav.setCurrentItem(window.visits_item)
    assert window.pages.currentWidget() is window.visits


def test_a_view_is_deleted_from_its_context_menu(qtbot, window, store):
    store.write(saved_views.save_view, "关键", AccountFilter(tiers=(Tier.KEY,)))
    views = window.saved_views
    views.reload()  # saved outside the window (its bus did not hear of it)
    settle(window)
    item = views.item_of("关键")
    assert item is not None and window.nav.row(item) == window.nav.row(window.customers_item) + 1
    window.nav.setCurrentItem(item)
    settle(window)
    assert window.customers.view is not None

    menu = views.menu_for(item)
    assert [a.text() for a in menu.actions()] == ["Edit view…", "Delete view"]
    assert views.menu_for(window.customers_item) is None
    menu.actions()[1].trigger()
    settle(window)
    assert store.read(saved_views.list_views) == []
    assert views.items == [] and window.nav.currentItem() is window.customers_item
    assert window.customers.view is None and not window.customers.view_line.isVisible()


def test_a_bad_view_shows_the_reason_and_saves_nothing(qtbot, window, store):
    dialog = ViewDialog(window.ops, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("低分客户")
    dialog.survey_below.setText("abc")
    dialog.save()
    settle(window)
    assert dialog.isVisible() and dialog.saved is None
    assert dialog.form.error_text("survey_below") == (
        "The survey score must be above 1 and at most 5."
    )
    assert store.read(saved_views.list_views) == []

    dialog.survey_below.setText("")
    dialog.save()  # no condition at all
    settle(window)
    assert dialog.problem.isVisible() and "at least one condition" in dialog.problem.text()
    assert store.read(saved_views.list_views) == []


def test_settings_save_the_tier_basis_and_the_tier_service_levels(qtbot, window, store):
    dialog = SettingsDialog(window, window.ops)
    qtbot.addWidget(dialog)
    settle(window)
    team = dialog.team
    assert team is not None
    basis = team.choices["tier_basis"]
    assert [basis.itemText(i) for i in range(basis.count())] == ["Revenue", "Margin"]
    assert basis.currentData() == "revenue"
    assert team.fields["tier_key_cadence_days"].text() == "30"
    basis.setCurrentIndex(basis.findData("margin"))
    team.fields["tier_key_cadence_days"].setText("21")
    team.fields["tier_low_response_hours"].setText("72")
    team.fields["replacement_notice_days"].setText("60")
    dialog.accept()
    settle(window)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = store.read(team_settings.get_settings)
    assert saved["tier_basis"] == "margin"
    assert (saved["tier_key_cadence_days"], saved["tier_low_response_hours"]) == (21, 72)
    assert saved["replacement_notice_days"] == 60
    assert store.read(tiers.tier_basis).code == "margin"


def test_a_refused_tier_number_shows_beside_its_field_and_nothing_is_saved(qtbot, window, store):
    dialog = SettingsDialog(window, window.ops)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(window)
    team = dialog.team
    assert team is not None
    team.choices["tier_basis"].setCurrentIndex(1)
    team.fields["tier_standard_response_hours"].setText("0")
    dialog.accept()
    settle(window)
    assert dialog.isVisible()
    form = next(f for f in team.forms if "tier_basis" in f.editors)
    assert "from 1 to 168" in form.error_text("tier_standard_response_hours")
    assert store.read(team_settings.get_setting, "tier_basis") == "revenue"


def test_saving_a_view_under_a_new_name_renames_it(qtbot, window, store):
    store.write(saved_views.save_view, "关键", {"tiers": ["key"]})
    views = window.saved_views
    views.reload()
    settle(window)

    def rename(dialog: ViewDialog) -> None:
        assert dialog.name.text() == "关键" and dialog.tier_checks[Tier.KEY].isChecked()
        dialog.name.setText("关键客户")
        dialog.tier_checks[Tier.STANDARD].setChecked(True)
        dialog.save()

    done = when_modal(qtbot, rename)
    window.edit_saved_view(views.views["关键"])
    assert done
    settle(window)
    assert [(v.name, v.filter.tiers) for v in store.read(saved_views.list_views)] == [
        ("关键客户", (Tier.KEY, Tier.STANDARD))
    ]
    assert [item.data(VIEW_ROLE) for item in views.items] == ["关键客户"]
    assert window.nav.currentItem() is views.items[0] and window.customers.view is not None
