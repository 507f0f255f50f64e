"""``trustdesk accounts …``: customers (ACC-1…ACC-6) — add, edit, list, stage, do-not-serve."""

from __future__ import annotations

import argparse
from dataclasses import replace

from trustdesk.cli.common import (
    MAX_LIMIT,
    MAX_OFFSET,
    SubParsers,
    choices,
    colon,
    command,
    emit,
    field_label,
    given,
    history_lines,
    nothing_to_change,
    noun,
    one_line,
    opened,
    say,
    when,
    whole_number,
)
from trustdesk.domain.enums import AccountKind, LostReason, Stage
from trustdesk.services import accounts, history, saved_views
from trustdesk.services.records import AccountData

TEXT_FIELDS = ("pinyin", "industry", "region", "address", "phone", "website", "owner", "notes")


def _show_lines(args: argparse.Namespace, account: AccountData) -> list[str]:
    lang = args.lang
    out = [
        f"{account.name}  ({account.kind.label(lang)})  id {account.id}",
        f"  {field_label('stage', lang)}{colon(lang)}{account.stage.label(lang)} — "
        f"{account.trust_phase.label(lang)}",
    ]
    if account.lost_reason:
        out.append(
            f"  {field_label('lost_reason', lang)}{colon(lang)}{account.lost_reason.label(lang)}"
        )
    for field in TEXT_FIELDS:
        value = getattr(account, field)
        if value:
            out.append(f"  {field_label(field, lang)}{colon(lang)}{value}")
    if account.tags:
        tags = ("、" if lang == "zh" else ", ").join(account.tags)
        out.append(f"  {field_label('tags', lang)}{colon(lang)}{tags}")
    if account.do_not_serve:
        label = say(args, "DO NOT SERVE", "不予服务")
        out.append(f"  {label} ({when(account.do_not_serve_at)}): {account.do_not_serve_reason}")
    return out


def cmd_add(args: argparse.Namespace) -> int:
    with opened(args) as store:
        account = store.write(
            accounts.create_account,
            args.name,
            kind=args.kind,
            stage=args.stage,
            tags=args.tag or [],
            **given(args, TEXT_FIELDS),
        )
    emit(
        args,
        account,
        lambda: [say(args, f"Added customer {account.name} (id {account.id}).",
                     f"已添加客户 {account.name}（编号 {account.id}）。")],
    )  # fmt: skip
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    changes = given(args, ("name", "kind", *TEXT_FIELDS))
    if args.tag is not None:
        changes["tags"] = args.tag
    elif args.clear_tags:
        changes["tags"] = []
    if not changes:
        nothing_to_change(args)
    with opened(args) as store:
        account = store.write(accounts.update_account, args.id, **changes)
    emit(args, account, lambda: _show_lines(args, account))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    where = accounts.AccountFilter.of(
        stage=args.stage,
        tag=args.tag,
        text=args.search,
        include_do_not_serve=not args.hide_do_not_serve,
    )
    with opened(args) as store:
        if args.view is not None:  # the view's filter, narrowed by the options also given
            view = store.read(saved_views.get_view, args.view).filter
            where = replace(
                view,
                stage=where.stage if where.stage is not None else view.stage,
                tag=where.tag or view.tag,
                text=where.text or view.text,
                include_do_not_serve=view.include_do_not_serve and where.include_do_not_serve,
            )
        page = store.read(
            accounts.list_accounts,
            where,
            offset=args.offset,
            limit=args.limit,
            sort=args.sort,
            descending=args.desc,
        )

    def lines() -> list[str]:
        lang = args.lang
        out = []
        for r in page.rows:
            mark = say(args, "  (do not serve)", "  （不予服务）") if r.do_not_serve else ""
            name, region = one_line(r.name), one_line(r.region)
            out.append(f"{r.id}  {name}  [{r.stage.label(lang)}]  {region}{mark}")
        out.append(
            say(args, f"({len(page.rows)} of {page.total} customers)",
                f"（共 {page.total} 个客户，显示 {len(page.rows)} 个）")
        )  # fmt: skip
        return out

    emit(args, page.rows, lines)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with opened(args) as store:
        account = store.read(accounts.get_account, args.id)
        stages = store.read(accounts.stage_history, args.id)

    def lines() -> list[str]:
        lang = args.lang
        out = _show_lines(args, account)
        out.append(say(args, "  stage history:", "  阶段历史："))
        for h in stages:
            frm = h.from_stage.label(lang) if h.from_stage else "—"
            line = f"    {when(h.changed_at)}  {frm} → {h.to_stage.label(lang)}  {h.reason}"
            out.append(line.rstrip())
        return out

    emit(args, {"account": account, "stage_history": stages}, lines)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    with opened(args) as store:
        entries = store.read(history.account_history, args.id)
    emit(args, entries, lambda: history_lines(entries, args.lang))
    return 0


def cmd_stage(args: argparse.Namespace) -> int:
    with opened(args) as store:
        account = store.write(
            accounts.change_stage, args.id, args.stage, args.reason, lost_reason=args.lost_reason
        )
    emit(
        args,
        account,
        lambda: [say(args, f"{account.name} is now {account.stage.label('en')}.",
                     f"{account.name} 现在处于“{account.stage.label('zh')}”阶段。")],
    )  # fmt: skip
    return 0


def cmd_do_not_serve(args: argparse.Namespace) -> int:
    serve = args.off
    with opened(args) as store:
        account = store.write(accounts.set_do_not_serve, args.id, not serve, args.reason or "")
    if serve:
        en, zh = f"{account.name} is served again.", f"{account.name} 已恢复服务。"
    else:
        en, zh = f"{account.name} is marked do not serve.", f"{account.name} 已标记为不予服务。"
    emit(args, account, lambda: [say(args, en, zh)])
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with opened(args) as store:
        store.write(accounts.delete_account, args.id)
    print(
        say(args, f"Deleted customer {args.id} (its history is kept; `accounts restore` undoes).",
            f"已删除客户 {args.id}(历史记录保留;可用 accounts restore 恢复)。")
    )  # fmt: skip
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    with opened(args) as store:
        account = store.write(accounts.restore_account, args.id)
    emit(
        args,
        account,
        lambda: [say(args, f"Restored customer {account.name}.", f"已恢复客户 {account.name}。")],
    )
    return 0


def _text_options(p: argparse.ArgumentParser) -> None:
    for field in TEXT_FIELDS:
        p.add_argument(f"--{field}", metavar="TEXT")


def register(sub: SubParsers) -> None:
    acc = noun(sub, "accounts", "customers")

    p = command(acc, "add", cmd_add, "add a customer", json_output=True)
    p.add_argument("name")
    p.add_argument("--kind", choices=choices(AccountKind), default=AccountKind.COMPANY.code)
    p.add_argument("--stage", choices=choices(Stage), default=Stage.SKEPTIC.code)
    p.add_argument("--tag", action="append", help="repeatable")
    _text_options(p)

    p = command(
        acc, "edit", cmd_edit, "change a customer's fields (only those given)", json_output=True
    )
    p.add_argument("id")
    p.add_argument("--name")
    p.add_argument("--kind", choices=choices(AccountKind))
    _text_options(p)
    tags = p.add_mutually_exclusive_group()
    tags.add_argument("--tag", action="append", help="repeatable; replaces all tags")
    tags.add_argument("--clear-tags", action="store_true", help="remove every tag")

    p = command(acc, "list", cmd_list, "list customers (the app's list filters)", json_output=True)
    p.add_argument("--stage", choices=choices(Stage))
    p.add_argument("--tag")
    p.add_argument("--search", metavar="TEXT", help="name or pinyin of the customer or its people")
    p.add_argument("--hide-do-not-serve", action="store_true", help="leave out do-not-serve ones")
    p.add_argument(
        "--view", metavar="NAME", help="the customers of a saved view (see 'views list')"
    )
    p.add_argument("--sort", default="name", choices=list(accounts.SORT_COLUMNS))
    p.add_argument("--desc", action="store_true")
    p.add_argument("--limit", type=whole_number(1, MAX_LIMIT), default=200, metavar="N")
    p.add_argument("--offset", type=whole_number(0, MAX_OFFSET), default=0, metavar="N")

    p = command(acc, "show", cmd_show, "show one customer and its stage history", json_output=True)
    p.add_argument("id")

    p = command(
        acc, "history", cmd_history, "stage moves and field edits, newest first", json_output=True
    )
    p.add_argument("id")

    p = command(acc, "stage", cmd_stage, "move a customer to another stage", json_output=True)
    p.add_argument("id")
    p.add_argument("stage", choices=choices(Stage))
    p.add_argument("--reason", required=True)
    p.add_argument("--lost-reason", choices=choices(LostReason), help="needed for 'lost'")

    p = command(
        acc,
        "do-not-serve",
        cmd_do_not_serve,
        "mark a customer not to be served (with --reason), or lift the mark (--off)",
        json_output=True,
    )
    p.add_argument("id")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--reason", help="why this customer is no longer served")
    mode.add_argument("--off", action="store_true", help="serve the customer again")

    p = command(acc, "delete", cmd_delete, "delete a customer (history is kept)")
    p.add_argument("id")
    p = command(acc, "restore", cmd_restore, "bring back a deleted customer", json_output=True)
    p.add_argument("id")
