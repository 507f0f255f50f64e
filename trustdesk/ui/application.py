"""The GUI's QApplication: TrustDesk's name, icon and desktop entry, and a CJK-capable font."""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from trustdesk import __version__, paths
from trustdesk.reports.qt_runtime import use_cjk_font

# The desktop entry's name (packaging/org.trustdesk.TrustDesk.desktop): on Wayland it is the
# window's app id, which the taskbar matches to the launcher and its icon.
DESKTOP_ID = "org.trustdesk.TrustDesk"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The app's icon at every size drawn for it (resources/icons, see packaging/make_icons.py):
    the window's, the taskbar's and the dialogs'. Empty if the files are missing."""
    icon = QIcon()
    try:
        folder = paths.shipped_dir("resources") / "icons"
    except FileNotFoundError:
        return icon
    for size in ICON_SIZES:
        path = folder / f"trustdesk-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with TrustDesk's name, icon and a CJK-capable font (reused if it
    exists)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("TrustDesk")
    app.setOrganizationName("TrustDesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(app_icon())
    use_cjk_font(app)
    return app
