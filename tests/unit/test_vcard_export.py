"""vCard 3.0 export of a customer's people (issue 16, 4): read back with ``vobject`` as a
phone's address book would, every name and number checked, and the file's bytes checked
against RFC 2426 (CRLF, lines of at most 75 octets, no UTF-8 character cut in two)."""

from __future__ import annotations

from datetime import date

import pytest
import vobject

from tests.fresh import fresh_database
from trustdesk.domain.names import split_person_name
from trustdesk.errors import NotFoundError, ValidationError
from trustdesk.services import accounts, contacts
from trustdesk.services.exporting.vcard import CardPerson, card, export_vcard
from trustdesk.services.store import open_store

LONG_NOTE = "家里两个孩子，大女儿在深圳读高中，小儿子刚上幼儿园；" * 4


@pytest.fixture
def store(tmp_path):
    s = open_store(fresh_database(tmp_path / "data.sqlite3"))
    acc = s.write(accounts.create_account, "深圳华科电子有限公司")
    s.write(contacts.create_contact, acc.id, "张三", title="总经理", department="销售部",
            mobile="138 1234 5678", phone="0755-8888 6666", email="zhangsan@huake.cn",
            birthday="1980-05-17", notes=LONG_NOTE)  # fmt: skip
    s.write(contacts.create_contact, acc.id, "欧阳娜娜", mobile="13900001111",
            notes="备注; 含分号, 逗号\\反斜杠\n第二行")  # fmt: skip
    s.write(contacts.create_contact, acc.id, "Margaret Thompson", title="CFO, Asia; Pacific",
            email="m.thompson@example.com")  # fmt: skip
    s.write(contacts.create_contact, acc.id, "约翰·史密斯", phone="+86 21 5555 0000")
    gone = s.write(contacts.create_contact, acc.id, "刘洋", mobile="13700000000")
    s.write(contacts.update_contact, gone.id, departed=True)
    deleted = s.write(contacts.create_contact, acc.id, "王五", mobile="13600000000")
    s.write(contacts.delete_contact, deleted.id)
    s.write(contacts.create_contact, acc.id, "采购总监（未见面）", is_placeholder=True)
    other = s.write(accounts.create_account, "Northwind Logistics Ltd")
    s.write(contacts.create_contact, other.id, "Peter O'Neil", mobile="+61 400 000 000")
    empty = s.write(accounts.create_account, "没有联系人的公司")
    s.ids = {"acc": acc.id, "other": other.id, "empty": empty.id}
    yield s
    s.close()


def read_cards(path):
    raw = path.read_bytes()
    return raw, {c.fn.value: c for c in vobject.readComponents(raw.decode("utf-8"))}


def tels(vcard):
    return {t.value: t.params.get("TYPE") for t in vcard.contents.get("tel", [])}


def test_a_customers_people_read_back_as_an_address_book_reads_them(store, tmp_path):
    out = tmp_path / "华科.vcf"
    count = store.read(export_vcard, out, account_id=store.ids["acc"])

    raw, cards = read_cards(out)
    assert count == 4
    assert set(cards) == {"张三", "欧阳娜娜", "Margaret Thompson", "约翰·史密斯"}, (
        "departed, deleted, placeholder people and other customers' people are left out"
    )
    zhang = cards["张三"]
    assert zhang.version.value == "3.0"
    assert (zhang.n.value.family, zhang.n.value.given) == ("张", "三")
    assert zhang.org.value == ["深圳华科电子有限公司", "销售部"]
    assert zhang.title.value == "总经理"
    assert tels(zhang) == {"138 1234 5678": ["CELL"], "0755-8888 6666": ["WORK"]}
    assert zhang.email.value == "zhangsan@huake.cn"
    assert zhang.email.params["TYPE"] == ["INTERNET"]
    assert date.fromisoformat(zhang.bday.value) == date(1980, 5, 17)
    assert zhang.note.value == LONG_NOTE, "a long Chinese note survives folding"
    assert zhang.x_phonetic_last_name.value == "Zhang"

    ouyang = cards["欧阳娜娜"]
    assert (ouyang.n.value.family, ouyang.n.value.given) == ("欧阳", "娜娜")
    assert ouyang.note.value == "备注; 含分号, 逗号\\反斜杠\n第二行"
    assert tels(ouyang) == {"13900001111": ["CELL"]}
    margaret = cards["Margaret Thompson"]
    assert (margaret.n.value.family, margaret.n.value.given) == ("Thompson", "Margaret")
    assert margaret.title.value == "CFO, Asia; Pacific"
    assert margaret.org.value == ["深圳华科电子有限公司"]
    john = cards["约翰·史密斯"]
    assert (john.n.value.family, john.n.value.given) == ("史密斯", "约翰")
    assert tels(john) == {"+86 21 5555 0000": ["WORK"]}
    assert b"\\;" in raw and b"\\," in raw and b"\\n" in raw and b"\\\\" in raw


def test_the_file_keeps_to_the_rfc(store, tmp_path):
    out = tmp_path / "cards.vcf"
    store.read(export_vcard, out, account_id=store.ids["acc"])
    raw = out.read_bytes()

    assert raw.endswith(b"END:VCARD\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b""), "every line ends with CRLF"
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "the long note was folded"
    for line in lines:
        line.decode("utf-8")  # raises if a character was cut in two at a fold


@pytest.mark.parametrize("width", [1, 2, 3, 4])
def test_folding_never_cuts_a_character_whatever_its_width(width):
    char = {1: "a", 2: "é", 3: "张", 4: "😀"}[width]
    person = CardPerson(id="01ABC", name="张三", pinyin="zhang san", customer="华科",
                        notes=char * 200)  # fmt: skip
    raw = card(person)
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")
    parsed = vobject.readOne(raw.decode("utf-8"))
    assert parsed.note.value == char * 200


def test_every_customers_people_at_once(store, tmp_path):
    out = tmp_path / "all.vcf"
    assert store.read(export_vcard, out) == 5
    _, cards = read_cards(out)
    assert cards["Peter O'Neil"].org.value == ["Northwind Logistics Ltd"]
    assert (cards["Peter O'Neil"].n.value.family, cards["Peter O'Neil"].n.value.given) == (
        "O'Neil",
        "Peter",
    )


def test_nobody_to_export_or_no_such_customer_writes_nothing(store, tmp_path):
    with pytest.raises(ValidationError) as empty:
        store.read(export_vcard, tmp_path / "empty.vcf", account_id=store.ids["empty"])
    assert "nobody to export" in str(empty.value) and "没有可导出的联系人" in empty.value.zh
    with pytest.raises(NotFoundError):
        store.read(export_vcard, tmp_path / "none.vcf", account_id="01NOSUCHCUSTOMER000000000")
    assert list(tmp_path.glob("*.vcf")) == [] and list(tmp_path.glob(".*")) == []


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [
        ("张三", "张", "三"),
        ("欧阳娜娜", "欧阳", "娜娜"),
        ("歐陽娜娜", "歐陽", "娜娜"),
        ("司马光", "司马", "光"),
        ("王小明", "王", "小明"),
        ("Margaret Thompson", "Thompson", "Margaret"),
        ("Mary Ann  Smith", "Smith", "Mary Ann"),
        ("约翰·史密斯", "史密斯", "约翰"),
        ("Madonna", "Madonna", ""),
        ("张三 Tom", "张三 Tom", ""),
        ("王", "王", ""),
    ],
)
def test_family_and_given_names(name, family, given):
    assert split_person_name(name) == (family, given)
