"""OFF-2: merging two records of one person (or one customer), and undoing it.

The kept record takes, field by field, the value chosen from either side; every row that
points at the dropped record then points at the kept one; the dropped record is
soft-deleted. The rows are found from the models' foreign keys (every ``ForeignKey`` to
``contact.id`` or ``account.id``), so a table added later is moved too without a change here.

Some rows cannot move:
- a row keyed by the record (a role, a tag, a visit attended, a map position) that the kept
  record has too stays with the dropped one (if the kept one's is a tombstone and the
  dropped one's is live, the kept one's is revived instead);
- a row that would then point at the kept record twice (an edge between the two people, a
  referral between the two customers) is soft-deleted rather than made a loop;
- an edge the kept person already has with the same colleague, of the same kind, is not
  kept twice (the moved copy is soft-deleted).

Everything the merge changed is written, in order, to a ``MergeRecord``: undo puts every
row back, restores the kept record's fields and brings the dropped one back. One merge is
one transaction; nothing is ever merged without the user asking.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Date, Table, UniqueConstraint, and_, func, inspect, select, update
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import Session

from trustdesk.db import note_search
from trustdesk.db import search as index
from trustdesk.db.base import Base, UTCDateTime, utc_moment, utcnow
from trustdesk.db.models import Account, Contact, ContactEdge, MergeRecord, User
from trustdesk.domain.enums import AccountKind, DuplicateKind, EdgeKind, RelationshipLevel
from trustdesk.domain.names import pinyin_of, sort_key
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts, contacts
from trustdesk.services.changes import KIND_OF_TABLE, note_change
from trustdesk.services.duplicates import DuplicateRecord, kind_of
from trustdesk.services.fields import current_user
from trustdesk.services.indexing import (
    index_account,
    index_contact,
    reindex_account_contacts,
    reindex_account_notes,
)
from trustdesk.services.survey_plan import refresh_survey_plans
from trustdesk.services.visit_plan import refresh_plans

KEEP, DROP = "keep", "drop"
# The fields a user chooses between, in the order the comparison shows them. Fields not
# named (the plan, tier and scores, sort keys) follow from these or from the moved rows.
CONTACT_FIELDS = (
    "name", "pinyin", "title", "department", "mobile", "phone", "email", "wechat",
    "birthday", "reports_to_id", "level", "target_level", "depth", "attitude", "departed",
    "is_placeholder", "family_notes", "education_notes", "notes",
)  # fmt: skip
ACCOUNT_FIELDS = (
    "name", "kind", "pinyin", "industry", "region", "address", "phone", "website",
    "owner_id", "stage", "do_not_serve", "visit_cadence_days", "survey_cycle", "notes",
)  # fmt: skip
# Columns that go with a chosen field: the side chosen for the field gives them too.
COMPANIONS = {
    "departed": ("departed_at",),
    "stage": ("lost_reason",),
    "do_not_serve": ("do_not_serve_reason", "do_not_serve_at"),
}
# Values that mean "nothing entered": the other side's value is taken by default.
EMPTY_VALUES: tuple[object, ...] = (None, "", RelationshipLevel.NONE)
# Columns of the kept record not restored by undo: its identity and stamps.
NOT_RESTORED = frozenset({"id", "created_at", "updated_at", "deleted_at"})


@dataclass(frozen=True, slots=True)
class FieldChoice:
    """One field of the two records side by side. ``keep``/``drop``: the values (enum
    members, dates, text, None); ``default``: the side a merge takes unless told."""

    field: str
    keep: Any
    drop: Any
    default: str

    @property
    def differs(self) -> bool:
        return self.keep != self.drop


@dataclass(frozen=True, slots=True)
class MergePreview:
    """What merging ``drop`` into ``keep`` would do. ``names``: the names of the people and
    users the id fields name (reports-to, owner); ``moving``: how many rows of each kind
    point at the dropped record; ``problem_en``/``problem_zh``: why the two cannot be
    merged ("" when they can)."""

    kind: DuplicateKind
    keep: DuplicateRecord
    drop: DuplicateRecord
    fields: tuple[FieldChoice, ...]
    names: dict[str, str]
    moving: dict[str, int]
    problem_en: str = ""
    problem_zh: str = ""


@dataclass(frozen=True, slots=True)
class MergeData:
    """One merge as the history lists it; ``moved``: rows it moved to the kept record."""

    id: str
    kind: DuplicateKind
    kept_id: str
    kept_name: str
    merged_id: str
    merged_name: str
    account_id: str  # the kept record's customer (itself for a customer)
    moved: int
    created_at: datetime
    created_by: str
    undone_at: datetime | None


@dataclass(frozen=True, slots=True)
class MergeResult:
    """A merge or an undo done. ``moved``: rows pointed at the other record; ``stayed``:
    rows left where they were (the kept record had the same); ``removed``: rows soft-deleted
    rather than made loops or doubles (restored by undo); ``skipped``: on undo, rows changed
    since the merge and left as they are."""

    merge: MergeData
    moved: int
    stayed: int
    removed: int
    skipped: int = 0


# --- references, found from the models -------------------------------------------------------


def references(target: Table) -> list[tuple[Table, Column[Any]]]:
    """Every (table, column) whose foreign key points at ``target``'s id, self references
    included (a contact's reports-to), in the metadata's dependency order."""
    out: list[tuple[Table, Column[Any]]] = []
    for table in Base.metadata.sorted_tables:
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            if fk.column.table is target:
                out.append((table, fk.parent))
    return out


def _unique_keys(table: Table) -> list[tuple[Column[Any], ...]]:
    """The primary key and the unique constraints: what a moved row must not collide on."""
    keys = [tuple(table.primary_key.columns)]
    for constraint in table.constraints:
        columns = getattr(constraint, "columns", None)
        if constraint is not table.primary_key and columns is not None and _is_unique(constraint):
            keys.append(tuple(columns))
    return keys


def _is_unique(constraint: Any) -> bool:
    return isinstance(constraint, UniqueConstraint)


# --- values in stored (JSON) form ------------------------------------------------------------


def _stored(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _restored(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, SqlEnum) and kind.enum_class is not None:
        return kind.enum_class(value)
    if isinstance(kind, UTCDateTime):
        return utc_moment(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    return value


def _columns(model: type[Any]) -> dict[str, Column[Any]]:
    """The plain (not computed) columns of a model by attribute name."""
    out: dict[str, Column[Any]] = {}
    for attr in inspect(model).column_attrs:
        column = attr.columns[0]
        if isinstance(column, Column) and column.computed is None:
            out[attr.key] = column
    return out


def _snapshot(row: Any) -> dict[str, Any]:
    return {
        name: _stored(getattr(row, name))
        for name in _columns(type(row))
        if name not in NOT_RESTORED
    }


# --- choosing the kept values ----------------------------------------------------------------


def _sides(choices: Mapping[str, str] | None, fields: tuple[str, ...]) -> dict[str, str]:
    """The sides the user chose, checked: known fields, ``keep`` or ``drop``."""
    out: dict[str, str] = {}
    for field, side in (choices or {}).items():
        if field not in fields:
            raise ValidationError(
                f"{field!r} is not a field that can be chosen; choose from: {', '.join(fields)}.",
                field,
                zh=f"“{field}”不是可选择的字段；可选：{'、'.join(fields)}。",
            )
        side = str(side).strip().lower()
        if side not in (KEEP, DROP):
            raise ValidationError(
                f"Take {field} from 'keep' or 'drop', not {side!r}.",
                field,
                zh=f"{field} 只能取自“keep”（保留的记录）或“drop”（合并掉的记录），"
                f"不能是“{side}”。",
            )
        out[field] = side
    return out


def _default_side(keep: Any, drop: Any) -> str:
    return DROP if keep in EMPTY_VALUES and drop not in EMPTY_VALUES else KEEP


def field_choices(
    keep: Any, drop: Any, fields: tuple[str, ...], chosen: Mapping[str, str]
) -> tuple[FieldChoice, ...]:
    """Each field's two values and the side taken: the chosen one, else the kept record's
    value unless it is empty. A pinyin follows its name's side unless chosen itself."""
    out: list[FieldChoice] = []
    for field in fields:
        a, b = getattr(keep, field), getattr(drop, field)
        side = chosen.get(field) or _default_side(a, b)
        if field == "pinyin" and "pinyin" not in chosen and chosen.get("name") == DROP:
            side = DROP
        out.append(FieldChoice(field, a, b, side))
    return tuple(out)


def _apply_choices(keep: Any, drop: Any, choices: tuple[FieldChoice, ...]) -> None:
    for choice in choices:
        if choice.default != DROP:
            continue
        for field in (choice.field, *COMPANIONS.get(choice.field, ())):
            setattr(keep, field, getattr(drop, field))


# --- moving rows -------------------------------------------------------------------------------


class _Log:
    """What a merge did, in order, as the ``moved`` JSON of its record."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self.touched: set[str] = set()  # tables whose rows were changed

    def add(self, do: str, table: Table, key: dict[str, Any], **more: Any) -> None:
        entry = {"do": do, "table": table.name, "key": {k: _stored(v) for k, v in key.items()}}
        entry.update({k: _stored(v) for k, v in more.items()})
        self.entries.append(entry)
        if do != "stay":
            self.touched.add(table.name)

    def count(self, do: str) -> int:
        return sum(1 for e in self.entries if e["do"] == do)


def _key_of(table: Table, row: Any) -> dict[str, Any]:
    return {c.name: getattr(row, c.name) for c in table.primary_key.columns}


def _where(table: Table, key: Mapping[str, Any]) -> Any:
    return and_(*(table.c[name] == value for name, value in key.items()))


def _stamp(table: Table) -> dict[str, Any]:
    return {"updated_at": utcnow()} if "updated_at" in table.c else {}


def _collision(
    session: Session, table: Table, column: Column[Any], row: Any, keep_id: str
) -> Any | None:
    """The row the moved one would collide with on a unique key that holds ``column``."""
    for key in _unique_keys(table):
        if column not in key:
            continue
        values = {c.name: (keep_id if c is column else getattr(row, c.name)) for c in key}
        other = session.execute(select(table).where(_where(table, values))).first()
        if other is not None:
            return other
    return None


def _move_rows(session: Session, target: Table, keep_id: str, drop_id: str, log: _Log) -> None:
    for table, column in references(target):
        others = [c for t, c in references(target) if t is table and c is not column]
        rows = session.execute(select(table).where(column == drop_id)).all()
        for row in rows:
            key = _key_of(table, row)
            if others and all(getattr(row, c.name) == keep_id for c in others):
                _no_loop(session, table, row, key, log)
                continue
            other = _collision(session, table, column, row, keep_id)
            if other is not None:
                _keep_apart(session, table, row, other, log)
                continue
            new: str | None = keep_id
            if table is target and key.get("id") == keep_id:
                new = None  # the kept record pointed at the dropped one: not at itself
            session.execute(
                update(table).where(_where(table, key)).values({column.name: new, **_stamp(table)})
            )
            log.add("move", table, key, column=column.name, old=drop_id, new=new)


def _no_loop(session: Session, table: Table, row: Any, key: dict[str, Any], log: _Log) -> None:
    """A row between the two records (an edge from one person to the other, a referral of
    one customer by the other) would point at the kept one twice: it is not moved, and a
    live one is soft-deleted (undo brings it back)."""
    if "deleted_at" in table.c and row.deleted_at is None:
        _soft_delete(session, table, key, log)
    else:
        log.add("stay", table, key)


def _keep_apart(session: Session, table: Table, row: Any, other: Any, log: _Log) -> None:
    """The kept record has this row too: the dropped one's stays where it is; a tombstone
    of the kept one's is revived when the dropped one's is live."""
    log.add("stay", table, _key_of(table, row))
    if "deleted_at" not in table.c or row.deleted_at is not None or other.deleted_at is None:
        return
    key = _key_of(table, other)
    session.execute(
        update(table).where(_where(table, key)).values({"deleted_at": None, **_stamp(table)})
    )
    log.add("revive", table, key, old=other.deleted_at)


def _soft_delete(session: Session, table: Table, key: dict[str, Any], log: _Log) -> None:
    session.execute(
        update(table).where(_where(table, key)).values({"deleted_at": utcnow(), **_stamp(table)})
    )
    log.add("delete", table, key, old=None)


def _remove_double_edges(session: Session, keep_id: str, log: _Log) -> None:
    """An edge moved to the kept person that he already had (same colleague, same kind;
    the same direction for *influences*): one is enough."""
    moved = {e["key"]["id"] for e in log.entries if e["table"] == "contact_edge"}
    if not moved:
        return
    edges = session.scalars(
        select(ContactEdge)
        .where(
            (ContactEdge.source_id == keep_id) | (ContactEdge.target_id == keep_id),
            ContactEdge.deleted_at.is_(None),
        )
        .order_by(ContactEdge.id)
    ).all()
    seen: set[tuple[str, str, str]] = set()
    table = ContactEdge.__table__
    for edge in sorted(edges, key=lambda e: (e.id in moved, e.id)):  # the kept one's first
        ends = (edge.source_id, edge.target_id)
        if edge.kind is EdgeKind.KNOWS:  # undirected: A–B is B–A
            ends = (min(ends), max(ends))
        link = (*ends, edge.kind.code)
        if link in seen and edge.id in moved:
            _soft_delete(session, table, {"id": edge.id}, log)  # type: ignore[arg-type]
        seen.add(link)


def _announce(session: Session, log: _Log, account_ids: Iterable[str]) -> None:
    for name in log.touched:
        kind = KIND_OF_TABLE.get(name, name)
        for account_id in account_ids:
            note_change(session, kind, account_id)


# --- merging ---------------------------------------------------------------------------------


def _record(
    session: Session, kind: DuplicateKind, keep_id: str, drop_id: str, before: dict[str, Any],
    log: _Log,
) -> MergeRecord:  # fmt: skip
    record = MergeRecord(
        kind=kind,
        kept_id=keep_id,
        merged_id=drop_id,
        kept_before=before,
        moved=log.entries,
        created_by_id=current_user(session),
    )
    session.add(record)
    session.flush()
    return record


def _result(session: Session, record: MergeRecord, log: _Log, skipped: int = 0) -> MergeResult:
    return MergeResult(
        _merge_data(session, record),
        moved=log.count("move"),
        stayed=log.count("stay"),
        removed=log.count("delete"),
        skipped=skipped,
    )


def _contact_problem(keep: Contact, drop: Contact) -> tuple[str, str]:
    if keep.account_id != drop.account_id:
        return (
            f"{keep.name} and {drop.name} are people of two different customers. If the two "
            "customers are one company, merge the customers first; otherwise mark the two "
            "people as not the same.",
            f"{keep.name}和{drop.name}属于两个不同的客户。如果这两个客户是同一家公司，请先合并客户；"
            "否则请标记为不是同一人。",
        )
    return "", ""


def _load_pair(
    session: Session, kind: DuplicateKind, keep_id: str, drop_id: str
) -> tuple[Any, Any]:
    if keep_id == drop_id:
        raise ValidationError(
            "A record cannot be merged with itself.", "id", zh="记录不能与自身合并。"
        )
    if kind_of(session, keep_id) is not kind or kind_of(session, drop_id) is not kind:
        raise ValidationError(
            "Both records must be people, or both customers.",
            "id",
            zh="两条记录必须都是联系人，或都是客户。",
        )
    load = contacts.load if kind is DuplicateKind.CONTACT else accounts.load
    return load(session, keep_id), load(session, drop_id)


def merge_contacts(
    session: Session, keep_id: str, drop_id: str, choices: Mapping[str, str] | None = None
) -> MergeResult:
    """Merge the person ``drop_id`` into ``keep_id`` (people of one customer): the kept
    person takes each field from the side ``choices`` names (``{"mobile": "drop"}``; by
    default its own value, or the other's where its own is empty) and every visit, note,
    promise, role, edge, history row… of the other; the other is soft-deleted."""
    keep, drop = _load_pair(session, DuplicateKind.CONTACT, keep_id, drop_id)
    problem, problem_zh = _contact_problem(keep, drop)
    if problem:
        raise ValidationError(problem, "id", zh=problem_zh)
    before = _snapshot(keep)
    chosen = field_choices(keep, drop, CONTACT_FIELDS, _sides(choices, CONTACT_FIELDS))
    _apply_choices(keep, drop, chosen)
    keep.sort_key = sort_key(keep.name, person=True)
    if not keep.pinyin and keep.name:
        keep.pinyin = pinyin_of(keep.name)
    if keep.reports_to_id == keep.id or keep.reports_to_id == drop.id:
        keep.reports_to_id = None
    if drop.last_touch_at and (not keep.last_touch_at or drop.last_touch_at > keep.last_touch_at):
        keep.last_touch_at = drop.last_touch_at
    keep.updated_at = utcnow()
    session.flush()
    log = _Log()
    _move_rows(session, Contact.__table__, keep.id, drop.id, log)  # type: ignore[arg-type]
    _remove_double_edges(session, keep.id, log)
    session.expire_all()
    _break_reporting_loop(session, keep.id)
    drop = session.get(Contact, drop_id)
    keep = session.get(Contact, keep_id)
    assert drop is not None and keep is not None
    drop.deleted_at = utcnow()
    session.flush()
    index.remove_records(session, [("contact", drop.id)])
    index_contact(session, keep)
    _announce(session, log, [keep.account_id])
    return _result(
        session, _record(session, DuplicateKind.CONTACT, keep.id, drop.id, before, log), log
    )


def _break_reporting_loop(session: Session, keep_id: str) -> None:
    """People who reported to the dropped person now report to the kept one; if the kept
    one's own line leads back to him through them, he reports to nobody (his field is
    restored by undo)."""
    keep = session.get(Contact, keep_id)
    assert keep is not None
    seen = {keep.id}
    step = keep.reports_to_id
    while step is not None:
        if step in seen:
            keep.reports_to_id = None
            session.flush()
            return
        seen.add(step)
        step = session.scalar(select(Contact.reports_to_id).where(Contact.id == step))


def merge_accounts(
    session: Session, keep_id: str, drop_id: str, choices: Mapping[str, str] | None = None
) -> MergeResult:
    """Merge the customer ``drop_id`` into ``keep_id``: its people, visits, promises,
    surveys, complaints, deals, orders, tags, history… all move to the kept customer, which
    takes each field from the side ``choices`` names; the other is soft-deleted. The kept
    customer's visit and survey plans follow its visits and surveys. Its people stay who they
    are: find duplicates among them afterwards."""
    keep, drop = _load_pair(session, DuplicateKind.ACCOUNT, keep_id, drop_id)
    before = _snapshot(keep)
    chosen = field_choices(keep, drop, ACCOUNT_FIELDS, _sides(choices, ACCOUNT_FIELDS))
    _apply_choices(keep, drop, chosen)
    individual = keep.kind is AccountKind.INDIVIDUAL
    keep.sort_key = sort_key(keep.name, person=individual)
    if not individual:
        keep.pinyin = ""
    keep.updated_at = utcnow()
    session.flush()
    log = _Log()
    _move_rows(session, Account.__table__, keep.id, drop.id, log)  # type: ignore[arg-type]
    session.expire_all()
    drop = session.get(Account, drop_id)
    keep = session.get(Account, keep_id)
    assert drop is not None and keep is not None
    drop.deleted_at = utcnow()
    session.flush()
    _reindex_accounts(session, [keep], gone=[drop.id])
    _announce(session, log, [keep.id, drop.id])
    return _result(
        session, _record(session, DuplicateKind.ACCOUNT, keep.id, drop.id, before, log), log
    )


def _reindex_accounts(session: Session, live: list[Account], gone: list[str]) -> None:
    """Search entries, visit and survey plans of customers whose people and visits moved."""
    for account_id in gone:
        index.remove_account_tree(session, account_id)
        note_search.remove_account_notes(session, account_id)
    for account in live:
        index_account(session, account)
        reindex_account_contacts(session, account)
        reindex_account_notes(session, account.id)
    ids = [a.id for a in live] + gone
    refresh_plans(session, ids)
    refresh_survey_plans(session, ids)


def merge(
    session: Session, keep_id: str, drop_id: str, choices: Mapping[str, str] | None = None
) -> MergeResult:
    """``merge_contacts`` or ``merge_accounts``, whichever the two ids name."""
    if kind_of(session, keep_id) is DuplicateKind.CONTACT:
        return merge_contacts(session, keep_id, drop_id, choices)
    return merge_accounts(session, keep_id, drop_id, choices)


# --- comparing before merging --------------------------------------------------------------


def merge_preview(session: Session, keep_id: str, drop_id: str) -> MergePreview:
    """The two records side by side, field by field, with the side each field would be
    taken from by default, and what would move."""
    kind = kind_of(session, keep_id)
    keep, drop = _load_pair(session, kind, keep_id, drop_id)
    fields = CONTACT_FIELDS if kind is DuplicateKind.CONTACT else ACCOUNT_FIELDS
    chosen = field_choices(keep, drop, fields, {})
    names = _names_of(session, chosen)
    target: Table = (Contact if kind is DuplicateKind.CONTACT else Account).__table__  # type: ignore[assignment]
    moving: dict[str, int] = {}
    for table, column in references(target):
        count = session.scalar(select(func.count()).select_from(table).where(column == drop.id))
        if count:
            kind_name = KIND_OF_TABLE.get(table.name, table.name)
            moving[kind_name] = moving.get(kind_name, 0) + int(count)
    problem = ("", "")
    if kind is DuplicateKind.CONTACT:
        problem = _contact_problem(keep, drop)
    return MergePreview(
        kind, _record_of(session, keep), _record_of(session, drop), chosen, names, moving,
        *problem,
    )  # fmt: skip


def _names_of(session: Session, chosen: tuple[FieldChoice, ...]) -> dict[str, str]:
    ids = {
        v for c in chosen if c.field in ("reports_to_id", "owner_id") for v in (c.keep, c.drop) if v
    }
    out: dict[str, str] = {}
    if ids:
        out.update(
            session.execute(select(Contact.id, Contact.name).where(Contact.id.in_(ids))).all()
        )
        out.update(session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())
    return out


def _record_of(session: Session, row: Any) -> DuplicateRecord:
    if isinstance(row, Contact):
        return DuplicateRecord(
            row.id, row.name, row.account_id, row.account.name, row.title, row.phone,
            row.mobile, row.email, row.created_at,
        )  # fmt: skip
    return DuplicateRecord(
        row.id, row.name, row.id, row.name, "", row.phone, "", "", row.created_at
    )


# --- undoing ---------------------------------------------------------------------------------


def _load_merge(session: Session, merge_id: str) -> MergeRecord:
    record = session.get(MergeRecord, merge_id)
    if record is None or record.deleted_at is not None:
        raise NotFoundError(
            f"No merge with id {merge_id}.", zh=f"找不到编号为 {merge_id} 的合并记录。"
        )
    return record


def _check_undoable(session: Session, record: MergeRecord) -> None:
    if record.undone_at is not None:
        raise ValidationError(
            f"This merge was already undone on {record.undone_at.astimezone():%Y-%m-%d %H:%M}.",
            "merge_id",
            zh=f"该合并已于 {record.undone_at.astimezone():%Y-%m-%d %H:%M} 撤销过。",
        )
    later = session.scalar(
        select(MergeRecord.id)
        .where(
            MergeRecord.created_at > record.created_at,
            MergeRecord.undone_at.is_(None),
            MergeRecord.deleted_at.is_(None),
            MergeRecord.kind == record.kind,
            (MergeRecord.kept_id.in_([record.kept_id, record.merged_id]))
            | (MergeRecord.merged_id == record.kept_id),
        )
        .order_by(MergeRecord.created_at.desc())
        .limit(1)
    )
    if later is not None:
        raise ValidationError(
            f"A later merge ({later}) involves the same record; undo that one first.",
            "merge_id",
            zh=f"之后的合并（{later}）涉及同一条记录，请先撤销那一次合并。",
        )


def _current_key(entry: Mapping[str, Any]) -> dict[str, Any]:
    """Where a logged row is now: its key with a moved key column at its new value."""
    key = dict(entry["key"])
    if entry["do"] == "move" and entry["column"] in key:
        key[entry["column"]] = entry["new"]
    return key


def _undo_entry(session: Session, entry: Mapping[str, Any]) -> bool:
    """Put one logged row back; False when it changed since (left as it is)."""
    table = Base.metadata.tables[entry["table"]]
    if entry["do"] == "stay":
        return True
    key = _current_key(entry)
    where = _where(table, {k: _restored(table.c[k], v) for k, v in key.items()})
    if entry["do"] == "move":
        column = table.c[entry["column"]]
        values = {column.name: entry["old"]}
        where = and_(
            where, column == entry["new"] if entry["new"] is not None else column.is_(None)
        )
    else:  # delete / revive: the tombstone as it was
        values = {"deleted_at": _restored(table.c["deleted_at"], entry["old"])}
        done = (
            table.c.deleted_at.is_(None)
            if entry["do"] == "revive"
            else table.c.deleted_at.is_not(None)
        )
        where = and_(where, done)
    result = session.execute(update(table).where(where).values({**values, **_stamp(table)}))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def undo_merge(session: Session, merge_id: str) -> MergeResult:
    """Undo a merge: every row it moved points at the dropped record again, rows it
    soft-deleted or revived are as they were, the kept record's fields are restored and the
    dropped record is back. Refused when already undone, or when a later merge of the same
    records is still in place (undo that first). Rows changed since the merge (moved on
    again, say) are left as they are and counted as ``skipped``."""
    record = _load_merge(session, merge_id)
    _check_undoable(session, record)
    model: type[Any] = Contact if record.kind is DuplicateKind.CONTACT else Account
    skipped = 0
    log = _Log()
    for entry in reversed(record.moved):
        if not _undo_entry(session, entry):
            skipped += 1
        elif entry["do"] != "stay":
            log.touched.add(str(entry["table"]))
    session.expire_all()
    keep = session.get(model, record.kept_id)
    drop = session.get(model, record.merged_id)
    if keep is None or drop is None:
        raise NotFoundError(
            "The merged records are no longer in the database.", zh="合并的记录已不在数据库中。"
        )
    columns = _columns(model)
    for name, value in record.kept_before.items():
        if name in columns:
            setattr(keep, name, _restored(columns[name], value))
    keep.updated_at = utcnow()
    drop.deleted_at = None
    drop.updated_at = utcnow()
    record.undone_at = utcnow()
    session.flush()
    if isinstance(keep, Contact):
        index_contact(session, keep)
        index_contact(session, drop)
        _announce(session, log, {keep.account_id, drop.account_id})
    else:
        _reindex_accounts(session, [keep, drop], gone=[])
        _announce(session, log, [keep.id, drop.id])
    moved = sum(1 for e in record.moved if e["do"] == "move")
    removed = sum(1 for e in record.moved if e["do"] == "delete")
    stayed = sum(1 for e in record.moved if e["do"] == "stay")
    return MergeResult(_merge_data(session, record), moved, stayed, removed, skipped)


# --- the history of merges -------------------------------------------------------------------


def _merge_data(session: Session, record: MergeRecord) -> MergeData:
    return _merge_rows(session, [record])[0]


def _merge_rows(session: Session, records: list[MergeRecord]) -> list[MergeData]:
    ids = {i for r in records for i in (r.kept_id, r.merged_id)}
    people = dict(
        session.execute(select(Contact.id, Contact.name).where(Contact.id.in_(ids))).all()
    )
    owners = dict(
        session.execute(select(Contact.id, Contact.account_id).where(Contact.id.in_(ids))).all()
    )
    customers = dict(
        session.execute(select(Account.id, Account.name).where(Account.id.in_(ids))).all()
    )
    users = dict(session.execute(select(User.id, User.name)).all())
    out = []
    for r in records:
        names = people if r.kind is DuplicateKind.CONTACT else customers
        out.append(
            MergeData(
                id=r.id,
                kind=r.kind,
                kept_id=r.kept_id,
                kept_name=names.get(r.kept_id, ""),
                merged_id=r.merged_id,
                merged_name=names.get(r.merged_id, ""),
                account_id=owners.get(r.kept_id, r.kept_id),
                moved=sum(1 for e in r.moved if e.get("do") == "move"),
                created_at=r.created_at,
                created_by=users.get(r.created_by_id or "", ""),
                undone_at=r.undone_at,
            )
        )
    return out


def list_merges(
    session: Session,
    *,
    kind: DuplicateKind | str | None = None,
    account_id: str | None = None,
    limit: int = 200,
) -> list[MergeData]:
    """Merges, newest first (undone ones too, marked). ``account_id``: the merges of that
    customer (as the kept or the dropped one) and of its people."""
    query = select(MergeRecord).where(MergeRecord.deleted_at.is_(None))
    if kind is not None:
        query = query.where(MergeRecord.kind == DuplicateKind.parse(kind))
    if account_id is not None:
        people = select(Contact.id).where(Contact.account_id == account_id)
        query = query.where(
            MergeRecord.kept_id.in_(people)
            | MergeRecord.merged_id.in_(people)
            | (MergeRecord.kept_id == account_id)
            | (MergeRecord.merged_id == account_id)
        )
    newest_first = (MergeRecord.created_at.desc(), MergeRecord.id.desc())
    records = list(session.scalars(query.order_by(*newest_first).limit(limit)))
    return _merge_rows(session, records)


def last_merge(session: Session, *, account_id: str | None = None) -> MergeData | None:
    """The newest merge not undone (for *Undo last merge*), or None."""
    for merge in list_merges(session, account_id=account_id, limit=50):
        if merge.undone_at is None:
            return merge
    return None
