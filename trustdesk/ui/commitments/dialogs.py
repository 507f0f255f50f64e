"""Making a promise and moving its status (COM-1, COM-2).

The services decide: a reason is required to call a promise broken or withdrawn, and a value
beyond the team's bottom line needs approval. The dialogs show that before and after: the
bottom-line hint updates as the value is typed, and a refusal appears beside the field with
what the user typed left in place.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.bottom_lines import beyond
from trustdesk.domain.enums import BottomLine, CommitmentStatus
from trustdesk.services import commitments
from trustdesk.services.records import CommitmentData, ContactData
from trustdesk.ui.forms import ERROR_STYLE, FieldForm, enum_combo, text_of
from trustdesk.ui.i18n import current_language, label
from trustdesk.ui.ops import Ops
from trustdesk.ui.saving_dialog import SavingDialog

WITHIN_STYLE = "color: #3b6e3b;"


def _buttons(dialog: SavingDialog, read_only: bool) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not read_only)
    QShortcut(QKeySequence(QKeySequence.StandardKey.Save), dialog, dialog.accept)
    return buttons


def limit_text(line: BottomLine, limit: int) -> str:
    """ "15 %", "7 days", "500 yuan" in the interface language."""
    unit = line.unit(current_language())
    return f"{limit} {unit}" if unit != "%" else f"{limit} %"


class CommitmentDialog(SavingDialog):
    """A new promise: what, to whom, by when, and optionally the bottom line it touches.
    ``saved`` holds the ``CommitmentData`` once written."""

    def __init__(
        self,
        ops: Ops,
        account_id: str,
        people: list[ContactData],
        limits: dict[BottomLine, int],
        parent: QWidget | None = None,
        *,
        contact_id: str | None = None,
        visit_id: str | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self._account_id = account_id
        self._visit_id = visit_id
        self.limits = limits
        self.setWindowTitle(self.tr("New commitment"))
        self.setMinimumWidth(520)
        form = FieldForm()
        self.forms = (form,)
        self.what = form.add("what", self.tr("What was promised"), QPlainTextEdit())
        self.what.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.what.setTabChangesFocus(True)
        self.what.setPlaceholderText(self.tr("e.g. send the revised quotation"))
        self.contact = form.add("contact", self.tr("To whom"), QComboBox())
        self.contact.addItem(self.tr("(the customer in general)"), None)
        for person in people:
            if person.departed:
                continue
            title = f" · {person.title}" if person.title else ""
            self.contact.addItem(f"{person.name}{title}", person.id)
        if contact_id is not None:
            self.contact.setCurrentIndex(max(self.contact.findData(contact_id), 0))
        self.due = form.add("due", self.tr("Due"), QLineEdit())
        self.due.setPlaceholderText(self.tr("YYYY-MM-DD"))
        line_box = QWidget()
        row = QHBoxLayout(line_box)
        row.setContentsMargins(0, 0, 0, 0)
        self.line = enum_combo(BottomLine, self.tr("— none —"))
        self.line.setObjectName("bottomLineKind")
        self.value = QLineEdit()
        self.value.setObjectName("bottomLineValue")
        self.value.setPlaceholderText(self.tr("value"))
        self.value.setMaximumWidth(110)
        self.unit = QLabel()
        row.addWidget(self.line, 1)
        row.addWidget(self.value)
        row.addWidget(self.unit)
        form.add("value", self.tr("Bottom line"), line_box)
        self.hint = QLabel()
        self.hint.setObjectName("bottomLineHint")
        self.hint.setWordWrap(True)
        form.layout_.addRow("", self.hint)
        self.line.currentIndexChanged.connect(self.update_hint)
        self.value.textChanged.connect(self.update_hint)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(_buttons(self, ops.store.read_only))
        self.update_hint()
        self.what.setFocus()

    def bottom_line(self) -> BottomLine | None:
        code = self.line.currentData()
        return None if code is None else BottomLine.parse(code)

    def update_hint(self) -> None:
        """Say, as the value is typed, whether it stays within the team's limit."""
        line = self.bottom_line()
        self.value.setEnabled(line is not None)
        self.unit.setText("" if line is None else line.unit(current_language()))
        if line is None:
            self.hint.clear()
            return
        limit = self.limits[line]
        try:
            value = float(self.value.text().strip().rstrip("%").strip())
        except ValueError:
            self.hint.setStyleSheet("color: #666;")
            self.hint.setText(self.tr("Limit: {0}").format(limit_text(line, limit)))
            return
        if beyond(line, value, limit):
            self.hint.setStyleSheet(ERROR_STYLE)
            self.hint.setText(
                self.tr("Beyond the bottom line (limit {0}): needs approval").format(
                    limit_text(line, limit)
                )
            )
        else:
            self.hint.setStyleSheet(WITHIN_STYLE)
            self.hint.setText(
                self.tr("Within the bottom line (limit {0})").format(limit_text(line, limit))
            )

    def accept(self) -> None:
        self.forms[0].clear_errors()
        line = self.bottom_line()
        value = self.value.text().strip() if line is not None else None
        op = self._ops.write(
            commitments.add_commitment,
            self._account_id,
            text_of(self.what),
            contact_id=self.contact.currentData(),
            due=self.due.text().strip() or None,
            visit_id=self._visit_id,
            bottom_line_kind=line,
            value=value or None,
        )
        self.save_with(op)


class StatusDialog(SavingDialog):
    """Kept, broken, withdrawn or open again, with why. The service refuses broken and
    withdrawn without a reason; the refusal shows under the reason, the text stays."""

    def __init__(
        self,
        ops: Ops,
        promise: CommitmentData,
        parent: QWidget | None = None,
        status: CommitmentStatus | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self._promise = promise
        self.setWindowTitle(self.tr("Change status"))
        self.setMinimumWidth(480)
        form = FieldForm()
        self.forms = (form,)
        what = QLabel(promise.what)
        what.setWordWrap(True)
        form.layout_.addRow(self.tr("Promise"), what)
        form.layout_.addRow(self.tr("Now"), QLabel(label(promise.status)))
        self.status = form.add("status", self.tr("New status"), enum_combo(CommitmentStatus))
        default = status or (
            CommitmentStatus.KEPT
            if promise.status is not CommitmentStatus.KEPT
            else CommitmentStatus.OPEN
        )
        self.status.setCurrentIndex(max(self.status.findData(default.code), 0))
        self.reason = form.add("reason", self.tr("Why"), QPlainTextEdit())
        self.reason.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(
            self.tr("Required for broken and withdrawn: what happened, what the customer was told")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(_buttons(self, ops.store.read_only))
        self.status.setFocus()

    def accept(self) -> None:
        self.forms[0].clear_errors()
        op = self._ops.write(
            commitments.set_status,
            self._promise.id,
            self.status.currentData(),
            text_of(self.reason),
        )
        self.save_with(op)


def due_text(due: date | None) -> str:
    return due.isoformat() if due is not None else ""
