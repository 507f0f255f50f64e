"""Writing a visit report to a file: the format from the name, all or nothing.

The report is written to a hidden temporary file beside the target and renamed over it once
complete, so a cancel, an error or a crash never leaves half a document where the user
looks (and a document already there stays as it was). Qt is needed for the PDF and for the
map pictures, which the DOCX and PDF embed; the XLSX and CSV need neither.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from trustdesk.errors import ExportFileError, ValidationError
from trustdesk.services.progress import Progress
from trustdesk.services.visit_reports import ReportData, ReportScope, build_report

FORMATS = ("pdf", "docx", "xlsx", "csv")
Writer = Callable[[ReportData, Path, Progress | None], None]


def _writer(fmt: str) -> Writer:
    # Imported on demand: each format's library loads only when that format is written.
    if fmt == "pdf":
        from trustdesk.reports.report_pdf import write_pdf

        return write_pdf
    if fmt == "docx":
        from trustdesk.reports.report_docx import write_docx

        return write_docx
    if fmt == "xlsx":
        from trustdesk.reports.report_xlsx import write_xlsx

        return write_xlsx
    from trustdesk.reports.report_csv import write_csv

    return write_csv


def check_target(out: Path, fmt: str | None = None) -> tuple[Path, str]:
    """The absolute target and its format; refuses a format that does not match the file's
    name, a missing folder, a folder as the name, and a place that cannot be written."""
    out = Path(out).expanduser().absolute()
    suffix = out.suffix.lower().lstrip(".")
    if fmt is not None and fmt not in FORMATS:
        raise ValidationError(
            f"Unknown report format {fmt!r}; use pdf, docx, xlsx or csv.",
            "format",
            zh=f"未知的报告格式“{fmt}”；请用 pdf、docx、xlsx 或 csv。",
        )
    if suffix not in FORMATS:
        raise ValidationError(
            f"The file name {out.name!r} must end in .pdf, .docx, .xlsx or .csv.",
            "path",
            zh=f"文件名“{out.name}”必须以 .pdf、.docx、.xlsx 或 .csv 结尾。",
        )
    if fmt is not None and suffix != fmt:
        raise ValidationError(
            f"The format {fmt} does not match the file name {out.name!r}; name it .{fmt}.",
            "format",
            zh=f"格式 {fmt} 与文件名“{out.name}”不符；请用 .{fmt} 结尾。",
        )
    if not out.parent.is_dir():
        raise ExportFileError(
            f"The folder {out.parent} does not exist; create it first.",
            zh=f"文件夹 {out.parent} 不存在，请先创建。",
        )
    if out.is_dir():
        raise ExportFileError(
            f"{out} is a folder; give a file name.", zh=f"{out} 是一个文件夹，请给出文件名。"
        )
    if not os.access(out.parent, os.W_OK | os.X_OK) or (
        out.exists() and not os.access(out, os.W_OK)
    ):
        raise _cannot_write(out)
    return out, suffix


def write_report(data: ReportData, out: Path, progress: Progress | None = None) -> Path:
    """Write ``data`` to ``out`` in the format its suffix names; returns the full path."""
    target, fmt = check_target(out)
    try:
        handle, temp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
    except OSError as exc:
        raise _cannot_write(target) from exc
    os.close(handle)
    temp = Path(temp_name)
    try:
        _writer(fmt)(data, temp, progress)
        if progress is not None:
            progress.check()  # a cancel during the last page still leaves nothing
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _cannot_write(target) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def export_report(
    session: Session,
    scope: ReportScope,
    out: Path,
    *,
    lang: str = "zh",
    fmt: str | None = None,
    progress: Progress | None = None,
) -> Path:
    """Read and write a report in one unit of work: the GUI runs it on its database worker
    (drawing into images and PDF pages is safe off the GUI thread), the CLI directly."""
    check_target(out, fmt)  # before the long part: a wrong name fails at once
    data = build_report(session, scope, lang, progress=progress)
    return write_report(data, out, progress)


def _cannot_write(path: Path) -> ExportFileError:
    return ExportFileError(
        f"The report could not be written to {path}: check that the folder is writable and "
        "the disk is not full.",
        zh=f"无法把报告写入 {path}：请检查该文件夹是否可写、磁盘是否已满。",
    )
