"""Opening a database file: checks, engine with pragmas, automatic upgrade, sessions."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from trustdesk import paths
from trustdesk.db import cipher
from trustdesk.db.prepared import READ_DRIVER
from trustdesk.db.search import INDEX_SPELLING
from trustdesk.errors import DatabaseDamagedError, DatabaseFileError

log = logging.getLogger("trustdesk.db")

SQLITE_HEADER = b"SQLite format 3\x00"


# How long a writer waits for another one to finish before giving up with "busy".
# 10 s, not 5: SQLite's busy handler is not fair, and under load (four processes writing back
# to back on two busy cores) a waiting writer was measured to miss 5 s; the GUI waits on its
# worker thread and the CLI in the background of a person's work, so waiting beats failing.
BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 65_536  # each connection's page cache (see _set_pragmas)

# Written into the header of every database TrustDesk creates, before anything else: a file
# with no tables yet is ours only if it carries this mark (an interrupted first start), not
# when another program made an empty SQLite file.
APPLICATION_ID = 0x54447331  # "TDs1"


def _set_pragmas(dbapi_connection: Any, _record: object) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see _begin):
    # the module's own handling commits DDL silently, which would half-apply a migration.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # First: the pragmas below may need a lock another process holds for a moment (the last
    # connection closing, checkpointing and removing the -wal); they wait for it too.
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL, not NORMAL: in WAL mode NORMAL may lose the last commits when the power goes,
    # and a laptop on the road runs out of battery. A saved visit must stay saved; the cost
    # is one fsync per commit, unnoticeable for a person typing.
    cursor.execute("PRAGMA synchronous=FULL")
    # A 64 MB page cache (SQLite's default is 2 MB): at 100,000 customers the search index
    # is 240 MB, and the first search of each kind read its pages in again and again
    # (164–354 ms instead of 40–90 ms for the first keystroke of a kind).
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cursor.close()


def _set_read_only_pragmas(dbapi_connection: Any, _record: object) -> None:
    # A read-only file is never switched to WAL: that would write its header.
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def check_database_file(path: Path) -> None:
    """Refuse a path TrustDesk must not open, without touching the file.

    A missing file in an existing folder is fine (it will be created), as is an empty file.
    """
    if path.is_dir():
        raise DatabaseFileError(
            f"{path} is a folder, not a database file.", zh=f"{path} 是文件夹，不是数据库文件。"
        )
    if not path.parent.is_dir():
        raise DatabaseFileError(
            f"The folder {path.parent} does not exist; create it first.",
            zh=f"文件夹 {path.parent} 不存在，请先创建。",
        )
    if (
        path.exists()
        and path.stat().st_size > 0
        and not cipher.has_sqlite_header(path)
        and not cipher.is_encrypted(path)
    ):
        raise DatabaseFileError(
            f"{path} is not a TrustDesk database (it is not SQLite), or it is encrypted "
            f"and its key file {path.name}.key is not beside it.",
            zh=f"{path} 不是 TrustDesk 数据库(不是 SQLite 文件)，"
            f"或者它已加密而旁边没有密钥文件 {path.name}.key。",
        )


def _begin(connection: Connection) -> None:
    # A write transaction takes the write lock first and waits for it (busy_timeout). A
    # plain BEGIN would read, then try to upgrade to a write lock, and SQLite answers BUSY at
    # once — without waiting — when another connection committed in between. Reads stay
    # deferred: in WAL mode they never block a writer. A read's connection is already in
    # the read transaction ``Database.reading`` began: SQLAlchemy joins it.
    if connection.get_execution_options().get(WRITE_OPTION, False):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    driver = connection.connection.driver_connection
    assert isinstance(driver, cipher.DRIVER_CONNECTIONS)
    if not driver.in_transaction:
        driver.execute("BEGIN")  # deferred: takes no lock, cannot fail


WRITE_OPTION = "trustdesk_write"


def _ended(connection: Connection, driver: Any) -> bool:
    """Whether a read that failed could end its transaction and leave ``connection`` fit for
    the next read."""
    if connection.invalidated:
        return False
    try:
        driver.rollback()
    except cipher.DRIVER_ERRORS:
        return False
    return True


def sidecars(path: Path) -> tuple[Path, Path]:
    """The ``-wal`` and ``-shm`` files SQLite keeps beside a database in WAL mode."""
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def _wal_has_content(path: Path) -> bool:
    wal = sidecars(path)[0]
    return wal.exists() and wal.stat().st_size > 0


def read_only_uri(path: Path, *, immutable: bool) -> str:
    """A URI opening ``path`` for reading only. ``immutable`` also tells SQLite nobody writes
    the file, so it creates no ``-wal``/``-shm`` beside it (right only when no ``-wal`` holds
    commits that are not yet in the file itself)."""
    return f"{path.as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def probe_uri(path: Path) -> str:
    """Read-only and creating nothing. Without a -wal no connection has the file open in WAL
    mode and the file itself holds every commit: it is read as immutable (a mode=ro
    connection on a WAL-mode file creates, and leaves behind, a -wal and a -shm). With a
    -wal, its commits must be read too, through the -shm its writer keeps."""
    return read_only_uri(path, immutable=not sidecars(path)[0].exists())


def make_engine(path: Path, *, read_only: bool = False, key: bytes | None = None) -> Engine:
    """The engine on ``path``. ``read_only``: never writes, never creates a file (for a file or
    folder that cannot be written). ``key``: the data key of an encrypted file (``cipher``):
    every connection is keyed before anything else is said on it."""
    if not read_only:
        if key is None:
            engine = create_engine(f"sqlite:///{path}")
        else:
            engine = create_engine(
                f"sqlite:///{path}",
                module=cipher.sqlcipher,
                creator=lambda: cipher.connect(path, key, check_same_thread=False),
            )
        event.listen(engine, "connect", _set_pragmas)
    else:
        shm = sidecars(path)[1]
        # A live -wal with its -shm is read through them; otherwise the file alone, creating
        # nothing (no stray read-only -shm left behind).
        through_wal = _wal_has_content(path) and shm.exists()
        if _wal_has_content(path) and not through_wal:
            log.warning(
                "%s has a -wal but no -shm on read-only media: its last commits are not shown", path
            )
        uri = read_only_uri(path, immutable=not through_wal)
        engine = create_engine(
            f"sqlite:///{path}",
            module=cipher.sqlcipher if key is not None else sqlite3,
            creator=lambda: cipher.connect(uri, key, uri=True, check_same_thread=False),
        )
        event.listen(engine, "connect", _set_read_only_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


class Database:
    """An open database file: the engine plus units of work on it."""

    def __init__(
        self, path: Path, engine: Engine, *, migrated: bool = False, read_only: bool = False
    ) -> None:
        self.path = path
        self.engine = engine
        self.migrated = migrated  # True when opening it ran a migration
        self.read_only = read_only  # the file or its folder cannot be written
        self.session_factory = sessionmaker(engine, expire_on_commit=False)
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        # Each thread's read connection, kept checked out between reads (see ``reading``).
        self._local = threading.local()
        self._readers: list[Connection] = []
        # The read connections a thread is reading on right now: ``close`` (on another
        # thread) must not close those under a running statement — sqlite3 crashes — so
        # their own thread closes them when its read ends.
        self._busy: set[Connection] = set()
        self._closed = False
        self._readers_lock = threading.RLock()  # ``reading`` holds it while ``_reader`` adds

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed at the end, rolled back whole on any error. It starts
        with ``BEGIN IMMEDIATE``: it waits for the write lock instead of failing on it."""
        with self.session_factory(bind=self._writer) as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only, in a read transaction of its own; nothing is committed.

        Each thread keeps one connection for its reads, and the transaction is begun and
        ended on the driver: taking a connection from the pool, SQLAlchemy's begin and
        rollback and a session's lazy begin were most of a small read's cost (issue 11:
        ~50 µs of bookkeeping around a 4 µs statement). The transaction is still new for
        every read — ``BEGIN`` here, rolled back at the end — so a read sees every commit
        made before it, by this process or another one, and all of its statements see the
        same state."""
        with self._readers_lock:
            connection = self._reader()
            self._busy.add(connection)
        driver = connection.connection.driver_connection
        assert isinstance(driver, cipher.DRIVER_CONNECTIONS)
        try:
            if driver.in_transaction:  # never left so, but a stale snapshot must not be read
                driver.rollback()
            driver.execute("BEGIN")
            with self.session_factory(bind=connection) as session:
                session.info[READ_DRIVER] = (connection, driver)  # for prepared statements
                yield session
            driver.rollback()  # after the session's own, if it began one: a no-op then
        except BaseException:
            # A refusal (an unknown customer) leaves the connection as good as before; one
            # the database failed on (I/O, a closed file) is dropped: the next read opens anew.
            if not _ended(connection, driver):
                self._drop_reader(connection)
            raise
        finally:
            self._done_reading(connection)

    def _done_reading(self, connection: Connection) -> None:
        with self._readers_lock:
            self._busy.discard(connection)
            closing = self._closed and not connection.closed
        if closing:  # the database was closed while this read ran
            self._local.connection = None
            connection.close()

    def _reader(self) -> Connection:
        connection: Connection | None = getattr(self._local, "connection", None)
        if connection is None or connection.closed:
            connection = self.engine.connect()
            self._local.connection = connection
            with self._readers_lock:
                self._readers.append(connection)
        return connection

    def _drop_reader(self, connection: Connection) -> None:
        self._local.connection = None
        with self._readers_lock:
            if connection in self._readers:
                self._readers.remove(connection)
        try:
            connection.close()
        except Exception:  # already broken: the pool discards it
            log.debug("a read connection could not be closed cleanly", exc_info=True)

    def close(self) -> None:
        """Close the idle read connections now; one in use by another thread is closed by
        that thread when its read ends."""
        with self._readers_lock:
            self._closed = True
            readers, self._readers = self._readers, []
            for connection in readers:
                if connection not in self._busy:
                    connection.close()
        self.engine.dispose()


# The newest migration's revision id; tests/migrations checks it against alembic's head.
SCHEMA_HEAD = "0016"


@dataclass(frozen=True, slots=True)
class FileState:
    """What a read-only look at an existing database file found."""

    revision: str | None  # alembic_version, None when the table is missing
    tables: frozenset[str]  # every table but alembic_version
    application_id: int

    @property
    def marked_ours(self) -> bool:
        return self.application_id == APPLICATION_ID


def inspect_file(path: Path, *, check_damage: bool = True, key: bytes | None = None) -> FileState:
    """Read ``path``'s schema on a read-only connection that writes and creates nothing, and
    check that SQLite can read its pages (see ``looks_damaged``).

    Raises ``sqlite3.DatabaseError`` (NOTADB, CORRUPT…) as SQLite reports it, and
    ``DatabaseDamagedError`` when the pages are damaged.
    """
    conn = cipher.connect(probe_uri(path), key, uri=True)
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if check_damage and revision is not None and looks_damaged(conn, path):
            raise DatabaseDamagedError.at(path)
    finally:
        conn.close()
    return FileState(revision, frozenset(tables - {"alembic_version"}), application_id)


# Up to this size a database is checked page by page on every open: SQLite's quick check took
# 0.12 s on 59 MB (5,000 customers). Above it the full check would cost seconds on every
# command (3.4 s warm, 5.5 s cold at 100,000 customers, 1.2 GB), so opening only probes the
# file's length and every table's first and last rows (1 ms there), and ``trustdesk db
# check`` does the full check.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024


def looks_damaged(conn: Any, path: Path) -> bool:
    """True when the file on ``conn`` is damaged: SQLite's quick check for a file up to
    ``QUICK_CHECK_MAX_BYTES``, a cheaper probe above it."""
    try:
        if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            first = conn.execute("PRAGMA quick_check(1)").fetchone()
            return first is None or first[0] != "ok"
        return _probe_damaged(conn, path)
    except cipher.DRIVER_DATABASE_ERRORS as exc:
        if is_damage(exc):
            return True
        raise


def _probe_damaged(conn: Any, path: Path) -> bool:
    """The cheap probe: the file is as long as its header says, and every table's root and
    its first and last leaf pages read (the paths of most appends and of a truncation)."""
    # int(): SQLCipher answers PRAGMA page_size itself, as text ('4096').
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    if not _wal_has_content(path) and path.stat().st_size < page_size * pages:
        return True  # truncated: the header counts pages the file does not have
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND rootpage > 0"
    ).fetchall()
    for name, sql in tables:
        quoted = '"' + name.replace('"', '""') + '"'
        if "WITHOUT ROWID" in (sql or "").upper():
            conn.execute(f"SELECT * FROM {quoted} LIMIT 1").fetchall()
        else:
            for order in ("", " DESC"):
                conn.execute(f"SELECT * FROM {quoted} ORDER BY rowid{order} LIMIT 1").fetchall()
    return False


def is_damage(exc: Exception) -> bool:
    """SQLite says the file is damaged (or not a database at all)."""
    return getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def refuse_foreign(path: Path, state: FileState) -> None:
    """Refuse a file another program made: it has tables but no TrustDesk schema, or it has
    nothing at all and lacks TrustDesk's mark."""
    if state.revision is None and (state.tables or not state.marked_ours):
        raise DatabaseFileError(
            f"{path} is an SQLite file of another program, not TrustDesk's; it was not changed.",
            zh=f"{path} 是其他程序的 SQLite 文件，不是 TrustDesk 数据库；文件未被改动。",
        )


def writable(path: Path) -> bool:
    """Can TrustDesk write ``path`` and create its ``-wal``/``-shm`` beside it?"""
    folder = os.access(path.parent, os.W_OK)
    return folder and (not path.exists() or os.access(path, os.W_OK))


def _create(path: Path) -> None:
    """A new database file readable by its owner only, marked as TrustDesk's, in WAL mode.

    SQLite creates the -wal and -shm with the database file's own permissions, so they are
    private too, whatever the umask.
    """
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, paths.PRIVATE_FILE))
    paths.make_private(path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={INDEX_SPELLING}")  # empty: indexed this way
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def _privatize(path: Path) -> None:
    """Tighten an existing database and its -wal/-shm to the owner only (made by an earlier
    version, or copied in). A -shm that its owner cannot write — left by a read-only open —
    would keep every write failing once the file is writable again: it is made writable."""
    wal, shm = sidecars(path)
    for file in (path, wal, shm):
        paths.make_private(file)
    try:
        if shm.exists() and not shm.stat().st_mode & stat.S_IWUSR:
            shm.chmod(paths.PRIVATE_FILE)
    except OSError:
        pass


def _cannot_create(path: Path) -> DatabaseFileError:
    return DatabaseFileError(
        f"The folder {path.parent} cannot be written, so no database can be created there.",
        zh=f"文件夹 {path.parent} 无法写入，不能在此创建数据库。",
    )


def not_at_head(path: Path, current: str | None) -> DatabaseFileError:
    return DatabaseFileError(
        f"{path} is at schema {current or 'none'}, not {SCHEMA_HEAD}; run `trustdesk db upgrade`.",
        zh=f"{path} 的结构版本是 {current or '无'}，不是 {SCHEMA_HEAD}；"
        "请运行 trustdesk db upgrade。",
    )


def open_database(path: Path | str, *, upgrade: bool = True) -> Database:
    """Open (creating if needed) the database at ``path`` and bring its schema to head.

    Every check that may refuse the file (not SQLite, another program's, newer schema,
    damaged) runs on a read-only connection first: a refused file is left byte for byte as it
    was, with no -wal/-shm beside it. A file or folder that cannot be written opens read-only
    (``Database.read_only``). Before any migration of an existing database, a copy is made
    with SQLite's backup API.

    SQLite's own errors (busy, disk full, I/O) propagate; ``services.store`` classes them.
    """
    path = Path(path).expanduser().absolute()
    check_database_file(path)
    fresh = not path.exists() or path.stat().st_size == 0
    key = None if fresh else cipher.key_for(path)  # PassphraseNeededError when locked
    can_write = writable(path)
    if fresh:
        if not can_write:
            raise _cannot_create(path)
        if not upgrade:
            raise not_at_head(path, None)
        state = None
    else:
        try:
            state = inspect_file(path, key=key)
        except cipher.DRIVER_DATABASE_ERRORS as exc:
            if is_damage(exc):
                raise DatabaseDamagedError.at(path) from None
            raise
        refuse_foreign(path, state)
        if state.revision != SCHEMA_HEAD:
            from trustdesk.db import migrate

            migrate.refuse_newer(path, state.revision)
            if not upgrade:
                raise not_at_head(path, state.revision)
            if not can_write:
                raise DatabaseFileError(
                    f"{path} was made by an older TrustDesk and cannot be upgraded: the file or "
                    f"its folder is read-only. Copy it to a writable folder to open it.",
                    zh=f"{path} 由旧版 TrustDesk 创建，且文件或所在文件夹只读，无法升级。"
                    f"请将其复制到可写的文件夹后再打开。",
                )
        if not can_write:
            log.info("opening %s read-only: the file or its folder cannot be written", path)
            engine = make_engine(path, read_only=True, key=key)
            return Database(path, engine, read_only=True)
        _privatize(path)
    if fresh:
        _create(path)
    engine = make_engine(path, key=key)
    if state is not None and state.revision == SCHEMA_HEAD:
        return Database(path, engine)
    from trustdesk.db import migrate

    try:
        migrated = migrate.upgrade_to_head(engine, path)
    except BaseException:
        engine.dispose()
        raise
    return Database(path, engine, migrated=migrated)
