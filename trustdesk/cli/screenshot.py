"""``trustdesk screenshot``: render a view of the app offscreen to a PNG."""

from __future__ import annotations

import argparse
from pathlib import Path

from trustdesk.cli.common import SubParsers, command, db_path, say


def cmd_screenshot(args: argparse.Namespace) -> int:
    from trustdesk.ui.app import route_qt_messages_to_log
    from trustdesk.ui.screenshot import parse_size, take_screenshot

    route_qt_messages_to_log()
    out = take_screenshot(
        db_path(args),
        args.view,
        Path(args.out),
        lang=args.lang,
        account_id=args.account,
        size=parse_size(args.size),
    )
    print(say(args, f"Saved {out}.", f"已保存 {out}。"))
    return 0


def register(sub: SubParsers) -> None:
    p = command(sub, "screenshot", cmd_screenshot, "render a view offscreen to a PNG file")
    p.add_argument("view", choices=["customers", "account", "map"])
    p.add_argument("--out", required=True, metavar="FILE.png")
    p.add_argument("--account", metavar="ID", help="the account to show (default: the first)")
    p.add_argument("--size", default="1400x860", metavar="WxH")
