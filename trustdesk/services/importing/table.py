"""What reading an import file gives: a table of text cells, every row with the line it came
from, and the rows that could not be read with the reason (never dropped silently)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SourceFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    VCARD = "vcf"


@dataclass(frozen=True, slots=True)
class SourceRow:
    line: int  # 1-based line (CSV, vCard: the card's BEGIN line) or sheet row (XLSX)
    cells: tuple[str, ...]  # one per header, stripped; "" when empty


@dataclass(frozen=True, slots=True)
class UnreadRow:
    line: int
    text: str  # the raw text of the row, as far as it could be read (for the rejects file)
    reason_en: str
    reason_zh: str


@dataclass(slots=True)
class SourceTable:
    format: SourceFormat
    encoding: str  # the codec used ("utf-8-sig", "gb18030", "big5", "utf-16"; "" for XLSX)
    encoding_guessed: bool  # True when detected, False when the user named it
    headers: list[str]
    rows: list[SourceRow] = field(default_factory=list)
    unread: list[UnreadRow] = field(default_factory=list)
    encoding_candidates: list[str] = field(default_factory=list)  # for the preview's choice
