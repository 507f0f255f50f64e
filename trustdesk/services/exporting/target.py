"""Where an export goes: a folder, a .zip, or a single file, complete or not at all.

Everything is written under a hidden temporary name beside the place asked for (``.name.…
.part``) and renamed to it only once complete, so a failure, a full disk or Cancel leaves no
half export where the user looks, and a previous export stays as it was. A folder that already
holds files (a USB stick's top folder, say) gets a new dated folder inside it rather than
files mixed into what is there. What is made is private to the user (folders 0700, files
0600): it holds every customer's data.

Each file's size and SHA-256 are worked out while it is written (for a .zip: of the file as it
comes out of the archive), for the manifest. A file-system failure becomes one sentence
(``ExportFileError``) naming the place and what to do: full, read-only, or another disk
problem; the log gets the error number only.
"""

from __future__ import annotations

import errno
import hashlib
import io
import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from trustdesk.errors import ExportFileError

log = logging.getLogger("trustdesk.export")

CHUNK = 1 << 20
DATED_PREFIX = "trustdesk-export-"


@dataclass(frozen=True, slots=True)
class WrittenFile:
    name: str  # inside the folder or the archive
    size: int  # bytes
    sha256: str  # hex digest of the content


# --- sentences ------------------------------------------------------------------------------

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def cannot_write(place: Path, exc: OSError | None = None) -> ExportFileError:
    """The sentence for a failure to write at ``place`` (a folder or a file)."""
    code = exc.errno if exc is not None else errno.EACCES
    log.warning("export could not be written: errno %s", code)
    if code in _FULL:
        return ExportFileError(
            f"Nothing was exported: the disk holding {place} is full. Free some space or "
            "choose another place.",
            zh=f"未导出任何内容：{place} 所在的磁盘已满。请清理空间或另选位置。",
        )
    if code in _READ_ONLY:
        return ExportFileError(
            f"Nothing was exported: {place} cannot be written (it is read-only, or you have "
            "no permission there). Choose another place.",
            zh=f"未导出任何内容：无法写入 {place}（只读或没有权限）。请另选位置。",
        )
    return ExportFileError(
        f"Nothing was exported: writing to {place} failed (a disk or file problem). Check "
        "that the disk is still connected, then try again.",
        zh=f"未导出任何内容：写入 {place} 失败（磁盘或文件问题）。请确认磁盘仍已连接，然后重试。",
    )


def _no_folder(folder: Path) -> ExportFileError:
    return ExportFileError(
        f"The folder {folder} does not exist; create it first.",
        zh=f"文件夹 {folder} 不存在，请先创建。",
    )


def check_file_place(path: Path) -> Path:
    """The absolute ``path`` of a single file to write, refused at once (before any long
    work) when its folder is missing, it is a folder, or it cannot be written."""
    path = Path(path).expanduser().absolute()
    if not path.parent.is_dir():
        raise _no_folder(path.parent)
    if path.is_dir():
        raise ExportFileError(
            f"{path} is a folder; give a file name.", zh=f"{path} 是一个文件夹，请给出文件名。"
        )
    if not os.access(path.parent, os.W_OK | os.X_OK) or (
        path.exists() and not os.access(path, os.W_OK)
    ):
        raise cannot_write(path.parent)
    return path


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary stream that becomes ``path`` (replacing what was there) when the block ends
    without an error; otherwise nothing is left behind."""
    target = check_file_place(path)
    try:
        handle, temp = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
    except OSError as exc:
        raise cannot_write(target.parent, exc) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise cannot_write(target.parent, exc) from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --- a folder or an archive -----------------------------------------------------------------


class _Hashing(io.RawIOBase):
    """Passes bytes on to ``sink``, counting and hashing them."""

    def __init__(self, sink: BinaryIO) -> None:
        super().__init__()
        self._sink = sink
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self._sink.write(data)
        self.digest.update(data)
        self.size += len(data)
        return len(data)


def _hash_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def _private_file(path: Path) -> BinaryIO:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(fd, "wb")


def plan_target(out: Path, now: datetime | None = None) -> tuple[Path, bool]:
    """(the place the export will have, whether it is a .zip) for ``out`` as the user gave
    it; refuses a missing folder, a file that is not a .zip, a place that cannot be written.

    An existing folder with files in it gets ``trustdesk-export-<local date-time>`` inside;
    an existing empty folder, or a new name, is the export folder itself."""
    out = Path(out).expanduser().absolute()
    if out.is_dir():
        if not os.access(out, os.W_OK | os.X_OK):
            raise cannot_write(out)
        if next(out.iterdir(), None) is None:
            return out, False
        stamp = (now or datetime.now()).astimezone().strftime("%Y%m%d-%H%M%S")
        dated, n = out / f"{DATED_PREFIX}{stamp}", 2
        while dated.exists():
            dated, n = out / f"{DATED_PREFIX}{stamp}-{n}", n + 1
        return dated, False
    if not out.parent.is_dir():
        raise _no_folder(out.parent)
    is_zip = out.suffix.lower() == ".zip"
    if out.exists() and not is_zip:
        raise ExportFileError(
            f"{out} is a file; give a folder, or a file name ending in .zip.",
            zh=f"{out} 是一个文件；请给出文件夹，或以 .zip 结尾的文件名。",
        )
    if not os.access(out.parent, os.W_OK | os.X_OK) or (
        out.exists() and not os.access(out, os.W_OK)
    ):
        raise cannot_write(out.parent)
    return out, is_zip


class ExportTarget:
    """The files of one export, in a folder or a .zip. Use as a context manager: leaving it
    with an error (Cancel included) removes everything written; ``finish()`` renames the
    complete export to its place and returns it.

        with ExportTarget(out) as target:
            with target.stream("account.csv") as f: ...
            with target.file_path("customers.xlsx") as path: workbook.save(path)
            place = target.finish()
    """

    def __init__(self, out: Path, *, now: datetime | None = None) -> None:
        self.path, self.is_zip = plan_target(out, now)
        self.files: list[WrittenFile] = []
        self._temp: Path | None = None  # the folder, or the archive, under its temporary name
        self._zip: zipfile.ZipFile | None = None
        self._scratch: Path | None = None  # where whole files are made before going into a zip
        self._finished = False

    # --- opening and closing -------------------------------------------------------------

    def __enter__(self) -> ExportTarget:
        parent = self.path.parent
        try:
            if self.is_zip:
                handle, name = tempfile.mkstemp(
                    dir=parent, prefix=f".{self.path.name}.", suffix=".part"
                )
                self._temp = Path(name)
                self._zip = zipfile.ZipFile(
                    os.fdopen(handle, "wb"), "w", zipfile.ZIP_DEFLATED, allowZip64=True
                )
                self._scratch = Path(tempfile.mkdtemp(prefix="trustdesk-export-"))
            else:
                self._temp = Path(
                    tempfile.mkdtemp(dir=parent, prefix=f".{self.path.name}.", suffix=".part")
                )
        except OSError as exc:
            self._discard()
            raise cannot_write(parent, exc) from exc
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is None and self._finished:
            return
        self._discard()
        if isinstance(exc, OSError):
            raise cannot_write(self.path.parent, exc) from exc

    def _discard(self) -> None:
        """Remove whatever this export wrote (never anything it did not make)."""
        if self._zip is not None:
            fp = self._zip.fp
            with suppress(OSError, ValueError, zipfile.BadZipFile):
                self._zip.close()
            if fp is not None:
                fp.close()
            self._zip = None
        if self._temp is not None:
            if self._temp.is_dir():
                shutil.rmtree(self._temp, ignore_errors=True)
            else:
                self._temp.unlink(missing_ok=True)
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    def finish(self) -> Path:
        """Close and rename the complete export to its place; returns the place."""
        assert self._temp is not None
        if self._zip is not None:
            fp = self._zip.fp
            self._zip.close()
            assert fp is not None
            fp.flush()
            os.fsync(fp.fileno())
            fp.close()
            self._zip = None
            os.replace(self._temp, self.path)
        else:
            if self.path.is_dir():  # the empty folder the user chose
                self.path.rmdir()
            os.rename(self._temp, self.path)
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
        self._finished = True
        return self.path

    # --- writing files -------------------------------------------------------------------

    @contextmanager
    def stream(self, name: str) -> Iterator[BinaryIO]:
        """An unbuffered binary stream for the file ``name``, hashed as it is written (wrap
        it in ``io.TextIOWrapper``, which buffers, for text)."""
        assert self._temp is not None
        if self._zip is not None:
            info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            sink: BinaryIO = self._zip.open(info, "w", force_zip64=True)  # type: ignore[assignment]
        else:
            sink = _private_file(self._temp / name)
        hashing = _Hashing(sink)
        try:
            yield hashing  # type: ignore[misc]
            if self._zip is None:
                sink.flush()
                os.fsync(sink.fileno())
        finally:
            # Closed first: a text wrapper the caller dropped on an error then writes nothing
            # more when it is collected (the sink below is gone by then).
            hashing.close()
            sink.close()
        self.files.append(WrittenFile(name, hashing.size, hashing.digest.hexdigest()))

    @contextmanager
    def file_path(self, name: str) -> Iterator[Path]:
        """A path where a library writes the whole file ``name`` (a workbook); it joins the
        export when the block ends."""
        assert self._temp is not None
        folder = self._scratch if self._scratch is not None else self._temp
        path = folder / name
        yield path
        size, digest = _hash_file(path)
        if self._zip is not None:
            self._zip.write(path, name)
            path.unlink()
        else:
            os.chmod(path, 0o600)
        self.files.append(WrittenFile(name, size, digest))
