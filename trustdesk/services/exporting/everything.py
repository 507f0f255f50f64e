"""``trustdesk export all`` and File → Export everything…: the whole database as files.

One CSV per table (``tables``), customers.xlsx and contacts.xlsx for people to read
(``people_xlsx``), and ``manifest.json`` saying what is there: the app's version, the schema
revision, when (UTC), and per file its table, row count, columns, size and SHA-256, so a
reader can check that nothing was lost or changed on the way.

It all comes from one read transaction, so every file shows the database at the same moment
even while the app goes on writing. Into a folder or a .zip (``target``): complete or not at
all. Progress is told per table and every few thousand rows; Cancel is seen there and leaves
nothing behind.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from trustdesk import __version__
from trustdesk.db.prepared import on
from trustdesk.errors import ValidationError
from trustdesk.services.exporting.people_xlsx import PEOPLE_SHEETS
from trustdesk.services.exporting.tables import (
    ENCODING,
    count_rows,
    exported_tables,
    write_table_csv,
)
from trustdesk.services.exporting.target import ExportTarget, WrittenFile
from trustdesk.services.progress import Progress

LANGS = ("zh", "en")
MANIFEST = "manifest.json"
FORMAT = "trustdesk-export"
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class ExportedFile:
    file: str
    table: str  # the table its rows come from
    rows: int
    columns: tuple[str, ...]
    size: int
    sha256: str
    live_only: bool = False  # a spreadsheet for people: deleted records left out


@dataclass(frozen=True, slots=True)
class ExportSummary:
    path: Path  # the folder or the .zip as it now is
    is_zip: bool
    files: list[ExportedFile] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def tables(self) -> list[ExportedFile]:
        return [f for f in self.files if not f.live_only]

    @property
    def table_rows(self) -> int:
        return sum(f.rows for f in self.tables)

    def sheet_rows(self, table: str) -> int:
        return sum(f.rows for f in self.files if f.live_only and f.table == table)


class _Steps:
    """Progress over every row of every file, with the file being written as the text."""

    def __init__(self, progress: Progress | None, total: int, lang: str) -> None:
        self.progress = progress
        self.total = total
        self.lang = lang
        self.done = 0

    def start(self, file: str) -> Callable[[int], None]:
        base = self.done
        text = f"正在写入 {file}…" if self.lang == "zh" else f"Writing {file}…"
        if self.progress is not None:
            self.progress.step(base, self.total, text)

        def rows(n: int) -> None:
            self.done = base + n
            if self.progress is not None:
                self.progress.step(self.done, self.total)

        return rows


def _schema_revision(session: Session) -> str:
    _, driver = on(session)
    row = driver.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else ""


def _entry(
    written: WrittenFile, table: str, rows: int, columns: tuple[str, ...], live: bool
) -> ExportedFile:
    return ExportedFile(written.name, table, rows, columns, written.size, written.sha256, live)


def build_manifest(
    files: list[ExportedFile], revision: str, moment: datetime, lang: str
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app": "TrustDesk",
        "app_version": __version__,
        "schema_revision": revision,
        "exported_at": moment.astimezone(UTC)
        .replace(microsecond=0)
        .isoformat()
        .replace("+00:00", "Z"),
        "csv": {
            "encoding": ENCODING,
            "line_end": "CRLF",
            "moments": "ISO 8601, UTC",
            "null": "empty cell",
            "deleted_rows": "included; deleted_at is set",
        },
        "spreadsheet_language": lang,
        "files": [
            {
                "file": f.file,
                "table": f.table,
                "rows": f.rows,
                "columns": list(f.columns),
                "bytes": f.size,
                "sha256": f.sha256,
                **({"live_only": True} if f.live_only else {}),
            }
            for f in files
        ],
    }


def export_all(
    session: Session,
    out: Path,
    *,
    lang: str = "zh",
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ExportSummary:
    """Write everything to ``out`` (a folder, or a file ending in .zip); returns what was
    written and where. Raises ``ExportFileError`` (nothing left behind) when the place
    cannot take it, ``Cancelled`` when the user stopped it."""
    if lang not in LANGS:
        raise ValidationError(
            f"The spreadsheets' language must be zh or en (got {lang!r}).",
            "lang",
            zh=f"表格语言只能是 zh 或 en（收到的是“{lang}”）。",
        )
    moment = now or datetime.now(UTC)
    target = ExportTarget(Path(out), now=moment)  # a wrong place is refused before the work
    tables = exported_tables()
    counts = {t.name: count_rows(session, t) for t in tables}
    sheet_counts = {s.file: s.count(session) for s in PEOPLE_SHEETS}
    steps = _Steps(progress, sum(counts.values()) + sum(sheet_counts.values()), lang)
    files: list[ExportedFile] = []
    with target:
        for table in tables:
            name = f"{table.name}.csv"
            on_batch = steps.start(name)
            with target.stream(name) as stream:
                result = write_table_csv(session, table, stream, on_batch)
            files.append(_entry(target.files[-1], table.name, result.rows, result.columns, False))
        for sheet in PEOPLE_SHEETS:
            on_batch = steps.start(sheet.file)
            with target.file_path(sheet.file) as path:
                rows = sheet.write(session, path, lang, on_batch)
            files.append(_entry(target.files[-1], rows.source, rows.rows, rows.columns, True))
        manifest = build_manifest(files, _schema_revision(session), moment, lang)
        with target.stream(MANIFEST) as stream:
            stream.write(json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
        if progress is not None:
            progress.check()  # a Cancel during the last file still leaves nothing
        place = target.finish()
    return ExportSummary(place, target.is_zip, files, manifest)
