"""How a name is spelled for searching and sorting: pinyin, initials, normalized text.

A salesperson types ``zs`` or ``zhangsan`` or ``张三`` for 张三, ``garet`` for Margaret.
These pure functions turn a display name into the keys the search index stores and into the
sort key that puts 张三 beside Zhang San rather than after every Latin name.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[0-9a-z]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Marks inside a name that a salesperson does not type: O'Brien, Jean-Luc, 约翰·史密斯.
_JOINERS = str.maketrans({"'": "", "’": "", "ʼ": "", "‘": "", "-": " ", "‐": " ", "‑": " ",
                          "–": " ", "·": " ", "・": " ", "•": " ", "_": " "})  # fmt: skip

# How many spellings of one name the index holds: the likeliest reading plus readings that
# change one polyphonic character each (in pypinyin's order of frequency, at most
# READINGS_PER_CHAR per character). Every combination of a long company name full of
# polyphonic characters would be thousands of rows; one change at a time finds the name
# whichever single character the user reads differently, at a fixed cost per name.
MAX_SPELLINGS = 6
READINGS_PER_CHAR = 3

# Surnames read differently from the same character elsewhere (百家姓 readings). Applied to
# the first characters of a person's name only: 单 is shan in 单雄信 but dan in 单位.
COMPOUND_SURNAMES = {
    "单于": ("chan", "yu"), "尉迟": ("yu", "chi"), "长孙": ("zhang", "sun"),
    "万俟": ("mo", "qi"), "欧阳": ("ou", "yang"), "司马": ("si", "ma"), "诸葛": ("zhu", "ge"),
    "上官": ("shang", "guan"), "东方": ("dong", "fang"), "皇甫": ("huang", "fu"),
    "令狐": ("ling", "hu"), "慕容": ("mu", "rong"), "公孙": ("gong", "sun"),
    "宇文": ("yu", "wen"), "夏侯": ("xia", "hou"), "司徒": ("si", "tu"), "司空": ("si", "kong"),
    "澹台": ("tan", "tai"), "公冶": ("gong", "ye"), "太叔": ("tai", "shu"),
    "申屠": ("shen", "tu"), "闻人": ("wen", "ren"), "赫连": ("he", "lian"),
    "濮阳": ("pu", "yang"), "淳于": ("chun", "yu"), "轩辕": ("xuan", "yuan"),
    "呼延": ("hu", "yan"), "端木": ("duan", "mu"), "南宫": ("nan", "gong"),
    "独孤": ("du", "gu"), "百里": ("bai", "li"), "东郭": ("dong", "guo"),
}  # fmt: skip
# Single surnames: the surname reading first, then any other reading the surname also has.
SURNAMES = {
    "曾": ("zeng",), "单": ("shan",), "解": ("xie",), "查": ("zha",), "仇": ("qiu",),
    "区": ("ou",), "朴": ("piao",), "翟": ("zhai",), "覃": ("qin",), "缪": ("miao",),
    "乐": ("yue", "le"), "盖": ("ge",), "尉": ("wei", "yu"), "秘": ("bi",), "种": ("chong",),
    "繁": ("po",), "员": ("yun",), "贲": ("ben",), "褚": ("chu",), "召": ("shao",),
    "都": ("du",), "阚": ("kan",), "郇": ("xun",), "任": ("ren",), "华": ("hua",),
    "燕": ("yan",), "纪": ("ji",), "过": ("guo",), "相": ("xiang",),
    "句": ("gou",), "洗": ("xian",), "冼": ("xian",),
    "眭": ("sui",), "重": ("chong",), "折": ("she",), "哈": ("ha",),
    "宿": ("su",), "沈": ("shen",), "传": ("chuan",), "隗": ("wei",), "费": ("fei",),
    "万": ("wan",), "叶": ("ye",), "石": ("shi",), "柏": ("bai",), "薄": ("bo",),
    "卜": ("bu",), "蕃": ("pi",), "粘": ("nian",), "牟": ("mou",),
}  # fmt: skip


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


@lru_cache(maxsize=1)
def _to_simplified() -> dict[int, str]:
    """Traditional → simplified, character by character (OpenCC's character table).

    Folding characters one by one, not by phrase, is what search needs: 張 and 张 must index
    and query alike whatever surrounds them.
    """
    from importlib.resources import files

    table: dict[int, str] = {}
    text = files("opencc").joinpath("dictionary/TSCharacters.txt").read_text("utf-8")
    for line in text.splitlines():
        trad, _, simp = line.partition("\t")
        if len(trad) == 1 and simp:
            table[ord(trad)] = simp.split()[0]
    return table


def to_simplified(text: str) -> str:
    """张 for 張: the one form of Chinese characters that search compares."""
    return text.translate(_to_simplified()) if has_cjk(text) else text


def normalize(text: str) -> str:
    """Fold what a salesperson does not type: width and case (``Ｚｈａｎｇ`` → ``zhang``),
    accents (José → jose), apostrophes and hyphens (O'Brien → obrien, Jean-Luc → jean luc),
    traditional characters (張 → 张); collapse spaces. Query and index fold alike."""
    text = unicodedata.normalize("NFKC", text).lower().translate(_JOINERS)
    if not text.isascii():
        stripped = unicodedata.normalize("NFKD", text)
        if stripped != text:
            text = unicodedata.normalize(
                "NFC", "".join(c for c in stripped if not unicodedata.combining(c))
            )
        text = to_simplified(text)
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def _syllables(text: str) -> tuple[str, ...]:
    # Each CJK character becomes its pinyin syllable; each run of other characters stays whole.
    # Exactly ``lazy_pinyin(text)``, which converts each word of pypinyin's segmentation on
    # its own; words repeat across names (有限公司, 深圳) where whole names do not, so each
    # word is converted once (most of a company name's indexing time went to pypinyin's
    # per-word style conversion).
    seg, _ = _pypinyin()
    out: list[str] = []
    for word in seg(text):
        out.extend(_word_syllables(word))
    return tuple(s for s in out if s.strip())


@lru_cache(maxsize=1)
def _pypinyin() -> tuple[Callable[[str], list[str]], Callable[[str], list[list[str]]]]:
    """pypinyin's segmenter and converter as ``lazy_pinyin`` uses them (NORMAL style, no
    heteronyms, unknown characters kept). pypinyin loads its phrase dictionary on import
    (~0.4 s): only pay that when writing names."""
    from pypinyin import Style
    from pypinyin.converter import DefaultConverter
    from pypinyin.core import Pinyin

    converter = DefaultConverter()

    def convert(word: str) -> list[list[str]]:
        return converter.convert(word, Style.NORMAL, False, "default", True)

    return Pinyin(converter).seg, convert


@lru_cache(maxsize=65536)
def _word_syllables(word: str) -> tuple[str, ...]:
    """One segmented word's readings, as ``lazy_pinyin`` gives them."""
    return tuple(s for readings in _pypinyin()[1](word) for s in readings)


@lru_cache(maxsize=16384)
def _readings(char: str) -> tuple[str, ...]:
    """Every reading of one character, likeliest first (pypinyin's order)."""
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(dict.fromkeys(r for r in (found[0] if found else []) if r.isalpha()))


def surname_readings(name: str) -> list[tuple[str, ...]]:
    """The readings of the surname characters a person's name starts with: one tuple of
    readings per character (likeliest first), or [] when the name does not start with a
    surname that reads differently."""
    if name[:2] in COMPOUND_SURNAMES:
        return [(r,) for r in COMPOUND_SURNAMES[name[:2]]]
    if name[:1] in SURNAMES:
        return [SURNAMES[name[:1]]]
    return []


_CHINESE_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,4}")
_NAME_DOTS = re.compile(r"\s*[·・•]\s*")


def split_person_name(name: str) -> tuple[str, str]:
    """(family name, given name) of a person's display name, as an address book wants them
    (a vCard's ``N``).

    A Chinese name of two to four characters starts with its surname: a compound surname
    when it begins with one (欧阳|娜娜, 歐陽|娜娜), else the first character (张|三). A
    transliterated name joined by a middle dot puts the family name last (约翰|史密斯 from
    约翰·史密斯), and so does a Latin-letter name with spaces (Margaret|Thompson). Anything
    else (one word, a company-like label) is all family name, with no given name.
    """
    text = " ".join(name.split())
    if _CHINESE_NAME.fullmatch(text):
        size = 2 if len(text) > 2 and to_simplified(text[:2]) in COMPOUND_SURNAMES else 1
        return text[:size], text[size:]
    if _NAME_DOTS.search(text):
        *given, family = _NAME_DOTS.split(text)
        return family, "·".join(p for p in given if p)
    if " " in text and not has_cjk(text):
        given_names, family = text.rsplit(" ", 1)
        return family, given_names
    return text, ""


@dataclass(frozen=True, slots=True)
class NameKeys:
    """The spellings of one name that search matches against."""

    name: str  # normalized display name
    pinyin: str  # full pinyin without spaces; for Latin names the letters without spaces
    pinyin_spaced: str  # syllables separated by spaces ("zhang san")
    initials: str  # first letter of each syllable or word ("zs", "mt")
    words: tuple[str, ...]  # separate words of the name (Latin words, CJK runs)
    # Other readings of polyphonic characters: (pinyin, initials), likeliest first.
    alternates: tuple[tuple[str, str], ...] = ()

    def fts_text(self) -> str:
        """The text the substring (trigram) index holds."""
        return _fts_text(self)

    def prefix_terms(self) -> set[str]:
        """Terms for short (1–2 character) queries, matched by prefix.

        Every suffix of a CJK run is a term, so ``华科`` finds 深圳华科电子 and the initials'
        suffixes let ``hk`` find it too; Latin words are terms so ``ma`` finds Margaret.
        Other readings add their full pinyin and initials (not every suffix: that is where
        the index would grow with the readings).
        """
        return set(_prefix_terms(self))


# A person's name is indexed once per record that carries it: its index text and terms are
# worked out once per name (cached by value; callers get their own set to change).
@lru_cache(maxsize=32768)
def _fts_text(keys: NameKeys) -> str:
    parts = [keys.name, keys.pinyin, keys.pinyin_spaced, keys.initials]
    for pinyin, initials in keys.alternates:
        parts += [pinyin, initials]
    return " | ".join(dict.fromkeys(p for p in parts if p))


@lru_cache(maxsize=32768)
def _prefix_terms(keys: NameKeys) -> frozenset[str]:
    terms = {keys.name, keys.pinyin, keys.name.replace(" ", "")}
    terms.update(keys.words)
    for word in keys.words:
        if has_cjk(word):
            terms.update(word[i:] for i in range(1, len(word)))
    terms.update(keys.initials[i:] for i in range(len(keys.initials)))
    for pinyin, initials in keys.alternates:
        terms.update((pinyin, initials))
    return frozenset(t for t in terms if t)


@lru_cache(maxsize=16384)
def _normalized(syllable: str) -> str:
    """``normalize`` of a syllable: syllables repeat in every name, so fold each once."""
    return normalize(syllable)


@lru_cache(maxsize=16384)
def _spelling(syllable: str) -> tuple[str, str, str]:
    """One syllable (or run of other characters) as (letters, words spaced, initials)."""
    parts = _WORD.findall(normalize(syllable))
    return "".join(parts), " ".join(parts), "".join(p[0] for p in parts)


@lru_cache(maxsize=16384)
def _char_options(syllable: str, char: str) -> tuple[str, ...]:
    """A CJK character's readings: its reading in this name first, then its others."""
    if not _CJK.match(char):
        return (syllable,)
    return tuple(dict.fromkeys((syllable, *_readings(char)[:READINGS_PER_CHAR])))


def name_keys(display_name: str, *, person: bool = False) -> NameKeys:
    """The search keys of a name. ``person``: contacts and individual customers, whose name
    starts with a surname (read by the surname table); company names do not."""
    return _name_keys(display_name, person)


# People's names repeat (the demo's 500,000 people share a few thousand names): their keys
# are computed once each. NameKeys is frozen, so sharing one is safe.
@lru_cache(maxsize=32768)
def _name_keys(display_name: str, person: bool) -> NameKeys:
    name = normalize(display_name)
    syllables = [_normalized(s) for s in _syllables(name)]
    # Per syllable: its readings, likeliest first (a CJK syllable is one character).
    options: list[tuple[str, ...]] = [(s,) for s in syllables]
    if has_cjk(name):
        chars = [c for c in name if not c.isspace()]
        if len(syllables) == len(chars):  # one syllable per character
            options = [_char_options(s, c) for s, c in zip(syllables, chars, strict=True)]
            if person:
                for i, readings in enumerate(surname_readings(name)):
                    options[i] = readings
            syllables = [o[0] for o in options]
    spelled = [_spelling(s) for s in syllables]
    letters = [sp[0] for sp in spelled]
    firsts = [sp[2] for sp in spelled]
    pinyin = "".join(letters)
    initials = "".join(firsts)
    alternates: list[tuple[str, str]] = []
    # Second readings of every character before third readings of any: likeliest first.
    # A one-syllable change re-spells that syllable only; the rest of the name is as above.
    deepest = max((len(o) for o in options), default=1)
    for rank in range(1, deepest):
        for i, readings in enumerate(options):
            if len(alternates) >= MAX_SPELLINGS - 1:
                break
            if rank < len(readings):
                alt_letters, _, alt_first = _spelling(readings[rank])
                alternates.append(
                    (
                        "".join(letters[:i]) + alt_letters + "".join(letters[i + 1 :]),
                        "".join(firsts[:i]) + alt_first + "".join(firsts[i + 1 :]),
                    )
                )
    return NameKeys(
        name=name,
        pinyin=pinyin,
        pinyin_spaced=" ".join(sp[1] for sp in spelled if sp[1]),
        initials=initials,
        words=tuple(_WORD.findall(name)),
        alternates=tuple(dict.fromkeys(a for a in alternates if a[0] != pinyin)),
    )


# Every toneless Mandarin syllable (ü written v), as pypinyin 0.55 reads its characters: to
# split typed pinyin. A table, not derived at run time (deriving it costs ~0.9 s).
SYLLABLES = frozenset(
    """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong
    bu ca cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong
    chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai
    dan dang dao de dei den deng di dia dian diao die din ding diu dong dou du duan dui dun
    duo e ei en eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei
    gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng
    hm hng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing
    jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan
    kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian liang liao lie lin
    ling liu lo long lou lu luan lun luo lv lve m ma mai man mang mao me mei men meng mi
    mian miao mie min ming miu mo mou mu n na nai nan nang nao ne nei nen neng ng ni nia
    nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang
    pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing
    qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
    sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou
    shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan
    tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang
    wei wen weng wo wong wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya
    yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen
    zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan
    zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
    """.split()  # noqa: SIM905
)


@lru_cache(maxsize=4096)
def split_pinyin(word: str) -> tuple[str, ...] | None:
    """``zengxiaoming`` → (zeng, xiao, ming): the split into the fewest syllables, or None
    when the word is not all pinyin."""
    known = SYLLABLES
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if head is not None and word[start:end] in known:
                cand = (*head, word[start:end])
                if best[end] is None or len(cand) < len(best[end] or ()):
                    best[end] = cand
    return best[len(word)]


@lru_cache(maxsize=32768)
def pinyin_keys(spelling: str) -> NameKeys:
    """The keys of a hand-corrected pinyin, typed with or without spaces: each syllable keeps
    its initial (``zengxiaoming`` and ``zeng xiao ming`` both give ``zxm``)."""
    words: list[str] = []
    for word in _WORD.findall(normalize(spelling)):
        parts = None if has_cjk(word) else split_pinyin(word)
        words.extend(parts if parts else (word,))
    return name_keys(" ".join(words))


def pinyin_of(display_name: str) -> str:
    """The pinyin shown beside a person's Chinese name ("zeng guo qiang", the surname read
    as a surname); empty for names without CJK."""
    if not has_cjk(display_name):
        return ""
    return name_keys(display_name, person=True).pinyin_spaced


def sort_key(display_name: str, *, person: bool = False) -> str:
    """Alphabetical key where Chinese names sort by their pinyin among Latin names."""
    keys = name_keys(display_name, person=person)
    return f"{keys.pinyin_spaced}\x00{keys.name}"


def tag_id(name: str) -> str:
    """The id of the tag called ``name``: 26 base32 characters of a hash of the name folded
    for width, case and spacing. Derived, not random, so that two laptops creating "重点"
    independently create the same tag, and "OEM" and "oem" are one tag."""
    key = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii")[:26]


_TEXT_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\W_]+")


def text_tokens(text: str) -> list[str]:
    """Words of free text for search: Chinese runs as overlapping pairs of characters (竞争对手
    → 竞争 争对 对手; a lone character stays one), other words whole, all folded like names.

    A full-text index of these finds any two characters of a Chinese note (trigrams cannot:
    two-character words such as 竞争 or 扩产 are what people type) and any word prefix."""
    out: list[str] = []
    for run in _TEXT_RUNS.findall(normalize(text)):
        if _CJK.match(run):
            out.extend(run[i : i + 2] for i in range(max(len(run) - 1, 1)))
        else:
            out.append(run)
    return out
