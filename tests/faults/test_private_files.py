"""Every file TrustDesk writes is its owner's only (0600, folders 0700), whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap

from tests.faults.conftest import REPO
from trustdesk.services import accounts
from trustdesk.services.store import open_store


def _modes(root):
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, root)] = stat.S_IMODE(os.stat(path).st_mode)
    return found


def _python(code, env):
    """Run ``code`` in a new interpreter whose umask lets everyone read (0o022)."""
    proc = subprocess.run(
        [sys.executable, "-c", "import os; os.umask(0o022)\n" + textwrap.dedent(code)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_cli_creates_only_private_files(tmp_path):
    data = tmp_path / "fresh" / "TrustDesk"  # does not exist yet
    env = dict(os.environ, TRUSTDESK_DATA_DIR=str(data))
    env.pop("TRUSTDESK_DB", None)
    # the CLI as a user runs it: new database, an upgrade backup, the log
    _python(
        """
        import sys
        from trustdesk.cli import main
        assert main(["--lang", "en", "accounts", "add", "华科"]) == 0
        assert main(["--lang", "en", "db", "backup"]) == 0
        assert main(["--lang", "en", "accounts", "show", "no-such-id"]) == 2
        """,
        env,
    )
    modes = _modes(data)
    assert "trustdesk.sqlite3" in modes and any(p.startswith("backups/") for p in modes)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path, mode in modes.items():
        expected = 0o700 if (data / path).is_dir() else 0o600
        assert mode == expected, f"{path}: {oct(mode)}"


def test_open_store_alone_makes_private_files_while_open(tmp_path):
    """Without the CLI's umask: the store itself makes the database, -wal, -shm private."""
    data = tmp_path / "data"
    env = dict(os.environ, TRUSTDESK_DATA_DIR=str(data))
    out = _python(
        f"""
        import os, stat
        from trustdesk import paths
        from trustdesk.services import accounts
        from trustdesk.services.store import open_store
        store = open_store(paths.default_db_path())
        store.write(accounts.create_account, "华科")
        paths.backups_dir(), paths.log_file()
        for folder, dirs, files in os.walk({str(data)!r}):
            for name in dirs + files:
                p = os.path.join(folder, name)
                print(name, oct(stat.S_IMODE(os.stat(p).st_mode)))
        store.close()
        """,
        env,
    )
    seen = dict(line.split() for line in out.splitlines())
    assert seen == {
        "trustdesk.sqlite3": "0o600",
        "trustdesk.sqlite3-wal": "0o600",
        "trustdesk.sqlite3-shm": "0o600",
        "backups": "0o700",
        "logs": "0o700",
    }
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_an_existing_world_readable_database_is_made_private(tmp_path):
    path = tmp_path / "old.sqlite3"
    open_store(path).close()
    path.chmod(0o644)  # as an earlier TrustDesk left it
    store = open_store(path)
    store.write(accounts.create_account, "华科")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for sidecar in (tmp_path / "old.sqlite3-wal", tmp_path / "old.sqlite3-shm"):
        assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600
    store.close()
