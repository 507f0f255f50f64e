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


def test_a_first_pull_indexes_the_team_for_search_and_a_cut_off_one_is_indexed_later(team):
    from trustdesk.db.search import search
    from trustdesk.services.indexing import index_is_current
    from trustdesk.services.store import open_store
    from trustdesk.sync import exchange, laptop
    from trustdesk.sync.server import on_server

    a = team.laptop("a")
    acc = a.write(accounts.create_account, "诸葛精密机械有限公司", region="宁波")
    a.write(contacts.create_contact, acc.id, "欧阳娜娜", title="采购经理")
    team.sync(a)

    b = team.laptop("b")
    team.sync(b)  # its first pull: the index is built once, at the end
    assert b.read(index_is_current)
    assert [h.name for h in b.read(search, "欧阳")] == ["欧阳娜娜"]
    assert [h.name for h in b.read(search, "诸葛")] == ["诸葛精密机械有限公司"]

    # A first pull cut off after its first page: the rows are there, the index is marked
    # stale with them, and the next open builds it.
    c_path = team.folder / "c.sqlite3"
    c = open_store(c_path)
    with on_server(team.engine) as conn:
        page = exchange.pull(conn, 0, 1000)
    c.write(laptop.apply_heads, page.records, page.cursor, index=False)
    assert not c.read(index_is_current) and c.read(search, "欧阳") == []
    c.close()
    c = open_store(c_path)
    team.laptops.append(c)
    assert [h.name for h in c.read(search, "欧阳")] == ["欧阳娜娜"]
