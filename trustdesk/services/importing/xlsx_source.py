"""An Excel workbook (.xlsx) as a ``SourceTable``: the first visible sheet with any data.

Read with openpyxl in read-only mode (rows stream from the sheet's XML: 100,000 rows in
seconds, not the minutes and gigabyte a full load takes) and with the values Excel last
computed (``data_only``), never formula text. Cells come as the text the user sees:

- dates (numbers with a date format) as ``YYYY-MM-DD`` (with the time when there is one);
- whole numbers as digits (a phone 13800138000 typed as a number gives "13800138000",
  never "1.38E+10" or "13800138000.0"); booleans as TRUE and FALSE, as Excel shows them.

Merged cells. Read-only mode does not give a sheet's merged ranges, so they are read from
the sheet's XML by a byte search while it streams (``<mergeCell ref=…>``; a few tenths of a
second at 100,000 rows, see ``_merged_ranges``). A range over the header row names each of
its columns after the merged value (电话, 电话 (2)); a range that also covers the row below
makes a two-row header (联系方式 over 手机 | 电话 gives the columns 手机 and 电话). In the
rows below, every cell of a merged range holds the range's value: a company merged down
its three contacts belongs to each of them, as it does on screen.
"""

from __future__ import annotations

import itertools
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from trustdesk.services.importing.errors import ImportFileError, file_error
from trustdesk.services.importing.headers import unique_headers
from trustdesk.services.importing.table import SourceFormat, SourceRow, SourceTable, UnreadRow
from trustdesk.services.progress import Progress

PROGRESS_ROWS = 5000
MAX_HEADER_ROWS = 3
# Excel's built-in number formats 27-36 and 50-58 are the East Asian dates and times
# (yyyy"年"m"月"d"日" is 31); the workbook names them by number only and openpyxl does not
# know them as dates, so their serial numbers would come out as 45000.
CJK_DATE_FORMAT_IDS = frozenset(range(27, 37)) | frozenset(range(50, 59))
# What a damaged workbook makes openpyxl or zipfile raise: "the file is damaged".
BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    ParseError,
    InvalidFileException,
)
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+[0-9]+:[A-Za-z]+[0-9]+)"')

Merge = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row (1-based)
Row = tuple[int, list[str]]  # sheet row number, cell texts


def read_xlsx(path: Path, progress: Progress | None = None) -> SourceTable:
    with warnings.catch_warnings():  # openpyxl warns about styles it skips: nothing to say
        warnings.simplefilter("ignore")
        try:
            return _read(path, progress)
        except _Damaged:
            raise damaged(path) from None


class _Damaged(Exception):
    """Internal: openpyxl or zipfile failed on the file's content (not a bug of ours: only
    their calls are guarded, so our own mistakes still surface as bugs)."""


def damaged(path: Path) -> ImportFileError:
    return file_error(
        path,
        "{name} is a damaged or incomplete Excel workbook (it may have been cut off while "
        "copying); copy it again, or open it in Excel or WPS and save it again as .xlsx.",
        "{name} 是损坏或不完整的 Excel 工作簿（可能在复制时被截断），请重新复制，"
        "或用 Excel 或 WPS 打开后重新另存为 .xlsx。",
    )


def _read(path: Path, progress: Progress | None) -> SourceTable:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheets = list(workbook.worksheets)
    except BROKEN as e:
        raise _Damaged() from e
    try:
        _know_cjk_dates(workbook)
        sheets.sort(key=lambda ws: ws.sheet_state != "visible")
        for sheet in sheets:
            table = _read_sheet(path, sheet, progress)
            if table is not None:
                return table
    finally:
        workbook.close()
    raise file_error(
        path,
        "{name} has no data in any of its sheets; choose the workbook that holds the contacts.",
        "{name} 的所有工作表都没有数据，请选择存有联系人的工作簿。",
    )


def _read_sheet(path: Path, sheet: Any, progress: Progress | None) -> SourceTable | None:
    total = sheet.max_row or 0  # from the sheet's <dimension>, which may be wrong: only a hint
    sheet.reset_dimensions()  # read every row and column there is, whatever it says
    all_rows = _rows(sheet)
    first, again = _header_row(all_rows)
    if first is None:
        return None
    rows = itertools.chain(again, all_rows)
    header_line, header_cells = first
    merges = _merged_ranges(path, getattr(sheet, "_worksheet_path", ""))
    last_header = _last_header_row(header_line, merges)
    header_rows = [header_cells]
    for _ in range(last_header - header_line):
        header_rows.append(next(rows, (0, []))[1])
    fill = _Filler([m for m in merges if m[1] > last_header])
    headers = _header_names(header_line, header_rows, merges)
    width = len(headers)
    table = SourceTable(SourceFormat.XLSX, "", False, unique_headers(headers))
    for line, raw in rows:
        cells = fill.row(line, raw)
        if not any(cells):
            continue
        if len(cells) > width:
            if any(cells[width:]):
                last = max(i for i, cell in enumerate(cells) if cell) + 1
                table.unread.append(_too_many(line, cells[:last], width))
                continue
            cells = cells[:width]
        table.rows.append(SourceRow(line, tuple(cells) + ("",) * (width - len(cells))))
        if progress is not None and len(table.rows) % PROGRESS_ROWS == 0:
            progress.step(line, max(total, line))
    return table


def _header_row(rows: Iterator[Row]) -> tuple[Row | None, list[Row]]:
    """The first row with text, or the next one when the first is a title: one cell (often
    merged across the table: 客户联系人名单) above a row of several. Also gives the rows
    read to decide that are data, to be read again."""
    first = next(((n, c) for n, c in rows if any(c)), None)
    if first is None or sum(1 for c in first[1] if c) > 1:
        return first, []
    second = next(((n, c) for n, c in rows if any(c)), None)
    if second is None:
        return first, []
    if sum(1 for c in second[1] if c) > 1:
        return second, []
    return first, [second]


def _rows(sheet: Any) -> Iterator[tuple[int, list[str]]]:
    """(sheet row number, cell texts) for every row, empty ones included."""
    values = sheet.iter_rows(min_row=1, values_only=True)
    number = 0
    while True:
        try:
            row = next(values)
        except StopIteration:
            return
        except BROKEN as e:
            raise _Damaged() from e
        number += 1
        yield number, [cell_text(value) for value in row]


def cell_text(value: Any) -> str:
    """A cell's value as the text the user reads in it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


def _merged_ranges(path: Path, member: str) -> list[Merge]:
    """The sheet's merged ranges, from its XML's ``<mergeCell ref="A1:B2"/>`` elements.

    ``<mergeCells>`` comes after all the rows, so the whole XML is read; it is decompressed in
    1 MB pieces and searched as bytes, never parsed, which costs a fraction of reading the
    rows. (Opening the workbook in normal mode for its ``merged_cells`` would load every cell.)
    """
    if not member:
        return []
    member = member.lstrip("/")
    found: set[Merge] = set()
    try:
        with zipfile.ZipFile(path) as archive, archive.open(member) as xml:
            tail = b""
            while chunk := xml.read(1 << 20):
                data = tail + chunk
                if b"ergeCell" in data:
                    found.update(_bounds(ref) for ref in _MERGE.findall(data))
                tail = data[-300:]  # an element cut at a chunk's end is whole in the next
    except BROKEN as e:
        raise _Damaged() from e
    return sorted(found, key=lambda m: (m[1], m[0]))


def _bounds(ref: bytes) -> Merge:
    min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii"))
    return (min_col or 1, min_row or 1, max_col or 1, max_row or 1)


def _last_header_row(header_line: int, merges: Sequence[Merge]) -> int:
    """The header's last row: the header row, or the bottom of a range merged down from it
    (a two-row header), at most ``MAX_HEADER_ROWS`` rows."""
    bottoms = [m[3] for m in merges if m[1] <= header_line <= m[3]]
    return min(max([header_line, *bottoms]), header_line + MAX_HEADER_ROWS - 1)


def _header_names(line: int, rows: list[list[str]], merges: Sequence[Merge]) -> list[str]:
    """Per column, the lowest header text (a sub-heading under a merged heading), the
    merged value standing in each cell of its range."""
    width = max([len(r) for r in rows] + [m[2] for m in merges if m[1] <= line <= m[3]])
    grid = [r + [""] * (width - len(r)) for r in rows]
    for min_col, min_row, max_col, max_row in merges:
        top = min_row - line
        if top < 0 or top >= len(grid) or min_col > width:
            continue
        value = grid[top][min_col - 1]
        for r in range(top, min(max_row - line + 1, len(grid))):
            for c in range(min_col - 1, min(max_col, width)):
                grid[r][c] = grid[r][c] or value
    names = []
    for c in range(width):
        parts = [grid[r][c] for r in range(len(grid)) if grid[r][c]]
        names.append(parts[-1] if parts else "")
    while names and not names[-1]:
        names.pop()
    return names


class _Filler:
    """Gives the cells of merged ranges below the header their range's value, row by row."""

    def __init__(self, merges: list[Merge]) -> None:
        self._pending = sorted(merges, key=lambda m: m[1])
        self._active: list[tuple[Merge, str]] = []

    def row(self, line: int, cells: list[str]) -> list[str]:
        if not self._pending and not self._active:
            return cells
        while self._pending and self._pending[0][1] <= line:
            merge = self._pending.pop(0)
            col = merge[0] - 1
            self._active.append((merge, cells[col] if col < len(cells) else ""))
        self._active = [(m, v) for m, v in self._active if m[3] >= line]
        for (min_col, _, max_col, _), value in self._active:
            if not value:
                continue
            if len(cells) < max_col:
                cells = cells + [""] * (max_col - len(cells))
            for c in range(min_col - 1, max_col):
                cells[c] = cells[c] or value
        return cells


def _know_cjk_dates(workbook: Any) -> None:
    """Marks the styles using Excel's East Asian built-in date formats as dates (openpyxl
    keeps the style list and its date-style index in private attributes; without them, or
    when they change shape, such dates stay numbers)."""
    styles = getattr(workbook, "_cell_styles", None)
    dates = getattr(workbook, "_date_formats", None)
    if styles is None or not isinstance(dates, set):
        return
    for index, style in enumerate(styles):
        if getattr(style, "numFmtId", None) in CJK_DATE_FORMAT_IDS:
            dates.add(index)


def _too_many(line: int, cells: Sequence[str], width: int) -> UnreadRow:
    return UnreadRow(
        line,
        "\t".join(cells),
        f"{len(cells)} cells where the header has {width}",
        f"有 {len(cells)} 个单元格，而表头只有 {width} 列",
    )
