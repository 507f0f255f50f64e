"""Where TrustDesk keeps things: the user data folder, and its own shipped files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

APP_NAME = "TrustDesk"
_PACKAGE_DIR = Path(__file__).resolve().parent


PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def private_folder(path: Path, *, parents: bool = False) -> Path:
    """Create ``path`` (if needed) readable by its owner only, whatever the umask.

    The folder holds customers' data (database, backups, logs): nobody else on the machine
    may list or read it. An existing folder of ours is tightened; one we cannot change (not
    ours, read-only medium) is left as it is.
    """
    path.mkdir(mode=PRIVATE_FOLDER, parents=parents, exist_ok=True)
    make_private(path)
    return path


def make_private(path: Path) -> None:
    """Take away group's and others' access to ``path`` (the owner's own bits are kept, so a
    read-only file stays read-only). Quietly does nothing when the mode cannot be changed
    (not our file, a read-only medium, or Windows, whose files have no such bits)."""
    if os.name == "nt":
        return
    try:
        st = path.stat()
        if st.st_mode & 0o077 and st.st_uid == os.geteuid():
            os.chmod(path, stat.S_IMODE(st.st_mode) & ~0o077)
    except OSError:
        pass


def data_dir() -> Path:
    """The user data folder (database, logs, backups); ``TRUSTDESK_DATA_DIR`` overrides it."""
    override = os.environ.get("TRUSTDESK_DATA_DIR")
    path = Path(override) if override else platformdirs.user_data_path(APP_NAME, appauthor=False)
    return private_folder(path, parents=True)


def default_db_path() -> Path:
    return data_dir() / "trustdesk.sqlite3"


def log_file() -> Path:
    return private_folder(data_dir() / "logs") / "trustdesk.log"


def backups_dir() -> Path:
    return private_folder(data_dir() / "backups")


def shipped_dir(name: str) -> Path:
    """A folder shipped with the app: ``migrations`` or ``resources``.

    An installed wheel carries them inside the package (see pyproject's force-include); a
    source checkout or editable install has them at the repository's top level.
    """
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"TrustDesk's {name} folder is missing from this installation")
