"""OFF-3: every edit of user data is marked for the server in its own transaction, however it
is written, and nothing else is; a table or column without its trigger fails here."""

from __future__ import annotations

import re
import sqlite3

import pytest
from sqlalchemy import update

from tests.fresh import fresh_database
from trustdesk.db.models import Account, Base
from trustdesk.db.sync_capture import (
    LOCAL_COLUMNS,
    LOCAL_TABLES,
    STAMP_COLUMNS,
    capture_paused,
    captured_tables,
)
from trustdesk.paths import shipped_dir
from trustdesk.services import accounts, contacts
from trustdesk.services.store import open_store
from trustdesk.sync import laptop


@pytest.fixture
def store(tmp_path):
    s = open_store(fresh_database(tmp_path / "c.sqlite3"))
    s.write(lambda session: session.connection().exec_driver_sql("DELETE FROM sync_mark"))
    yield s
    s.close()


def marks(store) -> set[tuple[str, str]]:
    return set(
        store.read(
            lambda s: [
                tuple(r)
                for r in s.connection().exec_driver_sql(
                    "SELECT table_name, record_id FROM sync_mark"
                )
            ]
        )
    )


def test_every_table_and_column_of_user_data_has_its_trigger(store):
    triggers = dict(
        store.read(
            lambda s: (
                s.connection()
                .exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
                .all()
            )
        )
    )
    for table in Base.metadata.sorted_tables:
        if table.name in LOCAL_TABLES:
            continue
        for event in ("ins", "upd", "del"):
            assert f"sync_mark_{table.name}_{event}" in triggers, f"{table.name} has no {event}"
        watched = re.search(r"AFTER UPDATE OF (.*?) ON", triggers[f"sync_mark_{table.name}_upd"])
        assert watched is not None
        columns = {c.strip() for c in watched[1].split(",")}
        for column in table.columns:
            local = (table.name, column.name) in LOCAL_COLUMNS
            if column.name in STAMP_COLUMNS or column.computed is not None or local:
                assert column.name not in columns or column.primary_key
            else:
                assert column.name in columns, f"{table.name}.{column.name} is not captured"


def test_new_migrations_keep_the_triggers_current():
    template = (shipped_dir("migrations") / "script.py.mako").read_text()
    assert "refresh_triggers(op.get_bind())" in template


def test_an_orm_edit_a_bulk_update_and_another_program_are_all_marked(store, tmp_path):
    acc = store.write(accounts.create_account, "华科", region="深圳")
    person = store.write(contacts.create_contact, acc.id, "张伟")
    assert {("account", acc.id), ("contact", person.id)} <= marks(store)
    store.write(lambda s: s.connection().exec_driver_sql("DELETE FROM sync_mark"))
    store.write(lambda s: s.execute(update(Account).values(industry="电子")))
    assert ("account", acc.id) in marks(store)
    store.write(lambda s: s.connection().exec_driver_sql("DELETE FROM sync_mark"))
    with sqlite3.connect(tmp_path / "c.sqlite3") as other:  # e.g. the sqlite3 command line
        other.execute("UPDATE contact SET title = '总经理' WHERE id = ?", (person.id,))
    assert marks(store) == {("contact", person.id)}


def test_a_rolled_back_edit_leaves_no_mark(store):
    acc = store.write(accounts.create_account, "华科", region="深圳")
    store.write(lambda s: s.connection().exec_driver_sql("DELETE FROM sync_mark"))
    with pytest.raises(RuntimeError):

        def fails(session):
            accounts.update_account(session, acc.id, region="广州")
            raise RuntimeError

        store.write(fails)
    assert marks(store) == set()


def test_derived_columns_and_paused_capture_mark_nothing(store):
    acc = store.write(accounts.create_account, "华科", region="深圳")
    store.write(lambda s: s.connection().exec_driver_sql("DELETE FROM sync_mark"))
    store.write(
        lambda s: s.connection().exec_driver_sql(
            "UPDATE account SET tier = 'key', risk_score = 3, next_visit_due = '2026-12-01'"
        )
    )
    assert marks(store) == set()

    def paused(session):
        with capture_paused(session.connection()):
            accounts.update_account(session, acc.id, region="广州")

    store.write(paused)
    assert marks(store) == set()
    assert store.read(laptop.state).device_id  # and capture is on again afterwards
    store.write(accounts.update_account, acc.id, region="上海")
    assert ("account", acc.id) in marks(store)


def test_a_seal_makes_one_op_per_changed_field_based_on_the_last(store):
    acc = store.write(accounts.create_account, "华科", region="深圳")
    store.write(laptop.seal)
    first = {o.field: o for o in store.read(laptop.outbox_batch, 1000) if o.record_id == acc.id}
    assert first["name"].value == "华科" and first["name"].base_op is None
    assert "deleted_at" in first  # a new record's alive mark, so a delete has a base
    store.write(accounts.update_account, acc.id, region="广州")
    store.write(accounts.update_account, acc.id, region="上海")  # two edits, one op
    store.write(laptop.seal)
    later = [
        o
        for o in store.read(laptop.outbox_batch, 1000)
        if o.record_id == acc.id and o.op_id not in {x.op_id for x in first.values()}
    ]
    assert [(o.field, o.value) for o in later] == [("region", "上海")]
    assert later[0].base_op == first["region"].op_id
    assert later[0].hlc > first["region"].hlc


def test_captured_tables_cover_the_model():
    names = {t.name for t in captured_tables()}
    assert names == {t.name for t in Base.metadata.sorted_tables} - set(LOCAL_TABLES)
