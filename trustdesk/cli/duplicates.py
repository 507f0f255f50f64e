"""``trustdesk duplicates``: people and customers entered twice (OFF-2) — list them with why,
compare two side by side, merge one into the other, undo a merge, list the merges, and say
two records are different (never proposed again). Nothing is merged unless asked."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from trustdesk.cli.common import (
    SubParsers,
    _common_options,
    colon,
    command,
    field_label,
    one_line,
    opened,
    say,
    value_label,
    when,
)
from trustdesk.domain.enums import DuplicateKind
from trustdesk.errors import ValidationError
from trustdesk.services import duplicates, merging
from trustdesk.services.duplicates import DuplicatePair, DuplicateRecord
from trustdesk.services.merging import MergeData, MergePreview, MergeResult
from trustdesk.services.records import to_json

ACCOUNT_LABELS = {
    "owner_id": ("Owner", "负责人"),
    "visit_cadence_days": ("Visit every (days)", "拜访周期（天）"),
    "survey_cycle": ("Survey cycle", "调查周期"),
}
PERSON_LABELS = {"name": ("Name", "姓名")}
# What moves, by kind of record (``services.changes`` kinds).
KIND_LABELS = {
    "contact": ("people", "联系人"), "visit": ("visits", "拜访"), "note": ("notes", "情报"),
    "commitment": ("promises", "承诺"), "survey": ("surveys", "调查"),
    "complaint": ("complaints", "投诉"), "deal": ("deals", "商机"), "order": ("orders", "订单"),
    "link": ("links", "连线"), "position": ("map places", "地图位置"),
    "level": ("level changes", "关系级别变更"), "stage": ("stage changes", "阶段变更"),
    "tag": ("tags", "标签"), "referral": ("referrals", "转介绍"),
    "installed": ("installed products", "在用产品"), "service": ("service records", "服务记录"),
    "winback": ("win-back plans", "赢回计划"), "improvement": ("improvements", "改进"),
    "suggestion": ("dismissed suggestions", "已忽略的建议"),
}  # fmt: skip


def _dump(data: Any) -> None:
    json.dump(to_json(data), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def pair_json(pair: DuplicatePair, lang: str) -> dict[str, Any]:
    return {
        "kind": pair.kind.code,
        "reason": pair.reason.code,
        "reasons": [{"code": r.code, "en": r.en, "zh": r.zh} for r in pair.reasons],
        "explanation": pair.reasons_text(lang),
        "shared": pair.shared,
        "same_customer": pair.same_account,
        "first": to_json(pair.first),
        "second": to_json(pair.second),
    }


def _record_line(args: argparse.Namespace, record: DuplicateRecord, kind: DuplicateKind) -> str:
    parts = [one_line(record.name)]
    if kind is DuplicateKind.CONTACT:
        parts.append(f"[{one_line(record.account_name)}]")
        if record.title:
            parts.append(one_line(record.title))
        if record.mobile:
            parts.append(say(args, "mobile ", "手机 ") + one_line(record.mobile))
    if record.phone:
        parts.append(say(args, "phone ", "电话 ") + one_line(record.phone))
    if record.email:
        parts.append(one_line(record.email))
    parts.append(f"id {record.id}")
    return "  ".join(parts)


def pair_lines(args: argparse.Namespace, pair: DuplicatePair, rank: int) -> list[str]:
    head = f"{rank:>3}. "
    indent = " " * len(head)
    reason = pair.reasons_text(args.lang)
    out = [f"{head}{reason}{colon(args.lang)}{one_line(pair.shared)}"]
    out += [f"{indent}{_record_line(args, r, pair.kind)}" for r in (pair.first, pair.second)]
    if pair.kind is DuplicateKind.CONTACT and not pair.same_account:
        out.append(
            indent
            + say(
                args,
                "(people of two customers: merge the customers first if they are one company)",
                "（分属两个客户：如果是同一家公司，请先合并客户）",
            )
        )
    return out


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as store:
        pairs = store.read(duplicates.find_duplicates, kind=args.kind, account_id=args.customer)
    if args.json:
        _dump([pair_json(p, args.lang) for p in pairs])
        return 0
    if not pairs:
        print(say(args, "No duplicates found.", "没有发现重复记录。"))
        return 0
    for rank, pair in enumerate(pairs, start=1):
        for line in pair_lines(args, pair, rank):
            print(line)
    print(
        say(
            args,
            f"{len(pairs)} possible duplicate{'' if len(pairs) == 1 else 's'}. Compare with "
            "'trustdesk duplicates compare ID1 ID2', merge with 'trustdesk duplicates merge "
            "KEEP_ID DROP_ID', or say they differ with 'trustdesk duplicates not-same ID1 ID2'.",
            f"共 {len(pairs)} 对可能重复。用“trustdesk duplicates compare ID1 ID2”对比，"
            "用“trustdesk duplicates merge 保留ID 合并ID”合并，或用“trustdesk duplicates "
            "not-same ID1 ID2”标记为不同记录。",
        )
    )
    return 0


def _text(value: Any, field: str, lang: str, names: dict[str, str]) -> str:
    if isinstance(value, str) and field.endswith("_id"):
        return names.get(value, value)
    stored = to_json(value)
    return value_label(field, None if stored is None else str(stored), lang)


def preview_lines(args: argparse.Namespace, preview: MergePreview) -> list[str]:
    lang = args.lang
    keep, drop = preview.keep, preview.drop
    out = [
        say(args, f"Keep:  {one_line(keep.name)}  id {keep.id}",
            f"保留：{one_line(keep.name)}  id {keep.id}"),
        say(args, f"Merge: {one_line(drop.name)}  id {drop.id}",
            f"合并：{one_line(drop.name)}  id {drop.id}"),
    ]  # fmt: skip
    labels = ACCOUNT_LABELS if preview.kind is DuplicateKind.ACCOUNT else PERSON_LABELS
    for choice in preview.fields:
        if not choice.differs:
            continue
        mark_keep, mark_drop = ("*", " ") if choice.default == merging.KEEP else (" ", "*")
        label = field_label(choice.field, lang, labels)
        out.append(
            f"  {label} ({choice.field}){colon(lang)}"
            f"{mark_keep}{one_line(_text(choice.keep, choice.field, lang, preview.names))}  |  "
            f"{mark_drop}{one_line(_text(choice.drop, choice.field, lang, preview.names))}"
        )
    sep = "、" if lang == "zh" else ", "
    moving = sep.join(
        f"{say(args, *KIND_LABELS.get(kind, (kind, kind)))} {count}"
        for kind, count in sorted(preview.moving.items())
    )
    if moving:
        out.append(say(args, f"Moving to the kept record: {moving}", f"将移到保留记录：{moving}"))
    out.append(
        say(
            args,
            "* the value kept unless you say --take FIELD=drop (or FIELD=keep).",
            "* 为默认保留的值；可用 --take 字段=drop（或 字段=keep）改选。",
        )
    )
    problem = preview.problem_zh if lang == "zh" else preview.problem_en
    if problem:
        out.append(problem)
    return out


def cmd_compare(args: argparse.Namespace) -> int:
    with opened(args) as store:
        preview = store.read(merging.merge_preview, args.keep_id, args.drop_id)
    if args.json:
        _dump(preview)
        return 0
    for line in preview_lines(args, preview):
        print(line)
    return 0


def _choices(args: argparse.Namespace) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in args.take or []:
        field, sep, side = item.partition("=")
        if not sep or not field.strip():
            raise ValidationError(
                f"--take needs FIELD=drop or FIELD=keep, not {item!r}.",
                "take",
                zh=f"--take 的格式应为 字段=drop 或 字段=keep，而不是“{item}”。",
            )
        out[field.strip()] = side.strip()
    return out


def _result_sentence(args: argparse.Namespace, result: MergeResult, undone: bool) -> str:
    m = result.merge
    kept, merged = one_line(m.kept_name), one_line(m.merged_name)
    if undone:
        line = say(
            args,
            f"Undid the merge of {merged} into {kept}: both are back as they were "
            f"({result.moved} records moved back).",
            f"已撤销将{merged}合并到{kept}：两条记录均已恢复原样（移回 {result.moved} 条记录）。",
        )
        if result.skipped:
            line += say(
                args,
                f" {result.skipped} changed since the merge and were left as they are.",
                f"另有 {result.skipped} 条在合并后已变动，保持不变。",
            )
        return line
    parts_en = [f"{result.moved} records moved"]
    parts_zh = [f"移动 {result.moved} 条记录"]
    if result.stayed:
        parts_en.append(f"{result.stayed} left with {merged} (both had them)")
        parts_zh.append(f"{result.stayed} 条两边都有，留在{merged}名下")
    if result.removed:
        parts_en.append(f"{result.removed} links between the two set aside")
        parts_zh.append(f"{result.removed} 条两者之间的连线已搁置")
    return say(
        args,
        f"Merged {merged} into {kept}: {', '.join(parts_en)}. "
        f"Undo with 'trustdesk duplicates undo {m.id}'.",
        f"已将{merged}合并到{kept}：{'，'.join(parts_zh)}。撤销：trustdesk duplicates undo {m.id}",
    )


def cmd_merge(args: argparse.Namespace) -> int:
    choices = _choices(args)
    with opened(args) as store:
        result = store.write(merging.merge, args.keep_id, args.drop_id, choices)
    if args.json:
        _dump(result)
    else:
        print(_result_sentence(args, result, undone=False))
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    with opened(args) as store:
        result = store.write(merging.undo_merge, args.merge_id)
    if args.json:
        _dump(result)
    else:
        print(_result_sentence(args, result, undone=True))
    return 0


def history_line(args: argparse.Namespace, m: MergeData) -> str:
    line = (
        f"{when(m.created_at)}  {m.kind.label(args.lang)}  {one_line(m.merged_name)} → "
        f"{one_line(m.kept_name)}  {m.created_by or '—'}  id {m.id}"
    )
    if m.undone_at is not None:
        line += say(args, f"  (undone {when(m.undone_at)})", f"  （已于 {when(m.undone_at)} 撤销）")
    return line


def cmd_history(args: argparse.Namespace) -> int:
    with opened(args) as store:
        merges = store.read(merging.list_merges, account_id=args.customer)
    if args.json:
        _dump(merges)
        return 0
    if not merges:
        print(say(args, "No merges yet.", "还没有合并记录。"))
    for m in merges:
        print(history_line(args, m))
    return 0


def cmd_not_same(args: argparse.Namespace) -> int:
    with opened(args) as store:
        kind = store.write(duplicates.mark_not_duplicates, args.first_id, args.second_id)
    if args.json:
        _dump({"kind": kind.code, "first_id": args.first_id, "second_id": args.second_id})
        return 0
    print(
        say(
            args,
            "Marked as different people; they will not be proposed as duplicates again."
            if kind is DuplicateKind.CONTACT
            else "Marked as different customers; they will not be proposed as duplicates again.",
            "已标记为不同的人，今后不再作为重复记录提出。"
            if kind is DuplicateKind.CONTACT
            else "已标记为不同的客户，今后不再作为重复记录提出。",
        )
    )
    return 0


def register(sub: SubParsers) -> None:
    about = "people and customers entered twice: list them, compare, merge, undo"
    parser = sub.add_parser(
        "duplicates", help=about, description=about, parents=[_common_options()]
    )
    parser.add_argument(
        "--kind", choices=DuplicateKind.codes(), default="contact",
        help="people (contact, the default) or customers (account)",
    )  # fmt: skip
    parser.add_argument("--customer", metavar="ID", help="only this customer's people")
    parser.add_argument("--json", action="store_true", help="print as JSON")
    parser.set_defaults(func=cmd_list, prog_name=parser.prog)
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    p = command(actions, "compare", cmd_compare, "two records side by side, field by field",
                json_output=True)  # fmt: skip
    p.add_argument("keep_id", metavar="KEEP_ID", help="the record to keep")
    p.add_argument("drop_id", metavar="DROP_ID", help="the record to merge into it")
    p = command(actions, "merge", cmd_merge,
                "merge DROP_ID into KEEP_ID (every visit, note, link… moves; undoable)",
                json_output=True)  # fmt: skip
    p.add_argument("keep_id", metavar="KEEP_ID", help="the record to keep")
    p.add_argument("drop_id", metavar="DROP_ID", help="the record to merge into it")
    p.add_argument(
        "--take", action="append", metavar="FIELD=drop",
        help="take this field from the merged record (repeatable; FIELD=keep for the kept one)",
    )  # fmt: skip
    p = command(actions, "undo", cmd_undo, "undo a merge: both records as they were",
                json_output=True)  # fmt: skip
    p.add_argument("merge_id", metavar="MERGE_ID", help="the merge's id (see history)")
    p = command(actions, "history", cmd_history, "the merges, newest first", json_output=True)
    p.add_argument("--customer", metavar="ID", help="only merges of this customer and its people")
    p = command(actions, "not-same", cmd_not_same,
                "these two are different: never propose them again", json_output=True)  # fmt: skip
    p.add_argument("first_id", metavar="ID1")
    p.add_argument("second_id", metavar="ID2")
