"""``trustdesk sync``: this laptop's edits to the team server and the team's edits back (OFF-3).

``--server URL`` names the server (``postgresql+psycopg://user@host/database``, no password
in it); the address is remembered in the database, so a later ``trustdesk sync`` needs no
option. The password comes from ``TRUSTDESK_SERVER_PASSWORD`` or ``PGPASSWORD``, else from a
prompt (see ``cli/server.py``); it is never printed, logged or remembered. A server that
cannot be reached or has no TrustDesk schema ends the command with one sentence and exit
code 2; each step of a sync is its own transaction, so nothing is lost and the next sync goes
on. ``--status`` reads only this laptop's database and works offline.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TextIO

from trustdesk.cli.common import SubParsers, command, emit, opened, say, when
from trustdesk.cli.server import URL_HELP, connected
from trustdesk.errors import TrustDeskError
from trustdesk.services.progress import Progress

if TYPE_CHECKING:
    from trustdesk.sync.run import SyncResult


class SyncProgress(Progress):
    """The sync's progress on one line of the terminal (stderr), rewritten in place."""

    def __init__(self, args: argparse.Namespace, stream: TextIO) -> None:
        super().__init__()
        self.args = args
        self.stream = stream
        self.shown = False

    def _text(self) -> str:
        s = self.state
        count = f" {s.done:,}/{s.total:,}" if s.total else ""
        return {
            "seal": say(self.args, "Preparing this laptop's edits…", "正在整理本机的修改…"),
            "push": say(self.args, f"Sending edits{count}…", f"正在发送修改{count}…"),
            "pull": say(self.args, f"Receiving the team's changes{count}…",
                        f"正在接收团队的修改{count}…"),
            "index": say(self.args, "Indexing the team's customers for search…",
                         "正在为搜索建立团队客户的索引…"),
        }.get(s.text, s.text)  # fmt: skip

    def step(self, done: int, total: int | None = None, text: str | None = None) -> None:
        super().step(done, total, text)
        self.stream.write("\r\x1b[K" + self._text())
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _no_server_yet() -> TrustDeskError:
    return TrustDeskError(
        "This laptop has not synced with a server yet: give its address once, e.g. "
        "trustdesk sync --server postgresql+psycopg://user@host/database",
        zh="这台电脑还没有与服务器同步过：请先给出一次服务器地址，例如 "
        "trustdesk sync --server postgresql+psycopg://user@host/database",
    )


def _same_server(remembered: str, now: str) -> None:
    """A laptop's position in the log and its record of what it sent belong to one server:
    syncing the same file with another would miss the other's earlier changes. (The same
    server under another user name is the same server.)"""
    from trustdesk.sync import server

    try:
        before = server.where(server.parse_address(remembered))
    except TrustDeskError:  # not an address this version reads: nothing to compare
        return
    if before != now:
        raise TrustDeskError(
            f"This database syncs with the server at {before}, not {now}: what it has sent and "
            "received is that server's. Sync it with that server, or use a new database file "
            "for the other one.",
            zh=f"这个数据库与 {before} 上的服务器同步，而不是 {now}：它发送和收到的记录都属于那台"
            "服务器。请与那台服务器同步，或为另一台服务器使用新的数据库文件。",
        )


def _count(n: int, thing: str) -> str:
    return f"{n:,} {thing}" + ("" if n == 1 else "s")


def _summary_lines(args: argparse.Namespace, at: str, r: SyncResult) -> list[str]:
    resent = say(args, f" ({r.resent:,} already there)", f"（其中 {r.resent:,} 条服务器已有）")
    lines = [
        say(args, f"Synced with {at} in {r.seconds:.1f} s.",
            f"已与 {at} 同步，用时 {r.seconds:.1f} 秒。"),
        say(args, f"Sent {_count(r.pushed, 'edit')}{resent if r.resent else ''}; "
                  f"received {_count(r.pulled, 'changed record')}.",
            f"发送修改 {r.pushed:,} 条{resent if r.resent else ''}；"
            f"收到有变化的记录 {r.pulled:,} 条。"),
    ]  # fmt: skip
    if r.rebased:
        lines.append(
            say(args, f"{r.rebased:,} fields edited here were kept and go out with the next sync.",
                f"{r.rebased:,} 个本机修改过的字段已保留，将在下次同步时发送。")
        )  # fmt: skip
    if r.conflicts:
        lines.append(
            say(args, f"Conflicts: {r.conflicts:,} open ({r.new_conflicts:,} new); see "
                      "'trustdesk conflicts list'.",
                f"冲突：未解决 {r.conflicts:,} 个（新增 {r.new_conflicts:,} 个）；"
                "见“trustdesk conflicts list”。")
        )  # fmt: skip
    else:
        lines.append(say(args, "No open conflicts.", "没有未解决的冲突。"))
    return lines


def _sync(args: argparse.Namespace) -> int:
    from trustdesk.sync import laptop, server
    from trustdesk.sync.run import sync_now

    with opened(args) as store:
        remembered = store.read(laptop.state).server
        address = args.server or remembered
        if not address:
            raise _no_server_yet()
        url = server.parse_address(address)  # a password in it: refused, not repeated
        label = url.render_as_string(hide_password=True)  # remembered for the next sync
        at = server.where(url)
        if remembered and args.server:
            _same_server(remembered, at)
        progress = SyncProgress(args, sys.stderr) if sys.stderr.isatty() else None
        try:
            with connected(args, label) as engine:
                result = sync_now(store, engine, label, progress)
        finally:
            if progress is not None:
                progress.finish()
    data = {"server": at, "address": label, **_fields(result)}
    emit(args, data, lambda: _summary_lines(args, at, result))
    return 0


def _fields(result: SyncResult) -> dict[str, object]:
    return {name: getattr(result, name) for name in result.__dataclass_fields__}


def _stored_time(text: object) -> datetime | None:
    """``sync_state.last_sync_at`` as stored (UTC, no zone) as a time."""
    if not text:
        return None
    moment = text if isinstance(text, datetime) else datetime.fromisoformat(str(text))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _status(args: argparse.Namespace) -> int:
    from trustdesk.sync import laptop
    from trustdesk.sync.run import open_conflict_count

    with opened(args) as store:
        me = store.read(laptop.state)
        pending = store.read(laptop.pending_count)
        open_conflicts = store.read(open_conflict_count)
    last = _stored_time(me.last_sync_at)
    data = {
        "device_id": me.device_id,
        "server": me.server,
        "last_sync_at": last,
        "pending": pending,
        "open_conflicts": open_conflicts,
    }

    def lines() -> list[str]:
        return [
            say(args, f"This laptop: device {me.device_id}", f"本机：设备 {me.device_id}"),
            say(args, f"Server: {me.server or '— (never synced)'}",
                f"服务器：{me.server or '—（从未同步）'}"),
            say(args, f"Last sync: {when(last) if last else 'never'}",
                f"上次同步：{when(last) if last else '从未'}"),
            say(args, f"Edits waiting to be sent: {pending:,}", f"待发送的修改：{pending:,}"),
            say(args, f"Open conflicts: {open_conflicts:,}", f"未解决的冲突：{open_conflicts:,}"),
        ]  # fmt: skip

    emit(args, data, lines)
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    return _status(args) if args.status else _sync(args)


def register(sub: SubParsers) -> None:
    p = command(
        sub, "sync", cmd_sync,
        "send this laptop's edits to the team server and receive the team's",
        json_output=True,
    )  # fmt: skip
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--server",
        metavar="URL",
        help=URL_HELP + "; remembered, so later syncs need no --server",
    )
    which.add_argument(
        "--status",
        action="store_true",
        help="this laptop's device, server, last sync, waiting edits and open conflicts "
        "(offline: the server is not contacted)",
    )
