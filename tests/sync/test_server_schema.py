"""The team server's schema on a real PostgreSQL: made by alembic, read back through
information_schema, matching the models, safe to make twice or twice at once, refusing a
database that is not ours. And the address rules: PostgreSQL only, never a password in it."""

from __future__ import annotations

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from trustdesk.errors import ServerError
from trustdesk.sync import server
from trustdesk.sync.server_models import VERSION_TABLE, ChangeLog, Conflict, Device, ServerBase


@pytest.fixture
def engine(pg_url, pg_server):
    eng = server.open_server(server.parse_address(pg_url), pg_server.password)
    yield eng
    eng.dispose()


def _columns(engine) -> dict[str, dict[str, tuple[str, str]]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT table_name, column_name, data_type, is_nullable "
                "FROM information_schema.columns WHERE table_schema = 'public'"
            )
        ).all()
    tables: dict[str, dict[str, tuple[str, str]]] = {}
    for table, column, kind, nullable in rows:
        tables.setdefault(table, {})[column] = (kind, nullable)
    return tables


def _change(op_id: str, **overrides) -> dict:
    row = {
        "op_id": op_id,
        "device_id": "laptop-a",
        "table_name": "account",
        "record_id": "01J0000000000000000000000A",
        "field": "name",
        "value": "华科",
        "hlc": "0001732370000000-0000-laptop-a",
        "base_op": None,
    }
    return row | overrides


def test_init_creates_the_four_tables_with_their_columns(engine):
    result = server.init_schema(engine)

    assert (result.before, result.after, result.migrated) == (None, server.schema_head(), True)
    tables = _columns(engine)
    assert set(tables) == {"change_log", "field_state", "conflict", "device", VERSION_TABLE}
    log = tables["change_log"]
    assert log["seq"] == ("bigint", "NO")
    assert log["value"] == ("jsonb", "NO")
    assert log["hlc"] == ("text", "NO")
    assert log["base_op"] == ("text", "YES")
    assert log["pushed_at"] == ("timestamp with time zone", "NO")
    assert set(tables["field_state"]) == {
        "table_name", "record_id", "field", "head_op", "value", "hlc", "device_id", "head_seq",
    }  # fmt: skip
    assert {"winner_value", "loser_value", "winner_device", "loser_device", "winner_hlc",
            "loser_hlc", "detected_at"} <= set(tables["conflict"])  # fmt: skip
    assert tables["conflict"]["resolved_by_op"] == ("text", "YES")
    assert set(tables["device"]) == {
        "device_id", "name", "first_seen", "last_seen", "last_push_seq", "last_pull_seq",
    }  # fmt: skip


def test_the_log_numbers_ops_in_order_and_takes_an_op_id_once(engine):
    server.init_schema(engine)
    with engine.begin() as conn:
        seqs = [
            conn.execute(insert(ChangeLog).values(_change(op)).returning(ChangeLog.seq)).scalar()
            for op in ("op-1", "op-2", "op-3")
        ]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(ChangeLog).values(_change("op-2", value="other")))
    with engine.connect() as conn:
        values = conn.execute(text("SELECT op_id, value FROM change_log ORDER BY seq")).all()
    assert values == [("op-1", "华科"), ("op-2", "华科"), ("op-3", "华科")]


def test_models_and_the_server_migration_agree(engine):
    server.init_schema(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"version_table": VERSION_TABLE, "compare_type": True}
        )
        assert compare_metadata(context, ServerBase.metadata) == []


def test_init_twice_keeps_the_schema_and_the_data(engine):
    server.init_schema(engine)
    with engine.begin() as conn:
        conn.execute(insert(ChangeLog).values(_change("op-kept")))

    again = server.init_schema(engine)

    head = server.schema_head()
    assert (again.before, again.after, again.migrated) == (head, head, False)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT op_id FROM change_log")).scalars().all() == ["op-kept"]


def test_two_inits_at_once_both_finish_and_create_once(engine, pg_url, pg_server):
    other = server.open_server(server.parse_address(pg_url), pg_server.password)
    results: list[server.SchemaResult] = []
    errors: list[BaseException] = []

    def run(eng) -> None:
        try:
            results.append(server.init_schema(eng))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(e,)) for e in (engine, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    other.dispose()

    assert errors == []
    # one made it, one found it
    assert sorted(r.before or "" for r in results) == ["", server.schema_head()]


def test_a_database_with_other_tables_is_refused_and_left_alone(engine):
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id int)"))

    with pytest.raises(ServerError) as refused:
        server.init_schema(engine)

    assert refused.value.kind == "foreign"
    assert "another program's tables" in str(refused.value)
    assert set(_columns(engine)) == {"invoices"}


def test_a_newer_schema_is_refused(engine):
    server.init_schema(engine)
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '9999'"))

    with pytest.raises(ServerError) as refused:
        server.init_schema(engine)

    assert refused.value.kind == "newer"
    assert "newer TrustDesk schema (9999)" in str(refused.value)


def test_status_counts_ops_conflicts_and_devices(engine):
    server.init_schema(engine)
    with engine.begin() as conn:
        conn.execute(insert(ChangeLog), [_change("a"), _change("b"), _change("c")])
        conflict = {
            "table_name": "account", "record_id": "r1", "field": "name",
            "winner_op": "b", "loser_op": "a", "winner_value": "B", "loser_value": None,
            "winner_device": "laptop-b", "loser_device": "laptop-a",
            "winner_hlc": "2", "loser_hlc": "1", "resolved_by_op": None,
        }  # fmt: skip
        conn.execute(
            insert(Conflict), [conflict, conflict | {"loser_op": "c", "resolved_by_op": "d"}]
        )
        conn.execute(
            insert(Device).values(device_id="laptop-a", name="Li's laptop", last_push_seq=3)
        )
        conn.execute(insert(Device).values(device_id="laptop-b"))

    status = server.server_status(engine)

    assert (status.revision, status.head) == (server.schema_head(), server.schema_head())
    assert (status.changes, status.conflicts, status.open_conflicts) == (3, 2, 1)
    assert [(d.device_id, d.name, d.last_push_seq) for d in status.devices] == [
        ("laptop-a", "Li's laptop", 3),
        ("laptop-b", None, None),
    ]


def test_a_json_null_value_is_kept_apart_from_text(engine):
    """An emptied field is JSON null in the log, not SQL NULL and not the text 'null'."""
    server.init_schema(engine)
    with engine.begin() as conn:
        conn.execute(insert(ChangeLog), [_change("x", value=None), _change("y", value="null")])
    with engine.connect() as conn:
        kinds = conn.execute(
            text("SELECT op_id, jsonb_typeof(value) FROM change_log ORDER BY op_id")
        ).all()
    assert kinds == [("x", "null"), ("y", "string")]


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("sqlite:///team.sqlite3", "The team server must be PostgreSQL."),
        ("mysql+pymysql://sales@db/crm", "The team server must be PostgreSQL."),
        ("team server please", "That is not a server address."),
        ("postgresql+psycopg://sales@db:5432", "The address names no database."),
        ("postgresql://sales:Hunter2Secret@db/crm", "must not hold the password"),
        ("postgresql://sales@db/crm?password=Hunter2Secret", "must not hold the password"),
    ],
)
def test_addresses_that_are_not_a_postgresql_server_without_password_are_refused(address, words):
    with pytest.raises(ServerError) as refused:
        server.parse_address(address)
    assert words in refused.value.text("en")
    assert refused.value.text("zh") != refused.value.text("en")
    for lang in ("en", "zh"):
        assert "Hunter2Secret" not in refused.value.text(lang)


def test_postgresql_addresses_go_through_psycopg():
    url = server.parse_address("postgresql://sales@db.example:6543/crm")
    assert url.drivername == "postgresql+psycopg"
    assert server.where(url) == "db.example:6543/crm"
