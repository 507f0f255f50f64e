"""``read_source``: any import file (CSV, XLSX, vCard) as a ``SourceTable``; nothing written.

Which reader: what the file's first bytes are decides whenever they are sure (an .xlsx is a
zip holding ``xl/workbook.xml``; a vCard's text starts with BEGIN:VCARD), because a file's
name often lies (web systems export CSV named .xls; a renamed PDF). The name (or ``format``)
decides between CSV and vCard for other text. Files that are none of these are refused with
one sentence in each language saying what the file is and what to do: an old .xls or a
password-protected workbook, a PDF, a Word file, a picture, an archive, a web page, a damaged
workbook, an empty file, a file over ``MAX_FILE_BYTES``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from trustdesk.services.importing.csv_source import read_csv
from trustdesk.services.importing.errors import ImportFileError, empty_file, file_error
from trustdesk.services.importing.table import SourceFormat, SourceTable
from trustdesk.services.importing.text_encoding import decode_text
from trustdesk.services.importing.vcard import VCARD_HEADERS, read_vcard
from trustdesk.services.importing.xlsx_source import damaged, read_xlsx
from trustdesk.services.progress import Progress

__all__ = ["MAX_FILE_BYTES", "VCARD_HEADERS", "ImportFileError", "read_source", "sniff_format"]

MAX_FILE_BYTES = 200 * 1024 * 1024  # a contact list this big is not a contact list
EXTENSIONS = {
    ".csv": SourceFormat.CSV,
    ".txt": SourceFormat.CSV,
    ".tsv": SourceFormat.CSV,
    ".xlsx": SourceFormat.XLSX,
    ".xlsm": SourceFormat.XLSX,
    ".vcf": SourceFormat.VCARD,
    ".vcard": SourceFormat.VCARD,
}
HEAD_BYTES = 4096

# (what the first bytes start with, English, Chinese): files that are surely not contacts.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003, and any password-protected one
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (
        _OLE,
        "{name} is an old Excel 97-2003 workbook (.xls) or a password-protected one, which "
        "TrustDesk cannot read; open it in Excel or WPS and save it as .xlsx (without a "
        "password) or as CSV.",
        "{name} 是旧版 Excel 97-2003 工作簿（.xls）或设有密码的工作簿，TrustDesk 无法读取；"
        "请用 Excel 或 WPS 打开，另存为 .xlsx（不设密码）或 CSV。",
    ),
    (
        b"%PDF",
        "{name} is a PDF document, not a table of contacts; export the contacts from the "
        "program they come from as .xlsx, CSV or vCard.",
        "{name} 是 PDF 文档，不是联系人表格；请从原来的程序中把联系人导出为 .xlsx、CSV 或 vCard。",
    ),
    *(
        (
            magic,
            "{name} is a picture, not a table of contacts; choose the .xlsx, CSV or vCard "
            "file that holds them.",
            "{name} 是图片，不是联系人表格；请选择存有联系人的 .xlsx、CSV 或 vCard 文件。",
        )
        for magic in (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")
    ),
    *(
        (
            magic,
            "{name} is a compressed archive; unpack it first and import the .xlsx, CSV or "
            "vCard file inside.",
            "{name} 是压缩包，请先解压，再导入其中的 .xlsx、CSV 或 vCard 文件。",
        )
        for magic in (b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf\x27\x1c")
    ),
)


def read_source(
    path: Path,
    *,
    format: SourceFormat | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> SourceTable:
    """The file as a table of text cells, with the rows that could not be read.

    ``format`` overrides the file's extension (not its content: an .xlsx stays one);
    ``encoding`` (CSV, vCard) is used as given, strictly: a file it cannot decode raises.
    Raises ``ImportFileError`` when the file as a whole cannot be read; ``Cancelled`` from
    ``progress`` when the user cancels.
    """
    path = Path(path)
    _check_size(path)
    if progress is not None:
        progress.check()
    fmt = sniff_format(path, format)
    if fmt is SourceFormat.XLSX:
        return read_xlsx(path, progress)
    decoded = decode_text(_read_bytes(path), path, encoding)  # the bytes go once decoded
    if not decoded.text.strip():
        raise empty_file(path)
    if fmt is SourceFormat.VCARD:
        return read_vcard(path, decoded, progress)
    return read_csv(path, decoded, progress)


def sniff_format(path: Path, claimed: SourceFormat | None = None) -> SourceFormat:
    """The reader for the file: its first bytes when they are sure, else ``claimed``, else
    its extension, else CSV. Raises ``ImportFileError`` for what no reader takes."""
    head = _head(path)
    for magic, en, zh in _MAGIC:
        if head.startswith(magic):
            raise file_error(path, en, zh)
    if head.startswith(b"PK"):
        return _zip_kind(path)
    text = _head_text(head)
    if text.startswith("begin:vcard") and claimed is not SourceFormat.CSV:
        return SourceFormat.VCARD
    if text.startswith(("<!doctype html", "<html", "<table", "<?xml")):
        raise file_error(
            path,
            "{name} is a web page or XML file saved under a spreadsheet's name; open it in "
            "Excel or WPS and save it as .xlsx or CSV.",
            "{name} 是以表格文件名保存的网页或 XML 文件；请用 Excel 或 WPS 打开，"
            "另存为 .xlsx 或 CSV。",
        )
    chosen = claimed or EXTENSIONS.get(path.suffix.lower(), SourceFormat.CSV)
    if chosen is SourceFormat.XLSX:  # text named .xlsx: a CSV under the wrong name
        return SourceFormat.CSV
    return chosen


def _zip_kind(path: Path) -> SourceFormat:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError):
        raise damaged(path) from None
    if "xl/workbook.xml" in names:
        return SourceFormat.XLSX
    if "word/document.xml" in names:
        en = (
            "{name} is a Word document, not a table of contacts; copy the table into Excel "
            "or WPS and save it as .xlsx or CSV."
        )
        zh = (
            "{name} 是 Word 文档，不是联系人表格；"
            "请把表格复制到 Excel 或 WPS 中，另存为 .xlsx 或 CSV。"
        )
    elif "content.xml" in names:
        en = (
            "{name} is an OpenDocument file, which TrustDesk cannot read; open it and save "
            "it as .xlsx or CSV."
        )
        zh = "{name} 是 OpenDocument 文件，TrustDesk 无法读取；请打开它，另存为 .xlsx 或 CSV。"
    else:
        en = (
            "{name} is a compressed archive; unpack it first and import the .xlsx, CSV or "
            "vCard file inside."
        )
        zh = "{name} 是压缩包，请先解压，再导入其中的 .xlsx、CSV 或 vCard 文件。"
    raise file_error(path, en, zh)


def _head_text(head: bytes) -> str:
    """The first bytes as lower-case text without a byte-order mark, for sniffing."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    elif len(head) > 1 and head[1:2] == b"\x00":
        text = head[: len(head) // 2 * 2].decode("utf-16-le", errors="replace")
    elif head[:1] == b"\x00":
        text = head[: len(head) // 2 * 2].decode("utf-16-be", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace")
    return text.lstrip("\ufeff \t\r\n").lower()


def _check_size(path: Path) -> None:
    try:
        if path.is_dir():
            raise file_error(
                path,
                "{name} is a folder, not a file; choose the file to import inside it.",
                "{name} 是文件夹，不是文件；请选择其中要导入的文件。",
            )
        size = path.stat().st_size
    except FileNotFoundError:
        raise file_error(
            path,
            "{name} was not found; check the file's name and folder.",
            "找不到文件 {name}，请检查文件名和所在文件夹。",
        ) from None
    except OSError:
        raise _unreadable(path) from None
    if size == 0:
        raise empty_file(path)
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        shown = f"{size / (1024 * 1024):,.0f} MB"
        raise file_error(
            path,
            f"{{name}} is {shown}, more than the {limit} MB TrustDesk imports at once; split "
            "it into smaller files and import them one after another.",
            f"{{name}} 有 {shown}，超过 TrustDesk 一次可导入的 {limit} MB；"
            "请把它拆成几个较小的文件，逐个导入。",
        )


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(HEAD_BYTES)
    except OSError:
        raise _unreadable(path) from None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        raise _unreadable(path) from None


def _unreadable(path: Path) -> ImportFileError:
    return file_error(
        path,
        "{name} cannot be opened for reading (no permission, or the disk is not there); copy "
        "it to a folder of your own and import it from there.",
        "无法打开 {name} 进行读取（没有权限，或所在磁盘不可用）；"
        "请把它复制到自己的文件夹后再从那里导入。",
    )
