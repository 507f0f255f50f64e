"""Upkeep of the database file: the integrity check behind ``trustdesk db check``, backups.

Reports name tables and row numbers only, never the values stored in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from trustdesk import paths
from trustdesk.db.backup import backup_database, backup_file_name


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
    """Copy the database (safe while it is in use) to ``out`` or a dated file in backups/."""
    target = out.expanduser() if out else paths.backups_dir() / backup_file_name(db_path)
    return backup_database(db_path, target)
