"""Team → Team server…: the address of the team's PostgreSQL server and its password.

The address is remembered by this laptop (without a password: ``parse_address`` refuses
one); the password stays in the window's memory until TrustDesk closes, never saved, never
logged. Leaving it empty lets PostgreSQL's own means decide (``~/.pgpass``, trust)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from trustdesk.errors import TrustDeskError
from trustdesk.ui.i18n import error_text

EXAMPLE = "postgresql://user@host:5432/database"


class TeamServerDialog(QDialog):
    """On accept, ``address`` is the parsed address (no password) and ``password`` what was
    typed (None when left empty). A laptop that synced with a server is refused another."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        address: str = "",
        ask_password: bool = False,
        synced_with: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Team server"))
        self.setObjectName("teamServerDialog")
        self.address: str | None = None
        self.password: str | None = None
        self.synced_with = synced_with  # the server this file synced with: no other
        about = QLabel(
            self.tr(
                "TrustDesk works on this laptop without a network. To share customers with "
                "your team, give the address of the team's PostgreSQL server: your edits go "
                "there and your teammates' come back each time you sync."
            )
        )
        about.setWordWrap(True)
        self.address_edit = QLineEdit(address)
        self.address_edit.setObjectName("serverAddress")
        self.address_edit.setPlaceholderText(EXAMPLE)
        self.address_edit.setMinimumWidth(420)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("serverPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("asked once per session"))
        note = QLabel(
            self.tr("The password is kept in memory until TrustDesk closes; it is never saved.")
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        self.error = QLabel()
        self.error.setObjectName("serverError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Address:"), self.address_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow("", note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sync now"))
        ok.setObjectName("syncWithServer")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password_edit if ask_password and address else self.address_edit).setFocus()

    def accept(self) -> None:
        from trustdesk.sync.server import parse_address
        from trustdesk.sync.status import check_same_server

        try:
            url = parse_address(self.address_edit.text())
            check_same_server(self.synced_with, url.render_as_string(hide_password=True))
        except TrustDeskError as exc:  # a sentence that never repeats a password typed
            self.error.setText(error_text(exc))
            self.error.show()
            self.address_edit.setFocus()
            self.address_edit.selectAll()
            return
        self.address = url.render_as_string(hide_password=True)
        self.password = self.password_edit.text() or None
        self.password_edit.clear()
        super().accept()
