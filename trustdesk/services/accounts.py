"""Accounts (ACC-1…ACC-6): create, edit, soft delete, list pages, lifecycle stage changes."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import (
    Integer,
    Select,
    String,
    bindparam,
    case,
    func,
    literal_column,
    or_,
    select,
    tuple_,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from trustdesk.db import note_search
from trustdesk.db import search as index
from trustdesk.db.base import calendar_day, utc_moment, utcnow
from trustdesk.db.models import (
    Account,
    AccountTag,
    Complaint,
    Contact,
    StageChange,
    SurveyAnswer,
    SurveyResponse,
    User,
)
from trustdesk.db.prepared import DIALECT, Prepared, run
from trustdesk.domain.enums import AccountKind, LostReason, Stage, Tier
from trustdesk.domain.names import sort_key, tag_id
from trustdesk.domain.visit_plan import MAX_CADENCE_DAYS
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services.fields import (
    apply_changes,
    check_known_fields,
    clean_text,
    current_user,
    log_change,
    parse_enum,
    required_text,
)
from trustdesk.services.indexing import (
    index_account,
    reindex_account_contacts,
    reindex_account_notes,
)
from trustdesk.services.records import (
    AccountData,
    AccountRow,
    Page,
    StageChangeData,
    builder,
    from_row,
)
from trustdesk.services.survey_plan import refresh_survey_plans
from trustdesk.services.tags import list_tags, set_account_tags
from trustdesk.services.users import user_id_for_name
from trustdesk.services.visit_plan import refresh_plans
from trustdesk.services.winback import close_won_back

TEXT_FIELDS = {
    # field: (label, max length)
    "pinyin": (("Pinyin", "拼音"), 240),
    "industry": (("Industry", "行业"), 100),
    "region": (("Region", "地区"), 100),
    "address": (("Address", "地址"), 300),
    "phone": (("Phone", "电话"), 60),
    "website": (("Website", "网站"), 200),
    "owner": (("Owner", "负责人"), 100),
    "notes": (("Notes", "备注"), 20_000),
}
EDITABLE = {"name", "kind", "tags", *TEXT_FIELDS}

# The owner's name as a correlated subquery, not a join: SQLite then reads the name only for
# the rows a page returns, where a join would look it up for every row an OFFSET skips.
_OWNER_NAME = func.coalesce(
    select(User.name).where(User.id == Account.owner_id).correlate(Account).scalar_subquery(), ""
)

SORT_COLUMNS = {
    "name": Account.sort_key,
    "stage": Account.stage,
    "region": Account.region,
    "industry": Account.industry,
    "owner": _OWNER_NAME,
    "updated": Account.updated_at,
    "created": Account.created_at,
    # Never visited / off the plan (NULL) sort first ascending, last descending, as SQLite
    # orders NULLs; the keyset bound below knows (so the sort runs on the plan's indexes).
    "last_visit": Account.last_visit_at,
    "next_due": Account.next_visit_due,
    # TIER-1: key accounts first, then standard, low value, and the untiered last (see
    # ``_TIER_ORDER``: never NULL, so the keyset needs no NULL rule).
    "tier": Account.tier,
}
NULLABLE_SORTS = frozenset({"last_visit", "next_due"})
# What a line of the customer list shows (AccountRow's fields, in order).
_ROW_COLUMNS = (
    Account.id,
    Account.name,
    Account.stage,
    Account.region,
    Account.industry,
    _OWNER_NAME,
    Account.do_not_serve,
    Account.updated_at,
    Account.owner_id,
    Account.last_visit_at,
    Account.next_visit_due,
    Account.tier,
)
_ROW_SELECT = select(*_ROW_COLUMNS)
# Stages sort in lifecycle order, not alphabetically by code.
_STAGE_ORDER = case(*((Account.stage == s, s.position) for s in Stage))
# Tiers from the top down; a customer without a tier after every tier (a number, not NULL).
_TIER_ORDER = case(*((Account.tier == t, t.position) for t in Tier), else_=len(Tier))


def _to_data(account: Account) -> AccountData:
    return from_row(
        AccountData,
        account,
        owner=account.owner.name if account.owner else "",
        tags=tuple(t.name for t in account.tags),
    )


def load(session: Session, account_id: str) -> Account:
    """The live account with this id, or NotFoundError."""
    account = session.get(Account, account_id)
    if account is None or account.deleted_at is not None:
        raise NotFoundError(
            f"No customer with id {account_id}.", zh=f"找不到编号为 {account_id} 的客户。"
        )
    return account


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field, value in values.items():
        if field == "name":
            out[field] = required_text(value, "name", ("Customer name", "客户名称"), 200)
        elif field == "kind":
            out[field] = parse_enum(AccountKind, value, "kind")
        elif field in TEXT_FIELDS:
            label, limit = TEXT_FIELDS[field]
            out[field] = clean_text(value, field, label, limit, multiline=field == "notes")
    return out


def _check_pinyin(kind: AccountKind, pinyin: str) -> None:
    """A corrected pinyin says how a person's name is read: individuals only."""
    if pinyin and kind is not AccountKind.INDIVIDUAL:
        raise ValidationError(
            "Only an individual customer's name has a pinyin to correct.",
            "pinyin",
            zh="只有个人客户的姓名可以更正拼音。",
        )


def _sort_key(name: str, kind: AccountKind) -> str:
    return sort_key(name, person=kind is AccountKind.INDIVIDUAL)


def _set_owner(session: Session, account: Account, name: str) -> bool:
    """Point the account at the user called ``name``; log the change by names. True if changed."""
    old = account.owner.name if account.owner else ""
    if old == name:
        return False
    account.owner_id = user_id_for_name(session, name)
    session.flush()
    session.expire(account, ["owner"])
    log_change(session, "account", account.id, "owner", old, name)
    return True


def create_account(
    session: Session,
    name: str,
    *,
    stage: Stage | str = Stage.SKEPTIC,
    tags: Iterable[str] = (),
    **fields: Any,
) -> AccountData:
    """Add a customer; its first stage is written to the stage history."""
    check_known_fields(fields, EDITABLE - {"name", "tags"})
    values = _clean({"name": name, **fields})
    first_stage = parse_enum(Stage, stage, "stage")
    owner = values.pop("owner", "")
    kind = values.get("kind", AccountKind.COMPANY)
    _check_pinyin(kind, values.get("pinyin", ""))
    account = Account(
        **values,
        stage=first_stage,
        sort_key=_sort_key(values["name"], kind),
        owner_id=user_id_for_name(session, owner),
    )
    session.add(account)
    session.flush()
    set_account_tags(session, account, tags)
    session.add(
        StageChange(
            account_id=account.id,
            from_stage=None,
            to_stage=first_stage,
            reason="",
            changed_by_id=current_user(session),
        )
    )
    index_account(session, account)
    refresh_plans(session, [account.id])
    refresh_survey_plans(session, [account.id])
    return _to_data(account)


def update_account(session: Session, account_id: str, **changes: Any) -> AccountData:
    """Edit fields (not the stage: see ``change_stage``); every change goes to field history."""
    if "stage" in changes:
        raise ValidationError(
            "Change the stage with a reason (change_stage).",
            "stage",
            zh="变更客户阶段需要说明原因。",
        )
    check_known_fields(changes, EDITABLE)
    account = load(session, account_id)
    values = _clean(changes)
    _check_pinyin(values.get("kind", account.kind), values.get("pinyin", account.pinyin))
    owner = values.pop("owner", None)
    changed = apply_changes(session, account, "account", values)
    if owner is not None and _set_owner(session, account, owner):
        changed.add("owner")
    if "tags" in changes:
        old = [t.name for t in account.tags]
        set_account_tags(session, account, changes["tags"])
        new = [t.name for t in account.tags]
        if old != new:
            log_change(session, "account", account.id, "tags", ", ".join(old), ", ".join(new))
            changed.add("tags")
    if changed & {"name", "kind"}:
        account.sort_key = _sort_key(account.name, account.kind)
    if changed:
        account.updated_at = utcnow()
        if changed & {"name", "kind", "pinyin", "industry", "region"}:
            index_account(session, account)
    session.flush()
    return _to_data(account)


def change_stage(
    session: Session,
    account_id: str,
    stage: Stage | str,
    reason: str,
    *,
    lost_reason: LostReason | str | None = None,
    at: datetime | None = None,
) -> AccountData:
    """Move an account to another lifecycle stage; the move and its reason become history.

    Moving to *lost* needs one of the ACC-5 lost reasons.
    """
    account = load(session, account_id)
    new_stage = parse_enum(Stage, stage, "stage")
    why = required_text(
        reason, "reason", ("The reason for the stage change", "阶段变更原因"), 2000, multiline=True
    )
    if new_stage is account.stage:
        raise ValidationError(
            f"The customer is already at stage {new_stage.en}.",
            "stage",
            zh=f"该客户已经处于“{new_stage.zh}”阶段。",
        )
    lost: LostReason | None = None
    if new_stage is Stage.LOST:
        if lost_reason in (None, ""):
            choices = ", ".join(LostReason.codes())
            raise ValidationError(
                f"Say why the customer was lost (one of: {choices}).",
                "lost_reason",
                zh="请选择客户流失的原因：" + "、".join(r.zh for r in LostReason) + "。",
            )
        lost = parse_enum(LostReason, lost_reason, "lost_reason")
    if account.stage is Stage.LOST:  # WIN-2: back from lost closes a win-back plan as won
        won = close_won_back(session, account.id, at)
        why = f"{why}\n{won}" if won else why
    session.add(
        StageChange(
            account_id=account.id,
            from_stage=account.stage,
            to_stage=new_stage,
            lost_reason=lost,
            reason=why,
            changed_at=at or utcnow(),
            changed_by_id=current_user(session),
        )
    )
    account.stage = new_stage
    account.lost_reason = lost
    account.updated_at = utcnow()
    refresh_plans(session, [account.id])  # the stage sets the cadence
    refresh_survey_plans(session, [account.id])  # surveys are for buying customers
    return _to_data(account)


def stage_history(session: Session, account_id: str) -> list[StageChangeData]:
    """The account's stage moves, newest first."""
    load(session, account_id)
    rows = session.execute(
        select(StageChange, func.coalesce(User.name, ""))
        .outerjoin(User, User.id == StageChange.changed_by_id)
        .where(StageChange.account_id == account_id)
        .order_by(StageChange.changed_at.desc(), StageChange.id.desc())
    )
    return [from_row(StageChangeData, r, changed_by=name) for r, name in rows]


def set_do_not_serve(
    session: Session, account_id: str, flag: bool, reason: str = ""
) -> AccountData:
    """ACC-6: mark a customer we no longer serve (with the reason), or lift the mark."""
    account = load(session, account_id)
    if flag:
        why = required_text(
            reason,
            "do_not_serve_reason",
            ("The reason not to serve", "不予服务的原因"),
            2000,
            multiline=True,
        )
        values = {"do_not_serve": True, "do_not_serve_reason": why, "do_not_serve_at": utcnow()}
    else:
        values = {"do_not_serve": False, "do_not_serve_reason": "", "do_not_serve_at": None}
    if apply_changes(session, account, "account", values):
        account.updated_at = utcnow()
    refresh_plans(session, [account.id])  # do-not-serve customers leave the visit plan
    refresh_survey_plans(session, [account.id])  # and the survey plan
    return _to_data(account)


def set_visit_cadence(session: Session, account_id: str, days: int | str | None) -> AccountData:
    """VIS-3: this customer's own visit cadence in days (None or 0: its stage's default)."""
    account = load(session, account_id)
    cadence: int | None
    if days in (None, "", 0, "0"):
        cadence = None
    else:
        try:
            cadence = int(str(days).strip())
        except ValueError:
            cadence = -1
        if not 1 <= cadence <= MAX_CADENCE_DAYS:
            raise ValidationError(
                f"A visit cadence is a whole number of days from 1 to {MAX_CADENCE_DAYS} "
                f"(got {days!r}).",
                "visit_cadence_days",
                zh=f"拜访周期应为 1 到 {MAX_CADENCE_DAYS} 之间的整数天数（收到的是“{days}”）。",
            )
    if apply_changes(session, account, "account", {"visit_cadence_days": cadence}):
        account.updated_at = utcnow()
    refresh_plans(session, [account.id])
    return _to_data(account)


def delete_account(session: Session, account_id: str) -> None:
    """Soft delete: the account and its contacts disappear from lists and search, history stays."""
    account = load(session, account_id)
    account.deleted_at = utcnow()
    index.remove_account_tree(session, account.id)
    note_search.remove_account_notes(session, account.id)
    session.flush()


def restore_account(session: Session, account_id: str) -> AccountData:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFoundError(
            f"No customer with id {account_id}.", zh=f"找不到编号为 {account_id} 的客户。"
        )
    account.deleted_at = None
    index_account(session, account)
    reindex_account_contacts(session, account)
    reindex_account_notes(session, account.id)
    refresh_plans(session, [account.id])
    refresh_survey_plans(session, [account.id])
    return _to_data(account)


def get_account(session: Session, account_id: str) -> AccountData:
    return _to_data(load(session, account_id))


Q = TypeVar("Q", bound="Select[*tuple[Any, ...]]")  # any select of the list


@dataclass(frozen=True, slots=True)
class AccountFilter:
    """Which customers a list shows: the one filter type of the GUI list and the CLI."""

    stage: Stage | None = None
    tag: str | None = None
    text: str = ""  # matches the customer or any of its people through the search index
    include_do_not_serve: bool = True
    # TIER-2: the fields a saved view can also filter on (empty or None: any).
    stages: tuple[Stage, ...] = ()
    tiers: tuple[Tier, ...] = ()
    region: str = ""
    owner: str = ""  # the owner's name
    not_visited_days: int | None = None  # no visit in this many days (or never)
    overdue: bool = False  # the next planned visit is past
    survey_below: float | None = None  # the latest survey's mean score is below this
    open_complaints: bool = False
    risk_at_least: int | None = None  # the at-risk score of the last refresh

    @property
    def dated(self) -> bool:
        """Whether the filter depends on today's date."""
        return self.overdue or self.not_visited_days is not None

    @classmethod
    def of(
        cls,
        *,
        stage: Stage | str | None = None,
        tag: str | None = None,
        text: str | None = None,
        include_do_not_serve: bool = True,
    ) -> AccountFilter:
        """Checked values from loose input (a stage code, blank strings meaning "any")."""
        return cls(
            stage=None if stage in (None, "") else parse_enum(Stage, stage, "stage"),
            tag=(tag or "").strip() or None,
            text=(text or "").strip(),
            include_do_not_serve=include_do_not_serve,
        )


NO_FILTER = AccountFilter()


# A search whose index rows (terms or trigram hits; a customer has several) are at most this
# many lists its customers from the index: look them up, sort them, take the page. Above it
# the list walks the customers in list order and stops at a page of matches, and the count
# shows as "200+" (counting every match of a one-letter search is what made typing slow).
NARROW_MATCHES = 3000


def _unindexed(column: Any) -> Any:
    """``+column``: SQLite uses no index for a term written so."""
    return literal_column(f"+{column.table.name}.{column.name}", column.type)


def _filtered(query: Q, where: AccountFilter, *, by_ids: bool = False) -> Q:
    """The filters other than the text (which ``_text_scope`` turns into a plan).

    ``by_ids``: the text filter gives a few matching ids, and reading those rows by primary
    key then sorting them is the fastest plan (0.4–0.7 ms for 327 of 100,000). SQLite, which
    has no statistics here, would rather walk the whole list in order through the index on
    ``deleted_at`` (or on ``stage``) hoping to fill the page early — 15–19 ms; those terms
    are written so that no index serves them."""
    live, stage = (
        (_unindexed(Account.deleted_at), _unindexed(Account.stage))
        if by_ids
        else (Account.deleted_at, Account.stage)
    )
    query = query.where(live.is_(None))
    if where.stage is not None:
        query = query.where(stage == where.stage)
    if where.tag:
        query = query.where(
            Account.id.in_(
                select(AccountTag.account_id).where(
                    AccountTag.tag_id == tag_id(where.tag), AccountTag.deleted_at.is_(None)
                )
            )
        )
    if not where.include_do_not_serve:
        query = query.where(Account.do_not_serve.is_(False))
    return _view_filtered(query, where, stage)


def _view_filtered(query: Q, where: AccountFilter, stage: Any) -> Q:
    """TIER-2: the saved views' fields. Days are counted from today on this laptop's clock;
    the statements of a dated filter are compiled once per day (see ``_page_statement``)."""
    # Each value its own parameter: a prepared statement has no expanding IN list.
    if where.stages:
        query = query.where(or_(*(stage == s for s in where.stages)))
    if where.tiers:
        query = query.where(or_(*(Account.tier == t for t in where.tiers)))
    if where.region:
        query = query.where(func.lower(Account.region) == where.region.strip().lower())
    if where.owner:
        query = query.where(
            Account.owner_id.in_(select(User.id).where(User.name == where.owner.strip()))
        )
    if where.not_visited_days is not None:
        start = datetime.now(UTC) - timedelta(days=where.not_visited_days)
        query = query.where(or_(Account.last_visit_at.is_(None), Account.last_visit_at < start))
    if where.overdue:
        query = query.where(Account.next_visit_due < date.today())
    if where.survey_below is not None:
        latest = (
            select(SurveyResponse.id)
            .where(
                SurveyResponse.account_id == Account.id,
                SurveyResponse.deleted_at.is_(None),
                SurveyResponse.competitor == "",
            )
            .order_by(SurveyResponse.taken_at.desc())
            .limit(1)
            .scalar_subquery()
        )
        mean = (
            select(func.avg(SurveyAnswer.score))
            .where(
                SurveyAnswer.response_id == latest,
                SurveyAnswer.deleted_at.is_(None),
                SurveyAnswer.score.is_not(None),
            )
            .scalar_subquery()
        )
        query = query.where(mean < where.survey_below)
    if where.open_complaints:
        query = query.where(
            select(Complaint.id)
            .where(
                Complaint.account_id == Account.id,
                Complaint.resolved_at.is_(None),
                Complaint.deleted_at.is_(None),
            )
            .exists()
        )
    if where.risk_at_least is not None:
        query = query.where(Account.risk_score >= where.risk_at_least)
    return query


def _only_text(where: AccountFilter) -> bool:
    return replace(where, text="") == NO_FILTER


# What each kind of text scope binds (see ``_TextScope``); "ids" binds its JSON array.
_SCOPE_VALUES = {"prefix": ("term",), "substring": ("match", "q", "qn"), "ids": ("ids",)}


@dataclass(frozen=True, slots=True)
class _TextScope:
    """How a text filter narrows the list. ``kind``: "ids", the few matching customers (read
    by primary key, then sorted; ``matches`` of them); "prefix" or "substring", a broad
    search (an EXISTS test on each customer walked in list order, ``db.search``'s
    ``ACCOUNT_MATCHES``); "": no text filter. ``values``: what the kind's clause binds."""

    kind: str = ""
    values: dict[str, Any] = dataclasses.field(default_factory=dict)
    matches: int = 0

    @property
    def countable(self) -> bool:
        return self.kind in ("", "ids")


def _text_scope(session: Session, text: str) -> _TextScope:
    """The scope of ``text``, with one run of the index query: its hits, at most one more
    than a narrow search has, are both the gauge and (when few) what the matches are read
    from."""
    found = index.text_kind(text) if text else None
    if found is None:
        return _TextScope()
    kind, params = found
    hits = run(session, index.INDEX_HITS[kind], {**params, "limit": NARROW_MATCHES + 1})
    if len(hits) > NARROW_MATCHES:
        return _TextScope(kind, {k: params[k] for k in _SCOPE_VALUES[kind]})
    listed = json.dumps([hit for (hit,) in hits])
    ids = [a for (a,) in run(session, index.ACCOUNTS_OF_HITS[kind], {**params, "hits": listed})]
    # VIS-2: a customer whose intelligence notes say it is found too (张伟调岗, 竞争对手).
    noted = note_search.matching_accounts(session, text, NARROW_MATCHES)
    ids = list(dict.fromkeys([*ids, *noted]))
    return _TextScope("ids", {"ids": json.dumps(ids)}, len(ids))


def _scoped(query: Q, where: AccountFilter, kind: str) -> Q:
    """``query`` with the list filters and the clause of a text scope of ``kind`` (its
    values bound by name when run)."""
    query = _filtered(query, where, by_ids=kind == "ids")
    if kind == "ids":
        ids = sql_text("SELECT value FROM json_each(:ids)").columns(value=String)
        return query.where(Account.id.in_(ids))
    if kind == "substring":  # its trigram hits, read once (see ACCOUNT_MATCHES)
        hits = sql_text(index.FTS_HITS).columns(id=Integer).cte("fts_hits")
        query = query.add_cte(hits.prefix_with("MATERIALIZED"))
    if kind:
        query = query.where(sql_text(index.ACCOUNT_MATCHES[kind]))
    return query


def _after(keys: list[Any], after: tuple[Any, ...], descending: bool, nullable: bool) -> Any:
    """The rows after the cursor ``after`` in the list order. Rows compare as tuples; when the
    first key may be NULL (never visited), SQLite's NULLs-smallest order is spelled out, since
    a tuple comparison with a NULL is never true."""

    def beyond(left: list[Any], right: tuple[Any, ...]) -> Any:
        return tuple_(*left) < tuple_(*right) if descending else tuple_(*left) > tuple_(*right)

    if not nullable:
        return beyond(keys, after)
    first, rest = keys[0], keys[1:]
    if after[0] is None:  # within the NULLs, then (ascending) every dated row
        among_nulls = first.is_(None) & beyond(rest, after[1:])
        return among_nulls if descending else among_nulls | first.is_not(None)
    dated = beyond(keys, after)  # NULL first keys never pass; they come last descending
    return dated | first.is_(None) if descending else dated


def _order(sort: str, descending: bool) -> list[Any]:
    """The list order, made total by the name's sort key and then the id (tie-safe keyset)."""
    if sort not in SORT_COLUMNS:
        names = ", ".join(SORT_COLUMNS)
        raise ValidationError(
            f"Cannot sort by {sort!r}; use one of {names}.", zh=f"不能按“{sort}”排序;可用:{names}。"
        )
    column: Any = {"stage": _STAGE_ORDER, "tier": _TIER_ORDER}.get(sort, SORT_COLUMNS[sort])
    keys = [column] if sort == "name" else [column, Account.sort_key]
    return [*keys, Account.id]


def list_accounts(
    session: Session,
    where: AccountFilter = NO_FILTER,
    *,
    offset: int = 0,
    limit: int = 200,
    sort: str = "name",
    descending: bool = False,
    with_total: bool = True,
    after: tuple[Any, ...] | None = None,
) -> Page[AccountRow]:
    """One page of the customer list, sorted and filtered in SQL.

    ``after`` (a previous page's ``Page.after``) reads the page after that row by keyset, so
    page 500 costs what page 1 does; ``offset`` still works for a direct jump. A text filter
    starts from the search index's matches; when a search matches too many customers to count
    cheaply, the page says so (``exact`` False, ``total`` a lower bound).
    """
    keys = _order(sort, descending)
    scope = _text_scope(session, where.text)
    others = replace(where, text="")
    shape = _page_statement(others, sort, descending, after, scope.kind)
    bound = {f"after_{n}": v for n, v in enumerate(after or ()) if v is not None}
    rows = shape.rows(session, offset=offset, limit=limit, **bound, **scope.values)
    page = _account_rows(rows)
    cursor = _cursor(session, keys, rows[-1]) if len(rows) == limit else None
    if not with_total:
        return Page(rows=page, total=-1, offset=offset, after=cursor)
    if scope.kind == "ids" and _only_text(where):  # the index holds live records only
        return Page(rows=page, total=scope.matches, offset=offset, after=cursor)
    if scope.countable:
        total = int(_count_statement(others, scope.kind).rows(session, **scope.values)[0][0])
        return Page(rows=page, total=total, offset=offset, after=cursor)
    if cursor is None and after is None:  # the whole list fitted on this page
        return Page(rows=page, total=offset + len(page), offset=offset)
    return Page(rows=page, total=offset + len(page), offset=offset, after=cursor, exact=False)


_COUNT = select(func.count()).select_from(Account)


def count_accounts(session: Session, where: AccountFilter = NO_FILTER) -> int:
    """How many live accounts pass the list filters (exact, however broad the search)."""
    built = index.matching_accounts_sql(where.text) if where.text else None
    query = _filtered(_COUNT, where)
    if built is not None:
        sql, params = built
        query = query.where(Account.id.in_(sql_text(sql).bindparams(**params)))
    return int(session.scalar(query) or 0)


def ids_matching(
    session: Session, where: AccountFilter, among_ids: Iterable[str] | None = None
) -> set[str]:
    """The live customers that pass ``where`` (every field, the text through the search
    index as the list does), among ``among_ids`` when given: a saved view narrowing another
    set of customers, such as those a portfolio report covers (TIER-2)."""
    scope = _text_scope(session, where.text)
    if scope.kind == "ids" and not json.loads(scope.values["ids"]):
        return set()
    query = _scoped(select(Account.id), replace(where, text=""), scope.kind)
    values = dict(scope.values)
    if among_ids is not None:
        among = sql_text("SELECT value FROM json_each(:among)").columns(value=String)
        query = query.where(Account.id.in_(among))
        values["among"] = json.dumps(list(among_ids))
    return {account_id for (account_id,) in Prepared(query).rows(session, **values)}


def contacts_count(session: Session, account_id: str) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Contact)
            .where(Contact.account_id == account_id, Contact.deleted_at.is_(None))
        )
        or 0
    )


@dataclass(frozen=True, slots=True)
class AccountHeader:
    """What the workspace's title line shows."""

    account: AccountData
    contacts: int


@dataclass(frozen=True, slots=True)
class AccountOverview:
    account: AccountData
    stage_history: list[StageChangeData]


def account_header(session: Session, account_id: str) -> AccountHeader:
    return AccountHeader(get_account(session, account_id), contacts_count(session, account_id))


def account_overview(session: Session, account_id: str) -> AccountOverview:
    """The Overview tab in one read: every field and the stage history."""
    return AccountOverview(get_account(session, account_id), stage_history(session, account_id))


def save_account(
    session: Session,
    account_id: str,
    *,
    do_not_serve: bool | None = None,
    do_not_serve_reason: str = "",
    **changes: Any,
) -> AccountData:
    """The Overview's Save: field edits and the do-not-serve mark in one transaction."""
    saved = update_account(session, account_id, **changes)
    if do_not_serve is not None and (
        do_not_serve != saved.do_not_serve
        or (do_not_serve and do_not_serve_reason.strip() != saved.do_not_serve_reason)
    ):
        saved = set_do_not_serve(session, account_id, do_not_serve, do_not_serve_reason)
    return saved


_ACCOUNT_ROW = builder(AccountRow)
_STAGES = {stage.code: stage for stage in Stage}
_TIERS: dict[str | None, Tier | None] = {None: None, **{tier.code: tier for tier in Tier}}


def _account_rows(rows: list[Any]) -> list[AccountRow]:
    """Lines of the list from SQLite's values (``_ROW_COLUMNS`` first): one pass, no call per
    value but the parses, since a page is 200 lines (issue 11: 2.3 ms through the ORM's rows
    for a 0.4 ms statement)."""
    make, stages, tiers, moment, day, parse = (
        _ACCOUNT_ROW,
        _STAGES,
        _TIERS,
        utc_moment,
        date.fromisoformat,
        datetime.fromisoformat,
    )
    try:  # stored moments are UTC without a zone: the zone appended, one parse
        return [
            make(r[0], r[1], stages[r[2]], r[3], r[4], r[5], r[6] == 1, parse(r[7] + "+00:00"),
                 r[8], r[9] and parse(r[9] + "+00:00"), r[10] and day(r[10]), tiers[r[11]])
            for r in rows
        ]  # fmt: skip
    except ValueError:  # written some other way (by hand, an older version): the careful way
        return [
            make(r[0], r[1], stages[r[2]], r[3], r[4], r[5], r[6] == 1, moment(r[7]), r[8],
                 moment(r[9]), calendar_day(r[10]), tiers[r[11]])
            for r in rows
        ]  # fmt: skip


def _cursor(session: Session, keys: list[Any], row: Any) -> tuple[Any, ...]:
    """The keyset cursor after ``row``: its sort keys as Python values (they are bound again).
    Keys the line does not show (the name's sort key, the creation time) are read for that
    one row alone, not carried by all 200 (a tenth of the page's time)."""
    out: list[Any] = []
    for key in keys:
        at = next((n for n, column in enumerate(_ROW_COLUMNS) if column is key), None)
        if key is _STAGE_ORDER:
            out.append(_STAGES[row[2]].position)
        elif key is _TIER_ORDER:
            tier = _TIERS[row[11]]
            out.append(len(Tier) if tier is None else tier.position)
        elif at is not None or key is Account.sort_key:
            value = _SORT_KEY_OF.rows(session, id=row[0])[0][0] if at is None else row[at]
            process = key.type.dialect_impl(DIALECT).result_processor(DIALECT, None)
            out.append(value if process is None or value is None else process(value))
        else:  # typed by SQLAlchemy
            out.append(session.scalar(select(key).where(Account.id == row[0])))
    return tuple(out)


_SORT_KEY_OF = Prepared(select(Account.sort_key).where(Account.id == bindparam("id")))
# The list's statements, compiled once per filter, order, kind of cursor and kind of text
# scope (without its text): the values (cursor, offset, limit, what the scope binds) are
# bound by name. Bounded: filters are few (stage, tag).
_PAGES: dict[tuple[Any, ...], Prepared] = {}
_COUNTS: dict[tuple[Any, ...], Prepared] = {}


def _page_statement(
    where: AccountFilter,
    sort: str,
    descending: bool,
    after: tuple[Any, ...] | None,
    scope: str = "",
) -> Prepared:
    shape = (
        where,
        sort,
        descending,
        after is None,
        after is not None and after[0] is None,
        scope,
        date.today() if where.dated else None,
    )
    found = _PAGES.get(shape)
    if found is not None:
        return found
    keys = _order(sort, descending)
    query = _scoped(_ROW_SELECT, where, scope)
    if after is not None:
        cursor = tuple(
            None if value is None else bindparam(f"after_{n}", type_=key.type)
            for n, (key, value) in enumerate(zip(keys, after, strict=True))
        )
        query = query.where(_after(keys, cursor, descending, sort in NULLABLE_SORTS))
    order = [k.desc() for k in keys] if descending else [k.asc() for k in keys]
    statement = query.order_by(*order).offset(bindparam("offset", type_=Integer))
    prepared = Prepared(statement.limit(bindparam("limit", type_=Integer)))
    if len(_PAGES) > 500:
        _PAGES.clear()
    _PAGES[shape] = prepared
    return prepared


def _count_statement(where: AccountFilter, scope: str) -> Prepared:
    shape = (where, scope, date.today() if where.dated else None)
    found = _COUNTS.get(shape)
    if found is None:
        if len(_COUNTS) > 500:
            _COUNTS.clear()
        found = _COUNTS[shape] = Prepared(_scoped(_COUNT, where, scope))
    return found


def account_rows(session: Session, account_ids: Iterable[str]) -> dict[str, AccountRow]:
    """The list lines of these accounts (live ones only), to refresh rows in place."""
    ids = list(account_ids)
    found: dict[str, AccountRow] = {}
    for start in range(0, len(ids), 500):
        query = select(*_ROW_COLUMNS).where(
            Account.id.in_(ids[start : start + 500]), Account.deleted_at.is_(None)
        )
        found.update((row[0], AccountRow(*row)) for row in session.execute(query))
    return found


__all__ = [
    "AccountFilter",
    "account_header",
    "account_overview",
    "account_rows",
    "change_stage",
    "count_accounts",
    "create_account",
    "delete_account",
    "get_account",
    "ids_matching",
    "list_accounts",
    "list_tags",
    "restore_account",
    "save_account",
    "set_do_not_serve",
    "stage_history",
    "update_account",
]
