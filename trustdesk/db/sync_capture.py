"""OFF-3: every local edit of user data lands in the outbox, in the same transaction.

SQLite triggers, generated from the model, write the outbox: an ORM flush, a bulk
``update()`` and a driver ``executemany`` (the importer, the tier recompute) are all caught,
and a rolled-back write leaves no op behind. The triggers are plain SQL (no Python function
registered on the connection), so the file stays writable by the ``sqlite3`` command line and
every other program, and an edit made there is captured too.

What is captured (the rule, in one place):
- every table of the model except ``LOCAL_TABLES`` (the search index, which each laptop
  builds from the names, and this module's own bookkeeping);
- every column of such a table except: its primary key (that is the record id of every op),
  ``updated_at`` (stamped on every write: synchronising it would make two edits of different
  fields of one record collide on it; the applier of pulled changes stamps it), columns SQLite
  computes (never written) and ``LOCAL_COLUMNS`` (derived per laptop from synchronised data,
  recomputed on each laptop, each with its reason).

One op per field: an INSERT writes one op for every captured column that is not NULL (a
missing field of a new record is NULL) and one for ``deleted_at`` even when NULL (so a link
row, which is its key alone, is an op too); an UPDATE one op for each captured column whose value
changed (``OLD.x IS NOT NEW.x``); a soft delete is the op of ``deleted_at``. A link row whose
key changes (a merge moving a tag or a visit's person to the kept record) is a delete of the
old record (its ``deleted_at``) and every field of the new one.

Each op's stamp is ``domain.hlc``'s ``tick`` done in SQL on the clock kept in
``sync_device.clock``, so it never goes back, even when the wall clock does, and stays after
every stamp this laptop has received (a pull sets the clock by ``hlc.receive``). Its op id is
a ULID made in SQL (the stamp's milliseconds, then 80 random bits).

``refresh_triggers`` drops and re-creates every capture trigger from the model. Migration
0016 calls it, and so must every later migration that changes a table (a batch ALTER
rebuilds the table and drops its triggers; see migrations/script.py.mako).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from sqlalchemy import JSON, Column, Connection, Table

from trustdesk.db.base import new_id
from trustdesk.db.models import Base
from trustdesk.domain import hlc

TRIGGER_PREFIX = "sync_"

# Tables never captured, with the reason.
LOCAL_TABLES: dict[str, str] = {
    "search_doc": "the search index: rebuilt on each laptop from the names",
    "search_account": "the search index's per-customer prefixes: rebuilt from search_doc",
    "sync_device": "this laptop's own identity and clock",
    "outbox": "the captured ops themselves",
    "field_version": "where each local value came from: bookkeeping of the sync",
    "sync_flag": "the capture switch",
}

# Columns derived per laptop from synchronised data: each laptop recomputes them when the
# data they come from arrives, so they are never ops (a recompute on one laptop is no edit).
LOCAL_COLUMNS: dict[tuple[str, str], str] = {
    ("account", "sort_key"): "made from the name (domain.names.sort_key)",
    ("account", "tier"): "the tier recompute, from the customer's orders",
    ("account", "tier_value"): "the tier recompute, from the customer's orders",
    ("account", "risk_score"): "the dashboard's at-risk score, from visits, promises, complaints",
    ("account", "last_visit_at"): "the visit plan, from the customer's visits",
    ("account", "next_visit_due"): "the visit plan, from visits and the cadence",
    ("account", "last_survey_at"): "the survey plan, from the customer's surveys",
    ("account", "next_survey_due"): "the survey plan, from surveys and the cycle",
    ("contact", "sort_key"): "made from the name (domain.names.sort_key)",
    ("contact", "last_touch_at"): "the last visit with the person, from visits",
}

# Rows of captured tables that stay local (table, record id), with the reason.
LOCAL_ROWS: dict[tuple[str, str], str] = {
    ("team_setting", "tier-last-recompute"): "the basis and day of this laptop's last tier "
    "recompute: it goes with the tiers, which are derived per laptop",
}

ALIVE = "deleted_at"  # the soft-delete mark: set, the record is deleted

# Never captured on any table: stamped by every write (see the module's docstring).
STAMP_COLUMNS = frozenset({"updated_at"})

# Crockford's base32, the ULID alphabet.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_SILENT = "(SELECT silent FROM sync_flag WHERE id = 1) IS NOT 1"
_NOW_TEXT = "strftime('%Y-%m-%d %H:%M:%f000', 'now')"  # a UTCDateTime column's stored form


@dataclass(frozen=True, slots=True)
class Captured:
    """One captured table: its name, key columns and the columns whose edits are ops."""

    name: str
    key: tuple[str, ...]
    fields: tuple[str, ...]
    json_fields: frozenset[str]
    not_null: frozenset[str]


def is_captured_table(table: Table) -> bool:
    return table.name not in LOCAL_TABLES


def captured_fields(table: Table) -> list[Column[object]]:
    """The columns of ``table`` whose edits are ops (the rule in the module docstring)."""
    return [
        column
        for column in table.columns
        if not column.primary_key
        and column.name not in STAMP_COLUMNS
        and column.computed is None
        and (table.name, column.name) not in LOCAL_COLUMNS
    ]


def captured_tables(existing: dict[str, set[str]] | None = None) -> list[Captured]:
    """Every captured table of the model, as far as it exists in ``existing`` (table name →
    its columns in the database; None: as the model has it). A migration refreshing the
    triggers halfway through the chain sees only the tables and columns made so far."""
    out = []
    for table in Base.metadata.sorted_tables:
        if not is_captured_table(table):
            continue
        have = existing.get(table.name) if existing is not None else set(table.c.keys())
        if not have:
            continue
        fields = [c for c in captured_fields(table) if c.name in have]
        out.append(
            Captured(
                name=table.name,
                key=tuple(c.name for c in table.primary_key.columns),
                fields=tuple(c.name for c in fields),
                json_fields=frozenset(c.name for c in fields if isinstance(c.type, JSON)),
                not_null=frozenset(c.name for c in fields if not c.nullable),
            )
        )
    return out


def _record_id(key: Sequence[str], row: str) -> str:
    """The SQL of a row's record id: the key itself, or a JSON array of a composite key."""
    if len(key) == 1:
        return f"CAST({row}.{key[0]} AS TEXT)"
    return "json_array(" + ", ".join(f"{row}.{c}" for c in key) + ")"


def _value(table: Captured, field: str, row: str) -> str:
    """The SQL of a field's value as JSON text (JSON columns hold JSON text already)."""
    ref = f"{row}.{field}"
    if field in table.json_fields:
        return f"CASE WHEN json_valid({ref}) THEN json({ref}) ELSE json_quote({ref}) END"
    return f"json_quote({ref})"


def _ulid(ms: str) -> str:
    """The SQL of a ULID: 10 characters of the milliseconds ``ms``, 16 random ones."""
    time_part = [f"substr('{_ALPHABET}', (({ms} >> {45 - 5 * i}) & 31) + 1, 1)" for i in range(10)]
    random_part = [f"substr('{_ALPHABET}', (random() & 31) + 1, 1)" for _ in range(16)]
    return " || ".join(time_part + random_part)


# ``hlc.tick`` in SQL, on the clock in sync_device: the wall clock when it is past the last
# stamp, else the last stamp's time and the next counter (carrying into the milliseconds).
_MAX, _MS, _CT = hlc.MAX_COUNTER, hlc.MS_DIGITS, hlc.COUNTER_DIGITS
_TICK = (
    f"SELECT CASE WHEN now_ms > lp THEN now_ms WHEN lc >= {_MAX} THEN lp + 1 ELSE lp END AS p, "
    f"CASE WHEN now_ms > lp OR lc >= {_MAX} THEN 0 ELSE lc + 1 END AS c, dev "
    "FROM (SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) AS now_ms, "
    f"CAST(substr(clock, 1, {_MS}) AS INTEGER) AS lp, "
    f"CAST(substr(clock, {_MS + 2}, {_CT}) AS INTEGER) AS lc, device_id AS dev "
    "FROM sync_device WHERE id = 1)"
)
_STAMP = f"printf('%0{hlc.MS_DIGITS}d-%0{hlc.COUNTER_DIGITS}d-%s', p, c, dev)"


def op_statements(table: str, record_id: str, field: str, value: str, when: str = "") -> str:
    """The trigger statements of one op: the outbox row, the clock moved to its stamp, and
    the field's version. ``when``: an SQL condition for the op (all three statements test it:
    after an INSERT that wrote nothing, ``last_insert_rowid()`` names an older row)."""
    cond = f" AND {when}" if when else ""
    last = "(SELECT {col} FROM outbox WHERE seq = last_insert_rowid())"
    return (
        "INSERT INTO outbox (op_id, table_name, record_id, field, value, hlc, base_op, "
        f"created_at) SELECT {_ulid('p')}, '{table}', {record_id}, '{field}', {value}, "
        f"{_STAMP}, (SELECT op_id FROM field_version WHERE table_name = '{table}' AND "
        f"record_id = {record_id} AND field = '{field}'), {_NOW_TEXT} FROM ({_TICK}) "
        f"WHERE 1{cond};\n"
        f"UPDATE sync_device SET clock = max(clock, {last.format(col='hlc')}) "
        f"WHERE id = 1{cond};\n"
        "INSERT INTO field_version (table_name, record_id, field, op_id, hlc) "
        "SELECT table_name, record_id, field, op_id, hlc FROM outbox "
        f"WHERE seq = last_insert_rowid(){cond} "
        "ON CONFLICT (table_name, record_id, field) DO UPDATE "
        "SET op_id = excluded.op_id, hlc = excluded.hlc;\n"
    )


def _all_fields(table: Captured, row: str) -> str:
    """The ops of a new record ``row``: every field that is not NULL, and ``deleted_at``
    even when NULL (a link row is its key alone: it still makes an op, and a later delete
    is based on it).

    Three statements for the whole record, not three per field: the k-th field's stamp is
    the tick's counter plus k (carrying into the milliseconds), one INSERT writes them all
    in order, and the clock and the versions follow from the last ``fields`` outbox rows.
    An import of 100,000 contacts (2.05 million ops) took 85.5 s with three statements per
    field, 52.9 s so, against 15.5 s with no capture (tests/benchmarks/bench_capture.py)."""
    rid = _record_id(table.key, row)
    parts = []
    for k, field in enumerate(table.fields):
        always = field in table.not_null or field == ALIVE
        parts.append(
            f"SELECT {k} AS k, '{field}' AS field, {_value(table, field, row)} AS value"
            + ("" if always else f" WHERE {row}.{field} IS NOT NULL")
        )
    width = _MAX + 1
    fields = " UNION ALL ".join(parts)
    return (
        "INSERT INTO outbox (op_id, table_name, record_id, field, value, hlc, base_op, "
        f"created_at) SELECT {_ulid('p2')}, '{table.name}', {rid}, field, value, "
        f"printf('%0{_MS}d-%0{_CT}d-%s', p2, c2, dev), (SELECT op_id FROM field_version "
        f"WHERE table_name = '{table.name}' AND record_id = {rid} AND field = f.field), "
        f"{_NOW_TEXT} FROM (SELECT p + (c + k) / {width} AS p2, (c + k) % {width} AS c2, "
        f"dev, k, field, value FROM ({_TICK}) JOIN ({fields})) AS f ORDER BY k;\n"
        "UPDATE sync_device SET clock = max(clock, "
        "(SELECT hlc FROM outbox WHERE seq = last_insert_rowid())) WHERE id = 1;\n"
        "INSERT INTO field_version (table_name, record_id, field, op_id, hlc) "
        "SELECT table_name, record_id, field, op_id, hlc FROM outbox "
        f"WHERE seq > last_insert_rowid() - {len(table.fields)} "
        f"AND table_name = '{table.name}' AND record_id = {rid} "
        "ON CONFLICT (table_name, record_id, field) DO UPDATE "
        "SET op_id = excluded.op_id, hlc = excluded.hlc WHERE excluded.hlc > field_version.hlc;\n"
    )


def _captured_row(table: Captured, row: str) -> str:
    """The WHEN condition of a trigger: capture is on, and the row is not a local one."""
    local = sorted(rid for t, rid in LOCAL_ROWS if t == table.name)
    if not local:
        return _SILENT
    names = ", ".join("'" + rid.replace("'", "''") + "'" for rid in local)
    return f"{_SILENT} AND {_record_id(table.key, row)} NOT IN ({names})"


def trigger_sql(table: Captured) -> dict[str, str]:
    """Every capture trigger of ``table``: name → CREATE TRIGGER statement."""
    out: dict[str, str] = {}
    name = f"{TRIGGER_PREFIX}{table.name}"
    silent = _captured_row(table, "NEW")
    out[f"{name}_ins"] = (
        f"CREATE TRIGGER {name}_ins AFTER INSERT ON {table.name} WHEN {silent} BEGIN\n"
        f"{_all_fields(table, 'NEW')}END"
    )
    rid = _record_id(table.key, "NEW")
    for field in table.fields:
        out[f"{name}_upd_{field}"] = (
            f"CREATE TRIGGER {name}_upd_{field} AFTER UPDATE OF {field} ON {table.name} "
            f"WHEN OLD.{field} IS NOT NEW.{field} AND {silent} BEGIN\n"
            f"{op_statements(table.name, rid, field, _value(table, field, 'NEW'))}END"
        )
    if len(table.key) > 1:  # a link row moved to other records: delete the old, make the new
        moved = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in table.key)
        gone = op_statements(
            table.name, _record_id(table.key, "OLD"), "deleted_at", f"json_quote({_NOW_TEXT})"
        )
        out[f"{name}_rekey"] = (
            f"CREATE TRIGGER {name}_rekey AFTER UPDATE OF {', '.join(table.key)} "
            f"ON {table.name} WHEN ({moved}) AND {silent} BEGIN\n"
            f"{gone}{_all_fields(table, 'NEW')}END"
        )
    return out


def _existing_columns(connection: Connection) -> dict[str, set[str]]:
    tables = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
    ).scalars()
    return {
        name: {row[1] for row in connection.exec_driver_sql(f'PRAGMA table_info("{name}")')}
        for name in list(tables)
    }


def capture_triggers(connection: Connection) -> list[str]:
    """The names of the capture triggers in the database."""
    return list(
        connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '\\'",
            (TRIGGER_PREFIX.replace("_", "\\_") + "%",),
        ).scalars()
    )


def drop_triggers(connection: Connection) -> None:
    for name in capture_triggers(connection):
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')


def refresh_triggers(connection: Connection) -> int:
    """Drop every capture trigger and make them again from the model, for the tables and
    columns the database has now; make this laptop's device row and the switch if missing.
    Returns the number of triggers made. Called by migration 0016 and at the end of every
    later migration that changes a table."""
    ensure_device(connection)
    drop_triggers(connection)
    made = 0
    for table in captured_tables(_existing_columns(connection)):
        for sql in trigger_sql(table).values():
            connection.exec_driver_sql(sql)
            made += 1
    return made


def ensure_device(connection: Connection) -> str:
    """This laptop's device id, made (with its clock at zero) the first time."""
    device = connection.exec_driver_sql(
        "SELECT device_id FROM sync_device WHERE id = 1"
    ).scalar_one_or_none()
    if device is None:
        device = new_id()
        connection.exec_driver_sql(
            "INSERT INTO sync_device (id, device_id, name, clock, created_at) "
            f"VALUES (1, ?, ?, ?, {_NOW_TEXT})",
            (device, socket.gethostname()[:100], hlc.zero(device).encode()),
        )
    connection.exec_driver_sql("INSERT OR IGNORE INTO sync_flag (id, silent) VALUES (1, 0)")
    return str(device)


@contextmanager
def capture_paused(connection: Connection) -> Iterator[None]:
    """Inside the block (and the caller's transaction) the capture triggers write nothing:
    for applying pulled changes and building a demo, which are no edits to push. The switch
    goes back as it was at the end, so it is committed off; a rollback undoes it anyway."""
    before = connection.exec_driver_sql(
        "SELECT silent FROM sync_flag WHERE id = 1"
    ).scalar_one_or_none()
    restore = "INSERT OR REPLACE INTO sync_flag (id, silent) VALUES (1, ?)"
    connection.exec_driver_sql(restore, (1,))
    try:
        yield
    except BaseException:
        with suppress(Exception):  # the failed transaction is rolled back anyway
            connection.exec_driver_sql(restore, (before or 0,))
        raise
    connection.exec_driver_sql(restore, (before or 0,))
