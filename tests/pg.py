"""A real PostgreSQL for the tests that need a team server, started by the tests themselves.

``pg_server`` (once per session) makes a throwaway cluster in a private temporary folder and
runs it on a free loopback port, its unix socket in that folder, password authentication by
SCRAM with a generated password. PostgreSQL refuses to run as root, so when the tests run as
root the cluster belongs to the ``postgres`` user (``runuser``). The server is stopped and
the folder removed at the end of the session, also when tests fail. ``pg_url`` gives each
test a fresh database (dropped afterwards) and its address without the password, which is
in ``TRUSTDESK_SERVER_PASSWORD`` as ``trustdesk server`` reads it.

Missing PostgreSQL binaries FAIL the tests that need them (never skip): the fix is
``bash packaging/setup.sh test``, which installs Debian's ``postgresql`` package.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

ADMIN = "trustdesk_test"
SERVER_OWNER = "postgres"  # the account the cluster runs as when the tests run as root
SETUP_HINT = "run `bash packaging/setup.sh test` to install Debian's postgresql package"
# A throwaway cluster: durability off, small memory (two cores shared with other work).
SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "16MB",
    "max_connections": "40",
}


@dataclass(frozen=True)
class PgServer:
    host: str
    port: int
    user: str
    password: str
    folder: Path
    initdb_seconds: float
    start_seconds: float

    def url(self, database: str) -> str:
        """The address as ``trustdesk server`` takes it: no password in it."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password,
            dbname="postgres",
            autocommit=True,
        )

    @property
    def log_file(self) -> Path:
        return self.folder / "server.log"


_started: list[PgServer] = []


def _bin_dir() -> Path:
    """The folder with initdb and pg_ctl: ``TRUSTDESK_PG_BIN`` when set (and only it), else
    Debian's newest ``/usr/lib/postgresql/N/bin``, else the PATH."""
    chosen = os.environ.get("TRUSTDESK_PG_BIN")
    candidates = [Path(chosen)] if chosen else []
    debian = Path("/usr/lib/postgresql")
    if not chosen and debian.is_dir():
        versions = [p for p in debian.iterdir() if p.name.isdigit()]
        candidates += [p / "bin" for p in sorted(versions, key=lambda p: -int(p.name))]
    found = None if chosen else shutil.which("initdb")
    if found:
        candidates.append(Path(found).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    pytest.fail(
        f"PostgreSQL's initdb and pg_ctl were not found (looked in {', '.join(map(str, candidates)) or 'PATH'}): {SETUP_HINT}.",  # noqa: E501
        pytrace=False,
    )


def _as_owner() -> list[str]:
    """The command prefix that runs a PostgreSQL program as the cluster's owner."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SERVER_OWNER)
    except KeyError:
        pytest.fail(
            f"The tests run as root and there is no '{SERVER_OWNER}' user to run PostgreSQL: "
            f"{SETUP_HINT}.",
            pytrace=False,
        )
    return ["runuser", "-u", SERVER_OWNER, "--"]


def _give_to_owner(path: Path) -> None:
    if os.geteuid() == 0:
        entry = pwd.getpwnam(SERVER_OWNER)
        os.chown(path, entry.pw_uid, entry.pw_gid)


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        pytest.fail(
            f"PostgreSQL's {what} failed (exit {done.returncode}):\n{done.stdout}{done.stderr}",
            pytrace=False,
        )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _initdb(bin_dir: Path, prefix: list[str], folder: Path, password: str) -> Path:
    data = folder / "data"
    pwfile = folder / "pwfile"
    pwfile.write_text(password + "\n", encoding="utf-8")
    pwfile.chmod(0o600)
    _give_to_owner(pwfile)
    try:
        _run(
            [*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", ADMIN,
             f"--pwfile={pwfile}", "--auth-host=scram-sha-256", "--auth-local=scram-sha-256",
             "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"],
            "initdb",
        )  # fmt: skip
    finally:
        pwfile.unlink(missing_ok=True)
    return data


def _start(
    bin_dir: Path, prefix: list[str], folder: Path, data: Path, settings: dict[str, str]
) -> int:
    """Start on a free port; another program may take the port between the choice and the
    start, so a failed start tries two more ports."""
    for attempt in range(3):
        port = _free_port()
        options = " ".join(f"-c {k}={v}" for k, v in settings.items())
        options += f" -p {port} -c unix_socket_directories={folder}"
        started = subprocess.run(
            [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
             "-w", "-t", "60", "-o", options, "start"],
            capture_output=True, text=True, timeout=90, check=False,
        )  # fmt: skip
        if started.returncode == 0:
            return port
        if attempt == 2:
            log = (folder / "server.log").read_text(errors="replace")[-2000:]
            pytest.fail(f"PostgreSQL did not start:\n{started.stderr}\n{log}", pytrace=False)
    raise AssertionError("unreachable")


def _stop(bin_dir: Path, prefix: list[str], data: Path) -> None:
    subprocess.run(
        [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
        capture_output=True, timeout=60, check=False,
    )  # fmt: skip


@contextlib.contextmanager
def cluster(settings: dict[str, str] | None = None) -> Iterator[PgServer]:
    """A throwaway cluster, stopped and removed when the block ends (also on failure):
    ``settings`` override the test cluster's ``SETTINGS`` (the sync benchmark gives it more
    memory). Outside pytest a missing PostgreSQL raises pytest's ``Failed`` with the hint."""
    bin_dir = _bin_dir()
    prefix = _as_owner()
    folder = Path(tempfile.mkdtemp(prefix="trustdesk-pg-"))
    try:
        _give_to_owner(folder)
        password = secrets.token_urlsafe(24)
        began = time.perf_counter()
        data = _initdb(bin_dir, prefix, folder, password)
        made = time.perf_counter()
        port = _start(bin_dir, prefix, folder, data, {**SETTINGS, **(settings or {})})
        try:
            yield PgServer(
                host="127.0.0.1",
                port=port,
                user=ADMIN,
                password=password,
                folder=folder,
                initdb_seconds=made - began,
                start_seconds=time.perf_counter() - made,
            )
        finally:
            _stop(bin_dir, prefix, data)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One PostgreSQL cluster for the session (about a second to make and start)."""
    with cluster() as server:
        _started.append(server)
        yield server


@pytest.fixture
def pg_url(pg_server: PgServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, empty database for this test (dropped after it): its address without the
    password; the password is in ``TRUSTDESK_SERVER_PASSWORD``."""
    name = f"td_{secrets.token_hex(6)}"
    with pg_server.admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    monkeypatch.setenv("TRUSTDESK_SERVER_PASSWORD", pg_server.password)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    try:
        yield pg_server.url(name)
    finally:
        with contextlib.closing(pg_server.admin()) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The cluster's cost, once per session: how long initdb and the start took."""
    for server in _started:
        terminalreporter.write_line(
            f"PostgreSQL test cluster: initdb {server.initdb_seconds:.2f} s, "
            f"start {server.start_seconds:.2f} s (port {server.port})"
        )
