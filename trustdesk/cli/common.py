"""What every command shares: the parser class, the database path, the store, output.

Commands reach data only through ``Store.read`` / ``Store.write`` with a service function,
exactly as the GUI does, so both front doors check and record changes the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from trustdesk import paths
from trustdesk.domain.enums import (
    AccountKind,
    Attitude,
    BuyingRole,
    ContactDepth,
    LabeledEnum,
    LostReason,
    RelationshipLevel,
    Stage,
)
from trustdesk.errors import TrustDeskError
from trustdesk.services.store import Store, open_store

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1

Command = Callable[[argparse.Namespace], int]
SubParsers = Any  # argparse's private _SubParsersAction


class CliParser(argparse.ArgumentParser):
    """Usage mistakes end with one line and a pointer to ``--help``, not the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"trustdesk: error: {message} (see '{self.prog} --help')\n")


@cache
def _common_options() -> argparse.ArgumentParser:
    # --db and --lang are also accepted after the command; SUPPRESS keeps the global value
    # when they are not repeated there.
    common = CliParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument(
        "--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    return common


def noun(sub: SubParsers, name: str, help_: str) -> SubParsers:
    """A command group (``accounts``, ``map link``); naming no action is a usage error."""
    parser = sub.add_parser(name, help=help_, description=help_)
    return parser.add_subparsers(title="actions", metavar="ACTION", required=True)


def command(
    sub: SubParsers, name: str, func: Command, help_: str, *, json_output: bool = False
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=help_, description=help_, parents=[_common_options()]
    )
    parser.set_defaults(func=func, prog_name=parser.prog)
    if json_output:
        parser.add_argument("--json", action="store_true", help="print records as JSON")
    return parser


def choices(enum_cls: type[LabeledEnum]) -> list[str]:
    return enum_cls.codes()


def db_path(args: argparse.Namespace) -> Path:
    """``--db`` beats ``TRUSTDESK_DB``, which beats the user data folder's default."""
    chosen = args.db or os.environ.get("TRUSTDESK_DB")
    return Path(chosen).expanduser() if chosen else paths.default_db_path()


@contextmanager
def opened(args: argparse.Namespace, *, upgrade: bool = True) -> Iterator[Store]:
    """The store on the chosen database, closed when the command is done."""
    store = open_store(db_path(args), upgrade=upgrade)
    try:
        yield store
    finally:
        store.close()


def emit(args: argparse.Namespace, data: Any, lines: Callable[[], Sequence[str]]) -> None:
    """``--json``: the records as JSON; otherwise the readable ``lines``."""
    from trustdesk.services.records import to_json

    if getattr(args, "json", False):
        json.dump(to_json(data), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for line in lines():
            print(line)


def say(args: argparse.Namespace, en: str, zh: str) -> str:
    """The sentence for the interface language."""
    return zh if args.lang == "zh" else en


def given(args: argparse.Namespace, names: Sequence[str]) -> dict[str, Any]:
    """The options the user actually typed (``None`` means "not given")."""
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}


def nothing_to_change(args: argparse.Namespace) -> NoReturn:
    raise TrustDeskError(
        f"Nothing to change: give at least one option (see '{args.prog_name} --help').",
        zh=f"没有要修改的内容:请至少给出一个选项(见 '{args.prog_name} --help')。",
    )


def when(moment: datetime | None) -> str:
    """A stored UTC time in the local time zone, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "—"


# --- field names and values in the interface language ---------------------------------------

FIELD_LABELS: Mapping[str, tuple[str, str]] = {
    "name": ("Name", "名称"),
    "kind": ("Kind", "类型"),
    "industry": ("Industry", "行业"),
    "region": ("Region", "地区"),
    "address": ("Address", "地址"),
    "phone": ("Phone", "电话"),
    "website": ("Website", "网站"),
    "owner": ("Owner", "负责人"),
    "notes": ("Notes", "备注"),
    "tags": ("Tags", "标签"),
    "stage": ("Stage", "阶段"),
    "lost_reason": ("Lost reason", "流失原因"),
    "do_not_serve": ("Do not serve", "不予服务"),
    "do_not_serve_reason": ("Reason not to serve", "不予服务原因"),
    "do_not_serve_at": ("Not served since", "不予服务时间"),
    "pinyin": ("Pinyin", "拼音"),
    "title": ("Title", "职务"),
    "department": ("Department", "部门"),
    "mobile": ("Mobile", "手机"),
    "email": ("Email", "电子邮件"),
    "wechat": ("WeChat id", "微信号"),
    "birthday": ("Birthday", "生日"),
    "family_notes": ("Family notes", "家庭备注"),
    "education_notes": ("Education notes", "教育备注"),
    "reports_to_id": ("Reports to", "上级"),
    "departed": ("Departed", "已离职"),
    "level": ("Relationship level", "关系级别"),
    "target_level": ("Target level", "目标级别"),
    "depth": ("Contact depth", "接触深度"),
    "attitude": ("Attitude", "态度"),
    "roles": ("Roles", "角色"),
    "is_placeholder": ("Placeholder", "占位"),
}

_ENUM_FIELDS: Mapping[str, type[LabeledEnum]] = {
    "kind": AccountKind,
    "stage": Stage,
    "lost_reason": LostReason,
    "level": RelationshipLevel,
    "target_level": RelationshipLevel,
    "depth": ContactDepth,
    "attitude": Attitude,
}


def field_label(
    field: str, lang: str, overrides: Mapping[str, tuple[str, str]] | None = None
) -> str:
    en, zh = (overrides or {}).get(field) or FIELD_LABELS.get(field, (field, field))
    return zh if lang == "zh" else en


def value_label(field: str, value: str | None, lang: str) -> str:
    """A stored value as the interface shows it: enum labels, yes/no, "—" for nothing."""
    if value is None or value == "":
        return "—"
    if field in _ENUM_FIELDS:
        try:
            return _ENUM_FIELDS[field].parse(value).label(lang)
        except ValueError:
            return value
    if field.endswith("_at"):
        try:
            return when(datetime.fromisoformat(value))
        except ValueError:
            return value
    if field == "roles":
        return "/".join(BuyingRole.parse(r.strip()).label(lang) for r in value.split(","))
    if value in ("True", "False"):
        yes = value == "True"
        return ("是" if yes else "否") if lang == "zh" else ("yes" if yes else "no")
    return value


def history_lines(
    entries: Sequence[Any], lang: str, labels: Mapping[str, tuple[str, str]] | None = None
) -> list[str]:
    """One line per change: when, who, what from → to, and the reason given."""
    out = []
    for e in entries:
        line = (
            f"{when(e.changed_at)}  {e.changed_by or '—'}  {field_label(e.field, lang, labels)}: "
            f"{value_label(e.field, e.old_value, lang)} → {value_label(e.field, e.new_value, lang)}"
        )
        if e.lost_reason is not None:
            line += f" ({e.lost_reason.label(lang)})"
        if e.reason:
            line += f"  “{e.reason}”"
        out.append(line)
    return out or ["(no changes recorded)" if lang != "zh" else "(没有变更记录)"]
