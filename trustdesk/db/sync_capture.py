"""OFF-3: every local edit of user data is marked for the team server in its own transaction.

A trigger per table and event, generated from the model, writes one ``sync_mark`` row per
edited record: an ORM flush, a bulk ``update()``, a driver ``executemany`` (the importer) and
the ``sqlite3`` command line are all caught, and a rolled-back edit leaves no mark. A sync
first *seals* the marks into field ops (``sync.seal``): it compares each marked row with its
shadow (the value and op each field last came from) and makes one op per changed field, with
the shadow's op as its base. An edit therefore costs one small upsert, whatever its number of
fields; the ops are made once per sync, not once per keystroke.

Why marks and a seal rather than an op row per field in every trigger (the issue's sketch):
that design was built and measured first (branch wt-outbox): 2.05 million op rows for an
import of 100,000 contacts, the import 15.5 s → 52.9 s, and the test suite 3 minutes slower.
Two edits of one field between syncs make one op here, with the later value: the server
never needed the value in between.

What is captured (the rule, in one place): every table of the model except ``LOCAL_TABLES``;
every column except the key (the record id of every op), ``updated_at`` (stamped on every
write; the applier of pulled changes stamps it), computed columns and ``LOCAL_COLUMNS``
(derived per laptop from synchronised data, each with its reason).

``refresh_triggers`` drops and re-creates every capture trigger from the model. Migration
0016 calls it, and so must every later migration that changes a table (a batch ALTER
rebuilds the table and drops its triggers; see migrations/script.py.mako).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Column, Connection, Table

from trustdesk.db.base import new_id
from trustdesk.db.models import Base
from trustdesk.domain import hlc

TRIGGER_PREFIX = "sync_mark_"

# Tables never captured, with the reason.
LOCAL_TABLES: dict[str, str] = {
    "search_doc": "the search index: rebuilt on each laptop from the names",
    "search_account": "the search index's per-customer prefixes: rebuilt from search_doc",
    "sync_state": "this laptop's own identity, clock and cursor",
    "sync_mark": "the marks themselves",
    "sync_shadow": "where each local value came from: bookkeeping of the sync",
    "outbox": "the sealed ops",
    "sync_conflict": "a copy of the server's conflicts",
}

# This laptop's own sync bookkeeping: no user data (not exported, not compared).
SYNC_BOOKKEEPING = frozenset({"sync_state", "sync_mark", "sync_shadow", "outbox", "sync_conflict"})

# Columns derived per laptop from synchronised data: each laptop recomputes them when the
# data they come from arrives, so they are never ops (a recompute on one laptop is no edit,
# and two laptops logging visits must not "conflict" on the last-visit day).
LOCAL_COLUMNS: dict[tuple[str, str], str] = {
    ("account", "sort_key"): "made from the name (domain.names.sort_key; holds a NUL, which "
    "PostgreSQL's JSON cannot)",
    ("contact", "sort_key"): "made from the name (domain.names.sort_key)",
    ("account", "tier"): "the tier recompute, from the customer's orders",
    ("account", "tier_value"): "the tier recompute, from the customer's orders",
    ("account", "risk_score"): "the dashboard's at-risk score, from visits, promises, complaints",
    ("account", "last_visit_at"): "the visit plan, from the customer's visits",
    ("account", "next_visit_due"): "the visit plan, from visits and the cadence",
    ("account", "last_survey_at"): "the survey plan, from the customer's surveys",
    ("account", "next_survey_due"): "the survey plan, from surveys and the cycle",
    ("contact", "last_touch_at"): "the last visit with the person, from visits",
}

# Rows of captured tables that stay local (table, record id), with the reason.
LOCAL_ROWS: dict[tuple[str, str], str] = {
    ("team_setting", "tier-last-recompute"): "the basis and day of this laptop's last tier "
    "recompute: it goes with the tiers, which are derived per laptop",
}

ALIVE = "deleted_at"  # the soft-delete mark: set, the record is deleted
STAMP_COLUMNS = frozenset({"updated_at"})

_ACTIVE = "(SELECT paused FROM sync_state WHERE id = 1) IS NOT 1"
_NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"


@dataclass(frozen=True, slots=True)
class Captured:
    """One captured table: its name, key columns and the columns whose edits are ops."""

    name: str
    key: tuple[str, ...]
    fields: tuple[str, ...]
    stamped: bool  # has ``updated_at``


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
    """Every captured table of the model in dependency order (parents first), as far as it
    exists in ``existing`` (table → its columns in the database; None: as the model has it).
    A migration refreshing the triggers midway sees only the tables and columns made so far."""
    out = []
    for table in Base.metadata.sorted_tables:
        if table.name in LOCAL_TABLES:
            continue
        have = existing.get(table.name) if existing is not None else set(table.c.keys())
        if not have:
            continue
        out.append(
            Captured(
                name=table.name,
                key=tuple(c.name for c in table.primary_key.columns),
                fields=tuple(c.name for c in captured_fields(table) if c.name in have),
                stamped="updated_at" in have,
            )
        )
    return out


def record_id_of(key_values: Sequence[object]) -> str:
    """A row's record id: its key, or a JSON array of a composite key (as SQL's
    ``json_array`` writes it, so triggers and Python agree)."""
    if len(key_values) == 1:
        return str(key_values[0])
    return json.dumps(list(key_values), separators=(",", ":"), ensure_ascii=False)


def key_values_of(table: Captured, record_id: str) -> list[object]:
    if len(table.key) == 1:
        return [record_id]
    return list(json.loads(record_id))


def _record_id_sql(key: Sequence[str], row: str) -> str:
    if len(key) == 1:
        return f"CAST({row}.{key[0]} AS TEXT)"
    return "json_array(" + ", ".join(f"{row}.{c}" for c in key) + ")"


def _mark(table: Captured, row: str) -> str:
    return (
        "INSERT INTO sync_mark (table_name, record_id, edited_ms, seen_seq) "
        f"VALUES ('{table.name}', {_record_id_sql(table.key, row)}, {_NOW_MS}, "
        "(SELECT cursor FROM sync_state WHERE id = 1)) "
        "ON CONFLICT (table_name, record_id) DO UPDATE SET edited_ms = excluded.edited_ms;\n"
    )


def _when(table: Captured, row: str) -> str:
    local = sorted(rid for t, rid in LOCAL_ROWS if t == table.name)
    if not local:
        return _ACTIVE
    names = ", ".join("'" + rid.replace("'", "''") + "'" for rid in local)
    return f"{_ACTIVE} AND {_record_id_sql(table.key, row)} NOT IN ({names})"


def trigger_sql(table: Captured) -> dict[str, str]:
    """The capture triggers of ``table``: name → CREATE TRIGGER statement. An UPDATE fires
    only for captured columns (a tier recompute marks nothing); a changed key (a merge moving
    a link row) marks the old record and the new; a hard delete marks the record gone."""
    name = f"{TRIGGER_PREFIX}{table.name}"
    columns = ", ".join(dict.fromkeys((*table.fields, *table.key)))
    moved = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in table.key)
    return {
        f"{name}_ins": f"CREATE TRIGGER {name}_ins AFTER INSERT ON {table.name} "
        f"WHEN {_when(table, 'NEW')} BEGIN\n{_mark(table, 'NEW')}END",
        f"{name}_upd": f"CREATE TRIGGER {name}_upd AFTER UPDATE OF {columns} ON {table.name} "
        f"WHEN {_when(table, 'NEW')} BEGIN\n{_mark(table, 'NEW')}"
        f"INSERT INTO sync_mark (table_name, record_id, edited_ms, seen_seq) SELECT "
        f"'{table.name}', {_record_id_sql(table.key, 'OLD')}, {_NOW_MS}, "
        f"(SELECT cursor FROM sync_state WHERE id = 1) WHERE {moved} "
        "ON CONFLICT (table_name, record_id) DO UPDATE SET edited_ms = excluded.edited_ms;\n"
        "END",
        f"{name}_del": f"CREATE TRIGGER {name}_del AFTER DELETE ON {table.name} "
        f"WHEN {_when(table, 'OLD')} BEGIN\n{_mark(table, 'OLD')}END",
    }


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


def refresh_triggers(connection: Connection) -> int:
    """Drop every capture trigger and make them again from the model, for the tables and
    columns the database has now; make this laptop's sync state if missing. Returns the
    number of triggers made."""
    ensure_state(connection)
    drop_triggers(connection)
    made = 0
    for table in captured_tables(_existing_columns(connection)):
        for sql in trigger_sql(table).values():
            connection.exec_driver_sql(sql)
            made += 1
    return made


def ensure_state(connection: Connection) -> str:
    """This laptop's device id, made (with its clock at zero) the first time."""
    device = connection.exec_driver_sql(
        "SELECT device_id FROM sync_state WHERE id = 1"
    ).scalar_one_or_none()
    if device is None:
        device = new_id()
        connection.exec_driver_sql(
            "INSERT INTO sync_state (id, device_id, name, clock, cursor, paused) "
            "VALUES (1, ?, ?, ?, 0, 0)",
            (device, socket.gethostname()[:100], hlc.zero(device).encode()),
        )
    return str(device)


@contextmanager
def capture_paused(connection: Connection) -> Iterator[None]:
    """Inside the block (and the caller's transaction) the capture triggers mark nothing: for
    applying pulled changes and building a demo, which are no edits to push. Set back at the
    end, so it is committed off; a rollback undoes it anyway."""
    connection.exec_driver_sql("UPDATE sync_state SET paused = 1 WHERE id = 1")
    try:
        yield
    finally:
        connection.exec_driver_sql("UPDATE sync_state SET paused = 0 WHERE id = 1")


def drop_triggers(connection: Connection) -> None:
    for name in capture_triggers(connection):
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')


# Tables whose built-in rows every laptop makes itself in its migrations (the standard
# answers, the built-in survey templates and their questions). Their ids come from their
# names (base32 of a hash, which never starts with 0 as a ULID of this era does), so they
# are the same rows everywhere: not edits to send, but a shared starting point (``SEED_OP``).
SEEDED_TABLES = ("standard_answer", "survey_template", "survey_question")
SEED_OP = "seed"
_BUILT_IN = "id NOT GLOB '0*'"


def register_seeds(connection: Connection) -> int:
    """Give every built-in row a shadow based on ``SEED_OP`` instead of a mark: an edit of
    it is based on the seed, so edits of one built-in answer on two laptops conflict, and an
    untouched one is never sent. Returns the rows registered."""
    registered = 0
    existing = _existing_columns(connection)
    for table in captured_tables(existing):
        if table.name not in SEEDED_TABLES:
            continue
        cols = [*table.key, *table.fields]
        rows = connection.exec_driver_sql(
            f"SELECT {', '.join(cols)} FROM {table.name} WHERE {_BUILT_IN}"
        ).all()
        shadows = []
        for row in rows:
            values = dict(zip(cols, row, strict=True))
            fields = {
                f: [SEED_OP, values[f]] for f in table.fields if values[f] is not None or f == ALIVE
            }
            rid = record_id_of([values[k] for k in table.key])
            shadows.append((table.name, rid, json.dumps(fields, ensure_ascii=False)))
        if shadows:
            connection.exec_driver_sql(
                "INSERT OR REPLACE INTO sync_shadow (table_name, record_id, fields) "
                "VALUES (?, ?, ?)",
                shadows,
            )
        registered += len(shadows)
    return registered


def mark_all(connection: Connection) -> int:
    """Mark every record of every captured table but the built-in ones: what a laptop held
    before it could sync (or a demo built with capture paused) goes to the server at the
    first sync. Returns the number of records marked."""
    marked = 0
    for table in captured_tables(_existing_columns(connection)):
        where = _when(table, table.name).replace(f"{_ACTIVE} AND ", "").replace(_ACTIVE, "1")
        if table.name in SEEDED_TABLES:
            where += f" AND NOT ({_BUILT_IN})"
        marked += connection.exec_driver_sql(
            "INSERT INTO sync_mark (table_name, record_id, edited_ms, seen_seq) "
            f"SELECT '{table.name}', {_record_id_sql(table.key, table.name)}, {_NOW_MS}, 0 "
            f"FROM {table.name} WHERE {where} ON CONFLICT DO NOTHING"
        ).rowcount
    return marked
