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
    return not (type_ == "table" and name.startswith(("search_fts", "search_prefix", "note_fts")))


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
        owner = ("owner, ", "'', ") if old < "0003" else ("", "")  # 0003 made owners users
        conn.exec_driver_sql(
            "INSERT INTO account (id, name, sort_key, kind, industry, region, address, phone, "
            f"website, {owner[0]}notes, stage, do_not_serve, do_not_serve_reason, created_at, "
            "updated_at) VALUES ('01OLD', '老客户', 'lao ke hu', 'company', '', '', '', '', '', "
            f"{owner[1]}'', 'regular', 0, '', '2024-01-01 00:00:00', '2024-01-01 00:00:00')"
        )
    engine.dispose()
    db = open_database(path)
    assert db.migrated
    db.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name, pinyin FROM account").fetchall() == [("老客户", "")]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            head_revision()
        )
    (backup,) = (data_dir / "backups").glob("old-*.sqlite3")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == old
        assert conn.execute("SELECT name FROM account").fetchall() == [("老客户",)]


SEED_AT_OLD_REVISION = [
    # Two customers owned by name (one with stray spaces), one without an owner.
    "INSERT INTO account (id, name, sort_key, kind, industry, region, address, phone, website, "
    "owner, notes, stage, do_not_serve, do_not_serve_reason, created_at, updated_at) VALUES "
    "('01ACC1', '老客户', 'lao', 'company', '', '', '', '', '', '王经理', '', 'regular', 0, '', "
    "'2024-01-01 00:00:00', '2024-01-01 00:00:00'), "
    "('01ACC2', 'Acme', 'acme', 'company', '', '', '', '', '', ' Anna ', '', 'skeptic', 0, '', "
    "'2024-01-01 00:00:00', '2024-01-01 00:00:00'), "
    "('01ACC3', 'Nobody Ltd', 'nobody', 'company', '', '', '', '', '', '', '', 'skeptic', 0, '', "
    "'2024-01-01 00:00:00', '2024-01-01 00:00:00')",
    "INSERT INTO contact (id, account_id, name, pinyin, sort_key, title, department, phone, "
    "mobile, email, wechat, family_notes, education_notes, notes, departed, level, attitude, "
    "is_placeholder, created_at, updated_at) VALUES ('01CON1', '01ACC1', '张三', 'zhangsan', "
    "'zhang san', '', '', '', '', '', '', '', '', '', 0, 'date', 'supporter', 0, "
    "'2024-01-01 00:00:00', '2024-01-01 00:00:00')",
    "INSERT INTO contact_role (contact_id, role) VALUES ('01CON1', 'decision-maker'), "
    "('01CON1', 'executor')",
    "INSERT INTO stage_change (id, account_id, from_stage, to_stage, reason, changed_at, "
    "changed_by) VALUES ('01SC1', '01ACC1', NULL, 'regular', '', '2024-01-01 00:00:00', "
    "'zhang.wei'), ('01SC2', '01ACC2', NULL, 'skeptic', '', '2024-01-01 00:00:00', '')",
    "INSERT INTO level_change (id, contact_id, from_level, to_level, reason, changed_at, "
    "changed_by) VALUES ('01LC1', '01CON1', NULL, 'date', '', '2024-01-01 00:00:00', "
    "'zhang.wei')",
    "INSERT INTO field_change (id, record_kind, record_id, field, old_value, new_value, "
    "changed_at, changed_by) VALUES ('01FC1', 'account', '01ACC1', 'owner', '', '王经理', "
    "'2024-01-01 00:00:00', '王经理')",
    # "OEM" and "oem" fold to one tag; both were on 01ACC1.
    "INSERT INTO tag (id, name) VALUES ('01TAG1', '重点'), ('01TAG2', 'OEM'), ('01TAG3', 'oem')",
    "INSERT INTO account_tag (account_id, tag_id) VALUES ('01ACC1', '01TAG1'), "
    "('01ACC2', '01TAG1'), ('01ACC1', '01TAG2'), ('01ACC1', '01TAG3'), ('01ACC2', '01TAG3')",
]
SEED_0002 = [
    "INSERT INTO map_position (contact_id, account_id, x, y, updated_at) VALUES "
    "('01CON1', '01ACC1', 12.5, -3.0, '2024-01-01 00:00:00')",
]


@pytest.mark.parametrize("old", [r for r in _revisions_before_head() if r < "0003"])
def test_upgrade_turns_names_into_users_and_rekeys_tags(tmp_path, old):
    from trustdesk.domain.names import tag_id
    from trustdesk.services import accounts, contacts
    from trustdesk.services import relationship_map as rm

    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, old)
        for statement in SEED_AT_OLD_REVISION + (SEED_0002 if old >= "0002" else []):
            conn.exec_driver_sql(statement)
    engine.dispose()
    db = open_database(path)
    assert db.migrated
    with db.engine.connect() as conn:
        users = dict(conn.exec_driver_sql("SELECT name, id FROM app_user").fetchall())
        logins = dict(conn.exec_driver_sql("SELECT name, login FROM app_user").fetchall())
        owners = dict(conn.exec_driver_sql("SELECT id, owner_id FROM account").fetchall())
        authors = {
            table: dict(conn.exec_driver_sql(f"SELECT id, changed_by_id FROM {table}").fetchall())
            for table in ("stage_change", "level_change", "field_change")
        }
        tags = dict(conn.exec_driver_sql("SELECT name, id FROM tag").fetchall())
        links = set(conn.exec_driver_sql("SELECT account_id, tag_id FROM account_tag").fetchall())
        roles = conn.exec_driver_sql("SELECT count(*) FROM contact_role").scalar()
    assert set(users) == {"王经理", "Anna", "zhang.wei"}  # one per distinct non-empty name
    assert logins == {"王经理": "王经理", "Anna": "", "zhang.wei": "zhang.wei"}
    assert owners == {"01ACC1": users["王经理"], "01ACC2": users["Anna"], "01ACC3": None}
    assert authors == {
        "stage_change": {"01SC1": users["zhang.wei"], "01SC2": None},
        "level_change": {"01LC1": users["zhang.wei"]},
        "field_change": {"01FC1": users["王经理"]},
    }
    assert tags == {"重点": tag_id("重点"), "OEM": tag_id("OEM")}
    assert links == {
        ("01ACC1", tag_id("重点")),
        ("01ACC2", tag_id("重点")),
        ("01ACC1", tag_id("OEM")),
        ("01ACC2", tag_id("OEM")),
    }
    assert roles == 2
    # What a user sees after the upgrade.
    with db.reading() as s:
        first = accounts.get_account(s, "01ACC1")
        history = accounts.stage_history(s, "01ACC1")
        person = contacts.get_contact(s, "01CON1")
        positions = rm.load_map(s, "01ACC1").positions
    db.close()
    assert (first.owner, first.tags) == ("王经理", ("OEM", "重点"))
    assert [h.changed_by for h in history] == ["zhang.wei"]
    assert [r.code for r in person.roles] == ["decision-maker", "executor"]
    assert positions == ({"01CON1": (12.5, -3.0)} if old >= "0002" else {})


def test_downgrade_gives_names_back_and_drops_tombstones(tmp_path):
    from trustdesk.services import accounts, contacts

    path = tmp_path / "down.sqlite3"
    db = open_database(path)
    with db.transaction() as s:
        made = accounts.create_account(s, "Acme", owner="王经理", tags=["key", "OEM"])
        person = contacts.create_contact(s, made.id, "Ann", roles=["executor", "influencer"])
    with db.transaction() as s:
        accounts.update_account(s, made.id, tags=["OEM"])
        contacts.update_contact(s, person.id, roles=["executor"])
    db.close()
    engine = make_engine(path)
    from trustdesk.db.migrate import migrating

    with migrating(engine) as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT owner FROM account").fetchall() == [("王经理",)]
        assert conn.execute("SELECT DISTINCT changed_by FROM stage_change").fetchall() == [
            ("tester",)
        ]
        assert conn.execute(
            "SELECT t.name FROM account_tag AS l JOIN tag AS t ON t.id = l.tag_id"
        ).fetchall() == [("OEM",)]
        assert conn.execute("SELECT role FROM contact_role").fetchall() == [("executor",)]
    db = open_database(path)
    with db.reading() as s:
        assert accounts.get_account(s, made.id).owner == "王经理"
    db.close()


def test_a_migration_reindexes_names_only_when_their_spelling_changed(tmp_path):
    """A file indexed an older way (user_version below INDEX_SPELLING) is reindexed once on
    opening, so its names are found; a file already indexed this way is not, whatever
    migrations it needs (a rebuild takes 94 s at 100,000 customers)."""
    from trustdesk.db.search import INDEX_SPELLING, search
    from trustdesk.services import accounts
    from trustdesk.services.store import open_store

    path = tmp_path / "t.sqlite3"
    store = open_store(path)
    made = store.write(accounts.create_account, "曾国强贸易")
    store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == INDEX_SPELLING
        conn.execute("DELETE FROM search_doc")  # as if indexed another way
        conn.execute("DELETE FROM search_account")
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
        conn.execute("INSERT INTO search_prefix(search_prefix) VALUES ('delete-all')")
        conn.execute("PRAGMA user_version=0")
    store = open_store(path)
    assert [h.id for h in store.read(search, "zgq")] == [made.id]
    store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == INDEX_SPELLING
        conn.execute("DELETE FROM search_doc")
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
        conn.execute("INSERT INTO search_prefix(search_prefix) VALUES ('delete-all')")
    engine = make_engine(path)
    with engine.begin() as conn:  # one migration due
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0012")
    engine.dispose()
    store = open_store(path)
    assert store.migrated and store.read(search, "zgq") == []  # not rebuilt
    store.close()
