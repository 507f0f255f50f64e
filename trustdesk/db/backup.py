"""Copies of a live database made with SQLite's online backup API (safe while in use)."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from trustdesk.errors import DatabaseFileError

log = logging.getLogger("trustdesk.db")


def backup_file_name(db_path: Path, label: str = "") -> str:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    suffix = f"-{label}" if label else ""
    return f"{db_path.stem}-{stamp}{suffix}.sqlite3"


def backup_database(db_path: Path, out: Path) -> Path:
    """Copy ``db_path`` to ``out`` page by page and return ``out``; never overwrites."""
    if out.exists():
        raise DatabaseFileError(
            f"{out} already exists; choose another file for the backup.",
            zh=f"{out} 已存在,请为备份另选一个文件。",
        )
    if not out.parent.is_dir():
        raise DatabaseFileError(
            f"The folder {out.parent} does not exist; create it first.",
            zh=f"文件夹 {out.parent} 不存在,请先创建。",
        )
    src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(out)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        out.unlink(missing_ok=True)
        raise DatabaseFileError(
            f"Backup of {db_path} failed: {exc}", zh=f"备份 {db_path} 失败:{exc}"
        ) from exc
    finally:
        src.close()
    log.info("backed up %s to %s", db_path, out)
    return out
