"""A kill at any moment of ``trustdesk db encrypt`` / ``db decrypt`` leaves the old file or
the new one, each opening with what it needs and holding every record (issue 18, OFF-4)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.faults.conftest import REPO
from trustdesk import demo
from trustdesk.db import keys
from trustdesk.db.engine import open_database
from trustdesk.services import security
from trustdesk.services.store import open_store

# The kills are spread over a duration measured first: a second test worker changing the
# load between that measure and the kills would move them, so this runs alone.
pytestmark = pytest.mark.alone

PASSPHRASE = "kill me gently"
FRACTIONS = (0.3, 0.6, 0.85, 1.5)


def _counts(path: Path) -> tuple[int, int]:
    store = open_store(path)
    try:
        return store.read(
            lambda s: (
                s.execute(text("SELECT count(*) FROM account")).scalar_one(),
                s.execute(text("SELECT count(*) FROM contact")).scalar_one(),
            )
        )
    finally:
        store.close()


def _run(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "trustdesk", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kill") / "original.sqlite3"
    database = open_database(path)
    with database.transaction() as s:
        demo.generate(s, 600, seed=5)
    database.close()
    return path


@pytest.mark.parametrize("direction", ["encrypt", "decrypt"])
def test_a_kill_mid_conversion_leaves_a_usable_file(original, tmp_path, data_dir, direction):
    expected = _counts(original)
    env = {**os.environ, "TRUSTDESK_PASSPHRASE": PASSPHRASE, "TRUSTDESK_DATA_DIR": str(data_dir)}
    start = original
    if direction == "decrypt":
        start = tmp_path / "encrypted.sqlite3"
        shutil.copyfile(original, start)
        security.encrypt(start, PASSPHRASE)
        keys.forget_all()
    # How long the whole command takes here, to spread the kills over it.
    timed = tmp_path / "timed.sqlite3"
    _copy(start, timed)
    began = time.monotonic()
    assert _run(["--db", str(timed), "db", direction], env).wait(120) == 0
    duration = time.monotonic() - began

    outcomes = []
    for n, fraction in enumerate(FRACTIONS):
        path = tmp_path / f"try{n}.sqlite3"
        _copy(start, path)
        process = _run(["--db", str(path), "db", direction], env)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        keys.forget_all()
        encrypted = security.encryption_state(path).encrypted
        if encrypted:
            security.unlock(path, PASSPHRASE)
        assert _counts(path) == expected, f"killed at {fraction:.0%}"
        outcomes.append("encrypted" if encrypted else "plain")
    # ...and after a kill before the switch, the conversion simply runs again to the end.
    before_switch = "plain" if direction == "encrypt" else "encrypted"
    path = tmp_path / f"try{outcomes.index(before_switch)}.sqlite3"
    keys.forget_all()
    assert _run(["--db", str(path), "db", direction], env).wait(120) == 0
    assert security.encryption_state(path).encrypted == (direction == "encrypt")
    if direction == "encrypt":
        security.unlock(path, PASSPHRASE)
    assert _counts(path) == expected
    print(direction, f"{duration:.2f} s:", outcomes)
    assert set(outcomes) == {"plain", "encrypted"}, "the kills fell before and after the switch"


def _copy(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    key_file = keys.key_file_of(source)
    if key_file.exists():
        shutil.copyfile(key_file, keys.key_file_of(target))
