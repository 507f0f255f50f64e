"""*File → Restore from backup…*: pick one of this database's backups (or any backup file).

The restore itself is the app's job (``TrustDeskApp.restore``): it closes the database,
verifies the backup, keeps the current file as a backup, restores and migrates it, and opens
the window again.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustdesk.services.maintenance import BackupInfo

KINDS = {
    "daily": QT_TRANSLATE_NOOP("RestoreDialog", "Daily"),
    "upgrade": QT_TRANSLATE_NOOP("RestoreDialog", "Before an upgrade"),
    "manual": QT_TRANSLATE_NOOP("RestoreDialog", "Made by hand"),
    "pre-restore": QT_TRANSLATE_NOOP("RestoreDialog", "Before a restore"),
}


def when(made_at: datetime) -> str:
    return made_at.astimezone().strftime("%Y-%m-%d %H:%M")


class RestoreDialog(QDialog):
    """``chosen`` is the backup file to restore once the dialog is accepted."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.setMinimumWidth(640)
        self.backups = backups
        self.chosen: Path | None = None
        intro = QLabel(
            self.tr(
                "Choose the copy to go back to. Everything changed since it was made is "
                "replaced; the database as it is now is kept as a backup first, so this can "
                "be undone."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(backups), 3)
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Kind"), self.tr("Size")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, info in enumerate(backups):
            kind = QCoreApplication.translate("RestoreDialog", str(KINDS.get(info.kind, "")))
            cells = (when(info.made_at), kind or info.kind, f"{info.size / 1_048_576:.1f} MB")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path))
                self.table.setItem(row, column, item)
        if backups:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.empty = QLabel(self.tr("There is no backup of this database yet."))
        self.empty.setVisible(not backups)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setEnabled(bool(backups))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        other = QPushButton(self.tr("Other file…"))
        buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        other.clicked.connect(self.choose_file)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.chosen is None:
            rows = self.table.selectionModel().selectedRows()
            if not rows:
                return
            self.chosen = self.backups[rows[0].row()].path
        super().accept()

    def choose_file(self) -> None:
        folder = str(self.backups[0].path.parent) if self.backups else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a backup file"), folder, self.tr("TrustDesk database (*.sqlite3)")
        )
        if chosen:
            self.chosen = Path(chosen)
            super().accept()
