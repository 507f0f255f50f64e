"""OFF-3: the rules of a sync, one case each, on a real PostgreSQL and real laptop files."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from trustdesk.db.search import search
from trustdesk.errors import ServerError
from trustdesk.services import accounts, contacts
from trustdesk.sync import exchange, laptop
from trustdesk.sync.conflicts import list_conflicts, resolve_conflict


def account(store, account_id):
    return store.read(accounts.get_account, account_id)


def deleted(store, account_id) -> bool:
    return store.read(
        lambda s: (
            s.connection()
            .exec_driver_sql("SELECT deleted_at FROM account WHERE id = ?", (account_id,))
            .scalar_one()
            is not None
        )
    )


def server_rows(team, sql: str, **params):
    with team.engine.connect() as conn:
        return conn.execute(text(sql), params).all()


@pytest.fixture
def pair(team):
    """Two laptops that both hold 华科 (made on a, synced to b)."""
    a, b = team.laptop("a"), team.laptop("b")
    acc = a.write(accounts.create_account, "深圳华科电子有限公司", region="深圳")
    team.sync(a)
    team.sync(b)
    return a, b, acc.id


def test_different_fields_of_one_record_merge_silently(team, pair):
    a, b, acc = pair
    a.write(accounts.update_account, acc, region="广州")
    b.write(accounts.update_account, acc, industry="电子")
    team.sync(a), team.sync(b), team.sync(a)
    for store in (a, b):
        shown = account(store, acc)
        assert (shown.region, shown.industry) == ("广州", "电子")
        assert store.read(list_conflicts) == []


def test_the_same_field_edited_on_two_laptops_keeps_both_values(team, pair):
    a, b, acc = pair
    a.write(accounts.update_account, acc, region="广州")
    b.write(accounts.update_account, acc, region="上海")
    team.sync(a)
    result = team.sync(b)
    team.sync(a)
    assert result.new_conflicts == 1
    assert account(a, acc).region == account(b, acc).region  # converged on one value
    for store in (a, b):
        (c,) = store.read(list_conflicts)
        assert {c.winner_value, c.loser_value} == {"广州", "上海"}
        assert c.record_label == "深圳华科电子有限公司" and c.field == "region"
        assert c.winner_device != c.loser_device


def test_resolving_a_conflict_is_an_edit_that_reaches_every_laptop(team, pair):
    a, b, acc = pair
    a.write(accounts.update_account, acc, region="广州")
    b.write(accounts.update_account, acc, region="上海")
    team.sync(a), team.sync(b), team.sync(a)
    (c,) = a.read(list_conflicts)
    a.write(resolve_conflict, c.id, "loser")
    team.sync(a), team.sync(b)
    assert account(a, acc).region == account(b, acc).region == c.loser_value
    assert a.read(list_conflicts) == [] and b.read(list_conflicts) == []
    (resolved,) = server_rows(team, "SELECT resolved_by_op FROM conflict WHERE field = 'region'")
    assert resolved[0] is not None


def test_a_delete_against_an_edit_keeps_the_record_and_shows_the_conflict(team, pair):
    a, b, acc = pair
    a.write(accounts.delete_account, acc)
    b.write(accounts.update_account, acc, region="广州")
    team.sync(a), team.sync(b), team.sync(a)
    for store in (a, b):
        shown = account(store, acc)
        assert shown.region == "广州"
        assert not deleted(store, acc)
        (c,) = store.read(list_conflicts)
        assert c.kind == "delete"
    # the other order: the edit reaches the server first, then the unseen delete
    a.write(accounts.update_account, acc, industry="电子")
    b.write(accounts.delete_account, acc)
    team.sync(a), team.sync(b), team.sync(a)
    for store in (a, b):
        assert not deleted(store, acc)
        assert account(store, acc).industry == "电子"
        assert len(store.read(list_conflicts)) == 2


def test_a_delete_seen_before_the_edit_is_no_conflict(team, pair):
    a, b, acc = pair
    a.write(accounts.delete_account, acc)
    team.sync(a), team.sync(b)
    assert deleted(b, acc)
    assert b.read(list_conflicts) == []


def test_a_resent_push_is_ignored(team, pair, monkeypatch):
    a, b, acc = pair
    a.write(accounts.update_account, acc, region="广州")
    real = laptop.drop_pushed
    calls = []

    def ack_lost(session, op_ids):
        calls.append(len(op_ids))
        raise ConnectionError("the acknowledgement was lost")

    monkeypatch.setattr(laptop, "drop_pushed", ack_lost)
    with pytest.raises(ConnectionError):
        team.sync(a)
    monkeypatch.setattr(laptop, "drop_pushed", real)
    assert a.read(laptop.pending_count) == calls[0] > 0  # still in the outbox
    again = team.sync(a)
    assert (again.pushed, again.resent) == (0, calls[0])
    (count,) = server_rows(team, "SELECT count(*) FROM change_log WHERE field = 'region' "
                                 "AND value = to_jsonb('广州'::text)")  # fmt: skip
    assert count[0] == 1
    team.sync(b)
    assert account(b, acc).region == "广州"


def test_a_push_killed_midway_leaves_nothing_half_done(team, pair, monkeypatch):
    a, b, acc = pair
    for n in range(5):
        a.write(contacts.create_contact, acc, f"联系人{n}")
    before = server_rows(team, "SELECT count(*) FROM change_log")[0][0]
    real = exchange._write

    def killed(conn, log, heads, conflicts):
        real(conn, log, heads, conflicts)
        raise KeyboardInterrupt  # the process dies before the commit

    monkeypatch.setattr(exchange, "_write", killed)
    with pytest.raises(KeyboardInterrupt):
        team.sync(a)
    assert server_rows(team, "SELECT count(*) FROM change_log")[0][0] == before
    monkeypatch.setattr(exchange, "_write", real)
    team.sync(a), team.sync(b)
    assert len(b.read(contacts.list_contacts, acc)) == 5


def test_a_pending_local_edit_survives_a_pull(team, pair, monkeypatch):
    a, b, acc = pair
    a.write(accounts.update_account, acc, region="广州")
    team.sync(a)
    b.write(accounts.update_account, acc, region="上海")  # made before b saw 广州
    # b pulls without pushing first (as a sync cut off after its pull would leave it)
    with team.engine.begin() as conn:
        page = exchange.pull(conn, b.read(laptop.state).cursor)
    applied = b.write(laptop.apply_heads, page.records, page.cursor)
    assert applied.rebased == 1
    assert account(b, acc).region == "上海"  # not overwritten
    team.sync(b), team.sync(a)
    assert account(a, acc).region == account(b, acc).region
    assert len(b.read(list_conflicts)) == 1  # the server saw b's edit was made without 广州


def test_clock_skew_of_hours_still_detects_the_conflict(team, pair, monkeypatch):
    a, b, acc = pair
    hours = 5 * 3600 * 1000
    # a's wall clock runs five hours ahead: its stamps are later, its edit still conflicts
    a.write(accounts.update_account, acc, region="广州")
    a.write(
        lambda s: s.connection().exec_driver_sql(
            f"UPDATE sync_mark SET edited_ms = edited_ms + {hours}"
        )
    )
    b.write(accounts.update_account, acc, region="上海")
    team.sync(b), team.sync(a), team.sync(b)
    (c,) = a.read(list_conflicts)
    assert (c.winner_value, c.loser_value) == ("广州", "上海")  # the later stamp wins
    assert account(a, acc).region == account(b, acc).region == "广州"


def test_search_finds_pulled_people_and_forgets_deleted_customers(team, pair):
    a, b, acc = pair
    a.write(contacts.create_contact, acc, "张伟", title="总经理")
    team.sync(a), team.sync(b)
    hits = b.read(search, "张伟")
    assert any(h.name == "张伟" for h in hits)
    assert any(h.name == "张伟" for h in b.read(search, "zw"))
    a.write(accounts.delete_account, acc)
    team.sync(a), team.sync(b)
    assert not any(h.name == "张伟" for h in b.read(search, "张伟"))


def test_a_customer_kept_by_a_delete_conflict_is_found_again_with_its_people(team, pair):
    a, b, acc = pair
    a.write(contacts.create_contact, acc, "张伟", title="总经理")
    team.sync(a), team.sync(b)
    a.write(accounts.delete_account, acc)
    assert not any(h.name == "张伟" for h in a.read(search, "张伟"))
    b.write(accounts.update_account, acc, region="广州")
    team.sync(a), team.sync(b), team.sync(a)  # the edit keeps it: a gets it back
    for store in (a, b):
        assert any(h.name == "张伟" and h.account_id == acc for h in store.read(search, "张伟"))
        assert any(h.id == acc for h in store.read(search, "华科"))


def test_a_server_without_the_schema_is_one_sentence(pg_url, pg_server, tmp_path):
    from trustdesk.services.store import open_store
    from trustdesk.sync import server
    from trustdesk.sync.run import sync_now

    engine = server.open_server(server.parse_address(pg_url), pg_server.password)
    store = open_store(tmp_path / "x.sqlite3")
    store.write(accounts.create_account, "华科", region="深圳")
    try:
        with pytest.raises(ServerError, match="server init"):
            sync_now(store, engine, "x")
        assert store.read(laptop.pending_count) >= 1  # nothing lost
    finally:
        store.close()
        engine.dispose()


def test_weeks_offline_across_a_server_upgrade_lose_nothing(pg_url, pg_server, tmp_path):
    """Laptop b last synced when the server had schema 0001; meanwhile the server was upgraded
    and b made over 10,000 field edits offline. Its next sync delivers every one."""
    from trustdesk.services.store import open_store
    from trustdesk.sync import server
    from trustdesk.sync.run import sync_now

    engine = server.open_server(server.parse_address(pg_url), pg_server.password)
    server.init_schema(engine, to="0001")
    a, b = open_store(tmp_path / "a.sqlite3"), open_store(tmp_path / "b.sqlite3")
    try:
        with pytest.raises(ServerError, match="server init"):
            sync_now(a, engine, "old")  # this version refuses the old schema, in a sentence
        acc = a.write(accounts.create_account, "深圳华科电子有限公司", region="深圳")
        others = [a.write(accounts.create_account, f"客户{n}", region="深圳").id for n in range(9)]
        server.init_schema(engine)  # upgraded while b is away
        sync_now(a, engine, "s"), sync_now(b, engine, "s")

        def many(session):  # an import while away, in one transaction
            for n in range(700):
                where = acc.id if n < 70 else others[n % 9]
                contacts.create_contact(
                    session, where, f"联系人{n:04d}", title="工程师", department="技术部",
                    phone=f"0755-{n:08d}", mobile=f"139{n:08d}", email=f"p{n}@example.com",
                    wechat=f"wx{n}", notes="拜访时带样品",
                )  # fmt: skip

        b.write(many)
        b.write(laptop.seal)
        pending = b.read(laptop.pending_count)
        assert pending >= 10_000
        result = sync_now(b, engine, "s")
        assert result.pushed == pending
        sync_now(a, engine, "s")
        assert len(a.read(contacts.list_contacts, acc.id)) == 70
        assert sum(len(a.read(contacts.list_contacts, o)) for o in others) == 630
        assert b.read(laptop.pending_count) == 0
    finally:
        a.close(), b.close()
        engine.dispose()


def test_a_new_laptop_sends_nothing_and_built_in_answers_edited_twice_conflict(team):
    from trustdesk.services import answers

    a, b = team.laptop("a"), team.laptop("b")
    assert a.read(laptop.pending_count) == 0  # the built-in answers are no edits
    first = team.sync(a)
    assert (first.pushed, first.new_conflicts) == (0, 0)
    built_in = a.read(answers.list_answers)[0]
    a.write(answers.update_answer, built_in.id, answer="我们的交货记录最稳定。")
    b.write(answers.update_answer, built_in.id, answer="欢迎实地参观。")
    team.sync(a), team.sync(b), team.sync(a)
    (c,) = a.read(list_conflicts)
    assert {c.winner_value, c.loser_value} == {"我们的交货记录最稳定。", "欢迎实地参观。"}
    assert a.read(answers.list_answers)[0].answer == b.read(answers.list_answers)[0].answer


def test_a_copied_file_syncs_as_a_new_laptop(team, pair):
    import shutil

    from trustdesk.services.store import open_store

    a, _b, acc = pair
    a.close()
    copy = team.folder / "copy.sqlite3"
    shutil.copy(team.folder / "a.sqlite3", copy)
    a = team.laptop("a")
    c = open_store(copy)
    team.laptops.append(c)
    assert c.read(laptop.state).device_id == a.read(laptop.state).device_id
    a.write(accounts.update_account, acc, region="广州")
    c.write(accounts.update_account, acc, region="上海")
    team.sync(a), team.sync(c), team.sync(a)
    assert c.read(laptop.state).device_id != a.read(laptop.state).device_id
    (conflict,) = c.read(list_conflicts)  # two laptops, not one: the edits conflict
    assert {conflict.winner_value, conflict.loser_value} == {"广州", "上海"}


def test_keeping_a_delete_or_the_other_name_updates_search(team, pair):
    a, b, acc = pair
    a.write(accounts.update_account, acc, name="华科电子")
    b.write(accounts.update_account, acc, name="华科集团")
    team.sync(a), team.sync(b), team.sync(a)
    (c,) = a.read(list_conflicts)
    a.write(resolve_conflict, c.id, "loser")
    assert acc in {h.id for h in a.read(search, c.loser_value)}
    assert acc not in {h.id for h in a.read(search, c.winner_value)}
