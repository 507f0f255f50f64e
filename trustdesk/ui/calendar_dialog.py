"""File → Export calendar (.ics): where to, and an optional date range.

The calendar itself is written by ``services.calendar_export.export_ics`` (the same writer
as ``trustdesk export ics``), on the database worker.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trustdesk.ui.forms import FieldForm, show_refusal
from trustdesk.ui.i18n import current_language
from trustdesk.ui.ops import Ops, users_mistake

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _export(session: Session, path: Path, start: date | None, end: date | None, lang: str) -> int:
    from trustdesk.services import calendar_export  # loads icalendar: only when exporting

    return calendar_export.export_ics(session, path, start=start, end=end, lang=lang)


class CalendarExportDialog(QDialog):
    """``written`` holds (path, how many entries) once the file is saved."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.written: tuple[Path, int] | None = None
        self.setWindowTitle(self.tr("Export calendar"))
        self.setMinimumWidth(520)
        self.form = FieldForm()
        where = QWidget()
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        self.path = QLineEdit(str(Path.home() / "trustdesk.ics"))
        browse = QPushButton(self.tr("Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.form.add("path", self.tr("File"), where)
        self.start = self.form.add("start", self.tr("From (optional)"), QLineEdit())
        self.end = self.form.add("end", self.tr("To (optional)"), QLineEdit())
        for edit in (self.start, self.end):
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export calendar"), self.path.text(), self.tr("Calendar (*.ics)")
        )
        if chosen:
            self.path.setText(chosen)

    def _day(self, field: str, edit: QLineEdit) -> tuple[bool, date | None]:
        text = edit.text().strip()
        if not text:
            return True, None
        try:
            return True, date.fromisoformat(text)
        except ValueError:
            self.form.show_error(field, self.tr("Write the date as YYYY-MM-DD, e.g. 2026-12-31."))
            return False, None

    def accept(self) -> None:
        self.form.clear_errors()
        text = self.path.text().strip()
        if not text:
            self.form.show_error("path", self.tr("Choose where to save the calendar."))
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".ics":
            path = path.with_name(path.name + ".ics")
        ok_start, start = self._day("start", self.start)
        ok_end, end = self._day("end", self.end)
        if not (ok_start and ok_end):
            return
        self.setEnabled(False)
        self.ops.read(_export, path, start, end, current_language()).success(
            lambda count: self._written(path, count)
        ).failure(self._refused).run(self)

    def _written(self, path: Path, count: int) -> None:
        self.setEnabled(True)
        self.written = (path, count)
        super().accept()

    def _refused(self, error: BaseException) -> None:
        self.setEnabled(True)
        mistake = users_mistake(error)
        if mistake is None:
            self.ops.report_failure(error)
            return
        show_refusal([self.form], mistake, fallback="path")
