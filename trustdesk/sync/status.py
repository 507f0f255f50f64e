"""What the window's status bar says about team sync, read in one go, and the team server's
address as this laptop remembers it (never its password).

The address is kept where a sync stamps it (``sync_state.server``), so the GUI and the CLI
remember the same server; it is the address as typed, without a password (``parse_address``
refuses one). A laptop that never named a server works alone: that is the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from trustdesk.errors import TrustDeskError
from trustdesk.sync import laptop


@dataclass(frozen=True, slots=True)
class SyncStatus:
    server: str | None  # the address remembered, None when this laptop works alone
    where: str | None  # the server as sentences name it (host:port/database)
    last_sync_at: datetime | None  # UTC
    pending: int  # edits not yet on the server
    open_conflicts: int

    @property
    def alone(self) -> bool:
        """No team server named, no conflict to show: nothing about sync to say."""
        return self.server is None and self.open_conflicts == 0


def _moment(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _where(address: str | None) -> str | None:
    """``host:port/database`` of a remembered address; None when it is none (a label a
    test or an older version stamped), so the user is asked for the address."""
    if not address:
        return None
    from trustdesk.sync.server import parse_address, where  # psycopg: only with a team

    try:
        return where(parse_address(address))
    except TrustDeskError:
        return None


def sync_status(session: Session) -> SyncStatus:
    """Cheap enough to read after every write (two counts) and, alone, without loading
    the server's driver."""
    me = laptop.state(session)
    server = me.server or None
    conflicts = session.connection().exec_driver_sql(
        "SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL"
    )
    return SyncStatus(
        server=server,
        where=_where(server),
        last_sync_at=_moment(me.last_sync_at),
        # Counted only with a team: alone, every record ever made is "pending".
        pending=laptop.pending_count(session) if server else 0,
        open_conflicts=int(conflicts.scalar_one()),
    )


def check_same_server(synced_with: str | None, address: str) -> None:
    """A laptop's place in the log and its record of what it sent belong to the server it
    synced with: refuse another one (as ``trustdesk sync --server`` does). The same server
    under another user name is the same server."""
    from trustdesk.sync.server import parse_address, where

    before = _where(synced_with)
    now = where(parse_address(address))
    if before is not None and before != now:
        raise TrustDeskError(
            f"This database syncs with the server at {before}, not {now}: what it has sent and "
            "received is that server's. Sync it with that server, or use a new database file "
            "for the other one.",
            zh=f"这个数据库与 {before} 上的服务器同步，而不是 {now}：它发送和收到的记录都属于那台"
            "服务器。请与那台服务器同步，或为另一台服务器使用新的数据库文件。",
        )


def remember_server(session: Session, address: str) -> None:
    """Name the team server this laptop syncs with (the address without a password)."""
    session.connection().exec_driver_sql(
        "UPDATE sync_state SET server = ? WHERE id = 1", (address.strip() or None,)
    )


__all__ = ["SyncStatus", "check_same_server", "remember_server", "sync_status"]
