"""Test isolation: every test gets its own user data folder and database; Qt runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("TRUSTDESK_DB", None)

from tests.fresh import fresh_database
from tests.pg import pg_server, pg_url, pytest_terminal_summary  # noqa: F401 (the team server)
from tests.sync.team import team  # noqa: F401 (a server and laptops)
from trustdesk.db.engine import Database, open_database


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private user data folder, so no test touches the real one."""
    folder = tmp_path / "userdata"
    folder.mkdir()
    monkeypatch.setenv("TRUSTDESK_DATA_DIR", str(folder))
    monkeypatch.setenv("TRUSTDESK_USER", "tester")
    monkeypatch.delenv("TRUSTDESK_DB", raising=False)
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(fresh_database(tmp_path / "test.sqlite3"))
    yield database
    database.close()
