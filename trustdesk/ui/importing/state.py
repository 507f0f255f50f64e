"""What the pages of the import wizard share: the file read, the mapping chosen, the plan
looked at, the decisions taken and, at the end, what was imported."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trustdesk.services.importing.importer import ImportResult
    from trustdesk.services.importing.mapping import ImportField
    from trustdesk.services.importing.planning import Decision, NoCustomer
    from trustdesk.services.importing.review import ImportReview
    from trustdesk.services.importing.table import SourceTable

# The encodings offered on the preview page besides those the reader found plausible, and
# how each is named there (Python's codec names are not what a user knows).
COMMON_ENCODINGS = ("utf-8", "gb18030", "big5", "utf-16")
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "gb18030": "GB18030",
    "gbk": "GBK",
    "gb2312": "GB2312",
    "big5": "Big5",
    "cp950": "Big5 (CP950)",
    "big5hkscs": "Big5-HKSCS",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
}
PREVIEW_ROWS = 20


def encoding_name(codec: str) -> str:
    return ENCODING_NAMES.get(codec.lower(), codec.upper())


def encodings_offered(table: SourceTable) -> list[str]:
    """The one read with first, then the reader's other candidates, then the common ones."""
    out: list[str] = []
    for codec in (table.encoding, *table.encoding_candidates, *COMMON_ENCODINGS):
        if codec and codec.lower() not in out:
            out.append(codec.lower())
    return out


@dataclass(slots=True)
class ImportState:
    path: Path | None = None
    table: SourceTable | None = None
    mapping: list[ImportField] = field(default_factory=list)
    mapped_headers: list[str] = field(default_factory=list)  # the headers ``mapping`` is for
    no_customer: NoCustomer | None = None
    review: ImportReview | None = None
    decisions: dict[int, Decision] = field(default_factory=dict)  # by line, as chosen
    result: ImportResult | None = None

    def read(self, path: Path, table: SourceTable) -> None:
        """A file was read (or read again in another encoding): what came of the last one
        goes (a choice for line 12 was about that file's line 12), except the mapping, kept
        while the headers are the same."""
        self.path, self.table = path, table
        self.review, self.result = None, None
        self.decisions.clear()
        if table.headers != self.mapped_headers:
            self.mapping, self.mapped_headers = [], []

    def sample(self, column: int) -> str:
        """The first non-empty value of a column among the first rows."""
        table = self.table
        if table is None:
            return ""
        for row in table.rows[:PREVIEW_ROWS]:
            if column < len(row.cells) and row.cells[column]:
                return row.cells[column]
        return ""


def cells_text(values: Any) -> str:
    return " · ".join(str(v) for v in values if v)
