"""One log file in the user data folder; one named logger per subsystem.

Two promises, kept here for every logger under ``trustdesk``:

- **Logging never stops the program.** A log folder that is full, read-only or cannot be made
  turns file logging off with one line on stderr (``logging to a file is off: …``), at start or
  whenever a write fails later (the disk fills while the app runs); the program goes on.
  Python's default is a 30-line "Logging error" traceback on every record.
- **The log holds no personal data.** It leaves the laptop attached to a support email, so it
  names operations, record ids and error classes, never what someone typed. The formatter is
  the safety net for a careless call: an exception passed as an argument is logged as its class
  name; a traceback keeps its frames and exception types but withholds messages that may carry
  data (a database error's SQL and bound values, a ``ValueError`` quoting its input); SQL text
  that reached a message anyway is cut out. The file is 0600 in a 0700 folder.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import logging.handlers
import os
import re
import sys
import traceback
from pathlib import Path
from typing import Any

from trustdesk import paths
from trustdesk.errors import DataBug

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 2_000_000
BACKUPS = 3

WITHHELD = "(message withheld: it may hold customers' data)"

# Exceptions whose message Python writes about the code (a missing attribute, a wrong type),
# never quoting the values being handled. Exact types: a library's subclass may say anything.
_CODE_MESSAGES: frozenset[type[BaseException]] = frozenset(
    {
        AttributeError,
        TypeError,
        NameError,
        UnboundLocalError,
        ImportError,
        ModuleNotFoundError,
        NotImplementedError,
        RecursionError,
        ZeroDivisionError,
        IndexError,
    }
)

# SQLAlchemy's "[SQL: …] [parameters: …]" up to its "(Background on this error …)" link.
_SQL_TEXT = re.compile(r"\[SQL: .*?(?=\(Background on this error at:|\Z)", re.S)


def safe_message(exc: BaseException) -> str:
    """What of ``exc``'s message may be logged: code-made messages, ``DataBug`` (built to be
    safe), an OS error's number and reason (not the file name); otherwise a placeholder."""
    if isinstance(exc, DataBug) or type(exc) in _CODE_MESSAGES:
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return f"[Errno {exc.errno}] {exc.strerror}"
    return WITHHELD


def describe_exception(exc: BaseException) -> str:
    """The traceback for the log: every frame and exception type of the chain, each message
    only as far as ``safe_message`` allows."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    parts = []
    for e in reversed(chain):
        kind = f"{type(e).__module__}.{type(e).__qualname__}"
        frames = "".join(traceback.format_tb(e.__traceback__))
        parts.append(f"Traceback (most recent call last):\n{frames}{kind}: {safe_message(e)}")
    return "\n\nwhich led to:\n\n".join(parts)


def _exception_name(value: object) -> object:
    return type(value).__name__ if isinstance(value, BaseException) else value


class PrivateFormatter(logging.Formatter):
    """Formats records without the personal data a careless call could put in them."""

    def format(self, record: logging.LogRecord) -> str:
        args: Any = record.args
        if isinstance(args, tuple) and any(isinstance(a, BaseException) for a in args):
            record = copy.copy(record)  # other handlers (a test's capture) see the original
            record.args = tuple(_exception_name(a) for a in args)
        elif isinstance(args, dict) and any(isinstance(a, BaseException) for a in args.values()):
            record = copy.copy(record)
            record.args = {k: _exception_name(a) for k, a in args.items()}
        return _SQL_TEXT.sub("[SQL and parameters withheld] ", super().format(record))

    def formatException(self, ei: Any) -> str:
        exc = ei[1] if isinstance(ei, tuple) else None
        return describe_exception(exc) if exc is not None else super().formatException(ei)


_told: set[str] = set()


def _tell_once(line: str) -> None:
    """One line on stderr, once per process; a closed stderr is not an error either."""
    if line in _told:
        return
    _told.add(line)
    try:
        sys.stderr.write(f"trustdesk: {line}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _off_line(reason: str, lang: str) -> str:
    return f"日志文件已停用：{reason}" if lang == "zh" else f"logging to a file is off: {reason}"


def _reason(exc: OSError, fallback: str) -> str:
    where = exc.filename if exc.filename else fallback
    return f"{where}: {exc.strerror or type(exc).__name__}"


def _make_private(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):  # not ours, or a read-only disk: opening will tell
        os.chmod(path, mode)


class LogFile(logging.handlers.RotatingFileHandler):
    """The rotating log file: created 0600 whatever the umask, and turned off (with one line
    on stderr) instead of failing when the disk or the folder will not take it."""

    def __init__(self, path: Path, lang: str = "en") -> None:
        super().__init__(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
        self.lang = lang
        self.off_reason: str | None = None
        self.setFormatter(PrivateFormatter(_FORMAT))

    @property
    def path(self) -> Path:
        return Path(self.baseFilename)

    def _open(self) -> Any:
        # os.open's mode is masked by the umask, and an older file may be 0644: set it after.
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            return open(fd, "a", encoding=self.encoding, errors=self.errors)
        except BaseException:
            os.close(fd)
            raise

    def start(self) -> None:
        """Open the file now, so a folder that will not take it is known (and said) at once."""
        try:
            self.stream = self._open()
        except OSError as exc:
            self.turn_off(exc)

    def turn_off(self, exc: OSError) -> None:
        self.off_reason = _reason(exc, self.baseFilename)
        stream, self.stream = self.stream, None
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.close()  # what it still buffers is lost with the disk
        _tell_once(_off_line(self.off_reason, self.lang))

    def emit(self, record: logging.LogRecord) -> None:
        if self.off_reason is None:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):
            self.turn_off(exc)
        else:  # a broken log call (bad format arguments): say where, once, and carry on
            name = type(exc).__name__ if exc is not None else "error"
            _tell_once(
                f"a log line could not be written ({name} at {record.pathname}:{record.lineno})"
            )


def _handler() -> LogFile | None:
    return next(
        (h for h in logging.getLogger("trustdesk").handlers if isinstance(h, LogFile)), None
    )


def current_log_file() -> Path | None:
    """The log file being written, or None when logging to a file is off."""
    handler = _handler()
    return handler.path if handler is not None and handler.off_reason is None else None


def setup_logging(level: int = logging.INFO, *, lang: str = "en") -> Path | None:
    """Send the ``trustdesk`` loggers to the private rotating log file; return its path, or
    None when the file cannot be written (one line on stderr says why; the program goes on).
    ``lang`` is the language of that line."""
    root = logging.getLogger("trustdesk")
    root.setLevel(level)
    try:
        path = paths.log_file()
    except OSError as exc:  # the data or logs folder cannot be made
        path = None
        failure: OSError | None = exc
    else:
        failure = None
    old = _handler()
    if old is not None:
        if path is not None and old.path == path and old.off_reason is None:
            old.lang = lang
            return path
        root.removeHandler(old)
        old.close()
    # Placeholder name when the folder failed: the handler then only stands in, turned off,
    # so that records are not printed to stderr by logging's last resort.
    handler = LogFile(path if path is not None else Path(os.devnull), lang)
    handler.setLevel(level)
    root.addHandler(handler)
    if failure is not None:
        handler.turn_off(failure)
        return None
    assert path is not None
    _make_private(path.parent, 0o700)
    for n in range(1, BACKUPS + 1):  # rotated files of an older version may be 0644
        rotated = path.with_name(f"{path.name}.{n}")
        if rotated.exists():
            _make_private(rotated, 0o600)
    handler.start()
    return None if handler.off_reason is not None else path


__all__ = [
    "LogFile",
    "PrivateFormatter",
    "current_log_file",
    "describe_exception",
    "safe_message",
    "setup_logging",
]
