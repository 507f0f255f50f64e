"""OFF-3: every local edit lands in the outbox, in the same transaction, with the op it was
based on; derived values, the demo and pulled changes (the switch) do not."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import update

from trustdesk import demo
from trustdesk.db import sync_capture
from trustdesk.db.engine import make_engine
from trustdesk.db.migrate import alembic_config
from trustdesk.db.models import Account, Base
from trustdesk.domain.hlc import Hlc
from trustdesk.errors import ValidationError
from trustdesk.services import accounts, contacts
from trustdesk.services.store import open_store

HOUR_MS = 3_600_000


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "sync.sqlite3")
    yield s
    s.close()


def ops(path: Path, after: int = 0, table: str | None = None) -> list[sqlite3.Row]:
    """The outbox rows past ``seq`` ``after``, read with the plain sqlite3 module."""
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        sql = "SELECT * FROM outbox WHERE seq > ?" + (" AND table_name = ?" if table else "")
        args = (after, table) if table else (after,)
        return conn.execute(sql + " ORDER BY seq", args).fetchall()


def last_seq(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0]


def test_a_new_record_is_one_op_per_field_that_has_a_value(store):
    acc = store.write(accounts.create_account, "深圳华科电子有限公司", industry="电子")
    account_ops = ops(store.path, table="account")
    fields = {op["field"]: json.loads(op["value"]) for op in account_ops}
    assert {op["record_id"] for op in account_ops} == {acc.id}
    assert fields["name"] == "深圳华科电子有限公司"
    assert fields["industry"] == "电子"
    assert fields["stage"] == "skeptic"
    assert fields["do_not_serve"] == 0
    # NULLs are no ops; derived columns and the write stamp never are.
    assert "lost_reason" not in fields and fields["deleted_at"] is None  # alive: always an op
    assert not {"sort_key", "updated_at", "id", "next_visit_due", "tier"} & set(fields)
    assert all(op["base_op"] is None for op in account_ops)  # first values


def test_an_edit_through_a_service_writes_exactly_the_changed_fields(store):
    acc = store.write(accounts.create_account, "Northwind", industry="logistics")
    before = last_seq(store.path)
    store.write(accounts.update_account, acc.id, industry="shipping", region="Shenzhen")
    new = ops(store.path, before, "account")
    assert sorted((op["field"], json.loads(op["value"])) for op in new) == [
        ("industry", "shipping"),
        ("region", "Shenzhen"),
    ]
    # The field history rows the edit wrote are user data too, captured as new records.
    history = ops(store.path, before, "field_change")
    assert {json.loads(op["value"]) for op in history if op["field"] == "field"} == {
        "industry",
        "region",
    }


def test_a_rolled_back_write_leaves_no_op(store):
    acc = store.write(accounts.create_account, "Northwind")
    before = last_seq(store.path)

    def edit_then_fail(session):
        accounts.update_account(session, acc.id, industry="shipping")
        session.execute(update(Account).where(Account.id == acc.id).values(region="Lhasa"))
        raise ValidationError("no", "industry", zh="不")

    with pytest.raises(ValidationError):
        store.write(edit_then_fail)
    assert ops(store.path, before) == []
    assert store.read(accounts.get_account, acc.id).industry == ""


def test_each_edit_is_based_on_the_op_of_the_value_it_replaced(store):
    acc = store.write(accounts.create_account, "Northwind", industry="logistics")
    (created,) = [op for op in ops(store.path, table="account") if op["field"] == "industry"]
    store.write(accounts.update_account, acc.id, industry="shipping")
    store.write(accounts.update_account, acc.id, industry="freight")
    first, second = [
        op for op in ops(store.path, created["seq"], "account") if op["field"] == "industry"
    ]
    assert first["base_op"] == created["op_id"]
    assert second["base_op"] == first["op_id"]
    with sqlite3.connect(store.path) as conn:
        version = conn.execute(
            "SELECT op_id, hlc FROM field_version WHERE table_name = 'account' "
            "AND record_id = ? AND field = 'industry'",
            (acc.id,),
        ).fetchone()
    assert version == (second["op_id"], second["hlc"])


def test_a_soft_delete_is_one_op(store):
    acc = store.write(accounts.create_account, "Northwind")
    before = last_seq(store.path)
    store.write(accounts.delete_account, acc.id)
    (gone,) = ops(store.path, before)
    assert (gone["table_name"], gone["record_id"], gone["field"]) == (
        "account",
        acc.id,
        "deleted_at",
    )
    assert json.loads(gone["value"]).startswith(time.strftime("%Y-%m-%d", time.gmtime()))


def test_a_raw_driver_update_from_another_program_is_captured(store):
    acc = store.write(accounts.create_account, "Northwind")
    before = last_seq(store.path)
    # The sqlite3 module with no TrustDesk function registered: the triggers are plain SQL.
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE account SET phone = '0755-1234' WHERE id = ?", (acc.id,))
        conn.execute("UPDATE account SET phone = '0755-1234' WHERE id = ?", (acc.id,))  # same
    (op,) = ops(store.path, before)
    assert (op["field"], json.loads(op["value"])) == ("phone", "0755-1234")
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{26}", op["op_id"])


def test_derived_columns_written_by_the_tier_recompute_are_not_captured(store):
    acc = store.write(accounts.create_account, "Northwind")
    before = last_seq(store.path)
    with sqlite3.connect(store.path) as conn:
        conn.execute(
            "UPDATE account SET tier = 'a', tier_value = 900, risk_score = 40, "
            "next_visit_due = '2030-01-01', updated_at = '2030-01-01 00:00:00' WHERE id = ?",
            (acc.id,),
        )
    assert ops(store.path, before) == []


def test_nothing_is_captured_while_the_switch_is_on(store):
    acc = store.write(accounts.create_account, "Northwind")
    before = last_seq(store.path)

    def pulled(session):
        with sync_capture.capture_paused(session.connection()):
            accounts.update_account(session, acc.id, industry="shipping")
            contacts.create_contact(session, acc.id, "张三")

    store.write(pulled)
    assert ops(store.path, before) == []
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT silent FROM sync_flag").fetchall() == [(0,)]
    store.write(accounts.update_account, acc.id, industry="freight")  # on again after it
    assert [op["field"] for op in ops(store.path, before, "account")] == ["industry"]


def test_a_demo_is_built_without_capture(store):
    made, people = store.write(demo.generate, 12, seed=2)
    assert made == 12 and people > 0
    assert ops(store.path) == []


def test_stamps_strictly_increase_even_after_a_clock_hours_ahead(store):
    acc = store.write(accounts.create_account, "Northwind")
    with sqlite3.connect(store.path) as conn:
        (device,) = conn.execute("SELECT device_id FROM sync_device").fetchone()
        ahead = Hlc(int(time.time() * 1000) + 5 * HOUR_MS, 7, device)
        # As after a pull from a laptop whose clock runs five hours ahead.
        conn.execute("UPDATE sync_device SET clock = ?", (ahead.encode(),))
    before = last_seq(store.path)
    for n in range(5):
        store.write(accounts.update_account, acc.id, industry=f"industry {n}")
    stamps = [Hlc.decode(op["hlc"]) for op in ops(store.path, before, "account")]
    assert stamps[0] == Hlc(ahead.physical_ms, 8, device)
    assert all(a < b for a, b in zip([ahead, *stamps], stamps, strict=False))
    all_stamps = [op["hlc"] for op in ops(store.path)]
    assert all_stamps == sorted(all_stamps) and len(set(all_stamps)) == len(all_stamps)


def test_a_link_row_is_keyed_by_its_whole_key(store):
    acc = store.write(accounts.create_account, "Northwind", tags=["重点"])
    (link,) = {op["record_id"] for op in ops(store.path, table="account_tag")}
    account_id, tag_id = json.loads(link)
    assert account_id == acc.id and tag_id


def _model_fields() -> dict[str, set[str]]:
    """Every column the rule says is captured, worked out here from the model itself."""
    out = {}
    for table in Base.metadata.sorted_tables:
        if table.name in sync_capture.LOCAL_TABLES:
            continue
        out[table.name] = {
            c.name
            for c in table.columns
            if not c.primary_key
            and c.name != "updated_at"
            and c.computed is None
            and (table.name, c.name) not in sync_capture.LOCAL_COLUMNS
        }
    return out


def _triggers(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))


def assert_every_table_and_column_captured(path: Path) -> None:
    triggers = _triggers(path)
    inserts = {
        m[1]
        for sql in triggers.values()
        if (m := re.match(r"CREATE TRIGGER \w+ AFTER INSERT ON (\w+)", sql))
    }
    updates = {
        (m[2], m[1])
        for sql in triggers.values()
        if (m := re.match(r"CREATE TRIGGER \w+ AFTER UPDATE OF (\w+) ON (\w+)", sql))
    }
    for table, fields in _model_fields().items():
        assert table in inserts, f"{table} has no capture trigger on INSERT"
        missing = {f for f in fields if (table, f) not in updates}
        assert not missing, f"{table}: no capture trigger on UPDATE of {sorted(missing)}"


def test_every_user_data_table_and_column_has_its_trigger(store):
    assert_every_table_and_column_captured(store.path)


def test_the_check_fails_when_a_table_lost_its_triggers(store):
    # What a later migration's batch ALTER does to a table when it forgets refresh_triggers.
    with sqlite3.connect(store.path) as conn:
        conn.execute("DROP TRIGGER sync_visit_upd_notes")
    with pytest.raises(AssertionError, match="visit: no capture trigger on UPDATE of"):
        assert_every_table_and_column_captured(store.path)


def test_every_new_record_makes_at_least_one_op():
    # A table with neither deleted_at nor a NOT NULL field could insert a row with no op.
    for table in Base.metadata.sorted_tables:
        if table.name in sync_capture.LOCAL_TABLES:
            continue
        fields = _model_fields()[table.name]
        assert "deleted_at" in fields or any(not table.c[f].nullable for f in fields), table.name


def test_local_lists_name_real_tables_and_columns():
    tables = Base.metadata.tables
    assert set(sync_capture.LOCAL_TABLES) <= set(tables)
    for table, column in sync_capture.LOCAL_COLUMNS:
        assert column in tables[table].c, (table, column)


def test_a_database_upgraded_from_an_old_schema_gets_the_triggers(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0015")
    engine.dispose()
    old = open_store(path)  # opening migrates to head
    try:
        assert old.migrated
        acc = old.write(accounts.create_account, "Northwind")
        assert_every_table_and_column_captured(path)
        before = last_seq(path)
        old.write(accounts.update_account, acc.id, website="northwind.example")
        assert [op["field"] for op in ops(path, before, "account")] == ["website"]
    finally:
        old.close()


def test_a_link_row_moved_to_another_record_deletes_the_old_and_makes_the_new(store):
    acc = store.write(accounts.create_account, "Northwind", tags=["重点"])
    other = store.write(accounts.create_account, "Contoso")
    before = last_seq(store.path)
    # What a merge does to the links of the customer it drops.
    with sqlite3.connect(store.path) as conn:
        (tag_id,) = conn.execute("SELECT tag_id FROM account_tag").fetchone()
        conn.execute("UPDATE account_tag SET account_id = ?", (other.id,))
    moved = {
        (tuple(json.loads(op["record_id"])), op["field"]): json.loads(op["value"])
        for op in ops(store.path, before)
    }
    assert set(moved) == {((acc.id, tag_id), "deleted_at"), ((other.id, tag_id), "deleted_at")}
    assert moved[(acc.id, tag_id), "deleted_at"] is not None  # the old link: deleted
    assert moved[(other.id, tag_id), "deleted_at"] is None  # the new one: alive


def test_the_last_tier_recompute_setting_stays_local(store):
    from trustdesk.services import tiers

    store.write(tiers.recompute_tiers)
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT count(*) FROM team_setting").fetchone()[0] >= 1
    assert ops(store.path, table="team_setting") == []
