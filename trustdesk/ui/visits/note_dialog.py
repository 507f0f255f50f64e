"""Adding an intelligence note to a customer without a visit (VIS-2)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import IntelKind
from trustdesk.services import visits
from trustdesk.services.visits import VisitForm
from trustdesk.ui.forms import FieldForm, enum_combo
from trustdesk.ui.ops import Ops
from trustdesk.ui.saving_dialog import SavingDialog


class IntelNoteDialog(SavingDialog):
    """``saved`` holds the written note; a personnel change can mark the person departed."""

    def __init__(self, ops: Ops, form: VisitForm, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        self._form = form
        self.setWindowTitle(self.tr("Intelligence note — {0}").format(form.account_name))
        self.setMinimumWidth(520)
        fields = FieldForm()
        self.kind = fields.add("kind", self.tr("Kind"), enum_combo(IntelKind))
        self.text = fields.add("text", self.tr("What you learned"), QPlainTextEdit())
        self.text.setTabChangesFocus(True)
        self.person = fields.add("contact", self.tr("About"), QComboBox())
        self.person.addItem(self.tr("(nobody)"), None)
        for p in form.people:
            self.person.addItem(p.name, p.id)
        self.departed = fields.add(
            "contact_departed", "", QCheckBox(self.tr("Mark this person as departed"))
        )
        self.kind.currentIndexChanged.connect(self._update_departed)
        self.person.currentIndexChanged.connect(self._update_departed)
        self._update_departed()
        self.forms = (fields,)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not ops.store.read_only)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(fields)
        layout.addWidget(buttons)
        self.kind.setFocus()

    def _update_departed(self) -> None:
        allowed = (
            self.kind.currentData() == IntelKind.PERSONNEL_CHANGE.code
            and self.person.currentData() is not None
        )
        self.departed.setEnabled(allowed)
        if not allowed:
            self.departed.setChecked(False)

    def accept(self) -> None:
        self.forms[0].clear_errors()
        self.save_with(
            self._ops.write(
                visits.add_intel_note,
                self._form.account_id,
                self.kind.currentData(),
                self.text.toPlainText(),
                contact_id=self.person.currentData(),
                contact_departed=self.departed.isChecked(),
            )
        )
