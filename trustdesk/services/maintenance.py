"""Upkeep of the database file: the integrity check behind ``trustdesk db check``, backups.

Reports name tables and row numbers only, never the values stored in them. The backup use
cases (list, daily, prune, verify, restore) live with the file work in ``trustdesk.db.backup``
and are re-exported here, so the GUI and the CLI import them from one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

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


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    problems: tuple[str, ...]  # SQLite's integrity_check lines ("ok" is left out)
    broken_links: tuple[str, ...]  # foreign keys pointing at missing rows: "table row N → parent"

    @property
    def ok(self) -> bool:
        return not self.problems and not self.broken_links


def check_integrity(session: Session) -> IntegrityReport:
    """SQLite's own page-level check plus a check that every reference finds its row."""
    lines = [row[0] for row in session.execute(text("PRAGMA integrity_check"))]
    problems = tuple(line for line in lines if line != "ok")
    broken = tuple(
        f"{table} row {rowid} → {parent}"
        for table, rowid, parent, _fk in session.execute(text("PRAGMA foreign_key_check"))
    )
    return IntegrityReport(problems, broken)


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


__all__ = [
    "BackupInfo",
    "DamagedFileError",
    "IntegrityReport",
    "RestoreResult",
    "backup",
    "check_integrity",
    "daily_backup",
    "list_backups",
    "prune_backups",
    "restore_backup",
    "schema_head",
    "verify_backup",
]
