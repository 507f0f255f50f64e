"""A bar across the top of the window for what the user must not miss: the database is
read-only, a storage problem stopped a save. Unlike the status bar it stays until closed (or,
for a lasting state such as read-only, for good)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

STYLES = {
    "warning": "QFrame#messageBar { background: #fff4ce; border: 1px solid #e0c060; }",
    "error": "QFrame#messageBar { background: #fde7e9; border: 1px solid #d9a0a6; }",
    "info": "QFrame#messageBar { background: #e6f2fb; border: 1px solid #9cc3e0; }",
}


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.label = QLabel()
        self.label.setObjectName("messageText")
        self.label.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.hide()

    def show_message(self, text: str, *, level: str = "error", closable: bool = True) -> None:
        self.setStyleSheet(STYLES[level])
        self.label.setText(text)
        self.close_button.setVisible(closable)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""
