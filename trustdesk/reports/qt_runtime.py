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


# Shipped in resources/fonts (Apache-2.0, its licence beside it) for a machine with no CJK
# font of its own: a fresh Linux install may have none, and the bundle must not show boxes.
FALLBACK_FONT = "wqy-microhei.ttc"


def use_cjk_font(app: QGuiApplication) -> bool:
    """Make the first installed family of ``CJK_FAMILIES`` the default; with none installed,
    the fallback font shipped with the app (registered for this process only). False if
    there is no CJK font at all."""
    families = set(QFontDatabase.families())
    chosen = next((family for family in CJK_FAMILIES if family in families), None)
    if chosen is None:
        chosen = _register_fallback_font()
    if chosen is None:
        log.warning("no CJK font found; Chinese may show as boxes (install fonts-noto-cjk)")
        return False
    font = QFont(app.font())
    font.setFamilies([chosen])
    app.setFont(font)
    return True


def _register_fallback_font() -> str | None:
    """Register the shipped CJK font; its (proportional) family, or None if it is missing."""
    from trustdesk import paths

    try:
        path = paths.shipped_dir("resources") / "fonts" / FALLBACK_FONT
    except FileNotFoundError:
        return None
    if not path.is_file():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    family = next((f for f in families if "mono" not in f.lower()), None)
    if family is not None:
        log.info("no CJK font installed; using the one shipped with TrustDesk (%s)", family)
    return family


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
