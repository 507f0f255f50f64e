"""Errors a user can act on. Each message is a sentence fit to show as it is.

Anything else that escapes is a bug: the CLI and the GUI log it with its traceback and show
a short notice with the log file's path.
"""

from __future__ import annotations


class TrustDeskError(Exception):
    """Base of every error whose message is meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(TrustDeskError):
    """Bad input for a field; ``field`` names it so a form can show the message beside it."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(TrustDeskError):
    """A record asked for by id does not exist (or was deleted)."""


class DatabaseFileError(TrustDeskError):
    """The database file cannot be used: missing folder, not SQLite, newer schema, corrupt."""
