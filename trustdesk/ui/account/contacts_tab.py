"""Contacts tab: the people of one account in a table, with add, edit and delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from trustdesk.ui.export_commands import ExportCommands

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


def people_and_suggestions(
    session: Any, account_id: str
) -> tuple[list[ContactData], list[LevelSuggestionData]]:
    """The tab's one read: the people and the levels their logged activities suggest."""
    return (
        contacts.list_contacts(session, account_id),
        level_suggestions.suggestions_for_account(session, account_id),
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
        self.duplicates_button = QPushButton(self.tr("Find duplicates…"))
        self.duplicates_button.setObjectName("findDuplicates")
        self.duplicates_button.clicked.connect(self.find_duplicates)
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
        buttons.addWidget(self.duplicates_button)
        # OFF-2: the people for a phone's address book, where the salesperson sees them.
        self.vcard_button = QPushButton(self.tr("Export vCard…"))
        self.vcard_button.setToolTip(self.tr("Save these people as a .vcf for a phone"))
        self.vcard_button.clicked.connect(self.export_vcard)
        self._exports: ExportCommands | None = None  # made on first use
        buttons.addWidget(self.vcard_button)
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
        self.ops.read(people_and_suggestions, self.account_id).success(self._show).run(
            self, key="load"
        )

    def show_account(self, account_id: str) -> None:
        super().show_account(account_id)
        self.suggestions.show_suggestions([])  # another customer's: gone from the caption

    def _show(self, found: tuple[list[ContactData], list[LevelSuggestionData]]) -> None:
        people, suggestions = found
        self.model.set_people(people)
        self.table.resizeColumnsToContents()
        self.suggestions.show_suggestions(suggestions)

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

    def find_duplicates(self) -> None:
        """This customer's people entered twice (OFF-2)."""
        if self.account_id is None:
            return
        from trustdesk.ui.duplicates.dialog import DuplicatesDialog

        DuplicatesDialog(self.ops, self, account_id=self.account_id).exec()

    def export_vcard(self) -> None:
        if self.account_id is None:
            return
        if self._exports is None:
            from trustdesk.ui.export_commands import ExportCommands

            self._exports = ExportCommands(self.ops, self)
            self._exports.message.connect(self.message)
        self._exports.export_vcard(self.account_id)

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
