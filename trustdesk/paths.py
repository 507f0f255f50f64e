"""Where TrustDesk keeps things: the user data folder, and its own shipped files."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "TrustDesk"
_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The user data folder (database, logs, backups); ``TRUSTDESK_DATA_DIR`` overrides it."""
    override = os.environ.get("TRUSTDESK_DATA_DIR")
    path = Path(override) if override else platformdirs.user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "trustdesk.sqlite3"


def log_file() -> Path:
    folder = data_dir() / "logs"
    folder.mkdir(exist_ok=True)
    return folder / "trustdesk.log"


def backups_dir() -> Path:
    folder = data_dir() / "backups"
    folder.mkdir(exist_ok=True)
    return folder


def shipped_dir(name: str) -> Path:
    """A folder shipped with the app: ``migrations`` or ``resources``.

    An installed wheel carries them inside the package (see pyproject's force-include); a
    source checkout or editable install has them at the repository's top level.
    """
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"TrustDesk's {name} folder is missing from this installation")
