"""Account services: what is saved, what histories are written, what is refused."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from trustdesk.db.models import FieldChange, User
from trustdesk.domain.enums import LostReason, Stage
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts
from trustdesk.services.accounts import AccountFilter


def test_create_saves_fields_tags_and_first_stage(db):
    with db.transaction() as s:
        made = accounts.create_account(
            s,
            " 深圳华科电子有限公司 ",
            industry="电子",
            region="深圳",
            tags=["重点", "重点", "OEM"],
        )
    with db.reading() as s:
        got = accounts.get_account(s, made.id)
        history = accounts.stage_history(s, made.id)
    assert got.name == "深圳华科电子有限公司"
    assert got.tags == ("OEM", "重点")
    assert got.stage is Stage.SKEPTIC
    assert got.created_at.tzinfo is UTC
    assert [(h.from_stage, h.to_stage) for h in history] == [(None, Stage.SKEPTIC)]


@pytest.mark.parametrize("name", ["", "   ", None])
def test_empty_name_refused(db, name):
    with pytest.raises(ValidationError, match="cannot be empty") as err, db.transaction() as s:
        accounts.create_account(s, name)
    assert err.value.field == "name"
    with db.reading() as s:
        assert accounts.count_accounts(s) == 0


def test_invalid_enum_refused_with_choices(db):
    with pytest.raises(ValidationError, match="skeptic, explorer"), db.transaction() as s:
        accounts.create_account(s, "Acme", stage="happy")


def test_unknown_field_refused(db):
    with pytest.raises(ValidationError, match="Unknown field"), db.transaction() as s:
        accounts.create_account(s, "Acme", colour="red")


def test_update_records_who_changed_what(db):
    with db.transaction() as s:
        made = accounts.create_account(s, "Acme", region="Berlin")
    with db.transaction() as s:
        accounts.update_account(s, made.id, region="Hamburg", tags=["key"])
    with db.reading() as s:
        got = accounts.get_account(s, made.id)
        changes = s.execute(
            select(FieldChange.field, FieldChange.old_value, FieldChange.new_value, User.name)
            .join(User, User.id == FieldChange.changed_by_id)
            .where(FieldChange.record_id == made.id)
        ).all()
    assert got.region == "Hamburg"
    assert got.tags == ("key",)
    assert set(changes) == {
        ("region", "Berlin", "Hamburg", "tester"),
        ("tags", "", "key", "tester"),
    }


def test_change_stage_writes_history_with_reason(db):
    with db.transaction() as s:
        made = accounts.create_account(s, "Acme")
    with db.transaction() as s:
        accounts.change_stage(s, made.id, "first-time", "first order")
        accounts.change_stage(
            s, made.id, Stage.LOST, "no orders", lost_reason="competitor",
            at=datetime(2030, 1, 1, tzinfo=UTC),
        )  # fmt: skip
    with db.reading() as s:
        got = accounts.get_account(s, made.id)
        history = accounts.stage_history(s, made.id)
    assert got.stage is Stage.LOST
    assert got.lost_reason is LostReason.COMPETITOR
    assert [(h.from_stage, h.to_stage, h.reason) for h in history] == [
        (Stage.FIRST_TIME, Stage.LOST, "no orders"),
        (Stage.SKEPTIC, Stage.FIRST_TIME, "first order"),
        (None, Stage.SKEPTIC, ""),
    ]


def test_stage_change_needs_reason_and_lost_reason(db):
    with db.transaction() as s:
        made = accounts.create_account(s, "Acme")
    with pytest.raises(ValidationError, match="reason"), db.transaction() as s:
        accounts.change_stage(s, made.id, "explorer", " ")
    with pytest.raises(ValidationError, match="Say why"), db.transaction() as s:
        accounts.change_stage(s, made.id, "lost", "gone")
    with pytest.raises(ValidationError, match="already"), db.transaction() as s:
        accounts.change_stage(s, made.id, "skeptic", "again")
    with db.reading() as s:
        assert len(accounts.stage_history(s, made.id)) == 1


def test_do_not_serve_flag(db):
    with db.transaction() as s:
        made = accounts.create_account(s, "Acme")
        with pytest.raises(ValidationError):
            accounts.set_do_not_serve(s, made.id, True, "")
        flagged = accounts.set_do_not_serve(s, made.id, True, "abusive")
    assert flagged.do_not_serve and flagged.do_not_serve_at is not None
    with db.reading() as s:
        page = accounts.list_accounts(s, AccountFilter(include_do_not_serve=False))
    assert page.total == 0


def test_soft_delete_hides_but_keeps_history(db):
    with db.transaction() as s:
        made = accounts.create_account(s, "Acme")
    with db.transaction() as s:
        accounts.delete_account(s, made.id)
    with db.reading() as s:
        assert accounts.list_accounts(s).total == 0
        with pytest.raises(NotFoundError):
            accounts.get_account(s, made.id)
    with db.transaction() as s:
        restored = accounts.restore_account(s, made.id)
    assert restored.name == "Acme"


def test_unknown_id(db):
    with pytest.raises(NotFoundError, match="No customer"), db.reading() as s:
        accounts.get_account(s, "01NOPE")


def test_list_page_sorted_and_filtered(db):
    with db.transaction() as s:
        for name, region, stage in [
            ("Zeta Foods", "Berlin", "regular"),
            ("北京博远软件有限公司", "北京", "explorer"),
            ("Alpha Logistics", "Sydney", "regular"),
            ("上海中天化工有限公司", "上海", "lost"),
        ]:
            made = accounts.create_account(
                s, name, region=region, tags=["t"] if "a" in name else []
            )
            if stage != "skeptic":
                accounts.change_stage(s, made.id, stage, "x", lost_reason="other")
    with db.reading() as s:
        by_name = [r.name for r in accounts.list_accounts(s).rows]
        by_stage = [r.stage for r in accounts.list_accounts(s, sort="stage").rows]
        regular = accounts.list_accounts(s, AccountFilter.of(stage="regular"))
        second_page = accounts.list_accounts(s, offset=2, limit=1)
        tagged = accounts.list_accounts(s, AccountFilter(tag="t"))
        by_text = accounts.list_accounts(s, AccountFilter(text="by"))
    assert by_name == [
        "Alpha Logistics",
        "北京博远软件有限公司",
        "上海中天化工有限公司",
        "Zeta Foods",
    ]
    assert by_stage == sorted(by_stage)
    assert {r.name for r in regular.rows} == {"Zeta Foods", "Alpha Logistics"}
    assert regular.total == 2
    assert [r.name for r in second_page.rows] == ["上海中天化工有限公司"]
    assert second_page.total == 4
    assert {r.name for r in tagged.rows} == {"Zeta Foods", "Alpha Logistics"}
    assert [r.name for r in by_text.rows] == ["北京博远软件有限公司"]


def test_bad_sort_refused(db):
    with pytest.raises(ValidationError, match="Cannot sort"), db.reading() as s:
        accounts.list_accounts(s, sort="colour")


def test_errors_speak_chinese_too(db):
    with pytest.raises(ValidationError) as err, db.transaction() as s:
        accounts.create_account(s, " ")
    assert err.value.text("zh") == "客户名称不能为空。"
    assert err.value.text("en") == "Customer name cannot be empty."
    with db.transaction() as s:
        made = accounts.create_account(s, "Acme")
    with pytest.raises(ValidationError) as err, db.transaction() as s:
        accounts.change_stage(s, made.id, "lost", "gone")
    assert "竞争对手攻势" in err.value.text("zh")
