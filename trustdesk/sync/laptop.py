"""The laptop's half of a sync, each step one local transaction (``store.write``).

- ``seal``: the records marked since the last sync become field ops in the outbox: each
  captured field whose stored value differs from its shadow is one op, based on the shadow's
  op. A record whose row is gone (a link moved by a merge, a hard delete) is its delete.
- ``apply_heads``: the server's current values of records touched since the cursor are
  written with capture paused. A field with a local edit not yet pushed (a mark whose value
  differs from the shadow, or an op in the outbox) is rebased, not overwritten: its value
  and its base stay, so the server sees the edit was made without the other and records the
  conflict. The search index, visit and survey plans of pulled records are made again.

Values travel as SQLite stores them (text, integer, real, null) in JSON, read and written
through the driver: no type conversion, so what a laptop stored is what another stores.
"""

from __future__ import annotations

import json
import socket
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from trustdesk.db.base import new_id, utcnow
from trustdesk.db.sync_capture import (
    ALIVE,
    Captured,
    capture_paused,
    captured_tables,
    key_values_of,
)
from trustdesk.domain import hlc
from trustdesk.domain.enums import AccountKind
from trustdesk.domain.names import sort_key

SEAL_BATCH = 2000
_NOW_TEXT = "strftime('%Y-%m-%d %H:%M:%f000', 'now')"  # a UTCDateTime column's stored form


@dataclass(frozen=True, slots=True)
class Op:
    """One field edit, as the outbox holds it and the server receives it."""

    op_id: str
    table_name: str
    record_id: str
    field: str
    value: Any  # as SQLite stores it: str, int, float or None
    hlc: str
    base_op: str | None
    seen_seq: int


@dataclass(frozen=True, slots=True)
class Head:
    """The server's current value of one field and the op it came from."""

    op_id: str
    value: Any
    hlc: str
    device_id: str


@dataclass(frozen=True, slots=True)
class State:
    device_id: str
    clock: str
    cursor: int
    server: str | None
    last_sync_at: Any


def captured_tables_by_name() -> dict[str, Captured]:
    return {t.name: t for t in captured_tables()}


def state(session: Session) -> State:
    row = (
        session.connection()
        .exec_driver_sql(
            "SELECT device_id, clock, cursor, server, last_sync_at FROM sync_state WHERE id = 1"
        )
        .one()
    )
    return State(*row)


def _key_sql(table: Captured, count: int) -> tuple[str, str]:
    """The SQL selecting ``count`` records of ``table`` by key, and its parameters' shape."""
    if len(table.key) == 1:
        return f"{table.key[0]} IN ({', '.join('?' * count)})", "flat"
    one = "(" + ", ".join("?" * len(table.key)) + ")"
    cols = "(" + ", ".join(table.key) + ")"
    return f"{cols} IN (VALUES {', '.join([one] * count)})", "rows"


def _rows(conn: Connection, table: Captured, record_ids: Sequence[str]) -> dict[str, dict]:
    """The stored rows of these records (raw values), by record id."""
    from trustdesk.db.sync_capture import record_id_of

    out: dict[str, dict] = {}
    columns = [*table.key, *table.fields]
    for start in range(0, len(record_ids), 400):
        chunk = record_ids[start : start + 400]
        where, _ = _key_sql(table, len(chunk))
        params: list[object] = []
        for rid in chunk:
            params.extend(key_values_of(table, rid))
        for row in conn.exec_driver_sql(
            f"SELECT {', '.join(columns)} FROM {table.name} WHERE {where}", tuple(params)
        ):
            values = dict(zip(columns, row, strict=True))
            out[record_id_of([values[k] for k in table.key])] = values
    return out


def _shadows(conn: Connection, table: str, record_ids: Sequence[str]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for start in range(0, len(record_ids), 900):
        chunk = record_ids[start : start + 900]
        for rid, fields in conn.exec_driver_sql(
            f"SELECT record_id, fields FROM sync_shadow WHERE table_name = ? "
            f"AND record_id IN ({', '.join('?' * len(chunk))})",
            (table, *chunk),
        ):
            out[rid] = json.loads(fields)
    return out


def _save_shadows(conn: Connection, table: str, shadows: dict[str, dict]) -> None:
    if shadows:
        conn.exec_driver_sql(
            "INSERT INTO sync_shadow (table_name, record_id, fields) VALUES (?, ?, ?) "
            "ON CONFLICT (table_name, record_id) DO UPDATE SET fields = excluded.fields",
            [
                (table, rid, json.dumps(f, ensure_ascii=False, separators=(",", ":")))
                for rid, f in shadows.items()
            ],
        )


def claim_device(session: Session, home: str) -> str:
    """This file's device id for a sync from ``home`` (computer name and file path). A file
    that synced from elsewhere (copied to another laptop, a backup restored there) takes a new
    device id, so two laptops never push as one; its clock keeps its time. Returns the id."""
    conn = session.connection()
    device, clock, was = conn.exec_driver_sql(
        "SELECT device_id, clock, home FROM sync_state WHERE id = 1"
    ).one()
    if was is not None and was != home:
        old = hlc.Hlc.decode(clock)
        device = new_id()
        clock = hlc.Hlc(old.physical_ms, old.counter, device).encode()
        conn.exec_driver_sql(
            "UPDATE sync_state SET device_id = ?, clock = ?, name = ? WHERE id = 1",
            (device, clock, socket.gethostname()[:100]),
        )
    conn.exec_driver_sql("UPDATE sync_state SET home = ? WHERE id = 1", (home,))
    return str(device)


def pending_count(session: Session) -> int:
    """Edits not yet on the server: marked records and sealed ops."""
    conn = session.connection()
    marks = conn.exec_driver_sql("SELECT count(*) FROM sync_mark").scalar_one()
    ops = conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar_one()
    return int(marks) + int(ops)


def seal(session: Session, progress: Any = None) -> int:
    """Turn every marked record into field ops in the outbox. Returns the ops made."""
    conn = session.connection()
    clock = hlc.Hlc.decode(state(session).clock)
    tables = captured_tables_by_name()
    order = {name: i for i, name in enumerate(tables)}
    marks = list(
        conn.exec_driver_sql(
            "SELECT table_name, record_id, edited_ms, seen_seq FROM sync_mark"
        ).all()
    )
    marks.sort(key=lambda m: (order.get(m[0], len(order)), m[2]))
    made = 0
    deleted_text = conn.exec_driver_sql(f"SELECT {_NOW_TEXT}").scalar_one()
    by_table: dict[str, list] = defaultdict(list)
    for mark in marks:
        by_table[mark[0]].append(mark)
    for name, group in by_table.items():
        table = tables.get(name)
        if table is None:  # a table this version no longer captures
            continue
        for start in range(0, len(group), SEAL_BATCH):
            chunk = group[start : start + SEAL_BATCH]
            ids = [m[1] for m in chunk]
            rows = _rows(conn, table, ids)
            shadows = _shadows(conn, name, ids)
            ops: list[tuple] = []
            changed: dict[str, dict] = {}
            for _, rid, edited_ms, seen_seq in chunk:
                row = rows.get(rid)
                shadow = shadows.get(rid, {})
                if row is None:  # gone from the table: its delete, if it was alive
                    if not shadow or (shadow.get(ALIVE) or [None, None])[1] is not None:
                        continue
                    values = {ALIVE: deleted_text}
                else:
                    values = {f: row[f] for f in table.fields}
                for field, value in values.items():
                    before = shadow.get(field)
                    if before is None:
                        if value is None and field != ALIVE:
                            continue  # a new record's empty field
                    elif before[1] == value:
                        continue
                    clock = hlc.tick(clock, edited_ms)
                    op_id = new_id()
                    ops.append(
                        (
                            op_id,
                            name,
                            rid,
                            field,
                            json.dumps(value, ensure_ascii=False),
                            clock.encode(),
                            before[0] if before else None,
                            seen_seq,
                        )
                    )
                    shadow[field] = [op_id, value]
                    changed[rid] = shadow
            if ops:
                conn.exec_driver_sql(
                    "INSERT INTO outbox (op_id, table_name, record_id, field, value, hlc, "
                    "base_op, seen_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    ops,
                )
                made += len(ops)
            _save_shadows(conn, name, changed)
    conn.exec_driver_sql("DELETE FROM sync_mark")
    conn.exec_driver_sql("UPDATE sync_state SET clock = ? WHERE id = 1", (clock.encode(),))
    return made


def outbox_batch(session: Session, limit: int) -> list[Op]:
    rows = (
        session.connection()
        .exec_driver_sql(
            "SELECT op_id, table_name, record_id, field, value, hlc, base_op, seen_seq "
            "FROM outbox ORDER BY seq LIMIT ?",
            (limit,),
        )
        .all()
    )
    return [Op(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6], r[7]) for r in rows]


def drop_pushed(session: Session, op_ids: Sequence[str]) -> None:
    """The server has these ops (acknowledged): they leave the outbox."""
    conn = session.connection()
    for start in range(0, len(op_ids), 900):
        chunk = op_ids[start : start + 900]
        conn.exec_driver_sql(
            f"DELETE FROM outbox WHERE op_id IN ({', '.join('?' * len(chunk))})", tuple(chunk)
        )


@dataclass(frozen=True, slots=True)
class Applied:
    records: int  # records written
    rebased: int  # fields kept as edited here, waiting to be pushed


def apply_heads(
    session: Session,
    records: Iterable[tuple[str, str, dict[str, Head]]],
    cursor: int,
    *,
    index: bool = True,
) -> Applied:
    """Write the server's values of these records (capture paused) and move the cursor.
    ``index=False`` (a first pull) leaves the search index to one bulk rebuild at the end
    and marks it stale in the file's header meanwhile: if the pull stops half-way, the next
    open (or sync) rebuilds it."""
    conn = session.connection()
    tables = captured_tables_by_name()
    order = {name: i for i, name in enumerate(tables)}
    by_table: dict[str, list[tuple[str, dict[str, Head]]]] = defaultdict(list)
    for name, rid, heads in records:
        if name in tables:
            by_table[name].append((rid, heads))
    written = rebased = 0
    latest = ""
    touched: dict[str, set[str]] = defaultdict(set)
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    with capture_paused(conn):
        for name in sorted(by_table, key=order.__getitem__):
            table = tables[name]
            group = by_table[name]
            ids = [rid for rid, _ in group]
            rows = _rows(conn, table, ids)
            shadows = _shadows(conn, name, ids)
            marked = _marked(conn, name, ids)
            queued = _queued_fields(conn, name, ids)
            changed_shadows: dict[str, dict] = {}
            for rid, heads in group:
                row = rows.get(rid)
                shadow = shadows.get(rid, {})
                changes: dict[str, Any] = {}
                for field, head in heads.items():
                    if field not in table.fields:
                        continue  # a field a newer TrustDesk has and this one does not
                    latest = max(latest, head.hlc)
                    before = shadow.get(field)
                    if before is not None and before[0] == head.op_id and row is not None:
                        continue
                    here = row.get(field) if row is not None else None
                    edited = (
                        rid in marked
                        and row is not None
                        and (here != (before[1] if before else None))
                    )
                    if edited or (rid, field) in queued:
                        rebased += 1
                        continue
                    if row is None or here != head.value:
                        changes[field] = head.value
                    shadow[field] = [head.op_id, head.value]
                    changed_shadows[rid] = shadow
                if changes:
                    _write_row(conn, table, rid, row, changes)
                    written += 1
                    touched[name].add(rid)
                    if ALIVE in changes and row is not None:
                        touched[f"{name}:alive"].add(rid)
                    if "name" in changes and row is not None:
                        touched[f"{name}:renamed"].add(rid)
            _save_shadows(conn, name, changed_shadows)
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = OFF")
    sets = ["cursor = ?"]
    params: list[object] = [cursor]
    if latest:
        mine = hlc.Hlc.decode(state(session).clock)
        clock = hlc.receive(mine, hlc.Hlc.decode(latest), int(time.time() * 1000))
        sets.append("clock = ?")
        params.append(clock.encode())
    conn.exec_driver_sql(f"UPDATE sync_state SET {', '.join(sets)} WHERE id = 1", tuple(params))
    if not index:
        conn.exec_driver_sql("PRAGMA user_version = 0")  # in this transaction, with the rows
    _refresh_derived(session, touched, with_index=index)
    return Applied(written, rebased)


def _marked(conn: Connection, table: str, record_ids: Sequence[str]) -> set[str]:
    out: set[str] = set()
    for start in range(0, len(record_ids), 900):
        chunk = record_ids[start : start + 900]
        out.update(
            conn.exec_driver_sql(
                f"SELECT record_id FROM sync_mark WHERE table_name = ? "
                f"AND record_id IN ({', '.join('?' * len(chunk))})",
                (table, *chunk),
            ).scalars()
        )
    return out


def _queued_fields(conn: Connection, table: str, record_ids: Sequence[str]) -> set[tuple]:
    if not conn.exec_driver_sql("SELECT 1 FROM outbox LIMIT 1").first():
        return set()
    out: set[tuple] = set()
    for start in range(0, len(record_ids), 900):
        chunk = record_ids[start : start + 900]
        out.update(
            conn.exec_driver_sql(
                f"SELECT record_id, field FROM outbox WHERE table_name = ? "
                f"AND record_id IN ({', '.join('?' * len(chunk))})",
                (table, *chunk),
            ).all()
        )
    return {tuple(r) for r in out}


def _derived(table: Captured, row: dict | None, changes: dict[str, Any]) -> dict[str, Any]:
    """The local columns made from pulled fields (the sort key, from the name)."""
    if table.name not in ("account", "contact"):
        return {}
    if row is not None and not {"name", "kind"} & changes.keys():
        return {}
    merged = {**(row or {}), **changes}
    person = table.name == "contact" or merged.get("kind") == AccountKind.INDIVIDUAL.code
    return {"sort_key": sort_key(str(merged.get("name") or ""), person=person)}


def _write_row(
    conn: Connection, table: Captured, rid: str, row: dict | None, changes: dict[str, Any]
) -> None:
    keys = key_values_of(table, rid)
    exists = row is not None
    changes = {**changes, **_derived(table, row, changes)}
    if exists:
        sets = ", ".join(f"{f} = ?" for f in changes)
        if table.stamped:
            sets += f", updated_at = {_NOW_TEXT}"
        where = " AND ".join(f"{k} = ?" for k in table.key)
        conn.exec_driver_sql(
            f"UPDATE {table.name} SET {sets} WHERE {where}",
            (*changes.values(), *keys),
        )
        return
    columns = [*table.key, *changes]
    stamp = (", updated_at", f", {_NOW_TEXT}") if table.stamped else ("", "")
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(columns)}{stamp[0]}) "
        f"VALUES ({', '.join('?' * len(columns))}{stamp[1]})",
        (*keys, *changes.values()),
    )


def _refresh_derived(
    session: Session, touched: dict[str, set[str]], *, with_index: bool = True
) -> None:
    """What each laptop derives from synchronised data, for the records just pulled: the
    search index of customers and people (unless ``with_index`` is False), visit and survey
    plans, people's last touch."""
    from sqlalchemy import select

    from trustdesk.db import note_search
    from trustdesk.db import search as index
    from trustdesk.db.models import (
        Account,
        Contact,
        IntelNote,
        SurveyResponse,
        Visit,
        VisitContact,
    )
    from trustdesk.services import indexing, survey_plan, visit_plan

    account_ids = set(touched.get("account", ()))
    contact_ids = set(touched.get("contact", ()))
    visit_ids = list(touched.get("visit", ()))
    for start in range(0, len(visit_ids), 500):
        chunk = visit_ids[start : start + 500]
        account_ids.update(session.scalars(select(Visit.account_id).where(Visit.id.in_(chunk))))
        contact_ids.update(
            session.scalars(select(VisitContact.contact_id).where(VisitContact.visit_id.in_(chunk)))
        )
    links = captured_tables_by_name().get("visit_contact")
    for link in touched.get("visit_contact", ()):
        if links is not None:
            key = dict(zip(links.key, key_values_of(links, link), strict=True))
            contact_ids.add(str(key["contact_id"]))
    survey_ids = list(touched.get("survey_response", ()))
    for start in range(0, len(survey_ids), 500):
        chunk = survey_ids[start : start + 500]
        account_ids.update(
            session.scalars(select(SurveyResponse.account_id).where(SurveyResponse.id.in_(chunk)))
        )
    if account_ids:
        visit_plan.refresh_plans(session, account_ids)
        survey_plan.refresh_survey_plans(session, account_ids)
    if contact_ids:
        visit_plan.touch_contacts(session, contact_ids)
    if not with_index:
        session.flush()
        return
    revived = touched.get("account:alive", set()) | touched.get("account:renamed", set())
    ids = list(touched.get("account", ()))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        kept = []
        for account in session.scalars(select(Account).where(Account.id.in_(chunk))):
            if account.deleted_at is not None:
                index.remove_account_tree(session, account.id)
                note_search.remove_account_notes(session, account.id)
                continue
            kept.append(account)
            if account.id in revived:
                indexing.reindex_account_contacts(session, account)
                indexing.reindex_account_notes(session, account.id)
        indexing.index_accounts(session, kept)
    # People's search entries 500 at a time, read as columns (one entry at a time was 2 ms a
    # record: most of a new laptop's first pull).
    ids = list(touched.get("contact", ()))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        gone: list[tuple[str, str]] = []
        live: list[tuple[str, str, str, str]] = []
        for contact_id, account_id, name, pinyin, deleted_at in session.execute(
            select(
                Contact.id, Contact.account_id, Contact.name, Contact.pinyin, Contact.deleted_at
            ).where(Contact.id.in_(chunk))
        ):
            if deleted_at is not None:
                gone.append(("contact", contact_id))
            else:
                live.append((contact_id, account_id, name, pinyin))
        index.remove_records(session, gone)
        names = dict(
            session.execute(
                select(Account.id, Account.name).where(Account.id.in_({r[1] for r in live}))
            ).all()
        )
        index.index_records(
            session,
            [
                indexing.contact_doc(cid, aid, name, names[aid], pinyin)
                for cid, aid, name, pinyin in live
            ],
        )
    ids = list(touched.get("intel_note", ()))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for note in session.scalars(select(IntelNote).where(IntelNote.id.in_(chunk))):
            note_search.remove_note(session, note.id)
            if note.deleted_at is None:
                note_search.index_notes(session, [(note.id, note.account_id, note.text)])
    session.flush()


def stamp_synced(session: Session, server: str) -> None:
    session.connection().exec_driver_sql(
        "UPDATE sync_state SET server = ?, last_sync_at = ? WHERE id = 1",
        (server, utcnow().replace(tzinfo=None).isoformat(sep=" ")),
    )


def record_edit(session: Session, table_name: str, record_id: str, field: str, value: Any) -> str:
    """Write one field here as a new edit and seal it at once: returns its op id (a conflict's
    resolution names the op that resolved it). Based on the field's current shadow."""
    conn = session.connection()
    table = captured_tables_by_name()[table_name]
    seal(session)  # earlier edits of the record are sealed first, with their own stamps
    rows = _rows(conn, table, [record_id])
    with capture_paused(conn):
        _write_row(conn, table, record_id, rows.get(record_id), {field: value})
    touched = {table_name: {record_id}}
    if field in (ALIVE, "name"):  # a customer deleted or kept, or renamed: its people too
        touched[f"{table_name}:{'alive' if field == ALIVE else 'renamed'}"] = {record_id}
    _refresh_derived(session, touched)
    shadow = _shadows(conn, table_name, [record_id]).get(record_id, {})
    before = shadow.get(field)
    clock = hlc.tick(hlc.Hlc.decode(state(session).clock), int(time.time() * 1000))
    op_id = new_id()
    conn.exec_driver_sql(
        "INSERT INTO outbox (op_id, table_name, record_id, field, value, hlc, base_op, "
        "seen_seq) VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT cursor FROM sync_state WHERE id = 1))",
        (
            op_id,
            table_name,
            record_id,
            field,
            json.dumps(value, ensure_ascii=False),
            clock.encode(),
            before[0] if before else None,
        ),
    )
    shadow[field] = [op_id, value]
    _save_shadows(conn, table_name, {record_id: shadow})
    conn.exec_driver_sql("UPDATE sync_state SET clock = ? WHERE id = 1", (clock.encode(),))
    return op_id
