"""File → Export everything…, File → Back up to…, and Export contacts (vCard)…

Each asks where with a file dialog, then runs on the window's database worker (``ops``):
the export as one read (one consistent snapshot) with progress and Cancel, the backup as file
work queued with the database work. The end is told in a message with what was written and
where; a place that cannot take it (read-only, full, missing) is one sentence from the
service, and nothing is left there.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from trustdesk.services.progress import Cancelled
from trustdesk.ui.i18n import current_language
from trustdesk.ui.ops import Ops

if TYPE_CHECKING:  # SQLAlchemy and openpyxl: loaded when an export runs
    from sqlalchemy.orm import Session

    from trustdesk.services.exporting.everything import ExportSummary
    from trustdesk.services.progress import Progress

_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def _export_all(
    session: Session, out: Path, lang: str, progress: Progress | None = None
) -> ExportSummary:
    from trustdesk.services.exporting.everything import export_all

    return export_all(session, out, lang=lang, progress=progress)


def _export_vcard(session: Session, out: Path, account_id: str) -> int:
    from trustdesk.services.exporting.vcard import export_vcard

    return export_vcard(session, out, account_id=account_id)


def _customer_name(session: Session, account_id: str) -> str:
    from trustdesk.services.accounts import load

    return load(session, account_id).name


def _backup(db_path: Path, out: Path) -> Path:
    from trustdesk.services import maintenance

    return maintenance.backup(db_path, out)


def file_name_for(name: str) -> str:
    """``name`` made fit for a file name on every system (a customer's name can hold "/")."""
    return _UNSAFE_IN_NAME.sub("_", name).strip(" .") or "contacts"


class ExportCommands(QObject):
    """The three commands of one window. ``message(str)`` for the status bar."""

    message = Signal(str)

    def __init__(self, ops: Ops, parent: QWidget) -> None:
        super().__init__(parent)
        self.ops = ops

    @property
    def _parent(self) -> QWidget:
        """The window or tab the dialogs belong to: Qt's parent, not a Python reference (one
        would keep a closed window's wrapper alive in a cycle)."""
        parent = self.parent()
        assert isinstance(parent, QWidget)
        return parent

    # --- everything ------------------------------------------------------------------------

    def export_everything(self) -> None:
        """Ask for a .zip (or a folder), then write every table, the spreadsheets and the
        manifest there."""
        stamp = datetime.now().strftime("%Y%m%d")
        zip_filter = self.tr("One ZIP file (*.zip)")
        folder_filter = self.tr("A new folder (*)")
        chosen, selected = QFileDialog.getSaveFileName(
            self._parent,
            self.tr("Export everything"),
            str(Path.home() / f"trustdesk-export-{stamp}.zip"),
            f"{zip_filter};;{folder_filter}",
            zip_filter,
        )
        if not chosen:
            return
        out = Path(chosen)
        if selected == zip_filter and out.suffix.lower() != ".zip":
            out = out.with_name(out.name + ".zip")
        self.ops.read(_export_all, out, current_language()).with_progress(
            self.tr("Exporting everything…")
        ).success(self._exported).failure(self._export_failed).run(self._parent)

    def _exported(self, summary: ExportSummary) -> None:
        customers, people = summary.sheet_rows("account"), summary.sheet_rows("contact")
        text = self.tr(
            "Exported {0} tables ({1} rows, deleted records included) and the spreadsheets "
            "of {2} customers and {3} contacts to:\n{4}"
        ).format(
            len(summary.tables),
            f"{summary.table_rows:,}",
            f"{customers:,}",
            f"{people:,}",
            summary.path,
        )
        self.message.emit(self.tr("Exported everything to {0}.").format(summary.path))
        QMessageBox.information(self._parent, self.tr("Export everything"), text)

    def _export_failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.message.emit(self.tr("Export cancelled; nothing was written."))
        else:
            self.ops.report_failure(error)

    # --- back up to -------------------------------------------------------------------------

    def back_up_to(self) -> None:
        """Ask for a file (a USB stick, a synced folder), then copy the database there as one
        file that ``trustdesk db restore`` accepts. An existing file is never overwritten."""
        db_path = self.ops.store.path
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        chosen, _ = QFileDialog.getSaveFileName(
            self._parent,
            self.tr("Back up to"),
            str(Path.home() / f"{db_path.stem}-backup-{stamp}.sqlite3"),
            self.tr("TrustDesk backup (*.sqlite3)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != ".sqlite3":
            out = out.with_name(out.name + ".sqlite3")
        self.ops.task(_backup, db_path, out).success(self._backed_up).run(self._parent)

    def _backed_up(self, path: Path) -> None:
        self.message.emit(self.tr("Backed up to {0}.").format(path))
        QMessageBox.information(
            self._parent,
            self.tr("Back up to"),
            self.tr(
                "The database was backed up to:\n{0}\n\nIt is one file. To restore it, run "
                "'trustdesk db restore {0}'."
            ).format(path),
        )

    # --- a customer's people as vCard -------------------------------------------------------

    def export_vcard(self, account_id: str) -> None:
        """Ask where, then write the customer's people as a .vcf for a phone."""
        self.ops.read(_customer_name, account_id).success(
            lambda name: self._ask_vcard(account_id, name)
        ).run(self._parent)

    def _ask_vcard(self, account_id: str, name: str) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self._parent,
            self.tr("Export contacts (vCard)"),
            str(Path.home() / f"{file_name_for(name)}.vcf"),
            self.tr("vCard (*.vcf)"),
        )
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != ".vcf":
            out = out.with_name(out.name + ".vcf")
        self.ops.read(_export_vcard, out, account_id).success(
            lambda count: self.message.emit(
                self.tr("Saved {0} contact cards of {1} to {2}.").format(count, name, out)
            )
        ).run(self._parent)
