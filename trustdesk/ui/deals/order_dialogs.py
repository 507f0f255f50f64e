"""The order, installed-product and referral dialogs (DEA-3, DEA-4).

An order is typed as lines in a small grid (product, quantity, amount, margin): Tab walks the
cells, a line left empty is skipped, and the total shows as the amounts are typed. An amount
that is not one ("12,3,4", "-5") is named with its line before anything is saved.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.money import DEFAULT_CURRENCY, format_money, to_minor
from trustdesk.services import orders, referrals, visits
from trustdesk.services.visits import VisitForm
from trustdesk.ui.deals.dialogs import FormDialog, day_edit, day_of, notes_box, optional_day
from trustdesk.ui.deals.picker import AccountPicker
from trustdesk.ui.forms import FieldForm
from trustdesk.ui.ops import Ops

START_LINES = 3
PRODUCT, QUANTITY, AMOUNT, MARGIN = range(4)


class OrderDialog(FormDialog):
    """A new order of ``account_id`` with its lines; ``saved`` holds the ``OrderData``."""

    def __init__(self, ops: Ops, account_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.account_id = account_id
        self.setWindowTitle(self.tr("New order"))
        fields = FieldForm()
        self.ordered = fields.add("ordered_on", self.tr("Ordered on"), day_edit())
        self.number = fields.add("number", self.tr("Order number"), QLineEdit())
        self.number.setPlaceholderText(self.tr("Optional, e.g. PO-2026-118"))
        self.currency = fields.add("currency", self.tr("Currency"), QLineEdit(DEFAULT_CURRENCY))
        self.currency.setMaxLength(3)
        self.currency.setMaximumWidth(80)
        self.lines = QTableWidget(0, 4)
        self.lines.setObjectName("orderLines")
        self.lines.setHorizontalHeaderLabels(
            [
                self.tr("Product"),
                self.tr("Quantity"),
                self.tr("Amount (line total)"),
                self.tr("Margin (optional)"),
            ]
        )
        self.lines.verticalHeader().setDefaultSectionSize(26)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(PRODUCT, QHeaderView.ResizeMode.Stretch)
        for column in (QUANTITY, AMOUNT, MARGIN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.lines.setTabKeyNavigation(True)
        self.lines.setMinimumHeight(180)
        for _ in range(START_LINES):
            self.add_line()
        self.add_button = QPushButton(self.tr("Add a &line"))
        self.add_button.clicked.connect(self._add_and_focus)
        self.total = QLabel()
        self.total.setObjectName("orderTotal")
        under = QHBoxLayout()
        under.addWidget(self.add_button)
        under.addStretch(1)
        under.addWidget(self.total)
        box = QWidget()
        stack = QVBoxLayout(box)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(self.lines)
        stack.addLayout(under)
        fields.add("lines", self.tr("Lines"), box)
        self.notes = fields.add("notes", self.tr("Notes"), notes_box())
        self.lines.itemChanged.connect(lambda _item: self._show_total())
        self.currency.textChanged.connect(lambda _text: self._show_total())
        self.finish(fields, width=680)
        self._show_total()
        self.lines.setCurrentCell(0, PRODUCT)
        self.lines.setFocus()

    def add_line(self, product: str = "", quantity: str = "1", amount: str = "") -> int:
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        for column, text in enumerate((product, quantity, amount, "")):
            item = QTableWidgetItem(text)
            if column != PRODUCT:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(row, column, item)
        return row

    def set_line(self, row: int, *cells: str) -> None:
        """Type ``cells`` into line ``row`` (from the product on), adding lines as needed."""
        while self.lines.rowCount() <= row:
            self.add_line()
        for column, text in enumerate(cells):
            item = self.lines.item(row, column)
            assert item is not None
            item.setText(text)

    def _add_and_focus(self) -> None:
        row = self.add_line()
        self.lines.setFocus()
        self.lines.setCurrentCell(row, PRODUCT)

    def _cell(self, row: int, column: int) -> str:
        item = self.lines.item(row, column)
        return item.text().strip() if item is not None else ""

    def typed_lines(self) -> list[tuple[int, dict[str, Any]]]:
        """(line number shown, line) for every line with a product or an amount."""
        out = []
        for row in range(self.lines.rowCount()):
            product, quantity, amount, margin = (self._cell(row, c) for c in range(4))
            if product or amount or margin:
                line = {"product": product, "quantity": quantity, "amount": amount}
                line["margin"] = margin
                out.append((row + 1, line))
        return out

    def _show_total(self) -> None:
        minor = 0
        for _n, line in self.typed_lines():
            minor += to_minor(line["amount"]) or 0
        currency = self.currency.text().strip().upper() or DEFAULT_CURRENCY
        self.total.setText(self.tr("Total: {0}").format(format_money(minor, currency)))

    def bad_amount(self) -> str | None:
        """The first amount or margin that is not one, said with its line; None if all are."""
        for n, line in self.typed_lines():
            for key, name in (("amount", self.tr("amount")), ("margin", self.tr("margin"))):
                text = line[key]
                if (key == "amount" or text) and to_minor(text) is None:
                    return self.tr(
                        "Line {0}: the {1} “{2}” is not an amount; write it like 12,000 or "
                        "12000.50 (not negative, at most 2 decimals)."
                    ).format(n, name, text)
        return None

    def accept(self) -> None:
        form = self.forms[0]
        form.clear_errors()
        problem = self.bad_amount()
        if problem is not None:
            form.show_error("lines", problem)
            return
        self.save_with(
            self._ops.write(
                orders.add_order,
                self.account_id,
                [line for _n, line in self.typed_lines()],
                ordered_on=day_of(self.ordered),
                number=self.number.text(),
                currency=self.currency.text(),
                notes=self.notes.toPlainText(),
            )
        )

    def _on_refused(self, error: BaseException) -> None:
        """A line's refusal (product, quantity…) shows under the lines."""
        from trustdesk.errors import ValidationError
        from trustdesk.ui.i18n import error_text
        from trustdesk.ui.ops import users_mistake

        mistake = users_mistake(error)
        if isinstance(mistake, ValidationError) and mistake.field not in self.forms[0].editors:
            self.setEnabled(True)
            self.forms[0].show_error("lines", error_text(mistake))
            return
        super()._on_refused(error)


class InstalledDialog(FormDialog):
    """DEA-3: a product in use at the customer and the day it should be replaced (the
    reminder comes the team's notice before it)."""

    def __init__(self, ops: Ops, account_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.account_id = account_id
        self.setWindowTitle(self.tr("Installed product"))
        fields = FieldForm()
        self.product = fields.add("product", self.tr("Product"), QLineEdit())
        self.product.setPlaceholderText(self.tr("e.g. CT scanner, model and serial"))
        self.installed = fields.add(
            "installed_on", self.tr("Installed on"), optional_day(None, self.tr("e.g. 2022-03-01"))
        )
        self.replace_by = fields.add(
            "replace_by", self.tr("Replace by"), optional_day(None, self.tr("e.g. 2027-03-01"))
        )
        self.notes = fields.add("notes", self.tr("Notes"), notes_box())
        self.finish(fields)
        self.product.setFocus()

    def accept(self) -> None:
        self.forms[0].clear_errors()
        self.save_with(
            self._ops.write(
                orders.add_installed,
                self.account_id,
                self.product.text(),
                installed_on=self.installed.text().strip(),
                replace_by=self.replace_by.text().strip(),
                notes=self.notes.toPlainText(),
            )
        )


class ReferralDialog(FormDialog):
    """DEA-4: who referred this customer, or whom it referred; and, when known, the person
    who did the referring (at the referring customer)."""

    def __init__(
        self, ops: Ops, account_id: str, account_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ops, parent)
        self.account_id = account_id
        self.account_name = account_name
        self.people_of: str | None = ""  # whose people the person list holds ("": none yet)
        self.setWindowTitle(self.tr("Add a referral"))
        fields = FieldForm()
        self.direction = fields.add("direction", self.tr("Referral"), QComboBox())
        self.direction.addItem(self.tr("{0} was referred by…").format(account_name), "by")
        self.direction.addItem(self.tr("{0} referred…").format(account_name), "to")
        self.picker = fields.add(
            "by_account_id", self.tr("Customer"), AccountPicker(ops, exclude=account_id)
        )
        self.person = fields.add("by_contact_id", self.tr("Person who referred"), QComboBox())
        self.person.setMinimumContentsLength(16)
        self.day = fields.add("referred_on", self.tr("Referred on"), day_edit())
        self.notes = fields.add("notes", self.tr("Notes"), notes_box())
        self.direction.currentIndexChanged.connect(lambda _i: self._load_people())
        self.picker.picked.connect(lambda _id, _name: self._load_people())
        self.finish(fields, width=560)
        self._load_people()
        self.picker.setFocus()

    def referrer(self) -> str | None:
        """The customer that did the referring: the one picked, or this one."""
        return self.picker.account_id if self.direction.currentData() == "by" else self.account_id

    def _load_people(self) -> None:
        by = self.referrer()
        if by == self.people_of:
            return
        self.people_of = by
        self.person.clear()
        self.person.addItem(self.tr("(not said)"), None)
        if by is not None:
            self._ops.read(visits.visit_form, by).success(self._show_people).run(self, key="people")

    def _show_people(self, form: VisitForm) -> None:
        if form.account_id != self.people_of:
            return
        for person in form.people:
            title = f" · {person.title}" if person.title else ""
            self.person.addItem(f"{person.name}{title}", person.id)

    def accept(self) -> None:
        form = self.forms[0]
        form.clear_errors()
        picked = self.picker.account_id
        if picked is None:
            form.show_error("by_account_id", self.tr("Choose the other customer first."))
            return
        came_by = self.direction.currentData() == "by"
        referred, by = (self.account_id, picked) if came_by else (picked, self.account_id)
        self.save_with(
            self._ops.write(
                referrals.add_referral,
                referred,
                by,
                by_contact_id=self.person.currentData(),
                referred_on=day_of(self.day),
                notes=self.notes.toPlainText(),
            )
        )
