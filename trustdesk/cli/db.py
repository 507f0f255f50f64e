"""``trustdesk db …``: upkeep of the database file — upgrade, backup, check."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from trustdesk import paths
from trustdesk.cli.common import EXIT_FAILED, SubParsers, command, db_path, noun, opened, say
from trustdesk.services import maintenance
from trustdesk.services.store import classify


def cmd_upgrade(args: argparse.Namespace) -> int:
    with opened(args) as store:
        state = "upgraded to" if store.migrated else "already at"
        print(f"{store.path}: schema {state} {maintenance.schema_head()}.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with opened(args) as store:
        out = maintenance.backup(store.path, Path(args.out) if args.out else None)
        print(say(args, f"Backed up {store.path} to {out}.", f"已将 {store.path} 备份到 {out}。"))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 0: healthy and at this version's schema; 1: the file is damaged (each finding is
    listed as a sentence); 2: it cannot be checked (missing, not TrustDesk's, other schema)."""
    path = db_path(args).expanduser().absolute()
    try:
        report = maintenance.check_file(path)  # read-only: a damaged file is not touched
    except (sqlite3.Error, SQLAlchemyError) as exc:
        raise classify(exc, "db check") from None
    if not report.ok:
        found = len(report.problems) + len(report.broken_links)
        print(
            say(args, f"{path} is damaged; problems found: {found}.",
                f"{path} 已损坏;发现的问题:{found} 个。"),
            file=sys.stderr,
        )  # fmt: skip
        for line in report.sentences(args.lang):
            print(f"  - {line}", file=sys.stderr)
        backups = paths.backups_dir()
        print(
            say(args,
                f"Nothing was changed. Restore the newest good backup from {backups}.",
                f"文件未被改动。请从 {backups} 恢复最新的完好备份。"),
            file=sys.stderr,
        )  # fmt: skip
        return EXIT_FAILED
    print(
        say(args,
            f"{path}: integrity ok, schema at head ({maintenance.schema_head()}).",
            f"{path}:完整性正常,结构为最新版本({maintenance.schema_head()})。")
    )  # fmt: skip
    return 0


CHECK_EPILOG = (
    "exit codes: 0 the database is healthy; 1 it is damaged (the problems are listed); "
    "2 it cannot be checked (missing, not a TrustDesk database, another schema version)"
)


def register(sub: SubParsers) -> None:
    dbp = noun(sub, "db", "database upkeep")
    command(dbp, "upgrade", cmd_upgrade, "create the database or migrate it to this version")
    p = command(dbp, "backup", cmd_backup, "copy the database safely")
    p.add_argument("--out", metavar="PATH")
    p = command(dbp, "check", cmd_check, "check integrity and schema version")
    p.epilog = CHECK_EPILOG
