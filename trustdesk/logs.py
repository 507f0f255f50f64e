"""One log file in the user data folder; one named logger per subsystem."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from trustdesk import paths

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the ``trustdesk`` loggers to the rotating log file; return its path."""
    path = paths.log_file()
    root = logging.getLogger("trustdesk")
    for old in [h for h in root.handlers if getattr(h, "_trustdesk", False)]:
        if Path(old.baseFilename) == path:  # type: ignore[attr-defined]
            root.setLevel(level)
            return path
        root.removeHandler(old)
        old.close()
    if True:
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler._trustdesk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    return path
