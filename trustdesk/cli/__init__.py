"""The command line: the second front door over the same services and store as the GUI.

One module per noun registers its own commands. Outcomes a user can tell apart:
- a usage mistake (an unknown option, a number out of bounds, an argument that is not
  UTF-8 text, a noun without an action): one line naming it and the ``--help`` to read,
  exit code 2;
- input the services refuse (``TrustDeskError``, a ``--db`` file that does not exist): its
  sentence in the interface language, 2;
- the database could not do its part (``StorageError``: busy, full, read-only, damaged): its
  sentence, exit code 1;
- a bug: a short notice naming the log file, which has the traceback, exit code 1. The
  exception's own text is not printed, and the log keeps only what ``logs.safe_message``
  allows: database errors carry SQL and customers' data.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from types import ModuleType

from trustdesk import __version__
from trustdesk.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, CliParser, database_file, say
from trustdesk.errors import StorageError, TrustDeskError, ValidationError
from trustdesk.logs import current_log_file, describe_exception, setup_logging

log = logging.getLogger("trustdesk.cli")

NOUNS = (
    "gui", "demo", "accounts", "contacts", "map", "search", "db", "screenshot",
    "visits", "commitments", "answers", "export", "report", "survey",
    "complaints", "improvements", "winback", "suggestions", "service",
    "deals", "orders", "installed", "referrals", "tiers",
    "dashboard", "risk", "views", "imports", "duplicates", "server", "sync", "conflicts",
)  # fmt: skip
# Commands that show a window: their modules import Qt only, and the other nouns (which
# load SQLAlchemy, the models and the services) are not imported for them, so the window
# paints before any of that is loaded.
WINDOW_COMMANDS = ("gui", "screenshot")
GLOBAL_VALUE_OPTIONS = frozenset({"--db", "--lang"})

# Commands whose job is to make the database when it is missing (as ``--create`` does).
CREATING_COMMANDS = frozenset({"trustdesk db upgrade", "trustdesk demo"})


def nouns_for(argv: Sequence[str]) -> tuple[str, ...]:
    """The command modules ``argv`` needs: the window's two when it opens a window (or names
    no command), else all of them (also for ``--help``, a typo, an option not known here)."""
    words = iter(argv)
    for word in words:
        if word in GLOBAL_VALUE_OPTIONS:
            next(words, None)
        elif word == "--create" or word.split("=", 1)[0] in GLOBAL_VALUE_OPTIONS:
            continue
        else:
            return WINDOW_COMMANDS if word in WINDOW_COMMANDS else NOUNS
    return WINDOW_COMMANDS


def build_parser(nouns: Sequence[str] = NOUNS) -> CliParser:
    parser = CliParser(
        prog="trustdesk",
        description="TrustDesk: offline account management. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=database_file,
        help="database file (default: TRUSTDESK_DB or trustdesk.sqlite3 in the user data folder)",
    )
    parser.add_argument(
        "--create",
        action="store_true",
        help="make the --db file if it does not exist (otherwise a missing file is refused)",
    )
    parser.add_argument(
        "--lang", choices=["zh", "en"], default=None, help="language of labels (default: system)"
    )
    modules: list[ModuleType] = [import_module(f"trustdesk.cli.{noun}") for noun in nouns]
    gui = modules[nouns.index("gui")]
    parser.set_defaults(func=gui.cmd_gui, prog_name="trustdesk", json=False)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in modules:
        module.register(sub)
    return parser


def _default_lang() -> str:
    from locale import getlocale

    lang = os.environ.get("LC_ALL") or os.environ.get("LANG") or (getlocale()[0] or "")
    return "zh" if lang.lower().startswith("zh") else "en"


def _not_utf8(argv: Sequence[str]) -> int | None:
    """The position of the first argument that is not UTF-8 text (the OS hands Python such
    bytes as lone surrogates, which can be neither saved nor printed), or None."""
    for position, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return position
    return None


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # every file and folder we create (database, logs, backups): owner only
    argv = list(sys.argv[1:] if argv is None else argv)
    bad = _not_utf8(argv)
    if bad is not None:  # not echoed: it cannot be printed either
        print(
            f"trustdesk: error: argument {bad} is not valid UTF-8 text (see 'trustdesk --help')",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    parser = build_parser(nouns_for(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage mistake (already printed)
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT if exc.code else 0
    args.lang_given = args.lang  # None: the GUI follows its Settings, else the system
    if args.lang is None:
        args.lang = _default_lang()
    args.create = getattr(args, "create", False) or args.prog_name in CREATING_COMMANDS
    setup_logging(lang=args.lang)
    try:
        from trustdesk.cli.passphrase import run_unlocking

        return run_unlocking(args, lambda a: int(a.func(a)))
    except StorageError as exc:
        log.warning("storage problem (%s) in %s", exc.kind, args.prog_name)
        print(f"trustdesk: {exc.text(args.lang)}", file=sys.stderr)
        # Busy, full, read-only: the sentence says what to do, like a refused input (2);
        # a damaged database is the one failure of the data itself (1).
        return EXIT_FAILED if exc.kind == "corrupt" else EXIT_BAD_INPUT
    except TrustDeskError as exc:
        field = f", field {exc.field}" if isinstance(exc, ValidationError) and exc.field else ""
        log.info("refused (%s%s) in %s", type(exc).__name__, field, args.prog_name)
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
        log.error("unexpected error in %s\n%s", args.prog_name, describe_exception(exc))
        log_path = current_log_file()
        if log_path is None:
            notice = say(
                args,
                "unexpected problem (a bug); logging to a file is off, so no details were kept",
                "出现意外问题（程序错误）；日志文件已停用，未能保存详情",
            )
        else:
            notice = say(
                args,
                f"unexpected problem (a bug); details are in {log_path}",
                f"出现意外问题（程序错误）；详情见 {log_path}",
            )
        print(f"trustdesk: {notice}", file=sys.stderr)
        return EXIT_FAILED


__all__ = ["build_parser", "main", "nouns_for"]
