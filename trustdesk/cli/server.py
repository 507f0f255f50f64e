"""``trustdesk server …``: the team's PostgreSQL server — create or upgrade its schema, and
say what it holds.

The address is ``postgresql+psycopg://user@host:port/database``, without the password: it
comes from ``TRUSTDESK_SERVER_PASSWORD`` or ``PGPASSWORD``, else from a prompt when there is
a terminal to ask in. It is never printed or logged. A wrong password, a server that cannot
be reached or an address that is not PostgreSQL's end with one sentence and exit code 2.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from trustdesk.cli.common import SubParsers, command, emit, noun, say, when

if TYPE_CHECKING:  # psycopg and alembic load only when a server command runs
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL

    from trustdesk.sync.server import ServerStatus


def ask_password(args: argparse.Namespace, url: URL) -> str | None:
    """The server's password: from the environment, else typed at a prompt (not echoed)
    when there is a terminal to ask in, else None."""
    from trustdesk.sync import server

    given = server.password_from_environment()
    if given is not None or not sys.stdin.isatty():
        return given  # None: libpq decides (trust, ~/.pgpass); a refusal says what to set
    at = server.where(url)
    who = f"{url.username}@{at}" if url.username else at
    try:
        typed = getpass.getpass(say(args, f"Password for {who}: ", f"{who} 的密码："))
    except EOFError:
        return None
    return typed or None


@contextmanager
def connected(args: argparse.Namespace, address: str) -> Iterator[Engine]:
    """An engine on the server at ``address`` (as typed; one with a password in it is
    refused), connected once with the password from ``ask_password``; disposed at the end.
    Shared by ``server`` and ``sync``."""
    from trustdesk.sync import server

    url = server.parse_address(address)
    engine = server.open_server(url, ask_password(args, url))
    try:
        yield engine
    finally:
        engine.dispose()


def cmd_init(args: argparse.Namespace) -> int:
    from trustdesk.sync import server

    with connected(args, args.url) as engine:
        result = server.init_schema(engine)
        at = server.where(engine.url)
    if result.before is None:
        print(say(args, f"{at}: schema {result.after} created.",
                  f"{at}：已创建结构 {result.after}。"))  # fmt: skip
    elif result.migrated:
        print(say(args, f"{at}: schema upgraded from {result.before} to {result.after}.",
                  f"{at}：结构已从 {result.before} 升级到 {result.after}。"))  # fmt: skip
    else:
        print(say(args, f"{at}: already at schema {result.after}.",
                  f"{at}：结构已是 {result.after}。"))  # fmt: skip
    return 0


def _status_lines(args: argparse.Namespace, at: str, status: ServerStatus) -> list[str]:
    zh = args.lang == "zh"
    state = (
        ("最新" if zh else "current")
        if status.revision == status.head
        else (
            f"需要升级到 {status.head}"
            if zh
            else f"run 'trustdesk server init' to reach {status.head}"
        )
    )
    lines = [
        say(args, f"Server {at}: schema {status.revision} ({state})",
            f"服务器 {at}：结构 {status.revision}（{state}）"),
        say(args, f"Changes in the log: {status.changes:,}", f"变更记录：{status.changes:,}"),
        say(args, f"Conflicts: {status.conflicts:,} ({status.open_conflicts:,} open)",
            f"冲突：{status.conflicts:,}（未解决 {status.open_conflicts:,}）"),
        say(args, f"Devices: {len(status.devices)}", f"设备：{len(status.devices)}"),
    ]  # fmt: skip
    for d in status.devices:
        pushed = "—" if d.last_push_seq is None else f"{d.last_push_seq:,}"
        pulled = "—" if d.last_pull_seq is None else f"{d.last_pull_seq:,}"
        lines.append(
            f"  {d.device_id}  {d.name or '—'}  "
            + say(args,
                  f"first seen {when(d.first_seen)}, last seen {when(d.last_seen)}, "
                  f"pushed to {pushed}, pulled to {pulled}",
                  f"首次出现 {when(d.first_seen)}，最近出现 {when(d.last_seen)}，"
                  f"已推送到 {pushed}，已拉取到 {pulled}")
        )  # fmt: skip
    return lines


def cmd_status(args: argparse.Namespace) -> int:
    from trustdesk.sync import server

    with connected(args, args.url) as engine:
        status = server.server_status(engine)
        at = server.where(engine.url)
    data = {"server": at, **{name: getattr(status, name) for name in status.__dataclass_fields__}}
    emit(args, data, lambda: _status_lines(args, at, status))
    return 0


URL_HELP = (
    "the server, e.g. postgresql+psycopg://user@host:5432/trustdesk (no password in it: "
    "set TRUSTDESK_SERVER_PASSWORD or PGPASSWORD, or type it when asked)"
)


def register(sub: SubParsers) -> None:
    srv = noun(sub, "server", "the team's PostgreSQL server for sync")
    p = command(srv, "init", cmd_init, "create the server's schema or upgrade it")
    p.add_argument("url", metavar="URL", help=URL_HELP)
    p = command(
        srv, "status", cmd_status, "schema version, changes, conflicts and devices",
        json_output=True,
    )  # fmt: skip
    p.add_argument("url", metavar="URL", help=URL_HELP)
