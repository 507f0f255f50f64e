"""Encryption at rest and the app lock (OFF-4), for the CLI and the GUI.

Turning encryption on or off rewrites the whole file, so it runs with the database closed
(the caller closes its store first, as for a restore) and refuses while another program
has the file open. Unlocking keeps the data key in this process's memory; locking forgets
it, after which nothing opens the file until the passphrase is given again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from trustdesk.db import cipher, keys
from trustdesk.errors import (
    DatabaseFileError,
    PassphraseNeededError,
    TrustDeskError,
    WrongPassphraseError,
)

MIN_PASSPHRASE = keys.MIN_PASSPHRASE  # characters; a shorter new passphrase is refused

# The environment variable scripts give the passphrase in (the CLI, and the GUI at start).
PASSPHRASE_VARIABLE = "TRUSTDESK_PASSPHRASE"


@dataclass(frozen=True, slots=True)
class EncryptionState:
    encrypted: bool
    remembered: bool  # the key file has a keyring slot ("remember on this device")
    keyring_available: bool  # this computer has a secure OS keyring
    key_file: Path | None  # beside the database, when encrypted


def encryption_state(path: Path) -> EncryptionState:
    path = Path(path).expanduser().absolute()
    available = keys.secure_keyring() is not None
    if not cipher.is_encrypted(path):
        return EncryptionState(False, False, available, None)
    try:
        remembered = keys.read_key_file(path).slot("keyring") is not None
    except DatabaseFileError:
        remembered = False
    return EncryptionState(True, remembered, available, keys.key_file_of(path))


def is_encrypted(path: Path) -> bool:
    """``path`` is an encrypted TrustDesk file (a quick look at its header, no key needed)."""
    return cipher.is_encrypted(Path(path).expanduser().absolute())


def needs_passphrase(path: Path) -> bool:
    """``path`` is encrypted and neither this process nor the OS keyring has its key."""
    try:
        cipher.key_for(Path(path).expanduser().absolute())
    except PassphraseNeededError:
        return True
    return False


def unlock(path: Path, passphrase: str) -> None:
    """Raises ``WrongPassphraseError``; nothing is written."""
    cipher.unlock(path, passphrase)


def lock(path: Path) -> None:
    """Forget the key of ``path`` in this process (the caller has closed its store)."""
    keys.forget(path)


def check_passphrase(path: Path, passphrase: str) -> bool:
    """Whether ``passphrase`` opens ``path``'s key file (for unlocking a locked window,
    where the key may still be remembered by the keyring)."""
    try:
        keys.open_with_passphrase(
            Path(path).expanduser().absolute(),
            keys.read_key_file(Path(path).expanduser().absolute()),
            passphrase,
        )
    except WrongPassphraseError:
        return False
    return True


def encrypt(
    path: Path,
    passphrase: str,
    *,
    remember: bool = False,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Encrypt the database at ``path`` and its backups (a verified backup is made first).
    ``progress`` hears "backup", "database", "backups" as each step starts."""
    cipher.encrypt_file(path, passphrase, remember=remember, progress=progress)


def decrypt(path: Path, progress: Callable[[str], None] | None = None) -> None:
    """Turn encryption off for ``path`` (unlocked) and its backups."""
    cipher.decrypt_file(path, progress=progress)


def change_passphrase(path: Path, old: str, new: str) -> None:
    """Raises ``WrongPassphraseError`` for a wrong ``old``; the data is not re-encrypted."""
    if old == new:
        raise TrustDeskError(
            "The new passphrase is the same as the old one; nothing was changed.",
            zh="新密码与旧密码相同；未做任何改动。",
        )
    cipher.change_passphrase(path, old, new)


def set_remembered(path: Path, remember: bool) -> None:
    """Remember the key in the OS keyring (no passphrase at start on this device), or
    forget it there. The passphrase always opens the file either way."""
    cipher.set_remembered(path, remember)


__all__ = [
    "MIN_PASSPHRASE",
    "PASSPHRASE_VARIABLE",
    "EncryptionState",
    "PassphraseNeededError",
    "WrongPassphraseError",
    "change_passphrase",
    "check_passphrase",
    "decrypt",
    "encrypt",
    "encryption_state",
    "is_encrypted",
    "lock",
    "needs_passphrase",
    "set_remembered",
    "unlock",
]
