"""A CSV (or tab-separated text) file as a ``SourceTable``.

The header is the first row with any text (the second when the first is a title: one cell
above a row of several), up to its last named column. A row with more cells than the header
keeps its place when the extra cells are empty (Excel and WPS end rows with commas) and is
listed as unread when they are not (the cells would have no column to go to); a shorter row
is padded with "". Rows with no text are skipped. A row's line is the physical line it
starts on, so a cell with line breaks inside quotes does not shift the rows after it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from trustdesk.services.importing.errors import ImportFileError, empty_file, file_error
from trustdesk.services.importing.headers import unique_headers
from trustdesk.services.importing.table import SourceFormat, SourceRow, SourceTable, UnreadRow
from trustdesk.services.importing.text_encoding import DecodedText
from trustdesk.services.progress import Progress

DELIMITERS = (",", "\t", ";")  # the first wins a tie: WPS and Excel write commas
SNIFF_ROWS = 50
PROGRESS_ROWS = 5000


def read_csv(path: Path, decoded: DecodedText, progress: Progress | None = None) -> SourceTable:
    text = decoded.text
    if "\x00" in text:  # stray zero bytes past the part the encoding guess looked at
        text = text.replace("\x00", "")
    delimiter, skip_line = _delimiter(text)
    table = SourceTable(
        format=SourceFormat.CSV,
        encoding=decoded.encoding,
        encoding_guessed=decoded.guessed,
        headers=[],
        encoding_candidates=list(decoded.candidates),
    )
    total = text.count("\n") + 1
    reader = _Rows(path, text, delimiter)
    width = 0
    named: list[bool] = []  # per column: did the header name it
    # A first row of one cell above a row of several is a title (客户联系人名单), not the header.
    maybe_title = False
    for line, end, cells in reader:
        if line <= skip_line or not any(cells):
            continue
        if not table.headers or (maybe_title and sum(1 for c in cells if c) > 1):
            width = _last_filled(cells)  # trailing empty header cells name no column
            table.headers = cells[:width]
            named = [bool(c) for c in table.headers]
            maybe_title = not maybe_title and sum(named) == 1
            continue
        maybe_title = False
        if len(cells) > width:
            if any(cells[width:]):
                count = _last_filled(cells)
                table.unread.append(_too_many(line, reader.raw(line, end), count, width))
                continue
            cells = cells[:width]
        elif len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        table.rows.append(SourceRow(line, tuple(cells)))
        if progress is not None and len(table.rows) % PROGRESS_ROWS == 0:
            progress.step(line, total)
    table.unread = sorted(table.unread + reader.unread, key=lambda u: u.line)
    if not table.headers:
        raise empty_file(path)
    table.headers = unique_headers(table.headers)  # letters of the columns as in the file
    _drop_unnamed_empty_columns(table, named)
    return table


def _last_filled(cells: list[str]) -> int:
    """How many cells up to the last with text."""
    return max((i + 1 for i, cell in enumerate(cells) if cell), default=0)


class _Rows:
    """The rows of the text with the line each starts on; a row whose quotes are broken is
    kept aside as unread, a quote never closed (the rest of the file swallowed into one cell)
    stops the reading with an ``ImportFileError``."""

    def __init__(self, path: Path, text: str, delimiter: str) -> None:
        self._path = path
        self._text = text
        self._delimiter = delimiter
        self._lines: list[str] | None = None
        self.unread: list[UnreadRow] = []

    def __iter__(self) -> Iterator[tuple[int, int, list[str]]]:
        reader = csv.reader(
            io.StringIO(self._text, newline=""), delimiter=self._delimiter, strict=True
        )
        end = 0
        while True:
            start = end + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                if "field larger" in str(e) or "end of data" in str(e):
                    raise self._unclosed(start) from None
                end = reader.line_num
                self.unread.append(self._bad_quotes(start, end))
                continue
            end = reader.line_num
            cells = [cell.strip() for cell in row]
            if end > start:  # line breaks inside cells as "\n", whatever the file's are
                cells = [cell.replace("\r\n", "\n") for cell in cells]
            yield start, end, cells

    def raw(self, start: int, end: int) -> str:
        """Physical lines ``start``..``end`` as in the file, without the last line break."""
        if self._lines is None:  # only when a row is unread: most files never need it
            self._lines = io.StringIO(self._text, newline="").readlines()
        return "".join(self._lines[start - 1 : end]).rstrip("\r\n")

    def _bad_quotes(self, start: int, end: int) -> UnreadRow:
        return UnreadRow(
            start,
            self.raw(start, end),
            "the quotation marks in this row are not closed properly",
            "此行的引号没有正确配对",
        )

    def _unclosed(self, line: int) -> ImportFileError:
        return file_error(
            self._path,
            f"{{name}} has a quotation mark in the row at line {line} that is never closed, so "
            "the rest of the file cannot be split into rows; close or remove that quotation "
            "mark and import the file again.",
            f"{{name}} 第 {line} 行开始的一行中有一个引号没有闭合，文件其余部分因此无法分成行；"
            "请补上或删去这个引号后重新导入。",
        )


def _delimiter(text: str) -> tuple[str, int]:
    """The delimiter and how many leading lines to skip: Excel's ``sep=;`` line says it,
    else the delimiter that splits the first rows into the most cells of the header's count."""
    first = text[:100].split("\n", 1)[0].strip()
    if first.lower().startswith("sep=") and len(first) == 5:
        return first[4], 1
    sample = text[: 64 * 1024]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rfind("\n")]
    best, best_score = DELIMITERS[0], (0, 0)
    for delimiter in DELIMITERS:
        score = _fit(sample, delimiter)
        if score > best_score:
            best, best_score = delimiter, score
    return best, 0


def _fit(sample: str, delimiter: str) -> tuple[int, int]:
    """(rows with as many cells as the header, header's cells) when the header has several."""
    rows: list[list[str]] = []
    for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
        if any(cell.strip() for cell in row):
            rows.append(row)
            if len(rows) == SNIFF_ROWS:
                break
    if not rows or len(rows[0]) < 2:
        return (0, 0)
    width = len(rows[0])
    return (sum(len(row) == width for row in rows), width)


def _drop_unnamed_empty_columns(table: SourceTable, named: list[bool]) -> None:
    """Columns with neither a header nor a value (姓名,,手机: an empty column between) go."""
    unnamed = [i for i, has_name in enumerate(named) if not has_name]
    if not unnamed:
        return
    empty = {i for i in unnamed if not any(row.cells[i] for row in table.rows)}
    if not empty:
        return
    keep = [i for i in range(len(named)) if i not in empty]
    table.headers = [table.headers[i] for i in keep]
    table.rows = [SourceRow(r.line, tuple(r.cells[i] for i in keep)) for r in table.rows]


def _too_many(line: int, text: str, cells: int, width: int) -> UnreadRow:
    return UnreadRow(
        line,
        text,
        f"{cells} cells where the header has {width}",
        f"有 {cells} 个单元格，而表头只有 {width} 列",
    )
