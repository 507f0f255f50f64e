"""Language of the interface: Qt translators for our strings and Qt's own dialogs.

Every string written in ``ui/`` goes through ``tr()`` (English source, Chinese in
``resources/i18n/trustdesk_zh_CN.ts``). The domain vocabulary (stages, levels, roles…) carries
its Chinese and English labels itself and is shown with ``label()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from trustdesk import paths
from trustdesk.domain.enums import LabeledEnum
from trustdesk.errors import TrustDeskError

LANGUAGES = ("zh", "en")
_state = {"lang": "en"}
_installed: list[QTranslator] = []


def settings() -> QSettings:
    """The app's settings file, kept in the user data folder."""
    return QSettings(str(paths.data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def system_language() -> str:
    return "zh" if QLocale.system().name().lower().startswith("zh") else "en"


def chosen_language() -> str:
    """The language set in Settings, else the system's."""
    value = str(settings().value("language", "system"))
    return value if value in LANGUAGES else system_language()


def current_language() -> str:
    return _state["lang"]


def install_language(lang: str) -> str:
    """Load the translators for ``lang`` (``zh`` or ``en``) into the running application."""
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    lang = lang if lang in LANGUAGES else "en"
    if lang == "zh":
        ours = QTranslator(app)
        if ours.load(str(paths.shipped_dir("resources") / "i18n" / "trustdesk_zh_CN.qm")):
            _installed.append(ours)
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
        for translator in _installed:
            app.installTranslator(translator)
    _state["lang"] = lang
    return lang


def error_text(error: TrustDeskError) -> str:
    """A service's error message in the current language."""
    return error.text(_state["lang"])


def label(member: LabeledEnum | None, empty: str = "") -> str:
    """A domain value's label in the current language."""
    return empty if member is None else member.label(_state["lang"])
