"""A phone's address book (vCard 2.1, 3.0 or 4.0) as a ``SourceTable`` of fixed columns.

A small parser of our own rather than vobject: it must keep reading past a broken card (and
say which one), accept what Android (2.1, quoted-printable UTF-8 with soft line breaks) and
iPhone (3.0, ``item1.TEL;type=CELL;type=VOICE;type=pref``, folded base64 photos) really
write, and it is short. What each card gives, one row per card (``VCARD_HEADERS``):

- Name: FN; without it, N: family name then given name, with no space when Chinese (张伟),
  given name first otherwise (Wei Zhang, as address books show it).
- Company and Department: ORG's first component, and the rest joined with " / ".
- Title: TITLE (ROLE when there is no TITLE).
- Mobile: the first TEL typed CELL, else the first shaped like a mainland mobile number
  (13800138000, +86 138 0013 8000); Phone: the first other one that is neither a fax nor
  typed CELL (a second mobile is not the office line);
  Other phones: the rest, joined with "; ".
- Email and Other emails: the preferred (or first) address, then the rest joined with "; ".
- Birthday: ``YYYY-MM-DD``; without a year (vCard 4 ``--0312``, or Apple's placeholder
  year 1604) as ``--MM-DD``, so the month and day are not lost; the mapping decides what to
  do with it. A value of another shape is kept as written.
- Note: every NOTE, one per line. Address: each ADR readable (中国广东省深圳市南山区科技园
  for Chinese, "1 Main St, Springfield, IL 62701, USA" otherwise), several joined with "; ".
- WeChat: X-WECHAT (or X-WEIXIN, or IMPP with a ``wechat:``/``weixin:`` address).

Photos, logos, sounds and keys are skipped whatever their encoding. A card that cannot be
read whole (no END:VCARD before the next BEGIN or the end of the file, a line that is not a
property, a value that does not decode) is listed as unread with its BEGIN line, and the
other cards are read; lines outside any card are listed too, never dropped.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from trustdesk.domain.names import has_cjk
from trustdesk.services.importing.errors import file_error
from trustdesk.services.importing.table import SourceFormat, SourceRow, SourceTable, UnreadRow
from trustdesk.services.importing.text_encoding import DecodedText
from trustdesk.services.progress import Progress

VCARD_HEADERS = (
    "Name",
    "Company",
    "Department",
    "Title",
    "Mobile",
    "Phone",
    "Other phones",
    "Email",
    "Other emails",
    "Birthday",
    "Note",
    "Address",
    "WeChat",
)
PROGRESS_CARDS = 2000
SKIPPED = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+$")
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/=]+$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_MAINLAND_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})


class CardError(Exception):
    """Internal: why a card cannot be read (both languages), raised while reading it."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh


@dataclass(slots=True)
class Property:
    name: str  # upper case, without the group (``item1.``)
    params: dict[str, list[str]]  # keys upper case; bare 2.1 params under TYPE or ENCODING
    value: str  # as written (still encoded and escaped)
    line: int

    @property
    def types(self) -> set[str]:
        return {t.upper() for t in self.params.get("TYPE", [])}

    def param(self, key: str) -> str:
        values = self.params.get(key)
        return values[0] if values else ""


@dataclass(slots=True)
class Card:
    line: int  # the BEGIN:VCARD line
    end: int = 0  # its last physical line (END:VCARD, or the line before the next card)
    properties: list[Property] = field(default_factory=list)
    error: CardError | None = None


def read_vcard(path: Path, decoded: DecodedText, progress: Progress | None = None) -> SourceTable:
    table = SourceTable(
        format=SourceFormat.VCARD,
        encoding=decoded.encoding,
        encoding_guessed=decoded.guessed,
        headers=list(VCARD_HEADERS),
        encoding_candidates=list(decoded.candidates),
    )
    physical = _LINE_BREAK.split(decoded.text)
    cards = 0
    for item in _cards(physical, table.unread):
        cards += 1
        if item.error is None:
            try:
                cells = card_cells(item)
            except CardError as e:
                item.error = e
            else:
                if any(cells):
                    table.rows.append(SourceRow(item.line, cells))
        if item.error is not None:
            raw = "\n".join(physical[item.line - 1 : item.end])  # for the rejects file
            table.unread.append(UnreadRow(item.line, raw, item.error.en, item.error.zh))
        if progress is not None and cards % PROGRESS_CARDS == 0:
            progress.step(item.line, len(physical))
    if not cards:
        raise file_error(
            path,
            "{name} holds no contact cards (no BEGIN:VCARD line); export the contacts from "
            "the phone again as a vCard (.vcf) file.",
            "{name} 中没有联系人名片（没有 BEGIN:VCARD 行），请从手机重新导出 vCard（.vcf）文件。",
        )
    table.unread.sort(key=lambda u: u.line)
    return table


# -- cards and logical lines --------------------------------------------------------------


def _cards(physical: list[str], unread: list[UnreadRow]) -> Iterator[Card]:
    """The cards of the file, each with its logical (unfolded) properties or its error.
    Non-blank lines outside any card go to ``unread``."""
    card: Card | None = None
    stray: list[int] = []  # first and last line of non-blank lines outside cards
    for first, last, text in _logical_lines(physical):
        upper = text.strip().upper()
        if upper == "BEGIN:VCARD":
            _flush_stray(stray, physical, unread)
            if card is not None:
                card.error = card.error or _no_end(next_card=True)
                yield card
            card = Card(first, last)
        elif card is None:
            if upper and stray:
                stray[1:] = [last]
            elif upper:
                stray[:] = [first, last]
        else:
            card.end = last
            if upper == "END:VCARD":
                yield card
                card = None
            elif upper and card.error is None:
                try:
                    card.properties.append(_property(text, first))
                except CardError as e:
                    card.error = e
    if card is not None:
        card.error = card.error or _no_end(next_card=False)
        yield card
    _flush_stray(stray, physical, unread)


def _logical_lines(physical: list[str]) -> Iterator[tuple[int, int, str]]:
    """(first physical line, last physical line, unfolded text) per logical line.

    Unfolds a line starting with a space or tab into the one before (3.0/4.0 folding, and
    iPhone's folded photos), a quoted-printable value ending with ``=`` (2.1 soft line
    break: the next line continues it, indented or not) and the lines of a 2.1 base64 value
    that are not indented, which run to a blank line. Pieces are joined once at the end: a
    photo runs to a thousand lines.
    """
    parts: list[str] = []
    first = 0
    for number, line in enumerate(physical, start=1):
        if parts:
            piece = _continuation(parts, line)
            if piece is not None:
                parts.append(piece)
                continue
            yield first, number - 1, "".join(parts)
        parts = [line]
        first = number
    if parts:
        yield first, len(physical), "".join(parts)


def _continuation(parts: list[str], line: str) -> str | None:
    """What ``line`` adds to the logical line of ``parts``, or None when it starts a new one
    (the last part of a soft-broken quoted-printable value loses its ``=`` here)."""
    folded = line[:1] in (" ", "\t")
    soft = parts[-1].endswith("=") and "QUOTED-PRINTABLE" in _head(parts[0]).upper()
    if (folded or soft) and line.strip().upper() == "END:VCARD":
        return None
    if soft:
        parts[-1] = parts[-1][:-1]
        return line.lstrip(" \t")
    if folded:
        return line[1:]
    if line and ":" not in line and _BASE64_LINE.match(line):
        return line if "BASE64" in _head(parts[0]).upper() else None
    return None


def _head(text: str) -> str:
    """The name and parameters: the text before the first colon outside quotes."""
    index = _unquoted_index(text, ":")
    return text[:index] if index >= 0 else ""


def _unquoted_index(text: str, char: str) -> int:
    if '"' not in text:
        return text.find(char)
    quoted = False
    for i, c in enumerate(text):
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            return i
    return -1


def _split_unquoted(text: str, char: str) -> list[str]:
    if '"' not in text:
        return text.split(char)
    parts: list[str] = []
    quoted = False
    start = 0
    for i, c in enumerate(text):
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _property(text: str, line: int) -> Property:
    colon = _unquoted_index(text, ":")
    tokens = _split_unquoted(text[:colon], ";") if colon > 0 else []
    if not tokens or not _NAME.match(tokens[0]):
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise CardError(
            f"line {line} is not a vCard property (NAME:value): {shown}",
            f"第 {line} 行不是 vCard 属性（名称：值）：{shown}",
        )
    params: dict[str, list[str]] = {}
    for token in tokens[1:]:
        key, equals, value = token.partition("=")
        if equals:
            values = value.strip().strip('"').split(",")
            params.setdefault(key.strip().upper(), []).extend(v.strip() for v in values)
        elif token.strip():
            bare = token.strip().upper()
            params.setdefault("ENCODING" if bare in _BARE_ENCODINGS else "TYPE", []).append(bare)
    return Property(tokens[0].rsplit(".", 1)[-1].upper(), params, text[colon + 1 :], line)


def _no_end(*, next_card: bool) -> CardError:
    if next_card:
        return CardError(
            "the card that starts here has no END:VCARD before the next card",
            "此名片在下一张名片开始之前缺少 END:VCARD",
        )
    return CardError(
        "the card that starts here has no END:VCARD (the file may be cut off)",
        "此名片缺少 END:VCARD（文件可能不完整）",
    )


def _flush_stray(stray: list[int], physical: list[str], unread: list[UnreadRow]) -> None:
    if stray:
        first, last = stray[0], stray[-1]
        unread.append(
            UnreadRow(
                first,
                "\n".join(physical[first - 1 : last]),
                "lines outside any card (no BEGIN:VCARD before them)",
                "这些行不在任何名片之内（前面没有 BEGIN:VCARD）",
            )
        )
        stray.clear()


# -- values ---------------------------------------------------------------------------------


def _decoded(prop: Property) -> str:
    """The value as text: quoted-printable or base64 undone, bytes decoded in CHARSET."""
    encoding = prop.param("ENCODING").upper()
    if encoding == "QUOTED-PRINTABLE":
        data = binascii.a2b_qp(prop.value.encode("utf-8"))
    elif encoding in ("B", "BASE64"):
        try:
            data = base64.b64decode(prop.value, validate=False)
        except binascii.Error:
            raise _undecodable(prop, "base64") from None
    else:
        return prop.value
    charset = prop.param("CHARSET") or "utf-8"
    for codec in dict.fromkeys((charset, "utf-8", "gb18030")):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    raise _undecodable(prop, charset)


def _undecodable(prop: Property, how: str) -> CardError:
    return CardError(
        f"line {prop.line}: the value of {prop.name} cannot be decoded as {how}",
        f"第 {prop.line} 行：{prop.name} 的值无法按 {how} 解码",
    )


def _unescape(text: str, version: str) -> str:
    """``\\n`` → line break, ``\\,`` ``\\;`` ``\\\\`` → the character. vCard 2.1 escapes
    only the semicolon: its backslashes are text (C:\\Users in a note stays)."""
    if "\\" not in text:
        return text
    if version == "2.1":
        return text.replace("\\;", ";")
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _components(text: str, version: str) -> list[str]:
    """A structured value (N, ORG, ADR) split on unescaped semicolons, each unescaped."""
    parts = re.split(r"(?<!\\);", text)
    return [_unescape(p, version).strip() for p in parts]


# -- the row --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Fields:
    fn: str = ""
    n: list[str] = field(default_factory=list)
    org: list[str] = field(default_factory=list)
    title: str = ""
    role: str = ""
    phones: list[tuple[str, set[str]]] = field(default_factory=list)
    emails: list[tuple[str, bool]] = field(default_factory=list)  # (address, preferred)
    birthday: str = ""
    notes: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    wechat: str = ""


def card_cells(card: Card) -> tuple[str, ...]:
    """The card's row, one cell per ``VCARD_HEADERS``; raises ``CardError``."""
    version = next((p.value.strip() for p in card.properties if p.name == "VERSION"), "3.0")
    found = _Fields()
    for prop in card.properties:
        if prop.name not in SKIPPED:
            _take(found, prop, version)
    mobile, phone, other_phones = _phones(found.phones)
    emails = [e for e, pref in found.emails if pref] + [e for e, pref in found.emails if not pref]
    emails = list(dict.fromkeys(emails))
    cells = (
        found.fn or _name_from_n(found.n),
        found.org[0] if found.org else "",
        " / ".join(part for part in found.org[1:] if part),
        found.title or found.role,
        mobile,
        phone,
        "; ".join(other_phones),
        emails[0] if emails else "",
        "; ".join(emails[1:]),
        found.birthday,
        "\n".join(found.notes),
        "; ".join(found.addresses),
        found.wechat,
    )
    return tuple(cell.strip() for cell in cells)


def _take(found: _Fields, prop: Property, version: str) -> None:
    name = prop.name
    if name not in _USED:
        return
    value = _decoded(prop)
    if name == "FN":
        found.fn = found.fn or _unescape(value, version).strip()
    elif name == "N":
        found.n = found.n or _components(value, version)
    elif name == "ORG":
        found.org = found.org or _components(value, version)
    elif name in ("TITLE", "ROLE"):
        text = _unescape(value, version).strip()
        if name == "TITLE":
            found.title = found.title or text
        else:
            found.role = found.role or text
    elif name == "TEL":
        number = _phone_number(_unescape(value, version))
        if number:
            found.phones.append((number, prop.types))
    elif name == "EMAIL":
        address = _unescape(value, version).strip()
        if address.lower().startswith("mailto:"):
            address = address[7:]
        if address:
            preferred = "PREF" in prop.types or prop.param("PREF") == "1"
            found.emails.append((address, preferred))
    elif name == "BDAY":
        found.birthday = found.birthday or _birthday(value.strip(), prop)
    elif name == "NOTE":
        note = _unescape(value, version).strip()
        if note:
            found.notes.append(note)
    elif name == "ADR":
        address = _address(_components(value, version))
        if address:
            found.addresses.append(address)
    else:  # X-WECHAT, X-WEIXIN, IMPP
        found.wechat = found.wechat or _wechat(name, _unescape(value, version).strip())


_USED = frozenset(
    {"FN", "N", "ORG", "TITLE", "ROLE", "TEL", "EMAIL", "BDAY", "NOTE", "ADR"}
    | {"X-WECHAT", "X-WEIXIN", "IMPP"}
)


def _name_from_n(parts: list[str]) -> str:
    family, given, additional = [*parts, "", "", ""][:3]
    if has_cjk(family + given):
        return family + additional + given
    return " ".join(p for p in (given, additional, family) if p)


def _phone_number(value: str) -> str:
    number = value.strip()
    if number.lower().startswith("tel:"):
        number = number[4:]
    return number.strip()


def _phones(phones: list[tuple[str, set[str]]]) -> tuple[str, str, list[str]]:
    """(Mobile, Phone, other phones) by the rules in the module's docstring."""
    unique: dict[str, set[str]] = {}
    for number, types in phones:
        unique.setdefault(number, set()).update(types)
    numbers = list(unique)
    mobile = next((n for n in numbers if "CELL" in unique[n]), "")
    if not mobile:
        mobile = next((n for n in numbers if "FAX" not in unique[n] and _is_mobile(n)), "")
    rest = [n for n in numbers if n != mobile]
    phone = next((n for n in rest if not unique[n] & {"FAX", "CELL"}), "")
    return mobile, phone, [n for n in rest if n != phone]


def _is_mobile(number: str) -> bool:
    return bool(_MAINLAND_MOBILE.match(re.sub(r"[\s\-()]", "", number)))


def _birthday(value: str, prop: Property) -> str:
    text = value.split("T", 1)[0]
    no_year = re.fullmatch(r"--(\d\d)-?(\d\d)", text)
    if no_year:
        return f"--{no_year[1]}-{no_year[2]}"
    full = re.fullmatch(r"(\d{4})-?(\d\d)-?(\d\d)", text)
    if not full:
        return value
    year, month, day = full[1], full[2], full[3]
    if year == "1604" or prop.param("X-APPLE-OMIT-YEAR") == year:
        return f"--{month}-{day}"
    return f"{year}-{month}-{day}"


def _address(parts: list[str]) -> str:
    """ADR (post box; extended; street; city; region; postal code; country) as one line."""
    box, extended, street, city, region, code, country = (
        p.replace("\n", " ").strip() for p in (parts + [""] * 7)[:7]
    )
    if has_cjk("".join(parts)):
        text = "".join((country, region, city, street, extended, box))
        return f"{text} {code}".strip()
    place = " ".join(p for p in (region, code) if p)
    return ", ".join(p for p in (street, extended, box, city, place, country) if p)


def _wechat(name: str, value: str) -> str:
    if name != "IMPP":
        return value
    scheme, _, address = value.partition(":")
    return address if scheme.lower() in ("wechat", "weixin", "x-wechat") else ""
