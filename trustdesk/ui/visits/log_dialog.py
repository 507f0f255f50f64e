"""The Log visit dialog (VIS-1): a visit, the people met and why, in under a minute.

Keyboard first: the channel has the focus, Tab walks the fields in reading order, Space ticks
a person or a purpose, Alt+1…Alt+5 tick the five contact functions from anywhere, Ctrl+S or
Ctrl+Enter saves. The visit, an intelligence note and a promise made at it are written in one
transaction (``visits.log_visit_with_extras``). The same dialog edits a visit and plans one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.bottom_lines import beyond
from trustdesk.domain.enums import Activity, BottomLine, Channel, ContactFunction, IntelKind
from trustdesk.domain.levels import CHANNEL_ACTIVITY
from trustdesk.services import accounts, visits
from trustdesk.services.accounts import AccountFilter
from trustdesk.services.records import AccountRow, Page, VisitData
from trustdesk.services.visits import VisitForm
from trustdesk.ui.forms import ERROR_STYLE, FieldForm, enum_combo, set_value, text_of
from trustdesk.ui.i18n import current_language, label
from trustdesk.ui.ops import Ops
from trustdesk.ui.saving_dialog import SavingDialog

GIFT_CHANNELS = frozenset({Channel.GIFT, Channel.ENTERTAINMENT})
FILTER_FROM = 8  # people: a filter box shows above this many (seed 004: 40+ at a big customer)
PICK_LIMIT = 30
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
LOGGED = QT_TRANSLATE_NOOP("LogVisitDialog", "Logged a visit to {0}.")
PLANNED = QT_TRANSLATE_NOOP("LogVisitDialog", "Planned a visit to {0}.")


class _FilterLine(QLineEdit):
    """A search line whose Down arrow moves into the list it filters."""

    def __init__(self, target: QListWidget) -> None:
        super().__init__()
        self._target = target

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self._target.count():
            self._target.setFocus()
            if self._target.currentRow() < 0:
                self._target.setCurrentRow(0)
            return
        super().keyPressEvent(event)


def _qdt(moment: datetime) -> QDateTime:
    return QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)


def _checked(box: QListWidget) -> list[Any]:
    return [
        box.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    ]


class LogVisitDialog(SavingDialog):
    """``saved`` holds the written visit (``VisitData``) after Save.

    ``form`` None: no customer is open, the dialog starts with a customer picker.
    """

    def __init__(
        self,
        ops: Ops,
        form: VisitForm | None,
        parent: QWidget | None = None,
        *,
        contact_id: str | None = None,
        plan: bool = False,
    ) -> None:
        super().__init__(ops, parent)
        self._form: VisitForm | None = None
        self._visit: VisitData | None = form.visit if form else None
        self._typical: Activity | None = None
        self.setWindowTitle(self.tr("Edit visit") if self._visit else self.tr("Log visit"))
        self.setMinimumWidth(1000)

        main = FieldForm()
        self.customer_label = QLabel()
        self.customer_label.setObjectName("visitCustomer")
        self.customer_list = QListWidget()
        self.customer_list.setObjectName("customerPicks")
        self.customer_list.setMaximumHeight(110)
        self.customer_search = _FilterLine(self.customer_list)
        self.customer_search.setObjectName("customerSearch")
        self.customer_search.setPlaceholderText(self.tr("Type a customer's name or pinyin"))
        customer_box = QWidget()
        customer_column = QVBoxLayout(customer_box)
        customer_column.setContentsMargins(0, 0, 0, 0)
        customer_column.addWidget(self.customer_label)
        customer_column.addWidget(self.customer_search)
        customer_column.addWidget(self.customer_list)
        main.add("account", self.tr("Customer"), customer_box)
        self.customer_search.textChanged.connect(self._search_customers)
        self.customer_list.currentItemChanged.connect(self._customer_chosen)

        self.plan_check = QCheckBox(self.tr("Plan a visit (not done yet)"))
        self.plan_check.setObjectName("planCheck")
        main.add("done", "", self.plan_check)
        self.at_edit = main.add("at", self.tr("Date and time"), QDateTimeEdit())
        self.at_edit.setDisplayFormat(DATETIME_FORMAT)
        self.at_edit.setCalendarPopup(True)
        self.channel = main.add("channel", self.tr("Channel"), enum_combo(Channel))

        self.people = QListWidget()
        self.people.setObjectName("peopleList")
        self.people.setMaximumHeight(150)
        self.people_filter = _FilterLine(self.people)
        self.people_filter.setObjectName("peopleFilter")
        self.people_filter.setPlaceholderText(self.tr("Filter people"))
        self.people_filter.textChanged.connect(self._filter_people)
        people_box = QWidget()
        people_column = QVBoxLayout(people_box)
        people_column.setContentsMargins(0, 0, 0, 0)
        people_column.addWidget(self.people_filter)
        people_column.addWidget(self.people)
        main.add("contacts", self.tr("People met"), people_box)

        functions_box = QWidget()
        functions_row = QGridLayout(functions_box)
        functions_row.setContentsMargins(0, 0, 0, 0)
        self.function_checks: dict[ContactFunction, QCheckBox] = {}
        for n, function in enumerate(ContactFunction, start=1):
            check = QCheckBox(f"{n} {label(function)}")
            check.setObjectName(f"function_{function.code}")
            check.setToolTip(self.tr("Alt+{0}").format(n))
            self.function_checks[function] = check
            functions_row.addWidget(check, (n - 1) // 3, (n - 1) % 3)
            QShortcut(QKeySequence(f"Alt+{n}"), self, check.toggle)
        main.add("functions", self.tr("Purpose"), functions_box)

        self.activities = QListWidget()
        self.activities.setObjectName("activityList")
        self.activities.setMaximumHeight(110)
        for activity in Activity:
            item = QListWidgetItem(f"{label(activity)} · {label(activity.level)}")
            item.setData(Qt.ItemDataRole.UserRole, activity.code)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.activities.addItem(item)
        main.add("activities", self.tr("Activities"), self.activities)
        for field, caption in (("notes", self.tr("Notes")), ("outcome", self.tr("Outcome"))):
            editor = main.add(field, caption, QPlainTextEdit())
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.next_step = main.add("next_step", self.tr("Next step"), QLineEdit())
        self.next_due = main.add("next_due", self.tr("Next step due"), QLineEdit())
        self.next_due.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.gift_value = main.add("gift_value", self.tr("Gift value (yuan)"), QLineEdit())
        self.gift_flag = QLabel()
        self.gift_flag.setObjectName("giftFlag")
        self.gift_flag.setStyleSheet(ERROR_STYLE)
        self.gift_flag.hide()
        main.layout_.addRow("", self.gift_flag)
        self.gift_value.textChanged.connect(self._update_gift_flag)

        intel = FieldForm()
        self.intel_box = QGroupBox(self.tr("Intelligence note"))
        self.intel_box.setObjectName("intelBox")
        self.intel_box.setCheckable(True)
        self.intel_box.setChecked(False)
        self.intel_kind = intel.add("kind", self.tr("Kind"), enum_combo(IntelKind))
        self.intel_text = intel.add("text", self.tr("What you learned"), QPlainTextEdit())
        self.intel_text.setTabChangesFocus(True)
        self.intel_text.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.intel_person = intel.add("intel_contact", self.tr("About"), QComboBox())
        self.departed_check = intel.add(
            "contact_departed", "", QCheckBox(self.tr("Mark this person as departed"))
        )
        self.intel_kind.currentIndexChanged.connect(self._update_departed)
        self.intel_person.currentIndexChanged.connect(self._update_departed)
        QVBoxLayout(self.intel_box).addWidget(intel)

        promise = FieldForm()
        self.promise_box = QGroupBox(self.tr("Commitment made"))
        self.promise_box.setObjectName("promiseBox")
        self.promise_box.setCheckable(True)
        self.promise_box.setChecked(False)
        self.promise_what = promise.add("what", self.tr("What was promised"), QLineEdit())
        self.promise_to = promise.add("contact", self.tr("To whom"), QComboBox())
        self.promise_due = promise.add("due", self.tr("Due"), QLineEdit())
        self.promise_due.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.promise_line = promise.add(
            "bottom_line", self.tr("Bottom line"), enum_combo(BottomLine, "—")
        )
        self.promise_value = promise.add("value", self.tr("Value"), QLineEdit())
        self.promise_flag = QLabel()
        self.promise_flag.setObjectName("promiseFlag")
        self.promise_flag.setStyleSheet(ERROR_STYLE)
        self.promise_flag.setWordWrap(True)
        self.promise_flag.hide()
        promise.layout_.addRow("", self.promise_flag)
        self.promise_line.currentIndexChanged.connect(self._update_promise_flag)
        self.promise_value.textChanged.connect(self._update_promise_flag)
        QVBoxLayout(self.promise_box).addWidget(promise)
        self.forms = (main, intel, promise)

        right = QVBoxLayout()
        right.addWidget(self.intel_box)
        right.addWidget(self.promise_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(main, 3)
        columns.addLayout(right, 2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(not ops.store.read_only)
        # SUR-5: the survey is filled at the visit, linked to it: the visit is saved first.
        self.survey_after = False
        self.survey_button = buttons.addButton(
            self.tr("Save and fill survey…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.survey_button.setObjectName("surveyButton")
        self.survey_button.setEnabled(not ops.store.read_only)
        self.survey_button.clicked.connect(self._save_and_survey)
        self.plan_check.toggled.connect(lambda planned: self.survey_button.setHidden(planned))
        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(buttons)

        self.channel.currentIndexChanged.connect(self._on_channel)
        self.plan_check.toggled.connect(self._on_plan)
        self.at_edit.setDateTime(QDateTime.currentDateTime())
        self._on_channel()
        if form is not None:
            self.set_form(form, contact_id=contact_id)
        else:
            self.customer_label.hide()
            self._search_customers("")
        if plan and self._visit is None:
            self.plan_check.setChecked(True)
        self._fill_visit()
        self._first: QWidget = self.customer_search if form is None else self.channel
        self._first.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self._first.setFocus()

    # --- customer and people ---------------------------------------------------------------

    def _search_customers(self, text: str) -> None:
        where = AccountFilter.of(text=text.strip()) if text.strip() else AccountFilter()
        self._ops.read(accounts.list_accounts, where, limit=PICK_LIMIT, with_total=False).success(
            self._show_customers
        ).run(self, key="customers")

    def _show_customers(self, page: Page[AccountRow]) -> None:
        self.customer_list.blockSignals(True)
        self.customer_list.clear()
        for row in page.rows:
            item = QListWidgetItem(f"{row.name} · {label(row.stage)}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.customer_list.addItem(item)
        self.customer_list.blockSignals(False)

    def _customer_chosen(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        account_id = item.data(Qt.ItemDataRole.UserRole)
        self._ops.read(visits.visit_form, account_id).success(self.set_form).run(self, key="form")

    def set_form(self, form: VisitForm, *, contact_id: str | None = None) -> None:
        """Show ``form``'s customer and people (the picker's choice, or the open customer)."""
        self._form = form
        self.customer_label.setText(form.account_name)
        self.customer_label.show()
        if self._visit is not None or self.customer_list.count() == 0:
            self.customer_search.hide()
            self.customer_list.hide()
        met = {p.id for p in self._visit.people} if self._visit else set()
        if contact_id:
            met.add(contact_id)
        self.people.clear()
        for person in form.people:
            title = f" · {person.title}" if person.title else ""
            item = QListWidgetItem(f"{person.name}{title}")
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setCheckState(
                Qt.CheckState.Checked if person.id in met else Qt.CheckState.Unchecked
            )
            self.people.addItem(item)
        self.people_filter.setVisible(len(form.people) > FILTER_FROM)
        for combo in (self.intel_person, self.promise_to):
            combo.clear()
            combo.addItem(self.tr("(nobody)"), None)
            for person in form.people:
                combo.addItem(person.name, person.id)
        if contact_id:
            for combo in (self.intel_person, self.promise_to):
                set_value(combo, contact_id)
        self._update_gift_flag()
        self._update_promise_flag()

    def _filter_people(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.people.count()):
            item = self.people.item(i)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    # --- the visit being edited ------------------------------------------------------------

    def _fill_visit(self) -> None:
        v = self._visit
        if v is None:
            return
        self.plan_check.setChecked(not v.done)
        self.at_edit.setDateTime(_qdt(v.at.astimezone()))
        set_value(self.channel, v.channel)
        for function, check in self.function_checks.items():
            check.setChecked(function in v.functions)
        codes = {a.code for a in v.activities}
        for i in range(self.activities.count()):
            item = self.activities.item(i)
            ticked = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        for field in ("notes", "outcome", "next_step"):
            set_value(self.editor(field), getattr(v, field))
        set_value(self.next_due, v.next_due.isoformat() if v.next_due else "")
        gift = "" if v.gift_value is None else f"{v.gift_value:g}"
        set_value(self.gift_value, gift)
        self._update_gift_flag()

    def editor(self, field: str) -> QWidget:
        for form in self.forms:
            if field in form.editors:
                return form.editors[field]
        raise KeyError(field)

    # --- reactions as the user types -------------------------------------------------------

    def _channel_value(self) -> Channel:
        return Channel.parse(self.channel.currentData())

    def _on_channel(self) -> None:
        """The channel's typical activity is ticked (REL-6 evidence); the previous channel's
        is unticked; the gift value shows for gifts and entertainment only."""
        channel = self._channel_value()
        typical = CHANNEL_ACTIVITY.get(channel)
        for i in range(self.activities.count()):
            item = self.activities.item(i)
            code = item.data(Qt.ItemDataRole.UserRole)
            if self._typical is not None and code == self._typical.code:
                item.setCheckState(Qt.CheckState.Unchecked)
            if typical is not None and code == typical.code:
                item.setCheckState(Qt.CheckState.Checked)
        self._typical = typical
        gift = channel in GIFT_CHANNELS
        self._set_row_visible("gift_value", gift)
        self.gift_flag.setVisible(gift and bool(self.gift_flag.text()))

    def _set_row_visible(self, field: str, visible: bool) -> None:
        form = self.forms[0]
        box = form.editors[field].parentWidget()
        assert box is not None
        form.layout_.setRowVisible(box, visible)

    def _on_plan(self, planned: bool) -> None:
        """Planning: a future time is allowed (and suggested: tomorrow at nine)."""
        if planned and self.at_edit.dateTime() <= QDateTime.currentDateTime():
            tomorrow = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
            self.at_edit.setDateTime(_qdt(tomorrow + timedelta(days=1)))
        self.setWindowTitle(self.tr("Plan a visit") if planned else self.tr("Log visit"))

    def _limit(self, line: BottomLine) -> int | None:
        return None if self._form is None else self._form.limits.get(line)

    def _update_gift_flag(self) -> None:
        limit = self._limit(BottomLine.GIFT_VALUE)
        text = ""
        try:
            value = float(self.gift_value.text().replace(",", "").strip() or "nan")
        except ValueError:
            value = float("nan")
        if limit is not None and value == value and beyond(BottomLine.GIFT_VALUE, value, limit):
            text = self.tr("Above the gift ceiling of {0} yuan: it will be flagged.").format(limit)
        self.gift_flag.setText(text)
        self.gift_flag.setVisible(bool(text) and self._channel_value() in GIFT_CHANNELS)

    def _update_promise_flag(self) -> None:
        code = self.promise_line.currentData()
        text = ""
        if code:
            line = BottomLine.parse(code)
            limit = self._limit(line)
            try:
                value = float(self.promise_value.text().replace(",", "").strip() or "nan")
            except ValueError:
                value = float("nan")
            if limit is not None and value == value and beyond(line, value, limit):
                lang = current_language()
                text = self.tr("Needs approval: beyond the limit ({0} {1} {2}).").format(
                    label(line), limit, line.unit(lang)
                )
        self.promise_flag.setText(text)
        self.promise_flag.setVisible(bool(text))

    def _update_departed(self) -> None:
        personnel = self.intel_kind.currentData() == IntelKind.PERSONNEL_CHANGE.code
        allowed = personnel and self.intel_person.currentData() is not None
        self.departed_check.setEnabled(allowed)
        if not allowed:
            self.departed_check.setChecked(False)

    # --- saving ----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What the service is given (the visit's fields, without the customer)."""
        done = not self.plan_check.isChecked()
        values: dict[str, Any] = {
            "at": self.at_edit.dateTime().toPython(),
            "channel": self.channel.currentData(),
            "functions": [f for f, check in self.function_checks.items() if check.isChecked()],
            "contact_ids": _checked(self.people),
            "activities": _checked(self.activities) if done else [],
            "notes": text_of(self.editor("notes")),
            "outcome": text_of(self.editor("outcome")),
            "next_step": self.next_step.text(),
            "next_due": self.next_due.text().strip() or None,
            "gift_value": (
                self.gift_value.text().strip() or None
                if self._channel_value() in GIFT_CHANNELS
                else None
            ),
            "done": done,
        }
        return values

    def extras(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.intel_box.isChecked():
            out["intel"] = {
                "kind": self.intel_kind.currentData(),
                "text": self.intel_text.toPlainText(),
                "contact_id": self.intel_person.currentData(),
                "contact_departed": self.departed_check.isChecked(),
            }
        if self.promise_box.isChecked():
            line = self.promise_line.currentData()
            out["commitment"] = {
                "what": self.promise_what.text(),
                "contact_id": self.promise_to.currentData(),
                "due": self.promise_due.text().strip() or None,
                "bottom_line_kind": line,
                "value": self.promise_value.text().strip() or None,
            }
        return out

    def _save_and_survey(self) -> None:
        self.survey_after = True
        self.accept()

    def reject(self) -> None:
        self.survey_after = False
        super().reject()

    def accept(self) -> None:
        """Save in the background; the dialog closes once written, or says why not beside the
        field (everything typed stays)."""
        for form in self.forms:
            form.clear_errors()
        if self._form is None:
            self.forms[0].show_error("account", self.tr("Choose the customer first."))
            return
        op = self._ops.write(
            visits.log_visit_with_extras,
            self._form.account_id,
            visit_id=self._visit.id if self._visit else None,
            **self.extras(),
            **self.values(),
        )
        self.save_with(op)


def open_log_visit(
    owner: QWidget,
    ops: Ops,
    account_id: str | None,
    *,
    contact_id: str | None = None,
    visit_id: str | None = None,
    plan: bool = False,
    done: Callable[[VisitData], None] | None = None,
) -> None:
    """Open the dialog for ``account_id`` (None: the user picks the customer), once the
    customer's people are read; ``done(visit)`` after a save."""

    def show(form: VisitForm | None) -> None:
        dialog = LogVisitDialog(ops, form, owner, contact_id=contact_id, plan=plan)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted and dialog.saved is not None and done is not None:
            done(dialog.saved)
        if accepted and dialog.saved is not None and dialog.survey_after:
            from trustdesk.ui.surveys.form import open_survey, saved_message

            visit: VisitData = dialog.saved
            met = visit.people[0].id if visit.people else None
            message = getattr(owner, "message", None)
            open_survey(
                owner,
                ops,
                visit.account_id,
                contact_id=met,
                visit_id=visit.id,
                done=lambda response: (
                    message.emit(saved_message(response))
                    if message is not None and hasattr(message, "emit")
                    else None
                ),
            )

    if account_id is None:
        show(None)
    else:
        ops.read(visits.visit_form, account_id, visit_id).success(show).run(owner)


def saved_message(visit: VisitData) -> str:
    """The status line after a save."""
    text = LOGGED if visit.done else PLANNED
    return QCoreApplication.translate("LogVisitDialog", str(text)).format(visit.account_name)
