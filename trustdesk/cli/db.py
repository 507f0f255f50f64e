"""``trustdesk db …``: upkeep of the database file — upgrade, backup, check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trustdesk.cli.common import EXIT_FAILED, SubParsers, command, noun, opened, say
from trustdesk.services import maintenance


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
    with opened(args, upgrade=False) as store:  # refuses a schema that is not at head
        report = store.read(maintenance.check_integrity)
        if not report.ok:
            for line in report.problems:
                print(f"integrity: {line}", file=sys.stderr)
            for line in report.broken_links:
                print(f"foreign key: {line}", file=sys.stderr)
            return EXIT_FAILED
        print(
            say(args,
                f"{store.path}: integrity ok, schema at head ({maintenance.schema_head()}).",
                f"{store.path}:完整性正常,结构为最新版本({maintenance.schema_head()})。")
        )  # fmt: skip
    return 0


def register(sub: SubParsers) -> None:
    dbp = noun(sub, "db", "database upkeep")
    command(dbp, "upgrade", cmd_upgrade, "create the database or migrate it to this version")
    p = command(dbp, "backup", cmd_backup, "copy the database safely")
    p.add_argument("--out", metavar="PATH")
    command(dbp, "check", cmd_check, "check integrity and schema version")
