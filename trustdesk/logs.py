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
    root.setLevel(level)
    # Called again with another data folder (tests, a second database): move the file handler.
    for old in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        if Path(old.baseFilename) == path:
            return path
        root.removeHandler(old)
        old.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return path
