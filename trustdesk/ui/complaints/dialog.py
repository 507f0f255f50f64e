"""The complaint dialogs (CMP-1, CMP-2): a new complaint, the first response with the apology,
and the resolution.

Keyboard first: the first field has the focus, Tab walks the fields, Ctrl+S or Ctrl+Enter
saves. A refused save keeps the dialog open with every word typed and the reason under the
field it names.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import Channel, ComplaintSeverity, RecoverySatisfaction
from trustdesk.services import accounts, complaints, visits
from trustdesk.services.accounts import AccountFilter
from trustdesk.services.records import AccountRow, ComplaintData, Page
from trustdesk.services.visits import VisitForm
from trustdesk.ui.complaints import texts
from trustdesk.ui.forms import FieldForm, enum_combo, set_combo_data
from trustdesk.ui.i18n import label
from trustdesk.ui.ops import Op, Ops
from trustdesk.ui.saving_dialog import SavingDialog

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
PICK_LIMIT = 30


def moment_edit(moment: datetime | None = None) -> QDateTimeEdit:
    """A date-and-time field (this laptop's clock), now unless told."""
    edit = QDateTimeEdit()
    edit.setDisplayFormat(DATETIME_FORMAT)
    edit.setCalendarPopup(True)
    local = (moment or datetime.now().astimezone()).astimezone()
    edit.setDateTime(QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0))
    return edit


def moment_of(edit: QDateTimeEdit) -> datetime:
    """The picked moment, on this laptop's clock (the services store it as UTC)."""
    value = edit.dateTime().toPython()
    assert isinstance(value, datetime)
    return value.astimezone()


def text_box(placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setMaximumHeight(110)
    return box


class _Dialog(SavingDialog):
    """Save/Cancel buttons and the save shortcuts shared by the three dialogs."""

    def _finish(self, fields: FieldForm, top: QWidget | None = None) -> None:
        self.forms = (fields,)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            not self._ops.store.read_only
        )
        for keys in (QKeySequence(QKeySequence.StandardKey.Save), QKeySequence("Ctrl+Return")):
            QShortcut(keys, self, self.accept)
        layout = QVBoxLayout(self)
        if top is not None:
            layout.addWidget(top)
        layout.addWidget(fields)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _write(self, op: Op[ComplaintData]) -> None:
        self.forms[0].clear_errors()
        self.save_with(op)


def _summary(complaint: ComplaintData) -> QWidget:
    """What the complaint was, above the respond and resolve forms."""
    heading = QLabel(
        f"<b>{complaint.account_name}</b> · {texts.when(complaint.received_at)} · "
        f"{label(complaint.severity)} · {label(complaint.channel)}"
    )
    heading.setTextFormat(Qt.TextFormat.RichText)
    body = QLabel(complaint.description)
    body.setWordWrap(True)
    body.setTextFormat(Qt.TextFormat.PlainText)
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(heading)
    column.addWidget(body)
    return box


class NewComplaintDialog(_Dialog):
    """A complaint received (CMP-1). ``form`` None: the user picks the customer first.
    ``answer_id``: opened from a dissatisfied survey answer, which stays linked."""

    def __init__(
        self,
        ops: Ops,
        form: VisitForm | None,
        parent: QWidget | None = None,
        *,
        answer_id: str | None = None,
        text: str = "",
    ) -> None:
        super().__init__(ops, parent)
        self.form: VisitForm | None = None
        self.answer_id = answer_id
        self.setWindowTitle(self.tr("New complaint"))
        fields = FieldForm()
        self.customer_label = QLabel()
        self.customer_label.setObjectName("complaintCustomer")
        self.customer_search = QLineEdit()
        self.customer_search.setObjectName("customerSearch")
        self.customer_search.setPlaceholderText(self.tr("Type a customer's name or pinyin"))
        self.customer_list = QListWidget()
        self.customer_list.setObjectName("customerPicks")
        self.customer_list.setMaximumHeight(110)
        picker = QWidget()
        column = QVBoxLayout(picker)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.customer_label, self.customer_search, self.customer_list):
            column.addWidget(widget)
        fields.add("account", self.tr("Customer"), picker)
        self.customer_search.textChanged.connect(self._search)
        self.customer_search.returnPressed.connect(self._pick_first)
        self.customer_list.currentItemChanged.connect(self._chosen)
        self.received = fields.add("received_at", self.tr("Received at"), moment_edit())
        self.channel = fields.add("channel", self.tr("Channel"), enum_combo(Channel))
        set_combo_data(self.channel, Channel.PHONE.code)
        self.severity = fields.add("severity", self.tr("Severity"), enum_combo(ComplaintSeverity))
        self.contact = fields.add("contact", self.tr("From"), QComboBox())
        self.description = fields.add(
            "description",
            self.tr("What the customer said"),
            text_box(self.tr("In the customer's words: what went wrong, what they expect")),
        )
        self.description.setPlainText(text)
        top = None
        if answer_id:
            top = QLabel(self.tr("Opened from a dissatisfied survey answer; it stays linked."))
            top.setObjectName("fromSurvey")
            top.setWordWrap(True)
        self._finish(fields, top)
        if form is None:
            self.customer_label.hide()
            self._search("")
            self._first: QWidget = self.customer_search
        else:
            self.customer_search.hide()
            self.customer_list.hide()
            self.set_form(form)
            self._first = self.received if text else self.description
        self._first.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self._first.setFocus()

    def _search(self, text: str) -> None:
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

    def _pick_first(self) -> None:
        if self.customer_list.count():
            self.customer_list.setCurrentRow(0)
            self.received.setFocus()

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            account_id = item.data(Qt.ItemDataRole.UserRole)
            self._ops.read(visits.visit_form, account_id).success(self.set_form).run(
                self, key="form"
            )

    def set_form(self, form: VisitForm) -> None:
        """The customer (picked, or the open one) and its people."""
        self.form = form
        self.customer_label.setText(form.account_name)
        self.customer_label.show()
        self.contact.clear()
        self.contact.addItem(self.tr("(not said)"), None)
        for person in form.people:
            title = f" · {person.title}" if person.title else ""
            self.contact.addItem(f"{person.name}{title}", person.id)

    def accept(self) -> None:
        self.forms[0].clear_errors()
        if self.form is None:
            self.forms[0].show_error("account", self.tr("Choose the customer first."))
            return
        self._write(
            self._ops.write(
                complaints.add_complaint,
                self.form.account_id,
                description=self.description.toPlainText(),
                channel=self.channel.currentData(),
                severity=self.severity.currentData(),
                contact_id=self.contact.currentData(),
                received_at=moment_of(self.received),
                survey_answer_id=self.answer_id,
            )
        )


class RespondDialog(_Dialog):
    """The first response (CMP-2), with the apology in the first person (seed 002)."""

    def __init__(self, ops: Ops, complaint: ComplaintData, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.complaint = complaint
        self.setWindowTitle(self.tr("Respond to the complaint"))
        fields = FieldForm()
        self.at = fields.add("at", self.tr("Responded at"), moment_edit())
        self.apology = fields.add(
            "apology_words",
            self.tr("Apology (your words)"),
            text_box(
                self.tr("In the first person: “I am sorry that…”, not “the company apologises”.")
            ),
        )
        self.apology.setPlainText(complaint.apology_words)
        hint = QLabel(
            self.tr(
                "Say sorry yourself, to the person, and say what you will do next. Leave it "
                "empty if you have not apologised."
            )
        )
        hint.setWordWrap(True)
        fields.add("hint", "", hint)
        self._finish(fields, _summary(complaint))
        self.apology.setFocus()

    def accept(self) -> None:
        self._write(
            self._ops.write(
                complaints.respond,
                self.complaint.id,
                at=moment_of(self.at),
                apology_words=self.apology.toPlainText(),
            )
        )


class ResolveDialog(_Dialog):
    """Put right (CMP-1): what was done, and whether the customer was satisfied with it."""

    def __init__(self, ops: Ops, complaint: ComplaintData, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.complaint = complaint
        self.setWindowTitle(self.tr("Resolve the complaint"))
        fields = FieldForm()
        self.resolution = fields.add(
            "resolution",
            self.tr("What was done"),
            text_box(self.tr("What you did to put it right")),
        )
        self.resolution.setPlainText(complaint.resolution)
        self.satisfied = fields.add(
            "satisfied", self.tr("Customer satisfied"), enum_combo(RecoverySatisfaction)
        )
        set_combo_data(self.satisfied, complaint.satisfied.code)
        self.at = fields.add("at", self.tr("Resolved at"), moment_edit())
        self.apology = fields.add(
            "apology_words",
            self.tr("Apology (your words)"),
            text_box(
                self.tr("In the first person: “I am sorry that…”, not “the company apologises”.")
            ),
        )
        self.apology.setPlainText(complaint.apology_words)
        self._finish(fields, _summary(complaint))
        self.resolution.setFocus()

    def accept(self) -> None:
        self._write(
            self._ops.write(
                complaints.resolve,
                self.complaint.id,
                resolution=self.resolution.toPlainText(),
                satisfied=self.satisfied.currentData(),
                at=moment_of(self.at),
                apology_words=self.apology.toPlainText(),
            )
        )


Done = Callable[[ComplaintData], None] | None


def _run(dialog: SavingDialog, done: Done) -> None:
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None and done:
        done(dialog.saved)


def open_new_complaint(
    owner: QWidget,
    ops: Ops,
    account_id: str | None,
    *,
    answer_id: str | None = None,
    text: str = "",
    done: Done = None,
) -> None:
    """The New complaint dialog for ``account_id`` (None: the user picks the customer), once
    its people are read; ``done(complaint)`` after a save."""
    if account_id is None:
        _run(NewComplaintDialog(ops, None, owner, text=text), done)
        return
    ops.read(visits.visit_form, account_id).success(
        lambda form: _run(
            NewComplaintDialog(ops, form, owner, answer_id=answer_id, text=text), done
        )
    ).run(owner)


def open_complaint_from_answer(
    parent: QWidget,
    ops: Ops,
    account_id: str,
    answer_id: str,
    text: str,
    *,
    done: Done = None,
) -> None:
    """CMP-1, for the surveys GUI: "open a complaint from this" on a dissatisfied answer
    (score 1–3). The New complaint dialog opens on the customer with ``text`` (what the
    customer said) as the description, and the saved complaint keeps ``answer_id``."""
    open_new_complaint(parent, ops, account_id, answer_id=answer_id, text=text, done=done)


def open_respond(owner: QWidget, ops: Ops, complaint: ComplaintData, done: Done = None) -> None:
    _run(RespondDialog(ops, complaint, owner), done)


def open_resolve(owner: QWidget, ops: Ops, complaint: ComplaintData, done: Done = None) -> None:
    _run(ResolveDialog(ops, complaint, owner), done)
