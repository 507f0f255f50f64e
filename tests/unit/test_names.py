"""Search spellings of names: pinyin, initials, width and case folding."""

from trustdesk.domain.names import name_keys, normalize, pinyin_of, sort_key


def test_chinese_name_spellings():
    keys = name_keys("张三")
    assert keys.pinyin == "zhangsan"
    assert keys.pinyin_spaced == "zhang san"
    assert keys.initials == "zs"
    assert {"张三", "zs", "zhangsan"} <= keys.prefix_terms()


def test_company_suffix_terms_find_middle_of_name():
    terms = name_keys("深圳华科电子有限公司").prefix_terms()
    assert any(t.startswith("华科") for t in terms)
    assert any(t.startswith("hk") for t in terms)


def test_english_name_words_and_initials():
    keys = name_keys("Margaret Thompson")
    assert keys.words == ("margaret", "thompson")
    assert keys.initials == "mt"
    assert "garet" in keys.fts_text()


def test_full_width_and_case_fold():
    assert normalize("Ｚｈａｎｇ  San ") == "zhang san"


def test_pinyin_only_for_chinese():
    assert pinyin_of("李娜") == "li na"
    assert pinyin_of("Li Na") == ""


def test_chinese_sorts_among_latin_by_pinyin():
    names = ["Zoe", "张三", "Adam", "北京"]
    assert sorted(names, key=sort_key) == ["Adam", "北京", "张三", "Zoe"]


def test_pinyin_is_pypinyin_reading_of_the_whole_name():
    """Names are read word by word with cached words; the syllables must be exactly what
    pypinyin gives the whole name (its phrases decide 银行 hang, 重庆 chong, 长大 zhang)."""
    from pypinyin import Style, lazy_pinyin

    from trustdesk.domain.names import _syllables

    names = ["重庆长行和乐银行有限公司", "中国人民银行", "长大了", "音乐会", "王伟",
             "深圳华科电子有限公司", "调查组", "Li Na 李娜", "abc北京", "单于 曾"]  # fmt: skip
    for name in names:
        expected = tuple(s for s in lazy_pinyin(name, style=Style.NORMAL) if s.strip())
        assert _syllables(name) == expected
