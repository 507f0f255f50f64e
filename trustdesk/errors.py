"""Errors a user can act on. Each message is a sentence fit to show as it is, in English and
Chinese: ``error.text(lang)`` picks the one for the interface language.

Anything else that escapes is a bug: the CLI and the GUI log it with its traceback and show
a short notice with the log file's path.
"""

from __future__ import annotations

from pathlib import Path


class TrustDeskError(Exception):
    """Base of every error whose message is meant for the user: always in both languages."""

    def __init__(self, message: str, *, zh: str) -> None:
        super().__init__(message)
        self.message = message
        self.zh = zh

    def __str__(self) -> str:
        return self.message

    def text(self, lang: str) -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        return self.zh if lang.startswith("zh") and self.zh else self.message


class ValidationError(TrustDeskError):
    """Bad input for a field; ``field`` names it so a form can show the message beside it."""

    def __init__(self, message: str, field: str | None = None, *, zh: str) -> None:
        super().__init__(message, zh=zh)
        self.field = field


class NotFoundError(TrustDeskError):
    """A record asked for by id does not exist (or was deleted)."""


class DatabaseFileError(TrustDeskError):
    """The database file cannot be used: missing folder, not SQLite, newer schema, corrupt."""


class DatabaseDamagedError(DatabaseFileError):
    """Opening found the database file damaged: TrustDesk refuses to write into it (each
    write could spread the damage). ``path`` names the file, so the GUI can offer the newest
    good backup in its place. ``DatabaseDamagedError.at(path)`` gives the usual sentences."""

    def __init__(self, message: str, *, zh: str, path: Path) -> None:
        super().__init__(message, zh=zh)
        self.path = path

    @classmethod
    def at(cls, path: Path) -> DatabaseDamagedError:
        from trustdesk import paths

        backups = paths.backups_dir()
        return cls(
            f"The database file {path} is damaged, so TrustDesk will not change it. Run "
            f"'trustdesk db check' to see what is wrong, and restore the newest backup from "
            f"{backups}.",
            zh=f"数据库文件 {path} 已损坏,TrustDesk 不会再修改它。请运行“trustdesk db check”"
            f"查看问题，并从 {backups} 恢复最新的备份。",
            path=path,
        )


class PassphraseNeededError(TrustDeskError):
    """The database is encrypted and its key is not unlocked in this process (OFF-4):
    the caller asks for the passphrase and tries again. ``path`` names the file (a backup,
    perhaps, not the database)."""

    def __init__(self, message: str, *, zh: str, path: Path) -> None:
        super().__init__(message, zh=zh)
        self.path = path

    @classmethod
    def at(cls, path: Path) -> PassphraseNeededError:
        return cls(
            f"{path} is encrypted: its passphrase is needed to open it (scripts can set "
            "TRUSTDESK_PASSPHRASE).",
            zh=f"{path} 已加密，需要输入密码才能打开（脚本可设置 TRUSTDESK_PASSPHRASE）。",
            path=path,
        )


class WrongPassphraseError(TrustDeskError):
    """The passphrase does not open the key file (or the file is not a TrustDesk database)."""

    @classmethod
    def at(cls, path: Path) -> WrongPassphraseError:
        return cls(
            f"Wrong passphrase, or {path} is not a TrustDesk database. Nothing was changed.",
            zh=f"密码错误，或 {path} 不是 TrustDesk 数据库。未做任何改动。",
        )


class ExportFileError(TrustDeskError):
    """An export (a calendar, a picture, a document) cannot be written where the user asked:
    the folder is missing, the name is a folder, or the place is not writable."""


class StorageError(TrustDeskError):
    """The database could not do its part: busy with another writer, disk full, read-only,
    damaged. Not the user's input and not a bug; the sentence says what to do. Raised by the
    store boundary (``services.store``), which classes every database failure once; the
    original exception is chained for the log but its text (SQL, values) is never shown."""

    def __init__(self, message: str, *, zh: str, kind: str) -> None:
        super().__init__(message, zh=zh)
        self.kind = kind  # "busy" | "full" | "readonly" | "corrupt" | "io"


class ServerError(TrustDeskError):
    """The team's PostgreSQL server cannot be used as asked: the address is not a PostgreSQL
    one, the password is wrong, the server cannot be reached, its database is missing, or its
    schema is not TrustDesk's. The sentence never holds the password; ``kind`` names the
    problem for the log (``address``, ``password``, ``unreachable``, ``no_database``,
    ``refused``, ``lost``, ``not_ready``, ``newer``, ``foreign``)."""

    def __init__(self, message: str, *, zh: str, kind: str) -> None:
        super().__init__(message, zh=zh)
        self.kind = kind


class DataBug(Exception):
    """A bug met in the database layer (a constraint the services should have checked, SQL
    that does not fit the schema). Its message names the operation and the error class only:
    the database's own message carries SQL and customers' data and is never kept."""
