"""The Commitments tab: a customer's promises, with new, change status, approve, history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import BottomLine
from trustdesk.services import commitments, contacts, team_settings
from trustdesk.services.records import CommitmentChangeData, CommitmentData, ContactData
from trustdesk.ui.account.tab import AccountTab
from trustdesk.ui.commitments.dialogs import CommitmentDialog, StatusDialog
from trustdesk.ui.commitments.model import CommitmentTableModel
from trustdesk.ui.forms import fill_table, history_table
from trustdesk.ui.i18n import label
from trustdesk.ui.ops import Ops

COMMITMENT_KINDS = frozenset({"commitment", "commitment_change"})


def commitment_form(
    session: Any, account_id: str
) -> tuple[list[ContactData], dict[BottomLine, int]]:
    """What the New commitment dialog offers: the customer's people and the team's limits."""
    people = contacts.list_contacts(session, account_id)
    return people, {line: team_settings.bottom_line(session, line) for line in BottomLine}


def promise_table(model: CommitmentTableModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(model.columns.index("what"), QHeaderView.ResizeMode.Stretch)
    return table


class CommitmentsTab(AccountTab):
    """COM-1..3: what was promised to this customer, and what became of it."""

    KINDS = COMMITMENT_KINDS

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.model = CommitmentTableModel(self)
        self.table = promise_table(self.model)
        self.table.setObjectName("commitmentTable")
        self.table.selectionModel().selectionChanged.connect(self._on_selected)
        self.table.doubleClicked.connect(lambda _index: self.change_status())

        writable = not ops.store.read_only
        self.new_button = QPushButton(self.tr("New commitment…"))
        self.new_button.setObjectName("newCommitment")
        self.status_button = QPushButton(self.tr("Change status…"))
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.setObjectName("approveCommitment")
        self.new_button.clicked.connect(lambda: self.new_commitment())
        self.status_button.clicked.connect(lambda: self.change_status())
        self.approve_button.clicked.connect(self.approve_selected)
        self.new_button.setEnabled(writable)
        self.summary = QLabel()
        self.summary.setObjectName("commitmentSummary")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.status_button, self.approve_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)

        self.history = history_table(
            [
                self.tr("When"),
                self.tr("Changed by"),
                self.tr("From"),
                self.tr("To"),
                self.tr("Why"),
            ],
            4,
        )
        self.history.setObjectName("commitmentHistory")
        history_box = QGroupBox(self.tr("Status history of the selected promise"))
        QVBoxLayout(history_box).addWidget(self.history)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(history_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Commitments")

    def load(self) -> None:
        self.ops.read(commitments.list_commitments, account_id=self.account_id).success(
            self._show
        ).run(self, key="load")

    def _show(self, promises: list[CommitmentData]) -> None:
        chosen = self.selected()
        self.model.set_promises(promises)
        if chosen is not None:
            self.select(chosen.id)
        late = sum(p.overdue for p in promises)
        waiting = sum(p.needs_approval for p in promises)
        parts = []
        if late:
            parts.append(self.tr("{0} overdue").format(late))
        if waiting:
            parts.append(
                self.tr("1 needs approval")
                if waiting == 1
                else self.tr("{0} need approval").format(waiting)
            )
        self.summary.setText("  ·  ".join(parts))
        self._update_buttons()
        if self.selected() is None:
            fill_table(self.history, [])

    def selected(self) -> CommitmentData | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.promises[rows[0].row()] if rows else None

    def select(self, commitment_id: str) -> None:
        for row, p in enumerate(self.model.promises):
            if p.id == commitment_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        chosen = self.selected()
        writable = not self.ops.store.read_only
        self.status_button.setEnabled(writable and chosen is not None)
        self.approve_button.setEnabled(writable and chosen is not None and chosen.needs_approval)

    def _on_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()
        chosen = self.selected()
        if chosen is None:
            fill_table(self.history, [])
            return
        self.ops.read(commitments.history, chosen.id).success(self._show_history).run(
            self, key="history"
        )

    def _show_history(self, changes: list[CommitmentChangeData]) -> None:
        rows = [
            (
                c.changed_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                c.changed_by,
                label(c.from_status, "—"),
                label(c.to_status),
                c.reason,
            )
            for c in reversed(changes)  # newest first
        ]
        fill_table(self.history, rows)

    # --- writes --------------------------------------------------------------------------

    def new_commitment(self, *, contact_id: str | None = None, visit_id: str | None = None) -> None:
        """Open the New commitment dialog once the people and the limits are read."""
        account_id = self.account_id
        if account_id is None:
            return

        def show(form: tuple[list[ContactData], dict[BottomLine, int]]) -> None:
            people, limits = form
            dialog = CommitmentDialog(
                self.ops, account_id, people, limits, self, contact_id=contact_id, visit_id=visit_id
            )
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
                saved: CommitmentData = dialog.saved
                if saved.needs_approval:
                    text = self.tr("Promise saved; it is beyond a bottom line and needs approval.")
                else:
                    text = self.tr("Promise saved.")
                self.message.emit(text)

        self.ops.read(commitment_form, account_id).success(show).run(self)

    def change_status(self) -> None:
        chosen = self.selected()
        if chosen is None or self.ops.store.read_only:
            return
        dialog = StatusDialog(self.ops, chosen, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            saved: CommitmentData = dialog.saved
            self.message.emit(self.tr("The promise is now {0}.").format(label(saved.status)))

    def approve_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or not chosen.needs_approval:
            return
        self.ops.write(commitments.approve, chosen.id).success(
            lambda _saved: self.message.emit(self.tr("Promise approved."))
        ).run(self)
