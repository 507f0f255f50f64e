"""What the customer list looks like while the database opens, in the first paint.

It is the list's frame (search box, filters, the table's place) saying "Loading customers…",
drawn before SQLAlchemy, the models and the services are loaded: this module imports Qt
only. ``painted()`` goes out after its first paint, when the window is on the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class LoadingList(QWidget):
    """The customer list's place holder until its first page can be read."""

    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        # The list's own texts (its translation context), so the frame does not change
        # when the list takes its place.
        search = QLineEdit()
        search.setPlaceholderText(
            QCoreApplication.translate(
                "CustomerListView", "Search name, pinyin or initials (Ctrl+F)"
            )
        )
        stages, tags = QComboBox(), QComboBox()
        stages.addItem(QCoreApplication.translate("CustomerListView", "All stages"))
        tags.addItem(QCoreApplication.translate("CustomerListView", "All tags"))
        filters = QGridLayout()
        for column, (widget, stretch) in enumerate(((search, 3), (stages, 1), (tags, 1))):
            widget.setEnabled(False)
            filters.addWidget(widget, 0, column)
            filters.setColumnStretch(column, stretch)
        self.label = QLabel(self.tr("Loading customers…"))
        self.label.setObjectName("loadingCustomers")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setFrameShape(QFrame.Shape.StyledPanel)
        self.label.setBackgroundRole(QPalette.ColorRole.Base)
        self.label.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.label, 1)

    @property
    def was_painted(self) -> bool:
        return self._painted

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()
