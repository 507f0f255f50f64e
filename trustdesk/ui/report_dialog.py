"""Export report (VIS-4): scope, period, which customers, format, language, where to.

The report is read and written by ``reports.report_files.export_report`` (the same code as
``trustdesk report``) on the database worker, with the operation helper's progress dialog
and its Cancel; a cancelled export leaves no file. Once written, the dialog offers to open
the file or its folder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import Stage
from trustdesk.services.progress import Cancelled
from trustdesk.ui.forms import FieldForm, enum_combo, show_refusal
from trustdesk.ui.i18n import current_language
from trustdesk.ui.ops import Ops, users_mistake

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from trustdesk.services.progress import Progress
    from trustdesk.services.visit_reports import ReportScope

FORMATS = ("pdf", "docx", "xlsx", "csv")


def _export(
    session: Session, scope: ReportScope, out: Path, lang: str, fmt: str, progress: Progress
) -> Path:
    # Imported on the worker when exporting: the writers load Qt's PDF, python-docx, openpyxl.
    from trustdesk.reports.report_files import export_report

    return export_report(session, scope, out, lang=lang, fmt=fmt, progress=progress)


def open_path(path: Path) -> None:
    """Open a file or folder in the desktop's program for it (a seam for tests)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ReportDialog(QDialog):
    """``written`` is the report's path once saved. Scopes offered: the visit and the
    customer it was opened for (when given), and the portfolio."""

    def __init__(
        self,
        ops: Ops,
        parent: QWidget | None = None,
        *,
        account_id: str | None = None,
        account_name: str = "",
        visit_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.account_id, self.visit_id = account_id, visit_id
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Export report"))
        self.setMinimumWidth(560)
        self.form = FieldForm()

        self.scope = self.form.add("scope", self.tr("Report on"), QComboBox())
        if visit_id is not None:
            self.scope.addItem(self.tr("This visit"), "visit")
        if account_id is not None:
            name = account_name or self.tr("this customer")
            self.scope.addItem(self.tr("{0}, over the period").format(name), "account")
        self.scope.addItem(self.tr("All customers visited in the period"), "portfolio")
        today = QDate.currentDate()
        self.start = self.form.add(
            "start", self.tr("From"), self._date(today.addDays(1 - today.day()))
        )
        self.end = self.form.add("end", self.tr("To"), self._date(today))
        self.stage = self.form.add(
            "stage", self.tr("Only stage"), enum_combo(Stage, self.tr("Any"))
        )
        self.tag = self.form.add("tag", self.tr("Only tag"), QLineEdit())
        self.owner = self.form.add("owner", self.tr("Only owner"), QLineEdit())
        for edit in (self.tag, self.owner):
            edit.setPlaceholderText(self.tr("Any"))
        self.format = self.form.add("format", self.tr("Format"), QComboBox())
        for fmt, caption in zip(
            FORMATS,
            (
                self.tr("PDF document"),
                self.tr("Word document (.docx)"),
                self.tr("Excel workbook (.xlsx)"),
                self.tr("CSV, one row per visit"),
            ),
            strict=True,
        ):
            self.format.addItem(caption, fmt)
        self.lang = self.form.add("lang", self.tr("Report language"), QComboBox())
        self.lang.addItem("中文", "zh")
        self.lang.addItem("English", "en")
        self.lang.setCurrentIndex(0 if current_language() == "zh" else 1)

        where = QWidget()
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        name = self.tr("report")
        self.path = QLineEdit(str(Path.home() / f"{name}-{date.today().isoformat()}.pdf"))
        browse = QPushButton(self.tr("Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.form.add("path", self.tr("Save as"), where)

        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.open_file = QPushButton(self.tr("Open file"))
        self.open_folder = QPushButton(self.tr("Open folder"))
        self.open_file.clicked.connect(lambda: self.written and open_path(self.written))
        self.open_folder.clicked.connect(lambda: self.written and open_path(self.written.parent))
        done = QHBoxLayout()
        done.addWidget(self.done_label, 1)
        done.addWidget(self.open_file)
        done.addWidget(self.open_folder)
        self.done_box = QWidget()
        self.done_box.setLayout(done)
        self.done_box.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.done_box)
        layout.addWidget(self.buttons)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._scope_changed()

    def _date(self, day: QDate) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _scope_changed(self) -> None:
        kind = self.scope.currentData()
        self.start.setEnabled(kind != "visit")
        self.end.setEnabled(kind != "visit")
        for narrowing in (self.stage, self.tag, self.owner):
            narrowing.setEnabled(kind == "portfolio")

    def _format_changed(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(f".{self.format.currentData()}")))

    def browse(self) -> None:
        fmt = self.format.currentData()
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export report"), self.path.text(), f"{fmt.upper()} (*.{fmt})"
        )
        if chosen:
            self.path.setText(chosen)

    @staticmethod
    def _day(edit: QDateEdit) -> date:
        d = edit.date()
        return date(d.year(), d.month(), d.day())

    def scope_value(self) -> ReportScope:
        from trustdesk.services.visit_reports import ReportScope

        kind = self.scope.currentData()
        if kind == "visit":
            return ReportScope("visit", self.visit_id)
        start, end = self._day(self.start), self._day(self.end)
        if kind == "account":
            return ReportScope("account", self.account_id, start, end)
        return ReportScope(
            "portfolio", None, start, end, stage=self.stage.currentData(),
            tag=self.tag.text().strip() or None, owner=self.owner.text().strip() or None,
        )  # fmt: skip

    def export(self) -> None:
        self.form.clear_errors()
        text = self.path.text().strip()
        if not text:
            self.form.show_error("path", self.tr("Choose where to save the report."))
            return
        fmt = self.format.currentData()
        path = Path(text).expanduser()
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(f"{path.name}.{fmt}")
            self.path.setText(str(path))
        self.setEnabled(False)
        self.ops.read(
            _export, self.scope_value(), path, self.lang.currentData(), fmt
        ).with_progress(self.tr("Exporting the report…")).success(self._written).failure(
            self._refused
        ).run(self)

    def _written(self, path: Path) -> None:
        self.setEnabled(True)
        self.written = path
        self.form.setEnabled(False)
        self.done_label.setText(self.tr("Saved {0}.").format(path))
        self.done_box.show()
        self.export_button.hide()
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        close.setText(self.tr("Close"))
        self.open_file.setFocus()

    def _refused(self, error: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(error, Cancelled):
            self.form.show_error("path", self.tr("Cancelled; no file was written."))
            return
        mistake = users_mistake(error)
        if mistake is None:
            self.ops.report_failure(error)
            return
        show_refusal([self.form], mistake, fallback="path")


def open_report_dialog(
    ops: Ops,
    parent: QWidget | None,
    *,
    account_id: str | None = None,
    account_name: str = "",
    visit_id: str | None = None,
) -> Path | None:
    """Show the dialog; the report's path when one was written."""
    dialog = ReportDialog(
        ops, parent, account_id=account_id, account_name=account_name, visit_id=visit_id
    )
    dialog.exec()
    return dialog.written
