"""What every command shares: the parser class, the database path, the store, output.

Commands reach data only through ``Store.read`` / ``Store.write`` with a service function,
exactly as the GUI does, so both front doors check and record changes the same way.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

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
from trustdesk.errors import DatabaseFileError, TrustDeskError

if TYPE_CHECKING:  # SQLAlchemy: not loaded for `gui` and `screenshot` before the window paints
    from trustdesk.services.changes import Changes
    from trustdesk.services.store import Store

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1

# Upper bounds a typo cannot pass (and SQLite's 64-bit integers never overflow).
MAX_LIMIT = 10_000
MAX_OFFSET = 1_000_000_000
MAX_DEMO_ACCOUNTS = 200_000
MAX_COORDINATE = 1_000_000

log = logging.getLogger("trustdesk.cli")

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
    common.add_argument(
        "--db",
        metavar="PATH",
        type=database_file,
        default=argparse.SUPPRESS,
        help=argparse.SUPPRESS,
    )
    common.add_argument(
        "--create", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    common.add_argument(
        "--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    return common


def noun(sub: SubParsers, name: str, help_: str) -> SubParsers:
    """A command group (``accounts``, ``map link``); naming no action is a usage error that
    lists the actions."""
    parser = sub.add_parser(name, help=help_, description=help_)
    actions = parser.add_subparsers(title="actions", metavar="ACTION")

    def choose_an_action(_args: argparse.Namespace) -> int:
        names = ", ".join(actions.choices)
        print(
            f"trustdesk: error: choose an action: {names} (see '{parser.prog} --help')",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT

    parser.set_defaults(func=choose_an_action, prog_name=parser.prog)
    return actions


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type``: a whole number from ``low`` to ``high``, else a usage error."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high:,}, not {value}")
        return value

    return parse


def coordinate(text: str) -> float:
    """An argparse ``type`` for a place on the map: a finite number (no nan or inf)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not -MAX_COORDINATE <= value <= MAX_COORDINATE:  # also false for nan
        raise argparse.ArgumentTypeError(
            f"must be a number from {-MAX_COORDINATE:,} to {MAX_COORDINATE:,}, not {text!r}"
        )
    return value


def database_file(text: str) -> str:
    """An argparse ``type`` for ``--db``: an empty name is a mistake, not "the default"."""
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a file name (it was empty)")
    return text


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


def existing_db_path(args: argparse.Namespace) -> Path:
    """``db_path``, refusing a chosen file that does not exist: a typo in ``--db`` must not
    quietly make an empty database. ``--create`` (set by ``db upgrade`` and ``demo`` too)
    makes a new one; the user data folder's default database is made on first use."""
    path = db_path(args)
    chosen = args.db or os.environ.get("TRUSTDESK_DB")
    if chosen and not getattr(args, "create", False) and not path.exists():
        raise DatabaseFileError(
            f"There is no database at {path}. Check the name; to make a new one there, add "
            f"--create (or run 'trustdesk --db {path} db upgrade').",
            zh=f"{path} 处没有数据库。请检查文件名；若要在此新建，请加上 --create"
            f"(或运行“trustdesk --db {path} db upgrade”)。",
        )
    return path


def _ids(changes: Changes, result: object) -> str:
    customers = sorted(changes.account_ids)
    if not customers:
        out = "no customer"
    elif len(customers) <= 5:
        out = "customer " + ",".join(customers)
    else:
        out = f"{len(customers)} customers"
    record = getattr(result, "id", None)
    return f"record {record}; {out}" if isinstance(record, str) else out


@contextmanager
def opened(args: argparse.Namespace, *, upgrade: bool = True) -> Iterator[Store]:
    """The store on the chosen database, closed when the command is done. Each write is
    logged by what it changed and the ids concerned (from the database, never typed text)."""
    from trustdesk.services.store import open_store

    store = open_store(existing_db_path(args), upgrade=upgrade)
    tracked = store.write_tracked

    def write(fn: Callable[..., Any], *fn_args: Any, **kwargs: Any) -> Any:
        result, changes = tracked(fn, *fn_args, **kwargs)
        log.info(
            "%s: saved %s; %s",
            args.prog_name,
            ",".join(sorted(changes.kinds)) or "nothing",
            _ids(changes, result),
        )
        return result

    store.write = write  # type: ignore[method-assign]
    try:
        yield store
    finally:
        store.close()


def one_line(text: str) -> str:
    """``text`` safe to print on one terminal line: control, direction and line-break
    characters (which old data may hold) are shown as escapes such as ``\\x1b``."""
    if text.isprintable():  # the usual case, checked in C
        return text
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != "\u200d"
        else ch
        for ch in text
    )


def printable(text: str) -> str:
    """``one_line`` but keeping newlines and tabs (a note's paragraphs)."""
    return "\n".join("\t".join(one_line(p) for p in line.split("\t")) for line in text.split("\n"))


def emit(args: argparse.Namespace, data: Any, lines: Callable[[], Sequence[str]]) -> None:
    """``--json``: the records as JSON; otherwise the readable ``lines``."""
    from trustdesk.services.records import to_json

    if getattr(args, "json", False):
        json.dump(to_json(data), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for line in lines():
            print(printable(line))


def colon(lang: str) -> str:
    """A label's colon: full-width in Chinese (阶段：老主顾), ": " in English."""
    return "：" if lang == "zh" else ": "


def say(args: argparse.Namespace, en: str, zh: str) -> str:
    """The sentence for the interface language."""
    return zh if args.lang == "zh" else en


def given(args: argparse.Namespace, names: Sequence[str]) -> dict[str, Any]:
    """The options the user actually typed (``None`` means "not given")."""
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}


def nothing_to_change(args: argparse.Namespace) -> NoReturn:
    raise TrustDeskError(
        f"Nothing to change: give at least one option (see '{args.prog_name} --help').",
        zh=f"没有要修改的内容：请至少给出一个选项（见 '{args.prog_name} --help'）。",
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
            f"{when(e.changed_at)}  {e.changed_by or '—'}  "
            f"{field_label(e.field, lang, labels)}{colon(lang)}"
            f"{value_label(e.field, e.old_value, lang)} → {value_label(e.field, e.new_value, lang)}"
        )
        if e.lost_reason is not None:
            line += f" ({e.lost_reason.label(lang)})"
        if e.reason:
            line += f"  “{e.reason}”"
        out.append(line)
    return out or ["(no changes recorded)" if lang != "zh" else "（没有变更记录）"]
