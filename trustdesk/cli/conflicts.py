"""``trustdesk conflicts list|resolve``: the same field edited on two laptops (or a record
deleted on one and edited on another) keeps both values; these show them side by side, with
the laptops and times, and keep one of them (OFF-3).

The server already chose a *winner* (the later edit); the *loser* is the other value. Keeping
either is a new edit here that reaches the other laptops with the next ``trustdesk sync``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from trustdesk.cli.common import (
    SubParsers,
    colon,
    command,
    emit,
    field_label,
    noun,
    one_line,
    opened,
    say,
    when,
    whole_number,
)

if TYPE_CHECKING:
    from trustdesk.sync.conflicts import ConflictView

MAX_CONFLICT_ID = 2**63 - 1
TABLE_LABELS = {"account": ("customer", "客户"), "contact": ("person", "联系人")}


def _what(args: argparse.Namespace, c: ConflictView) -> str:
    if c.kind == "delete":
        return say(args, "deleted on one laptop, edited on another", "一台电脑删除，另一台修改")
    return field_label(c.field, args.lang)


def _values(args: argparse.Namespace, c: ConflictView) -> tuple[str, str]:
    """The two sides as a person reads them. A delete conflict's winner is the edit that
    kept the record; its loser is the delete."""
    if c.kind == "delete":
        return (
            say(args, f"kept, edited ({one_line(c.winner_value)})",
                f"保留并修改（{one_line(c.winner_value)}）"),
            say(args, "deleted", "已删除"),
        )  # fmt: skip
    return one_line(c.winner_value), one_line(c.loser_value)


def _lines(args: argparse.Namespace, found: list[ConflictView], resolved_too: bool) -> list[str]:
    if not found:
        if resolved_too:
            return [say(args, "No conflicts.", "没有冲突。")]
        return [say(args, "No open conflicts.", "没有未解决的冲突。")]
    zh = args.lang == "zh"
    sides = ("winner", "loser")
    out: list[str] = []
    for c in found:
        table = TABLE_LABELS.get(c.table_name)
        kind = (table[1] if zh else table[0]) if table else c.table_name
        state = (
            say(args, f"resolved {when(c.resolved_at)}", f"已于 {when(c.resolved_at)} 解决")
            if c.resolved_at is not None
            else say(args, f"found {when(c.detected_at)}", f"发现于 {when(c.detected_at)}")
        )
        out.append(
            f"{say(args, 'Conflict', '冲突')} {c.id}  {kind} {one_line(c.record_label)}"
            f"  {_what(args, c)}  {say(args, f'({state})', f'（{state}）')}"
        )
        values = _values(args, c)
        width = max(len(v) for v in values)
        rows = (
            (values[0], c.winner_device, c.winner_at, c.winner_value),
            (values[1], c.loser_device, c.loser_at, c.loser_value),
        )
        for side, (value, device, at, raw) in zip(sides, rows, strict=True):
            now = c.kind != "delete" and raw == c.current
            here = say(args, "  ← here now", "  ← 本机当前值") if now else ""
            out.append(f"  {side:6}  {value:{width}}  {one_line(device)}  {when(at)}{here}")
        if c.kind != "delete" and c.current not in (c.winner_value, c.loser_value):
            out.append(f"  {say(args, 'here now', '本机当前值')}{colon(args.lang)}"
                       f"{one_line(c.current)}")  # fmt: skip
        if c.resolved_at is None:
            out.append(
                "  "
                + say(args, f"keep one: trustdesk conflicts resolve {c.id} --keep winner|loser",
                      f"保留其一：trustdesk conflicts resolve {c.id} --keep winner|loser")
            )  # fmt: skip
    return out


def cmd_list(args: argparse.Namespace) -> int:
    from trustdesk.sync.conflicts import list_conflicts

    with opened(args) as store:
        found = store.read(list_conflicts, include_resolved=args.all)
    emit(args, found, lambda: _lines(args, found, args.all))
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from trustdesk.sync.conflicts import list_conflicts, resolve_conflict

    with opened(args) as store:
        op_id = store.write(resolve_conflict, args.id, args.keep)
        view = next(c for c in store.read(list_conflicts, include_resolved=True) if c.id == args.id)
    kept = _values(args, view)[0 if args.keep == "winner" else 1]
    value = view.winner_value if args.keep == "winner" else view.loser_value
    data = {"id": view.id, "keep": args.keep, "value": value, "op_id": op_id}
    emit(
        args,
        data,
        lambda: [say(args, f"Conflict {view.id} resolved: kept {kept} ({args.keep}). The "
                           "other laptops get it with their next 'trustdesk sync'.",
                     f"冲突 {view.id} 已解决：保留 {kept}（{args.keep}）。其他电脑在下次"
                     "“trustdesk sync”后得到它。")],
    )  # fmt: skip
    return 0


def register(sub: SubParsers) -> None:
    group = noun(sub, "conflicts", "edits made on two laptops at once: see both, keep one")
    p = command(
        group, "list", cmd_list,
        "open conflicts: both values side by side, with the laptops and times",
        json_output=True,
    )  # fmt: skip
    p.add_argument("--all", action="store_true", help="resolved conflicts too")
    p = command(
        group, "resolve", cmd_resolve,
        "keep one value of a conflict (a new edit that the next sync sends)",
        json_output=True,
    )  # fmt: skip
    p.add_argument("id", metavar="ID", type=whole_number(1, MAX_CONFLICT_ID))
    p.add_argument(
        "--keep",
        required=True,
        choices=["winner", "loser"],
        help="winner: the value the server chose (the later edit); loser: the other one",
    )
