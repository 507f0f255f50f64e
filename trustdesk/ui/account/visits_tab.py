"""Visits tab: the customer's visits newest first, its intelligence notes, the people cooling
off and its line of the visit plan."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
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

from trustdesk.services import visits
from trustdesk.services.records import VisitData
from trustdesk.services.visits import AccountVisits, VisitForm
from trustdesk.ui.account.tab import AccountTab
from trustdesk.ui.i18n import label
from trustdesk.ui.ops import Ops
from trustdesk.ui.visits import texts
from trustdesk.ui.visits.log_dialog import open_log_visit, saved_message
from trustdesk.ui.visits.note_dialog import IntelNoteDialog
from trustdesk.ui.visits.rows import LATE, QUIET, Row, RowsModel, fit_columns, rows_table


class VisitsTab(AccountTab):
    KINDS = frozenset({"visit", "note", "contact", "account", "stage"})

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.data: AccountVisits | None = None
        self.plan_label = QLabel()
        self.plan_label.setObjectName("planLine")
        self.log_button = QPushButton(self.tr("Log visit… (Ctrl+L)"))
        self.plan_button = QPushButton(self.tr("Plan a visit…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.note_button = QPushButton(self.tr("Add note…"))
        self.log_button.clicked.connect(lambda: self.log_visit())
        self.plan_button.clicked.connect(lambda: self.log_visit(plan=True))
        self.edit_button.clicked.connect(self.edit_selected)
        self.note_button.clicked.connect(self.add_note)
        writable = not ops.store.read_only
        for button in (self.log_button, self.plan_button, self.note_button):
            button.setEnabled(writable)
        buttons = QHBoxLayout()
        for button in (self.log_button, self.plan_button, self.edit_button, self.note_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.model = RowsModel(self._visit_headers(), self)
        self.table = rows_table(self.model, "visitTable")
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.notes_model = RowsModel(
            [self.tr("Date"), self.tr("Kind"), self.tr("About"), self.tr("Note")], self
        )
        self.notes_table = rows_table(self.notes_model, "noteTable")
        self.cooling_model = RowsModel(
            [self.tr("Person"), self.tr("Planned contact"), self.tr("Last touch")], self
        )
        self.cooling_table = rows_table(self.cooling_model, "coolingTable")
        notes_box = QGroupBox(self.tr("Intelligence notes"))
        QVBoxLayout(notes_box).addWidget(self.notes_table)
        cooling_box = QGroupBox(self.tr("People cooling off"))
        QVBoxLayout(cooling_box).addWidget(self.cooling_table)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(notes_box)
        lower.addWidget(cooling_box)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.plan_label)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)

    def _visit_headers(self) -> list[str]:
        return [
            self.tr("When"),
            self.tr("Channel"),
            self.tr("People"),
            self.tr("Purpose"),
            self.tr("Outcome"),
            self.tr("Next step"),
            self.tr("Due"),
            self.tr("Gift"),
        ]

    def title(self) -> str:
        return self.tr("Visits")

    def load(self) -> None:
        self.ops.read(visits.account_visits, self.account_id).success(self._show).run(
            self, key="load"
        )

    def _show(self, data: AccountVisits) -> None:
        self.data = data
        self.plan_label.setText(texts.plan_line(data.plan))
        self.plan_label.setStyleSheet(f"color: {LATE.name()};" if data.plan.days_overdue else "")
        self.model.set_rows([self._visit_row(v) for v in data.visits])
        self.notes_model.set_rows(
            [
                Row(
                    (
                        texts.day(n.created_at),
                        label(n.kind),
                        n.contact_name,
                        n.text.replace("\n", " "),
                    ),
                    n,
                    tip=n.text,
                )
                for n in data.notes
            ]
        )
        self.cooling_model.set_rows(
            [
                Row(
                    (
                        c.name,
                        label(c.depth),
                        texts.day(c.last_touch_at) or self.tr("never"),
                    ),
                    c,
                )
                for c in data.cooling
            ]
        )
        for table in (self.table, self.notes_table, self.cooling_table):
            fit_columns(table)

    def _visit_row(self, v: VisitData) -> Row:
        gift = ""
        if v.gift_value is not None:
            gift = f"{v.gift_value:g}" + (" ⚠" if v.gift_over_limit else "")
        when = texts.when(v.at)
        tip = ""
        if not v.done:
            when = self.tr("{0} (planned)").format(when)
        if v.gift_over_limit:
            tip = self.tr("The gift is above the team's ceiling.")
        due = texts.day(v.next_due)
        if v.next_done_at is not None and due:
            due = self.tr("{0} ✓").format(due)
        return Row(
            (
                when,
                label(v.channel),
                texts.people(v),
                texts.purposes(v),
                v.outcome.replace("\n", " "),
                v.next_step.replace("\n", " "),
                due,
                gift,
            ),
            v,
            color=None if v.done else QUIET,
            tip=tip,
            italic=not v.done,
        )

    def selected(self) -> VisitData | None:
        index: QModelIndex = self.table.currentIndex()
        found = self.model.payload(index)
        return found if isinstance(found, VisitData) else None

    def _saved(self, visit: VisitData) -> None:
        self.message.emit(saved_message(visit))

    def log_visit(self, *, plan: bool = False, contact_id: str | None = None) -> None:
        if self.account_id is not None:
            open_log_visit(
                self, self.ops, self.account_id, plan=plan, contact_id=contact_id, done=self._saved
            )

    def edit_selected(self) -> None:
        visit = self.selected()
        if visit is not None and self.account_id is not None:
            open_log_visit(self, self.ops, self.account_id, visit_id=visit.id, done=self._saved)

    def add_note(self) -> None:
        if self.account_id is None:
            return

        def show(form: VisitForm) -> None:
            dialog = IntelNoteDialog(self.ops, form, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.message.emit(self.tr("Note added."))

        self.ops.read(visits.visit_form, self.account_id).success(show).run(self)
