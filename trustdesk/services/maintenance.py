"""Upkeep of the database file: the integrity check behind ``trustdesk db check``, backups.

Reports name tables and row numbers only, never the values stored in them. The backup use
cases (list, daily, prune, verify, restore) live with the file work in ``trustdesk.db.backup``
and are re-exported here, so the GUI and the CLI import them from one place.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from trustdesk.db import cipher, engine
from trustdesk.db.backup import (
    BackupInfo,
    DamagedFileError,
    RestoreResult,
    backup_database,
    daily_backup,
    list_backups,
    make_backup,
    prune_backups,
    restore_backup,
    verify_backup,
)
from trustdesk.errors import DatabaseFileError


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    problems: tuple[str, ...]  # SQLite's integrity_check lines ("ok" is left out)
    broken_links: tuple[str, ...]  # foreign keys pointing at missing rows: "table row N → parent"

    @property
    def ok(self) -> bool:
        return not self.problems and not self.broken_links

    def sentences(self, lang: str) -> list[str]:
        """Every finding as a sentence in ``lang`` (``en`` or ``zh``); no stored values."""
        out = [_problem_sentence(line, lang) for line in self.problems]
        for link in self.broken_links:
            table, rowid, parent = _LINK.fullmatch(link).groups()  # type: ignore[union-attr]
            out.append(
                f"表 {table} 的第 {rowid} 行引用了 {parent} 中不存在的记录。"
                if lang == "zh"
                else f"Row {rowid} of table {table} refers to a record missing from {parent}."
            )
        return out


_LINK = re.compile(r"(.*) row (.*) → (.*)")

# SQLite's integrity_check lines (they name pages, rows by number, tables and indexes; never
# stored values) → a sentence. Anything else is quoted as SQLite wrote it.
_PROBLEMS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(r"row (\d+) missing from index (\S+)"),
        "Row {0} of a table is missing from the index {1} (searches may miss it).",
        "某表的第 {0} 行在索引 {1} 中缺失（搜索可能找不到它）。",
    ),
    (
        re.compile(r"wrong # of entries in index (\S+)"),
        "The index {0} has the wrong number of entries.",
        "索引 {0} 的条目数不正确。",
    ),
    (
        re.compile(r"non-unique entry in index (\S+)"),
        "The index {0} has a duplicate entry where each must be unique.",
        "索引 {0} 中出现了本应唯一的重复条目。",
    ),
    (
        re.compile(r"NULL value in (\S+)"),
        "A row has no value in the required column {0}.",
        "有一行在必填列 {0} 中没有值。",
    ),
    (
        re.compile(r"Page (\d+) is never used"),
        "Page {0} of the file is lost (used by nothing).",
        "文件的第 {0} 页丢失（未被任何表使用）。",
    ),
    (
        re.compile(r"(?:Tree|On tree page|Page) (\d+)\b.*?: (.*)", re.S),
        "Page {0} of the file is damaged ({1}).",
        "文件的第 {0} 页已损坏（{1}）。",
    ),
)


def _problem_sentence(line: str, lang: str) -> str:
    for pattern, en, zh in _PROBLEMS:
        found = pattern.match(line)
        if found:
            return (zh if lang == "zh" else en).format(*found.groups())
    if line.startswith(UNREADABLE_TABLE):
        table = line.removeprefix(UNREADABLE_TABLE)
        return (
            f"表 {table}（或其索引）无法完整读取：已损坏。"
            if lang == "zh"
            else f"The table {table} (or one of its indexes) cannot be read to the end: it is "
            f"damaged."
        )
    if line == UNREADABLE:
        return (
            "SQLite could not read the file to the end: it is damaged."
            if lang != "zh"
            else "SQLite 无法完整读取该文件：文件已损坏。"
        )
    return f"SQLite 报告:{line}" if lang == "zh" else f"SQLite reports: {line}"


UNREADABLE = "(unreadable)"
UNREADABLE_TABLE = "(unreadable table) "


def check_integrity(session: Session) -> IntegrityReport:
    """SQLite's own page-level check plus a check that every reference finds its row."""
    lines = [row[0] for row in session.execute(text("PRAGMA integrity_check"))]
    problems = tuple(line for line in lines if line != "ok")
    broken = tuple(
        f"{table} row {rowid} → {parent}"
        for table, rowid, parent, _fk in session.execute(text("PRAGMA foreign_key_check"))
    )
    return IntegrityReport(problems, broken)


def check_file(path: Path) -> IntegrityReport:
    """The full check of the database file at ``path`` (``trustdesk db check``), on a
    read-only connection that changes and creates nothing, so it also works on a damaged,
    read-only or busy file.

    Raises ``DatabaseFileError`` for a path that is not a TrustDesk database (missing, not
    SQLite, another program's, a schema this version does not know) and ``sqlite3.Error`` for
    anything else SQLite reports (busy, I/O); a damaged file is reported, not raised.
    """
    path = path.expanduser().absolute()
    engine.check_database_file(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise DatabaseFileError(
            f"{path} does not exist (or is empty): there is nothing to check.",
            zh=f"{path} 不存在（或为空）：没有可检查的内容。",
        )
    try:
        key = cipher.key_for(path)
        state = engine.inspect_file(path, check_damage=False, key=key)
    except cipher.DRIVER_DATABASE_ERRORS as exc:
        if engine.is_damage(exc):  # not even the list of tables can be read
            return IntegrityReport((UNREADABLE,), ())
        raise
    engine.refuse_foreign(path, state)
    if state.revision != engine.SCHEMA_HEAD:
        from trustdesk.db.migrate import refuse_newer

        refuse_newer(path, state.revision)
    conn = cipher.connect(engine.probe_uri(path), key, uri=True)
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        lines = _run_check(conn, "PRAGMA integrity_check")
        if lines == [(UNREADABLE,)]:  # SQLite stopped at a page it cannot read: which tables?
            lines = _per_table(conn, state.tables | {"alembic_version"})
        links = _run_check(conn, "PRAGMA foreign_key_check")
    finally:
        conn.close()
    problems = [
        str(row[0]).removeprefix("*** in database main ***\n") for row in lines if row[0] != "ok"
    ]
    if links == [(UNREADABLE,)]:
        links = []
        if not problems:  # else the damage is already named
            problems.append(UNREADABLE)
    report = IntegrityReport(
        tuple(problems),
        tuple(f"{row[0]} row {row[1]} → {row[2]}" for row in links),
    )
    if report.ok and state.revision != engine.SCHEMA_HEAD:
        raise engine.not_at_head(path, state.revision)
    return report


def _per_table(conn: sqlite3.Connection, tables: frozenset[str]) -> list[tuple[object, ...]]:
    found: list[tuple[object, ...]] = []
    for table in sorted(tables):
        quoted = '"' + table.replace('"', '""') + '"'
        rows = _run_check(conn, f"PRAGMA integrity_check({quoted})")
        found += [(f"{UNREADABLE_TABLE}{table}",)] if rows == [(UNREADABLE,)] else rows
    return found or [(UNREADABLE,)]


def _run_check(conn: sqlite3.Connection, pragma: str) -> list[tuple[object, ...]]:
    try:
        return conn.execute(pragma).fetchall()
    except cipher.DRIVER_DATABASE_ERRORS as exc:
        if engine.is_damage(exc):
            return [(UNREADABLE,)]
        raise


def schema_head() -> str:
    """The schema revision this version of TrustDesk writes."""
    from trustdesk.db.migrate import head_revision  # alembic: imported only when asked

    return head_revision()


def backup(db_path: Path, out: Path | None = None) -> Path:
    """Copy the database (safe while it is in use) to ``out`` or, as a "manual" backup that
    is never pruned, to a dated file in backups/."""
    if out is not None:
        return backup_database(db_path, out.expanduser())
    return make_backup(db_path, "manual")


def good_backups(db_path: Path) -> Iterator[BackupInfo]:
    """This database's backups that pass verification, newest first (checked lazily: the
    first one that verifies is usually all a caller needs)."""
    for info in list_backups(db_path):
        try:
            verify_backup(info.path)
        except DatabaseFileError:
            continue
        yield info


__all__ = [
    "BackupInfo",
    "DamagedFileError",
    "IntegrityReport",
    "RestoreResult",
    "backup",
    "check_integrity",
    "daily_backup",
    "good_backups",
    "list_backups",
    "prune_backups",
    "restore_backup",
    "schema_head",
    "verify_backup",
]
