"""The feedback loop's dialogs (CMP-4 "请您说，我们听，我们做") and the service log's (TCH-2):
link a complaint to an improvement, tell a customer it is done, record good service, and
pick a dissatisfied survey answer to open a complaint from."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from trustdesk.services import improvements, service_log, surveys
from trustdesk.services.records import (
    ComplaintData,
    FollowUpData,
    ImprovementData,
    InformedData,
)
from trustdesk.ui.complaints import texts
from trustdesk.ui.complaints.dialog import moment_edit, moment_of, text_box
from trustdesk.ui.forms import FieldForm
from trustdesk.ui.i18n import current_language
from trustdesk.ui.ops import Ops
from trustdesk.ui.saving_dialog import SavingDialog
from trustdesk.ui.visits.rows import LATE, Row, RowsModel, fit_columns, rows_table


class _Form(SavingDialog):
    def _finish(self, fields: FieldForm, top: QWidget | None = None) -> None:
        self.forms = (fields,)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            not self._ops.store.read_only
        )
        for keys in (QKeySequence(QKeySequence.StandardKey.Save), QKeySequence("Ctrl+Return")):
            QShortcut(keys, self, self.accept)
        layout = QVBoxLayout(self)
        if top is not None:
            if isinstance(top, QLabel):
                top.setWordWrap(True)
            layout.addWidget(top)
        layout.addWidget(fields)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


class LinkImprovementDialog(_Form):
    """Link a complaint to an open improvement, or to a new one (CMP-4)."""

    def __init__(
        self,
        ops: Ops,
        complaint: ComplaintData,
        actions: list[ImprovementData],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.complaint = complaint
        self.setWindowTitle(self.tr("Link to an improvement"))
        fields = FieldForm()
        self.action = fields.add("action", self.tr("Improvement"), QComboBox())
        self.action.addItem(self.tr("(a new improvement)"), None)
        for action in actions:
            self.action.addItem(texts.one_line(action.what), action.id)
        self.what = fields.add(
            "what",
            self.tr("What we will change"),
            text_box(self.tr("e.g. Confirm delivery dates in writing")),
        )
        self.due = fields.add("due", self.tr("Due (YYYY-MM-DD)"), QLineEdit())
        self.action.currentIndexChanged.connect(self._update)
        top = QLabel(
            self.tr("Complaint of {0}: {1}").format(
                complaint.account_name, texts.one_line(complaint.description)
            )
        )
        self._finish(fields, top)
        self._update()
        self.action.setFocus()

    def _update(self) -> None:
        new = self.action.currentData() is None
        self.what.setEnabled(new)
        self.due.setEnabled(new)

    def accept(self) -> None:
        self.forms[0].clear_errors()
        action_id = self.action.currentData()
        if action_id is None:
            op = self._ops.write(
                improvements.add_action,
                self.what.toPlainText(),
                sources=[("complaint", self.complaint.id)],
                due=self.due.text().strip() or None,
            )
        else:
            op = self._ops.write(
                improvements.link_feedback, action_id, "complaint", self.complaint.id
            )
        self.save_with(op)


class NewImprovementDialog(_Form):
    """An improvement action on its own (feedback can be linked to it afterwards)."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setWindowTitle(self.tr("New improvement"))
        fields = FieldForm()
        self.what = fields.add(
            "what",
            self.tr("What we will change"),
            text_box(self.tr("e.g. Confirm delivery dates in writing")),
        )
        self.due = fields.add("due", self.tr("Due (YYYY-MM-DD)"), QLineEdit())
        self._finish(fields)
        self.what.setFocus()

    def accept(self) -> None:
        self.forms[0].clear_errors()
        self.save_with(
            self._ops.write(
                improvements.add_action,
                self.what.toPlainText(),
                due=self.due.text().strip() or None,
            )
        )


class InformDialog(_Form):
    """The customer was told the improvement it asked for is done: when and how."""

    def __init__(
        self,
        ops: Ops,
        action: ImprovementData,
        customer: InformedData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.action, self.customer = action, customer
        self.setWindowTitle(self.tr("Mark informed"))
        fields = FieldForm()
        self.how = fields.add("how", self.tr("How they were told"), QLineEdit())
        self.how.setPlaceholderText(self.tr("e.g. phone call with the buyer, at the visit"))
        self.at = fields.add("at", self.tr("When"), moment_edit())
        top = QLabel(
            self.tr("Told {0} that this is done: {1}").format(
                customer.account_name, texts.one_line(action.what)
            )
        )
        self._finish(fields, top)
        self.how.setFocus()

    def accept(self) -> None:
        self.forms[0].clear_errors()
        self.save_with(
            self._ops.write(
                improvements.mark_informed,
                self.action.id,
                self.customer.account_id,
                how=self.how.text(),
                at=moment_of(self.at),
            )
        )


class ServiceRecordDialog(_Form):
    """TCH-2: good service delivered to the customer (from a resolved complaint, pre-filled)."""

    def __init__(
        self,
        ops: Ops,
        account_id: str,
        account_name: str,
        parent: QWidget | None = None,
        *,
        what: str = "",
        complaint_id: str | None = None,
        day: date | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.account_id, self.complaint_id = account_id, complaint_id
        self.setWindowTitle(self.tr("Record the good service delivered — {0}").format(account_name))
        fields = FieldForm()
        self.what = fields.add("what", self.tr("What we did"), text_box())
        self.what.setPlainText(what)
        self.day = fields.add("day", self.tr("Day (YYYY-MM-DD)"), QLineEdit())
        self.day.setText((day or date.today()).isoformat())
        self.value = fields.add("value", self.tr("Worth to them"), QLineEdit())
        self.value.setPlaceholderText(self.tr("e.g. the line kept running; saved ¥20,000"))
        top = QLabel(
            self.tr(
                "Kept so that you can remind the customer of it (“what we did for you this year”)."
            )
        )
        self._finish(fields, top)
        (self.value if what else self.what).setFocus()

    def accept(self) -> None:
        self.forms[0].clear_errors()
        self.save_with(
            self._ops.write(
                service_log.add_service_record,
                self.account_id,
                self.what.toPlainText(),
                day=self.day.text().strip() or None,
                value=self.value.text(),
                complaint_id=self.complaint_id,
            )
        )


def service_from_complaint(complaint: ComplaintData) -> str:
    """What a resolved complaint pre-fills in the service log: what was put right."""
    return complaint.resolution or complaint.description


class FollowUpPicker(QDialog):
    """The open follow-ups of dissatisfied survey answers (scores 1–3): Enter picks one to
    open a complaint from (``chosen``)."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.chosen: FollowUpData | None = None
        self.setWindowTitle(self.tr("Open a complaint from a low survey score"))
        self.model = RowsModel(
            [
                self.tr("Customer"),
                self.tr("Score"),
                self.tr("Question"),
                self.tr("What they said"),
                self.tr("Surveyed"),
            ],
            self,
        )
        self.table = rows_table(self.model, "followUpList")
        self.table.activated.connect(lambda _i: self.accept())
        self.empty = QLabel(self.tr("Reading the survey follow-ups…"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 380)
        ops.read(surveys.follow_ups, open_only=True).success(self._show).run(self)

    def _show(self, rows: list[FollowUpData]) -> None:
        zh = current_language() == "zh"
        self.model.set_rows(
            [
                Row(
                    (
                        f.account_name,
                        str(f.score),
                        f.question_zh if zh else f.question_en,
                        texts.one_line(f.comment),
                        texts.day(f.taken_at),
                    ),
                    f,
                    color=LATE if f.overdue else None,
                )
                for f in rows
            ]
        )
        fit_columns(self.table)
        self.empty.setText(
            self.tr("Dissatisfied answers (score 1–3) still to follow up: Enter opens a complaint.")
            if rows
            else self.tr("No dissatisfied survey answer is waiting for a follow-up.")
        )
        if rows:
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.setFocus()

    def accept(self) -> None:
        found = self.model.payload(self.table.currentIndex())
        if isinstance(found, FollowUpData):
            self.chosen = found
            super().accept()


def complaint_text(follow_up: FollowUpData) -> str:
    """The description a complaint opened from a survey answer starts with."""
    zh = current_language() == "zh"
    question = follow_up.question_zh if zh else follow_up.question_en
    said = follow_up.comment.strip()
    head = f"{question} {follow_up.score}/5"
    return f"{head}\n{said}" if said else head
