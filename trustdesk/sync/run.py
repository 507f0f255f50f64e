"""One sync of this laptop with the team server: seal, push, pull, conflicts.

Every step is its own transaction on each side, so a sync cut off anywhere (a lost network, a
killed process) loses nothing and the next sync goes on: ops leave the outbox only after the
server committed them (a lost acknowledgement means a resend, which the server ignores), and
the cursor moves with the pulled values it covers, in the same local transaction.
"""

from __future__ import annotations

import json
import logging
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from trustdesk.db.base import utcnow
from trustdesk.services.indexing import index_is_current, rebuild_index
from trustdesk.services.progress import Progress
from trustdesk.services.store import Store
from trustdesk.sync import exchange, laptop
from trustdesk.sync.server import on_server, require_ready

log = logging.getLogger("trustdesk.sync")

PUSH_BATCH = 5000
PULL_PAGE = 5000


@dataclass(frozen=True, slots=True)
class SyncResult:
    pushed: int  # ops the server logged
    resent: int  # ops it already had
    pulled: int  # records written here
    rebased: int  # fields kept as edited here (pushed next)
    conflicts: int  # open conflicts on this laptop after the sync
    new_conflicts: int
    seconds: float
    at: datetime


def sync_now(
    store: Store, engine: Engine, server_label: str, progress: Progress | None = None
) -> SyncResult:
    started = time.perf_counter()
    progress = progress or Progress()
    require_ready(engine)
    progress.step(0, 0, "seal")
    store.write(laptop.claim_device, f"{socket.gethostname()}:{store.path}")
    store.write(laptop.seal)
    me = store.read(laptop.state)
    device_name = store.read(_device_name)
    pushed = resent = 0
    total = store.read(laptop.pending_count)
    resolutions = store.read(_unsent_resolutions)
    while True:
        batch = store.read(laptop.outbox_batch, PUSH_BATCH)
        if not batch and not resolutions:
            break
        with on_server(engine) as conn:
            result = exchange.push(conn, me.device_id, device_name, batch, resolutions)
        store.write(laptop.drop_pushed, [o.op_id for o in batch])
        if resolutions:
            store.write(_resolutions_sent, [cid for cid, _ in resolutions])
            resolutions = []
        pushed += result.logged
        resent += result.resent
        progress.step(pushed + resent, total, "push")
        if not batch:
            break
    pulled = rebased = 0
    cursor = me.cursor
    # A first pull brings the whole team's data: its search entries are written once at the
    # end, in bulk (as the demo builds its own), not page by page (100,000 customers: most of
    # the 350 s a new laptop spent deriving).
    first_pull = me.cursor == 0
    while True:
        with on_server(engine) as conn:
            page = exchange.pull(conn, cursor, PULL_PAGE)
        if not page.records:
            break
        applied = store.write(laptop.apply_heads, page.records, page.cursor, index=not first_pull)
        pulled += applied.records
        rebased += applied.rebased
        cursor = page.cursor
        progress.step(cursor - me.cursor, max(page.last - me.cursor, 1), "pull")
    if not store.read(index_is_current):  # this first pull's, or one cut off before
        progress.step(0, 0, "index")
        store.write(rebuild_index)
    with on_server(engine) as conn:
        after, open_ids = store.read(_conflict_marks)
        found = exchange.conflicts_since(conn, after, open_ids)
        names = exchange.device_names(conn)
    new = store.write(_store_conflicts, found, names, after)
    store.write(laptop.stamp_synced, server_label)
    open_count = store.read(open_conflict_count)
    seconds = time.perf_counter() - started
    log.info(
        "sync with %s: pushed %d (resent %d), pulled %d records, rebased %d, %d new conflicts, "
        "%.2f s", server_label, pushed, resent, pulled, rebased, new, seconds,
    )  # fmt: skip
    return SyncResult(pushed, resent, pulled, rebased, open_count, new, seconds, utcnow())


def _device_name(session: Session) -> str:
    return str(
        session.connection().exec_driver_sql("SELECT name FROM sync_state WHERE id = 1").scalar()
    )


def _unsent_resolutions(session: Session) -> list[tuple[int, str]]:
    rows = session.connection().exec_driver_sql(
        "SELECT id, resolved_by_op FROM sync_conflict WHERE resolved_by_op IS NOT NULL "
        "AND resolution_sent = 0"
    )
    return [(int(i), str(op)) for i, op in rows]


def _resolutions_sent(session: Session, ids: list[int]) -> None:
    conn = session.connection()
    for cid in ids:
        conn.exec_driver_sql("UPDATE sync_conflict SET resolution_sent = 1 WHERE id = ?", (cid,))


def _conflict_marks(session: Session) -> tuple[int, list[int]]:
    conn = session.connection()
    after = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM sync_conflict").scalar_one()
    open_ids = conn.exec_driver_sql(
        "SELECT id FROM sync_conflict WHERE resolved_at IS NULL"
    ).scalars()
    return int(after), [int(i) for i in open_ids]


def _store_conflicts(
    session: Session, found: list[exchange.ConflictRecord], names: dict[str, str], after: int
) -> int:
    """Copy the server's conflicts here; returns how many open ones are new."""
    conn = session.connection()
    new = 0
    shared = {n for n in names.values() if list(names.values()).count(n) > 1}

    def who(device: str) -> str:
        """The laptop's name; with the end of its id where two laptops share a name."""
        name = names.get(device) or device
        return f"{name} ({device[-4:]})" if name in shared else name

    for c in found:
        if c.id > after:
            closed = c.resolved_by_op is not None
            new += not closed
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO sync_conflict (id, kind, table_name, record_id, field, "
                "winner_op, loser_op, winner_value, loser_value, winner_device, loser_device, "
                "winner_hlc, loser_hlc, detected_at, resolved_at, resolved_by_op, "
                "resolution_sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (
                    c.id, c.kind, c.table_name, c.record_id, c.field, c.winner_op, c.loser_op,
                    json.dumps(c.winner_value, ensure_ascii=False),
                    json.dumps(c.loser_value, ensure_ascii=False),
                    who(c.winner_device), who(c.loser_device), c.winner_hlc, c.loser_hlc,
                    _naive(c.detected_at), _naive(c.detected_at) if closed else None,
                    c.resolved_by_op,
                ),
            )  # fmt: skip
        elif c.resolved_by_op is not None:
            conn.exec_driver_sql(
                "UPDATE sync_conflict SET resolved_at = coalesce(resolved_at, ?), "
                "resolved_by_op = coalesce(resolved_by_op, ?) WHERE id = ?",
                (_naive(utcnow()), c.resolved_by_op, c.id),
            )
    return new


def _naive(moment: datetime) -> str:
    """A UTCDateTime column's stored form."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(sep=" ", timespec="microseconds")


def open_conflict_count(session: Session) -> int:
    return int(
        session.connection()
        .exec_driver_sql("SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL")
        .scalar_one()
    )
