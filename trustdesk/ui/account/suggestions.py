"""REL-6 in the GUI: a suggested relationship level, shown until the user answers it.

Never silent: each suggestion stays on screen with its evidence until accepted (a level-history
row with the evidence sentence as its reason, written by the service) or dismissed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from trustdesk.services import level_suggestions
from trustdesk.services.records import LevelSuggestionData
from trustdesk.ui.i18n import current_language, error_text, label
from trustdesk.ui.ops import Ops, users_mistake

STYLE = (
    "QFrame#levelSuggestion { background: #eef4fb; border: 1px solid #b8cde6; border-radius: 4px; }"
)


class SuggestionPanel(QWidget):
    """One line per suggestion: "Suggest for 张三: 约会 — <evidence>  [Accept] [Dismiss]".
    ``message(str)`` for the status bar; ``countChanged()`` when the list changed; hidden when
    there is nothing to suggest."""

    message = Signal(str)
    countChanged = Signal()

    def __init__(self, ops: Ops, parent: QWidget | None = None, *, wrap: bool = False) -> None:
        super().__init__(parent)
        self.ops = ops
        self._wrap = wrap
        self.suggestions: list[LevelSuggestionData] = []
        self.rows: dict[str, QFrame] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.hide()

    def show_suggestions(self, suggestions: list[LevelSuggestionData]) -> None:
        for row in self.rows.values():
            self._layout.removeWidget(row)
            row.deleteLater()
        self.rows.clear()
        self.suggestions = list(suggestions)
        for suggestion in self.suggestions:
            row = self._row(suggestion)
            self.rows[suggestion.contact_id] = row
            self._layout.addWidget(row)
        self.setVisible(bool(self.suggestions))
        self.countChanged.emit()

    def text_of(self, s: LevelSuggestionData) -> str:
        return self.tr("Suggest for {0}: {1} — {2}").format(
            s.name, label(s.level), s.sentence(current_language())
        )

    def _row(self, s: LevelSuggestionData) -> QFrame:
        frame = QFrame()
        frame.setObjectName("levelSuggestion")
        frame.setStyleSheet(STYLE)
        text = QLabel(self.text_of(s))
        text.setObjectName("suggestionText")
        text.setWordWrap(True)
        accept = QPushButton(self.tr("Accept"))
        accept.setObjectName("acceptSuggestion")
        accept.setToolTip(
            self.tr("Set the level to {0}, with this evidence as the reason").format(label(s.level))
        )
        dismiss = QPushButton(self.tr("Dismiss"))
        dismiss.setObjectName("dismissSuggestion")
        accept.clicked.connect(lambda: self.accept(s.contact_id))
        dismiss.clicked.connect(lambda: self.dismiss(s.contact_id))
        writable = not self.ops.store.read_only
        accept.setEnabled(writable)
        dismiss.setEnabled(writable)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(accept)
        buttons.addWidget(dismiss)
        if self._wrap:  # a narrow side panel: the buttons under the sentence
            column = QVBoxLayout(frame)
            column.setContentsMargins(8, 6, 8, 6)
            column.addWidget(text)
            column.addLayout(buttons)
        else:
            line = QHBoxLayout(frame)
            line.setContentsMargins(8, 4, 8, 4)
            line.addWidget(text, 1)
            line.addLayout(buttons)
        return frame

    def _find(self, contact_id: str) -> LevelSuggestionData | None:
        return next((s for s in self.suggestions if s.contact_id == contact_id), None)

    def _drop(self, contact_id: str) -> None:
        """Hide the answered suggestion at once (the reload from the bus confirms it)."""
        self.show_suggestions([s for s in self.suggestions if s.contact_id != contact_id])

    def accept(self, contact_id: str) -> None:
        found = self._find(contact_id)
        if found is None:
            return

        def done(_saved: object) -> None:
            self._drop(contact_id)
            self.message.emit(self.tr("{0} is now {1}.").format(found.name, label(found.level)))

        self.ops.write(level_suggestions.accept, contact_id, current_language()).success(
            done
        ).failure(self._refused).run(self)

    def dismiss(self, contact_id: str) -> None:
        found = self._find(contact_id)
        if found is None:
            return

        def done(_none: object) -> None:
            self._drop(contact_id)
            self.message.emit(
                self.tr("Suggestion dismissed; {0} stays {1}.").format(
                    found.name, label(found.current)
                )
            )

        self.ops.write(level_suggestions.dismiss, contact_id).success(done).failure(
            self._refused
        ).run(self)

    def _refused(self, error: BaseException) -> None:
        mistake = users_mistake(error)
        if mistake is None:
            self.ops.report_failure(error)
        else:  # answered elsewhere meanwhile: say so; the bus reload brings the truth
            self.message.emit(error_text(mistake))
