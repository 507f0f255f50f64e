"""Issue 10: search finds every name a salesperson types — surnames with their own reading,
every reading of a polyphonic character, traditional or simplified, accents, corrected pinyin."""

import pytest

from trustdesk.db.search import search
from trustdesk.domain.names import MAX_SPELLINGS, name_keys, pinyin_of, split_pinyin
from trustdesk.errors import ValidationError
from trustdesk.services import accounts, contacts


@pytest.fixture
def company(db):
    with db.transaction() as s:
        return accounts.create_account(s, "华东贸易公司").id


def add_people(db, company, *people):
    with db.transaction() as s:
        for name, pinyin in people:
            contacts.create_contact(s, company, name, pinyin=pinyin)


def found(db, query):
    with db.reading() as s:
        return [h.name for h in search(s, query)]


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("曾国强", ["zgq", "zengguoqiang", "zeng guo qiang", "zeng"]),
        ("单雄信", ["sxx", "shanxiongxin"]),
        ("解晓东", ["xxd", "xiexiaodong"]),
        ("查良镛", ["zly", "zhaliangyong"]),
        ("仇英", ["qy", "qiuying"]),
        ("区志坚", ["ozj", "ouzhijian"]),
        ("朴槿惠", ["pjh", "piaojinhui"]),
        ("翟天临", ["ztl", "zhaitianlin"]),
        ("覃海洋", ["qhy", "qinhaiyang"]),
        ("缪可欣", ["mkx", "miaokexin"]),
        ("乐嘉", ["yj", "yuejia"]),
        ("盖丽丽", ["gll", "geli"]),
        ("单于靖", ["cyj", "chanyujing"]),
        ("尉迟恭", ["ycg", "yuchigong"]),
        ("长孙无忌", ["zswj", "zhangsunwuji"]),
        ("万俟卨", ["mqx", "moqixie"]),
        ("欧阳娜娜", ["oynn", "ouyangnana"]),
        ("诸葛亮", ["zgl", "zhugeliang"]),
    ],
)
def test_a_surname_is_found_by_its_surname_reading(db, company, name, queries):
    add_people(db, company, (name, ""))
    for query in queries:
        assert name in found(db, query), query


def test_the_surname_table_reads_people_not_companies():
    assert pinyin_of("曾经理") == "zeng jing li"
    assert name_keys("曾经科技", person=False).pinyin.startswith("ceng")


def test_every_reading_of_a_polyphonic_character_is_found_likeliest_first(db, company):
    add_people(db, company, ("张长青", ""), ("张张青", ""))
    assert found(db, "zcq") == ["张长青"]
    # 长 is also zhang: both are found, the one whose usual reading matches first.
    assert found(db, "zzq") == ["张张青", "张长青"]
    assert "张长青" in found(db, "zhangzhangqing")


def test_readings_are_capped_per_name():
    keys = name_keys("重庆长行和乐单曾解朴银行有限公司")
    assert len(keys.alternates) == MAX_SPELLINGS - 1


@pytest.mark.parametrize(("saved", "typed"), [("張學友", "张学友"), ("张学友", "張學友")])
def test_traditional_and_simplified_find_each_other(db, company, saved, typed):
    add_people(db, company, (saved, ""))
    assert found(db, typed) == [saved]
    assert found(db, typed[:2]) == [saved]
    assert found(db, "zxy") == [saved]


@pytest.mark.parametrize(
    ("saved", "typed"),
    [
        ("José García", "jose"),
        ("José García", "garcia"),
        ("Jose Garcia", "josé"),
        ("Seán O'Brien", "obrien"),
        ("Seán O'Brien", "o'brien"),
        ("Jean-Luc Picard", "jeanluc"),
        ("Jean-Luc Picard", "jean luc"),
        ("Jean-Luc Picard", "jean-luc"),
        ("Zoë Ｍｉｌｌｅｒ", "zoe miller"),
        ("Åsa Ström", "strom"),
    ],
)
def test_latin_names_fold_accents_apostrophes_hyphens_and_width(db, company, saved, typed):
    add_people(db, company, (saved, ""))
    assert found(db, typed) == [saved]


def test_unspaced_pinyin_is_split_into_syllables():
    assert split_pinyin("zengxiaoming") == ("zeng", "xiao", "ming")
    assert split_pinyin("liyueyue") == ("li", "yue", "yue")
    assert split_pinyin("smith") is None


@pytest.mark.parametrize("pinyin", ["liyueyue", "li yue yue", "Li Yue-Yue"])
def test_a_corrected_pinyin_keeps_its_initials_with_or_without_spaces(db, company, pinyin):
    add_people(db, company, ("李乐乐", pinyin))
    assert found(db, "lyy") == ["李乐乐"]
    assert found(db, "liyueyue") == ["李乐乐"]


def test_an_individual_customers_pinyin_can_be_corrected(db):
    with db.transaction() as s:
        person = accounts.create_account(s, "李乐乐", kind="individual")
    assert found(db, "lyy") == []
    with db.transaction() as s:
        accounts.update_account(s, person.id, pinyin="liyueyue")
    assert found(db, "lyy") == ["李乐乐"]
    with db.reading() as s:
        assert accounts.get_account(s, person.id).pinyin == "liyueyue"


def test_an_individual_customer_is_read_as_a_person(db):
    with db.transaction() as s:
        accounts.create_account(s, "曾小明", kind="individual")
        accounts.create_account(s, "曾经科技")
    assert found(db, "zxm") == ["曾小明"]
    assert found(db, "cjkj") == ["曾经科技"]


def test_a_company_has_no_pinyin_to_correct(db):
    with db.transaction() as s, pytest.raises(ValidationError, match="individual"):
        accounts.create_account(s, "华科电子", pinyin="huakedianzi")
