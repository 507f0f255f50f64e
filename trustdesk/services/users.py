"""The people of the team: this device's user, and owners known by name.

Owners and history authors are stored as user ids, so a team server can tell "王经理" on two
laptops apart from a namesake and rename a person in one place. The GUI and the CLI still speak
in names: ``user_id_for_name`` finds or creates the user behind a typed owner name.
"""

from __future__ import annotations

import getpass
import os
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from trustdesk.db.models import User

# Device user ids already committed, per engine and login: one look-up per process, not per
# write. Ids created in a transaction wait in ``session.info`` until it is known to commit.
_committed: WeakKeyDictionary[Engine, dict[str, str]] = WeakKeyDictionary()
_PENDING = "trustdesk.device_user"


def device_login() -> str:
    """Who works on this device: ``TRUSTDESK_USER`` or the login name."""
    try:
        return (os.environ.get("TRUSTDESK_USER") or getpass.getuser()).strip()[:100]
    except (KeyError, OSError):
        return ""


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind.engine if isinstance(bind, Connection) else bind


def device_user_id(session: Session) -> str:
    """The id of this device's user, created on the first write that needs it."""
    login = device_login() or "?"
    engine = _engine(session)
    known = _committed.get(engine, {}).get(login)
    if known is not None:
        return known
    pending: dict[str, str] = session.info.setdefault(_PENDING, {})
    if login in pending:
        return pending[login]
    user_id = session.scalar(
        select(User.id)
        .where(User.login == login, User.deleted_at.is_(None))
        .order_by(User.id)
        .limit(1)
    )
    if user_id is not None:
        _committed.setdefault(engine, {})[login] = user_id
        return user_id
    # A person first known by name only (e.g. an owner typed as the login) becomes this
    # device's user rather than a second person of the same name.
    user = session.scalars(
        select(User)
        .where(User.name == login, User.login == "", User.deleted_at.is_(None))
        .order_by(User.id)
        .limit(1)
    ).first()
    if user is None:
        user = User(name=login, login=login)
        session.add(user)
    else:
        user.login = login
    session.flush()
    pending[login] = user.id
    return user.id


def user_id_for_name(session: Session, name: str) -> str | None:
    """The user called ``name`` (created if nobody is); None for an empty name."""
    name = name.strip()
    if not name:
        return None
    user_id = session.scalar(
        select(User.id)
        .where(User.name == name, User.deleted_at.is_(None))
        .order_by(User.id)
        .limit(1)
    )
    if user_id is None:
        user = User(name=name, login="")
        session.add(user)
        session.flush()
        user_id = user.id
    return user_id


def user_name(session: Session, user_id: str | None) -> str:
    """The display name of a user id ("" for none)."""
    if user_id is None:
        return ""
    user = session.get(User, user_id)
    return "" if user is None else user.name
