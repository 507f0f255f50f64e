"""Two records side by side: for each field where they differ, a choice of the value to keep
(the kept record's by default, the other's where the kept one has nothing)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import DuplicateKind
from trustdesk.services.duplicates import DuplicateRecord
from trustdesk.services.merging import DROP, KEEP, MergePreview
from trustdesk.ui.duplicates.texts import field_label, moving_text, value_text

PROBLEM_STYLE = "color: #b3261e;"


class CompareView(QWidget):
    """``swapRequested()`` when the user wants to keep the other record instead."""

    swapRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: MergePreview | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self.keep_title = QLabel()
        self.keep_title.setObjectName("keepTitle")
        self.drop_title = QLabel()
        self.drop_title.setObjectName("dropTitle")
        for title in (self.keep_title, self.drop_title):
            title.setWordWrap(True)
            title.setTextFormat(Qt.TextFormat.PlainText)
        self.swap_button = QPushButton(self.tr("Keep the other one"))
        self.swap_button.setObjectName("swapKept")
        self.swap_button.clicked.connect(self.swapRequested)
        heading = QGridLayout()
        heading.addWidget(QLabel(self.tr("Keep")), 0, 0)
        heading.addWidget(QLabel(self.tr("Merge into it")), 0, 1)
        heading.addWidget(self.keep_title, 1, 0)
        heading.addWidget(self.drop_title, 1, 1)
        heading.setColumnStretch(0, 1)
        heading.setColumnStretch(1, 1)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        self.grid.setHorizontalSpacing(12)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.grid_host)
        self.same_label = QLabel()
        self.same_label.setObjectName("sameFields")
        self.moving_label = QLabel()
        self.moving_label.setObjectName("movingRecords")
        self.moving_label.setWordWrap(True)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("mergeProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(PROBLEM_STYLE)
        swap_row = QHBoxLayout()
        swap_row.addStretch(1)
        swap_row.addWidget(self.swap_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addLayout(swap_row)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.same_label)
        layout.addWidget(self.moving_label)
        layout.addWidget(self.problem_label)
        self.clear()

    def clear(self) -> None:
        self.preview = None
        self._clear_grid()
        for text in (self.keep_title, self.drop_title, self.same_label, self.moving_label):
            text.setText("")
        self.problem_label.hide()
        self.swap_button.setEnabled(False)

    def _clear_grid(self) -> None:
        self.groups = {}
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:  # off the page now, not at the next event loop turn
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()

    def _title(self, record: DuplicateRecord, kind: DuplicateKind) -> str:
        entered = self.tr("entered {0}").format(record.created_at.astimezone().strftime("%Y-%m-%d"))
        if kind is DuplicateKind.CONTACT:
            return f"{record.name}\n{record.account_name} · {entered}"
        return f"{record.name}\n{entered}"

    def show_preview(self, preview: MergePreview) -> None:
        self.preview = preview
        self._clear_grid()
        self.keep_title.setText(self._title(preview.keep, preview.kind))
        self.drop_title.setText(self._title(preview.drop, preview.kind))
        bold = QFont(self.font())
        bold.setBold(True)
        for title in (self.keep_title, self.drop_title):
            title.setFont(bold)
        differing = [c for c in preview.fields if c.differs]
        for row, choice in enumerate(differing):
            name = QLabel(field_label(choice.field))
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            group = QButtonGroup(self)
            for column, (side, value) in enumerate(
                ((KEEP, choice.keep), (DROP, choice.drop)), start=1
            ):
                button = QRadioButton(value_text(choice.field, value, preview.names))
                button.setObjectName(f"{side}_{choice.field}")
                button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
                button.setChecked(side == choice.default)
                button.setProperty("side", side)
                group.addButton(button)
                self.grid.addWidget(button, row, column)
            self.groups[choice.field] = group
            self.grid.addWidget(name, row, 0)
        self.grid.setRowStretch(len(differing), 1)
        same = len(preview.fields) - len(differing)
        self.same_label.setText(
            self.tr("{0} other fields are the same.").format(same) if same else ""
        )
        moving = moving_text(preview.moving)
        self.moving_label.setText(
            self.tr("Moves to the kept record: {0}.").format(moving)
            if moving
            else self.tr("The other record has nothing else to move.")
        )
        problem = preview.problem_zh if self._zh() else preview.problem_en
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.swap_button.setEnabled(True)

    def _zh(self) -> bool:
        from trustdesk.ui.i18n import current_language

        return current_language() == "zh"

    def choices(self) -> dict[str, str]:
        """The side chosen for each field where the two differ."""
        out: dict[str, str] = {}
        for field, group in self.groups.items():
            checked = group.checkedButton()
            if checked is not None:
                out[field] = str(checked.property("side"))
        return out

    def choose(self, field: str, side: str) -> None:
        """Pick ``side``'s value of ``field`` (as a click on its button would)."""
        for button in self.groups[field].buttons():
            if button.property("side") == side:
                button.setChecked(True)
