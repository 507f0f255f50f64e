"""Settings: the interface language (system, 中文, English)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from trustdesk.ui.i18n import settings


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        self.language.addItem(self.tr("Same as the system"), "system")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        current = str(settings().value("language", "system"))
        self.language.setCurrentIndex(max(self.language.findData(current), 0))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Language"), self.language)
        layout.addRow(buttons)

    def accept(self) -> None:
        settings().setValue("language", self.language.currentData())
        super().accept()
