"""The server's half of a sync, run by the laptop on the team's PostgreSQL.

``push``: in one transaction under ``pg_advisory_xact_lock`` (so pushes of several laptops
take turns and the server's sequence numbers commit in order):
- an op whose id the log already has is ignored (a resend after a lost acknowledgement);
- every other op is logged once, with the next sequence number;
- an op based on its field's head becomes the head; otherwise the two are concurrent: the
  later by (HLC, device id) is the head, and both values go to ``conflict`` (closed at once
  when both laptops wrote the same value, or made the same record: a tag or a built-in
  template, whose ids come from their names, keeps the earliest ``created_at``);
- a delete of a record that another laptop edited after this laptop last pulled is not
  applied: the record is kept and the pair is a ``delete`` conflict; an edit of a record that
  another laptop deleted unseen restores it (a server op, ``device_id`` ``server``) and is
  one too. Different fields of one record merge silently.

``pull``: the records touched after a cursor, a page at a time, with the current head of each
of their fields (a record's every field, so a page boundary never splits a new record).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from psycopg.types.json import Jsonb
from sqlalchemy import Connection, text

from trustdesk.db.base import new_id
from trustdesk.sync.laptop import Head, Op

# pg_advisory_xact_lock key held by every push ("TDpush!!" in ASCII).
PUSH_LOCK = 0x5444_7075_7368_2121
SERVER_DEVICE = "server"
ALIVE = "deleted_at"
CREATED = "created_at"


@dataclass(frozen=True, slots=True)
class PushResult:
    logged: int  # new ops in the log
    resent: int  # ops the log already had
    conflicts: int  # conflicts recorded (open ones; same-value pairs close at once)


@dataclass
class _HeadState:
    op_id: str
    value: Any
    hlc: str
    device_id: str
    seq: int
    new: bool = False  # the field has no row in ``field_state`` yet


def _lock(conn: Connection) -> None:
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PUSH_LOCK})


_KEY_COLUMNS = (("table_name", "t"), ("record_id", "r"), ("field", "f"))


def _heads(
    conn: Connection, keys: Iterable[tuple[str, ...]]
) -> dict[tuple[str, str, str], _HeadState]:
    """The heads these keys name: (table, record) keys give every field's head of those
    records (what a pull sends), (table, record, field) keys those fields' heads, where
    they have one."""
    keys = list(dict.fromkeys(keys))
    out: dict[tuple[str, str, str], _HeadState] = {}
    if not keys:
        return out
    columns = _KEY_COLUMNS[: len(keys[0])]
    arrays = ", ".join("%s::text[]" for _ in columns)
    aliases = ", ".join(alias for _, alias in columns)
    match = " AND ".join(f"f.{column} = k.{alias}" for column, alias in columns)
    sql = (
        "SELECT f.table_name, f.record_id, f.field, f.head_op, f.value::text, f.hlc, "
        "f.device_id, f.head_seq FROM field_state f "
        f"JOIN unnest({arrays}) AS k({aliases}) ON {match}"
    )
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    for start in range(0, len(keys), 5000):
        chunk = keys[start : start + 5000]
        cursor.execute(sql, tuple([k[i] for k in chunk] for i in range(len(columns))))
        _collect(cursor, out)
    return out


def _collect(cursor: Any, out: dict[tuple[str, str, str], _HeadState]) -> None:
    """The heads a query on the driver's cursor read, values as JSON text decoded here: a
    first pull reads ten million, and SQLAlchemy's rows and psycopg's JSONB loader per
    value made reading them a quarter slower."""
    for t, r, f, op_id, value, stamp, device, seq in cursor.fetchall():
        loaded = None if value is None else json.loads(value)
        out[(t, r, f)] = _HeadState(op_id, loaded, stamp, device, seq)


def _wins(a_hlc: str, a_device: str, b_hlc: str, b_device: str) -> bool:
    """Does edit a win over edit b: the later clock, then the greater device id."""
    return (a_hlc, a_device) > (b_hlc, b_device)


def push(
    conn: Connection,
    device_id: str,
    device_name: str,
    ops: Sequence[Op],
    resolutions: Sequence[tuple[int, str]] = (),
) -> PushResult:
    """Log ``ops`` of ``device_id`` (see the module docstring); ``resolutions``: (conflict
    id, the op that resolved it). The caller commits; the lock ends with the transaction."""
    _lock(conn)
    conn.execute(
        text(
            "INSERT INTO device (device_id, name, last_seen) VALUES (:d, :n, now()) "
            "ON CONFLICT (device_id) DO UPDATE SET last_seen = now(), name = excluded.name"
        ),
        {"d": device_id, "n": device_name},
    )
    for conflict_id, op_id in resolutions:
        conn.execute(
            text(
                "UPDATE conflict SET resolved_by_op = :op WHERE id = :id AND resolved_by_op IS NULL"
            ),
            {"op": op_id, "id": conflict_id},
        )
    if not ops:
        return PushResult(0, 0, 0)
    known = set(
        conn.execute(
            text("SELECT op_id FROM change_log WHERE op_id = ANY(:ids)"),
            {"ids": [o.op_id for o in ops]},
        ).scalars()
    )
    fresh = [o for o in ops if o.op_id not in known]
    fresh = list({o.op_id: o for o in fresh}.values())
    # The heads the rules below read: each op's field and its record's delete mark (an
    # edit of existing records reads 2 fields of each, not its every field).
    wanted = [(o.table_name, o.record_id, f) for o in fresh for f in (o.field, ALIVE)]
    heads = _heads(conn, wanted)
    stored = set(heads)  # under the lock: no other push adds a field meanwhile
    seqs = iter(
        conn.execute(
            text(
                "SELECT nextval(pg_get_serial_sequence('change_log', 'seq')) "
                "FROM generate_series(1, :n)"
            ),
            {"n": len(fresh) * 2},  # room for a restore op per op
        ).scalars()
    )
    log: list[tuple] = []
    conflicts: list[tuple] = []
    touched: dict[tuple[str, str, str], _HeadState] = {}

    def set_head(key: tuple[str, str, str], head: _HeadState) -> None:
        head.new = key not in stored
        heads[key] = head
        touched[key] = head

    for o in fresh:
        seq = next(seqs)
        log.append((seq, o.op_id, device_id, o.table_name, o.record_id, o.field, o.value,
                    o.hlc, o.base_op, o.seen_seq))  # fmt: skip
        key = (o.table_name, o.record_id, o.field)
        head = heads.get(key)
        if o.field == ALIVE and o.value is not None and (head is None or head.value is None):
            edit = _unseen_edit(conn, o, device_id)
            if edit is not None:  # the record was edited elsewhere meanwhile: kept
                conflicts.append(
                    (
                        "delete",
                        o.table_name,
                        o.record_id,
                        ALIVE,
                        edit[0],
                        o.op_id,
                        edit[1],
                        o.value,
                        edit[2],
                        device_id,
                        edit[3],
                        o.hlc,
                        None,
                    )
                )
                continue
        if o.field != ALIVE:
            gone = heads.get((o.table_name, o.record_id, ALIVE))
            if (
                gone is not None
                and gone.value is not None
                and gone.device_id != device_id
                and gone.seq > o.seen_seq
            ):  # deleted elsewhere, unseen: the edit keeps the record
                restore_seq, restore_id = next(seqs), new_id()
                log.append((restore_seq, restore_id, SERVER_DEVICE, o.table_name, o.record_id,
                            ALIVE, None, o.hlc, gone.op_id, restore_seq))  # fmt: skip
                conflicts.append(
                    (
                        "delete",
                        o.table_name,
                        o.record_id,
                        ALIVE,
                        o.op_id,
                        gone.op_id,
                        o.value,
                        gone.value,
                        device_id,
                        gone.device_id,
                        o.hlc,
                        gone.hlc,
                        None,
                    )
                )
                set_head(
                    (o.table_name, o.record_id, ALIVE),
                    _HeadState(restore_id, None, o.hlc, SERVER_DEVICE, restore_seq),
                )
        mine = _HeadState(o.op_id, o.value, o.hlc, device_id, seq)
        if head is None or head.op_id == o.base_op:
            set_head(key, mine)
            continue
        if o.field == CREATED and o.base_op is None:
            # One record made on two laptops (a tag, a built-in template: their ids come
            # from their names): it was made when it was first made.
            mine_wins = (o.value or "") < (head.value or "")
        else:
            mine_wins = _wins(o.hlc, device_id, head.hlc, head.device_id)
        if mine_wins:
            winner, loser = mine, head
            set_head(key, mine)
        else:
            winner, loser = head, mine
        same = winner.value == loser.value or (o.field == CREATED and o.base_op is None)
        conflicts.append(
            (
                "field",
                o.table_name,
                o.record_id,
                o.field,
                winner.op_id,
                loser.op_id,
                winner.value,
                loser.value,
                winner.device_id,
                loser.device_id,
                winner.hlc,
                loser.hlc,
                winner.op_id if same else None,
            )
        )
    _write(conn, log, touched, conflicts)
    conn.execute(
        text("UPDATE device SET last_push_seq = :s WHERE device_id = :d"),
        {"s": max(row[0] for row in log) if log else None, "d": device_id},
    )
    opened = sum(1 for c in conflicts if c[-1] is None)
    return PushResult(len(fresh), len(ops) - len(fresh), opened)


def _unseen_edit(conn: Connection, o: Op, device_id: str) -> tuple | None:
    """The latest edit of ``o``'s record by another laptop that ``o``'s laptop had not pulled
    when it deleted the record: (op id, value, device, hlc), or None."""
    row = conn.execute(
        text(
            "SELECT op_id, value, device_id, hlc FROM change_log WHERE table_name = :t "
            "AND record_id = :r AND field <> :alive AND device_id <> :d AND seq > :seen "
            "ORDER BY seq DESC LIMIT 1"
        ),
        {"t": o.table_name, "r": o.record_id, "alive": ALIVE, "d": device_id, "seen": o.seen_seq},
    ).first()
    return tuple(row) if row is not None else None


def _write(
    conn: Connection,
    log: list[tuple],
    heads: dict[tuple[str, str, str], _HeadState],
    conflicts: list[tuple],
) -> None:
    """The log entries and the new heads by COPY (a quarter of the time of an executemany,
    most of an upload's), the moved heads by an upsert. A COPY fails whole like the INSERT it
    replaces: a second op id in the log still breaks its unique index."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(
        "COPY change_log (seq, op_id, device_id, table_name, record_id, field, value, hlc, "
        "base_op, seen_seq) FROM STDIN"
    ) as copy:
        for row in log:
            copy.write_row((*row[:6], Jsonb(row[6]), *row[7:]))
    rows = [(*k, h.op_id, Jsonb(h.value), h.hlc, h.device_id, h.seq) for k, h in heads.items()]
    new = [row for row, h in zip(rows, heads.values(), strict=True) if h.new]
    if new:
        with cursor.copy(
            "COPY field_state (table_name, record_id, field, head_op, value, hlc, device_id, "
            "head_seq) FROM STDIN"
        ) as copy:
            for row in new:
                copy.write_row(row)
    moved = [row for row, h in zip(rows, heads.values(), strict=True) if not h.new]
    if moved:
        cursor.executemany(
            "INSERT INTO field_state (table_name, record_id, field, head_op, value, hlc, "
            "device_id, head_seq) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (table_name, record_id, field) DO UPDATE SET "
            "head_op = excluded.head_op, value = excluded.value, hlc = excluded.hlc, "
            "device_id = excluded.device_id, head_seq = excluded.head_seq",
            moved,
        )
    if conflicts:
        cursor.executemany(
            "INSERT INTO conflict (kind, table_name, record_id, field, winner_op, loser_op, "
            "winner_value, loser_value, winner_device, loser_device, winner_hlc, loser_hlc, "
            "resolved_by_op) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (winner_op, loser_op) DO NOTHING",
            [(*c[:6], Jsonb(c[6]), Jsonb(c[7]), *c[8:]) for c in conflicts],
        )


@dataclass(frozen=True, slots=True)
class PullPage:
    records: list[tuple[str, str, dict[str, Head]]]
    cursor: int  # the last sequence number this page covers
    last: int  # the server's last sequence number when the page was read


def pull(conn: Connection, cursor: int, limit: int = 5000) -> PullPage:
    """The records touched after ``cursor`` (up to ``limit`` log entries), each with every
    field's head."""
    rows = conn.execute(
        text(
            "SELECT seq, table_name, record_id FROM change_log WHERE seq > :c ORDER BY seq LIMIT :n"
        ),
        {"c": cursor, "n": limit},
    ).all()
    last = conn.execute(text("SELECT coalesce(max(seq), 0) FROM change_log")).scalar_one()
    if not rows:
        return PullPage([], cursor, int(last))
    keys = list(dict.fromkeys((t, r) for _, t, r in rows))
    heads = _heads(conn, keys)
    by_record: dict[tuple[str, str], dict[str, Head]] = {k: {} for k in keys}
    for (t, r, f), h in heads.items():
        by_record[(t, r)][f] = Head(h.op_id, h.value, h.hlc, h.device_id)
    return PullPage([(t, r, by_record[(t, r)]) for t, r in keys], int(rows[-1][0]), int(last))


@dataclass(frozen=True, slots=True)
class ConflictRecord:
    id: int
    kind: str
    table_name: str
    record_id: str
    field: str
    winner_op: str
    loser_op: str
    winner_value: Any
    loser_value: Any
    winner_device: str
    loser_device: str
    winner_hlc: str
    loser_hlc: str
    detected_at: Any
    resolved_by_op: str | None


def conflicts_since(
    conn: Connection, after_id: int, open_ids: Sequence[int]
) -> list[ConflictRecord]:
    """Conflicts recorded after ``after_id``, and those of ``open_ids`` (to learn which of the
    laptop's open ones were resolved elsewhere)."""
    rows = conn.execute(
        text(
            "SELECT id, kind, table_name, record_id, field, winner_op, loser_op, winner_value, "
            "loser_value, winner_device, loser_device, winner_hlc, loser_hlc, detected_at, "
            "resolved_by_op FROM conflict WHERE id > :after OR id = ANY(:open) ORDER BY id"
        ),
        {"after": after_id, "open": list(open_ids)},
    ).all()
    return [ConflictRecord(*row) for row in rows]


def device_names(conn: Connection) -> dict[str, str]:
    rows = conn.execute(text("SELECT device_id, coalesce(name, '') FROM device")).all()
    return {d: n for d, n in rows}
