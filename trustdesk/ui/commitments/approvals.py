"""Promises needing approval, across every customer (COM-2): the manager's list.

A promise beyond a bottom line stays here until approved or withdrawn.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trustdesk.services import commitments
from trustdesk.services.changes import Changes
from trustdesk.services.records import CommitmentData
from trustdesk.ui.commitments.model import CommitmentTableModel, stated
from trustdesk.ui.commitments.tab import COMMITMENT_KINDS, promise_table
from trustdesk.ui.ops import Ops


class ApprovalsDialog(QDialog):
    """``openRequested(account_id)`` when the user wants to see the customer."""

    openRequested = Signal(str)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(self.tr("Promises needing approval"))
        self.resize(900, 420)
        self.model = CommitmentTableModel(self, with_account=True)
        self.table = promise_table(self.model)
        self.table.setObjectName("approvalTable")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.empty = QLabel(self.tr("No promise is waiting for approval."))
        self.empty.setObjectName("noApprovals")
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.setObjectName("approveCommitment")
        self.approve_button.clicked.connect(self.approve_selected)
        self.open_button = QPushButton(self.tr("Open customer"))
        self.open_button.clicked.connect(self._open)
        row = QHBoxLayout()
        row.addWidget(self.detail, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.approve_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        ops.bus.changed.connect(self._on_changes)
        self._update()
        self.load()

    def load(self) -> None:
        self.ops.read(commitments.list_commitments, needs_approval=True).success(self._show).run(
            self, key="load"
        )

    def _show(self, promises: list[CommitmentData]) -> None:
        self.model.set_promises(promises)
        self.empty.setVisible(not promises)
        if promises:
            self.table.selectRow(0)
        self._update()

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(COMMITMENT_KINDS):
            self.load()

    def selected(self) -> CommitmentData | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.promises[rows[0].row()] if rows else None

    def _update(self) -> None:
        chosen = self.selected()
        self.approve_button.setEnabled(chosen is not None and not self.ops.store.read_only)
        self.open_button.setEnabled(chosen is not None)
        self.detail.setText("" if chosen is None else stated(chosen))

    def approve_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.ops.write(commitments.approve, chosen.id).run(self)

    def _open(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.openRequested.emit(chosen.account_id)
            self.accept()
