"""The Conflicts screen's data: both values of each conflict, who and when, and resolving one
by keeping a value, which is a new edit that syncs like any other (OFF-3)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from trustdesk.db.base import utcnow
from trustdesk.errors import ValidationError
from trustdesk.sync import laptop

KEEP_CHOICES = ("winner", "loser")


@dataclass(frozen=True, slots=True)
class ConflictView:
    id: int
    kind: str  # "field" or "delete"
    table_name: str
    record_id: str
    field: str
    record_label: str  # the customer's or person's name, else the table and id
    current: str  # the value here now, as shown
    winner_value: str
    loser_value: str
    winner_device: str
    loser_device: str
    winner_at: datetime
    loser_at: datetime
    detected_at: datetime
    resolved_at: datetime | None


def shown(value: Any) -> str:
    """A stored value as a person reads it: empty is a dash, text as it is."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _when(stamp: str) -> datetime:
    return datetime.fromtimestamp(int(stamp[:16]) / 1000, tz=UTC)


def _stored(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(str(text)).replace(tzinfo=UTC)


def _label(session: Session, table: str, record_id: str) -> str:
    conn = session.connection()
    if table == "account":
        name = conn.exec_driver_sql("SELECT name FROM account WHERE id = ?", (record_id,)).scalar()
    elif table == "contact":
        name = conn.exec_driver_sql(
            "SELECT c.name || ' · ' || a.name FROM contact c JOIN account a ON a.id = c.account_id "
            "WHERE c.id = ?",
            (record_id,),
        ).scalar()
    else:
        name = None
    return str(name) if name else f"{table} {record_id}"


def _current(session: Session, table: str, record_id: str, field: str) -> Any:
    tables = laptop.captured_tables_by_name()
    spec = tables.get(table)
    if spec is None or field not in spec.fields:
        return None
    row = laptop._rows(session.connection(), spec, [record_id]).get(record_id)
    return None if row is None else row.get(field)


def list_conflicts(session: Session, *, include_resolved: bool = False) -> list[ConflictView]:
    """Open conflicts (and resolved ones when asked), newest first."""
    where = "" if include_resolved else "WHERE resolved_at IS NULL"
    rows = session.connection().exec_driver_sql(
        "SELECT id, kind, table_name, record_id, field, winner_value, loser_value, "
        "winner_device, loser_device, winner_hlc, loser_hlc, detected_at, resolved_at "
        f"FROM sync_conflict {where} ORDER BY id DESC"
    )
    out = []
    for r in rows.all():
        out.append(
            ConflictView(
                id=int(r[0]),
                kind=r[1],
                table_name=r[2],
                record_id=r[3],
                field=r[4],
                record_label=_label(session, r[2], r[3]),
                current=shown(_current(session, r[2], r[3], r[4])),
                winner_value=shown(json.loads(r[5])),
                loser_value=shown(json.loads(r[6])),
                winner_device=r[7],
                loser_device=r[8],
                winner_at=_when(r[9]),
                loser_at=_when(r[10]),
                detected_at=_stored(r[11]) or utcnow(),
                resolved_at=_stored(r[12]),
            )
        )
    return out


def resolve_conflict(session: Session, conflict_id: int, keep: str) -> str:
    """Keep the ``winner``'s or the ``loser``'s value. Keeping the value the server chose
    changes nothing; keeping the other is a new edit of the field (a delete conflict: keeping
    the delete deletes the record again). Returns the op id that resolved it."""
    if keep not in KEEP_CHOICES:
        raise ValidationError(
            "Choose which value to keep: winner or loser.", zh="请选择保留哪个值：winner 或 loser。"
        )
    conn = session.connection()
    row = conn.exec_driver_sql(
        "SELECT table_name, record_id, field, winner_op, winner_value, loser_value, resolved_at, "
        "kind FROM sync_conflict WHERE id = ?",
        (conflict_id,),
    ).first()
    if row is None:
        raise ValidationError(
            f"There is no conflict {conflict_id}; `trustdesk conflicts list` shows them.",
            zh=f"没有编号为 {conflict_id} 的冲突；用 trustdesk conflicts list 查看。",
        )
    table, record_id, field, winner_op, winner_value, loser_value, resolved, kind = row
    if resolved is not None:
        raise ValidationError(
            f"Conflict {conflict_id} is already resolved.", zh=f"冲突 {conflict_id} 已经解决。"
        )
    chosen = json.loads(winner_value if keep == "winner" else loser_value)
    if kind == "delete":  # the edit kept the record: its value is another field's
        chosen = None if keep == "winner" else json.loads(loser_value)
    if keep == "winner" and _current(session, table, record_id, field) == chosen:
        op_id = str(winner_op)
    else:
        op_id = laptop.record_edit(session, table, record_id, field, chosen)
    conn.exec_driver_sql(
        "UPDATE sync_conflict SET resolved_at = ?, resolved_by_op = ?, resolution_sent = 0 "
        "WHERE id = ?",
        (utcnow().replace(tzinfo=None).isoformat(sep=" "), op_id, conflict_id),
    )
    return op_id
