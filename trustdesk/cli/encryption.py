"""``trustdesk db encrypt | decrypt | passphrase | remember`` (OFF-4). How every other
command asks an encrypted file's passphrase is ``cli.passphrase``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from trustdesk.cli.common import SubParsers, command, existing_db_path, say
from trustdesk.cli.passphrase import ask_passphrase, no_terminal, prompt
from trustdesk.errors import TrustDeskError, WrongPassphraseError
from trustdesk.services import security

NEW_PASSPHRASE_VARIABLE = "TRUSTDESK_NEW_PASSPHRASE"


def _new_passphrase(args: argparse.Namespace, variable: str) -> str:
    given = os.environ.get(variable)
    if given is not None:
        return given
    first = prompt(args, "New passphrase (at least 8 characters): ", "新密码（至少 8 个字符）：")
    if first is None:
        raise no_terminal(args, variable)
    again = prompt(args, "The new passphrase again: ", "再次输入新密码：")
    if again != first:
        raise TrustDeskError(
            "The two passphrases differ; nothing was changed.",
            zh="两次输入的密码不一致；未做任何改动。",
        )
    return first


def _progress(args: argparse.Namespace) -> Callable[[str], None]:
    steps = {
        "backup": ("making and checking a backup…", "正在备份并检查…"),
        "database": ("rewriting the database…", "正在改写数据库…"),
        "backups": ("rewriting its backups…", "正在改写备份…"),
    }

    def show(step: str) -> None:
        en, zh = steps[step]
        print(f"trustdesk: {say(args, en, zh)}", file=sys.stderr)

    return show


def cmd_encrypt(args: argparse.Namespace) -> int:
    path = existing_db_path(args).expanduser().absolute()
    if security.encryption_state(path).encrypted:
        print(say(args, f"{path} is already encrypted.", f"{path} 已经加密。"))
        return 0
    passphrase = _new_passphrase(args, security.PASSPHRASE_VARIABLE)
    security.encrypt(path, passphrase, remember=args.remember, progress=_progress(args))
    state = security.encryption_state(path)
    print(say(args,
              f"Encrypted {path} and its backups. Its key file is {state.key_file}: keep it "
              "with the database when you copy it (each backup has one beside it). A "
              "forgotten passphrase cannot be recovered.",
              f"已加密 {path} 及其备份。密钥文件为 {state.key_file}：复制数据库时请一并复制"
              "（每个备份旁也有一份）。忘记密码将无法找回数据。"))  # fmt: skip
    if state.remembered:
        print(say(args, "This device remembers the key in its keyring.",
                  "本机已在钥匙串中记住密钥。"))  # fmt: skip
    return 0


def _confirm_with_passphrase(args: argparse.Namespace, path: Path) -> str:
    def check(passphrase: str) -> None:
        if not security.check_passphrase(path, passphrase):
            raise WrongPassphraseError.at(path)

    return ask_passphrase(args, path, check)


def _must_be_encrypted(path: Path) -> None:
    if not security.encryption_state(path).encrypted:
        raise TrustDeskError(f"{path} is not encrypted.", zh=f"{path} 没有加密。")


def cmd_decrypt(args: argparse.Namespace) -> int:
    path = existing_db_path(args).expanduser().absolute()
    _must_be_encrypted(path)
    passphrase = _confirm_with_passphrase(args, path)  # even when the keyring has the key
    security.unlock(path, passphrase)
    security.decrypt(path, progress=_progress(args))
    print(say(args, f"Decrypted {path} and its backups: they open without a passphrase now.",
              f"已解密 {path} 及其备份：现在无需密码即可打开。"))  # fmt: skip
    return 0


def cmd_passphrase(args: argparse.Namespace) -> int:
    path = existing_db_path(args).expanduser().absolute()
    _must_be_encrypted(path)
    old = _confirm_with_passphrase(args, path)
    new = _new_passphrase(args, NEW_PASSPHRASE_VARIABLE)
    security.change_passphrase(path, old, new)
    print(say(args,
              f"The passphrase of {path} and of its backups is changed (the data was not "
              "re-encrypted).",
              f"{path} 及其备份的密码已更改（数据未重新加密）。"))  # fmt: skip
    return 0


def cmd_remember(args: argparse.Namespace) -> int:
    path = existing_db_path(args).expanduser().absolute()
    _must_be_encrypted(path)
    on = args.state == "on"
    if on:
        security.unlock(path, _confirm_with_passphrase(args, path))
    security.set_remembered(path, on)
    print(say(args,
              "This device remembers the key: TrustDesk opens without asking."
              if on else "This device no longer remembers the key: the passphrase is asked.",
              "本机已记住密钥：打开时不再询问密码。"
              if on else "本机不再记住密钥：打开时将询问密码。"))  # fmt: skip
    return 0


def register(dbp: SubParsers) -> None:
    p = command(dbp, "encrypt", cmd_encrypt,
                "encrypt the database and its backups (a passphrase opens it)")  # fmt: skip
    p.add_argument("--remember", action="store_true",
                   help="also remember the key in this device's keyring")  # fmt: skip
    p.epilog = (
        f"The new passphrase is asked twice, or read from {security.PASSPHRASE_VARIABLE}. "
        "The key file <database>.key beside the file must travel with it."
    )
    p = command(dbp, "decrypt", cmd_decrypt, "turn encryption off (asks the passphrase)")
    p = command(dbp, "passphrase", cmd_passphrase,
                "change the passphrase (the data is not re-encrypted)")  # fmt: skip
    p.epilog = (
        f"The old passphrase from a prompt or {security.PASSPHRASE_VARIABLE}, the new one from "
        f"a prompt (twice) or {NEW_PASSPHRASE_VARIABLE}."
    )
    p = command(dbp, "remember", cmd_remember,
                "remember the key in this device's keyring, or forget it")  # fmt: skip
    p.add_argument("state", choices=("on", "off"))


__all__ = ["register"]
