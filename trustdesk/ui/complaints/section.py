"""The Complaints section of the left navigation (CMP-1..4): complaints past a deadline (in
red, with the time over), open ones, resolved ones; and the feedback loop — improvement
actions with the feedback they answer, and the customers still to be told they are done.

While the section is hidden, a change only re-reads the overdue count in the navigation;
the lists reload when shown.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trustdesk.services import complaints, improvements
from trustdesk.services.changes import Changes
from trustdesk.services.records import ComplaintData, ImprovementData, InformedData
from trustdesk.ui.complaints import actions, texts
from trustdesk.ui.complaints.dialog import open_complaint_from_answer, open_new_complaint
from trustdesk.ui.complaints.feedback import (
    FollowUpPicker,
    InformDialog,
    NewImprovementDialog,
    complaint_text,
)
from trustdesk.ui.i18n import label
from trustdesk.ui.ops import Ops
from trustdesk.ui.visits.rows import LATE, QUIET, Row, RowsModel, fit_columns, rows_table

SECTION_KINDS = frozenset({"complaint", "improvement", "account", "survey", "note"})
RESOLVED_SHOWN = 100


class ComplaintsSection(QWidget):
    """``openRequested(account_id)`` to open a customer; ``countChanged(int)`` with how many
    complaints are past a deadline; ``message(str)`` for the status bar."""

    openRequested = Signal(str)
    countChanged = Signal(int)
    message = Signal(str)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.overdue_total: int | None = None
        self._stale = True
        writable = not ops.store.read_only
        self.title = QLabel()
        self.title.setObjectName("complaintsTitle")
        self.new_button = QPushButton(self.tr("&New complaint…"))
        self.new_button.clicked.connect(lambda: self.new_complaint(None))
        self.survey_button = QPushButton(self.tr("From a low survey &score…"))
        self.survey_button.clicked.connect(self.complaint_from_survey)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        for button in (self.new_button, self.survey_button):
            button.setEnabled(writable)
            top.addWidget(button)

        self.overdue = RowsModel(
            [
                self.tr("Customer"),
                self.tr("Time over"),
                self.tr("Late on"),
                self.tr("Severity"),
                self.tr("Complaint"),
                self.tr("Received"),
            ],
            self,
        )
        self.open = RowsModel(
            [
                self.tr("Customer"),
                self.tr("First response"),
                self.tr("Resolution"),
                self.tr("Severity"),
                self.tr("Complaint"),
                self.tr("Received"),
            ],
            self,
        )
        self.resolved = RowsModel(
            [
                self.tr("Customer"),
                self.tr("Resolved"),
                self.tr("Recovery"),
                self.tr("Apology"),
                self.tr("Complaint"),
                self.tr("What was done"),
            ],
            self,
        )
        self.actions_model = RowsModel(
            [
                self.tr("Improvement"),
                self.tr("Owner"),
                self.tr("Due"),
                self.tr("Done"),
                self.tr("Customers told"),
                self.tr("Feedback it answers"),
            ],
            self,
        )
        self.inform = RowsModel(
            [self.tr("Customer"), self.tr("Improvement done"), self.tr("Done on")], self
        )
        self.tables: dict[str, QTableView] = {}
        self.boxes: dict[str, QGroupBox] = {}
        left = QSplitter(Qt.Orientation.Vertical)
        right = QSplitter(Qt.Orientation.Vertical)
        self.respond_button = QPushButton(self.tr("&Respond…"))
        self.resolve_button = QPushButton(self.tr("Resol&ve…"))
        self.link_button = QPushButton(self.tr("Link to an &improvement…"))
        self.service_button = QPushButton(self.tr("Record the good service &delivered…"))
        self.new_action_button = QPushButton(self.tr("New im&provement…"))
        self.done_button = QPushButton(self.tr("&Mark done"))
        self.informed_button = QPushButton(self.tr("Mar&k informed…"))
        self._current: ComplaintData | None = None
        for name, model, column in (
            ("overdue", self.overdue, left),
            ("open", self.open, left),
            ("resolved", self.resolved, left),
            ("actions", self.actions_model, right),
            ("inform", self.inform, right),
        ):
            table = rows_table(model, f"{name}Complaints" if column is left else f"{name}List")
            table.activated.connect(lambda _i, n=name: self._activated(n))
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            table.customContextMenuRequested.connect(
                lambda where, t=table: self._on_context_menu(t, where)
            )
            table.selectionModel().currentRowChanged.connect(
                lambda _c, _p, n=name: self._selected(n)
            )
            box = QGroupBox()
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(table)
            if name == "actions":
                row = QHBoxLayout()
                for button in (self.new_action_button, self.done_button):
                    row.addWidget(button)
                row.addStretch(1)
                box_layout.addLayout(row)
            elif name == "inform":
                row = QHBoxLayout()
                row.addWidget(self.informed_button)
                row.addStretch(1)
                box_layout.addLayout(row)
            column.addWidget(box)
            self.tables[name] = table
            self.boxes[name] = box
        self.respond_button.clicked.connect(lambda: self._on_current(actions.respond))
        self.resolve_button.clicked.connect(lambda: self._on_current(actions.resolve))
        self.link_button.clicked.connect(lambda: self._on_current(actions.link_improvement))
        self.service_button.clicked.connect(lambda: self._on_current(actions.record_service))
        self.new_action_button.clicked.connect(self.new_improvement)
        self.done_button.clicked.connect(self.mark_done)
        self.informed_button.clicked.connect(self.mark_informed)
        complaint_buttons = QHBoxLayout()
        for button in (
            self.respond_button,
            self.resolve_button,
            self.link_button,
            self.service_button,
        ):
            complaint_buttons.addWidget(button)
        complaint_buttons.addStretch(1)
        left_box = QWidget()
        left_column = QVBoxLayout(left_box)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(left, 1)
        left_column.addLayout(complaint_buttons)
        loop = QLabel(self.tr("请您说，我们听，我们做 — you speak, we listen, we act."))
        loop.setObjectName("feedbackMotto")
        loop.setStyleSheet(f"color: {QUIET.name()};")
        right_box = QWidget()
        right_column = QVBoxLayout(right_box)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(loop)
        right_column.addWidget(right, 1)
        columns = QSplitter(Qt.Orientation.Horizontal)
        columns.addWidget(left_box)
        columns.addWidget(right_box)
        columns.setStretchFactor(0, 1)
        columns.setStretchFactor(1, 1)
        self.columns = columns
        self._sized = False
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(columns, 1)
        self._update_buttons()
        self._set_titles()
        # Its rows of buttons must not set the window's narrowest width (the pages share it).
        self.setMinimumWidth(texts.MIN_WIDTH)
        ops.bus.changed.connect(self._on_changes)

    # --- reading -------------------------------------------------------------------------

    def refresh_count(self) -> None:
        self.ops.read(complaints.overdue_complaint_count).success(self._set_count).run(
            self, key="count"
        )

    def _set_count(self, total: int) -> None:
        if total != self.overdue_total:
            self.overdue_total = total
            self.countChanged.emit(total)
        self._set_titles()

    def load(self) -> None:
        self._stale = False
        self.refresh_count()
        self.ops.read(complaints.list_complaints, state="overdue").success(self._show_overdue).run(
            self, key="overdue"
        )
        self.ops.read(complaints.list_complaints, state="open").success(self._show_open).run(
            self, key="open"
        )
        self.ops.read(complaints.list_complaints, state="resolved", limit=RESOLVED_SHOWN).success(
            self._show_resolved
        ).run(self, key="resolved")
        self.ops.read(improvements.list_actions).success(self._show_actions).run(
            self, key="actions"
        )
        self.ops.read(improvements.customers_to_inform).success(self._show_inform).run(
            self, key="inform"
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # the feedback loop gets nearly half: its sentences are long
            self._sized = True
            width = max(self.columns.width(), 800)
            self.columns.setSizes([width * 11 // 20, width * 9 // 20])
        if self._stale:
            self.load()

    def _on_changes(self, changes: Changes) -> None:
        if not changes.touches(SECTION_KINDS):
            return
        self._stale = True
        if self.isVisible():
            self.load()
        else:
            self.refresh_count()

    def _set_titles(self) -> None:
        captions = {
            "overdue": self.tr("Overdue ({0})"),
            "open": self.tr("Open, within the deadlines ({0})"),
            "resolved": self.tr("Resolved ({0})"),
            "actions": self.tr("Improvements ({0})"),
            "inform": self.tr("Customers still to tell ({0})"),
        }
        for name, box in self.boxes.items():
            box.setTitle(captions[name].format(self.tables[name].model().rowCount()))
        self.title.setText(
            self.tr("Complaints")
            if not self.overdue_total
            else self.tr("Complaints · {0} past a deadline").format(self.overdue_total)
        )
        self.title.setStyleSheet(f"color: {LATE.name()};" if self.overdue_total else "")

    def _shown(self, name: str) -> None:
        fit_columns(self.tables[name])
        self._set_titles()
        self._selected(name)

    def _show_overdue(self, rows: list[ComplaintData]) -> None:
        lines = []
        for c in rows:
            seconds, what = texts.worst_over(c)
            lines.append(
                Row(
                    (
                        c.account_name,
                        texts.over(seconds),
                        what,
                        label(c.severity),
                        texts.one_line(c.description),
                        texts.when(c.received_at),
                    ),
                    c,
                    color=LATE,
                    tip=c.description,
                )
            )
        self.overdue.set_rows(lines)
        self._shown("overdue")

    def _show_open(self, rows: list[ComplaintData]) -> None:
        self.open.set_rows(
            [
                Row(
                    (
                        c.account_name,
                        texts.response_timer(c),
                        texts.resolution_timer(c),
                        label(c.severity),
                        texts.one_line(c.description),
                        texts.when(c.received_at),
                    ),
                    c,
                    tip=c.description,
                )
                for c in rows
                if not c.overdue
            ]
        )
        self._shown("open")

    def _show_resolved(self, rows: list[ComplaintData]) -> None:
        self.resolved.set_rows(
            [
                Row(
                    (
                        c.account_name,
                        texts.day(c.resolved_at),
                        label(c.satisfied),
                        self.tr("yes") if c.apology_given else self.tr("no"),
                        texts.one_line(c.description),
                        texts.one_line(c.resolution),
                    ),
                    c,
                    tip=c.apology_words or c.description,
                )
                for c in rows
            ]
        )
        self._shown("resolved")

    def _feedback(self, action: ImprovementData) -> str:
        kinds = {
            "complaint": self.tr("Complaint"),
            "survey-answer": self.tr("Survey answer"),
            "note": self.tr("Note"),
        }
        return "; ".join(
            f"{kinds.get(s.kind, s.kind)} · {s.account_name}: {s.summary}" for s in action.sources
        )

    def _show_actions(self, rows: list[ImprovementData]) -> None:
        today = date.today()
        lines = []
        for a in rows:
            told = sum(1 for c in a.customers if c.informed_at is not None)
            late = a.done_at is None and a.due is not None and a.due < today
            lines.append(
                Row(
                    (
                        texts.one_line(a.what),
                        a.owner,
                        a.due.isoformat() if a.due else "",
                        texts.day(a.done_at) or self.tr("open"),
                        f"{told}/{len(a.customers)}",
                        texts.one_line(self._feedback(a)),
                    ),
                    a,
                    color=LATE if late else (QUIET if a.done_at else None),
                    tip=self._feedback(a).replace("; ", "\n"),
                )
            )
        self.actions_model.set_rows(lines)
        self._shown("actions")

    def _show_inform(self, rows: list[tuple[ImprovementData, InformedData]]) -> None:
        self.inform.set_rows(
            [
                Row(
                    (c.account_name, texts.one_line(a.what), texts.day(a.done_at)),
                    (a, c),
                )
                for a, c in rows
            ]
        )
        self._shown("inform")

    # --- acting --------------------------------------------------------------------------

    def payload(self, name: str) -> object:
        table = self.tables[name]
        model = table.model()
        assert isinstance(model, RowsModel)
        return model.payload(table.currentIndex())

    def _selected(self, name: str) -> None:
        if name in ("overdue", "open", "resolved"):
            found = self.payload(name)
            if isinstance(found, ComplaintData):
                self._current = found
            elif self._current is not None and name == self._table_of(self._current):
                self._current = None
        self._update_buttons()

    @staticmethod
    def _table_of(c: ComplaintData) -> str:
        return "resolved" if c.resolved_at else ("overdue" if c.overdue else "open")

    def _update_buttons(self) -> None:
        writable = not self.ops.store.read_only
        c = self._current
        is_open = c is not None and c.resolved_at is None
        self.respond_button.setEnabled(writable and is_open)
        self.resolve_button.setEnabled(writable and is_open)
        self.link_button.setEnabled(writable and c is not None)
        self.service_button.setEnabled(writable and c is not None and c.resolved_at is not None)
        action = self.payload("actions") if "actions" in self.tables else None
        self.done_button.setEnabled(
            writable and isinstance(action, ImprovementData) and action.done_at is None
        )
        self.new_action_button.setEnabled(writable)
        self.informed_button.setEnabled(
            writable and "inform" in self.tables and self.payload("inform") is not None
        )

    def _say(self, text: str) -> None:
        self.message.emit(text)

    def _on_current(self, act: actions.Act) -> None:
        if self._current is not None:
            act(self, self.ops, self._current, self._say)

    def _activated(self, name: str) -> None:
        found = self.payload(name)
        if isinstance(found, ComplaintData):
            if not actions.next_step(self, self.ops, found, self._say):
                self.openRequested.emit(found.account_id)
        elif name == "inform":
            self.mark_informed()
        elif name == "actions" and isinstance(found, ImprovementData) and found.customers:
            self.openRequested.emit(found.customers[0].account_id)

    def _on_context_menu(self, table: QTableView, where: QPoint) -> None:
        index = table.indexAt(where)
        if index.isValid():
            table.setCurrentIndex(index)
        model = table.model()
        assert isinstance(model, RowsModel)
        found = model.payload(table.currentIndex())
        if isinstance(found, ComplaintData):
            menu = actions.complaint_menu(
                self, self.ops, found, self._say, lambda: self.openRequested.emit(found.account_id)
            )
            menu.exec(table.viewport().mapToGlobal(where))

    def new_complaint(self, account_id: str | None) -> None:
        open_new_complaint(
            self,
            self.ops,
            account_id,
            done=lambda c: self._say(self.tr("Complaint of {0} saved.").format(c.account_name)),
        )

    def complaint_from_survey(self) -> None:
        """CMP-1: pick an open follow-up of a dissatisfied answer; the complaint keeps it."""
        picker = FollowUpPicker(self.ops, self)
        if picker.exec() != QDialog.DialogCode.Accepted or picker.chosen is None:
            return
        f = picker.chosen
        open_complaint_from_answer(
            self,
            self.ops,
            f.account_id,
            f.answer_id,
            complaint_text(f),
            done=lambda c: self._say(self.tr("Complaint of {0} saved.").format(c.account_name)),
        )

    def new_improvement(self) -> None:
        dialog = NewImprovementDialog(self.ops, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._say(self.tr("Improvement added."))

    def mark_done(self) -> None:
        action = self.payload("actions")
        if isinstance(action, ImprovementData) and action.done_at is None:
            self.ops.write(improvements.complete_action, action.id).success(
                lambda a: self._say(
                    self.tr("Done: {0}. Tell the customers who asked for it.").format(a.what)
                )
            ).run(self)

    def mark_informed(self) -> None:
        found = self.payload("inform")
        if not isinstance(found, tuple):
            return
        action, customer = found
        dialog = InformDialog(self.ops, action, customer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._say(self.tr("{0} told.").format(customer.account_name))
