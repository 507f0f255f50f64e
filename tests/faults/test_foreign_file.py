"""A file TrustDesk refuses is left byte for byte as it was, with nothing beside it."""

from __future__ import annotations

import filecmp
import shutil
import sqlite3

import pytest

from trustdesk.cli import main
from trustdesk.errors import DatabaseFileError
from trustdesk.services.store import open_store


def _firefox_like(path, journal: str):
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA journal_mode={journal}")
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.com')")
    conn.close()


def _empty_schema(path, journal: str):
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={journal}")
    conn.execute("PRAGMA user_version=7")  # another app's empty database
    conn.close()


FILES = {
    "firefox-like": lambda p: _firefox_like(p, "delete"),
    "firefox-like in WAL mode": lambda p: _firefox_like(p, "wal"),
    "empty schema": lambda p: _empty_schema(p, "delete"),
    "empty schema in WAL mode": lambda p: _empty_schema(p, "wal"),
}


@pytest.fixture(params=sorted(FILES))
def foreign(request, tmp_path):
    path = tmp_path / "profile" / "places.sqlite"
    path.parent.mkdir()
    FILES[request.param](path)
    reference = tmp_path / "reference.sqlite"
    shutil.copyfile(path, reference)
    return path, reference


def _untouched(path, reference):
    assert filecmp.cmp(path, reference, shallow=False)
    assert [p.name for p in path.parent.iterdir()] == ["places.sqlite"]  # no -wal, -shm


def test_open_store_refuses_and_leaves_it_untouched(foreign):
    path, reference = foreign
    with pytest.raises(DatabaseFileError, match="another program") as refused:
        open_store(path)
    assert "it was not changed" in str(refused.value)
    _untouched(path, reference)


@pytest.mark.parametrize("command", [["accounts", "list"], ["db", "upgrade"], ["db", "check"]])
def test_cli_refuses_and_leaves_it_untouched(foreign, command, capsys):
    path, reference = foreign
    assert main(["--db", str(path), "--lang", "en", *command]) == 2
    err = capsys.readouterr().err
    assert "SQLite file of another program" in err and "unexpected" not in err
    _untouched(path, reference)


def test_newer_schema_refused_before_any_write(tmp_path):
    path = tmp_path / "profile" / "places.sqlite"
    path.parent.mkdir()
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
        conn.execute("PRAGMA journal_mode=DELETE")  # as if copied by a tool: header byte 18 = 1
    conn.close()
    reference = tmp_path / "reference.sqlite"
    shutil.copyfile(path, reference)
    with pytest.raises(DatabaseFileError, match="newer TrustDesk"):
        open_store(path)
    _untouched(path, reference)
