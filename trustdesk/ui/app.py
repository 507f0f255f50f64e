"""Starting the GUI: application, translators, error handling, the main window."""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from trustdesk import paths
from trustdesk.errors import TrustDeskError
from trustdesk.services.store import Store, open_store
from trustdesk.ui.application import make_application
from trustdesk.ui.errors import install_excepthook
from trustdesk.ui.i18n import chosen_language, install_language
from trustdesk.ui.main_window import MainWindow

log = logging.getLogger("trustdesk.ui")
qt_log = logging.getLogger("trustdesk.qt")


def _route_qt_messages(kind: QtMsgType, _context: object, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(kind, logging.ERROR)
    qt_log.log(level, "%s", message)


def route_qt_messages_to_log() -> None:
    """Qt's own warnings go to the log file, not the terminal."""
    qInstallMessageHandler(_route_qt_messages)


class TrustDeskApp:
    """Owns the main window; rebuilds it when the language changes."""

    def __init__(self, store: Store, lang: str | None = None) -> None:
        self.store = store
        install_language(lang or chosen_language())
        self.window = self._build()

    def _build(self) -> MainWindow:
        window = MainWindow(self.store)
        window.languageChangeRequested.connect(self.switch_language)
        return window

    def switch_language(self, lang: str | None = None) -> MainWindow:
        old = self.window
        old.save_layout()
        open_id = old.workspace.account_id if old.workspace.isVisible() else None
        install_language(lang or chosen_language())
        self.window = self._build()
        if open_id:
            self.window.open_account(open_id)
        self.window.show()
        old.close()
        old.deleteLater()
        return self.window


def has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(db_path: Path, lang: str | None = None) -> int:
    """Open the main window on ``db_path``; returns the exit code."""
    faulthandler.enable(open(paths.data_dir() / "logs" / "crash.log", "a"))  # noqa: SIM115
    if not has_display():
        raise TrustDeskError(
            "No display found. Start TrustDesk from a desktop session "
            "(or set QT_QPA_PLATFORM=offscreen to run without a screen).",
            zh="找不到显示器。请在桌面环境中启动 TrustDesk"
            "(无屏幕运行可设置 QT_QPA_PLATFORM=offscreen)。",
        )
    install_excepthook()
    route_qt_messages_to_log()
    app = make_application()
    store = open_store(db_path)
    trustdesk = TrustDeskApp(store, lang)
    trustdesk.window.show()
    code = app.exec()
    store.close()
    return code
