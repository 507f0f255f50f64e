"""``trustdesk screenshot``: render a view of the app offscreen to a PNG."""

from __future__ import annotations

import argparse
from pathlib import Path

from trustdesk.cli.common import SubParsers, command, existing_db_path, say
from trustdesk.errors import TrustDeskError
from trustdesk.ui.screenshot import VIEWS  # plain names: importing it loads no Qt


def cmd_screenshot(args: argparse.Namespace) -> int:
    from trustdesk.ui.app import route_qt_messages_to_log
    from trustdesk.ui.screenshot import parse_size, take_screenshot

    out_path = Path(args.out)
    if out_path.suffix.lower() != ".png":
        raise TrustDeskError(
            f"--out must name a .png file (not {out_path.name!r}): screenshots are PNG images.",
            zh=f"--out 必须是 .png 文件（而不是 {out_path.name!r}）：截图为 PNG 图片。",
        )
    db = existing_db_path(args)
    route_qt_messages_to_log()
    out = take_screenshot(
        db,
        args.view,
        out_path,
        lang=args.lang,
        account_id=args.account,
        size=parse_size(args.size),
        when=args.when,
    )
    print(say(args, f"Saved {out}.", f"已保存 {out}。"))
    return 0


def register(sub: SubParsers) -> None:
    p = command(sub, "screenshot", cmd_screenshot, "render a view offscreen to a PNG file")
    p.add_argument(
        "view",
        choices=VIEWS,
    )
    p.add_argument("--out", required=True, metavar="FILE.png")
    p.add_argument("--account", metavar="ID", help="the account to show (default: the first)")
    p.add_argument("--size", default="1400x860", metavar="WxH")
    p.add_argument(
        "--when",
        choices=["window", "data", "complete"],
        default="complete",
        help="window: the first paint, before the database opens (customers view only); "
        "data: the first page of customers painted; complete: everything loaded (default)",
    )
