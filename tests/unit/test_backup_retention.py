"""The backups folder stays bounded, and pruning never removes a file that is not ours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command

from trustdesk.db import backup as backups
from trustdesk.db.engine import make_engine, open_database
from trustdesk.db.migrate import alembic_config, migrating
from trustdesk.services import accounts

START = datetime(2025, 1, 1, 9, 30, tzinfo=UTC)


def _live(path: Path) -> Path:
    db = open_database(path)
    with db.transaction() as s:
        accounts.create_account(s, name="Acme")
    db.close()
    return path


def _kinds(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for b in backups.list_backups(path):
        counts[b.kind] = counts.get(b.kind, 0) + 1
    return counts


def test_daily_backup_once_a_day(tmp_path):
    live = _live(tmp_path / "live.sqlite3")
    first = backups.daily_backup(live, now=START)
    assert first is not None and first.exists()
    assert backups.daily_backup(live, now=START + timedelta(hours=3)) is None
    assert backups.daily_backup(live, now=START + timedelta(days=1)) is not None
    listed = backups.list_backups(live)
    assert [b.kind for b in listed] == ["daily", "daily"]
    assert listed[0].made_at == START + timedelta(days=1)  # newest first, UTC-aware
    assert listed[1].path == first and listed[1].size == first.stat().st_size
    assert backups.daily_backup(tmp_path / "missing.sqlite3", now=START) is None


def test_a_hundred_days_of_use_leave_a_bounded_folder(tmp_path, data_dir):
    live = _live(tmp_path / "live.sqlite3")
    (tmp_path / "elsewhere").mkdir()
    twin = _live(tmp_path / "elsewhere" / "live.sqlite3")
    folder = data_dir / "backups"
    folder.mkdir(exist_ok=True)
    foreign = {
        folder / "notes.txt": b"the user's own notes",
        folder / "live.sqlite3": b"a copy the user put here",
        folder / "live-20240101-120000-000000-before-0002.sqlite3": b"from an old TrustDesk",
        folder / "live-0000000-20250101-000000-000000Z-daily.sqlite3": b"not our tag's shape",
    }
    for path, data in foreign.items():
        path.write_bytes(data)
    twin_daily = backups.make_backup(twin, "daily", now=START)  # same name, other database
    manual = [backups.make_backup(live, "manual", now=START + timedelta(days=d)) for d in (1, 50)]

    for day in range(100):
        now = START + timedelta(days=day)
        backups.make_backup(live, "upgrade", "0002", now=now)  # an upgrade every day
        if day % 10 == 0:
            backups.make_backup(live, "pre-restore", now=now + timedelta(minutes=5))
        backups.daily_backup(live, now=now + timedelta(hours=1))

    end = START + timedelta(days=99, hours=1)
    backups.prune_backups(live, now=end)
    kinds = _kinds(live)
    ours = [b for b in backups.list_backups(live) if b.path.name.startswith("live-")]
    assert kinds["upgrade"] == backups.MAX_UPGRADE + 1  # + the old TrustDesk's, never pruned
    assert kinds["pre-restore"] == 3  # days 80, 90 and 99: younger than 30 days
    assert kinds["manual"] == 2
    assert 7 <= kinds["daily"] <= 7 + 4
    assert len(list(folder.iterdir())) <= 11 + 10 + 10 + 2 + len(foreign) + 1
    newest = max(ours, key=lambda b: b.made_at)
    assert newest.kind == "daily" and newest.made_at == end
    for path, data in foreign.items():
        assert path.read_bytes() == data
    assert twin_daily.exists() and all(p.exists() for p in manual)
    # the newest of each of the last 4 calendar weeks reaches well past the 7 daily ones
    dailies = sorted(b.made_at for b in backups.list_backups(live) if b.kind == "daily")
    assert end - dailies[0] >= timedelta(days=14)


def test_prune_removes_nothing_the_rule_keeps(tmp_path):
    live = _live(tmp_path / "live.sqlite3")
    kept = [
        backups.make_backup(live, "upgrade", "0002", now=START - timedelta(days=400)),
        backups.make_backup(live, "pre-restore", now=START - timedelta(days=400)),
        backups.make_backup(live, "manual", now=START - timedelta(days=4000)),
        backups.make_backup(live, "daily", now=START - timedelta(days=400)),
    ]
    assert backups.prune_backups(live, now=START) == []  # the newest of each kind stays
    assert all(p.exists() for p in kept)
    newer = backups.make_backup(live, "pre-restore", now=START - timedelta(days=1))
    assert backups.prune_backups(live, now=START) == [kept[1]]
    assert newer.exists() and not kept[1].exists()


def test_real_upgrades_back_up_labelled_and_bounded(tmp_path, data_dir):
    live = _live(tmp_path / "live.sqlite3")
    cfg = alembic_config()
    for _ in range(backups.MAX_UPGRADE + 2):
        engine = make_engine(live)
        with migrating(engine) as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
        engine.dispose()
        db = open_database(live)  # upgrades, backing up first
        assert db.migrated
        db.close()
    assert _kinds(live) == {"upgrade": backups.MAX_UPGRADE}
    assert all(b.path.name.endswith("-upgrade-0002.sqlite3") for b in backups.list_backups(live))
