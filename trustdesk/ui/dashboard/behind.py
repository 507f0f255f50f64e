"""The customers behind a dashboard figure (DSH-1: every number clickable), in a window of
their own beside the main one: Enter or a double-click (``activated``) opens one, and the
list stays open so the user can work down it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from trustdesk.services.dashboard import customers_behind
from trustdesk.services.records import AccountRow
from trustdesk.ui.i18n import label
from trustdesk.ui.ops import Ops
from trustdesk.ui.visits.rows import Row, RowsModel, fit_columns, rows_table

SHOWN = 1000  # the service's limit: more than this says so


class CustomersBehindDialog(QDialog):
    """``openRequested(account_id)`` when the user opens a customer of the list."""

    openRequested = Signal(str)

    def __init__(self, ops: Ops, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.key = key
        self.rows: list[AccountRow] = []
        self.setObjectName("customersBehind")
        self.setWindowTitle(title)
        self.heading = QLabel(self.tr("Reading…"))
        self.heading.setWordWrap(True)
        self.model = RowsModel(
            [
                self.tr("Customer"),
                self.tr("Stage"),
                self.tr("Region"),
                self.tr("Owner"),
                self.tr("Next visit due"),
            ],
            self,
        )
        self.table = rows_table(self.model, "customersBehindList")
        self.table.activated.connect(self._open)
        hint = QLabel(self.tr("Enter or double-click opens the customer; this list stays open."))
        hint.setStyleSheet("color: #5f5f5f;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)  # Enter opens the customer; Escape closes the list
        close.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(720, 480)
        ops.read(customers_behind, key, limit=SHOWN).success(self._show).run(self, key="rows")

    def _show(self, rows: list[AccountRow]) -> None:
        self.rows = rows
        self.model.set_rows(
            [
                Row(
                    (
                        r.name,
                        label(r.stage),
                        r.region,
                        r.owner,
                        r.next_visit_due.isoformat() if r.next_visit_due else "",
                    ),
                    r.id,
                )
                for r in rows
            ]
        )
        fit_columns(self.table)
        if not rows:
            self.heading.setText(self.tr("No customers behind this figure."))
        elif len(rows) >= SHOWN:
            self.heading.setText(
                self.tr("The first {0} customers, by name.").format(f"{len(rows):,}")
            )
        elif len(rows) == 1:
            self.heading.setText(self.tr("1 customer."))
        else:
            self.heading.setText(self.tr("{0} customers, by name.").format(len(rows)))
        if rows:
            self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def account_ids(self) -> list[str]:
        """The customers listed, top to bottom (what the user sees)."""
        return [row.payload for row in self.model.rows]

    def _open(self, index: QModelIndex) -> None:
        account_id = self.model.payload(index)
        if account_id:
            self.openRequested.emit(account_id)
