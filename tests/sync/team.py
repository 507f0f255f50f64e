"""A team on this machine for the sync tests: a real PostgreSQL server (schema made by alembic)
and laptops, each its own SQLite file opened as the app opens it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from trustdesk.services.store import Store, open_store
from trustdesk.sync import server
from trustdesk.sync.run import SyncResult, sync_now


class Team:
    def __init__(self, engine: Engine, folder: Path) -> None:
        self.engine = engine
        self.folder = folder
        self.laptops: list[Store] = []

    def laptop(self, name: str | None = None) -> Store:
        store = open_store(self.folder / f"{name or f'laptop{len(self.laptops)}'}.sqlite3")
        self.laptops.append(store)
        return store

    def sync(self, store: Store) -> SyncResult:
        return sync_now(store, self.engine, "test-server")

    def close(self) -> None:
        for store in self.laptops:
            store.close()


@pytest.fixture
def team(pg_url, pg_server, tmp_path) -> Iterator[Team]:
    engine = server.open_server(server.parse_address(pg_url), pg_server.password)
    server.init_schema(engine)
    t = Team(engine, tmp_path)
    yield t
    t.close()
    engine.dispose()
