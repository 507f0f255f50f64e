"""The one door the GUI and the CLI have to the data: run a service function in a read or a
write unit, and class whatever goes wrong there exactly once.

Callers never open sessions or write SQL; they pass a service function and its arguments.
Each write is one transaction: a failure leaves the database as it was. What escapes is one of
three things, told apart here and nowhere else:

- a ``TrustDeskError`` raised by a service: the user's own mistake, shown as it is;
- a ``StorageError``: the database could not do its part (busy, disk full, read-only, damaged);
  a sentence in both languages says what to do;
- anything else is a bug. A database exception's text carries the SQL and its parameters
  (customers' names and phones), so it is replaced by ``DataBug`` naming only the operation and
  the error class; the traceback's frames are kept for the log.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from trustdesk import paths
from trustdesk.db.cipher import DRIVER_ERRORS
from trustdesk.db.engine import Database, open_database
from trustdesk.errors import DatabaseDamagedError, DataBug, StorageError, TrustDeskError
from trustdesk.services.changes import Changes, changes_of, track_changes

_DATABASE_FAILURES: tuple[type[Exception], ...] = (SQLAlchemyError, *DRIVER_ERRORS)

P = ParamSpec("P")
R = TypeVar("R")

log = logging.getLogger("trustdesk.store")

# SQLite result codes (by name, extended codes included by prefix) → kind of storage problem.
_STORAGE_KINDS = (
    ("SQLITE_BUSY", "busy"),
    ("SQLITE_LOCKED", "busy"),
    ("SQLITE_FULL", "full"),
    ("SQLITE_READONLY", "readonly"),
    ("SQLITE_CORRUPT", "corrupt"),
    ("SQLITE_NOTADB", "corrupt"),
    ("SQLITE_IOERR", "io"),
    ("SQLITE_CANTOPEN", "io"),
    ("SQLITE_PERM", "readonly"),
    ("SQLITE_AUTH", "readonly"),
)


def _storage_sentences(kind: str) -> tuple[str, str]:
    backups = paths.backups_dir()
    return {
        "busy": (
            "Another program is writing to the database; nothing was changed. "
            "Try again in a moment.",
            "另一个程序正在写入数据库，本次未做任何修改。请稍后再试。",
        ),
        "full": (
            "The disk is full; nothing was changed. Free some space and try again.",
            "磁盘已满，本次未做任何修改。请清理磁盘空间后再试。",
        ),
        "readonly": (
            "The database file cannot be written (read-only or no permission); nothing was "
            "changed. Check the file's permissions.",
            "数据库文件无法写入（只读或没有权限），本次未做任何修改。请检查文件权限。",
        ),
        "corrupt": (
            f"The database file is damaged. Run 'trustdesk db check', and restore the newest "
            f"copy from {backups}.",
            f"数据库文件已损坏。请运行“trustdesk db check”，并从 {backups} 恢复最新的备份。",
        ),
        "io": (
            "The database file could not be read or written (a disk or file problem); nothing "
            "was changed. Check that the disk is still connected, then try again.",
            "无法读写数据库文件（磁盘或文件问题），本次未做任何修改。请确认磁盘仍已连接，然后重试。",
        ),
    }[kind]


def _sqlite_error(exc: BaseException) -> Exception | None:
    if isinstance(exc, DRIVER_ERRORS):
        return exc
    if isinstance(exc, DBAPIError) and isinstance(exc.orig, DRIVER_ERRORS):
        return exc.orig
    return None


def classify(exc: BaseException, operation: str) -> StorageError | DataBug:
    """The one place a database failure becomes a storage problem or a bug. Nothing of the
    exception's text (SQL, values) is kept."""
    orig = _sqlite_error(exc)
    code = getattr(orig, "sqlite_errorname", "") or ""
    for prefix, kind in _STORAGE_KINDS:
        if code.startswith(prefix):
            en, zh = _storage_sentences(kind)
            log.warning("storage problem in %s: %s (%s)", operation, kind, code)
            return StorageError(en, zh=zh, kind=kind)
    if orig is not None and not code and "locked" in str(orig):  # older sqlite3 modules
        en, zh = _storage_sentences("busy")
        log.warning("storage problem in %s: busy", operation)
        return StorageError(en, zh=zh, kind="busy")
    name = type(orig).__name__ if orig is not None else type(exc).__name__
    bug = DataBug(f"database error {name} {code} in {operation}".replace("  ", " "))
    return bug.with_traceback(exc.__traceback__)


def _operation(fn: Callable[..., object]) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"


def read_only_error() -> StorageError:
    """A write asked of a database opened read-only."""
    return StorageError(
        "Read-only: changes are off, because the database file or its folder cannot be "
        "written (a USB stick or a mounted backup). Copy the file to a writable folder to "
        "make changes; nothing was changed.",
        zh="只读：无法修改，因为数据库文件或所在文件夹不可写入（如U盘或挂载的备份）。"
        "如需修改，请将文件复制到可写的文件夹；本次未做任何修改。",
        kind="readonly",
    )


class Store:
    def __init__(self, database: Database) -> None:
        self._db = database
        track_changes(database.session_factory)

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def read_only(self) -> bool:
        """The file or its folder cannot be written (a USB stick, a mounted backup): reads
        work, every write raises ``StorageError(kind="readonly")``."""
        return self._db.read_only

    @property
    def migrated(self) -> bool:
        """Opening the file ran a migration (it was made by an older TrustDesk)."""
        return self._db.migrated

    def _run(
        self,
        unit: Callable[[], AbstractContextManager[Session]],
        fn: Callable[..., R],
        args: tuple[object, ...],
        kwargs: dict[str, object],
    ) -> tuple[R, Changes]:
        if self._db.read_only and unit == self._db.transaction:
            raise read_only_error()
        try:
            with unit() as session:
                result = fn(session, *args, **kwargs)
            return result, changes_of(session)  # read after the commit succeeded
        except TrustDeskError:
            raise
        except _DATABASE_FAILURES as exc:
            raise classify(exc, _operation(fn)) from None

    def read(
        self, fn: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """Run ``fn(session, …)`` for reading; nothing is committed."""
        return self._run(self._db.reading, fn, args, kwargs)[0]

    def write(
        self, fn: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """Run ``fn(session, …)`` in one transaction: all of it is saved, or none."""
        return self._run(self._db.transaction, fn, args, kwargs)[0]

    def write_tracked(
        self, fn: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> tuple[R, Changes]:
        """``write``, also returning what it changed (for the GUI's change bus)."""
        return self._run(self._db.transaction, fn, args, kwargs)

    def close(self) -> None:
        self._db.close()


def open_store(path: Path | str, *, upgrade: bool = True) -> Store:
    """Open (create or upgrade) the database at ``path``; ``upgrade=False`` refuses a file
    whose schema is not current instead of migrating it.

    A file or folder that cannot be written opens read-only (``Store.read_only``). A damaged
    file raises ``DatabaseDamagedError`` and is not written to; any other failure is a
    ``StorageError`` sentence (or a ``DataBug``), never SQLite's text.
    """
    try:
        store = Store(open_database(path, upgrade=upgrade))
        if not store.read_only:
            # A new version may spell names differently for search (0004: surname readings,
            # traditional folded to simplified): index the file's names this version's way.
            from trustdesk.services.indexing import index_is_current, rebuild_index

            if not store.read(index_is_current):
                store.write(rebuild_index)
        return store
    except TrustDeskError:
        raise
    except _DATABASE_FAILURES as exc:
        problem = classify(exc, "open_store")
        if isinstance(problem, StorageError) and problem.kind == "corrupt":
            raise DatabaseDamagedError.at(Path(path).expanduser().absolute()) from None
        raise problem from None
    except OSError as exc:  # creating the file or reading its header
        raise classify_os_error(exc, "open_store") from None


def classify_os_error(exc: OSError, operation: str) -> StorageError:
    """A file-system failure met outside SQLite, as a storage sentence (no path or text)."""
    kind = {
        errno.ENOSPC: "full",
        errno.EDQUOT: "full",
        errno.EROFS: "readonly",
        errno.EACCES: "readonly",
        errno.EPERM: "readonly",
    }.get(exc.errno or 0, "io")
    en, zh = _storage_sentences(kind)
    log.warning("storage problem in %s: %s (errno %s)", operation, kind, exc.errno)
    return StorageError(en, zh=zh, kind=kind)


__all__ = ["Changes", "Store", "classify", "classify_os_error", "open_store", "read_only_error"]
