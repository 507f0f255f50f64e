"""Adding a customer (Ctrl+N)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from trustdesk.domain.enums import AccountKind, Stage
from trustdesk.services import accounts
from trustdesk.ui.forms import FieldForm, enum_combo, text_of
from trustdesk.ui.ops import Ops
from trustdesk.ui.saving_dialog import SavingDialog


class NewAccountDialog(SavingDialog):
    """``saved`` holds the new customer (AccountData) once the dialog is accepted."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self.setWindowTitle(self.tr("New customer"))
        self.setMinimumWidth(460)
        self.form = FieldForm()
        self.form.add("name", self.tr("Name"), QLineEdit())
        self.form.add("kind", self.tr("Kind"), enum_combo(AccountKind))
        self.form.add("stage", self.tr("Stage"), enum_combo(Stage))
        self.form.add("industry", self.tr("Industry"), QLineEdit())
        self.form.add("region", self.tr("Region"), QLineEdit())
        self.form.add("owner", self.tr("Owner"), QLineEdit())
        tags = self.form.add("tags", self.tr("Tags"), QLineEdit())
        tags.setPlaceholderText(self.tr("Separate tags with commas"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.forms = [self.form]
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.form.clear_errors()
        values = {field: text_of(editor) for field, editor in self.form.editors.items()}
        if not values["name"].strip():
            self.form.show_error("name", self.tr("Enter the customer's name."))
            return
        tags = [t.strip() for t in values.pop("tags").replace("，", ",").split(",")]
        self.save_with(
            self._ops.write(accounts.create_account, values.pop("name"), tags=tags, **values)
        )
