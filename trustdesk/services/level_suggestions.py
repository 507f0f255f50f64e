"""REL-6: suggest a person's relationship level from the activities logged with them.

The rules are in ``domain/levels.py``; this module gathers the evidence (each done visit's
activities with the people met) and applies the user's answer: accept writes a level-history
row whose reason is the evidence sentence; dismiss remembers the level, not to offer it again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustdesk.db.models import Contact, Visit, VisitContact
from trustdesk.domain.enums import Activity
from trustdesk.domain.levels import Evidence, suggest_level
from trustdesk.errors import ValidationError
from trustdesk.services import contacts
from trustdesk.services.records import ContactData, LevelSuggestionData
from trustdesk.services.visit_plan import local_day


def _evidence(session: Session, contact_ids: list[str]) -> dict[str, list[Evidence]]:
    out: dict[str, list[Evidence]] = defaultdict(list)
    for start in range(0, len(contact_ids), 500):
        chunk = contact_ids[start : start + 500]
        rows = session.execute(
            select(VisitContact.contact_id, Visit.activities, Visit.at)
            .join(Visit, Visit.id == VisitContact.visit_id)
            .where(
                VisitContact.contact_id.in_(chunk),
                VisitContact.deleted_at.is_(None),
                Visit.done,
                Visit.deleted_at.is_(None),
            )
        )
        for cid, codes, at in rows:
            day = local_day(at) or date.today()
            out[cid].extend(
                Evidence(Activity.parse(c), day) for c in codes if c in Activity.codes()
            )
    return out


def _suggest(contact: Contact, evidence: Iterable[Evidence]) -> LevelSuggestionData | None:
    if contact.departed:
        return None
    found = suggest_level(contact.level, evidence, contact.dismissed_level)
    if found is None:
        return None
    return LevelSuggestionData(
        contact.id,
        contact.name,
        contact.level,
        found.level,
        found.sentence("zh"),
        found.sentence("en"),
    )


def suggestions_for_account(session: Session, account_id: str) -> list[LevelSuggestionData]:
    """Every person of the account with a level to suggest, in name order."""
    people = session.scalars(
        select(Contact)
        .where(Contact.account_id == account_id, Contact.deleted_at.is_(None))
        .order_by(Contact.sort_key)
    ).all()
    evidence = _evidence(session, [c.id for c in people])
    out = [_suggest(c, evidence.get(c.id, [])) for c in people]
    return [s for s in out if s is not None]


def suggestion_for(session: Session, contact_id: str) -> LevelSuggestionData | None:
    contact = contacts.load(session, contact_id)
    return _suggest(contact, _evidence(session, [contact.id]).get(contact.id, []))


def _current(session: Session, contact_id: str) -> LevelSuggestionData:
    found = suggestion_for(session, contact_id)
    if found is None:
        raise ValidationError(
            "There is no level to suggest for this person any more; it may have been "
            "accepted or dismissed already.",
            "level",
            zh="此人已没有可建议的关系等级，可能已被接受或忽略。",
        )
    return found


def accept(session: Session, contact_id: str, lang: str = "zh") -> ContactData:
    """Move the person to the suggested level; the evidence sentence is the history's reason."""
    found = _current(session, contact_id)
    return contacts.set_level(session, contact_id, found.level, found.sentence(lang))


def dismiss(session: Session, contact_id: str) -> None:
    """Do not suggest this level for this person again (a higher one may still come)."""
    found = _current(session, contact_id)
    contact = contacts.load(session, contact_id)
    contact.dismissed_level = found.level
    session.flush()
