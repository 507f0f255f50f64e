"""OFF-5: one index finds Chinese names, pinyin, initials and English substrings."""

import pytest

from trustdesk.db.search import search
from trustdesk.services import accounts, contacts


@pytest.fixture
def people(db):
    with db.transaction() as s:
        acc = accounts.create_account(s, "深圳华科电子有限公司", region="深圳")
        zhang = contacts.create_contact(s, acc.id, "张三")
        margaret = contacts.create_contact(s, acc.id, "Margaret Thompson")
        contacts.create_contact(s, acc.id, "赵四")
        contacts.create_contact(s, acc.id, "张三丰")
    return {"account": acc.id, "zhang": zhang.id, "margaret": margaret.id}


def names(db, query, **kw):
    with db.reading() as s:
        return [(h.kind, h.name) for h in search(s, query, **kw)]


@pytest.mark.parametrize("query", ["张三", "zhangsan", "zhang san", "zs", "ZS", "Ｚｓ"])
def test_finds_chinese_name_every_way_it_is_typed(db, people, query):
    hits = names(db, query)
    assert hits[0] == ("contact", "张三"), "the exact match ranks first"


def test_english_substring(db, people):
    assert names(db, "garet") == [("contact", "Margaret Thompson")]
    assert names(db, "THOMP") == [("contact", "Margaret Thompson")]


def test_two_characters_in_the_middle_of_a_company_name(db, people):
    assert ("account", "深圳华科电子有限公司") in names(db, "华科")
    assert ("account", "深圳华科电子有限公司") in names(db, "hk")


def test_exact_before_prefix(db, people):
    assert names(db, "张三") == [("contact", "张三"), ("contact", "张三丰")]


def test_no_match_and_blank(db, people):
    assert names(db, "xyzzy") == []
    assert names(db, "   ") == []
    assert names(db, '"') == []


def test_kind_filter(db, people):
    assert names(db, "深圳", kind="contact") == []
    assert names(db, "深圳", kind="account") == [("account", "深圳华科电子有限公司")]


def test_index_follows_rename_and_delete(db, people):
    with db.transaction() as s:
        contacts.update_contact(s, people["zhang"], name="李娜")
    assert ("contact", "张三") not in names(db, "zs")
    assert names(db, "ln") == [("contact", "李娜")]
    with db.transaction() as s:
        contacts.delete_contact(s, people["margaret"])
    assert names(db, "garet") == []
    with db.transaction() as s:
        accounts.delete_account(s, people["account"])
    assert names(db, "赵四") == []


def test_contact_result_shows_renamed_account(db, people):
    with db.transaction() as s:
        accounts.update_account(s, people["account"], name="华科集团")
        hit = search(s, "zs")[0]
    assert hit.detail == "华科集团"


def test_hand_corrected_pinyin_is_searchable(db, people):
    # 曾 reads "zeng" as a surname; the salesperson corrects what the dictionary guessed.
    with db.transaction() as s:
        made = contacts.create_contact(s, people["account"], "曾伟", pinyin="zeng wei")
    with db.reading() as s:
        assert [h.id for h in search(s, "zw")] == [made.id]
        assert [h.id for h in search(s, "zengwei")] == [made.id]
