"""Qt for drawing without a window (CLI exports, reports): a QGuiApplication and a CJK font.

Pictures need fonts, and fonts need a QGuiApplication, but nothing here needs widgets: the
QApplication with the app's name is made by ``trustdesk.ui.application`` for the GUI.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

log = logging.getLogger("trustdesk.qt")

# Fonts tried in order for Chinese text; fontconfig falls back as well, but naming one keeps
# Latin and Chinese in one family where it exists.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
)


def use_cjk_font(app: QGuiApplication) -> bool:
    """Make the first installed family of ``CJK_FAMILIES`` the default; False if none is."""
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            font = QFont(app.font())
            font.setFamilies([family])
            app.setFont(font)
            return True
    log.warning("no CJK font found; Chinese may show as boxes (install fonts-noto-cjk)")
    return False


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new headless one with a CJK-capable font.

    An application that exists already (the GUI's, a test's) is used as it is: its owner
    chose its font. With no display on Linux the offscreen platform is used.
    """
    app = QGuiApplication.instance()
    if app is None:
        if sys.platform == "linux" and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        ):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
        use_cjk_font(app)
    if not isinstance(app, QGuiApplication):
        raise RuntimeError("drawing needs a QGuiApplication, but a QCoreApplication is running")
    return app
