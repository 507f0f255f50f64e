"""Text a user saves, from the GUI or the CLI: trimmed, visible, and free of the control and
direction characters that would rewrite a terminal or show text in another order."""

import pytest

from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts, contacts, relationship_map

INVISIBLE = ["\u200b\u200b", "\u200b \u200d", "\ufeff", "\u3164", "\u2800", "\u0301"]
CONTROL = ["\x00", "\x1b[31m", "\x07", "\x7f", "\x85", "\u202e", "\u2066", "\u2028", "\t", "\n"]


@pytest.mark.parametrize("bad", INVISIBLE)
def test_a_name_must_have_a_visible_character(db, bad):
    with pytest.raises(ValidationError, match="visible character") as err, db.transaction() as s:
        accounts.create_account(s, bad)
    assert err.value.field == "name" and "可见" in err.value.zh
    with db.reading() as s:
        assert accounts.count_accounts(s) == 0


@pytest.mark.parametrize("bad", CONTROL)
def test_control_characters_are_refused_in_single_line_fields(db, bad):
    with db.transaction() as s:
        acc = accounts.create_account(s, "华科")
    code = f"U+{ord(bad[0]):04X}"
    attempts = [
        lambda s: accounts.create_account(s, f"Acme{bad}Ltd"),
        lambda s: accounts.update_account(s, acc.id, region=f"深圳{bad}"),
        lambda s: accounts.update_account(s, acc.id, tags=[f"重点{bad}x"]),
        lambda s: contacts.create_contact(s, acc.id, f"张{bad}三"),
        lambda s: contacts.create_contact(s, acc.id, "张三", title=f"经理{bad}x"),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as err, db.transaction() as s:
            attempt(s)
        assert code in err.value.message and "控制字符" in err.value.zh
    with db.reading() as s:
        assert accounts.get_account(s, acc.id).region == ""
        assert contacts.list_contacts(s, acc.id) == []


def test_notes_keep_lines_and_tabs_but_no_other_control(db):
    with db.transaction() as s:
        acc = accounts.create_account(s, "华科", notes=" 第一行\r\n\t第二行 ")
        zhang = contacts.create_contact(s, acc.id, "张三", family_notes="a\nb\tc")
    assert acc.notes == "第一行\n\t第二行" and zhang.family_notes == "a\nb\tc"
    for bad in ("\x1b[2J", "\x00", "\u202e"):
        with pytest.raises(ValidationError, match="control character"), db.transaction() as s:
            contacts.update_contact(s, zhang.id, notes=f"ok{bad}")
        with pytest.raises(ValidationError, match="control character"), db.transaction() as s:
            accounts.change_stage(s, acc.id, "explorer", f"met{bad}")


def test_names_are_trimmed_of_spaces_and_zero_width_characters(db):
    with db.transaction() as s:
        acc = accounts.create_account(s, "\u200b 深圳华科 \u3000\ufeff", tags=[" 重点\u200b"])
        zhang = contacts.create_contact(s, acc.id, "\u200d张三\u200b", title="  经理 ")
    assert acc.name == "深圳华科" and acc.tags == ("重点",)
    assert zhang.name == "张三" and zhang.title == "经理"
    with db.transaction() as s:  # joiners inside a name stay (emoji, Indic scripts)
        assert contacts.create_contact(s, acc.id, "A\u200dB").name == "A\u200dB"


def test_a_contact_of_a_deleted_customer_cannot_be_changed(db):
    with db.transaction() as s:
        acc = accounts.create_account(s, "华科")
        zhang = contacts.create_contact(s, acc.id, "张三")
        li = contacts.create_contact(s, acc.id, "李四")
    with db.transaction() as s:
        accounts.delete_account(s, acc.id)
    writes = [
        lambda s: contacts.set_level(s, zhang.id, "partner", "dinner"),
        lambda s: contacts.update_contact(s, zhang.id, title="经理"),
        lambda s: contacts.delete_contact(s, zhang.id),
        lambda s: relationship_map.add_edge(s, zhang.id, li.id, "knows"),
        lambda s: relationship_map.move_person(s, zhang.id, 1.0, 2.0),
        lambda s: contacts.get_contact(s, zhang.id),
    ]
    for write in writes:
        with pytest.raises(NotFoundError, match="deleted customer") as err, db.transaction() as s:
            write(s)
        assert acc.id in err.value.message and "已删除" in err.value.zh
    with db.transaction() as s:
        accounts.restore_account(s, acc.id)
        assert contacts.get_contact(s, zhang.id).level.code == "none"
        assert contacts.set_level(s, zhang.id, "partner", "dinner").level.code == "partner"
