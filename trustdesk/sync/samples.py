"""Conflicts for ``trustdesk screenshot conflicts|team-status``, without a team server.

The screenshot works on a copy of the database (never the user's file) and writes there what
a sync would have left: rows of ``sync_conflict`` about real customers and people of the file
(the value the server kept is the one stored; the other is a plausible teammate's edit), a
remembered server, a last sync a moment ago and nothing left to send (the edit marks and the
outbox emptied, as a sync empties them). The records themselves are not changed.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from trustdesk.db.base import new_id
from trustdesk.domain.names import has_cjk

SAMPLE_SERVER = "postgresql+psycopg://sales@crm-server:5432/trustdesk"
LAPTOPS = ("LAPTOP-WANG", "LAPTOP-LI")


def _stamp(moment: datetime) -> str:
    """A hybrid logical clock as the server writes it (milliseconds first)."""
    return f"{int(moment.timestamp() * 1000):016d}-0000-{new_id()}"


def _naive(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def _other_mobile(mobile: str) -> str:
    digits = "".join(ch for ch in mobile if ch.isdigit()) or "13800000000"
    return digits[:-4] + f"{(int(digits[-4:]) + 2718) % 10000:04d}"


def add_sample_conflicts(session: Session) -> int:
    """Four open conflicts on the file's first customers (Chinese ones first); returns how
    many were written."""
    conn = session.connection()
    accounts = conn.exec_driver_sql(
        "SELECT id, name, stage, address, region FROM account WHERE deleted_at IS NULL "
        "ORDER BY sort_key LIMIT 80"
    ).all()
    chosen = sorted(accounts, key=lambda a: not has_cjk(a[1]))[:3]
    now = datetime.now(UTC)
    rows: list[tuple] = []
    if chosen:
        first = chosen[0]
        people = conn.exec_driver_sql(
            "SELECT id, mobile, title FROM contact WHERE account_id = ? AND deleted_at IS NULL "
            "ORDER BY sort_key LIMIT 2",
            (first[0],),
        ).all()
        if people:
            person = people[0]
            rows.append(
                (
                    "field",
                    "contact",
                    person[0],
                    "mobile",
                    person[1] or "13800000000",
                    _other_mobile(person[1] or "13800000000"),
                    1,
                    0,
                    95,
                    26 * 60,
                )
            )
        if len(people) > 1:
            title = people[1][2] or "采购经理"
            other = "采购总监" if title != "采购总监" else "采购经理"
            rows.append(("field", "contact", people[1][0], "title", title, other, 0, 1,
                         40, 3 * 24 * 60))  # fmt: skip
        other_stage = "advocate" if first[2] != "advocate" else "regular"
        rows.append(("field", "account", first[0], "stage", first[2], other_stage, 0, 1, 20,
                     5 * 60))  # fmt: skip
    if len(chosen) > 1:
        second = chosen[1]
        address = second[3] or f"{second[4] or '广州'}市天河区体育西路 191 号"
        rows.append(("delete", "account", second[0], "deleted_at", address,
                     _naive(now - timedelta(days=2)), 1, 0, 60, 2 * 24 * 60))  # fmt: skip
    start = int(conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM sync_conflict").scalar_one())
    for n, (kind, table, rid, field, kept, lost, w, lo, kept_ago, lost_ago) in enumerate(rows):
        _insert(conn, start + n + 1, kind, table, rid, field, kept, lost,
                LAPTOPS[w], LAPTOPS[lo], now - timedelta(minutes=kept_ago),
                now - timedelta(minutes=lost_ago), now - timedelta(minutes=10))  # fmt: skip
    conn.exec_driver_sql("DELETE FROM sync_mark")
    conn.exec_driver_sql("DELETE FROM outbox")
    conn.exec_driver_sql(
        "UPDATE sync_state SET server = ?, last_sync_at = ? WHERE id = 1",
        (SAMPLE_SERVER, _naive(now - timedelta(minutes=10))),
    )
    return len(rows)


def _insert(conn: Connection, cid: int, kind: str, table: str, rid: str, field: str,
            kept: object, lost: object, kept_by: str, lost_by: str, kept_at: datetime,
            lost_at: datetime, found: datetime) -> None:  # fmt: skip
    conn.exec_driver_sql(
        "INSERT INTO sync_conflict (id, kind, table_name, record_id, field, winner_op, "
        "loser_op, winner_value, loser_value, winner_device, loser_device, winner_hlc, "
        "loser_hlc, detected_at, resolved_at, resolved_by_op, resolution_sent) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 1)",
        (cid, kind, table, rid, field, new_id(), new_id(),
         json.dumps(kept, ensure_ascii=False), json.dumps(lost, ensure_ascii=False),
         kept_by, lost_by, _stamp(kept_at), _stamp(lost_at), _naive(found)),
    )  # fmt: skip
