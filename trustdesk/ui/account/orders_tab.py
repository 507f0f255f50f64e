"""Orders & products tab (DEA-3): the customer's orders with their lines and the total of each,
and the products installed there with the day each should be replaced. A product whose
reminder day has come (the team's notice before its replacement day) stands out: seed 004's
GE example — offer the replacement before the customer starts shopping around.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustdesk.services import orders
from trustdesk.services.records import InstalledProductData, OrderData
from trustdesk.services.visit_plan import today
from trustdesk.ui.account.tab import AccountTab
from trustdesk.ui.deals import texts
from trustdesk.ui.deals.order_dialogs import InstalledDialog, OrderDialog
from trustdesk.ui.ops import Ops
from trustdesk.ui.visits.rows import LATE, Row, RowsModel, fit_columns, rows_table

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def quantity(value: float) -> str:
    return f"{value:g}"


def is_due(product: InstalledProductData, on: date) -> bool:
    """Its replacement should be offered by now."""
    return product.remind_from is not None and product.remind_from <= on


class OrdersTab(AccountTab):
    KINDS = frozenset({"order", "installed", "account"})

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.orders: list[OrderData] = []
        self.installed: list[InstalledProductData] = []
        self.due_count = 0
        self.summary = QLabel()
        self.summary.setObjectName("orderSummary")
        self.new_order_button = QPushButton(self.tr("New &order…"))
        self.delete_order_button = QPushButton(self.tr("Delete the order"))
        self.new_order_button.clicked.connect(self.new_order)
        self.delete_order_button.clicked.connect(self.delete_order)
        order_buttons = QHBoxLayout()
        order_buttons.addWidget(self.new_order_button)
        order_buttons.addWidget(self.delete_order_button)
        order_buttons.addStretch(1)
        order_buttons.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setObjectName("orderTree")
        self.tree.setHeaderLabels(
            [
                self.tr("Ordered on"),
                self.tr("Order / product"),
                self.tr("Quantity"),
                self.tr("Amount"),
                self.tr("Margin"),
                self.tr("Notes"),
            ]
        )
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        QShortcut(QKeySequence.StandardKey.Delete, self.tree, self.delete_order).setContext(
            Qt.ShortcutContext.WidgetShortcut
        )
        order_box = QGroupBox(self.tr("Orders"))
        order_layout = QVBoxLayout(order_box)
        order_layout.addLayout(order_buttons)
        order_layout.addWidget(self.tree, 1)
        self.order_box = order_box

        self.installed_model = RowsModel(
            [
                self.tr("Product"),
                self.tr("Installed on"),
                self.tr("Replace by"),
                self.tr("Offer the replacement from"),
                self.tr("Notes"),
            ],
            self,
        )
        self.installed_table = rows_table(self.installed_model, "installedTable")
        self.installed_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_buttons()
        )
        QShortcut(
            QKeySequence.StandardKey.Delete, self.installed_table, self.delete_installed
        ).setContext(Qt.ShortcutContext.WidgetShortcut)
        self.add_installed_button = QPushButton(self.tr("Add an &installed product…"))
        self.delete_installed_button = QPushButton(self.tr("Remove the product"))
        self.add_installed_button.clicked.connect(self.add_installed)
        self.delete_installed_button.clicked.connect(self.delete_installed)
        self.due_label = QLabel()
        self.due_label.setObjectName("replacementsDue")
        self.due_label.setStyleSheet(f"color: {LATE.name()}; font-weight: bold;")
        installed_buttons = QHBoxLayout()
        installed_buttons.addWidget(self.add_installed_button)
        installed_buttons.addWidget(self.delete_installed_button)
        installed_buttons.addStretch(1)
        installed_buttons.addWidget(self.due_label)
        self.installed_box = QGroupBox()
        installed_layout = QVBoxLayout(self.installed_box)
        installed_layout.addLayout(installed_buttons)
        installed_layout.addWidget(self.installed_table, 1)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(order_box)
        split.addWidget(self.installed_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(split)
        self._set_installed_title()
        self._update_buttons()

    def title(self) -> str:
        """A tab's caption reads & as a shortcut mark: doubled, it shows."""
        if self.due_count:
            text = self.tr("Orders & products · {0} to replace").format(self.due_count)
        else:
            text = self.tr("Orders & products")
        return text.replace("&", "&&")

    # --- reading ---------------------------------------------------------------------------

    def load(self) -> None:
        self.ops.read(orders.list_orders, self.account_id).success(self._show_orders).run(
            self, key="orders"
        )
        self.ops.read(orders.list_installed, self.account_id).success(self._show_installed).run(
            self, key="installed"
        )

    def _show_orders(self, found: list[OrderData]) -> None:
        self.orders = found
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for order in found:
            name = order.number or self.tr("Order")
            lines = len(order.lines)
            what = self.tr("{0} · 1 line") if lines == 1 else self.tr("{0} · {1} lines")
            margins = [line.margin for line in order.lines]
            margin = None if None in margins else sum(m for m in margins if m is not None)
            top = QTreeWidgetItem(
                [
                    texts.day(order.ordered_on),
                    what.format(name, lines),
                    "",
                    texts.money(order.total, order.currency),
                    texts.money(margin, order.currency),
                    texts.one_line(order.notes),
                ]
            )
            top.setData(0, Qt.ItemDataRole.UserRole, order.id)
            for column in (1, 3):
                top.setFont(column, bold)
            for column in (3, 4):
                top.setTextAlignment(column, RIGHT)
            for line in order.lines:
                child = QTreeWidgetItem(
                    [
                        "",
                        line.product,
                        quantity(line.quantity),
                        texts.money(line.amount, order.currency),
                        texts.money(line.margin, order.currency),
                        "",
                    ]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, order.id)
                for column in (2, 3, 4):
                    child.setTextAlignment(column, RIGHT)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        for column in range(self.tree.columnCount() - 1):
            self.tree.resizeColumnToContents(column)
            if self.tree.columnWidth(column) > 280:
                self.tree.setColumnWidth(column, 280)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._summarise(found)
        self._update_buttons()

    def _summarise(self, found: list[OrderData]) -> None:
        worth: dict[str, int] = {}
        for order in found:
            worth[order.currency] = worth.get(order.currency, 0) + order.total
        if not found:
            self.summary.setText(self.tr("No orders yet."))
        else:
            n = len(found)
            text = self.tr("1 order, {1} in all") if n == 1 else self.tr("{0} orders, {1} in all")
            self.summary.setText(text.format(n, texts.totals(worth)))

    def _show_installed(self, found: list[InstalledProductData]) -> None:
        self.installed = found
        now = today()
        rows = []
        for p in found:
            due = is_due(p, now)
            offer = texts.day(p.remind_from)
            if due:
                offer = self.tr("⚠ {0} — offer it now").format(offer)
            rows.append(
                Row(
                    (
                        p.product,
                        texts.day(p.installed_on),
                        texts.day(p.replace_by),
                        offer,
                        texts.one_line(p.notes),
                    ),
                    p,
                    color=LATE if due else None,
                    tip=p.notes or p.product,
                )
            )
        self.installed_model.set_rows(rows)
        fit_columns(self.installed_table)
        due_count = sum(1 for p in found if is_due(p, now))
        self.due_label.setText(
            self.tr("{0} to offer a replacement now").format(due_count) if due_count else ""
        )
        if due_count != self.due_count:
            self.due_count = due_count
            self.titleChanged.emit()
        self._set_installed_title()
        self._update_buttons()

    def is_highlighted(self, row: int) -> bool:
        """Whether installed product ``row`` shows as due (what the eye catches: the red)."""
        return self.installed_model.rows[row].color == LATE

    def _set_installed_title(self) -> None:
        self.installed_box.setTitle(
            self.tr("Installed products ({0})").format(self.installed_model.rowCount())
        )

    # --- the selection ---------------------------------------------------------------------

    def selected_order(self) -> OrderData | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        order_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((o for o in self.orders if o.id == order_id), None)

    def selected_installed(self) -> InstalledProductData | None:
        found = self.installed_model.payload(self.installed_table.currentIndex())
        return found if isinstance(found, InstalledProductData) else None

    def _update_buttons(self) -> None:
        writable = not self.ops.store.read_only
        here = self.account_id is not None
        self.new_order_button.setEnabled(writable and here)
        self.add_installed_button.setEnabled(writable and here)
        self.delete_order_button.setEnabled(writable and self.selected_order() is not None)
        self.delete_installed_button.setEnabled(writable and self.selected_installed() is not None)

    # --- acting ----------------------------------------------------------------------------

    def new_order(self) -> None:
        if self.account_id is None:
            return
        dialog = OrderDialog(self.ops, self.account_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and isinstance(dialog.saved, OrderData):
            total = texts.money(dialog.saved.total, dialog.saved.currency)
            self.message.emit(self.tr("Order saved: {0}.").format(total))

    def delete_order(self) -> None:
        order = self.selected_order()
        if order is None or self.ops.store.read_only:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete the order"),
            self.tr("Delete the order of {0} ({1})?").format(
                texts.day(order.ordered_on), texts.money(order.total, order.currency)
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ops.write(orders.delete_order, order.id).success(
                lambda _r: self.message.emit(self.tr("Order deleted."))
            ).run(self)

    def add_installed(self) -> None:
        if self.account_id is None:
            return
        dialog = InstalledDialog(self.ops, self.account_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.message.emit(self.tr("Installed product saved."))

    def delete_installed(self) -> None:
        product = self.selected_installed()
        if product is None or self.ops.store.read_only:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove the product"),
            self.tr("Remove {0} from the installed products?").format(product.product),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ops.write(orders.delete_installed, product.id).success(
                lambda _r: self.message.emit(self.tr("Product removed."))
            ).run(self)


__all__ = ["OrdersTab", "is_due"]
