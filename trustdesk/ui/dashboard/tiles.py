"""A dashboard tile: one figure, big, with a line of detail under it.

The whole tile is a button to the customers behind its main figure (click, or Tab to it and
press Enter or Space); other numbers in its detail line are links to theirs. Qt only.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

LINK = "#0b5cad"
BAD = "#b3261e"
GOOD = "#1e7d32"
QUIET = "#5f5f5f"
TILE_STYLE = """
QFrame#dashboardTile { background: palette(base); border: 1px solid #c9c9c9; border-radius: 6px; }
QFrame#dashboardTile:hover { border: 1px solid #7a9cc6; }
QFrame#dashboardTile:focus { border: 2px solid #0072B2; }
"""


def link(key: str, text: str, color: str = LINK) -> str:
    """A number in rich text that opens the customers behind ``key``."""
    return f'<a href="{escape(key)}" style="color:{color}; text-decoration:none">{escape(text)}</a>'


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


class Tile(QFrame):
    """``requested(key)``: the user asked for the customers behind a figure of this tile."""

    requested = Signal(str)

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("dashboardTile")
        self.setStyleSheet(TILE_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel(title)
        font = QFont()
        font.setPixelSize(13)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setStyleSheet(f"color: {QUIET};")
        self.value = QLabel("…")
        self.value.setObjectName("tileValue")
        big = QFont()
        big.setPixelSize(28)
        big.setBold(True)
        self.value.setFont(big)
        self.detail = QLabel()
        self.detail.setObjectName("tileDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.detail.linkActivated.connect(self.requested)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {QUIET};")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def set_figure(
        self, value: str, detail: str, *, note: str = "", tip: str = "", color: str = ""
    ) -> None:
        """``detail`` is rich text (numbers as ``link``s); ``note`` plain (a reference)."""
        self.value.setText(value)
        self.value.setStyleSheet(f"color: {color};" if color else "")
        self.detail.setText(detail)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.setToolTip(tip)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.requested.emit(self.key)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.requested.emit(self.key)
            event.accept()
            return
        super().keyPressEvent(event)
