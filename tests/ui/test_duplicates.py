"""OFF-2 in the GUI: Customer → Find duplicates… lists the pairs with why in words, shows the
two records side by side with a choice per differing field; Merge saves the chosen values and
the list, the customer list and the open customer follow; Undo last merge brings both back;
Not the same never proposes the pair again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from trustdesk.services import accounts, contacts, merging, visits
from trustdesk.ui.account.contacts_tab import ContactsTab
from trustdesk.ui.duplicates.dialog import DuplicatesDialog

from .helpers import settle, when_modal


@pytest.fixture
def book(store):
    """华科 with 张伟 and 張偉 (from the phone, +86, with a visit); 李娜 twice; 恒信 with a 赵强
    whose desk phone is 华科's 赵强's; 华科 entered again in traditional characters."""

    def make(s):
        huake = accounts.create_account(s, "深圳华科电子有限公司", phone="0755-88881234")
        other = accounts.create_account(s, "广州恒信机械有限公司")
        ids = {
            "张伟": contacts.create_contact(s, huake.id, "张伟", mobile="13800138000").id,
            "張偉": contacts.create_contact(
                s, huake.id, "張偉", mobile="+86 138 0013 8000", email="zw@huake.cn"
            ).id,
            "李娜": contacts.create_contact(s, huake.id, "李娜").id,
            "李娜2": contacts.create_contact(s, huake.id, "李娜").id,
            "赵强": contacts.create_contact(s, huake.id, "赵强", phone="010-65529988").id,
            "赵强2": contacts.create_contact(s, other.id, "赵强", mobile="+86 10 6552 9988").id,
        }
        day = date.today() - timedelta(days=5)
        visits.log_visit(
            s, huake.id, channel="phone", functions=["information"],
            contact_ids=[ids["張偉"]], at=f"{day}T10:00",
        )  # fmt: skip
        twin = accounts.create_account(s, "深圳華科電子有限公司", phone="+86 755 8888 1234")
        return huake.id, other.id, twin.id, ids

    return store.write(make)


def rows(dialog):
    """(why, first, second) of each pair as the table shows them."""
    model = dialog.model
    return [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]


def choose(dialog, first, second):
    for r, pair in enumerate(dialog.model.pairs):
        if {pair.first.name, pair.second.name} == {first, second}:
            dialog.table.selectRow(r)
            return pair
    raise AssertionError(f"no pair {first} / {second}: {rows(dialog)}")


def test_merge_through_the_dialog_then_undo(qtbot, window, store, book, modeltester):
    huake, _other, _twin, p = book
    window.open_account(huake)
    settle(window)
    dialog = DuplicatesDialog(window.ops, window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(window)
    modeltester.check(dialog.model)
    assert rows(dialog) == [
        ("Same phone number · Same name, written differently", "张伟", "張偉"),
        ("Same phone number", "赵强", "赵强"),
        ("Same name", "李娜", "李娜"),
    ]
    assert dialog.count_label.text() == "3 possible duplicates"

    choose(dialog, "张伟", "張偉")
    settle(window)
    compare = dialog.compare
    assert compare.keep_title.text().startswith("张伟\n深圳华科电子有限公司")
    assert compare.findChild(type(compare.swap_button), "swapKept").isEnabled()
    # One choice per differing field, the kept one's value by default unless it is empty.
    assert set(compare.groups) == {"name", "mobile", "email"}
    assert compare.choices() == {"name": "keep", "mobile": "keep", "email": "drop"}
    assert compare.moving_label.text() == "Moves to the kept record: 1 visit."
    compare.choose("mobile", "drop")
    assert dialog.merge_button.isEnabled()

    with qtbot.waitSignal(dialog.merged) as merged:
        dialog.merge_button.click()
    settle(window)
    assert merged.args[0].kept_name == "张伟"
    kept = store.read(contacts.get_contact, p["张伟"])
    assert (kept.mobile, kept.email) == ("+86 138 0013 8000", "zw@huake.cn")
    # The list reloaded from the bus: the pair is gone; the history has the merge.
    assert [r[1:] for r in rows(dialog)] == [("赵强", "赵强"), ("李娜", "李娜")]
    assert dialog.status.text() == "Merged 張偉 into 张伟. Undo last merge takes it back."
    modeltester.check(dialog.history)
    assert dialog.history.index(0, 2).data() == "張偉"
    assert dialog.history.index(0, 3).data() == "张伟"
    # The open customer's people followed.
    tab = window.workspace.tab(ContactsTab)
    window.workspace.tabs.setCurrentWidget(tab)
    settle(window)
    assert sorted(c.name for c in tab.model.people) == ["张伟", "李娜", "李娜", "赵强"]

    assert dialog.undo_last_button.isEnabled()
    with qtbot.waitSignal(dialog.undone):
        dialog.undo_last_button.click()
    settle(window)
    assert store.read(contacts.get_contact, p["张伟"]).mobile == "13800138000"
    assert store.read(contacts.get_contact, p["張偉"]).name == "張偉"
    assert len(rows(dialog)) == 3
    assert dialog.history.index(0, 5).data().startswith("Undone ")
    assert not dialog.undo_last_button.isEnabled()
    assert sorted(c.name for c in tab.model.people) == ["张伟", "張偉", "李娜", "李娜", "赵强"]


def test_keep_the_other_one_and_not_the_same(qtbot, window, store, book):
    _huake, _other, _twin, _p = book
    dialog = DuplicatesDialog(window.ops, window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(window)
    choose(dialog, "李娜", "李娜")
    settle(window)
    first = dialog.compare.preview.keep.id
    dialog.compare.swap_button.click()
    settle(window)
    assert dialog.compare.preview.keep.id != first
    dialog.not_same_button.click()
    settle(window)
    assert [r[1:] for r in rows(dialog)] == [("张伟", "張偉"), ("赵强", "赵强")]
    assert "will not be proposed again" in dialog.status.text()


def test_people_of_two_customers_cannot_be_merged_here(qtbot, window, book):
    dialog = DuplicatesDialog(window.ops, window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(window)
    choose(dialog, "赵强", "赵强")
    settle(window)
    assert dialog.compare.problem_label.isVisibleTo(dialog)
    assert "merge the customers first" in dialog.compare.problem_label.text()
    assert not dialog.merge_button.isEnabled()
    assert dialog.not_same_button.isEnabled()


def test_customers_merged_from_the_menu_open_the_kept_one(qtbot, window, store, book):
    huake, _other, twin, _p = book
    window.open_account(twin)  # the customer about to be merged away is open
    settle(window)

    def merge_customers(dialog):
        dialog.kind_choice.setCurrentIndex(1)
        settle(window)
        assert rows(dialog) == [
            ("Same phone number · Same name, written differently",
             "深圳华科电子有限公司", "深圳華科電子有限公司"),
        ]  # fmt: skip
        dialog.table.selectRow(0)
        settle(window)
        dialog.merge_button.click()
        settle(window)
        assert rows(dialog) == []
        dialog.accept()

    done = when_modal(qtbot, merge_customers)
    window.duplicates_action.trigger()
    assert done
    settle(window)
    assert window.workspace.account_id == huake
    assert window.customers.model.rowCount() == 2  # the twin is gone from the list
    merges = store.read(merging.list_merges)
    assert merges[0].merged_id == twin


def test_the_contacts_tab_finds_its_own_peoples_duplicates(qtbot, window, book):
    huake, _other, _twin, _p = book
    window.open_account(huake)
    tab = window.workspace.tab(ContactsTab)
    window.workspace.tabs.setCurrentWidget(tab)
    settle(window)
    seen = []

    def look(dialog):
        settle(window)
        seen.extend(r[1:] for r in rows(dialog))
        assert not dialog.kind_choice.isVisible()
        dialog.reject()

    done = when_modal(qtbot, look)
    tab.duplicates_button.click()
    assert done
    # 赵强's twin works at another customer: not among this customer's pairs.
    assert seen == [("张伟", "張偉"), ("李娜", "李娜")]
