"""The customers and their people as Excel workbooks a person reads (customers.xlsx,
contacts.xlsx), beside the raw CSVs of an export.

Unlike the CSVs these are for reading: headers in the chosen language, stages, levels and
roles as words, the customer's name beside each person, the owner and the tags by name, days
as real Excel dates and moments as date-times in local time (Excel has no time zones), the
header row frozen and filtered, columns sized for their content. Only live records are in
them (the CSVs hold the deleted ones too), and no placeholder people (roles not yet met).

Written in openpyxl's write-only mode from a cursor, a batch at a time: 500,000 people never
sit in memory. Text that Excel cannot hold is made safe: control characters are dropped, a
cell longer than Excel's 32,767 characters is cut, and text starting with "=" stays text
rather than becoming a formula.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import ColumnElement, Select, false, func, select
from sqlalchemy.orm import QueryableAttribute, Session, aliased

from trustdesk.db.base import utc_moment
from trustdesk.db.models import Account, AccountTag, Contact, ContactRole, Tag, User
from trustdesk.db.prepared import DIALECT, on
from trustdesk.domain.enums import (
    AccountKind,
    Attitude,
    BuyingRole,
    ContactDepth,
    LabeledEnum,
    LostReason,
    RelationshipLevel,
    Stage,
    Tier,
)

BATCH = 5_000
EXCEL_MAX_TEXT = 32_767
HEADER_FILL = "DDE6F0"
Convert = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class SheetColumn:
    en: str
    zh: str
    width: int  # in Excel's character widths (a Chinese character counts two)
    expr: ColumnElement[Any] | QueryableAttribute[Any]
    convert: str = "text"  # see _converters

    def title(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True, slots=True)
class SheetRows:
    file: str
    source: str  # the table the rows come from
    columns: tuple[str, ...]  # the headers as written
    rows: int


# --- values ---------------------------------------------------------------------------------


def _text(value: Any) -> Any:
    if value is None or value == "":
        return None
    text = str(value)
    if not text.isprintable():  # the usual case is checked in C; newlines are kept
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text[:EXCEL_MAX_TEXT]


def _labels(enum_cls: type[LabeledEnum], lang: str) -> Convert:
    words = {m.code: m.label(lang) for m in enum_cls}
    return lambda code: words.get(code, code) if code else None


def _roles(lang: str) -> Convert:
    words = {m.code: m.label(lang) for m in BuyingRole}
    order = {m.code: i for i, m in enumerate(BuyingRole)}
    joiner = "、" if lang == "zh" else ", "

    def convert(codes: str | None) -> str | None:
        if not codes:
            return None
        found = sorted(set(codes.split(",")), key=lambda c: order.get(c, len(order)))
        return joiner.join(words.get(c, c) for c in found)

    return convert


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _local_moment(value: Any) -> datetime | None:
    moment = utc_moment(value)
    return moment.astimezone().replace(tzinfo=None, microsecond=0) if moment else None


def _local_day(value: Any) -> date | None:
    moment = utc_moment(value)
    return moment.astimezone().date() if moment else None


def _converters(lang: str) -> dict[str, Convert]:
    yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
    return {
        "text": _text,
        "number": lambda v: v,
        "yes_no": lambda v: None if v is None else (yes if v else no),
        "day": _day,
        "moment": _local_moment,
        "local_day": _local_day,
        "kind": _labels(AccountKind, lang),
        "stage": _labels(Stage, lang),
        "lost_reason": _labels(LostReason, lang),
        "tier": _labels(Tier, lang),
        "level": _labels(RelationshipLevel, lang),
        "depth": _labels(ContactDepth, lang),
        "attitude": _labels(Attitude, lang),
        "roles": _roles(lang),
    }


# --- the two sheets -------------------------------------------------------------------------


def customer_columns() -> list[SheetColumn]:
    tags = (
        select(func.group_concat(Tag.name, "、"))
        .select_from(AccountTag)
        .join(Tag, Tag.id == AccountTag.tag_id)
        .where(
            AccountTag.account_id == Account.id,
            AccountTag.deleted_at.is_(None),
            Tag.deleted_at.is_(None),
        )
        .scalar_subquery()
    )
    people = (
        select(func.count())
        .select_from(Contact)
        .where(
            Contact.account_id == Account.id,
            Contact.deleted_at.is_(None),
            Contact.is_placeholder == false(),
        )
        .scalar_subquery()
    )
    return [
        SheetColumn("Customer", "客户名称", 34, Account.name),
        SheetColumn("Kind", "类型", 10, Account.kind, "kind"),
        SheetColumn("Stage", "阶段", 14, Account.stage, "stage"),
        SheetColumn("Lost reason", "流失原因", 18, Account.lost_reason, "lost_reason"),
        SheetColumn("Industry", "行业", 14, Account.industry),
        SheetColumn("Region", "地区", 10, Account.region),
        SheetColumn("Address", "地址", 32, Account.address),
        SheetColumn("Phone", "电话", 16, Account.phone),
        SheetColumn("Website", "网站", 24, Account.website),
        SheetColumn("Owner", "负责人", 12, User.name),
        SheetColumn("Tags", "标签", 20, tags),
        SheetColumn("Value tier", "价值层级", 12, Account.tier, "tier"),
        SheetColumn("People", "联系人数", 9, people, "number"),
        SheetColumn("Do not serve", "不予服务", 10, Account.do_not_serve, "yes_no"),
        SheetColumn("Last visit", "最近拜访", 12, Account.last_visit_at, "local_day"),
        SheetColumn("Next visit due", "下次拜访", 12, Account.next_visit_due, "day"),
        SheetColumn("Notes", "备注", 40, Account.notes),
        SheetColumn("Created", "创建时间", 18, Account.created_at, "moment"),
        SheetColumn("Updated", "更新时间", 18, Account.updated_at, "moment"),
        SheetColumn("ID", "编号", 28, Account.id),
    ]


def customers_query(columns: Sequence[SheetColumn]) -> Select[*tuple[Any, ...]]:
    return (
        select(*(c.expr for c in columns))
        .select_from(Account)
        .outerjoin(User, User.id == Account.owner_id)
        .where(Account.deleted_at.is_(None))
        .order_by(Account.sort_key, Account.id)
    )


def contact_columns() -> list[SheetColumn]:
    boss = aliased(Contact)
    roles = (
        select(func.group_concat(ContactRole.role, ","))
        .where(ContactRole.contact_id == Contact.id, ContactRole.deleted_at.is_(None))
        .scalar_subquery()
    )
    boss_name = select(boss.name).where(boss.id == Contact.reports_to_id).scalar_subquery()
    return [
        SheetColumn("Customer", "客户名称", 34, Account.name),
        SheetColumn("Name", "姓名", 14, Contact.name),
        SheetColumn("Pinyin", "拼音", 18, Contact.pinyin),
        SheetColumn("Title", "职务", 14, Contact.title),
        SheetColumn("Department", "部门", 14, Contact.department),
        SheetColumn("Mobile", "手机", 16, Contact.mobile),
        SheetColumn("Phone", "电话", 16, Contact.phone),
        SheetColumn("Email", "电子邮件", 26, Contact.email),
        SheetColumn("WeChat id", "微信号", 16, Contact.wechat),
        SheetColumn("Birthday", "生日", 12, Contact.birthday, "day"),
        SheetColumn("Relationship level", "关系级别", 12, Contact.level, "level"),
        SheetColumn("Target level", "目标级别", 12, Contact.target_level, "level"),
        SheetColumn("Contact depth", "接触深度", 10, Contact.depth, "depth"),
        SheetColumn("Attitude", "态度", 10, Contact.attitude, "attitude"),
        SheetColumn("Roles", "角色", 18, roles, "roles"),
        SheetColumn("Reports to", "上级", 14, boss_name),
        SheetColumn("Departed", "已离职", 8, Contact.departed, "yes_no"),
        SheetColumn("Last contact", "最近接触", 12, Contact.last_touch_at, "local_day"),
        SheetColumn("Notes", "备注", 40, Contact.notes),
        SheetColumn("Family notes", "家庭备注", 30, Contact.family_notes),
        SheetColumn("Education notes", "教育备注", 30, Contact.education_notes),
        SheetColumn("Updated", "更新时间", 18, Contact.updated_at, "moment"),
        SheetColumn("ID", "编号", 28, Contact.id),
        SheetColumn("Customer ID", "客户编号", 28, Account.id),
    ]


def contacts_query(columns: Sequence[SheetColumn]) -> Select[*tuple[Any, ...]]:
    return (
        select(*(c.expr for c in columns))
        .select_from(Contact)
        .join(Account, Account.id == Contact.account_id)
        .where(
            Account.deleted_at.is_(None),
            Contact.deleted_at.is_(None),
            Contact.is_placeholder == false(),
        )
        .order_by(Account.sort_key, Account.id, Contact.sort_key, Contact.id)
    )


# --- writing --------------------------------------------------------------------------------


def _rows(session: Session, query: Select[*tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    compiled = query.compile(dialect=DIALECT, compile_kwargs={"literal_binds": True})
    _, driver = on(session)
    cursor = driver.cursor()
    try:
        cursor.execute(str(compiled))
        while batch := cursor.fetchmany(BATCH):
            yield batch
    finally:
        cursor.close()


def _as_text(sheet: Any, value: Any) -> Any:
    """``value`` for the sheet; a text starting with "=" as a text cell (not a formula)."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def write_sheet(
    session: Session,
    path: Path,
    *,
    title: str,
    columns: Sequence[SheetColumn],
    query: Select[*tuple[Any, ...]],
    lang: str,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Write the rows of ``query`` as a one-sheet workbook at ``path``; returns how many."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    sheet.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    top = Alignment(vertical="top")
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, column.title(lang))
        cell.font, cell.fill, cell.alignment = bold, fill, top
        header.append(cell)
    sheet.append(header)
    table = _converters(lang)
    convert = [table[c.convert] for c in columns]
    texts = [i for i, c in enumerate(columns) if c.convert == "text"]
    written = 0
    for batch in _rows(session, query):
        for row in batch:
            cells = [f(v) for f, v in zip(convert, row, strict=True)]
            for i in texts:
                cells[i] = _as_text(sheet, cells[i])
            sheet.append(cells)
        written += len(batch)
        if on_batch is not None:
            on_batch(written)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{written + 1}"
    book.properties.creator = "TrustDesk"
    book.properties.title = title
    book.save(str(path))
    return written


@dataclass(frozen=True, slots=True)
class PeopleSheet:
    file: str
    source: str
    en: str
    zh: str
    columns: Callable[[], list[SheetColumn]]
    query: Callable[[Sequence[SheetColumn]], Select[*tuple[Any, ...]]]

    def count(self, session: Session) -> int:
        # The first column only: the same rows without the per-row subqueries (roles, tags).
        inner = self.query(self.columns()[:1]).order_by(None).subquery()
        counted = select(func.count()).select_from(inner)
        compiled = counted.compile(dialect=DIALECT, compile_kwargs={"literal_binds": True})
        _, driver = on(session)
        return int(driver.execute(str(compiled)).fetchone()[0])

    def write(
        self,
        session: Session,
        path: Path,
        lang: str,
        on_batch: Callable[[int], None] | None = None,
    ) -> SheetRows:
        columns = self.columns()
        rows = write_sheet(
            session,
            path,
            title=self.zh if lang == "zh" else self.en,
            columns=columns,
            query=self.query(columns),
            lang=lang,
            on_batch=on_batch,
        )
        return SheetRows(self.file, self.source, tuple(c.title(lang) for c in columns), rows)


PEOPLE_SHEETS = (
    PeopleSheet(
        "customers.xlsx", "account", "Customers", "客户", customer_columns, customers_query
    ),
    PeopleSheet("contacts.xlsx", "contact", "Contacts", "联系人", contact_columns, contacts_query),
)
