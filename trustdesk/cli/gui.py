"""``trustdesk`` (or ``trustdesk gui``): open the app's window."""

from __future__ import annotations

import argparse

from trustdesk.cli.common import SubParsers, command, existing_db_path


def cmd_gui(args: argparse.Namespace) -> int:
    from trustdesk.ui.app import run_gui

    # --lang only when typed: otherwise the window follows its Settings, then the system.
    return run_gui(existing_db_path(args), lang=args.lang_given)


def register(sub: SubParsers) -> None:
    command(sub, "gui", cmd_gui, "open the app (the same as no command)")
