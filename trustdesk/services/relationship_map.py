"""The relationship map of one account (REL-7…REL-9): people, links, positions, coverage."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from trustdesk.db.base import utcnow
from trustdesk.db.models import Contact, ContactEdge, ContactRole, MapPosition
from trustdesk.domain.coverage import (
    RiskFinding,
    coverage_risks,
    promise_risks,
    relationship_scope,
)
from trustdesk.domain.enums import (
    Attitude,
    BuyingRole,
    EdgeKind,
    RelationshipLevel,
    RelationshipScope,
)
from trustdesk.domain.visit_plan import is_cooling, rhythm_days
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts, commitments, complaints, contacts, visit_plan
from trustdesk.services.fields import clean_text, parse_enum
from trustdesk.services.records import ContactData, from_row
from trustdesk.services.team_settings import rhythm_by_depth


@dataclass(frozen=True, slots=True)
class EdgeData:
    id: str
    account_id: str
    source_id: str
    target_id: str
    kind: EdgeKind
    note: str


@dataclass(frozen=True, slots=True)
class CoverageData:
    scope: RelationshipScope
    findings: tuple[RiskFinding, ...]


@dataclass(frozen=True, slots=True)
class CoolingMark:
    """How long a person has gone without contact, against the rhythm planned for them."""

    days: int
    rhythm: int


@dataclass(frozen=True, slots=True)
class MapData:
    account_id: str
    account_name: str
    people: list[ContactData]
    edges: list[EdgeData]
    positions: dict[str, tuple[float, float]]
    coverage: CoverageData
    # Seed 004: the people past the rhythm of their planned contact (marked on the map).
    cooling: dict[str, CoolingMark] = field(default_factory=dict)


def _edge(row: ContactEdge) -> EdgeData:
    return from_row(EdgeData, row)


def coverage_of(people: list[ContactData]) -> CoverageData:
    return CoverageData(relationship_scope(people), tuple(coverage_risks(people)))


def load_map(session: Session, account_id: str) -> MapData:
    """Everything the map draws, read in one go."""
    account = accounts.get_account(session, account_id)
    people = contacts.list_contacts(session, account_id)
    live = {p.id for p in people}
    edges = [
        _edge(e)
        for e in session.scalars(
            select(ContactEdge)
            .where(ContactEdge.account_id == account_id, ContactEdge.deleted_at.is_(None))
            .order_by(ContactEdge.id)
        )
        if e.source_id in live and e.target_id in live
    ]
    positions = {
        row.contact_id: (row.x, row.y)
        for row in session.scalars(
            select(MapPosition).where(
                MapPosition.account_id == account_id, MapPosition.deleted_at.is_(None)
            )
        )
        if row.contact_id in live
    }
    return MapData(
        account.id,
        account.name,
        people,
        edges,
        positions,
        coverage_of(people),
        cooling_marks(session, people),
    )


def cooling_marks(session: Session, people: list[ContactData]) -> dict[str, CoolingMark]:
    """The people past the rhythm of their planned contact (seed 004), from the people the
    map already read and the team's rhythms: days without contact and the rhythm passed."""
    today = visit_plan.today()
    rhythms = rhythm_by_depth(session)
    out = {}
    for p in people:
        rhythm = rhythm_days(p.depth, rhythms) if p.depth is not None else None
        if rhythm is None or p.departed or p.is_placeholder:
            continue
        last = visit_plan.local_day(p.last_touch_at) or visit_plan.local_day(p.created_at)
        assert last is not None
        if is_cooling(last, last, rhythm, today):
            out[p.id] = CoolingMark((today - last).days, rhythm)
    return out


def _refuse_duplicate(
    session: Session,
    source: Contact,
    target: Contact,
    kind: EdgeKind,
    except_id: str | None = None,
) -> None:
    """One link of a kind between two people (*knows* counts both directions)."""
    pairs = [(source.id, target.id)]
    if kind is EdgeKind.KNOWS:
        pairs.append((target.id, source.id))
    for a, b in pairs:
        exists = session.scalar(
            select(ContactEdge.id).where(
                ContactEdge.source_id == a,
                ContactEdge.target_id == b,
                ContactEdge.kind == kind,
                ContactEdge.deleted_at.is_(None),
                ContactEdge.id != (except_id or ""),
            )
        )
        if exists:
            raise ValidationError(
                f"{source.name} → {target.name} ({kind.en}) is already on the map.",
                "kind",
                zh=f"地图上已有这条连线：{source.name} → {target.name}（{kind.zh}）。",
            )


def add_edge(
    session: Session,
    source_id: str,
    target_id: str,
    kind: EdgeKind | str,
    note: str = "",
) -> EdgeData:
    """Link two people of one account. *knows* is mutual, so A–B and B–A are the same link."""
    edge_kind = parse_enum(EdgeKind, kind, "kind")
    source = contacts.load(session, source_id)
    target = contacts.load(session, target_id)
    if source.id == target.id:
        raise ValidationError(
            "A link needs two different people.", "target_id", zh="连线需要两个不同的人。"
        )
    if source.account_id != target.account_id:
        raise ValidationError(
            f"{source.name} and {target.name} work at different customers.",
            "target_id",
            zh=f"{source.name}和{target.name}属于不同的客户。",
        )
    _refuse_duplicate(session, source, target, edge_kind)
    edge = ContactEdge(
        account_id=source.account_id,
        source_id=source.id,
        target_id=target.id,
        kind=edge_kind,
        note=clean_text(note, "note", ("Note", "备注"), 2000, multiline=True),
    )
    session.add(edge)
    session.flush()
    return _edge(edge)


def _load_edge(session: Session, edge_id: str) -> ContactEdge:
    edge = session.get(ContactEdge, edge_id)
    if edge is None or edge.deleted_at is not None:
        raise NotFoundError(f"No link with id {edge_id}.", zh=f"找不到编号为 {edge_id} 的连线。")
    return edge


def update_edge(
    session: Session,
    edge_id: str,
    *,
    kind: EdgeKind | str | None = None,
    note: str | None = None,
) -> EdgeData:
    """Change a link's kind or note (``None`` keeps it); the same two people stay linked."""
    edge = _load_edge(session, edge_id)
    new_kind = edge.kind if kind is None else parse_enum(EdgeKind, kind, "kind")
    new_note = (
        edge.note
        if note is None
        else clean_text(note, "note", ("Note", "备注"), 2000, multiline=True)
    )
    if new_kind is not edge.kind:
        source = contacts.load(session, edge.source_id)
        target = contacts.load(session, edge.target_id)
        _refuse_duplicate(session, source, target, new_kind, except_id=edge.id)
    if (new_kind, new_note) != (edge.kind, edge.note):
        edge.kind, edge.note = new_kind, new_note
        edge.updated_at = utcnow()
    session.flush()
    return _edge(edge)


def remove_edge(session: Session, edge_id: str) -> None:
    edge = _load_edge(session, edge_id)
    edge.deleted_at = utcnow()
    session.flush()


def save_positions(
    session: Session, account_id: str, positions: Mapping[str, tuple[float, float]]
) -> None:
    """Remember where people were put on the map (creates, moves or revives each position)."""
    accounts.load(session, account_id)
    if not positions:
        return
    owned = set(
        session.scalars(
            select(Contact.id).where(
                Contact.account_id == account_id, Contact.id.in_(list(positions))
            )
        )
    )
    strangers = set(positions) - owned
    if strangers:
        names = ", ".join(sorted(strangers))
        raise ValidationError(
            f"Not people of this customer: {names}.", zh=f"这些人不属于本客户：{names}。"
        )
    for contact_id, (x, y) in positions.items():
        session.merge(
            MapPosition(
                contact_id=contact_id,
                account_id=account_id,
                x=x,
                y=y,
                updated_at=utcnow(),
                deleted_at=None,
            )
        )
    session.flush()


def move_person(session: Session, contact_id: str, x: float, y: float) -> None:
    """Put one person at (x, y) on their customer's map (the others keep their places)."""
    contact = contacts.load(session, contact_id)
    save_positions(session, contact.account_id, {contact.id: (x, y)})


def clear_positions(session: Session, account_id: str) -> None:
    """Forget the saved arrangement: the map lays itself out again. The positions stay as
    tombstones, so the other laptops of the team forget them too."""
    accounts.load(session, account_id)
    now = utcnow()
    session.execute(
        update(MapPosition)
        .where(MapPosition.account_id == account_id, MapPosition.deleted_at.is_(None))
        .values(deleted_at=now, updated_at=now)
        .execution_options(synchronize_session="fetch")
    )


def account_coverage(session: Session, account_id: str) -> CoverageData:
    return coverage_of(contacts.list_contacts(session, account_id))


@dataclass(frozen=True, slots=True)
class _Person:
    """Just what the coverage rules read (lighter than loading whole contacts)."""

    id: str
    name: str
    department: str
    level: RelationshipLevel
    attitude: Attitude
    departed: bool
    roles: tuple[BuyingRole, ...]


def risks_for_accounts(
    session: Session, account_ids: Iterable[str]
) -> dict[str, tuple[RiskFinding, ...]]:
    """Coverage findings for many accounts at once (the customer list's risk column)."""
    ids = list(account_ids)
    people: dict[str, list[_Person]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        live = (Contact.account_id.in_(chunk), Contact.deleted_at.is_(None))
        roles: dict[str, list[BuyingRole]] = defaultdict(list)
        for contact_id, role in session.execute(
            select(ContactRole.contact_id, ContactRole.role)
            .join(Contact, Contact.id == ContactRole.contact_id)
            .where(*live, ContactRole.deleted_at.is_(None))
        ):
            roles[contact_id].append(role)
        for cid, aid, name, dept, level, attitude, departed in session.execute(
            select(
                Contact.id,
                Contact.account_id,
                Contact.name,
                Contact.department,
                Contact.level,
                Contact.attitude,
                Contact.departed,
            ).where(*live)
        ):
            people[aid].append(
                _Person(cid, name, dept, level, attitude, departed, tuple(roles.get(cid, ())))
            )
    promises = commitments.troubled_by_account(session, ids)
    failures = complaints.risks_by_account(session, ids)  # CMP-3: three chances
    return {
        aid: tuple(
            failures.get(aid, [])
            + coverage_risks(people.get(aid, []))
            + promise_risks(*promises.get(aid, (0, 0)))
        )
        for aid in ids
    }
