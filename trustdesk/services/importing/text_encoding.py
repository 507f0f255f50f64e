"""Which text encoding a CSV or vCard file is in, and its text.

The order of the guess, surest first:

1. A byte-order mark says it outright (UTF-8, UTF-16 LE or BE).
2. NUL bytes: no 8-bit Chinese encoding has them, while UTF-16 without a mark has one in
   every ASCII character (commas, digits, line ends), always on the same side of the pair
   (odd offsets for little-endian). Mostly on one side and strictly decodable: UTF-16;
   otherwise the file is not text at all.
3. Strict UTF-8: GB18030 or Big5 text is almost never valid UTF-8 past a few characters.
   A short text that happens to be valid UTF-8 but reads as stray accented or Armenian
   letters is not taken for UTF-8.
4. GB18030 or Big5 (GB18030 also covers GBK and GB2312, which WPS and Excel write in
   mainland China). Nearly any byte string decodes as GB18030 and most Big5 files do too, so
   decodability alone cannot choose. Each decoding is scored by how ordinary its characters
   are (``han_frequency``: the 3,000 commonest characters of texts and names, the Big5
   reading ranked through its simplified form): the wrong reading of the bytes gives
   characters picked nearly at random: rare ones, private-use ones (Big5's commonest
   characters fall in GB18030's user-defined area) or kana and Cyrillic (GB's symbol rows).
   The right reading of even a two-character name (张伟 or 張偉) gives two common ones. A tie
   goes to GB18030: the app's users are mostly in mainland China.

The score is computed on ``SAMPLE_BYTES`` from the first non-ASCII line only; the whole file
is then decoded strictly with the winner (and with the next candidate if the winner fails
further on), so a file is never read with replacement characters in it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from trustdesk.domain.names import to_simplified
from trustdesk.services.importing.errors import ImportFileError, file_error
from trustdesk.services.importing.han_frequency import COMMON_HAN

SAMPLE_BYTES = 64 * 1024
BIG5_CODECS = ("big5", "cp950", "big5hkscs")  # strict Big5 first, then its extensions
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str  # the codec's name as Python spells it ("utf-8-sig", "gb18030", "big5", ...)
    guessed: bool
    candidates: list[str] = field(default_factory=list)  # plausible codecs, best first


def decode_text(data: bytes, path: Path, encoding: str | None = None) -> DecodedText:
    """The file's text, in ``encoding`` when given, else in the encoding guessed."""
    if encoding:
        return _decode_as(data, path, encoding)
    encoding_found, candidates = guess_encoding(data, path)
    for codec in _fallbacks([encoding_found, *candidates]):
        text = _strict(data, codec)
        if text is not None:
            return DecodedText(_text(text), codec, True, candidates)
    raise _not_text(path)


def _fallbacks(codecs_: list[str]) -> list[str]:
    """The codecs to try in turn on the whole file: a Big5 one that fails past the sample is
    followed by its extensions (cp950, HKSCS) before anything else."""
    order: list[str] = []
    for codec in codecs_:
        more = BIG5_CODECS[BIG5_CODECS.index(codec) :] if codec in BIG5_CODECS else (codec,)
        order.extend(c for c in more if c not in order)
    return order


def guess_encoding(data: bytes, path: Path) -> tuple[str, list[str]]:
    """The likeliest codec of ``data`` and every plausible one, best first."""
    sample = data[:SAMPLE_BYTES]
    bom = _by_bom(sample)
    if bom:
        return bom, [bom]
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise _not_text(path)
        return utf16, [utf16]
    sample = _text_sample(data)
    scores: dict[str, float] = {}
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        if utf8.isascii():
            return "utf-8", ["utf-8"]
        scores["utf-8"] = score_text(_strict(sample, "utf-8") or utf8[:SAMPLE_BYTES], "utf-8")
        if scores["utf-8"] >= 0:
            return "utf-8", ["utf-8", *_others(sample, exclude="utf-8")]
    for codec in ("gb18030", *BIG5_CODECS):
        if codec in BIG5_CODECS and any(c in scores for c in BIG5_CODECS):
            continue
        text = _strict(sample, codec)
        if text is not None:
            scores[codec] = score_text(text, codec)
    if not scores:
        raise _not_text(path)
    # Sorted by score, a tie keeping the order above (GB18030 before Big5).
    ranked = sorted(scores, key=lambda c: -scores[c])
    return ranked[0], ranked


def _text_sample(data: bytes) -> bytes:
    """Up to ``SAMPLE_BYTES`` of whole lines from the first line with a non-ASCII byte (a
    file whose first thousand rows are ASCII still has its Chinese scored), cut at a line
    end: never inside a multi-byte character."""
    first = _NON_ASCII.search(data)
    start = data.rfind(b"\n", 0, first.start()) + 1 if first else 0
    sample = data[start : start + SAMPLE_BYTES]
    if start + SAMPLE_BYTES < len(data):
        cut = sample.rfind(b"\n")
        sample = sample[: cut + 1] if cut > 0 else sample
    return sample


def score_text(text: str, codec: str) -> float:
    """How ordinary the non-ASCII characters of ``text`` are, read as ``codec``: about 4 for
    everyday Chinese, 0 or less for a wrong reading of the bytes."""
    ranks = _ranks(fold=codec != "gb18030")  # Big5 is traditional; UTF-8 may be either
    total = 0
    count = 0
    for char in text:
        code = ord(char)
        if code < 0x80:
            continue
        count += 1
        total += _weight(char, code, ranks)
    return total / count if count else 0.0


def _weight(char: str, code: int, ranks: dict[str, int]) -> int:
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or code >= 0x20000:
        rank = ranks.get(char)
        if rank is None:
            return 0
        return 4 if rank < 500 else 3 if rank < 1000 else 2 if rank < 2000 else 1
    if 0xE000 <= code <= 0xF8FF or code == 0xFFFD:  # private use: user-defined codes
        return -4
    if 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x206F:
        return 1  # CJK and full-width punctuation, quotes, dashes, ellipsis
    if (0xC0 <= code <= 0x17F and char.isalpha()) or code in (0xB7, 0xA0):
        return 1  # accented Latin letters (names like José), middle dot, no-break space
    return -2  # kana, Cyrillic, Greek, box drawing, Armenian: a wrong reading's marks


@lru_cache(maxsize=2)
def _ranks(*, fold: bool) -> dict[str, int]:
    """Each common character's rank; with ``fold``, its traditional forms too."""
    ranks = {char: rank for rank, char in enumerate(COMMON_HAN)}
    if fold:
        for code in range(0x4E00, 0xA000):
            char = chr(code)
            simplified = to_simplified(char)
            if simplified != char and simplified in ranks:
                ranks.setdefault(char, ranks[simplified])
    return ranks


def _others(sample: bytes, *, exclude: str) -> list[str]:
    """The 8-bit Chinese codecs that also decode the sample, best first (for the preview's
    choice when the guess was UTF-8)."""
    scored: dict[str, float] = {}
    for codec in ("gb18030", "big5"):
        text = _strict(sample, codec)
        if codec != exclude and text is not None:
            scored[codec] = score_text(text, codec)
    return sorted(scored, key=lambda c: -scored[c])


def _by_bom(sample: bytes) -> str | None:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the NUL bytes sit on one side of the pairs and the
    text decodes strictly with no control characters; None for anything else (binary)."""
    sample = data[:SAMPLE_BYTES]
    nuls = sample.count(0)
    if len(data) % 2 or nuls * 50 < len(sample):  # UTF-16 has an even length; ASCII marks
        return None
    odd = sample[1::2].count(0)
    even = nuls - odd
    codec = "utf-16-le" if odd >= 0.9 * nuls else "utf-16-be" if even >= 0.9 * nuls else None
    if codec is None:
        return None
    text = _strict(data, codec)
    if text is None or _CONTROL.search(text):
        return None
    return codec


def _decode_as(data: bytes, path: Path, encoding: str) -> DecodedText:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise file_error(
            path,
            f"TrustDesk does not know the text encoding '{encoding}' asked for {{name}}; "
            "choose UTF-8, GB18030, Big5 or UTF-16.",
            f"TrustDesk 不认识为 {{name}} 指定的文本编码“{encoding}”,"
            "请选择 UTF-8、GB18030、Big5 或 UTF-16。",
        ) from None
    try:
        candidates = guess_encoding(data, path)[1]
    except ImportFileError:
        candidates = []
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data[: e.start].decode(encoding, errors="replace").count("\n") + 1
        others = [c for c in candidates if c != codec] or ["utf-8", "gb18030", "big5"]
        raise file_error(
            path,
            f"{{name}} is not {encoding} text (line {line} cannot be read that way); "
            f"choose another encoding, such as {others[0]}.",
            f"{{name}} 不是 {encoding} 编码的文本（第 {line} 行无法按此编码读取），"
            f"请换一种编码，例如 {others[0]}。",
        ) from None
    if "\x00" in text:
        raise file_error(
            path,
            f"{{name}} reads as {encoding} with zero bytes between the letters, so it is "
            "probably UTF-16 text; choose UTF-16.",
            f"{{name}} 按 {encoding} 读取时字母之间夹着零字节，它多半是 UTF-16 文本，"
            "请选择 UTF-16。",
        )
    return DecodedText(_text(text), codec, False, candidates)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _text(text: str) -> str:
    """Without a byte-order mark a codec kept as a character (utf-8, utf-16-le)."""
    return text[1:] if text.startswith("\ufeff") else text


def _not_text(path: Path) -> ImportFileError:
    return file_error(
        path,
        "{name} is not a text file, an Excel workbook (.xlsx) or a vCard; save the contacts "
        "as .xlsx, CSV or vCard and import that file.",
        "{name} 不是文本文件、Excel 工作簿（.xlsx）或 vCard 名片文件，请把联系人另存为 "
        ".xlsx、CSV 或 vCard 后再导入。",
    )
