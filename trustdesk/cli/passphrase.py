"""The passphrase of an encrypted database, for every command (OFF-4).

Any command that meets an encrypted file it has no key for (the database, or a backup it
restores or verifies) asks for its passphrase — from ``TRUSTDESK_PASSPHRASE`` for scripts,
else at a prompt that does not echo — and runs again: nothing was done before the file was
opened. Without a terminal and without the variable, the command stops with a sentence
saying what to set (exit 2). Light to import: the window commands load it too.
"""

from __future__ import annotations

import argparse
import functools
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from trustdesk.cli.common import say
from trustdesk.errors import PassphraseNeededError, TrustDeskError, WrongPassphraseError

PASSPHRASE_VARIABLE = "TRUSTDESK_PASSPHRASE"  # as services.security, without loading it
TRIES = 3


def prompt(args: argparse.Namespace, en: str, zh: str) -> str | None:
    if not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(say(args, en, zh))
    except EOFError:
        return None


def no_terminal(args: argparse.Namespace, variable: str) -> TrustDeskError:
    return TrustDeskError(
        f"There is no terminal to ask the passphrase in; set {variable}.",
        zh=f"没有可输入密码的终端；请设置 {variable}。",
    )


def ask_passphrase(args: argparse.Namespace, path: Path, check: Callable[[str], None]) -> str:
    """The passphrase of ``path``, passed to ``check`` (which raises ``WrongPassphraseError``
    for a wrong one): from the environment, else up to three tries at a prompt."""
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given is not None:
        check(given)  # a wrong one in a script fails at once, with the sentence
        return given
    for attempt in range(1, TRIES + 1):
        typed = prompt(args, f"Passphrase for {path.name}: ", f"{path.name} 的密码：")
        if typed is None:
            raise no_terminal(args, PASSPHRASE_VARIABLE)
        try:
            check(typed)
        except WrongPassphraseError as wrong:
            if attempt == TRIES:
                raise
            print(f"trustdesk: {wrong.text(args.lang)}", file=sys.stderr)
            continue
        return typed
    raise AssertionError("unreachable")


def run_unlocking(args: argparse.Namespace, run: Callable[[argparse.Namespace], int]) -> int:
    """``run(args)``; each time it stops because an encrypted file needs its passphrase,
    unlock that file and run it again (once per file)."""
    asked: set[Path] = set()
    while True:
        try:
            return run(args)
        except PassphraseNeededError as needed:
            if needed.path in asked:
                raise
            from trustdesk.services import security

            path = needed.path
            asked.add(path)
            ask_passphrase(args, path, functools.partial(security.unlock, path))


__all__ = ["PASSPHRASE_VARIABLE", "ask_passphrase", "no_terminal", "prompt", "run_unlocking"]
