"""Complaints tab (CMP-1..3, TCH-2): the customer's failure and recovery history in one
sentence (the three-chances rule), its complaints with both timers, and the good service
delivered to it this year."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trustdesk.services import accounts, complaints, service_log
from trustdesk.services.records import (
    AccountData,
    ComplaintData,
    FailureHistory,
    ServiceRecordData,
)
from trustdesk.ui.account.tab import AccountTab
from trustdesk.ui.complaints import actions, texts
from trustdesk.ui.complaints.dialog import open_new_complaint
from trustdesk.ui.complaints.feedback import ServiceRecordDialog
from trustdesk.ui.i18n import current_language, label
from trustdesk.ui.ops import Ops
from trustdesk.ui.visits.rows import LATE, QUIET, Row, RowsModel, fit_columns, rows_table


class ComplaintsTab(AccountTab):
    KINDS = frozenset({"complaint", "service", "account", "stage", "contact"})

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.history: FailureHistory | None = None
        self.count = 0
        self.sentence = QLabel()
        self.sentence.setObjectName("failureHistory")
        self.sentence.setWordWrap(True)
        writable = not ops.store.read_only
        self.new_button = QPushButton(self.tr("&New complaint…"))
        self.respond_button = QPushButton(self.tr("&Respond…"))
        self.resolve_button = QPushButton(self.tr("Resol&ve…"))
        self.link_button = QPushButton(self.tr("Link to an &improvement…"))
        self.service_button = QPushButton(self.tr("Record the good service &delivered…"))
        self.new_button.clicked.connect(self.new_complaint)
        self.respond_button.clicked.connect(lambda: self._on_selected(actions.respond))
        self.resolve_button.clicked.connect(lambda: self._on_selected(actions.resolve))
        self.link_button.clicked.connect(lambda: self._on_selected(actions.link_improvement))
        self.service_button.clicked.connect(self.record_service)
        self.new_button.setEnabled(writable)
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.respond_button,
            self.resolve_button,
            self.link_button,
            self.service_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.model = RowsModel(
            [
                self.tr("Received"),
                self.tr("Severity"),
                self.tr("Channel"),
                self.tr("Complaint"),
                self.tr("First response"),
                self.tr("Resolution"),
                self.tr("Apology"),
                self.tr("Recovery"),
            ],
            self,
        )
        self.table = rows_table(self.model, "complaintTable")
        self.table.activated.connect(lambda _i: self._activated())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self.service_model = RowsModel(
            [self.tr("Day"), self.tr("What we did"), self.tr("Worth to them")], self
        )
        self.service_table = rows_table(self.service_model, "serviceTable")
        self.service_box = QGroupBox()
        QVBoxLayout(self.service_box).addWidget(self.service_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.service_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sentence)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self._update_buttons()
        self._set_service_title()
        self.setMinimumWidth(texts.MIN_WIDTH)  # the buttons must not widen the workspace

    def title(self) -> str:
        if self.count:
            return self.tr("Complaints ({0})").format(self.count)
        return self.tr("Complaints")

    def load(self) -> None:
        self.ops.read(complaints.failure_history, self.account_id).success(self._show).run(
            self, key="load"
        )
        start = date(date.today().year, 1, 1)
        self.ops.read(service_log.list_service_records, self.account_id, start=start).success(
            self._show_services
        ).run(self, key="services")

    def _show(self, history: FailureHistory) -> None:
        self.history = history
        sentence = history.sentence(current_language())
        if history.risk is not None:
            self.sentence.setText(f"⚠ {label(history.risk)} — {sentence}")
            self.sentence.setStyleSheet(f"color: {LATE.name()}; font-weight: bold;")
        else:
            self.sentence.setText(sentence)
            self.sentence.setStyleSheet("")
        self.model.set_rows([self._row(c) for c in history.complaints])
        fit_columns(self.table)
        if self.count != len(history.complaints):
            self.count = len(history.complaints)
            self.titleChanged.emit()
        self._update_buttons()

    def _row(self, c: ComplaintData) -> Row:
        apology = self.tr("yes") if c.apology_given else self.tr("no")
        return Row(
            (
                texts.when(c.received_at),
                label(c.severity),
                label(c.channel),
                texts.one_line(c.description),
                texts.response_timer(c),
                texts.resolution_timer(c),
                apology,
                label(c.satisfied) if c.resolved_at else "",
            ),
            c,
            color=LATE if c.overdue else (QUIET if c.resolved_at else None),
            tip=c.apology_words or c.description,
        )

    def _show_services(self, records: list[ServiceRecordData]) -> None:
        self.service_model.set_rows(
            [
                Row((r.day.isoformat(), texts.one_line(r.what), r.value), r, tip=r.what)
                for r in records
            ]
        )
        fit_columns(self.service_table)
        self._set_service_title()

    def _set_service_title(self) -> None:
        self.service_box.setTitle(
            self.tr("What we did for them this year ({0})").format(self.service_model.rowCount())
        )

    def selected(self) -> ComplaintData | None:
        found = self.model.payload(self.table.currentIndex())
        return found if isinstance(found, ComplaintData) else None

    def _update_buttons(self) -> None:
        writable = not self.ops.store.read_only
        c = self.selected()
        is_open = c is not None and c.resolved_at is None
        self.respond_button.setEnabled(writable and is_open)
        self.resolve_button.setEnabled(writable and is_open)
        self.link_button.setEnabled(writable and c is not None)
        self.service_button.setEnabled(writable and self.account_id is not None)

    def _say(self, text: str) -> None:
        self.message.emit(text)

    def _on_selected(self, act: actions.Act) -> None:
        c = self.selected()
        if c is not None:
            act(self, self.ops, c, self._say)

    def _activated(self) -> None:
        c = self.selected()
        if c is not None:
            actions.next_step(self, self.ops, c, self._say)

    def _on_context_menu(self, where: QPoint) -> None:
        index = self.table.indexAt(where)
        if index.isValid():
            self.table.setCurrentIndex(index)
        c = self.selected()
        if c is not None:
            menu = actions.complaint_menu(self, self.ops, c, self._say)
            menu.exec(self.table.viewport().mapToGlobal(where))

    def new_complaint(self) -> None:
        open_new_complaint(
            self,
            self.ops,
            self.account_id,
            done=lambda c: self._say(self.tr("Complaint of {0} saved.").format(c.account_name)),
        )

    def record_service(self) -> None:
        """From the selected resolved complaint (pre-filled), else a blank record."""
        c = self.selected()
        if c is not None and c.resolved_at is not None:
            actions.record_service(self, self.ops, c, self._say)
            return
        if self.account_id is None:
            return

        def show(account: AccountData) -> None:
            dialog = ServiceRecordDialog(self.ops, account.id, account.name, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self._say(self.tr("Service recorded for {0}.").format(account.name))

        self.ops.read(accounts.get_account, self.account_id).success(show).run(self)
