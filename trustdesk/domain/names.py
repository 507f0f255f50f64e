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
from dataclasses import dataclass
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[0-9a-z]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def normalize(text: str) -> str:
    """Fold width and case and collapse spaces: ``Ｚｈａｎｇ  San`` → ``zhang san``."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(text.split())


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


@lru_cache(maxsize=65536)
def _syllables(text: str) -> tuple[str, ...]:
    # Each CJK character becomes its pinyin syllable; each run of other characters stays whole.
    # pypinyin loads its phrase dictionary on import (~0.4 s): only pay that when writing names.
    from pypinyin import Style, lazy_pinyin

    return tuple(s for s in lazy_pinyin(text, style=Style.NORMAL, errors="default") if s.strip())


@dataclass(frozen=True, slots=True)
class NameKeys:
    """The spellings of one name that search matches against."""

    name: str  # normalized display name
    pinyin: str  # full pinyin without spaces; for Latin names the letters without spaces
    pinyin_spaced: str  # syllables separated by spaces ("zhang san")
    initials: str  # first letter of each syllable or word ("zs", "mt")
    words: tuple[str, ...]  # separate words of the name (Latin words, CJK runs)

    def fts_text(self) -> str:
        """The text the substring (trigram) index holds."""
        parts = [self.name, self.pinyin, self.pinyin_spaced, self.initials]
        return " | ".join(dict.fromkeys(p for p in parts if p))

    def prefix_terms(self) -> set[str]:
        """Terms for short (1–2 character) queries, matched by prefix.

        Every suffix of a CJK run is a term, so ``华科`` finds 深圳华科电子 and the initials'
        suffixes let ``hk`` find it too; Latin words are terms so ``ma`` finds Margaret.
        """
        terms = {self.name, self.pinyin, self.name.replace(" ", "")}
        terms.update(self.words)
        for word in self.words:
            if has_cjk(word):
                terms.update(word[i:] for i in range(1, len(word)))
        terms.update(self.initials[i:] for i in range(len(self.initials)))
        return {t for t in terms if t}


def name_keys(display_name: str) -> NameKeys:
    name = normalize(display_name)
    syllables = [normalize(s) for s in _syllables(name)]
    spaced_parts: list[str] = []
    for s in syllables:
        spaced_parts.extend(_WORD.findall(s))
    pinyin_spaced = " ".join(spaced_parts)
    pinyin = "".join(spaced_parts)
    initials = "".join(p[0] for p in spaced_parts if p)
    return NameKeys(
        name=name,
        pinyin=pinyin,
        pinyin_spaced=pinyin_spaced,
        initials=initials,
        words=tuple(_WORD.findall(name)),
    )


def pinyin_of(display_name: str) -> str:
    """The pinyin shown beside a Chinese name ("zhang san"); empty for names without CJK."""
    return name_keys(display_name).pinyin_spaced if has_cjk(display_name) else ""


def sort_key(display_name: str) -> str:
    """Alphabetical key where Chinese names sort by their pinyin among Latin names."""
    keys = name_keys(display_name)
    return f"{keys.pinyin_spaced}\x00{keys.name}"


def tag_id(name: str) -> str:
    """The id of the tag called ``name``: 26 base32 characters of a hash of the name folded
    for width, case and spacing. Derived, not random, so that two laptops creating "重点"
    independently create the same tag, and "OEM" and "oem" are one tag."""
    key = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii")[:26]
