"""A kill at any moment of ``trustdesk db encrypt`` / ``db decrypt`` leaves the old file or
the new one, each opening with what it needs and holding every record (issue 18, OFF-4).

The kills land at moments seen from outside, whatever the machine's load: while the
converted copy is being written beside the file, the instant the key file appears (encrypt)
or goes (decrypt), and at a moment after the start chosen at random."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.faults.conftest import REPO
from trustdesk import demo
from trustdesk.db import keys
from trustdesk.db.engine import open_database
from trustdesk.services import security
from trustdesk.services.store import open_store

PASSPHRASE = "kill me gently"


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


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kill") / "original.sqlite3"
    database = open_database(path)
    with database.transaction() as s:
        demo.generate(s, 300, seed=5)
    database.close()
    return path


def _copy(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    key_file = keys.key_file_of(source)
    if key_file.exists():
        shutil.copyfile(key_file, keys.key_file_of(target))


def _killed(
    path: Path, direction: str, env: dict[str, str], when: Callable[[], bool], limit: float
) -> bool:
    """Run ``db <direction>`` on ``path`` and SIGKILL it the moment ``when()`` holds (or at
    ``limit`` seconds); True when it was killed before it ended by itself."""
    process = subprocess.Popen(
        [sys.executable, "-m", "trustdesk", "--db", str(path), "db", direction],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    began = time.monotonic()
    while process.poll() is None and not when() and time.monotonic() - began < limit:
        time.sleep(0.001)
    killed = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    return killed


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
    copy_name = ".{}.encrypting" if direction == "encrypt" else ".{}.decrypting"

    def writing_the_copy(path: Path) -> Callable[[], bool]:
        copy = path.with_name(copy_name.format(path.name))
        return lambda: copy.exists() and copy.stat().st_size > 0

    def key_file_switched(path: Path) -> Callable[[], bool]:
        key_file = keys.key_file_of(path)
        return key_file.exists if direction == "encrypt" else lambda: not key_file.exists()

    rng = random.Random(18)
    moments: list[tuple[str, Callable[[Path], Callable[[], bool]], float]] = [
        ("writing the copy", writing_the_copy, 60.0),
        ("key file switched", key_file_switched, 60.0),
        *((f"at {t:.2f} s", lambda _p: lambda: False, t) for t in
          (rng.uniform(0.8, 2.5) for _ in range(1))),
    ]  # fmt: skip
    outcomes = {}
    for n, (moment, make_when, limit) in enumerate(moments):
        path = tmp_path / f"try{n}.sqlite3"
        _copy(start, path)
        _killed(path, direction, env, make_when(path), limit)
        keys.forget_all()
        encrypted = security.encryption_state(path).encrypted
        if encrypted:
            security.unlock(path, PASSPHRASE)
        assert _counts(path) == expected, f"killed {moment}"
        outcomes[moment] = "encrypted" if encrypted else "plain"
    print(direction, outcomes)
    before = "plain" if direction == "encrypt" else "encrypted"
    assert outcomes["writing the copy"] == before, "the file is replaced only once checked"

    # ...and after a kill before the switch, the conversion simply runs again to the end.
    path = tmp_path / "try0.sqlite3"
    keys.forget_all()
    run = [sys.executable, "-m", "trustdesk", "--db", str(path), "db", direction]
    assert subprocess.run(run, cwd=REPO, env=env, capture_output=True).returncode == 0
    assert security.encryption_state(path).encrypted == (direction == "encrypt")
    if direction == "encrypt":
        security.unlock(path, PASSPHRASE)
    assert _counts(path) == expected
