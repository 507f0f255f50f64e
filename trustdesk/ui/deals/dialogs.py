"""The deal dialogs (DEA-1, DEA-2): a deal new or edited, a move to another stage (won or lost
asks the closing day; lost asks why) and the deal's team.

Keyboard first: the first field has the focus, Tab walks the fields, Ctrl+S or Ctrl+Enter
saves. A refused save keeps the dialog open with what was typed and the reason under the
field it names.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import DealRole, DealStage, SalesChannel
from trustdesk.domain.money import DEFAULT_CURRENCY
from trustdesk.services import deals
from trustdesk.services.records import DealData
from trustdesk.services.visit_plan import today
from trustdesk.ui.deals import texts
from trustdesk.ui.forms import FieldForm, enum_combo, set_combo_data, show_refusal
from trustdesk.ui.i18n import label
from trustdesk.ui.ops import Ops, users_mistake
from trustdesk.ui.saving_dialog import SavingDialog

DATE_FORMAT = "yyyy-MM-dd"


def day_edit(value: date | None = None) -> QDateEdit:
    """A required day (today unless told), with a calendar."""
    edit = QDateEdit()
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    picked = value or today()
    edit.setDate(QDate(picked.year, picked.month, picked.day))
    return edit


def day_of(edit: QDateEdit) -> date:
    value = edit.date().toPython()
    assert isinstance(value, date)
    return value


def optional_day(value: date | None, placeholder: str) -> QLineEdit:
    """A day that may stay empty, typed as 2026-12-31 (the service says when it is not one)."""
    edit = QLineEdit(texts.day(value))
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(10)
    return edit


def notes_box(text: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(90)
    return box


class FormDialog(SavingDialog):
    """Save/Cancel and the save shortcuts, over one form (and what is above it). A refusal
    naming no field of the form shows under the first field."""

    def finish(self, fields: FieldForm, top: QWidget | None = None, width: int = 520) -> None:
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
        self.setMinimumWidth(width)

    def _on_refused(self, error: BaseException) -> None:
        self.setEnabled(True)
        mistake = users_mistake(error)
        if mistake is None:
            self._ops.report_failure(error)
        else:
            show_refusal(self.forms, mistake, fallback=next(iter(self.forms[0].editors)))


class DealDialog(FormDialog):
    """A new deal with ``account_id`` (``deal`` None) or ``deal`` edited; ``saved`` holds
    the written ``DealData``."""

    def __init__(
        self,
        ops: Ops,
        account_id: str,
        deal: DealData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.account_id = account_id
        self.deal = deal
        self.setWindowTitle(self.tr("New deal") if deal is None else self.tr("Edit the deal"))
        fields = FieldForm()
        self.title_edit = fields.add("title", self.tr("Deal"), QLineEdit())
        self.title_edit.setPlaceholderText(self.tr("What they would buy, e.g. 2 packing lines"))
        self.channel = fields.add("channel", self.tr("Channel"), enum_combo(SalesChannel))
        self.amount = fields.add("amount", self.tr("Amount"), QLineEdit())
        self.amount.setPlaceholderText(self.tr("e.g. 120,000 or 8500.50"))
        self.currency = fields.add("currency", self.tr("Currency"), QLineEdit(DEFAULT_CURRENCY))
        self.currency.setMaxLength(3)
        self.currency.setMaximumWidth(80)
        self.stage: QWidget | None = None
        self.opened: QDateEdit | None = None
        if deal is None:
            stage = enum_combo(DealStage)
            for closed in (DealStage.WON, DealStage.LOST):  # closing asks more: Move to…
                stage.removeItem(stage.findData(closed.code))
            self.stage = fields.add("stage", self.tr("Stage"), stage)
            self.opened = fields.add("opened_on", self.tr("Opened on"), day_edit())
        self.expected = fields.add(
            "expected_close",
            self.tr("Expected close"),
            optional_day(deal.expected_close if deal else None, self.tr("e.g. 2026-12-31")),
        )
        self.notes = fields.add("notes", self.tr("Notes"), notes_box(deal.notes if deal else ""))
        if deal is not None:
            self.title_edit.setText(deal.title)
            set_combo_data(self.channel, deal.channel.code)
            self.amount.setText(texts.plain_amount(deal.amount) if deal.amount else "")
            self.currency.setText(deal.currency)
        self.finish(fields)
        self.title_edit.setFocus()

    def accept(self) -> None:
        self.forms[0].clear_errors()
        values = {
            "title": self.title_edit.text(),
            "channel": self.channel.currentData(),
            "amount": self.amount.text(),
            "currency": self.currency.text(),
            "expected_close": self.expected.text().strip(),
            "notes": self.notes.toPlainText(),
        }
        if self.deal is None:
            assert self.stage is not None and self.opened is not None
            self.save_with(
                self._ops.write(
                    deals.add_deal,
                    self.account_id,
                    values.pop("title"),
                    stage=self.stage.currentData(),  # type: ignore[attr-defined]
                    opened_on=day_of(self.opened),
                    **values,
                )
            )
        else:
            self.save_with(self._ops.write(deals.update_deal, self.deal.id, **values))


class MoveDialog(FormDialog):
    """The deal moves to another stage: won or lost closes it on a day (today unless told);
    lost asks why, for the next deal's sake."""

    def __init__(
        self,
        ops: Ops,
        deal: DealData,
        parent: QWidget | None = None,
        *,
        stage: DealStage | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self.deal = deal
        self.setWindowTitle(self.tr("Move the deal"))
        top = QLabel(f"<b>{escape(deal.title)}</b> · {texts.money(deal.amount, deal.currency)}")
        fields = FieldForm()
        self.stage = fields.add("stage", self.tr("Move to"), enum_combo(DealStage))
        set_combo_data(self.stage, (stage or _next_stage(deal.stage)).code)
        self.closed = fields.add("closed_on", self.tr("Closed on"), day_edit(deal.closed_on))
        self.reason = fields.add("lost_reason", self.tr("Why it was lost"), QLineEdit())
        self.reason.setPlaceholderText(
            self.tr("e.g. price 8% above the rival's; delivery too late")
        )
        self.reason.setText(deal.lost_reason)
        self.stage.currentIndexChanged.connect(self._update)
        self.finish(fields, top)
        self._update()
        self.stage.setFocus()

    def chosen(self) -> DealStage:
        return DealStage.parse(self.stage.currentData())

    def _update(self) -> None:
        stage = self.chosen()
        form = self.forms[0].layout_
        for editor, shown in ((self.closed, stage.closed), (self.reason, stage is DealStage.LOST)):
            box = editor.parentWidget()  # the editor with its error line: one row of the form
            assert box is not None
            form.setRowVisible(box, shown)

    def accept(self) -> None:
        self.forms[0].clear_errors()
        stage = self.chosen()
        reason = self.reason.text().strip()
        if stage is DealStage.LOST and not reason:
            self.forms[0].show_error(
                "lost_reason",
                self.tr("Say why the deal was lost: it is how the next one is won."),
            )
            return
        self.save_with(
            self._ops.write(
                deals.move_deal,
                self.deal.id,
                stage,
                closed_on=day_of(self.closed) if stage.closed else None,
                lost_reason=reason if stage is DealStage.LOST else "",
            )
        )


def _next_stage(stage: DealStage) -> DealStage:
    """Where a deal usually goes next: one stage on; a closed one reopens as a proposal."""
    if stage.closed:
        return DealStage.PROPOSAL
    return list(DealStage)[stage.position + 1]


NAME_SEPARATORS = (",", "，", "、", ";", "；")


def names_in(text: str) -> list[str]:
    """``王五, 李四`` (or 、 ， ;) → the names, without blanks or repeats."""
    for separator in NAME_SEPARATORS[1:]:
        text = text.replace(separator, ",")
    return list(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))


class TeamDialog(FormDialog):
    """DEA-2: who of ours works the deal, by role (seed 000): names typed per role, several
    separated by commas; a name not known yet becomes a member of the team."""

    def __init__(self, ops: Ops, deal: DealData, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.deal = deal
        self.setWindowTitle(self.tr("The deal's team"))
        top = QLabel(
            self.tr(
                "<b>{0}</b><br>Names separated by commas; leave a role empty if no one."
            ).format(escape(deal.title))
        )
        top.setWordWrap(True)
        fields = FieldForm()
        self.roles: dict[DealRole, QLineEdit] = {}
        for role in DealRole:
            names = [m.name for m in deal.team if m.role is role]
            self.roles[role] = fields.add(role.code, label(role), QLineEdit(", ".join(names)))
        self.finish(fields, top)
        self.roles[DealRole.GENERAL_MANAGER].setFocus()

    def accept(self) -> None:
        self.forms[0].clear_errors()
        members = [
            (role, name) for role, edit in self.roles.items() for name in names_in(edit.text())
        ]
        self.save_with(self._ops.write(deals.set_deal_team, self.deal.id, members))
