"""The team's PostgreSQL server: its address, the connection, and its schema (alembic).

The password never travels in the address. It is given apart (the environment or a prompt,
see ``cli/server.py``) and set on SQLAlchemy's ``URL`` object, whose text forms hide it; an
address that carries one is refused without being repeated. Every failure to reach or use
the server becomes one ``ServerError`` sentence naming ``host:port/database``; the driver's
own message is read here to tell the cases apart and is then dropped, never shown or logged.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import psycopg
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, func, inspect, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from trustdesk import paths
from trustdesk.errors import ServerError
from trustdesk.sync.server_models import VERSION_TABLE, ChangeLog, Conflict, Device

log = logging.getLogger("trustdesk.sync")

DRIVER = "postgresql+psycopg"
_POSTGRES_DRIVERS = frozenset({"postgresql", "postgres", DRIVER})
PASSWORD_VARIABLES = ("TRUSTDESK_SERVER_PASSWORD", "PGPASSWORD")
CONNECT_TIMEOUT_SECONDS = 10
# pg_advisory_xact_lock key held while the schema is created or upgraded, so two
# `server init` at once run one after the other ("TDschema" in ASCII).
SCHEMA_LOCK = 0x5444_7363_6865_6D61
EXAMPLE = "postgresql+psycopg://user@host:5432/database"


def _address_error(reason_en: str, reason_zh: str) -> ServerError:
    return ServerError(
        f"{reason_en} The server address looks like {EXAMPLE}; the password is given apart "
        "(TRUSTDESK_SERVER_PASSWORD, PGPASSWORD or the prompt).",
        zh=f"{reason_zh}服务器地址的格式为 {EXAMPLE}；密码另行提供"
        "（TRUSTDESK_SERVER_PASSWORD、PGPASSWORD 或提示输入）。",
        kind="address",
    )


def parse_address(text: str) -> URL:
    """The server address as a URL without a password, on the psycopg driver. A URL that is
    not PostgreSQL's, names no database or carries a password is refused (not repeated)."""
    try:
        url = make_url(text.strip())
    except (ArgumentError, ValueError):
        raise _address_error("That is not a server address.", "这不是服务器地址。") from None
    if url.drivername not in _POSTGRES_DRIVERS:
        raise _address_error("The team server must be PostgreSQL.", "团队服务器必须是 PostgreSQL。")
    if url.password is not None or "password" in url.query:
        raise _address_error(
            "The address must not hold the password (it would stay in the shell history).",
            "地址中不能包含密码（它会留在命令历史中）。",
        )
    if not url.database:
        raise _address_error("The address names no database.", "地址中没有数据库名。")
    return url.set(drivername=DRIVER)


def where(url: URL) -> str:
    """``host:port/database``: how sentences and the log name the server (no user, no
    password)."""
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def password_from_environment() -> str | None:
    """``TRUSTDESK_SERVER_PASSWORD``, else ``PGPASSWORD`` (libpq's own), else None."""
    for name in PASSWORD_VARIABLES:
        value = os.environ.get(name)
        if value:
            return value
    return None


# The driver's connection failures, by the words libpq uses, and what they mean.
_CONNECT_FAILURES = (
    ("password authentication failed", "password"),
    ("no password supplied", "no_password"),
    ("does not exist", "no_database"),  # the database; a missing role reads as a password
    ("no pg_hba.conf entry", "refused"),
    ("pg_hba.conf rejects", "refused"),
)


def _connect_kind(exc: DBAPIError) -> str:
    text = str(exc.orig)
    return next((kind for words, kind in _CONNECT_FAILURES if words in text), "unreachable")


def _connect_error(kind: str, url: URL) -> ServerError:
    at = where(url)
    user = url.username or "—"
    en, zh = {
        "password": (
            f"The server at {at} refused the user name or password; check them and try again.",
            f"{at} 上的服务器拒绝了用户名或密码；请检查后重试。",
        ),
        "no_password": (
            f"The server at {at} asks for a password: set TRUSTDESK_SERVER_PASSWORD, or run "
            "the command in a terminal to be asked for it.",
            f"{at} 上的服务器需要密码：请设置 TRUSTDESK_SERVER_PASSWORD，或在终端中运行此命令"
            "以便输入密码。",
        ),
        "no_database": (
            f"The server at {at} has no such database (or no user {user}); create the "
            "database first, e.g. with createdb.",
            f"{at} 上的服务器没有这个数据库（或没有用户 {user}）；"
            "请先创建数据库，例如用 createdb。",
        ),
        "refused": (
            f"The server at {at} does not accept connections from this computer for user "
            f"{user}; ask its administrator to allow it (pg_hba.conf).",
            f"{at} 上的服务器不接受用户 {user} 从这台电脑连接；请让管理员允许（pg_hba.conf）。",
        ),
        "unreachable": (
            f"Could not reach the server at {at}: check the address and the network, and "
            "that PostgreSQL is running there.",
            f"无法连接到 {at} 上的服务器：请检查地址和网络，并确认那里的 PostgreSQL 正在运行。",
        ),
    }[kind]
    return ServerError(en, zh=zh, kind=kind)


def _lost(url: URL) -> ServerError:
    at = where(url)
    return ServerError(
        f"The connection to the server at {at} was lost; nothing was changed there. Try again.",
        zh=f"与 {at} 上服务器的连接中断，服务器上未做任何修改。请重试。",
        kind="lost",
    )


def open_server(url: URL, password: str | None) -> Engine:
    """An engine on the server, after one connection proved the address and the password.
    ``password`` None lets libpq decide (trust, ``PGPASSWORD``, ``~/.pgpass``)."""
    full = url.set(password=password) if password else url
    engine = create_engine(
        full,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
            "application_name": "trustdesk",
        },
        pool_pre_ping=True,
    )
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        kind = _connect_kind(exc)
        log.warning("server %s: cannot connect (%s)", where(url), kind)
        raise _connect_error(kind, url) from None
    return engine


@contextmanager
def on_server(engine: Engine) -> Iterator[Connection]:
    """One transaction on the server; a dropped connection is a sentence, not a traceback."""
    try:
        with engine.begin() as conn:
            yield conn
    except DBAPIError as exc:
        if not exc.connection_invalidated and not _is_operational(exc):
            raise
        log.warning("server %s: connection lost (%s)", where(engine.url), type(exc.orig).__name__)
        raise _lost(engine.url) from None


def _is_operational(exc: DBAPIError) -> bool:
    return isinstance(exc.orig, psycopg.OperationalError)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(paths.shipped_dir("migrations") / "server"))
    return cfg


def schema_head() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the server migrations folder has no revisions"
    return head


def _known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def current_revision(conn: Connection) -> str | None:
    context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def _check_ours(conn: Connection, url: URL, current: str | None) -> None:
    at = where(url)
    if current is not None and not _known(current):
        raise ServerError(
            f"The server at {at} has a newer TrustDesk schema ({current}); update TrustDesk.",
            zh=f"{at} 上的服务器结构版本较新（{current}）；请先升级 TrustDesk。",
            kind="newer",
        )
    if current is None and inspect(conn).get_table_names():
        raise ServerError(
            f"The database {at} already holds another program's tables; give TrustDesk an "
            "empty database of its own. Nothing was changed.",
            zh=f"数据库 {at} 中已有其他程序的表；请为 TrustDesk 单独准备一个空数据库。"
            "未做任何修改。",
            kind="foreign",
        )


@dataclass(frozen=True)
class SchemaResult:
    """What ``init_schema`` found and left: ``before`` None on a new database."""

    before: str | None
    after: str

    @property
    def migrated(self) -> bool:
        return self.before != self.after


def init_schema(engine: Engine, *, to: str | None = None) -> SchemaResult:
    """Create the server schema, or upgrade it to this version's head (or the revision
    ``to``, for tests of an upgrade): one transaction under an advisory lock, so a failure or
    a second ``init`` at once leaves it whole."""
    head = to or schema_head()
    with on_server(engine) as conn:
        conn.execute(select(func.pg_advisory_xact_lock(SCHEMA_LOCK)))
        before = current_revision(conn)
        _check_ours(conn, engine.url, before)
        if before != head:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, head)
    log.info("server %s: schema %s -> %s", where(engine.url), before or "none", head)
    return SchemaResult(before, head)


@dataclass(frozen=True)
class DeviceRow:
    device_id: str
    name: str | None
    first_seen: datetime
    last_seen: datetime | None
    last_push_seq: int | None
    last_pull_seq: int | None


@dataclass(frozen=True)
class ServerStatus:
    revision: str
    head: str
    changes: int
    conflicts: int
    open_conflicts: int
    devices: tuple[DeviceRow, ...]


def _not_ready(url: URL) -> ServerError:
    at = where(url)
    return ServerError(
        f"The server at {at} has no TrustDesk schema yet; run 'trustdesk server init' first.",
        zh=f"{at} 上的服务器还没有 TrustDesk 结构；请先运行“trustdesk server init”。",
        kind="not_ready",
    )


def require_ready(engine: Engine) -> None:
    """Refuse, in one sentence, a server whose schema is missing, not ours or not this
    version's (an older one: ``server init`` upgrades it; a newer one: update TrustDesk)."""
    with on_server(engine) as conn:
        revision = current_revision(conn)
        _check_ours(conn, engine.url, revision)
    if revision is None:
        raise _not_ready(engine.url)
    if revision != schema_head():
        at = where(engine.url)
        raise ServerError(
            f"The server at {at} has TrustDesk schema {revision}, not {schema_head()}: run "
            "'trustdesk server init' with the newer TrustDesk to upgrade it, or update TrustDesk.",
            zh=f"{at} 上服务器的 TrustDesk 结构版本是 {revision}，不是 {schema_head()}："
            "请用较新的 TrustDesk 运行“trustdesk server init”升级，或升级本机的 TrustDesk。",
            kind="not_ready",
        )


def server_status(engine: Engine) -> ServerStatus:
    """The schema revision, how many ops and conflicts the server holds, and its devices."""
    with on_server(engine) as conn:
        revision = current_revision(conn)
        _check_ours(conn, engine.url, revision)
        if revision is None:
            raise _not_ready(engine.url)
        changes = conn.scalar(select(func.count()).select_from(ChangeLog)) or 0
        conflicts, still_open = conn.execute(
            select(
                func.count(),
                func.count().filter(Conflict.resolved_by_op.is_(None)),
            ).select_from(Conflict)
        ).one()
        devices = conn.execute(
            select(
                Device.device_id,
                Device.name,
                Device.first_seen,
                Device.last_seen,
                Device.last_push_seq,
                Device.last_pull_seq,
            ).order_by(Device.first_seen, Device.device_id)
        ).all()
    return ServerStatus(
        revision=revision,
        head=schema_head(),
        changes=changes,
        conflicts=conflicts,
        open_conflicts=still_open,
        devices=tuple(DeviceRow(*row) for row in devices),
    )


__all__ = [
    "DRIVER",
    "PASSWORD_VARIABLES",
    "DeviceRow",
    "SchemaResult",
    "ServerStatus",
    "init_schema",
    "open_server",
    "parse_address",
    "password_from_environment",
    "require_ready",
    "schema_head",
    "server_status",
    "where",
]
