"""Contact services: roles, levels with history, reporting lines, departures."""

import pytest

from trustdesk.domain.enums import Attitude, BuyingRole, RelationshipLevel
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts, contacts


@pytest.fixture
def account_id(db):
    with db.transaction() as s:
        return accounts.create_account(s, "深圳华科电子有限公司").id


def test_create_with_roles_and_level_history(db, account_id):
    with db.transaction() as s:
        made = contacts.create_contact(
            s, account_id, "张三", title="采购经理", level="date",
            roles=["decision-maker", "influencer", "decision-maker"], birthday="1980-05-17",
        )  # fmt: skip
    with db.reading() as s:
        got = contacts.get_contact(s, made.id)
        history = contacts.level_history(s, made.id)
    assert got.pinyin == "zhang san"
    assert got.roles == (BuyingRole.DECISION_MAKER, BuyingRole.INFLUENCER)
    assert got.level is RelationshipLevel.DATE
    assert got.attitude is Attitude.NEUTRAL
    assert str(got.birthday) == "1980-05-17"
    assert [(h.from_level, h.to_level) for h in history] == [(None, RelationshipLevel.DATE)]


def test_set_level_appends_history(db, account_id):
    with db.transaction() as s:
        made = contacts.create_contact(s, account_id, "Margaret Thompson")
    with db.transaction() as s:
        contacts.set_level(s, made.id, "acquaintance", "first visit")
        contacts.set_level(s, made.id, "ally", "introduced us to the CFO")
    with db.reading() as s:
        history = contacts.level_history(s, made.id)
        got = contacts.get_contact(s, made.id)
    assert got.level is RelationshipLevel.ALLY
    assert [(h.from_level, h.to_level, h.reason) for h in history] == [
        (RelationshipLevel.ACQUAINTANCE, RelationshipLevel.ALLY, "introduced us to the CFO"),
        (RelationshipLevel.NONE, RelationshipLevel.ACQUAINTANCE, "first visit"),
    ]


def test_update_fields_and_roles(db, account_id):
    with db.transaction() as s:
        made = contacts.create_contact(s, account_id, "李娜", roles=["executor"])
    with db.transaction() as s:
        contacts.update_contact(
            s, made.id, email="li.na@example.com", roles=["supervisor"], attitude="supporter",
            depth="deep", departed=True,
        )  # fmt: skip
    with db.reading() as s:
        got = contacts.get_contact(s, made.id)
    assert got.roles == (BuyingRole.SUPERVISOR,)
    assert got.email == "li.na@example.com"
    assert got.attitude is Attitude.SUPPORTER
    assert got.departed and got.departed_at is not None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "not an email"),
        ("birthday", "17/05/1980", "date like"),
        ("attitude", "friendly", "supporter, neutral, opponent"),
        ("depth", "very", "deep, frequent"),
    ],
)
def test_bad_fields_refused(db, account_id, field, value, message):
    with pytest.raises(ValidationError, match=message) as err, db.transaction() as s:
        contacts.create_contact(s, account_id, "王伟", **{field: value})
    assert err.value.field == field


def test_reports_to_same_account_and_no_loop(db, account_id):
    with db.transaction() as s:
        boss = contacts.create_contact(s, account_id, "王总")
        staff = contacts.create_contact(s, account_id, "小李", reports_to_id=boss.id)
        other = accounts.create_account(s, "Other Ltd")
        outsider = contacts.create_contact(s, other.id, "Bob")
    with pytest.raises(ValidationError, match="loop"), db.transaction() as s:
        contacts.update_contact(s, boss.id, reports_to_id=staff.id)
    with pytest.raises(ValidationError, match="another customer"), db.transaction() as s:
        contacts.update_contact(s, staff.id, reports_to_id=outsider.id)
    with pytest.raises(ValidationError, match="loop"), db.transaction() as s:
        contacts.update_contact(s, boss.id, reports_to_id=boss.id)
    with db.reading() as s:
        assert contacts.get_contact(s, boss.id).reports_to_id is None


def test_delete_contact_releases_reports(db, account_id):
    with db.transaction() as s:
        boss = contacts.create_contact(s, account_id, "王总")
        staff = contacts.create_contact(s, account_id, "小李", reports_to_id=boss.id)
    with db.transaction() as s:
        contacts.delete_contact(s, boss.id)
    with db.reading() as s:
        assert [c.name for c in contacts.list_contacts(s, account_id)] == ["小李"]
        assert contacts.get_contact(s, staff.id).reports_to_id is None
        with pytest.raises(NotFoundError):
            contacts.get_contact(s, boss.id)


def test_contact_needs_live_account(db):
    with pytest.raises(NotFoundError, match="No customer"), db.transaction() as s:
        contacts.create_contact(s, "01NOPE", "张三")


def test_failed_write_leaves_nothing(db, account_id):
    with pytest.raises(ValidationError), db.transaction() as s:
        contacts.create_contact(s, account_id, "张三")
        contacts.create_contact(s, account_id, "李四", email="bad")
    with db.reading() as s:
        assert contacts.list_contacts(s, account_id) == []
