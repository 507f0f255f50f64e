"""Schema migrations: alembic, run from the shipped ``migrations`` folder, on the app's engine."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, inspect

from trustdesk import paths
from trustdesk.db.backup import make_backup, prune_backups
from trustdesk.db.engine import WRITE_OPTION
from trustdesk.errors import DatabaseFileError

log = logging.getLogger("trustdesk.db")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(paths.shipped_dir("migrations")))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def is_known_revision(revision: str) -> bool:
    """A revision this version's migrations know: at head or older."""
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def _state(engine: Engine) -> tuple[str | None, bool]:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
        return current_revision(conn), bool(tables)


def refuse_newer(path: Path, current: str | None) -> None:
    """Refuse a schema this TrustDesk does not know: a newer version wrote it."""
    if current is not None and not is_known_revision(current):
        raise DatabaseFileError(
            f"{path} was written by a newer TrustDesk (schema {current}); update TrustDesk.",
            zh=f"{path} 由更新版本的 TrustDesk 创建(结构 {current}),请先升级 TrustDesk。",
        )


def _check_ours(path: Path, current: str | None, has_tables: bool) -> None:
    # open_database has already refused these on a read-only connection; kept for callers
    # that hand an engine straight to upgrade_to_head / require_head.
    if current is None and has_tables:
        raise DatabaseFileError(
            f"{path} is an SQLite file of another program, not TrustDesk's.",
            zh=f"{path} 是其他程序的 SQLite 文件,不是 TrustDesk 数据库。",
        )
    refuse_newer(path, current)


@contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for migrations, with foreign keys off.

    SQLite rebuilds a table to alter it (create a copy, drop the old, rename); with foreign
    keys on, dropping the old table would run its ON DELETE actions and remove the children's
    rows. The pragma only works outside a transaction, so it is set on the bare connection;
    before commit, ``PRAGMA foreign_key_check`` proves every reference still resolves.
    """
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})  # BEGIN IMMEDIATE: wait for the lock
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                yield conn
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    tables = ", ".join(sorted({str(row[0]) for row in broken}))
                    raise DatabaseFileError(
                        f"The upgrade left broken references in: {tables}; nothing was changed.",
                        zh=f"升级后以下表中有失效的引用：{tables}；数据库未作任何改动。",
                    )
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def upgrade_to_head(engine: Engine, path: Path) -> bool:
    """Create or upgrade the schema; back up an existing database first.

    Returns True when a migration ran. The whole upgrade is one transaction: on failure the
    file is as it was.
    """
    current, has_tables = _state(engine)
    _check_ours(path, current, has_tables)
    head = head_revision()
    if current == head:
        return False
    if current is not None:
        make_backup(path, "upgrade", current)  # named with the schema it holds
    cfg = alembic_config()
    with migrating(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("upgraded %s from %s to %s", path, current, head)
    if current is not None:
        prune_backups(path)  # many upgrades still leave a bounded folder
    return True


def require_head(engine: Engine) -> None:
    """Raise unless the schema is exactly at head (used by ``db check``)."""
    current, has_tables = _state(engine)
    path = Path(engine.url.database or "")
    _check_ours(path, current, has_tables)
    head = head_revision()
    if current != head:
        raise DatabaseFileError(
            f"{path} is at schema {current or 'none'}, not {head}; run `trustdesk db upgrade`.",
            zh=f"{path} 的结构版本是 {current or '无'},不是 {head};请运行 trustdesk db upgrade。",
        )
