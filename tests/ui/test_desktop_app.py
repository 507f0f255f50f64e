"""Issue 19: the app shows its own icon and says where its data lives."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QMessageBox

from trustdesk import __version__
from trustdesk.reports import qt_runtime
from trustdesk.ui.application import DESKTOP_ID, ICON_SIZES, make_application


def test_windows_and_the_taskbar_get_the_apps_icon(qapp):
    app = make_application()
    icon = app.windowIcon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(n, n) for n in ICON_SIZES} <= sizes  # drawn for each size, not scaled
    # Wayland's app id: the taskbar matches the window to the launcher and its icon.
    assert app.desktopFileName() == DESKTOP_ID
    assert app.applicationVersion() == __version__


def test_about_says_the_version_and_where_the_data_is(window, data_dir):
    box = window.about_box()
    try:
        assert box.windowTitle() == "About TrustDesk"
        assert f"TrustDesk {__version__}" in box.text()
        info = box.informativeText()
        assert f"Data folder: {data_dir}" in info
        assert f"Database: {window.path}" in info
        assert f"Backups: {data_dir / 'backups'}" in info
        assert f"Log: {data_dir / 'logs'}" in info
        assert "leaves this folder as it is" in info
        assert box.standardButtons() == QMessageBox.StandardButton.Close
        assert not box.iconPixmap().isNull()
    finally:
        box.deleteLater()


def test_the_shipped_cjk_font_is_there_for_a_machine_without_one(qapp):
    """What the app falls back to when no CJK family is installed (the bundle on a bare
    machine): the shipped font registers and draws Chinese."""
    from PySide6.QtGui import QFont

    family = qt_runtime._register_fallback_font()
    assert family == "WenQuanYi Micro Hei"
    assert QFontMetrics(QFont(family)).inFont("关")
