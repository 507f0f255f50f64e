"""OFF-1: the schema is made by migrations, and the migrations agree with the models."""

import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from trustdesk.db.engine import SCHEMA_HEAD, make_engine, open_database
from trustdesk.db.migrate import alembic_config, head_revision
from trustdesk.db.models import Base
from trustdesk.errors import DatabaseFileError


def _include_name(name, type_, parent_names):
    return not (type_ == "table" and name.startswith("search_fts"))


def test_upgrade_on_empty_database_reaches_head(tmp_path):
    path = tmp_path / "new.sqlite3"
    db = open_database(path)
    assert db.migrated
    db.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            head_revision()
        )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"account", "contact", "stage_change", "level_change", "search_fts"} <= tables
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_schema_head_constant_matches_migrations():
    assert head_revision() == SCHEMA_HEAD, "update SCHEMA_HEAD in trustdesk/db/engine.py"


def test_models_and_migrations_agree(tmp_path):
    db = open_database(tmp_path / "m.sqlite3")
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_name": _include_name, "compare_type": True}
        )
        diff = compare_metadata(ctx, Base.metadata)
    db.close()
    assert diff == []


def test_downgrade_to_base_and_up_again(tmp_path):
    path = tmp_path / "d.sqlite3"
    open_database(path).close()
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    engine.dispose()
    db = open_database(path)
    assert db.migrated
    db.close()


def test_reopening_at_head_does_not_migrate(tmp_path, data_dir):
    path = tmp_path / "r.sqlite3"
    open_database(path).close()
    db = open_database(path)
    assert not db.migrated
    db.close()


def test_newer_schema_refused_and_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError, match="newer TrustDesk"):
        open_database(path)
    assert path.read_bytes() == before


def test_other_programs_sqlite_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")
    with pytest.raises(DatabaseFileError, match="another program"):
        open_database(path)


def _revisions_before_head() -> list[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in script.walk_revisions() if r.revision != head_revision()]


@pytest.mark.parametrize("old", _revisions_before_head())
def test_upgrade_from_an_earlier_release_keeps_data_and_backs_up(tmp_path, data_dir, old):
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, old)
        conn.exec_driver_sql(
            "INSERT INTO account (id, name, sort_key, kind, industry, region, address, phone, "
            "website, owner, notes, stage, do_not_serve, do_not_serve_reason, created_at, "
            "updated_at) VALUES ('01OLD', '老客户', 'lao ke hu', 'company', '', '', '', '', '', "
            "'', '', 'regular', 0, '', '2024-01-01 00:00:00', '2024-01-01 00:00:00')"
        )
    engine.dispose()
    db = open_database(path)
    assert db.migrated
    db.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM account").fetchall() == [("老客户",)]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            head_revision()
        )
    (backup,) = (data_dir / "backups").glob("old-*.sqlite3")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == old
        assert conn.execute("SELECT name FROM account").fetchall() == [("老客户",)]
