"""``trustdesk views list | save NAME [filters] | show NAME | delete NAME``: saved views
(TIER-2) — named filters over the customers, the same ones the app's navigation shows, and
usable as ``accounts list --view NAME`` and ``report portfolio --view NAME``."""

from __future__ import annotations

import argparse
from typing import Any

from trustdesk.cli.common import (
    MAX_LIMIT,
    SubParsers,
    choices,
    colon,
    command,
    emit,
    noun,
    one_line,
    opened,
    say,
    whole_number,
)
from trustdesk.domain.enums import Tier
from trustdesk.services import accounts, saved_views
from trustdesk.services.saved_views import SavedViewData


def _describe(args: argparse.Namespace, view: SavedViewData) -> str:
    return saved_views.describe(view.filter, args.lang) or say(args, "everyone", "全部客户")


def _json(view: SavedViewData, lang: str) -> dict[str, Any]:
    return {
        "id": view.id,
        "name": view.name,
        "spec": saved_views.spec_of(view.filter),
        "description": saved_views.describe(view.filter, lang),
    }


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as store:
        views = store.read(saved_views.list_views)
    emit(
        args,
        [_json(v, args.lang) for v in views],
        lambda: (
            [f"{one_line(v.name)}{colon(args.lang)}{_describe(args, v)}" for v in views]
            or [say(args, "(no saved views)", "（没有已保存的视图）")]
        ),
    )
    return 0


def spec_from(args: argparse.Namespace) -> dict[str, Any]:
    """The filter fields typed on the command line (checked by the service)."""
    spec: dict[str, Any] = {
        "stages": args.stage or [],
        "tiers": args.tier or [],
        "region": args.region,
        "owner": args.owner,
        "tag": args.tag,
        "text": args.search,
        "not_visited_days": args.not_visited_days,
        "overdue": args.overdue,
        "survey_below": args.survey_below,
        "open_complaints": args.open_complaints,
        "risk_at_least": args.risk_at_least,
    }
    given = {k: v for k, v in spec.items() if v not in (None, "", [], False)}
    if args.hide_do_not_serve:
        given["include_do_not_serve"] = False
    return given


def cmd_save(args: argparse.Namespace) -> int:
    with opened(args) as store:
        view = store.write(saved_views.save_view, args.name, spec_from(args))
    emit(
        args,
        _json(view, args.lang),
        lambda: [say(args, f"Saved the view {view.name}: {_describe(args, view)}.",
                     f"已保存视图“{view.name}”：{_describe(args, view)}。")],
    )  # fmt: skip
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with opened(args) as store:
        view = store.read(saved_views.get_view, args.name)
        page = store.read(accounts.list_accounts, view.filter, limit=args.limit)

    def lines() -> list[str]:
        out = [f"{one_line(view.name)}{colon(args.lang)}{_describe(args, view)}"]
        for r in page.rows:
            out.append(f"  {r.id}  {one_line(r.name)}  [{r.stage.label(args.lang)}]  "
                       f"{one_line(r.region)}")  # fmt: skip
        total = f"{page.total}" + ("" if page.exact else "+")
        out.append(say(args, f"({len(page.rows)} of {total} customers)",
                       f"（共 {total} 个客户，显示 {len(page.rows)} 个）"))  # fmt: skip
        return out

    emit(args, {"view": _json(view, args.lang), "customers": page.rows}, lines)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with opened(args) as store:
        store.write(saved_views.delete_view, args.name)
    print(say(args, f"Deleted the view {args.name}.", f"已删除视图“{args.name}”。"))
    return 0


def register(sub: SubParsers) -> None:
    views = noun(sub, "views", "saved views: named filters over the customers")

    command(views, "list", cmd_list, "every saved view and its conditions", json_output=True)

    p = command(
        views, "save", cmd_save,
        "save a filter under a name (replacing the view of that name)", json_output=True,
    )  # fmt: skip
    p.add_argument("name")
    p.add_argument("--stage", action="append", metavar="S", help="a stage (repeatable: any of)")
    p.add_argument("--tier", action="append", choices=choices(Tier), help="repeatable: any of")
    p.add_argument("--region", metavar="TEXT")
    p.add_argument("--owner", metavar="NAME", help="the salesperson who owns the customer")
    p.add_argument("--tag", metavar="TAG")
    p.add_argument("--search", metavar="TEXT", help="name or pinyin of the customer or its people")
    p.add_argument("--not-visited-days", type=whole_number(1, 3650), metavar="N",
                   help="no visit in this many days (or never)")  # fmt: skip
    p.add_argument("--overdue", action="store_true", help="the next planned visit is past")
    p.add_argument("--survey-below", type=float, metavar="SCORE",
                   help="the latest survey's mean score is below this (1–5)")  # fmt: skip
    p.add_argument("--open-complaints", action="store_true", help="with a complaint still open")
    p.add_argument("--risk-at-least", type=whole_number(0, 100), metavar="N",
                   help="an at-risk score at least this (as last refreshed)")  # fmt: skip
    p.add_argument("--hide-do-not-serve", action="store_true", help="leave out do-not-serve ones")

    p = command(views, "show", cmd_show, "a view's conditions and its customers", json_output=True)
    p.add_argument("name")
    p.add_argument("--limit", type=whole_number(1, MAX_LIMIT), default=200, metavar="N")

    p = command(views, "delete", cmd_delete, "delete a saved view")
    p.add_argument("name")
