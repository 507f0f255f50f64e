"""The data key of an encrypted database and the slots that hold it (OFF-4).

An encrypted database is encrypted with a random 256-bit *data key*, given to SQLCipher raw
(no key derivation on every connection). The data key is never stored as it is: the *key
file* beside the database (``<database>.key``, 0600) holds it wrapped, in slots:

- a **passphrase** slot, always: the key is sealed with AES-256-GCM under a key that
  ``hashlib.scrypt`` derives from the passphrase (its salt and cost recorded in the slot);
- an optional **keyring** slot ("remember on this device"): the key sealed under a random
  slot key kept in the operating system's keyring. A plaintext keyring is refused.

Changing the passphrase rewrites the passphrase slot only; the data is not re-encrypted.
Losing the keyring (a new OS account, a reset keyring) loses nothing: the passphrase slot
still opens the file. The key file is written atomically (a temporary file, fsync, rename).

Unlocked keys live in this process's memory only (``remember``/``forget``), by the
database's absolute path, so every part of TrustDesk that opens the file (the engine,
backups, checks) finds it without passing it around; locking the app forgets it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trustdesk import paths
from trustdesk.errors import (
    DatabaseFileError,
    TrustDeskError,
    WrongPassphraseError,
)

log = logging.getLogger("trustdesk.db")

KEY_BYTES = 32
KEY_SUFFIX = ".key"
KEY_FILE_FORMAT = "trustdesk-key-file 1"
KEYRING_SERVICE = "TrustDesk"
# scrypt's cost: N = 2^17, r = 8, p = 1 (128 MiB, ~0.4 s here): OWASP's recommendation for a
# password that guards data at rest. Recorded in each slot, so it can change later.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1


def key_file_of(db_path: Path) -> Path:
    return Path(f"{db_path}{KEY_SUFFIX}")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(slots=True)
class KeyFile:
    """The key file's content: the data key's id and its wrapped copies."""

    key_id: str
    slots: list[dict[str, Any]] = field(default_factory=list)

    def slot(self, kind: str) -> dict[str, Any] | None:
        return next((s for s in self.slots if s.get("kind") == kind), None)

    def without(self, kind: str) -> KeyFile:
        return KeyFile(self.key_id, [s for s in self.slots if s.get("kind") != kind])

    def to_json(self) -> str:
        return json.dumps(
            {"format": KEY_FILE_FORMAT, "key_id": self.key_id, "slots": self.slots}, indent=1
        )


def _damaged_key_file(db_path: Path) -> DatabaseFileError:
    return DatabaseFileError(
        f"The key file {key_file_of(db_path)} is damaged; restore it (and the database) "
        "from a backup.",
        zh=f"密钥文件 {key_file_of(db_path)} 已损坏；请从备份恢复它（及数据库）。",
    )


def read_key_file(db_path: Path) -> KeyFile:
    path = key_file_of(db_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatabaseFileError(
            f"{db_path} is encrypted but its key file {path.name} is missing beside it; copy "
            "the key file back (a backup has one beside it).",
            zh=f"{db_path} 已加密，但旁边缺少密钥文件 {path.name}；请把密钥文件复制回来"
            "（每个备份旁都有一份）。",
        ) from None
    except (OSError, ValueError):
        raise _damaged_key_file(db_path) from None
    if not isinstance(data, dict) or data.get("format") != KEY_FILE_FORMAT:
        raise _damaged_key_file(db_path)
    slots = data.get("slots")
    if not isinstance(slots, list) or not all(isinstance(s, dict) for s in slots):
        raise _damaged_key_file(db_path)
    return KeyFile(str(data.get("key_id", "")), slots)


def write_key_file(db_path: Path, keys: KeyFile, *, target: Path | None = None) -> Path:
    """Write ``keys`` as ``db_path``'s key file (or to ``target``) atomically, 0600."""
    out = target or key_file_of(db_path)
    tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.PRIVATE_FILE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(keys.to_json())
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(out.parent)
    return out


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- slots --------------------------------------------------------------------------------


def _aad(key_id: str, kind: str) -> bytes:
    return f"trustdesk {key_id} {kind}".encode()


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r + 2**20, dklen=32
    )


def _seal(wrapping: bytes, nonce: bytes, data_key: bytes, aad: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # not on a plain open

    return AESGCM(wrapping).encrypt(nonce, data_key, aad)


def passphrase_slot(key_id: str, data_key: bytes, passphrase: str) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapping = _scrypt(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    sealed = _seal(wrapping, nonce, data_key, _aad(key_id, "passphrase"))
    return {
        "kind": "passphrase",
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": _b64(salt),
        "cipher": "AES-256-GCM",
        "nonce": _b64(nonce),
        "sealed": _b64(sealed),
    }


def _open_slot(keys: KeyFile, slot: dict[str, Any], wrapping: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        nonce, sealed = _unb64(slot["nonce"]), _unb64(slot["sealed"])
        key = AESGCM(wrapping).decrypt(nonce, sealed, _aad(keys.key_id, str(slot["kind"])))
    except (InvalidTag, KeyError, ValueError, TypeError):
        return None
    return key if len(key) == KEY_BYTES else None


def open_with_passphrase(db_path: Path, keys: KeyFile, passphrase: str) -> bytes:
    """The data key, or ``WrongPassphraseError``."""
    slot = keys.slot("passphrase")
    if slot is None:
        raise _damaged_key_file(db_path)
    try:
        n, r, p = int(slot["n"]), int(slot["r"]), int(slot["p"])
        salt = _unb64(slot["salt"])
    except (KeyError, ValueError, TypeError):
        raise _damaged_key_file(db_path) from None
    if not (2 <= n <= 2**22 and 1 <= r <= 32 and 1 <= p <= 16):  # a hostile file's cost
        raise _damaged_key_file(db_path)
    key = _open_slot(keys, slot, _scrypt(passphrase, salt, n, r, p))
    if key is None:
        log.info("a passphrase did not open the key file of %s", db_path.name)
        raise WrongPassphraseError.at(db_path)
    return key


# --- the OS keyring -----------------------------------------------------------------------


def secure_keyring() -> Any | None:
    """The OS keyring backend, or None when there is none that keeps secrets encrypted
    (``keyring``'s fail and null backends, and every backend of ``keyrings.alt``, whose
    plaintext store would put the key on disk beside the file it protects)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    candidates = list(getattr(backend, "backends", None) or [backend])
    for candidate in candidates:
        module = type(candidate).__module__
        if isinstance(candidate, fail.Keyring) or module.startswith(
            ("keyrings.alt", "keyring.backends.null", "keyring.backends.fail")
        ):
            continue
        if "plaintext" in type(candidate).__name__.lower():
            continue
        return candidate
    return None


def keyring_slot(keys: KeyFile, data_key: bytes) -> dict[str, Any]:
    """Store a new slot key in the OS keyring and return the slot sealing ``data_key`` with
    it. Raises ``TrustDeskError`` when no secure keyring is available."""
    backend = secure_keyring()
    if backend is None:
        raise TrustDeskError(
            "This computer has no secure keyring to remember the passphrase in; enter it "
            "when TrustDesk starts.",
            zh="这台电脑没有可用的安全钥匙串来记住密码；请在启动 TrustDesk 时输入密码。",
        )
    slot_key, nonce = os.urandom(KEY_BYTES), os.urandom(12)
    try:
        backend.set_password(KEYRING_SERVICE, keys.key_id, _b64(slot_key))
    except Exception as exc:  # keyring.errors.* or D-Bus failures: the slot is just not made
        log.warning("the keyring refused a secret: %s", type(exc).__name__)
        raise TrustDeskError(
            "The keyring of this computer refused to store the secret; enter the passphrase "
            "when TrustDesk starts.",
            zh="本机钥匙串拒绝保存密钥；请在启动 TrustDesk 时输入密码。",
        ) from None
    sealed = _seal(slot_key, nonce, data_key, _aad(keys.key_id, "keyring"))
    return {
        "kind": "keyring",
        "service": KEYRING_SERVICE,
        "cipher": "AES-256-GCM",
        "nonce": _b64(nonce),
        "sealed": _b64(sealed),
    }


def open_with_keyring(keys: KeyFile) -> bytes | None:
    """The data key from the keyring slot, or None when there is no slot, no keyring, or
    the keyring no longer has (or never had) the slot's secret."""
    slot = keys.slot("keyring")
    backend = secure_keyring() if slot is not None else None
    if slot is None or backend is None:
        return None
    try:
        secret = backend.get_password(KEYRING_SERVICE, keys.key_id)
    except Exception as exc:  # a locked or broken keyring: fall back to the passphrase
        log.info("the keyring could not be read: %s", type(exc).__name__)
        return None
    if not secret:
        return None
    try:
        slot_key = _unb64(secret)
    except ValueError:
        return None
    return _open_slot(keys, slot, slot_key)


def forget_in_keyring(keys: KeyFile) -> None:
    backend = secure_keyring()
    if backend is None:
        return
    try:
        backend.delete_password(KEYRING_SERVICE, keys.key_id)
    except Exception:  # not there: nothing to forget
        log.debug("no keyring secret to delete", exc_info=True)


def new_key_file(data_key: bytes, passphrase: str, *, remember: bool = False) -> KeyFile:
    from ulid import ULID

    keys = KeyFile(str(ULID()))
    keys.slots.append(passphrase_slot(keys.key_id, data_key, passphrase))
    if remember:
        keys.slots.append(keyring_slot(keys, data_key))
    return keys


MIN_PASSPHRASE = 8  # characters


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise TrustDeskError(
            f"The passphrase must be at least {MIN_PASSPHRASE} characters long.",
            zh=f"密码至少需要 {MIN_PASSPHRASE} 个字符。",
        )


# --- keys unlocked in this process ----------------------------------------------------------

_unlocked: dict[Path, bytes] = {}
_lock = threading.Lock()


def _where(db_path: Path) -> Path:
    return Path(db_path).expanduser().absolute()


def remember(db_path: Path, data_key: bytes) -> None:
    with _lock:
        _unlocked[_where(db_path)] = data_key


def unlocked_key(db_path: Path) -> bytes | None:
    with _lock:
        return _unlocked.get(_where(db_path))


def unlocked_keys() -> list[bytes]:
    """Every key unlocked in this process (a backup made with the live file's key opens
    with it, whatever its passphrase slot says)."""
    with _lock:
        return list(dict.fromkeys(_unlocked.values()))


def forget(db_path: Path) -> None:
    with _lock:
        _unlocked.pop(_where(db_path), None)


def forget_all() -> None:
    with _lock:
        _unlocked.clear()
