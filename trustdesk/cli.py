"""The command line: the second front door over the same services as the GUI.

Bad input ends with one readable line on stderr and exit code 2; a bug ends with a short
notice naming the log file (which has the traceback) and exit code 1.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import sqlalchemy.exc

from trustdesk import __version__, paths
from trustdesk.domain.enums import BuyingRole, RelationshipLevel, Stage
from trustdesk.errors import TrustDeskError
from trustdesk.logs import setup_logging

log = logging.getLogger("trustdesk.cli")

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1


def db_path(args: argparse.Namespace) -> Path:
    """``--db`` beats ``TRUSTDESK_DB``, which beats the user data folder's default."""
    chosen = args.db or os.environ.get("TRUSTDESK_DB")
    return Path(chosen).expanduser() if chosen else paths.default_db_path()


def _open(args: argparse.Namespace, *, upgrade: bool = True) -> Any:
    from trustdesk.db.engine import open_database

    return open_database(db_path(args), upgrade=upgrade)


def _emit(args: argparse.Namespace, data: Any, lines: Callable[[], Sequence[str]]) -> None:
    from trustdesk.services.records import to_json

    if args.json:
        json.dump(to_json(data), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for line in lines():
            print(line)


# --- commands -------------------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace) -> int:
    from trustdesk.ui.app import run_gui

    return run_gui(db_path(args), lang=args.lang_given)


def cmd_demo(args: argparse.Namespace) -> int:
    from trustdesk import demo
    from trustdesk.services import accounts

    if args.accounts < 1:
        raise TrustDeskError("--accounts must be at least 1.")
    db = _open(args)
    with db.transaction() as s:
        if args.if_empty and accounts.count_accounts(s) > 0:
            print(f"{db.path} already has customers; no demo data added.")
            return 0
        made, people = demo.generate(s, args.accounts, seed=args.seed)
    print(f"Added {made} demo customers with {people} contacts to {db.path}.")
    return 0


def cmd_accounts_add(args: argparse.Namespace) -> int:
    from trustdesk.services import accounts

    db = _open(args)
    with db.transaction() as s:
        account = accounts.create_account(
            s,
            args.name,
            industry=args.industry or "",
            region=args.region or "",
            kind=args.kind,
            owner=args.owner or "",
            tags=args.tag or [],
            stage=args.stage,
        )
    _emit(args, account, lambda: [f"Added customer {account.name} (id {account.id})."])
    return 0


def cmd_accounts_list(args: argparse.Namespace) -> int:
    from trustdesk.services import accounts

    db = _open(args)
    with db.reading() as s:
        page = accounts.list_accounts(
            s,
            accounts.AccountFilter.of(stage=args.stage, tag=args.tag, text=args.search),
            offset=args.offset,
            limit=args.limit,
            sort=args.sort,
            descending=args.desc,
        )

    def lines() -> list[str]:
        out = [f"{r.id}  {r.name}  [{r.stage.label(args.lang)}]  {r.region}" for r in page.rows]
        out.append(f"({len(page.rows)} of {page.total} customers)")
        return out

    _emit(args, page.rows, lines)
    return 0


def cmd_accounts_show(args: argparse.Namespace) -> int:
    from trustdesk.services import accounts

    db = _open(args)
    with db.reading() as s:
        account = accounts.get_account(s, args.id)
        history = accounts.stage_history(s, args.id)

    def lines() -> list[str]:
        lang = args.lang
        out = [
            f"{account.name}  ({account.kind.label(lang)})",
            f"  stage: {account.stage.label(lang)} — {account.trust_phase.label(lang)}",
        ]
        for field in ("industry", "region", "address", "phone", "website", "owner"):
            value = getattr(account, field)
            if value:
                out.append(f"  {field}: {value}")
        if account.tags:
            out.append(f"  tags: {', '.join(account.tags)}")
        if account.do_not_serve:
            out.append(f"  DO NOT SERVE: {account.do_not_serve_reason}")
        out.append("  stage history:")
        for h in history:
            frm = h.from_stage.label(lang) if h.from_stage else "—"
            out.append(f"    {h.changed_at:%Y-%m-%d}  {frm} → {h.to_stage.label(lang)}  {h.reason}")
        return out

    _emit(args, {"account": account, "stage_history": history}, lines)
    return 0


def cmd_accounts_stage(args: argparse.Namespace) -> int:
    from trustdesk.services import accounts

    db = _open(args)
    with db.transaction() as s:
        account = accounts.change_stage(
            s, args.id, args.stage, args.reason, lost_reason=args.lost_reason
        )
    _emit(args, account, lambda: [f"{account.name} is now {account.stage.label(args.lang)}."])
    return 0


def cmd_accounts_delete(args: argparse.Namespace) -> int:
    from trustdesk.services import accounts

    db = _open(args)
    with db.transaction() as s:
        accounts.delete_account(s, args.id)
    print(f"Deleted customer {args.id} (its history is kept).")
    return 0


def cmd_contacts_add(args: argparse.Namespace) -> int:
    from trustdesk.services import contacts

    db = _open(args)
    with db.transaction() as s:
        contact = contacts.create_contact(
            s,
            args.account,
            args.name,
            title=args.title or "",
            department=args.department or "",
            level=args.level,
            roles=args.role or [],
            reports_to_id=args.reports_to,
            email=args.email or "",
            mobile=args.mobile or "",
        )
    _emit(args, contact, lambda: [f"Added contact {contact.name} (id {contact.id})."])
    return 0


def cmd_contacts_list(args: argparse.Namespace) -> int:
    from trustdesk.services import contacts

    db = _open(args)
    with db.reading() as s:
        people = contacts.list_contacts(s, args.account)

    def lines() -> list[str]:
        lang = args.lang
        out = []
        for c in people:
            roles = "/".join(r.label(lang) for r in c.roles)
            gone = "  (departed)" if c.departed else ""
            out.append(f"{c.id}  {c.name}  {c.title}  [{c.level.label(lang)}] {roles}{gone}")
        return out

    _emit(args, people, lines)
    return 0


def cmd_contacts_level(args: argparse.Namespace) -> int:
    from trustdesk.services import contacts

    db = _open(args)
    with db.transaction() as s:
        contact = contacts.set_level(s, args.id, args.level, args.reason or "")
    _emit(args, contact, lambda: [f"{contact.name} is now {contact.level.label(args.lang)}."])
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from trustdesk.db import search

    db = _open(args)
    with db.reading() as s:
        hits = search.search(s, args.query, limit=args.limit)
    _emit(
        args,
        [
            {
                "kind": h.kind,
                "id": h.id,
                "name": h.name,
                "account_id": h.account_id,
                "detail": h.detail,
            }
            for h in hits
        ],
        lambda: [f"{h.kind:8} {h.id}  {h.name}  {h.detail}" for h in hits] or ["No matches."],
    )
    return 0


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
    print(f"Saved {out}.")
    return 0


def cmd_map_export(args: argparse.Namespace) -> int:
    from trustdesk.reports.map_export import export_map
    from trustdesk.services.relationship_map import load_map

    db = _open(args)
    with db.reading() as s:
        data = load_map(s, args.account)
    out = export_map(data, Path(args.out), lang=args.lang)
    print(f"Saved the relationship map of {data.account_name} to {out}.")
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from trustdesk.db.migrate import head_revision

    db = _open(args)
    state = "upgraded to" if db.migrated else "already at"
    print(f"{db.path}: schema {state} {head_revision()}.")
    return 0


def cmd_db_backup(args: argparse.Namespace) -> int:
    from trustdesk.db.backup import backup_database, backup_file_name

    db = _open(args)
    out = (
        Path(args.out).expanduser() if args.out else paths.backups_dir() / backup_file_name(db.path)
    )
    backup_database(db.path, out)
    print(f"Backed up {db.path} to {out}.")
    return 0


def cmd_db_check(args: argparse.Namespace) -> int:
    from trustdesk.db.migrate import head_revision

    db = _open(args, upgrade=False)  # raises if the schema is not at head
    with db.engine.connect() as conn:
        problems = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
        fk = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
    if problems != ["ok"] or fk:
        for line in problems if problems != ["ok"] else []:
            print(f"integrity: {line}", file=sys.stderr)
        for row in fk:
            print(f"foreign key: {row}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{db.path}: integrity ok, schema at head ({head_revision()}).")
    return 0


# --- parser ---------------------------------------------------------------------------------


def _choices(enum_cls: type[Any]) -> list[str]:
    return [m.code for m in enum_cls]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trustdesk",
        description="TrustDesk: offline account management. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: TRUSTDESK_DB or trustdesk.sqlite3 in the user data folder)",
    )
    parser.add_argument(
        "--lang",
        choices=["zh", "en"],
        default=None,
        help="language of labels (default: the system's)",
    )
    parser.set_defaults(func=cmd_gui, json=False)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    # --db and --lang are also accepted after the command; SUPPRESS keeps the global value
    # when they are not repeated there.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument(
        "--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )

    def command(parent: Any, name: str, func: Callable[..., int], help_: str) -> Any:
        p = parent.add_parser(name, help=help_, description=help_, parents=[common])
        p.set_defaults(func=func)
        return p

    def with_json(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--json", action="store_true", help="print records as JSON")
        return p

    demo = command(sub, "demo", cmd_demo, "fill the database with bilingual demo data")
    demo.add_argument("--accounts", type=int, default=120, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--if-empty", action="store_true", help="only if there are no customers")

    acc = sub.add_parser("accounts", help="customers").add_subparsers(metavar="ACTION")
    p = with_json(command(acc, "add", cmd_accounts_add, "add a customer"))
    p.add_argument("name")
    p.add_argument("--industry")
    p.add_argument("--region")
    p.add_argument("--owner")
    p.add_argument("--kind", choices=["company", "individual"], default="company")
    p.add_argument("--stage", choices=_choices(Stage), default=Stage.SKEPTIC.code)
    p.add_argument("--tag", action="append", help="repeatable")
    p = with_json(command(acc, "list", cmd_accounts_list, "list customers"))
    p.add_argument("--stage", choices=_choices(Stage))
    p.add_argument("--tag")
    p.add_argument("--search", metavar="TEXT")
    p.add_argument(
        "--sort",
        default="name",
        choices=["name", "stage", "region", "industry", "owner", "updated"],
    )
    p.add_argument("--desc", action="store_true")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--offset", type=int, default=0)
    p = with_json(command(acc, "show", cmd_accounts_show, "show one customer and its history"))
    p.add_argument("id")
    p = with_json(command(acc, "stage", cmd_accounts_stage, "move a customer to another stage"))
    p.add_argument("id")
    p.add_argument("stage", choices=_choices(Stage))
    p.add_argument("--reason", required=True)
    p.add_argument("--lost-reason", help="required when the stage is 'lost'")
    p = command(acc, "delete", cmd_accounts_delete, "delete a customer (history is kept)")
    p.add_argument("id")

    con = sub.add_parser("contacts", help="people inside customers").add_subparsers(
        metavar="ACTION"
    )
    p = with_json(command(con, "add", cmd_contacts_add, "add a contact to a customer"))
    p.add_argument("--account", required=True, metavar="ID")
    p.add_argument("name")
    p.add_argument("--title")
    p.add_argument("--department")
    p.add_argument("--level", choices=_choices(RelationshipLevel), default="none")
    p.add_argument("--role", action="append", choices=_choices(BuyingRole), help="repeatable")
    p.add_argument("--reports-to", metavar="ID")
    p.add_argument("--email")
    p.add_argument("--mobile")
    p = with_json(command(con, "list", cmd_contacts_list, "list a customer's contacts"))
    p.add_argument("--account", required=True, metavar="ID")
    p = with_json(command(con, "level", cmd_contacts_level, "change a relationship level"))
    p.add_argument("id")
    p.add_argument("level", choices=_choices(RelationshipLevel))
    p.add_argument("--reason")

    p = with_json(command(sub, "search", cmd_search, "find customers and contacts"))
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50)

    dbp = sub.add_parser("db", help="database upkeep").add_subparsers(metavar="ACTION")
    command(dbp, "upgrade", cmd_db_upgrade, "create the database or migrate it to this version")
    p = command(dbp, "backup", cmd_db_backup, "copy the database safely")
    p.add_argument("--out", metavar="PATH")
    command(dbp, "check", cmd_db_check, "check integrity and schema version")
    maps = sub.add_parser("map", help="relationship maps").add_subparsers(metavar="ACTION")
    p = command(maps, "export", cmd_map_export, "export an account's relationship map")
    p.add_argument("--account", required=True, metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE.png|FILE.svg")

    p = command(sub, "screenshot", cmd_screenshot, "render a view offscreen to a PNG file")
    p.add_argument("view", choices=["customers", "account", "map"])
    p.add_argument("--out", required=True, metavar="FILE.png")
    p.add_argument("--account", metavar="ID", help="the account to show (default: the first)")
    p.add_argument("--size", default="1400x860", metavar="WxH")
    return parser


def _default_lang() -> str:
    from locale import getlocale

    lang = os.environ.get("LC_ALL") or os.environ.get("LANG") or (getlocale()[0] or "")
    return "zh" if lang.lower().startswith("zh") else "en"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.lang_given = args.lang  # None: the GUI follows its Settings, else the system
    if args.lang is None:
        args.lang = _default_lang()
    log_path = setup_logging()
    try:
        return int(args.func(args))
    except TrustDeskError as exc:
        log.info("refused: %s", exc)
        print(f"trustdesk: {exc.text(args.lang)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (sqlite3.OperationalError, sqlalchemy.exc.OperationalError) as exc:
        log.exception("database error")
        print(f"trustdesk: the database could not be used: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # Output piped into `head` and cut short: not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("trustdesk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        log.exception("unexpected error in %s", args.func.__name__)
        print(
            f"trustdesk: unexpected error ({type(exc).__name__}: {exc}); details in {log_path}",
            file=sys.stderr,
        )
        return EXIT_FAILED
