"""The one error of reading an import file: the file as a whole cannot be read.

A row that cannot be read is not an error: it becomes an ``UnreadRow`` and the other rows go
on. ``ImportFileError`` is for the file itself (empty, binary, cut off, too big, an old
``.xls``, an encoding that does not fit): one sentence in each language saying what is wrong
with which file and what to do, and nothing is imported.
"""

from __future__ import annotations

from pathlib import Path

from trustdesk.errors import TrustDeskError


class ImportFileError(TrustDeskError):
    """The import file cannot be read at all; ``path`` names it."""

    def __init__(self, message: str, *, zh: str, path: Path) -> None:
        super().__init__(message, zh=zh)
        self.path = path


def file_error(path: Path, en: str, zh: str) -> ImportFileError:
    """``en``/``zh`` have ``{name}`` where the file's name goes (the name, not the whole path:
    the sentence stays short in a dialog and the folder is the user's own business)."""
    return ImportFileError(en.format(name=path.name), zh=zh.format(name=path.name), path=path)


def empty_file(path: Path) -> ImportFileError:
    return file_error(
        path,
        "{name} is empty; choose the file that holds the contacts.",
        "{name} 是空文件，请选择存有联系人的文件。",
    )
