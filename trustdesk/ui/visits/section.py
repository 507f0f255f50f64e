"""The Visits section of the left navigation: what is overdue, what is coming, what was just
done, who is cooling off, and whose birthday or care date is near (VIS-1, VIS-3, seed 004).

Each list is its own read, so the quick ones (overdue, upcoming, recent: index ranges) show
while the slower ones (cooling people, birthdays: a pass over every person) are still being
read. While the section is hidden, a change only re-reads the overdue count shown in the
navigation (one index range); the lists reload when shown.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trustdesk.services import visit_plan, visits
from trustdesk.services.changes import Changes
from trustdesk.services.records import (
    CoolingContact,
    NextStepRow,
    PlanRow,
    ReminderData,
    VisitData,
)
from trustdesk.services.visit_plan import today
from trustdesk.ui.i18n import label
from trustdesk.ui.ops import Ops
from trustdesk.ui.visits import texts
from trustdesk.ui.visits.log_dialog import open_log_visit, saved_message
from trustdesk.ui.visits.rows import LATE, QUIET, Row, RowsModel, fit_columns, rows_table

SECTION_KINDS = frozenset({"visit", "account", "stage", "contact"})

Payload = PlanRow | NextStepRow | VisitData | CoolingContact | ReminderData


class VisitsSection(QWidget):
    """``openRequested(account_id)`` to open a customer; ``countChanged(int)`` with how many
    customers and next steps are overdue; ``message(str)`` for the status bar."""

    openRequested = Signal(str)
    countChanged = Signal(int)
    message = Signal(str)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.overdue_total: int | None = None
        self._late_customers: list[PlanRow] = []
        self._late_steps: list[NextStepRow] = []
        self._stale = True
        self.title = QLabel()
        self.title.setObjectName("visitsTitle")
        self.log_button = QPushButton(self.tr("Log visit… (Ctrl+L)"))
        self.log_button.setEnabled(not ops.store.read_only)
        self.log_button.clicked.connect(lambda: self.log_visit(None))
        self.report_button = QPushButton(self.tr("Export report…"))
        self.report_button.clicked.connect(lambda: self.export_report())
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.report_button)
        top.addWidget(self.log_button)

        self.overdue = RowsModel(
            [self.tr("Customer"), self.tr("Due"), self.tr("Late"), self.tr("What")], self
        )
        self.upcoming = RowsModel(
            [self.tr("Due"), self.tr("When"), self.tr("Customer"), self.tr("What")], self
        )
        self.recent = RowsModel(
            [
                self.tr("When"),
                self.tr("Customer"),
                self.tr("Channel"),
                self.tr("People"),
                self.tr("Purpose"),
            ],
            self,
        )
        self.cooling = RowsModel(
            [
                self.tr("Person"),
                self.tr("Customer"),
                self.tr("Planned contact"),
                self.tr("Last touch"),
            ],
            self,
        )
        self.reminders = RowsModel(
            [self.tr("Day"), self.tr("Person"), self.tr("Customer"), self.tr("What")], self
        )
        self.tables: dict[str, QTableView] = {}
        self.boxes: dict[str, QGroupBox] = {}
        left = QSplitter(Qt.Orientation.Vertical)
        right = QSplitter(Qt.Orientation.Vertical)
        for name, model, column in (
            ("overdue", self.overdue, left),
            ("upcoming", self.upcoming, left),
            ("recent", self.recent, right),
            ("cooling", self.cooling, right),
            ("reminders", self.reminders, right),
        ):
            table = rows_table(model, f"{name}List")
            table.activated.connect(self._open_row)
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            table.customContextMenuRequested.connect(
                lambda where, t=table: self._on_context_menu(t, where)
            )
            box = QGroupBox()
            QVBoxLayout(box).addWidget(table)
            column.addWidget(box)
            self.tables[name] = table
            self.boxes[name] = box
        columns = QSplitter(Qt.Orientation.Horizontal)
        columns.addWidget(left)
        columns.addWidget(right)
        columns.setStretchFactor(0, 1)
        columns.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(columns, 1)
        self._set_titles()
        ops.bus.changed.connect(self._on_changes)

    # --- reading -------------------------------------------------------------------------

    def refresh_count(self) -> None:
        """The navigation's count alone: overdue customers (one index range)."""
        self.ops.read(visit_plan.overdue_count).success(self._set_count).run(self, key="count")

    def _set_count(self, total: int) -> None:
        if total != self.overdue_total:
            self.overdue_total = total
            self.countChanged.emit(total)
        self._set_titles()

    def load(self) -> None:
        self._stale = False
        self.refresh_count()
        # One read per list: each shows as soon as it is read (the worker runs them in turn).
        # Quickest first: overdue customers, upcoming, recent are index ranges; overdue next
        # steps, cooling people and birthdays pass over many rows.
        self.ops.read(visit_plan.overdue_accounts).success(self._show_late_customers).run(
            self, key="overdue"
        )
        self.ops.read(visit_plan.upcoming_steps).success(self._show_upcoming).run(
            self, key="upcoming"
        )
        self.ops.read(visits.recent_visits).success(self._show_recent).run(self, key="recent")
        self.ops.read(visit_plan.overdue_steps).success(self._show_late_steps).run(
            self, key="steps"
        )
        self.ops.read(visit_plan.cooling_contacts).success(self._show_cooling).run(
            self, key="cooling"
        )
        self.ops.read(visit_plan.reminders).success(self._show_reminders).run(self, key="reminders")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
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
            "upcoming": self.tr("Upcoming, next 14 days ({0})"),
            "recent": self.tr("Recent, last 14 days ({0})"),
            "cooling": self.tr("People cooling off ({0})"),
            "reminders": self.tr("Birthdays and care dates ({0})"),
        }
        for name, box in self.boxes.items():
            model = self.tables[name].model()
            box.setTitle(captions[name].format(model.rowCount()))
        day = today().isoformat()
        self.title.setText(
            self.tr("Visits — today {0}").format(day)
            if self.overdue_total is None
            else self.tr("Visits — today {0} · {1} customers overdue").format(
                day, self.overdue_total
            )
        )

    def _shown(self, name: str) -> None:
        fit_columns(self.tables[name])
        self._set_titles()

    def _show_late_customers(self, rows: list[PlanRow]) -> None:
        self._late_customers = rows
        self._show_overdue()

    def _show_late_steps(self, rows: list[NextStepRow]) -> None:
        self._late_steps = rows
        self._show_overdue()

    def _show_overdue(self) -> None:
        """Overdue customers, then the next steps whose day has passed (two reads)."""
        late_customers, late_steps = self._late_customers, self._late_steps
        day = today()
        overdue = [
            Row(
                (
                    p.account_name,
                    texts.day(p.next_visit_due),
                    texts.late_days(p.days_overdue),
                    self.tr("Visit due ({0}, last visit {1})").format(
                        label(p.stage), texts.day(p.last_visit_at) or self.tr("none")
                    ),
                ),
                p,
                color=LATE,
            )
            for p in late_customers
        ]
        overdue += [
            Row(
                (
                    s.account_name,
                    s.due.isoformat(),
                    texts.late_days((day - s.due).days),
                    self._step_text(s),
                ),
                s,
                color=LATE,
            )
            for s in late_steps
        ]
        self.overdue.set_rows(overdue)
        self._shown("overdue")

    def _show_upcoming(self, steps: list[NextStepRow]) -> None:
        day = today()
        self.upcoming.set_rows(
            [
                Row(
                    (
                        s.due.isoformat(),
                        texts.in_days((s.due - day).days),
                        s.account_name,
                        self._step_text(s),
                    ),
                    s,
                    color=QUIET if s.planned_visit else None,
                )
                for s in steps
            ]
        )
        self._shown("upcoming")

    def _show_recent(self, recent: list[VisitData]) -> None:
        self.recent.set_rows(
            [
                Row(
                    (
                        texts.when(v.at),
                        v.account_name,
                        label(v.channel),
                        texts.people(v),
                        texts.purposes(v),
                    ),
                    v,
                )
                for v in recent
            ]
        )
        self._shown("recent")

    def _show_cooling(self, cooling: list[CoolingContact]) -> None:
        self.cooling.set_rows(
            [
                Row(
                    (
                        c.name,
                        c.account_name,
                        label(c.depth),
                        texts.day(c.last_touch_at) or self.tr("never"),
                    ),
                    c,
                    tip=self.tr("Cooling since {0}").format(c.cooling_since.isoformat()),
                )
                for c in cooling
            ]
        )
        self._shown("cooling")

    def _show_reminders(self, reminders: list[ReminderData]) -> None:
        self.reminders.set_rows(
            [
                Row(
                    (
                        r.day.isoformat(),
                        r.name,
                        r.account_name,
                        self.tr("Birthday") if r.birthday else r.what,
                    ),
                    r,
                    tip=texts.in_days(r.days_away),
                )
                for r in reminders
            ]
        )
        self._shown("reminders")

    def _step_text(self, step: NextStepRow) -> str:
        if step.planned_visit:
            named = label(step.channel) if step.channel else ""
            return self.tr("Planned visit: {0}").format(
                " · ".join(p for p in (named, step.what) if p)
            )
        return self.tr("Next step: {0}").format(step.what)

    # --- acting on a row -----------------------------------------------------------------

    def payload_of(self, table: QTableView) -> Payload | None:
        model = table.model()
        assert isinstance(model, RowsModel)
        found = model.payload(table.currentIndex())
        return found

    def _open_row(self) -> None:
        table = self.sender()
        if isinstance(table, QTableView):
            payload = self.payload_of(table)
            if payload is not None:
                self.openRequested.emit(payload.account_id)

    def context_menu(self, table: QTableView) -> QMenu | None:
        payload = self.payload_of(table)
        if payload is None:
            return None
        menu = QMenu(self)
        account_id = payload.account_id
        menu.addAction(self.tr("Open customer"), lambda: self.openRequested.emit(account_id))
        contact_id = getattr(payload, "contact_id", None)
        log = menu.addAction(
            self.tr("Log visit…"), lambda: self.log_visit(account_id, contact_id=contact_id)
        )
        log.setEnabled(not self.ops.store.read_only)
        visit_id = payload.id if isinstance(payload, VisitData) else None
        menu.addAction(
            self.tr("Export report…"),
            lambda: self.export_report(account_id, getattr(payload, "account_name", ""), visit_id),
        )
        if isinstance(payload, NextStepRow) and not payload.planned_visit:
            done = menu.addAction(
                self.tr("Mark next step done"), lambda: self.mark_step_done(payload)
            )
            done.setEnabled(not self.ops.store.read_only)
        return menu

    def _on_context_menu(self, table: QTableView, where: QPoint) -> None:
        index = table.indexAt(where)
        if index.isValid():
            table.setCurrentIndex(index)
        menu = self.context_menu(table)
        if menu is not None:
            menu.exec(table.viewport().mapToGlobal(where))

    def log_visit(self, account_id: str | None, *, contact_id: str | None = None) -> None:
        open_log_visit(
            self,
            self.ops,
            account_id,
            contact_id=contact_id,
            done=lambda visit: self.message.emit(saved_message(visit)),
        )

    def export_report(
        self, account_id: str | None = None, account_name: str = "", visit_id: str | None = None
    ) -> None:
        """VIS-4: a report of the portfolio, or of the customer or visit of a row."""
        from trustdesk.ui.report_dialog import open_report_dialog

        written = open_report_dialog(
            self.ops, self, account_id=account_id, account_name=account_name, visit_id=visit_id
        )
        if written is not None:
            self.message.emit(self.tr("Saved {0}.").format(written))

    def mark_step_done(self, step: NextStepRow) -> None:
        self.ops.write(visits.complete_next_step, step.visit_id).success(
            lambda _v: self.message.emit(self.tr("Next step done: {0}").format(step.what))
        ).run(self)
