"""Errors in the GUI: what the user can fix is a message; a bug is a dialog plus a log entry.

``install_excepthook`` routes every uncaught exception (including those raised in Qt slots)
to the log file with its traceback and to a readable dialog naming the log file. Nothing
is written half: services run each save in one transaction.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from trustdesk import paths
from trustdesk.errors import TrustDeskError
from trustdesk.logs import describe_exception
from trustdesk.ui.i18n import error_text

log = logging.getLogger("trustdesk.ui")


class ErrorReporter(QObject):
    """Shows unexpected errors; ``shown`` is emitted with each dialog (tests wait on it)."""

    shown = Signal(QMessageBox)

    def __init__(self) -> None:
        super().__init__()
        self.dialogs: list[QMessageBox] = []

    def report(self, exc: BaseException, tb: TracebackType | None = None) -> QMessageBox | None:
        parent = QApplication.activeWindow()
        if isinstance(exc, TrustDeskError):
            return show_user_error(parent, exc)
        if tb is not None and exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        # Frames and types only: a message may quote what the user typed (see logs.py).
        text = describe_exception(exc)
        log.error("unexpected error\n%s", text)
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Something went wrong"))
        box.setText(
            QCoreApplication.translate(
                "ErrorDialog", "TrustDesk hit an unexpected problem: {0}"
            ).format(type(exc).__name__)
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "ErrorDialog",
                "Your saved data is safe: an unfinished change is not written. Try again; if it "
                "keeps happening, send the log file to support:\n{0}",
            ).format(paths.log_file())
        )
        box.setDetailedText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.finished.connect(lambda _=0, b=box: self._forget(b))
        self.dialogs.append(box)
        box.open()  # window-modal but not blocking: the event loop keeps running
        self.shown.emit(box)
        return box

    def _forget(self, box: QMessageBox) -> None:
        if box in self.dialogs:
            self.dialogs.remove(box)
        box.deleteLater()


_reporter: ErrorReporter | None = None


def reporter() -> ErrorReporter:
    global _reporter
    if _reporter is None:
        _reporter = ErrorReporter()
    return _reporter


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    try:
        reporter().report(exc, tb)
    except Exception:  # the reporter itself failed: at least keep the traceback
        log.exception("error while reporting an error")
        sys.__excepthook__(kind, exc, tb)


def install_excepthook() -> None:
    sys.excepthook = _excepthook


def show_user_error(parent: QWidget | None, exc: TrustDeskError) -> QMessageBox:
    """A problem the user can act on: the service's sentence, no traceback."""
    log.info("refused: %s (field %s)", type(exc).__name__, getattr(exc, "field", None))
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Cannot do that"))
    box.setText(error_text(exc))
    box.open()
    return box
