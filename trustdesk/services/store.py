"""The one door the GUI has to the data: run a service function in a read or a write unit.

The UI never opens sessions or writes SQL; it passes a service function and its arguments.
Each write is one transaction: a failure leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.orm import Session

from trustdesk.db.engine import Database, open_database

P = ParamSpec("P")
R = TypeVar("R")


class Store:
    def __init__(self, database: Database) -> None:
        self._db = database

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def migrated(self) -> bool:
        """True when opening the file created or upgraded its schema."""
        return self._db.migrated

    def read(
        self, fn: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        with self._db.reading() as session:
            return fn(session, *args, **kwargs)

    def write(
        self, fn: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        with self._db.transaction() as session:
            return fn(session, *args, **kwargs)

    def close(self) -> None:
        self._db.close()


def open_store(path: Path | str, *, upgrade: bool = True) -> Store:
    """Open (create or upgrade) the database at ``path`` for the GUI and the CLI.

    ``upgrade=False`` refuses a schema that is not current instead of migrating it.
    """
    return Store(open_database(path, upgrade=upgrade))
