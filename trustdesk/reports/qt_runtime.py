"""The Qt application shared by the GUI and headless drawing (CLI exports, screenshots)."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

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


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with TrustDesk's name and a CJK-capable font (reused if it exists)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("TrustDesk")
    app.setOrganizationName("TrustDesk")
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            font = QFont(app.font())
            font.setFamilies([family])
            app.setFont(font)
            break
    else:
        log.warning("no CJK font found; Chinese may show as boxes (install fonts-noto-cjk)")
    return app


def ensure_application() -> QApplication:
    """For drawing without a window: offscreen when there is no display."""
    if QApplication.instance() is None and sys.platform == "linux":
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return make_application()
