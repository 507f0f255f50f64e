"""What every page of the import wizard has: the window's database worker, the wizard's
shared state, a line for a refusal in red, and a busy state while its work runs on the worker
(Next off; Back and Cancel off too, so the wizard cannot move or close under the work)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWizard, QWizardPage

from trustdesk.errors import TrustDeskError
from trustdesk.services.progress import Cancelled
from trustdesk.ui.forms import ERROR_STYLE
from trustdesk.ui.i18n import error_text
from trustdesk.ui.importing.state import ImportState
from trustdesk.ui.ops import Ops


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class ImportWizardPage(QWizardPage):
    """A page that runs work through ``ops``; ``busy`` while it does."""

    def __init__(self, ops: Ops, state: ImportState) -> None:
        super().__init__()
        self.ops = ops
        self.state = state
        self.busy = False

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.completeChanged.emit()  # the wizard sets Next, Back and Finish from isComplete()
        self.hold_buttons()

    def hold_buttons(self) -> None:
        """Back and Cancel off while busy (on again after). The wizard sets Back itself
        whenever it updates its buttons: after ``completeChanged`` and after showing a page,
        which ``ImportWizard`` follows with this call."""
        wizard = self.wizard()
        if wizard is None:
            return
        wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not self.busy)
        if self.busy:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(False)

    def failure_text(self, error: BaseException, cancelled: str) -> str | None:
        """The sentence for a failed or cancelled job, or None for a bug (reported by the
        operation helper's crash dialog, not shown on the page)."""
        if isinstance(error, Cancelled):
            return cancelled
        if isinstance(error, TrustDeskError):  # a mistake, or a storage problem (disk full)
            return error_text(error)
        self.ops.report_failure(error)
        return None
