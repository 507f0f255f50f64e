"""The contact dialog's care dates (seed 004, 情感关怀): personal dates to remember about the
person — a child's exam, an anniversary — each raising a reminder in the Visits section a few
days ahead, as birthdays do. Added and removed at once (not with the dialog's Save)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trustdesk.services import care_dates
from trustdesk.services.care_dates import CareDateData
from trustdesk.ui.forms import ERROR_STYLE, fill_table, history_table
from trustdesk.ui.i18n import error_text
from trustdesk.ui.ops import Ops, users_mistake


class CareDatesBox(QGroupBox):
    def __init__(self, ops: Ops, contact_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Care dates"), parent)
        self.ops = ops
        self.contact_id = contact_id
        self.rows: list[CareDateData] = []
        self.table = history_table([self.tr("Date"), self.tr("What to remember")], 1, 3)
        self.table.setObjectName("careDates")
        self.day = QLineEdit()
        self.day.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.day.setMaximumWidth(110)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. daughter's exam"))
        self.yearly = QCheckBox(self.tr("Every year"))
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        entry = QHBoxLayout()
        for widget in (self.day, self.note, self.yearly, self.add_button, self.remove_button):
            entry.addWidget(widget, 1 if widget is self.note else 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(entry)
        layout.addWidget(self.error)
        writable = contact_id is not None and not ops.store.read_only
        for widget in (self.day, self.note, self.yearly, self.add_button, self.remove_button):
            widget.setEnabled(writable)
        if contact_id is None:
            self.note.setPlaceholderText(self.tr("Save the person first"))
        else:
            self.reload()

    def reload(self) -> None:
        assert self.contact_id is not None
        self.ops.read(care_dates.list_care_dates, self.contact_id).success(self._show).run(
            self, key="care"
        )

    def _show(self, rows: list[CareDateData]) -> None:
        self.rows = rows
        every = self.tr("every year")
        fill_table(
            self.table,
            [(r.day.isoformat() + (f" ({every})" if r.yearly else ""), r.note) for r in rows],
        )

    def add(self) -> None:
        assert self.contact_id is not None
        self.error.hide()
        self.ops.write(
            care_dates.add_care_date,
            self.contact_id,
            self.day.text(),
            self.note.text(),
            yearly=self.yearly.isChecked(),
        ).success(self._added).failure(self._refused).run(self)

    def _added(self, _made: CareDateData) -> None:
        self.day.clear()
        self.note.clear()
        self.yearly.setChecked(False)
        self.reload()

    def remove(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        self.ops.write(care_dates.delete_care_date, self.rows[row].id).success(
            lambda _none: self.reload()
        ).failure(self._refused).run(self)

    def _refused(self, error: BaseException) -> None:
        mistake = users_mistake(error)
        if mistake is None:
            self.ops.report_failure(error)
            return
        self.error.setText(error_text(mistake))
        self.error.show()
