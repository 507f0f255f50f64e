"""The command line: the second front door over the same services and store as the GUI.

One module per noun registers its own commands. Outcomes a user can tell apart:
- a usage mistake: one line naming it and the ``--help`` to read, exit code 2;
- input the services refuse (``TrustDeskError``): its sentence in the interface language, 2;
- the database could not do its part (``StorageError``: busy, full, read-only, damaged): its
  sentence, exit code 1;
- a bug: a short notice naming the log file, which has the traceback, exit code 1. The
  exception's own text is not printed: database errors carry SQL and customers' data.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import traceback
from collections.abc import Sequence

from trustdesk import __version__
from trustdesk.cli import accounts, contacts, db, demo, gui, map, screenshot, search
from trustdesk.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, CliParser, say
from trustdesk.errors import StorageError, TrustDeskError
from trustdesk.logs import setup_logging

log = logging.getLogger("trustdesk.cli")

NOUNS = (gui, demo, accounts, contacts, map, search, db, screenshot)


def build_parser() -> CliParser:
    parser = CliParser(
        prog="trustdesk",
        description="TrustDesk: offline account management. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: TRUSTDESK_DB or trustdesk.sqlite3 in the user data folder)",
    )
    parser.add_argument(
        "--lang", choices=["zh", "en"], default=None, help="language of labels (default: system)"
    )
    parser.set_defaults(func=gui.cmd_gui, prog_name="trustdesk", json=False)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in NOUNS:
        module.register(sub)
    return parser


def _default_lang() -> str:
    from locale import getlocale

    lang = os.environ.get("LC_ALL") or os.environ.get("LANG") or (getlocale()[0] or "")
    return "zh" if lang.lower().startswith("zh") else "en"


def _is_database_error(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error) or type(exc).__module__.startswith("sqlalchemy")


def bug_report(exc: BaseException) -> str:
    """The traceback for the log: every frame and exception type, but a database exception's
    message (SQL text and the values bound to it) is withheld."""
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
        message = "(message withheld: database text)" if _is_database_error(e) else str(e)
        frames = "".join(traceback.format_tb(e.__traceback__))
        parts.append(f"Traceback (most recent call last):\n{frames}{kind}: {message}")
    return "\n\nwhich led to:\n\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # every file and folder we create (database, logs, backups): owner only
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage mistake (already printed)
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT if exc.code else 0
    args.lang_given = args.lang  # None: the GUI follows its Settings, else the system
    if args.lang is None:
        args.lang = _default_lang()
    log_path = setup_logging()
    try:
        return int(args.func(args))
    except StorageError as exc:
        log.warning("storage problem (%s) in %s", exc.kind, args.prog_name)
        print(f"trustdesk: {exc.text(args.lang)}", file=sys.stderr)
        return EXIT_FAILED
    except TrustDeskError as exc:
        log.info("refused (%s) in %s", type(exc).__name__, args.prog_name)
        print(f"trustdesk: {exc.text(args.lang)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # Output piped into `head` and cut short: not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("trustdesk: " + say(args, "interrupted", "已中断"), file=sys.stderr)
        return 130
    except Exception as exc:
        log.error("unexpected error in %s\n%s", args.prog_name, bug_report(exc))
        notice = say(
            args,
            f"unexpected problem (a bug); details are in {log_path}",
            f"出现意外问题(程序错误);详情见 {log_path}",
        )
        print(f"trustdesk: {notice}", file=sys.stderr)
        return EXIT_FAILED


__all__ = ["build_parser", "main"]
