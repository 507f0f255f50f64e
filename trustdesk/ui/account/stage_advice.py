"""The Overview's advice on the customer's stage and trust (ACC-4, CMP-3).

Two things the evidence says about one customer: the stage change it suggests (accepted with
one click — the stage history gets the evidence sentence — or dismissed; the app never moves
the customer by itself), and what its complaints make of the three-chances rule.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trustdesk.domain.enums import CoverageRisk, Stage
from trustdesk.services import complaints, stage_suggestions
from trustdesk.services.changes import Changes
from trustdesk.services.records import FailureHistory, StageSuggestionData
from trustdesk.ui.i18n import current_language, error_text, label
from trustdesk.ui.ops import Ops, users_mistake

# The Overview reloads (and so this panel) on account and stage changes; these are the others.
KINDS = frozenset({"suggestion", "visit", "survey", "complaint"})
STYLE = (
    "QFrame#stageSuggestion { background: #eef4fb; border: 1px solid #b8cde6; border-radius: 4px; }"
)
HIGH = frozenset({CoverageRisk.SECOND_FAILURE, CoverageRisk.POOR_RECOVERY})


Advice = tuple[StageSuggestionData | None, FailureHistory]


def stage_advice(session: Any, account_id: str) -> Advice:
    """What the panel shows (read with the Overview's own read)."""
    return (
        stage_suggestions.suggestion_for(session, account_id),
        complaints.failure_history(session, account_id),
    )


def suggestion_text(s: StageSuggestionData) -> str:
    """ "Repeat customer → Lost customer: <evidence>" in the UI language."""
    return f"{label(s.stage)} → {label(s.to_stage)}: {s.sentence(current_language())}"


def accept_tip(s: StageSuggestionData) -> str:
    """What Accept does, for its tooltip (here and in the Suggestions section)."""
    if s.to_stage is Stage.LOST:
        text = QCoreApplication.translate(
            "StageAdvicePanel",
            "Move to {0} (why lost: front-line neglect), with this evidence as the reason",
        )
    else:
        text = QCoreApplication.translate(
            "StageAdvicePanel", "Move to {0}, with this evidence as the reason"
        )
    return text.format(label(s.to_stage))


class StageAdvicePanel(QWidget):
    """``message(str)`` for the status bar."""

    message = Signal(str)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.account_id: str | None = None
        self.suggestion: StageSuggestionData | None = None

        self.frame = QFrame()
        self.frame.setObjectName("stageSuggestion")
        self.frame.setStyleSheet(STYLE)
        self.text = QLabel()
        self.text.setObjectName("stageSuggestionText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.setObjectName("acceptStageSuggestion")
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setObjectName("dismissStageSuggestion")
        self.dismiss_button.setToolTip(self.tr("Not now: it comes back when the evidence changes"))
        self.accept_button.clicked.connect(self.accept)
        self.dismiss_button.clicked.connect(self.dismiss)
        writable = not ops.store.read_only
        self.accept_button.setEnabled(writable)
        self.dismiss_button.setEnabled(writable)
        caption = QLabel(self.tr("Suggested stage"))
        font = caption.font()
        font.setBold(True)
        caption.setFont(font)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.dismiss_button)
        frame_layout = QVBoxLayout(self.frame)
        frame_layout.setContentsMargins(8, 6, 8, 6)
        frame_layout.addWidget(caption)
        frame_layout.addWidget(self.text)
        frame_layout.addLayout(buttons)
        self.frame.hide()

        self.failures = QLabel()
        self.failures.setObjectName("failureHistory")
        self.failures.setWordWrap(True)
        self.failures.setTextFormat(Qt.TextFormat.PlainText)
        self.failures.setToolTip(
            self.tr(
                "Three chances: do it right the first time; if it goes wrong, put it right "
                "well — customers usually give a second chance; a third chance is rare."
            )
        )
        self.failures_box = QGroupBox(self.tr("Complaints and recovery"))
        QVBoxLayout(self.failures_box).addWidget(self.failures)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.frame)
        layout.addWidget(self.failures_box)
        ops.bus.changed.connect(self._on_changes)

    def load(self) -> None:
        """Read again after a change the Overview does not reload for (``account_id`` is
        set by the Overview, which reads the panel's first answer with its own)."""
        if self.account_id is None:
            return
        self.ops.read(stage_advice, self.account_id).success(self.show_advice).failure(
            self._ignore_gone
        ).run(self, key="load")

    def _ignore_gone(self, error: BaseException) -> None:
        if users_mistake(error) is None:  # a gone customer is the workspace's to say
            self.ops.report_failure(error)

    def _on_changes(self, changes: Changes) -> None:
        if changes.concerns(self.account_id) and changes.touches(KINDS):
            self.load()

    def show_advice(self, found: Advice) -> None:
        suggestion, history = found
        self.suggestion = suggestion
        self.frame.setVisible(suggestion is not None)
        if suggestion is not None:
            self.text.setText(suggestion_text(suggestion))
            self.accept_button.setToolTip(accept_tip(suggestion))
        self.failures.setText(history.sentence(current_language()))
        if history.risk in HIGH:
            color = "#b3261e"
        elif history.risk is not None:
            color = "#8a5a00"
        else:
            color = "#3b6e3b"
        self.failures.setStyleSheet(f"color: {color};")

    def accept(self) -> None:
        s = self.suggestion
        if s is None:
            return
        self.ops.write(
            stage_suggestions.accept, s.account_id, s.rule, lang=current_language()
        ).success(
            lambda saved: self.message.emit(
                self.tr("{0} is now {1}.").format(saved.name, label(saved.stage))
            )
        ).failure(self._refused).run(self)

    def dismiss(self) -> None:
        s = self.suggestion
        if s is None:
            return

        def done(_none: object) -> None:
            self.frame.hide()
            self.message.emit(
                self.tr("Suggestion dismissed; {0} stays {1}.").format(
                    s.account_name, label(s.stage)
                )
            )

        self.ops.write(stage_suggestions.dismiss, s.account_id, s.rule).success(done).failure(
            self._refused
        ).run(self)

    def _refused(self, error: BaseException) -> None:
        mistake = users_mistake(error)
        if mistake is None:
            self.ops.report_failure(error)
        else:  # the evidence changed meanwhile: say so and show what holds now
            self.message.emit(error_text(mistake))
            self.load()
