"""Adding or editing a contact: every REL-1 field, roles, level with history, depth, attitude.

The same dialog serves the Contacts tab and (later) the relationship map.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import Attitude, BuyingRole, ContactDepth, RelationshipLevel
from trustdesk.services import contacts
from trustdesk.services.contacts import ContactForm
from trustdesk.services.records import ContactData
from trustdesk.ui.account.care_dates import CareDatesBox
from trustdesk.ui.forms import (
    FieldForm,
    enum_combo,
    fill_table,
    history_table,
    set_value,
    text_of,
)
from trustdesk.ui.i18n import label
from trustdesk.ui.ops import Ops
from trustdesk.ui.saving_dialog import SavingDialog

if TYPE_CHECKING:
    from trustdesk.ui.account.tab import AccountTab

TEXT_FIELDS = ("name", "pinyin", "title", "department", "phone", "mobile", "email", "wechat")
NOTE_FIELDS = ("family_notes", "education_notes", "notes")
ADDED = QT_TRANSLATE_NOOP("ContactDialog", "Added {0}.")
SAVED = QT_TRANSLATE_NOOP("ContactDialog", "Saved {0}.")


class ContactDialog(SavingDialog):
    """``saved`` holds the written contact after Save; Ctrl+S saves, Esc cancels."""

    def __init__(
        self,
        ops: Ops,
        account_id: str,
        form: ContactForm,
        parent: QWidget | None = None,
        *,
        reports_to_id: str | None = None,
    ) -> None:
        super().__init__(ops, parent)
        self._account_id = account_id
        self._form = form
        self._contact: ContactData | None = form.contact
        contact_id = form.contact.id if form.contact else None
        self.setWindowTitle(self.tr("Edit contact") if contact_id else self.tr("New contact"))
        self.setMinimumWidth(980)

        person = FieldForm()
        captions = {
            "name": self.tr("Name"),
            "pinyin": self.tr("Pinyin"),
            "title": self.tr("Title"),
            "department": self.tr("Department"),
            "phone": self.tr("Phone"),
            "mobile": self.tr("Mobile"),
            "email": self.tr("Email"),
            "wechat": self.tr("WeChat"),
        }
        lines = {field: person.add(field, captions[field], QLineEdit()) for field in TEXT_FIELDS}
        lines["pinyin"].setPlaceholderText(self.tr("Filled in from the name"))
        birthday = person.add("birthday", self.tr("Birthday"), QLineEdit())
        birthday.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.reports_to = person.add("reports_to_id", self.tr("Reports to"), self._boss_combo())
        person.add("departed", self.tr("Status"), QCheckBox(self.tr("Has left the company")))

        relation = FieldForm()
        roles_box = QWidget()
        roles_row = QHBoxLayout(roles_box)
        roles_row.setContentsMargins(0, 0, 0, 0)
        self.role_checks: dict[BuyingRole, QCheckBox] = {}
        for role in BuyingRole:
            check = QCheckBox(label(role))
            check.setObjectName(f"role_{role.code}")
            self.role_checks[role] = check
            roles_row.addWidget(check)
        roles_row.addStretch(1)
        relation.add("roles", self.tr("Buying roles"), roles_box)
        relation.add("level", self.tr("Relationship level"), enum_combo(RelationshipLevel))
        reason = relation.add("level_reason", self.tr("Why the level changed"), QLineEdit())
        reason.setPlaceholderText(self.tr("e.g. site visit, family dinner"))
        relation.add("depth", self.tr("Planned contact"), enum_combo(ContactDepth, "—"))
        relation.add("attitude", self.tr("Attitude to us"), enum_combo(Attitude))
        self.level_history = history_table(
            [self.tr("When"), self.tr("Level"), self.tr("Why")], 2, 5
        )
        self.level_history.setObjectName("levelHistory")
        relation.layout_.addRow(self.tr("Level history"), self.level_history)

        care = FieldForm()
        for field, caption in (
            ("family_notes", self.tr("Family")),
            ("education_notes", self.tr("Education")),
            ("notes", self.tr("Notes")),
        ):
            editor = care.add(field, caption, QPlainTextEdit())
            editor.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.forms = (person, relation, care)

        person_box = QGroupBox(self.tr("Person"))
        QVBoxLayout(person_box).addWidget(person)
        relation_box = QGroupBox(self.tr("Relationship"))
        QVBoxLayout(relation_box).addWidget(relation)
        care_box = QGroupBox(self.tr("Personal care notes"))
        QVBoxLayout(care_box).addWidget(care)
        self.care_dates = CareDatesBox(ops, contact_id)
        right = QVBoxLayout()
        right.addWidget(relation_box)
        right.addWidget(care_box)
        right.addWidget(self.care_dates)
        columns = QHBoxLayout()
        columns.addWidget(person_box, 1)
        columns.addLayout(right, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # A read-only database: the dialog still shows everything about the person.
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not ops.store.read_only)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(buttons)
        self._fill()
        if reports_to_id and contact_id is None:
            set_value(self.reports_to, reports_to_id)

    def _boss_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("(nobody)"), None)
        for person in self._form.colleagues:
            title = f" · {person.title}" if person.title else ""
            combo.addItem(f"{person.name}{title}", person.id)
        return combo

    def editor(self, field: str) -> QWidget:
        for form in self.forms:
            if field in form.editors:
                return form.editors[field]
        raise KeyError(field)

    def _fill(self) -> None:
        c = self._contact
        if c is None:
            self.editor("level_reason").setEnabled(True)
            return
        for field in (*TEXT_FIELDS, *NOTE_FIELDS):
            set_value(self.editor(field), getattr(c, field))
        set_value(self.editor("birthday"), c.birthday.isoformat() if c.birthday else "")
        for field in ("reports_to_id", "departed", "level", "depth", "attitude"):
            set_value(self.editor(field), getattr(c, field))
        for role, check in self.role_checks.items():
            check.setChecked(role in c.roles)
        history = self._form.level_history
        fill_table(
            self.level_history,
            [
                (
                    change.changed_at.astimezone().strftime("%Y-%m-%d"),
                    label(change.to_level),
                    change.reason,
                )
                for change in history
            ],
        )

    def values(self) -> dict[str, Any]:
        values = {f: text_of(self.editor(f)) for f in (*TEXT_FIELDS, *NOTE_FIELDS)}
        for field in ("birthday", "reports_to_id", "departed", "level", "depth", "attitude"):
            values[field] = text_of(self.editor(field))
        values["roles"] = [role for role, check in self.role_checks.items() if check.isChecked()]
        return values

    def accept(self) -> None:
        """Save in the background; the dialog closes once it is written, or says why not."""
        for form in self.forms:
            form.clear_errors()
        values = self.values()
        if not values["name"].strip():
            self.forms[0].show_error("name", self.tr("Enter the contact's name."))
            return
        reason = text_of(self.editor("level_reason")).strip()
        if self._contact is None:
            if not values["pinyin"].strip():
                values.pop("pinyin")
            op = self._ops.write(
                contacts.create_contact, self._account_id, values.pop("name"), **values
            )
        else:
            op = self._ops.write(
                contacts.update_contact, self._contact.id, level_reason=reason, **values
            )
        self.save_with(op)


def edit_contact(
    tab: AccountTab, account_id: str, contact_id: str | None, *, reports_to_id: str | None = None
) -> None:
    """Open the contact dialog for a new (``contact_id`` None) or existing person of
    ``account_id``, once its data is read; the tab's status line says what was saved."""

    def show(form: ContactForm) -> None:
        dialog = ContactDialog(tab.ops, account_id, form, tab, reports_to_id=reports_to_id)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            done = ADDED if contact_id is None else SAVED
            tab.message.emit(
                QCoreApplication.translate("ContactDialog", str(done)).format(dialog.saved.name)
            )

    tab.ops.read(contacts.contact_form, account_id, contact_id).success(show).run(tab)
