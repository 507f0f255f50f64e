"""Reads the GUI repeats all day, compiled once and run through the driver.

A read through the ORM session costs ~70 µs more than the statement itself (the ORM's
execution and result layers), and SQLAlchemy's Core ~25 µs more — for a customer's Visits
tab, six small statements, that is many times SQLite's own work (issue 11 item 13: 9–19×
the raw statements). A ``Prepared`` statement is still written as a ``select()`` against the
models, compiled for SQLite once on first use; each run hands its SQL text to the driver on
the read's own connection and transaction (so it sees what the read sees), and the
sqlite3 module's statement cache keeps it prepared. Rows come back as SQLite gives them
(text, numbers): the service turns the columns it needs into Python values
(``db.base.utc_moment``, ``calendar_day``), and nothing else is done per row.

Only for fixed statements on hot paths; everything else stays ordinary SQLAlchemy. Errors are
the driver's ``sqlite3.Error``, which ``services.store.classify`` reads like any other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any, cast

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement

DIALECT = sqlite.dialect()


class Prepared:
    """A ``select()`` compiled once for SQLite; ``rows(session, **values)`` runs it."""

    def __init__(self, statement: ClauseElement) -> None:
        self._statement = statement
        self._sql: str | None = None
        # Each parameter in order: its name, whether a value must be given, its value as
        # written (a limit), how SQLAlchemy stores it (a date as ISO text, an enum as its code).
        self._binds: list[tuple[str, bool, Any, Callable[[Any], Any] | None]] = []

    @property
    def sql(self) -> str:
        if self._sql is None:
            self._compile()
        assert self._sql is not None
        return self._sql

    def _compile(self) -> None:
        compiled = cast(SQLCompiler, self._statement.compile(dialect=DIALECT))
        binds: list[tuple[str, bool, Any, Callable[[Any], Any] | None]] = []
        for name in compiled.positiontup or ():
            bind = compiled.binds[name]
            process = bind.type.dialect_impl(DIALECT).bind_processor(DIALECT)
            binds.append((name, bind.required, bind.value, process))
        self._binds = binds
        self._sql = str(compiled)

    def values(self, given: dict[str, Any]) -> list[Any]:
        """The statement's parameters in order: the ones given by name, the rest as written
        in the statement (a ``limit``), each stored as SQLAlchemy would store it."""
        if self._sql is None:
            self._compile()
        out = []
        for name, required, default, process in self._binds:
            value = given[name] if required else given.get(name, default)
            out.append(value if process is None or value is None else process(value))
        return out

    def rows(self, session: Session, **given: Any) -> list[Any]:
        """The rows, as tuples of SQLite's values, in the session's own transaction (in a
        write, after its pending changes are flushed, as the ORM's own queries do)."""
        return run(session, self.sql, self.values(given))


def run(session: Session, sql: str, values: list[Any] | dict[str, Any]) -> list[Any]:
    """The rows of SQL text written for SQLite, through the driver, in the session's own
    transaction (``values`` in order for ``?``, or by name for ``:name``)."""
    connection, dbapi = on(session)
    cursor = dbapi.cursor()
    if connection.dispatch.before_cursor_execute:  # watched (a test counting statements)
        connection.dispatch.before_cursor_execute(connection, cursor, sql, values, None, False)
    return cursor.execute(sql, values).fetchall()


# Set by ``Database.reading`` in its session's ``info``: its connection and the driver's,
# already in the read's transaction (nothing to flush, nothing to begin).
READ_DRIVER = "trustdesk.read_driver"


def on(session: Session) -> tuple[Connection, sqlite3.Connection]:
    """The connection under ``session`` and the sqlite3 one under it, inside the session's
    transaction, after its pending changes are flushed (as the ORM's own queries do)."""
    found = session.info.get(READ_DRIVER)
    if found is not None:
        return cast(tuple[Connection, sqlite3.Connection], found)
    if session.autoflush:
        session.flush()
    connection = session.connection()
    dbapi = connection.connection.driver_connection
    # sqlcipher3's connection (an encrypted file) has sqlite3's API, not its class
    assert isinstance(dbapi, (sqlite3.Connection, sqlcipher.Connection))
    return connection, cast(sqlite3.Connection, dbapi)


__all__ = ["DIALECT", "READ_DRIVER", "Prepared", "on", "run"]
