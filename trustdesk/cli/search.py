"""``trustdesk search``: the app's search box (names, pinyin, initials, English parts)."""

from __future__ import annotations

import argparse

from trustdesk.cli.common import (
    MAX_LIMIT,
    SubParsers,
    command,
    emit,
    one_line,
    opened,
    say,
    whole_number,
)
from trustdesk.db import search
from trustdesk.services import accounts, visits


def cmd_search(args: argparse.Namespace) -> int:
    with opened(args) as store:
        hits = store.read(search.search, args.query, limit=args.limit)
        notes = store.read(visits.find_notes, args.query, limit=args.limit)
        # A note is shown with its customer's name.
        names = {n.account_id: store.read(accounts.get_account, n.account_id).name for n in notes}
    found = [
        {"kind": h.kind, "id": h.id, "name": h.name, "account_id": h.account_id,
         "detail": h.detail}
        for h in hits
    ] + [
        {"kind": "note", "id": n.id, "name": names[n.account_id], "account_id": n.account_id,
         "detail": n.text}
        for n in notes
    ]  # fmt: skip
    emit(
        args,
        found,
        lambda: [f"{h['kind']:8} {h['id']}  {one_line(h['name'])}  {one_line(h['detail'])}"
                 for h in found] or [say(args, "No matches.", "没有找到。")],
    )  # fmt: skip
    return 0


def register(sub: SubParsers) -> None:
    p = command(
        sub,
        "search",
        cmd_search,
        "find customers, contacts and intelligence notes",
        json_output=True,
    )
    p.add_argument("query")
    p.add_argument("--limit", type=whole_number(1, MAX_LIMIT), default=50, metavar="N")
