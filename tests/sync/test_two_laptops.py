"""OFF-3 end to end: two laptops and a server on this machine."""

from __future__ import annotations

from trustdesk.services import accounts, contacts


def name_of(store, account_id):
    return store.read(accounts.get_account, account_id).name


def test_a_customer_made_on_one_laptop_reaches_the_other(team):
    a, b = team.laptop("a"), team.laptop("b")
    acc = a.write(accounts.create_account, "深圳华科电子有限公司", region="深圳")
    a.write(contacts.create_contact, acc.id, "张伟", title="总经理")
    first = team.sync(a)
    assert first.pushed > 0
    pulled = team.sync(b)
    assert pulled.pulled >= 2
    assert name_of(b, acc.id) == "深圳华科电子有限公司"
