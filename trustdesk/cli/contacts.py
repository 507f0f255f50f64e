"""``trustdesk contacts …``: the people inside a customer (REL-1…REL-5)."""

from __future__ import annotations

import argparse
from typing import Any

from trustdesk.cli.common import (
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
)
from trustdesk.domain.enums import Attitude, BuyingRole, ContactDepth, RelationshipLevel
from trustdesk.errors import TrustDeskError
from trustdesk.services import care_dates, contacts, history, level_suggestions
from trustdesk.services.records import ContactData
from trustdesk.services.store import Store

# Plain values, typed as they are stored (birthday as 1980-05-17; "" clears a field).
TEXT_FIELDS = (
    "pinyin",
    "title",
    "department",
    "phone",
    "mobile",
    "email",
    "wechat",
    "birthday",
    "family_notes",
    "education_notes",
    "notes",
)

PERSON_LABELS = {"name": ("Name", "姓名")}  # a person's name, not a company's (名称)


def _show_lines(args: argparse.Namespace, c: ContactData, boss: ContactData | None) -> list[str]:
    lang = args.lang

    def row(field: str, value: str) -> str:
        return f"  {field_label(field, lang)}{colon(lang)}{value}"

    out = [
        f"{c.name}  id {c.id}" + (say(args, "  (departed)", "  （已离职）") if c.departed else "")
    ]
    out.append(row("level", c.level.label(lang)))
    if c.target_level:
        out.append(row("target_level", c.target_level.label(lang)))
    if c.depth:
        out.append(row("depth", c.depth.label(lang)))
    out.append(row("attitude", c.attitude.label(lang)))
    if c.roles:
        out.append(row("roles", "/".join(r.label(lang) for r in c.roles)))
    if boss is not None:
        out.append(row("reports_to_id", f"{boss.name} ({boss.id})"))
    for field in TEXT_FIELDS:
        value = getattr(c, field)
        if value:
            out.append(row(field, str(value)))
    if c.departed:
        out.append(row("departed", when(c.departed_at)))
    if c.is_placeholder:
        out.append(row("is_placeholder", say(args, "yes", "是")))
    return out


def _boss(store: Store, contact: ContactData) -> ContactData | None:
    return (
        store.read(contacts.get_contact, contact.reports_to_id) if contact.reports_to_id else None
    )


def _changes(args: argparse.Namespace, *, editing: bool) -> dict[str, Any]:
    """The service's field names and values for the options typed."""
    names = ("attitude", "level", "target_level", "depth", *TEXT_FIELDS)
    changes = given(args, ("name", *names) if editing else names)
    changes |= given(args, ("departed", "is_placeholder"))
    if args.reports_to is not None:
        changes["reports_to_id"] = args.reports_to
    if getattr(args, "no_boss", False):
        changes["reports_to_id"] = None
    if getattr(args, "no_target_level", False):
        changes["target_level"] = None
    if getattr(args, "no_depth", False):
        changes["depth"] = None
    if args.role is not None:
        changes["roles"] = args.role
    if getattr(args, "no_roles", False):
        changes["roles"] = []
    return changes


def cmd_add(args: argparse.Namespace) -> int:
    fields = _changes(args, editing=False)
    with opened(args) as store:
        contact = store.write(contacts.create_contact, args.account, args.name, **fields)
    emit(
        args,
        contact,
        lambda: [say(args, f"Added contact {contact.name} (id {contact.id}).",
                     f"已添加联系人 {contact.name}（编号 {contact.id}）。")],
    )  # fmt: skip
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    changes = _changes(args, editing=True)
    if args.reason is not None and "level" not in changes:
        raise TrustDeskError(
            "--reason explains a level change; give --level too.",
            zh="--reason 用于说明关系级别的变化，请同时给出 --level。",
        )
    if not changes:
        nothing_to_change(args)
    with opened(args) as store:
        contact = store.write(
            contacts.update_contact, args.id, level_reason=args.reason or "", **changes
        )
        boss = _boss(store, contact)
    emit(args, contact, lambda: _show_lines(args, contact, boss))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with opened(args) as store:
        contact = store.read(contacts.get_contact, args.id)
        boss = _boss(store, contact)
    emit(args, contact, lambda: _show_lines(args, contact, boss))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as store:
        people = store.read(contacts.list_contacts, args.account)

    def lines() -> list[str]:
        lang = args.lang
        out = []
        for c in people:
            roles = "/".join(r.label(lang) for r in c.roles)
            gone = say(args, "  (departed)", "  （已离职）") if c.departed else ""
            name, title = one_line(c.name), one_line(c.title)
            out.append(f"{c.id}  {name}  {title}  [{c.level.label(lang)}] {roles}{gone}")
        return out

    emit(args, people, lines)
    return 0


def cmd_level(args: argparse.Namespace) -> int:
    with opened(args) as store:
        contact = store.write(contacts.set_level, args.id, args.level, args.reason or "")
    emit(
        args,
        contact,
        lambda: [say(args, f"{contact.name} is now {contact.level.label('en')}.",
                     f"{contact.name} 现在是“{contact.level.label('zh')}”。")],
    )  # fmt: skip
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with opened(args) as store:
        store.write(contacts.delete_contact, args.id)
    print(
        say(args, f"Deleted contact {args.id} (its history is kept).",
            f"已删除联系人 {args.id}（历史记录保留）。")
    )  # fmt: skip
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    with opened(args) as store:
        entries = store.read(history.contact_history, args.id)
    emit(args, entries, lambda: history_lines(entries, args.lang, PERSON_LABELS))
    return 0


def cmd_care_add(args: argparse.Namespace) -> int:
    with opened(args) as store:
        made = store.write(
            care_dates.add_care_date, args.id, args.date, args.note, yearly=args.yearly
        )
    emit(
        args,
        made,
        lambda: [say(args, f"Will remind of {made.note} on {made.day} (id {made.id}).",
                     f"将在 {made.day} 前提醒：{made.note}（编号 {made.id}）。")],
    )  # fmt: skip
    return 0


def cmd_care_list(args: argparse.Namespace) -> int:
    with opened(args) as store:
        rows = store.read(care_dates.list_care_dates, args.id)
    every_year = say(args, " (every year)", "（每年）")
    emit(
        args,
        rows,
        lambda: [
            f"{r.id}  {r.day}{every_year if r.yearly else ''}  {one_line(r.note)}" for r in rows
        ],
    )
    return 0


def cmd_care_remove(args: argparse.Namespace) -> int:
    with opened(args) as store:
        store.write(care_dates.delete_care_date, args.care_id)
    print(say(args, f"Removed care date {args.care_id}.", f"已删除关怀日 {args.care_id}。"))
    return 0


def cmd_suggestions(args: argparse.Namespace) -> int:
    with opened(args) as store:
        found = store.read(level_suggestions.suggestions_for_account, args.account)
    emit(
        args,
        found,
        lambda: [
            f"{f.contact_id}  {one_line(f.name)}  {f.current.label(args.lang)} → "
            f"{f.level.label(args.lang)}  {f.sentence(args.lang)}"
            for f in found
        ],
    )
    return 0


def cmd_suggestion_answer(args: argparse.Namespace) -> int:
    with opened(args) as store:
        if args.answer == "accept":
            contact = store.write(level_suggestions.accept, args.id, args.lang)
            text = say(args, f"{contact.name} is now {contact.level.label('en')}.",
                       f"{contact.name} 现在是“{contact.level.label('zh')}”。")  # fmt: skip
        else:
            store.write(level_suggestions.dismiss, args.id)
            text = say(args, "Suggestion dismissed.", "已忽略该建议。")
    print(text)
    return 0


def _field_options(p: argparse.ArgumentParser, *, editing: bool) -> None:
    """REL-1…REL-5 fields; in an edit, only the options given change anything."""
    for field in TEXT_FIELDS:
        metavar = "YYYY-MM-DD" if field == "birthday" else "TEXT"
        p.add_argument(f"--{field.replace('_', '-')}", dest=field, metavar=metavar)
    p.add_argument("--attitude", choices=choices(Attitude))
    target = p.add_mutually_exclusive_group()
    target.add_argument("--target-level", choices=choices(RelationshipLevel))
    depth = p.add_mutually_exclusive_group()
    depth.add_argument("--depth", choices=choices(ContactDepth), help="planned contact depth")
    boss = p.add_mutually_exclusive_group()
    boss.add_argument("--reports-to", metavar="CONTACT_ID")
    roles = p.add_mutually_exclusive_group()
    roles.add_argument(
        "--role",
        action="append",
        choices=choices(BuyingRole),
        help="repeatable" + ("; replaces all roles" if editing else ""),
    )
    departed = p.add_mutually_exclusive_group()
    departed.add_argument("--departed", action="store_true", default=None, help="has left")
    placeholder = p.add_mutually_exclusive_group()
    placeholder.add_argument(
        "--placeholder",
        dest="is_placeholder",
        action="store_true",
        default=None,
        help="a seat on the map whose person is not known yet",
    )
    if editing:
        target.add_argument("--no-target-level", action="store_true", help="clear the target")
        depth.add_argument("--no-depth", action="store_true", help="clear the planned depth")
        boss.add_argument("--no-boss", action="store_true", help="reports to nobody")
        roles.add_argument("--no-roles", action="store_true", help="remove every role")
        departed.add_argument("--not-departed", dest="departed", action="store_false")
        placeholder.add_argument("--not-placeholder", dest="is_placeholder", action="store_false")


def register(sub: SubParsers) -> None:
    con = noun(sub, "contacts", "people inside customers")

    p = command(con, "add", cmd_add, "add a contact to a customer", json_output=True)
    p.add_argument("--account", required=True, metavar="ID")
    p.add_argument("name")
    p.add_argument(
        "--level", choices=choices(RelationshipLevel), default=RelationshipLevel.NONE.code
    )
    _field_options(p, editing=False)

    p = command(
        con, "edit", cmd_edit, "change a contact's fields (only those given)", json_output=True
    )
    p.add_argument("id")
    p.add_argument("--name")
    p.add_argument("--level", choices=choices(RelationshipLevel))
    p.add_argument("--reason", help="why the level changed (kept in the level history)")
    _field_options(p, editing=True)

    p = command(con, "show", cmd_show, "show one contact", json_output=True)
    p.add_argument("id")
    p = command(con, "list", cmd_list, "list a customer's contacts", json_output=True)
    p.add_argument("--account", required=True, metavar="ID")
    p = command(con, "level", cmd_level, "change a relationship level", json_output=True)
    p.add_argument("id")
    p.add_argument("level", choices=choices(RelationshipLevel))
    p.add_argument("--reason")
    p = command(
        con, "history", cmd_history, "level moves and field edits, newest first", json_output=True
    )
    p.add_argument("id")
    p = command(con, "delete", cmd_delete, "delete a contact (history is kept)")
    p.add_argument("id")
    p = command(
        con, "care-add", cmd_care_add, "remember a personal date (情感关怀)", json_output=True
    )
    p.add_argument("id", help="the contact")
    p.add_argument("date", help="YYYY-MM-DD")
    p.add_argument("note", help="what to remember")
    p.add_argument("--yearly", action="store_true", help="every year on that day")
    p = command(con, "care-list", cmd_care_list, "a contact's care dates", json_output=True)
    p.add_argument("id")
    p = command(con, "care-remove", cmd_care_remove, "forget a care date")
    p.add_argument("care_id")
    p = command(
        con,
        "suggestions",
        cmd_suggestions,
        "levels suggested by the activities logged with each person (REL-6)",
        json_output=True,
    )
    p.add_argument("--account", required=True, metavar="ID")
    p = command(con, "suggestion", cmd_suggestion_answer, "accept or dismiss a suggested level")
    p.add_argument("id", help="the contact")
    p.add_argument("answer", choices=("accept", "dismiss"))
