"""Contacts tab: the people of one account in a table, with add, edit and delete."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trustdesk.services import contacts, level_suggestions
from trustdesk.services.records import ContactData, LevelSuggestionData
from trustdesk.ui.account.contact_dialog import edit_contact
from trustdesk.ui.account.suggestions import SuggestionPanel
from trustdesk.ui.account.tab import AccountTab
from trustdesk.ui.i18n import label
from trustdesk.ui.ops import Ops

Index = QModelIndex | QPersistentModelIndex
HEADERS = (
    QT_TRANSLATE_NOOP("ContactTableModel", "Name"),
    QT_TRANSLATE_NOOP("ContactTableModel", "Title"),
    QT_TRANSLATE_NOOP("ContactTableModel", "Department"),
    QT_TRANSLATE_NOOP("ContactTableModel", "Level"),
    QT_TRANSLATE_NOOP("ContactTableModel", "Roles"),
    QT_TRANSLATE_NOOP("ContactTableModel", "Attitude"),
    QT_TRANSLATE_NOOP("ContactTableModel", "Reports to"),
)


class ContactTableModel(QAbstractTableModel):
    """An account's contacts (dozens, at most a few hundred: loaded whole)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.people: list[ContactData] = []
        self._names: dict[str, str] = {}

    def set_people(self, people: list[ContactData]) -> None:
        self.beginResetModel()
        self.people = people
        self._names = {p.id: p.name for p in people}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return QCoreApplication.translate("ContactTableModel", str(HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self.people[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(person)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and person.departed:
            return QColor("#8a8a8a")
        if role == Qt.ItemDataRole.ToolTipRole and person.departed:
            return QCoreApplication.translate("ContactTableModel", "Has left the company")
        return None

    def _cells(self, p: ContactData) -> tuple[str, ...]:
        name = p.name
        if p.departed:
            name += QCoreApplication.translate("ContactTableModel", " (left)")
        return (
            name,
            p.title,
            p.department,
            label(p.level),
            " / ".join(label(r) for r in p.roles),
            label(p.attitude),
            self._names.get(p.reports_to_id or "", ""),
        )


class ContactsTab(AccountTab):
    """The people of one account in a table, with add, edit and delete."""

    # Visits are the evidence of a suggested level (REL-6).
    KINDS = frozenset({"contact", "level", "visit", "visit_contact"})

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.model = ContactTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("contactTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        self.add_button = QPushButton(self.tr("Add contact…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.add_button.clicked.connect(self.add_contact)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.add_button.setEnabled(not ops.store.read_only)
        self.delete_button.setEnabled(not ops.store.read_only)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.suggestions = SuggestionPanel(ops)
        self.suggestions.setObjectName("levelSuggestions")
        self.suggestions.message.connect(self.message)
        self.suggestions.countChanged.connect(self.titleChanged)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.table)

    def title(self) -> str:
        n = len(self.suggestions.suggestions)
        if n:
            return self.tr("Contacts ({0} suggested)").format(n)
        return self.tr("Contacts")

    def load(self) -> None:
        self.ops.read(contacts.list_contacts, self.account_id).success(self._show).run(
            self, key="load"
        )
        self.load_suggestions()

    def load_suggestions(self) -> None:
        self.ops.read(level_suggestions.suggestions_for_account, self.account_id).success(
            self._show_suggestions
        ).run(self, key="suggestions")

    def _show_suggestions(self, found: list[LevelSuggestionData]) -> None:
        self.suggestions.show_suggestions(found)

    def show_account(self, account_id: str) -> None:
        """The count in the caption belongs to the customer shown: read it even while the
        tab is behind another (a cheap query), so the caption says there is something to see."""
        super().show_account(account_id)
        self.suggestions.show_suggestions([])
        self.load_suggestions()

    def on_changes(self, changes: Any) -> None:
        super().on_changes(changes)
        if self.wants(changes) and not self.isVisible():
            self.load_suggestions()

    def _show(self, people: list[ContactData]) -> None:
        self.model.set_people(people)
        self.table.resizeColumnsToContents()

    def selected(self) -> ContactData | None:
        index = self.table.currentIndex()
        return self.model.people[index.row()] if index.isValid() else None

    def add_contact(self) -> None:
        if self.account_id is not None:
            edit_contact(self, self.account_id, None)

    def edit_selected(self) -> None:
        person = self.selected()
        if person is not None and self.account_id is not None:
            edit_contact(self, self.account_id, person.id)

    def delete_selected(self) -> None:
        person = self.selected()
        if person is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete contact"),
            self.tr("Delete {0}? Their history is kept.").format(person.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ops.write(contacts.delete_contact, person.id).success(
            lambda _: self.message.emit(self.tr("Deleted {0}.").format(person.name))
        ).run(self)
