"""Every table as a CSV file: the whole of the data, as stored, for any other program.

Which tables: every table of the models' metadata (a table added later is exported without a
change here), except the derived search index, which TrustDesk rebuilds from the other
tables (``DERIVED``); SQLite's and alembic's own tables are not in the metadata at all. Every
row is written, soft-deleted ones included: ``deleted_at`` says which they are.

What each cell holds: the value as stored (ids, codes such as ``first-time``, 0/1 for
yes/no, JSON as its text, nothing for NULL), except that stored UTC moments are written as
ISO 8601 with their zone (``2026-03-01T08:30:00Z``). Columns SQLite computes (never stored)
are left out. The files are UTF-8 with a byte-order mark, so Excel and WPS open the Chinese
right, with CRLF line ends and a header row of column names.

Rows are streamed from SQLite through the driver, never a whole table in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from sqlalchemy import Table
from sqlalchemy.orm import Session

from trustdesk.db.base import Base, UTCDateTime
from trustdesk.db.prepared import on
from trustdesk.db.sync_capture import SYNC_BOOKKEEPING

# The search index: rebuilt from accounts and contacts (``trustdesk db reindex``), so not
# data of its own (its FTS5 tables are made by a migration and are not in the metadata); and
# the team sync's bookkeeping of this laptop (marks, shadows, outbox, its copy of conflicts).
DERIVED = frozenset({"search_doc", "search_account"}) | SYNC_BOOKKEEPING
ENCODING = "utf-8-sig"
BATCH = 5_000  # rows fetched at a time, and how often progress is told (and Cancel seen)


@dataclass(frozen=True, slots=True)
class TableRows:
    table: str
    columns: tuple[str, ...]
    rows: int


def exported_tables() -> list[Table]:
    """The tables an export writes, parents before children (the metadata's order)."""
    return [t for t in Base.metadata.sorted_tables if t.name not in DERIVED]


def stored_columns(table: Table) -> list[str]:
    """The columns SQLite stores, the key first (then the table's order)."""
    stored = [c for c in table.columns if c.computed is None]
    return [c.name for c in stored if c.primary_key] + [c.name for c in stored if not c.primary_key]


def count_rows(session: Session, table: Table) -> int:
    _, driver = on(session)
    return int(driver.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0])


def _selected(table: Table, name: str) -> str:
    """The column as written to the file: a stored UTC moment ("2026-03-01 08:30:00.000000")
    as ISO 8601 with its zone ("2026-03-01T08:30:00.000000Z"), worked out by SQLite (a third
    of the time of doing it per row in Python); text that already names a zone is kept."""
    quoted = f'"{name}"'
    if not isinstance(table.c[name].type, UTCDateTime):
        return quoted
    return (
        f"CASE WHEN {quoted} IS NULL OR {quoted} = '' OR {quoted} GLOB '*[Z+]*' "
        f"OR substr({quoted}, 11) GLOB '*-*' THEN {quoted} "
        f"ELSE replace({quoted}, ' ', 'T') || 'Z' END"
    )


def _batches(session: Session, table: Table, names: list[str]) -> Iterator[list[tuple[Any, ...]]]:
    _, driver = on(session)
    columns = ", ".join(_selected(table, n) for n in names)
    cursor = driver.cursor()
    try:
        cursor.execute(f'SELECT {columns} FROM "{table.name}"')
        while batch := cursor.fetchmany(BATCH):
            yield batch
    finally:
        cursor.close()


def write_table_csv(
    session: Session,
    table: Table,
    out: BinaryIO,
    on_batch: Callable[[int], None] | None = None,
) -> TableRows:
    """Write ``table`` as CSV to ``out``; ``on_batch(rows so far)`` after each batch (it may
    raise ``Cancelled``)."""
    names = stored_columns(table)
    written = 0
    with io.TextIOWrapper(out, encoding=ENCODING, newline="", write_through=False) as text:
        writer = csv.writer(text)
        writer.writerow(names)
        for batch in _batches(session, table, names):
            writer.writerows(batch)
            written += len(batch)
            if on_batch is not None:
                on_batch(written)
    return TableRows(table.name, tuple(names), written)
