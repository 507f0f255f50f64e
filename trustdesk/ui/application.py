"""The GUI's QApplication: TrustDesk's name (settings, dialogs) and a CJK-capable font."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from trustdesk.reports.qt_runtime import use_cjk_font


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with TrustDesk's name and a CJK-capable font (reused if it exists)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("TrustDesk")
    app.setOrganizationName("TrustDesk")
    use_cjk_font(app)
    return app
