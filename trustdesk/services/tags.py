"""Tags on customers. A tag's id comes from its name (``tag_id``); taking a tag off an account
leaves a tombstone link that putting it back revives, so removals reach the team server."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustdesk.db.base import utcnow
from trustdesk.db.models import Account, AccountTag, Tag
from trustdesk.domain.names import tag_id
from trustdesk.services.fields import clean_text
from trustdesk.services.tombstones import sync_link_rows


def clean_names(names: Iterable[str]) -> list[str]:
    """Checked tag names without blanks or repeats (``OEM`` and ``oem`` are one tag)."""
    wanted: dict[str, str] = {}
    for raw in names:
        name = clean_text(raw, "tags", ("Tag", "标签"), 60)
        if name:
            wanted.setdefault(tag_id(name), name)
    return list(wanted.values())


def ensure_tags(session: Session, names: Iterable[str]) -> list[Tag]:
    """The live tags of these names, created (or revived) when missing, in the given order."""
    wanted = clean_names(names)
    if not wanted:
        return []
    ids = [tag_id(n) for n in wanted]
    existing = {t.id: t for t in session.scalars(select(Tag).where(Tag.id.in_(ids)))}
    tags = []
    for tid, name in zip(ids, wanted, strict=True):
        tag = existing.get(tid)
        if tag is None:
            tag = Tag(id=tid, name=name)
            session.add(tag)
        elif tag.deleted_at is not None:
            tag.deleted_at = None
        tags.append(tag)
    session.flush()
    return tags


def set_account_tags(session: Session, account: Account, names: Iterable[str]) -> None:
    """Make the account's live tags exactly ``names``: new links are added, removed ones
    become tombstones, re-added ones are revived."""
    wanted = {t.id: t for t in ensure_tags(session, names)}
    now = utcnow()
    links = {link.tag_id: link for link in account.tag_links}
    for tid in sync_link_rows(links, wanted, now):
        account.tag_links.append(AccountTag(tag_id=tid, updated_at=now))
    session.flush()
    session.expire(account, ["tags"])


def list_tags(session: Session) -> list[str]:
    """Every live tag's name, alphabetically."""
    return list(
        session.scalars(select(Tag.name).where(Tag.deleted_at.is_(None)).order_by(Tag.name))
    )
