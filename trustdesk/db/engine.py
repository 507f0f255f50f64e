"""Opening a database file: checks, engine with pragmas, automatic upgrade, sessions."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker

from trustdesk.errors import DatabaseFileError

log = logging.getLogger("trustdesk.db")

# How long a writer waits for another to finish before the store reports "busy".
BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see _begin):
    # the module's own handling commits DDL silently, which would half-apply a migration.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL, not NORMAL: in WAL mode NORMAL may lose the last commits when the power goes,
    # and a laptop on the road runs out of battery. A saved visit must stay saved; the cost
    # is one fsync per commit, unnoticeable for a person typing.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def check_database_file(path: Path) -> None:
    """Refuse a path TrustDesk must not open, without touching the file.

    A missing file in an existing folder is fine (it will be created), as is an empty file.
    """
    if path.is_dir():
        raise DatabaseFileError(
            f"{path} is a folder, not a database file.", zh=f"{path} 是文件夹,不是数据库文件。"
        )
    if not path.parent.is_dir():
        raise DatabaseFileError(
            f"The folder {path.parent} does not exist; create it first.",
            zh=f"文件夹 {path.parent} 不存在,请先创建。",
        )
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER:
            raise DatabaseFileError(
                f"{path} is not a TrustDesk database (it is not SQLite).",
                zh=f"{path} 不是 TrustDesk 数据库(不是 SQLite 文件)。",
            )


def _begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


class Database:
    """An open database file: the engine plus units of work on it."""

    def __init__(self, path: Path, engine: Engine, *, migrated: bool = False) -> None:
        self.path = path
        self.engine = engine
        self.migrated = migrated  # True when opening it ran a migration
        self.session_factory = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed at the end, rolled back whole on any error."""
        with self.session_factory() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only; nothing is committed."""
        with self.session_factory() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


# The newest migration's revision id; tests/migrations checks it against alembic's head.
SCHEMA_HEAD = "0003"


def _at_head(engine: Engine) -> bool:
    try:
        with engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchone()
    except SADatabaseError:
        return False
    return row is not None and row[0] == SCHEMA_HEAD


def open_database(path: Path | str, *, upgrade: bool = True) -> Database:
    """Open (creating if needed) the database at ``path`` and bring its schema to head.

    Before any migration of an existing database, a copy is made with SQLite's backup API.
    """
    path = Path(path).expanduser().absolute()
    check_database_file(path)
    engine = make_engine(path)
    if _at_head(engine):  # the common case, answered without importing alembic (~0.3 s)
        return Database(path, engine)
    from trustdesk.db import migrate

    migrated = False
    try:
        if upgrade:
            migrated = migrate.upgrade_to_head(engine, path)
        else:
            migrate.require_head(engine)
    except SADatabaseError as exc:
        engine.dispose()
        raise DatabaseFileError(
            f"{path} cannot be read as a database: {exc.orig}",
            zh=f"无法读取数据库 {path}:{exc.orig}",
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(path, engine, migrated=migrated)
