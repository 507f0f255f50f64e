"""The log file: private, never a reason to stop, and never a copy of customers' data."""

import errno
import io
import logging
import os
import stat
import subprocess
import sys
import traceback

import pytest
import sqlalchemy as sa

from trustdesk import logs
from trustdesk.errors import ValidationError
from trustdesk.logs import LogFile, current_log_file, setup_logging

log = logging.getLogger("trustdesk.test")


@pytest.fixture(autouse=True)
def fresh_logging(monkeypatch):
    """Each test starts with no log file handler and an empty "already said" list."""
    monkeypatch.setattr(logs, "_told", set())
    root = logging.getLogger("trustdesk")
    yield
    for handler in [h for h in root.handlers if isinstance(h, LogFile)]:
        root.removeHandler(handler)
        handler.close()


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def _handler() -> LogFile:
    return next(h for h in logging.getLogger("trustdesk").handlers if isinstance(h, LogFile))


def test_log_files_are_private_whatever_the_umask(data_dir):
    folder = data_dir / "logs"
    folder.mkdir(mode=0o755)
    older = folder / "trustdesk.log"  # written by an older TrustDesk, world-readable
    older.write_text("old line\n", encoding="utf-8")
    older.chmod(0o644)
    (folder / "trustdesk.log.2").write_text("older\n", encoding="utf-8")
    (folder / "trustdesk.log.2").chmod(0o644)
    umask = os.umask(0)
    try:
        path = setup_logging()
        log.info("first")
        _handler().doRollover()
        log.info("second")
        _handler().flush()
    finally:
        os.umask(umask)
    assert path == older
    assert _mode(folder) == 0o700
    assert {p.name: _mode(p) for p in folder.iterdir()} == {
        "trustdesk.log": 0o600,
        "trustdesk.log.1": 0o600,
        "trustdesk.log.3": 0o600,  # the older .2, moved on by the rollover
    }
    assert "first" in (folder / "trustdesk.log.1").read_text(encoding="utf-8")
    assert "second" in path.read_text(encoding="utf-8")


def test_a_log_folder_that_cannot_be_made_is_one_line_and_the_command_goes_on(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "logs").write_text("a file where the folder should be")
    db = tmp_path / "x.sqlite3"
    env = dict(os.environ, TRUSTDESK_DATA_DIR=str(data))
    proc = subprocess.run(
        [sys.executable, "-m", "trustdesk", "--db", str(db), "--create", "--lang", "en",
         "accounts", "add", "Acme"],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Added customer Acme")
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("trustdesk: logging to a file is off: ")
    assert str(data / "logs") in lines[0]


class FullDisk(io.StringIO):
    def write(self, _text):
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_stream_that_fails_mid_run_is_closed_and_left_alone(data_dir, capsys):
    setup_logging()
    handler = _handler()
    handler.stream.close()
    handler.stream = FullDisk()
    log.error("one")
    log.error("two")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err and "Traceback" not in err
    assert handler.stream is None and current_log_file() is None


def _unique_violation() -> sa.exc.IntegrityError:
    engine = sa.create_engine("sqlite://")
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE person (name TEXT UNIQUE, mobile TEXT)"))
    try:
        with engine.begin() as conn:
            for _ in range(2):
                conn.execute(
                    sa.text("INSERT INTO person VALUES (:n, :m)"),
                    {"n": "张秘密", "m": "13912345678"},
                )
    except sa.exc.IntegrityError as exc:
        return exc
    finally:
        engine.dispose()
    raise AssertionError("no error")


def test_the_formatter_withholds_what_a_careless_call_lets_through(data_dir):
    path = setup_logging()
    error = _unique_violation()
    assert "张秘密" in str(error)  # what SQLAlchemy would have written
    refused = ValidationError("'mimi@example.com' is not an email address.", "email", zh="x")
    log.info("refused: %s", refused)  # the GUI's old call: the sentence quotes the input
    try:
        raise error
    except sa.exc.IntegrityError:
        log.exception("save failed")  # frames and types, not the message
        log.error("pre-formatted\n%s", traceback.format_exc())  # SQL cut out of the text
    mobile = "".join(["139", "12345678"])  # a value, not source text in the traceback
    try:
        {}[mobile]
    except KeyError:
        log.exception("lookup failed")
    _handler().flush()
    text = path.read_text(encoding="utf-8")
    for secret in ("张秘密", "13912345678", "mimi@example.com", "INSERT INTO person"):
        assert secret not in text
    assert "refused: ValidationError" in text
    assert "sqlalchemy.exc.IntegrityError: (message withheld" in text
    assert "builtins.KeyError: (message withheld" in text
    assert "[SQL and parameters withheld] (Background on this error at:" in text
    assert text.count("test_logs.py") >= 3, "the frames are kept"
