"""Asking for the reason of a lifecycle stage change (ACC-2, ACC-5)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import LostReason, Stage
from trustdesk.ui.forms import FieldForm, enum_combo
from trustdesk.ui.i18n import label


class StageDialog(QDialog):
    """The new stage, why, and for *lost* which ACC-5 reason. Esc cancels."""

    def __init__(self, current: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change stage"))
        self.setMinimumWidth(420)
        self.form = FieldForm()
        now = QLabel(f"{label(current)} — {label(current.trust_phase)}")
        self.form.layout_.addRow(self.tr("Current stage"), now)
        self.stage = self.form.add("stage", self.tr("New stage"), enum_combo(Stage))
        self.stage.setCurrentIndex((current.position + 1) % len(Stage))
        self.lost_reason = self.form.add(
            "lost_reason", self.tr("Why was it lost"), enum_combo(LostReason)
        )
        self.reason = self.form.add("reason", self.tr("Reason"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("What happened, e.g. first order received"))
        self.stage.currentIndexChanged.connect(self._on_stage_changed)
        self._on_stage_changed()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def _on_stage_changed(self) -> None:
        self.lost_reason.setEnabled(self.stage.currentData() == Stage.LOST.code)

    def accept(self) -> None:
        self.form.clear_errors()
        if not self.reason.text().strip():
            self.form.show_error("reason", self.tr("Say why the stage changes."))
            return
        super().accept()

    def values(self) -> tuple[str, str, str | None]:
        """(stage code, reason, lost reason code or None)."""
        lost = self.lost_reason.currentData() if self.lost_reason.isEnabled() else None
        return self.stage.currentData(), self.reason.text().strip(), lost
