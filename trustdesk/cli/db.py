"""``trustdesk db …``: upkeep of the database file — upgrade, backup, restore, check.

Exit codes of ``db backup --verify FILE``: 0 the backup is good, 1 it is damaged, 2 it is not
a TrustDesk database (or is from a newer version). ``db restore`` refuses (2) without
``--yes`` when it cannot ask, and exits 1 when another program is using the database.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from trustdesk import paths
from trustdesk.cli import encryption
from trustdesk.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    SubParsers,
    command,
    db_path,
    existing_db_path,
    noun,
    opened,
    say,
)
from trustdesk.db.cipher import DRIVER_ERRORS
from trustdesk.services import maintenance
from trustdesk.services.store import classify


def cmd_upgrade(args: argparse.Namespace) -> int:
    with opened(args) as store:
        state = "upgraded to" if store.migrated else "already at"
        print(f"{store.path}: schema {state} {maintenance.schema_head()}.")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    from trustdesk.services.indexing import rebuild_index

    with opened(args) as store:
        written = store.write(rebuild_index)
    print(say(args, f"Search index rebuilt: {written:,} entries.",
              f"搜索索引已重建：{written:,} 条。"))  # fmt: skip
    return 0


def _verify(args: argparse.Namespace) -> int:
    path = Path(args.verify).expanduser()
    try:
        maintenance.verify_backup(path)
    except maintenance.DamagedFileError as exc:
        print(f"trustdesk: {exc.text(args.lang)}", file=sys.stderr)
        return EXIT_FAILED
    print(
        say(args,
            f"{path} is a good TrustDesk backup: it passes the integrity check and can be "
            "restored.",
            f"{path} 是完好的 TrustDesk 备份：通过完整性检查，可以用于恢复。")
    )  # fmt: skip
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    if args.verify:
        if args.out:
            print("trustdesk: --verify and --out cannot be combined.", file=sys.stderr)
            return EXIT_BAD_INPUT
        return _verify(args)  # a DatabaseFileError (not TrustDesk's) exits 2 in main
    with opened(args) as store:
        out = maintenance.backup(store.path, Path(args.out) if args.out else None)
        print(say(args, f"Backed up {store.path} to {out}.", f"已将 {store.path} 备份到 {out}。"))
    return 0


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    amount = float(n)
    for unit in ("KB", "MB", "GB"):
        amount /= 1024
        if amount < 1024 or unit == "GB":
            break
    return f"{amount:.1f} {unit}"


_KIND_ZH = {"daily": "每日", "upgrade": "升级前", "manual": "手动", "pre-restore": "恢复前"}


def cmd_backups(args: argparse.Namespace) -> int:
    backups = maintenance.list_backups(db_path(args))
    if args.json:
        rows = [
            {"path": str(b.path), "made_at": b.made_at.isoformat(), "kind": b.kind,
             "size": b.size}
            for b in backups
        ]  # fmt: skip
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not backups:
        print(say(args, "No backups of this database yet.", "此数据库还没有备份。"))
        return 0
    for b in backups:
        kind = _KIND_ZH[b.kind] if args.lang == "zh" else b.kind
        made = b.made_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{made}  {kind:<11}  {_size(b.size):>9}  {b.path}")
    return 0


def cmd_prune(args: argparse.Namespace) -> int:
    removed = maintenance.prune_backups(db_path(args))
    for path in removed:
        print(say(args, f"Removed {path}", f"已删除 {path}"))
    print(say(args,
              f"{len(removed)} old backups removed; kept 7 daily, 4 weekly, upgrade backups "
              "for 90 days, pre-restore ones for 30 days and every manual one.",
              f"已删除 {len(removed)} 个旧备份；保留最近 7 天的每日备份、4 周的每周备份、"
              "90 天内的升级前备份、30 天内的恢复前备份以及所有手动备份。"))  # fmt: skip
    return 0


def _confirmed(args: argparse.Namespace, target: Path, source: Path) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        print(
            "trustdesk: "
            + say(args,
                  "restoring replaces the database; add --yes to confirm (no terminal to ask).",
                  "恢复会替换当前数据库；请加上 --yes 确认（无法在终端中询问）。"),
            file=sys.stderr,
        )  # fmt: skip
        return False
    question = say(args,
                   f"Replace {target} with {source}? The current file is kept as a backup. "
                   "[y/N] ",
                   f"用 {source} 替换 {target}?当前文件会保留为备份。[y/N] ")  # fmt: skip
    return input(question).strip().lower() in ("y", "yes", "是")


def cmd_restore(args: argparse.Namespace) -> int:
    target = db_path(args)
    source = Path(args.file).expanduser()
    if not _confirmed(args, target, source):
        return EXIT_BAD_INPUT
    result = maintenance.restore_backup(target, source)
    print(say(args, f"Restored {target} from {result.restored_from}.",
              f"已用 {result.restored_from} 恢复 {target}。"))  # fmt: skip
    if result.migrated:
        print(say(args, f"The backup was older; it was upgraded to schema "
                  f"{maintenance.schema_head()}.",
                  f"该备份较旧，已升级到结构版本 {maintenance.schema_head()}。"))  # fmt: skip
    if result.kept_as is not None:
        print(say(args, f"The previous database is kept as {result.kept_as}.",
                  f"原数据库已保留为 {result.kept_as}。"))  # fmt: skip
    return 0


CHECK_FAILURES: tuple[type[Exception], ...] = (*DRIVER_ERRORS, SQLAlchemyError)


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 0: healthy and at this version's schema; 1: the file is damaged (each finding is
    listed as a sentence); 2: it cannot be checked (missing, not TrustDesk's, other schema)."""
    path = existing_db_path(args).expanduser().absolute()
    try:
        report = maintenance.check_file(path)  # read-only: a damaged file is not touched
    except CHECK_FAILURES as exc:
        raise classify(exc, "db check") from None
    if not report.ok:
        found = len(report.problems) + len(report.broken_links)
        print(
            say(args, f"{path} is damaged; problems found: {found}.",
                f"{path} 已损坏；发现的问题：{found} 个。"),
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
            f"{path}：完整性正常，结构为最新版本（{maintenance.schema_head()}）。")
    )  # fmt: skip
    return 0


CHECK_EPILOG = (
    "exit codes: 0 the database is healthy; 1 it is damaged (the problems are listed); "
    "2 it cannot be checked (missing, not a TrustDesk database, another schema version)"
)


def register(sub: SubParsers) -> None:
    dbp = noun(sub, "db", "database upkeep")
    command(dbp, "upgrade", cmd_upgrade, "create the database or migrate it to this version")
    p = command(dbp, "backup", cmd_backup, "copy the database safely, or check a backup")
    p.add_argument("--out", metavar="PATH", help="where to write the copy (default: backups/)")
    p.add_argument(
        "--verify",
        metavar="FILE",
        help="only check FILE: exit 0 good, 1 damaged, 2 not a TrustDesk database",
    )
    p = command(dbp, "restore", cmd_restore, "replace the database with a backup (kept first)")
    p.add_argument("file", metavar="FILE", help="the backup to restore")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    command(dbp, "reindex", cmd_reindex, "rebuild the search index (after an upgrade to 0004)")
    command(dbp, "backups", cmd_backups, "list this database's backups", json_output=True)
    command(dbp, "prune", cmd_prune, "remove old automatic backups per the retention rule")
    p = command(dbp, "check", cmd_check, "check integrity and schema version")
    p.epilog = CHECK_EPILOG
    encryption.register(dbp)
