"""What a write changed, collected from the session without Qt.

Every unit of work the store runs records which kinds of record it touched and for which
customers. The GUI broadcasts that once per operation, and each view decides from it whether
it has to reload; the CLI ignores it. Collecting at the session (every flush and every bulk
statement) rather than in each service means a new service cannot forget to announce its
changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.orm.attributes import get_history
from sqlalchemy.orm.util import identity_key

from trustdesk.db import models

# Kind of record of each table (what views subscribe to). Tables not named here are known by
# their table name; derived tables (the search index) announce nothing.
KIND_OF_TABLE = {
    "account": "account",
    "account_tag": "tag",
    "tag": "tag",
    "contact": "contact",
    "contact_role": "contact",
    "stage_change": "stage",
    "level_change": "level",
    "contact_edge": "link",
    "map_position": "position",
    "field_change": "history",
    "visit": "visit",
    "visit_contact": "visit",
    "intel_note": "note",
    "commitment": "commitment",
    "commitment_change": "commitment",
    "standard_answer": "answer",
    "care_date": "contact",
    "survey_template": "survey_template",
    "survey_question": "survey_template",
    "survey_response": "survey",
    "survey_answer": "survey",
    "survey_follow_up": "survey",
    "complaint": "complaint",
    "improvement_action": "improvement",
    "improvement_source": "improvement",
    "improvement_informed": "improvement",
    "winback_plan": "winback",
    "winback_step": "winback",
    "stage_suggestion_dismissal": "suggestion",
    "service_record": "service",
    "deal": "deal",
    "deal_member": "deal",
    "sales_order": "order",
    "order_line": "order",
    "installed_product": "installed",
    "referral": "referral",
    "saved_view": "view",
    "merge_record": "merge",
    "not_duplicate": "duplicate",
}
DERIVED_TABLES = frozenset(
    {"search_doc", "search_account", "search_fts", "search_prefix", "note_fts"}
)
INFO_KEY = "trustdesk.changes"


@dataclass(frozen=True, slots=True)
class Changes:
    """Kinds of record a unit of work changed and the customers concerned.

    ``any_account`` is set when a bulk statement changed rows whose customer is not known;
    ``added_or_removed`` names the kinds of which a row was created or (soft) deleted, for the
    views that only count rows.
    """

    kinds: frozenset[str] = frozenset()
    account_ids: frozenset[str] = frozenset()
    any_account: bool = False
    added_or_removed: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def touches(self, kinds: frozenset[str] | set[str]) -> bool:
        return not self.kinds.isdisjoint(kinds)

    def concerns(self, account_id: str | None) -> bool:
        return account_id is not None and (self.any_account or account_id in self.account_ids)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.kinds | other.kinds,
            self.account_ids | other.account_ids,
            self.any_account or other.any_account,
            self.added_or_removed | other.added_or_removed,
        )


NO_CHANGES = Changes()


@dataclass(slots=True)
class _Collector:
    kinds: set[str] = field(default_factory=set)
    account_ids: set[str] = field(default_factory=set)
    any_account: bool = False
    added_or_removed: set[str] = field(default_factory=set)

    def freeze(self) -> Changes:
        return Changes(
            frozenset(self.kinds),
            frozenset(self.account_ids),
            self.any_account,
            frozenset(self.added_or_removed),
        )


def _collector(session: Session) -> _Collector:
    found = session.info.get(INFO_KEY)
    if found is None:
        found = session.info[INFO_KEY] = _Collector()
    return found


def _kind(table_name: str) -> str | None:
    if table_name in DERIVED_TABLES:
        return None
    return KIND_OF_TABLE.get(table_name, table_name)


def _account_of(session: Session, obj: Any) -> str | None:
    """The customer a row belongs to; "" for rows of no customer (tags, users, history)."""
    if isinstance(obj, models.Account):
        return obj.id
    account_id = getattr(obj, "account_id", None)
    if account_id is not None:
        return str(account_id)
    if not hasattr(obj, "contact_id"):
        return ""
    # Roles and level history: their contact is in the session (it was just changed).
    contact = session.identity_map.get(identity_key(models.Contact, obj.contact_id))
    return None if contact is None else str(contact.account_id)


def _changed(attr_owner: Any, name: str) -> bool:
    # The mapper's attributes (built once), not the instance's ``attrs`` (a new dict of every
    # attribute per call: 14 of the 113 s a tier recompute of 57,000 customers took).
    return name in inspect(attr_owner).mapper.attrs and get_history(attr_owner, name).has_changes()


def _after_flush(session: Session, _context: object) -> None:
    found = _collector(session)
    # ``session.dirty`` walks the whole identity map each time it is read: read once, not
    # once per changed row (a flush of thousands of rows was quadratic).
    dirty = session.dirty
    deleted = session.deleted
    for obj, created in [(o, True) for o in session.new] + [(o, False) for o in (*dirty, *deleted)]:
        if not created and obj in dirty and not session.is_modified(obj):
            continue
        kind = _kind(obj.__table__.name)
        if kind is None:
            continue
        found.kinds.add(kind)
        if created or obj in deleted or _changed(obj, "deleted_at"):
            found.added_or_removed.add(kind)
        if isinstance(obj, models.Account) and _changed(obj, "tags"):
            found.kinds.add("tag")
        if isinstance(obj, models.Referral):  # it concerns both customers
            found.account_ids.update((obj.referred_account_id, obj.by_account_id))
            continue
        account_id = _account_of(session, obj)
        if account_id is None:
            found.any_account = True
        elif account_id:
            found.account_ids.add(account_id)


def _on_execute(state: ORMExecuteState) -> None:
    """Bulk ``insert``/``update``/``delete`` statements bypass the flush: note their table."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is None or mapper.local_table is None:
        return
    kind = _kind(mapper.local_table.name)  # type: ignore[attr-defined]
    if kind is None:
        return
    found = _collector(state.session)
    found.kinds.add(kind)
    columns = mapper.local_table.c
    if kind == "account" or "account_id" in columns or "contact_id" in columns:
        found.any_account = True  # which customers a bulk statement hit is not known here
    if not state.is_update:
        found.added_or_removed.add(kind)


def track_changes(factory: sessionmaker[Session]) -> None:
    """Make every session of ``factory`` collect what it changes (read with ``changes_of``)."""
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _on_execute)


def changes_of(session: Session) -> Changes:
    """What ``session`` has changed so far (meaningful once its transaction committed)."""
    found = session.info.get(INFO_KEY)
    return NO_CHANGES if found is None else found.freeze()


def note_change(session: Session, kind: str, account_id: str | None) -> None:
    """For writes the session cannot see (raw SQL): say what changed."""
    found = _collector(session)
    found.kinds.add(kind)
    if account_id is None:
        found.any_account = True
    else:
        found.account_ids.add(account_id)
